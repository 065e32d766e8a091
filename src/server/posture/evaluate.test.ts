import { describe, expect, it } from 'vitest';
import {
  attestationFinder,
  complianceScore,
  currentResourceIds,
  evaluatePosture,
  isExclusionActive,
  type PostureInput,
  staleExclusions,
} from './evaluate';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  AS_OF,
  at,
  attestation,
  BUCKET_1,
  BUCKET_2,
  configEvaluation,
  exclusion,
  finding,
  QUEUE_1,
  TEST_CATALOG,
} from './test-support';
import type { Attestation, EvidenceRecord, PostureEvaluation, ResourceControlStatus, ScopeSummary } from './types';

function evaluate(records: EvidenceRecord[], options: Partial<PostureInput> = {}): PostureEvaluation {
  return evaluatePosture({ catalog: TEST_CATALOG, records, asOf: AS_OF, ...options });
}

function resourceControl(result: PostureEvaluation, controlId: string, resourceId = BUCKET_1, accountId = ACCOUNT_A) {
  return result.resourceControls.find(
    (r) => r.controlId === controlId && r.resourceId === resourceId && r.accountId === accountId,
  );
}

/** The status of one resource-control, or `absent` when it has no counted evidence. */
function statusOf(result: PostureEvaluation, controlId = 'S3-ENC', resourceId = BUCKET_1): ResourceControlStatus | 'absent' {
  return resourceControl(result, controlId, resourceId)?.status ?? 'absent';
}

function controlIn(scope: ScopeSummary, controlId: string) {
  const found = scope.controls.find((c) => c.controlId === controlId);
  if (!found) throw new Error(`${controlId} is not listed in ${scope.kind} ${scope.scopeId}`);
  return found;
}

function scope(list: ScopeSummary[], scopeId: string): ScopeSummary {
  const found = list.find((s) => s.scopeId === scopeId);
  if (!found) throw new Error(`no scope ${scopeId}`);
  return found;
}

describe('which evaluation of a check counts', () => {
  it.each<[string, EvidenceRecord[], ResourceControlStatus | 'absent']>([
    ['newer pass replaces older fail', [finding({ rawStatus: 'FAILED', observedAt: at(-120) }), finding({ rawStatus: 'PASSED', observedAt: at(-60) })], 'passed'],
    ['newer fail replaces older pass', [finding({ rawStatus: 'PASSED', observedAt: at(-120) }), finding({ rawStatus: 'FAILED', observedAt: at(-60) })], 'failed'],
    ['newer fail replaces older pass, listed first', [finding({ rawStatus: 'FAILED', observedAt: at(-60) }), finding({ rawStatus: 'PASSED', observedAt: at(-120) })], 'failed'],
    ['newer WARNING replaces older pass', [finding({ rawStatus: 'PASSED', observedAt: at(-120) }), finding({ rawStatus: 'WARNING', observedAt: at(-60) })], 'unknown'],
    ['newer Config evaluation replaces older', [configEvaluation({ rawStatus: 'NON_COMPLIANT', observedAt: at(-120) }), configEvaluation({ rawStatus: 'COMPLIANT', observedAt: at(-60) })], 'passed'],
    ['at equal times, fail beats pass', [finding({ rawStatus: 'PASSED' }), finding({ rawStatus: 'FAILED' })], 'failed'],
    ['at equal times, unknown beats pass', [finding({ rawStatus: 'PASSED' }), finding({ rawStatus: 'NOT_AVAILABLE' })], 'unknown'],
    ['archived records are ignored: the only record archived', [finding({ rawStatus: 'FAILED', archived: true })], 'absent'],
    ['archived records are ignored: archived fail newer than pass', [finding({ rawStatus: 'PASSED', observedAt: at(-120) }), finding({ rawStatus: 'FAILED', observedAt: at(-60), archived: true })], 'passed'],
    ['archived records are ignored: archived pass newer than fail', [finding({ rawStatus: 'FAILED', observedAt: at(-120) }), finding({ rawStatus: 'PASSED', observedAt: at(-60), archived: true })], 'failed'],
    ['an archived Config evaluation stops failing', [configEvaluation({ rawStatus: 'NON_COMPLIANT', archived: true })], 'absent'],
    ['Config NOT_APPLICABLE is not counted', [configEvaluation({ rawStatus: 'NOT_APPLICABLE' })], 'absent'],
    ['newer NOT_APPLICABLE replaces an older failure', [configEvaluation({ rawStatus: 'NON_COMPLIANT', observedAt: at(-120) }), configEvaluation({ rawStatus: 'NOT_APPLICABLE', observedAt: at(-60) })], 'absent'],
    ['older NOT_APPLICABLE is replaced by a newer failure', [configEvaluation({ rawStatus: 'NOT_APPLICABLE', observedAt: at(-120) }), configEvaluation({ rawStatus: 'NON_COMPLIANT', observedAt: at(-60) })], 'failed'],
    ['an evaluation of another resource replaces nothing', [finding({ rawStatus: 'FAILED', observedAt: at(-120) }), finding({ rawStatus: 'PASSED', resourceId: BUCKET_2 })], 'failed'],
    ['an evaluation in another account replaces nothing', [finding({ rawStatus: 'FAILED', observedAt: at(-120) }), finding({ rawStatus: 'PASSED', accountId: ACCOUNT_B })], 'failed'],
  ])('%s', (_label, records, expected) => {
    expect(statusOf(evaluate(records))).toBe(expected);
    expect(statusOf(evaluate([...records].reverse()))).toBe(expected);
  });
});

