// Builders for the posture tests: a small catalog of our own (not the real
// data) and terse constructors for records, exclusions and attestations.

import type { CatalogControl, CatalogService, CatalogVersion, Severity } from '@/server/catalog/types';
import type { Attestation, EvidenceRecord, Exclusion } from './types';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const BUCKET_1 = 'arn:aws:s3:::phi-bucket-1';
export const BUCKET_2 = 'arn:aws:s3:::phi-bucket-2';
export const QUEUE_1 = 'arn:aws:sqs:us-east-1:111111111111:phi-queue-1';

/** The instant most tests evaluate at; `at(minutes)` is relative to it. */
export const AS_OF = new Date('2030-06-01T00:00:00Z');
export function at(minutesFromAsOf: number): Date {
  return new Date(AS_OF.getTime() + minutesFromAsOf * 60_000);
}

export function control(
  id: string,
  serviceId: string,
  evidence: { securityHub?: string[]; config?: string[] } = {},
  defaultSeverity: Severity = 'MEDIUM',
): CatalogControl {
  return {
    id,
    serviceId,
    family: 'administrative',
    title: id,
    requirement: `Requirement of ${id}`,
    whitepaperSection: serviceId,
    hipaaCitations: ['45 CFR 164.312(a)(2)(iv)'],
    evidence: { securityHubControlIds: evidence.securityHub ?? [], configRuleIdentifiers: evidence.config ?? [] },
    phiRelated: true,
    defaultSeverity,
  };
}

export function service(id: string, controls: CatalogControl[]): CatalogService {
  return {
    id,
    name: id.toUpperCase(),
    whitepaperSection: id,
    mayHoldPhi: true,
    summary: `Test service ${id}`,
    resourceTypes: [],
    controls,
  };
}

export function catalogOf(services: CatalogService[]): CatalogVersion {
  return { version: 'test', title: 'Test catalog', services };
}

/**
 * s3: S3-ENC (SH S3.4 + Config rule), S3-TLS (SH S3.5 + Config rule), S3-LOG (two SH controls)
 * sqs: SQS-ENC (SH SQS.1), SQS-ENC-KMS (also SH SQS.1: one check evidencing two controls)
 * admin: ADMIN-RISK, ADMIN-TRAINING (manual)
 */
export const TEST_CATALOG = catalogOf([
  service('s3', [
    control('S3-ENC', 's3', { securityHub: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }, 'HIGH'),
    control('S3-TLS', 's3', { securityHub: ['S3.5'], config: ['S3_BUCKET_SSL_REQUESTS_ONLY'] }),
    control('S3-LOG', 's3', { securityHub: ['S3.9', 'S3.22'] }, 'LOW'),
  ]),
  service('sqs', [
    control('SQS-ENC', 'sqs', { securityHub: ['SQS.1'] }),
    control('SQS-ENC-KMS', 'sqs', { securityHub: ['SQS.1'] }),
  ]),
  service('admin', [control('ADMIN-RISK', 'admin'), control('ADMIN-TRAINING', 'admin')]),
]);

let recordSequence = 0;

/** A Security Hub finding on BUCKET_1 in ACCOUNT_A, passing S3.4 an hour before AS_OF, unless overridden. */
export function finding(overrides: Partial<EvidenceRecord> = {}): EvidenceRecord {
  recordSequence += 1;
  return {
    source: 'securityhub',
    evidenceKey: 'S3.4',
    recordId: `record-${String(recordSequence).padStart(6, '0')}`,
    accountId: ACCOUNT_A,
    region: 'us-east-1',
    resourceType: 'AWS::S3::Bucket',
    resourceId: BUCKET_1,
    rawStatus: 'PASSED',
    observedAt: at(-60),
    archived: false,
    workflowStatus: 'NEW',
    ...overrides,
  };
}

/** An AWS Config evaluation on BUCKET_1 in ACCOUNT_A, compliant with S3-ENC's rule, unless overridden. */
export function configEvaluation(overrides: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return finding({
    source: 'config',
    evidenceKey: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
    rawStatus: 'COMPLIANT',
    workflowStatus: undefined,
    ...overrides,
  });
}

export function exclusion(overrides: Partial<Exclusion> = {}): Exclusion {
  return {
    id: 'exclusion-1',
    accountId: ACCOUNT_A,
    resourceId: BUCKET_1,
    controlId: 'S3-ENC',
    serviceId: 's3',
    status: 'approved',
    expiresAt: at(60 * 24 * 30),
    ...overrides,
  };
}

export function attestation(overrides: Partial<Attestation> = {}): Attestation {
  return {
    id: 'attestation-1',
    controlId: 'ADMIN-RISK',
    accountId: null,
    status: 'confirmed',
    validUntil: at(60 * 24 * 365),
    ...overrides,
  };
}
