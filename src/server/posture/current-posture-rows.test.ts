// The stored rows must give back exactly what evaluatePosture gives: random (seeded)
// organizations are evaluated whole, and account by account into rows that are then assembled.
import { describe, expect, it } from 'vitest';
import type { Severity } from '@/server/catalog/types';
import { assemblePosture, storedControlRows, storedResourceRows } from './current-posture-rows';
import { compareStrings, evaluatePosture, isExclusionActive, type PostureInput } from './evaluate';
import { capFailingGroups, groupFailingResourceControls, groupFailingResources, type FailingResourceControl } from './posture-views';
import { AS_OF, at, attestation, exclusion, TEST_CATALOG } from './test-support';
import type { EvidenceRecord, EvidenceSource } from './types';

const ACCOUNTS = ['100000000001', '100000000002', '100000000003'];
const KEYS: Array<[EvidenceSource, string | null]> = [
  ['securityhub', 'S3.4'],
  ['securityhub', 'S3.5'],
  ['securityhub', 'S3.9'],
  ['securityhub', 'SQS.1'],
  ['securityhub', null],
  ['config', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
  ['config', 'S3_BUCKET_SSL_REQUESTS_ONLY'],
];
const STATUSES: Record<EvidenceSource, string[]> = {
  securityhub: ['PASSED', 'FAILED', 'FAILED', 'WARNING'],
  config: ['COMPLIANT', 'NON_COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA', 'NOT_APPLICABLE'],
};
const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

function randomInput(seed: number): PostureInput {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const records: EvidenceRecord[] = Array.from({ length: 300 }, (_, i) => {
    const [source, evidenceKey] = pick(KEYS);
    const accountId = pick(ACCOUNTS);
    return {
      source,
      evidenceKey,
      recordId: `r-${seed}-${String(i).padStart(4, '0')}`,
      accountId,
      region: pick(['us-east-1', 'eu-west-1']),
      resourceType: 'AWS::S3::Bucket',
      resourceId: `arn:aws:s3:::${accountId}-${Math.floor(next() * 12)}`,
      rawStatus: pick(STATUSES[source]),
      observedAt: at(-Math.floor(next() * 5) * 60),
      archived: next() < 0.1,
      workflowStatus: source === 'securityhub' ? pick(['NEW', 'SUPPRESSED'] as const) : undefined,
      severity: next() < 0.7 ? pick(SEVERITIES) : undefined,
      title: `title ${i}`,
    };
  });
  return {
    catalog: TEST_CATALOG,
    records,
    exclusions: [
      exclusion({ id: 'x1', accountId: ACCOUNTS[0], resourceId: null, controlId: null, serviceId: 's3' }),
      exclusion({ id: 'x2', accountId: ACCOUNTS[1], resourceId: `arn:aws:s3:::${ACCOUNTS[1]}-3`, controlId: 'S3-TLS', serviceId: 's3' }),
      exclusion({ id: 'x3', accountId: ACCOUNTS[2], resourceId: null, controlId: 'SQS-ENC', serviceId: 'sqs', expiresAt: at(-1) }),
    ],
    attestations: [
      attestation({ id: 'a1', controlId: 'ADMIN-RISK', accountId: null }),
      attestation({ id: 'a2', controlId: 'ADMIN-TRAINING', accountId: ACCOUNTS[0] }),
      attestation({ id: 'a3', controlId: 'ADMIN-TRAINING', accountId: ACCOUNTS[1] }),
    ],
    // One registered account without any record.
    accountIds: ['100000000000', ...ACCOUNTS],
    asOf: AS_OF,
  };
}

/** What current-posture.ts stores: each account evaluated on its own, without attestations. */
function storedPerAccount(input: PostureInput) {
  const records = [...input.records];
  const accountIds = [...(input.accountIds ?? [])];
  return accountIds.map((accountId) => {
    const evaluation = evaluatePosture({
      ...input,
      records: records.filter((r) => r.accountId === accountId),
      exclusions: input.exclusions?.filter((e) => e.accountId === accountId && isExclusionActive(e, input.asOf)),
      attestations: [],
      accountIds: [accountId],
    });
    return { controls: storedControlRows(evaluation), resources: storedResourceRows(evaluation.resourceControls) };
  });
}

describe('assemblePosture from stored rows', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`gives evaluatePosture's summaries and failing lists (seed ${seed})`, () => {
      const input = randomInput(seed);
      const live = evaluatePosture(input);
      const stored = storedPerAccount(input);
      const rows = stored.flatMap((s) => s.controls);
      const assembled = assemblePosture({ catalog: TEST_CATALOG, accountIds: live.accounts.map((a) => a.scopeId), rows, attestations: input.attestations ?? [], asOf: input.asOf });
      expect(assembled.organization).toEqual(live.organization);
      expect(assembled.accounts).toEqual(live.accounts);
      expect(assembled.services).toEqual(live.services);

      // Only the controls of one service, as a service page asks.
      const s3 = new Set(TEST_CATALOG.services[0].controls.map((c) => c.id));
      const partial = assemblePosture({ catalog: TEST_CATALOG, accountIds: live.accounts.map((a) => a.scopeId), rows, attestations: input.attestations ?? [], asOf: input.asOf, controlIds: s3 });
      expect(partial.services[0]).toEqual(live.services[0]);

      // The failing lists from the stored resource rows.
      const failing: FailingResourceControl[] = stored
        .flatMap((s) => s.resources)
        .map((r) => ({
          controlId: r.controlId,
          serviceId: r.serviceId,
          accountId: r.accountId,
          resourceId: r.resourceId,
          region: r.region,
          resourceType: r.resourceType,
          status: r.status,
          failureSeverity: r.severity,
          suppressedInSecurityHub: r.suppressed,
          failingEvidence: r.evidence.filter((e) => e.outcome === 'fail').map(({ outcome: _outcome, ...e }) => e),
        }))
        .sort((a, b) => compareStrings(a.controlId, b.controlId) || compareStrings(a.accountId, b.accountId) || compareStrings(a.resourceId, b.resourceId));
      const limits = { accounts: 2, perRegion: 3 };
      expect(capFailingGroups(groupFailingResourceControls(failing), limits)).toEqual(capFailingGroups(groupFailingResources(live.resourceControls), limits));
    });
  }

  it('decides manual controls from the attestations given when read', () => {
    const input = randomInput(9);
    const live = evaluatePosture({ ...input, attestations: [] });
    const rows = storedPerAccount(input).flatMap((s) => s.controls);
    const ids = live.accounts.map((a) => a.scopeId);
    const withoutAttestations = assemblePosture({ catalog: TEST_CATALOG, accountIds: ids, rows, attestations: [], asOf: input.asOf });
    expect(withoutAttestations.organization.controls.find((c) => c.controlId === 'ADMIN-RISK')!.status).toBe('manual');
    const organizationWide = assemblePosture({ catalog: TEST_CATALOG, accountIds: ids, rows, attestations: [attestation({ id: 'a9', controlId: 'ADMIN-RISK', accountId: null })], asOf: input.asOf });
    expect(organizationWide.organization.controls.find((c) => c.controlId === 'ADMIN-RISK')).toMatchObject({ status: 'attested', attestationIds: ['a9'] });
    expect(organizationWide.accounts.every((a) => a.controls.find((c) => c.controlId === 'ADMIN-RISK')!.status === 'attested')).toBe(true);
  });
});

describe('capFailingGroups', () => {
  it('keeps the first accounts and per region the first resources, with the totals', () => {
    const groups = groupFailingResources(evaluatePosture(randomInput(3)).resourceControls);
    const capped = capFailingGroups(groups, { accounts: 1, perRegion: 2 });
    expect(capped).toHaveLength(1);
    expect(capped[0].accountId).toBe(groups[0].accountId);
    for (const [i, region] of capped[0].regions.entries()) {
      expect(region.total).toBe(groups[0].regions[i].resources.length);
      expect(region.resources).toEqual(groups[0].regions[i].resources.slice(0, 2));
    }
  });
});