describe('ties between evaluations of one check with the same outcome', () => {
  it('keeps the record with the smaller record id, whatever the input order', () => {
    const records = [
      finding({ recordId: 'finding-b', rawStatus: 'FAILED', severity: 'LOW' }),
      finding({ recordId: 'finding-a', rawStatus: 'FAILED', severity: 'CRITICAL' }),
    ];
    for (const order of [records, [...records].reverse()]) {
      const result = resourceControl(evaluate(order), 'S3-ENC');
      expect(result?.evidence.map((r) => r.recordId)).toEqual(['finding-a']);
      expect(result?.failureSeverity).toBe('CRITICAL');
    }
  });
});

describe('combining the checks of a resource-control', () => {
  it.each<[string, EvidenceRecord[], ResourceControlStatus]>([
    ['Security Hub fails, Config passes later: fail wins', [finding({ rawStatus: 'FAILED', observedAt: at(-120) }), configEvaluation({ rawStatus: 'COMPLIANT', observedAt: at(-1) })], 'failed'],
    ['Security Hub passes later, Config fails: fail wins', [finding({ rawStatus: 'PASSED', observedAt: at(-1) }), configEvaluation({ rawStatus: 'NON_COMPLIANT', observedAt: at(-120) })], 'failed'],
    ['both pass', [finding({ rawStatus: 'PASSED' }), configEvaluation({ rawStatus: 'COMPLIANT' })], 'passed'],
    ['a pass and an unknown: unknown', [finding({ rawStatus: 'PASSED' }), configEvaluation({ rawStatus: 'INSUFFICIENT_DATA' })], 'unknown'],
    ['a fail and an unknown: fail', [finding({ rawStatus: 'WARNING' }), configEvaluation({ rawStatus: 'NON_COMPLIANT' })], 'failed'],
    ['a pass and a NOT_APPLICABLE: pass', [finding({ rawStatus: 'PASSED' }), configEvaluation({ rawStatus: 'NOT_APPLICABLE' })], 'passed'],
  ])('%s', (_label, records, expected) => {
    expect(statusOf(evaluate(records))).toBe(expected);
  });

  it('keeps two Security Hub controls of one control apart: a newer pass of one does not hide a failure of the other', () => {
    const records = [
      finding({ evidenceKey: 'S3.9', rawStatus: 'FAILED', observedAt: at(-120) }),
      finding({ evidenceKey: 'S3.22', rawStatus: 'PASSED', observedAt: at(-1) }),
    ];
    const result = resourceControl(evaluate(records), 'S3-LOG');
    expect(result?.status).toBe('failed');
    expect(result?.evidence.map((r) => r.evidenceKey)).toEqual(['S3.22', 'S3.9']);
  });

  it('lets one check evidence every control that lists it', () => {
    const result = evaluate([finding({ evidenceKey: 'SQS.1', resourceId: QUEUE_1, rawStatus: 'FAILED' })]);
    expect(statusOf(result, 'SQS-ENC', QUEUE_1)).toBe('failed');
    expect(statusOf(result, 'SQS-ENC-KMS', QUEUE_1)).toBe('failed');
  });

  it('takes region and resource type from the newest counted record', () => {
    const records = [
      finding({ region: 'eu-west-1', resourceType: 'AwsS3Bucket', observedAt: at(-120) }),
      configEvaluation({ region: 'us-east-1', resourceType: 'AWS::S3::Bucket', observedAt: at(-1) }),
    ];
    expect(resourceControl(evaluate(records), 'S3-ENC')).toMatchObject({ region: 'us-east-1', resourceType: 'AWS::S3::Bucket' });
  });
});

