// Evidence bundles: a signed, hashed ZIP of the posture, its evidence and its history, for
// auditors (format in bundle-format.ts and the README), and their verification.
export { bundleScopeQuery, bundleScopeSchema, BUNDLE_CATALOG, parseBundleScope, resolveBundleScope, type BundleScope, type ResolvedScope } from './bundle-scope';
export { BundleAbortedError, buildEvidenceBundle, type BuiltBundle } from './build-evidence-bundle';
export { FILE_DESCRIPTIONS } from './bundle-format';
export { startEvidenceExport, type EvidenceExport, type ExportStatus } from './export-evidence';
export { evidenceExportOptions, type ExportOptions } from './export-options';
export { EVIDENCE_FORMAT_VERSION, type EvidenceManifest, type ManifestFile } from './manifest';
export { recentExports, type RecentExport } from './recent-exports';
export { MAX_UPLOAD_BYTES, receiveUpload, type ReceivedUpload } from './receive-upload';
export { evidenceSigningKey, formatFingerprint, type SigningKey } from './signing';
export { formatProblem, verifyEvidenceBundle, type BundleProblem, type BundleVerification } from './verify-evidence-bundle';
