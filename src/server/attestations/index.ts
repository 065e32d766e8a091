// Attestations of manual controls: recorded by a compliance officer, confirmed by a second person.
export * from './attestation-rules';
export { ACCEPTED_FILE_EXTENSIONS, ATTESTATION_FILE_TYPES, inspectAttestationFile, MAX_ATTESTATION_FILE_BYTES } from './attestation-file';
export { recordAttestation, recordAttestationSchema, type AttestationUpload, type RecordAttestationInput } from './record-attestation';
export { decideAttestation, decideAttestationSchema, type DecideAttestationInput } from './decide-attestation';
export { revokeAttestation, revokeAttestationSchema } from './revoke-attestation';
export { listAttestations, listAttestationsSchema, type AttestationRow } from './list-attestations';
export { attestationHistory } from './attestation-history';
export { attestationFile } from './attestation-file-download';
export { activeAttestations } from './active-attestations';
export { attestationAccounts } from './attestation-accounts';