describe('Security Hub workflow status', () => {
  it('a SUPPRESSED failing finding still fails, flagged as suppressed in Security Hub', () => {
    const result = evaluate([finding({ rawStatus: 'FAILED', workflowStatus: 'SUPPRESSED' })]);
    expect(resourceControl(result, 'S3-ENC')).toMatchObject({ status: 'failed', suppressedInSecurityHub: true });
    expect(controlIn(result.organization, 'S3-ENC')).toMatchObject({ status: 'failed', failedButSuppressedInSecurityHub: 1 });
  });

  it('a RESOLVED failing finding still fails', () => {
    const result = evaluate([finding({ rawStatus: 'FAILED', workflowStatus: 'RESOLVED' })]);
    expect(resourceControl(result, 'S3-ENC')).toMatchObject({ status: 'failed', suppressedInSecurityHub: false });
  });
});

describe('exclusions', () => {
  const failing = [finding({ rawStatus: 'FAILED' })];

  it.each<[string, ReturnType<typeof exclusion>, ResourceControlStatus]>([
    ['approved, expiring later: excepted', exclusion(), 'excepted'],
    ['approved, expiring exactly at asOf: not active', exclusion({ expiresAt: AS_OF }), 'failed'],
    ['approved, expired before asOf: not active', exclusion({ expiresAt: at(-1) }), 'failed'],
    ['pending', exclusion({ status: 'pending' }), 'failed'],
    ['rejected', exclusion({ status: 'rejected' }), 'failed'],
    ['revoked', exclusion({ status: 'revoked' }), 'failed'],
    ['marked expired, even with a later expiry date', exclusion({ status: 'expired' }), 'failed'],
    ['another resource', exclusion({ resourceId: BUCKET_2 }), 'failed'],
    ['another account', exclusion({ accountId: ACCOUNT_B }), 'failed'],
    ['another control', exclusion({ controlId: 'S3-TLS' }), 'failed'],
    ['whole account (resource null)', exclusion({ resourceId: null }), 'excepted'],
    ['whole account, another control', exclusion({ resourceId: null, controlId: 'S3-TLS' }), 'failed'],
    ['whole service on the resource (control null)', exclusion({ controlId: null, serviceId: 's3' }), 'excepted'],
    ['whole service on the resource, another service', exclusion({ controlId: null, serviceId: 'sqs' }), 'failed'],
    ['whole service across the account', exclusion({ resourceId: null, controlId: null, serviceId: 's3' }), 'excepted'],
    ['whole service across another account', exclusion({ accountId: ACCOUNT_B, resourceId: null, controlId: null }), 'failed'],
  ])('%s', (_label, candidate, expected) => {
    expect(statusOf(evaluate(failing, { exclusions: [candidate] }))).toBe(expected);
  });

  it('judges expiry at asOf, never at the clock', () => {
    const longAgo = new Date('2001-01-01T00:00:00Z');
    const records = [finding({ rawStatus: 'FAILED', observedAt: new Date('2000-12-31T00:00:00Z') })];
    const lapsedLongAgo = exclusion({ expiresAt: new Date('2001-02-01T00:00:00Z') });
    expect(statusOf(evaluate(records, { exclusions: [lapsedLongAgo], asOf: longAgo }))).toBe('excepted');
    expect(isExclusionActive(lapsedLongAgo, longAgo)).toBe(true);
    expect(isExclusionActive(lapsedLongAgo, AS_OF)).toBe(false);
  });

  it('keeps a resource excepted when a new failing evaluation arrives after approval', () => {
    const records = [finding({ rawStatus: 'FAILED', observedAt: at(-60 * 24) }), finding({ rawStatus: 'FAILED', observedAt: at(-1) })];
    expect(statusOf(evaluate(records, { exclusions: [exclusion()] }))).toBe('excepted');
  });

  it('leaves passing and unknown resource-controls as they are, noting the exclusion', () => {
    const records = [finding({ rawStatus: 'PASSED' }), finding({ rawStatus: 'WARNING', resourceId: BUCKET_2 })];
    const exclusions = [exclusion({ resourceId: null })];
    const result = evaluate(records, { exclusions });
    expect(resourceControl(result, 'S3-ENC', BUCKET_1)).toMatchObject({ status: 'passed', exclusionId: 'exclusion-1' });
    expect(resourceControl(result, 'S3-ENC', BUCKET_2)).toMatchObject({ status: 'unknown', exclusionId: 'exclusion-1' });
  });

  it('reports the most specific active exclusion', () => {
    const exclusions = [
      exclusion({ id: 'account-service', resourceId: null, controlId: null }),
      exclusion({ id: 'account-control', resourceId: null }),
      exclusion({ id: 'resource-service', controlId: null }),
      exclusion({ id: 'resource-control-lapsed', expiresAt: at(-1) }),
    ];
    const result = evaluate([finding({ rawStatus: 'FAILED' })], { exclusions });
    expect(resourceControl(result, 'S3-ENC')?.exclusionId).toBe('resource-service');
  });

  it('keeps the failure severity of an excepted resource-control but not in the control maximum', () => {
    const records = [
      finding({ rawStatus: 'FAILED', severity: 'CRITICAL' }),
      finding({ rawStatus: 'FAILED', severity: 'LOW', resourceId: BUCKET_2 }),
    ];
    const result = evaluate(records, { exclusions: [exclusion()] });
    expect(resourceControl(result, 'S3-ENC', BUCKET_1)).toMatchObject({ status: 'excepted', failureSeverity: 'CRITICAL' });
    expect(controlIn(result.organization, 'S3-ENC').maxFailureSeverity).toBe('LOW');
  });
});

describe('staleExclusions', () => {
  it('lists approved exclusions whose resource no longer exists', () => {
    const exclusions = [
      exclusion({ id: 'live', resourceId: BUCKET_1 }),
      exclusion({ id: 'gone', resourceId: BUCKET_2 }),
      exclusion({ id: 'gone-and-lapsed', resourceId: BUCKET_2, expiresAt: at(-1) }),
      exclusion({ id: 'gone-but-pending', resourceId: BUCKET_2, status: 'pending' }),
      exclusion({ id: 'gone-but-revoked', resourceId: BUCKET_2, status: 'revoked' }),
      exclusion({ id: 'account-wide', resourceId: null }),
    ];
    const records = [finding({ resourceId: BUCKET_1 }), finding({ resourceId: BUCKET_2, archived: true })];
    expect(staleExclusions(exclusions, currentResourceIds(records)).map((e) => e.id)).toEqual(['gone', 'gone-and-lapsed']);
  });
});

describe('control status in a scope', () => {
  it.each<[string, EvidenceRecord[], string]>([
    ['no evidence: not_evaluated', [], 'not_evaluated'],
    ['only archived evidence: not_evaluated', [finding({ rawStatus: 'FAILED', archived: true })], 'not_evaluated'],
    ['only unknown verdicts: not_evaluated', [finding({ rawStatus: 'WARNING' })], 'not_evaluated'],
    ['one pass: passed', [finding({ rawStatus: 'PASSED' })], 'passed'],
    ['a pass and a fail: failed', [finding({ rawStatus: 'PASSED' }), finding({ rawStatus: 'FAILED', resourceId: BUCKET_2 })], 'failed'],
    ['a pass and an excepted failure: passed', [finding({ rawStatus: 'PASSED', resourceId: BUCKET_2 }), finding({ rawStatus: 'FAILED' })], 'passed'],
    ['only an excepted failure: excepted', [finding({ rawStatus: 'FAILED' })], 'excepted'],
    ['an excepted failure and an unknown: excepted', [finding({ rawStatus: 'FAILED' }), finding({ rawStatus: 'WARNING', resourceId: BUCKET_2 })], 'excepted'],
  ])('%s', (_label, records, expected) => {
    const result = evaluate(records, { exclusions: [exclusion()] });
    expect(controlIn(result.organization, 'S3-ENC').status).toBe(expected);
  });

  it('labels manual controls manual, never not_evaluated', () => {
    const result = evaluate([finding()]);
    expect(controlIn(result.organization, 'ADMIN-RISK').status).toBe('manual');
    expect(controlIn(scope(result.accounts, ACCOUNT_A), 'ADMIN-RISK').status).toBe('manual');
    expect(controlIn(result.organization, 'S3-TLS').status).toBe('not_evaluated');
  });

  it('gives the highest severity of a control’s failures, from the record or else the control default', () => {
    const records = [
      configEvaluation({ rawStatus: 'NON_COMPLIANT' }), // S3-ENC default: HIGH
      finding({ rawStatus: 'FAILED', severity: 'LOW', resourceId: BUCKET_2 }),
      finding({ evidenceKey: 'S3.9', rawStatus: 'FAILED', severity: 'CRITICAL', resourceId: BUCKET_2 }),
      finding({ evidenceKey: 'S3.9', rawStatus: 'PASSED', severity: 'CRITICAL' }),
    ];
    const result = evaluate(records);
    expect(controlIn(result.organization, 'S3-ENC').maxFailureSeverity).toBe('HIGH');
    expect(controlIn(result.organization, 'S3-LOG').maxFailureSeverity).toBe('CRITICAL');
    expect(controlIn(result.organization, 'S3-TLS').maxFailureSeverity).toBeNull();
    expect(resourceControl(result, 'S3-LOG', BUCKET_1)?.failureSeverity).toBeNull();
  });
});

describe('attestations of manual controls', () => {
  const accounts = { accountIds: [ACCOUNT_A, ACCOUNT_B] };
  const statuses = (result: PostureEvaluation, controlId = 'ADMIN-RISK') => ({
    organization: controlIn(result.organization, controlId).status,
    accountA: controlIn(scope(result.accounts, ACCOUNT_A), controlId).status,
    accountB: controlIn(scope(result.accounts, ACCOUNT_B), controlId).status,
    service: controlIn(scope(result.services, 'admin'), controlId).status,
  });
  const everywhere = (status: string) => ({ organization: status, accountA: status, accountB: status, service: status });

  it.each([
    ['none', [], everywhere('manual')],
    ['confirmed, organization-wide', [attestation()], everywhere('attested')],
    ['confirmed, valid until exactly asOf', [attestation({ validUntil: AS_OF })], everywhere('manual')],
    ['confirmed, lapsed', [attestation({ validUntil: at(-1) })], everywhere('manual')],
    ['pending', [attestation({ status: 'pending' })], everywhere('manual')],
    ['revoked', [attestation({ status: 'revoked' })], everywhere('manual')],
    ['for another control', [attestation({ controlId: 'ADMIN-TRAINING' })], everywhere('manual')],
    [
      'confirmed for one account',
      [attestation({ accountId: ACCOUNT_A })],
      { organization: 'manual', accountA: 'attested', accountB: 'manual', service: 'manual' },
    ],
    [
      'confirmed for every account',
      [attestation({ id: 'a', accountId: ACCOUNT_A }), attestation({ id: 'b', accountId: ACCOUNT_B })],
      everywhere('attested'),
    ],
    [
      'confirmed for one account, lapsed for the other',
      [attestation({ id: 'a', accountId: ACCOUNT_A }), attestation({ id: 'b', accountId: ACCOUNT_B, validUntil: at(-1) })],
      { organization: 'manual', accountA: 'attested', accountB: 'manual', service: 'manual' },
    ],
  ])('%s', (_label, attestations, expected) => {
    expect(statuses(evaluate([], { ...accounts, attestations }))).toEqual(expected);
  });

  it('names the attestations that make a control attested', () => {
    const attestations = [attestation({ id: 'org' }), attestation({ id: 'a', accountId: ACCOUNT_A })];
    const result = evaluate([], { ...accounts, attestations });
    expect(controlIn(result.organization, 'ADMIN-RISK').attestationIds).toEqual(['org']);
    expect(controlIn(scope(result.accounts, ACCOUNT_A), 'ADMIN-RISK').attestationIds).toEqual(['a', 'org']);
    expect(controlIn(scope(result.accounts, ACCOUNT_B), 'ADMIN-RISK').attestationIds).toEqual(['org']);
  });

  it('ignores attestations of automated controls', () => {
    const result = evaluate([finding({ rawStatus: 'FAILED' })], { attestations: [attestation({ controlId: 'S3-ENC' })] });
    expect(controlIn(result.organization, 'S3-ENC')).toMatchObject({ status: 'failed', attestationIds: [] });
  });

  it('counts attested controls as passing, not as passed', () => {
    const result = evaluate([finding({ rawStatus: 'PASSED' })], { attestations: [attestation()] });
    expect(result.organization.controlStatuses).toMatchObject({ passed: 1, attested: 1, manual: 1 });
    expect(result.organization.passingControls).toBe(2);
    expect(result.organization.resourceControls).toEqual({ passed: 1, failed: 0, excepted: 0, unknown: 0 });
  });
});

describe('roll-ups', () => {
  const records = [
    // ACCOUNT_A, us-east-1
    finding({ evidenceKey: 'S3.4', rawStatus: 'PASSED', resourceId: BUCKET_1 }),
    finding({ evidenceKey: 'S3.4', rawStatus: 'FAILED', resourceId: BUCKET_2 }),
    finding({ evidenceKey: 'S3.5', rawStatus: 'FAILED', resourceId: BUCKET_1 }), // excepted below
    finding({ evidenceKey: 'S3.5', rawStatus: 'WARNING', resourceId: BUCKET_2 }),
    finding({ evidenceKey: 'SQS.1', rawStatus: 'PASSED', resourceId: QUEUE_1, resourceType: 'AWS::SQS::Queue' }), // two controls
    // ACCOUNT_B, eu-west-1
    finding({ accountId: ACCOUNT_B, region: 'eu-west-1', evidenceKey: 'S3.4', rawStatus: 'FAILED', resourceId: 'arn:aws:s3:::b-1' }),
    configEvaluation({ accountId: ACCOUNT_B, region: 'eu-west-1', rawStatus: 'COMPLIANT', resourceId: 'arn:aws:s3:::b-2' }),
    // Neither counted nor evaluated
    finding({ evidenceKey: null, title: 'GuardDuty finding' }),
    finding({ evidenceKey: 'S3.9', rawStatus: 'FAILED', archived: true }),
  ];
  const exclusions = [exclusion({ controlId: 'S3-TLS' })];
  const result = evaluate(records, { exclusions, accountIds: ['333333333333'] });
  const counts = (passed: number, failed: number, excepted: number, unknown: number) => ({ passed, failed, excepted, unknown });

  it('counts resource-controls in the organization', () => {
    expect(result.organization.resourceControls).toEqual(counts(4, 2, 1, 1));
    expect(result.organization.score).toBe(4 / 6);
    expect(result.resourceControls).toHaveLength(8);
  });

  it('counts per account, listing accounts without evidence too', () => {
    expect(result.accounts.map((a) => [a.scopeId, a.resourceControls, a.score])).toEqual([
      [ACCOUNT_A, counts(3, 1, 1, 1), 3 / 4],
      [ACCOUNT_B, counts(1, 1, 0, 0), 1 / 2],
      ['333333333333', counts(0, 0, 0, 0), null],
    ]);
    const empty = scope(result.accounts, '333333333333');
    expect(empty.controlStatuses).toEqual({ passed: 0, failed: 0, excepted: 0, not_evaluated: 5, manual: 2, attested: 0 });
  });

  it('counts per region, listing only controls with evidence there', () => {
    expect(result.regions.map((r) => [r.scopeId, r.resourceControls])).toEqual([
      ['eu-west-1', counts(1, 1, 0, 0)],
      ['us-east-1', counts(3, 1, 1, 1)],
    ]);
    expect(scope(result.regions, 'eu-west-1').controls.map((c) => [c.controlId, c.status])).toEqual([['S3-ENC', 'failed']]);
  });

  it('counts per service, every catalog service in catalog order', () => {
    expect(result.services.map((s) => [s.scopeId, s.resourceControls, s.score])).toEqual([
      ['s3', counts(2, 2, 1, 1), 2 / 4],
      ['sqs', counts(2, 0, 0, 0), 1],
      ['admin', counts(0, 0, 0, 0), null],
    ]);
    expect(scope(result.services, 's3').controlStatuses).toMatchObject({ failed: 1, excepted: 1, not_evaluated: 1 });
  });

  it('gives each control its counts, status and score in the organization', () => {
    expect(result.organization.controls.map((c) => [c.controlId, c.status, c.resourceControls, c.score])).toEqual([
      ['S3-ENC', 'failed', counts(2, 2, 0, 0), 2 / 4],
      ['S3-TLS', 'excepted', counts(0, 0, 1, 1), null],
      ['S3-LOG', 'not_evaluated', counts(0, 0, 0, 0), null],
      ['SQS-ENC', 'passed', counts(1, 0, 0, 0), 1],
      ['SQS-ENC-KMS', 'passed', counts(1, 0, 0, 0), 1],
      ['ADMIN-RISK', 'manual', counts(0, 0, 0, 0), null],
      ['ADMIN-TRAINING', 'manual', counts(0, 0, 0, 0), null],
    ]);
  });

  it('fails a control in an account only if a resource of that account fails', () => {
    expect(controlIn(scope(result.accounts, ACCOUNT_A), 'S3-TLS').status).toBe('excepted');
    expect(controlIn(scope(result.accounts, ACCOUNT_B), 'S3-TLS').status).toBe('not_evaluated');
    expect(controlIn(scope(result.accounts, ACCOUNT_B), 'S3-ENC').status).toBe('failed');
  });

  it('keeps non-archived unmapped records', () => {
    expect(result.unmapped.map((r) => r.title)).toEqual(['GuardDuty finding']);
  });
});

describe('complianceScore', () => {
  it.each([
    [{ passed: 3, failed: 1, excepted: 5, unknown: 7 }, 0.75],
    [{ passed: 0, failed: 2, excepted: 0, unknown: 0 }, 0],
    [{ passed: 0, failed: 0, excepted: 4, unknown: 4 }, null],
  ])('%o → %s', (counts, expected) => {
    expect(complianceScore(counts)).toBe(expected);
  });
});

describe('attestationFinder.accountsCovered', () => {
  const asOf = new Date('2026-06-01T00:00:00Z');
  const later = new Date('2026-12-01T00:00:00Z');
  const earlier = new Date('2026-01-01T00:00:00Z');
  const accounts = ['111111111111', '222222222222', '333333333333'];
  const attestation = (id: string, controlId: string, accountId: string | null, validUntil = later, status: 'confirmed' | 'pending' = 'confirmed'): Attestation => ({ id, controlId, accountId, status, validUntil });
  const finder = attestationFinder(
    [
      attestation('a1', 'C-ACCOUNTS', '111111111111'),
      attestation('a2', 'C-ACCOUNTS', '333333333333'),
      attestation('a3', 'C-ACCOUNTS', '333333333333'),
      attestation('a4', 'C-ACCOUNTS', '999999999999'),
      attestation('a5', 'C-ORG', null),
      attestation('a6', 'C-ORG', '222222222222'),
      attestation('a7', 'C-EXPIRED', '111111111111', earlier),
      attestation('a8', 'C-PENDING', '111111111111', later, 'pending'),
    ],
    asOf,
  );

  it('counts the accounts forAccount finds an attestation for, per control', () => {
    for (const controlId of ['C-ACCOUNTS', 'C-ORG', 'C-EXPIRED', 'C-PENDING', 'C-NONE']) {
      const expected = accounts.filter((id) => finder.forAccount(controlId, id).length > 0).length;
      expect(finder.accountsCovered(controlId, accounts)).toBe(expected);
    }
    expect(finder.accountsCovered('C-ACCOUNTS', accounts)).toBe(2);
    expect(finder.accountsCovered('C-ORG', accounts)).toBe(3);
    expect(finder.accountsCovered('C-EXPIRED', accounts)).toBe(0);
    expect(finder.accountsCovered('C-ACCOUNTS', [])).toBe(0);
  });
});
