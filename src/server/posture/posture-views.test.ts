import { describe, expect, it } from 'vitest';
import { evaluatePosture } from './evaluate';
import {
  accountControlRows,
  buildHeatmap,
  buildOverview,
  combinedStatus,
  controlsByUrgency,
  groupFailingResources,
  isRecordedRow,
  pageOfAccounts,
  scoreBand,
  serviceRollups,
  type AccountControlRow,
} from './posture-views';
import { FAILING_SYNCS_LISTED, summarizeSync, type SyncHealthRow } from './sync-summary';
import { ACCOUNT_A, ACCOUNT_B, AS_OF, attestation, BUCKET_1, BUCKET_2, configEvaluation, exclusion, finding, QUEUE_1, TEST_CATALOG } from './test-support';

const ACCOUNTS = [
  { id: ACCOUNT_A, name: 'Alpha' },
  { id: ACCOUNT_B, name: 'Beta' },
];

function evaluation() {
  return evaluatePosture({
    catalog: TEST_CATALOG,
    asOf: AS_OF,
    accountIds: [ACCOUNT_A, ACCOUNT_B],
    records: [
      // A: bucket 1 fails S3-ENC (HIGH) in Security Hub while Config passes it; bucket 2 passes.
      finding({ rawStatus: 'FAILED', severity: 'HIGH', title: 'S3 encryption' }),
      configEvaluation(),
      finding({ resourceId: BUCKET_2 }),
      // A: bucket 2 fails S3-TLS, excepted by an exclusion below.
      finding({ resourceId: BUCKET_2, evidenceKey: 'S3.5', rawStatus: 'FAILED', severity: 'MEDIUM' }),
      // A: the queue fails SQS.1 (two controls), in us-west-2.
      finding({ resourceId: QUEUE_1, evidenceKey: 'SQS.1', rawStatus: 'FAILED', severity: 'CRITICAL', region: 'us-west-2', resourceType: 'AWS::SQS::Queue' }),
      // B: bucket passes S3-ENC; one unknown S3-LOG.
      finding({ accountId: ACCOUNT_B, resourceId: 'arn:aws:s3:::b-bucket' }),
      finding({ accountId: ACCOUNT_B, resourceId: 'arn:aws:s3:::b-bucket', evidenceKey: 'S3.9', rawStatus: 'WARNING' }),
    ],
    exclusions: [exclusion({ resourceId: BUCKET_2, controlId: 'S3-TLS' })],
    attestations: [attestation({ controlId: 'ADMIN-RISK', accountId: ACCOUNT_A })],
  });
}

describe('overview from account-control rows', () => {
  it('adds up to the organization of the evaluation', () => {
    const e = evaluation();
    const overview = buildOverview(accountControlRows(e), ACCOUNTS, { catalog: TEST_CATALOG });
    expect({ passed: overview.passed, failed: overview.failed, excepted: overview.excepted, unknown: overview.unknown }).toEqual(e.organization.resourceControls);
    expect(overview.score).toBe(e.organization.score);
    expect(overview.controlStatuses).toEqual(e.organization.controlStatuses);
  });

  it('counts failing controls by their highest severity and lists the most severe first', () => {
    const overview = buildOverview(accountControlRows(evaluation()), ACCOUNTS, { catalog: TEST_CATALOG });
    const bySeverity = Object.fromEntries(overview.failingBySeverity.map((r) => [r.severity, r.controls]));
    expect(bySeverity).toEqual({ CRITICAL: 2, HIGH: 1, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 });
    expect(overview.topFailingControls.map((c) => c.controlId)).toEqual(['SQS-ENC', 'SQS-ENC-KMS', 'S3-ENC']);
    expect(overview.worstServices.map((s) => s.serviceId)).toEqual(['sqs', 's3']);
  });

  it('leaves out rows of accounts outside the scope', () => {
    const overview = buildOverview(accountControlRows(evaluation()), [ACCOUNTS[1]], { catalog: TEST_CATALOG });
    expect(overview.failed).toBe(0);
    expect(overview.passed).toBe(1);
    expect(overview.heatmap.accounts).toEqual([{ id: ACCOUNT_B, name: 'Beta' }]);
  });

  it('builds the same overview from snapshot rows (only recorded rows kept)', () => {
    const rows = accountControlRows(evaluation());
    const stored = rows.filter(isRecordedRow);
    expect(stored.length).toBeLessThan(rows.length);
    expect(buildOverview(stored, ACCOUNTS, { catalog: TEST_CATALOG })).toEqual(buildOverview(rows, ACCOUNTS, { catalog: TEST_CATALOG }));
  });
});

describe('heatmap', () => {
  it('has a cell per account for every evaluated service, with its counts and score', () => {
    const heatmap = buildHeatmap(accountControlRows(evaluation()), ACCOUNTS, TEST_CATALOG.services);
    expect(heatmap.rows.map((r) => r.serviceId)).toEqual(['s3', 'sqs']);
    const s3 = heatmap.rows[0];
    expect(s3.cells.map((c) => c.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B]);
    // A: S3-ENC bucket 1 failed, bucket 2 passed; S3-TLS bucket 2 excepted.
    expect(s3.cells[0]).toMatchObject({ passed: 1, failed: 1, excepted: 1, unknown: 0, score: 0.5 });
    expect(s3.cells[1]).toMatchObject({ passed: 1, failed: 0, excepted: 0, unknown: 1, score: 1 });
    expect(s3.total).toMatchObject({ passed: 2, failed: 1, score: 2 / 3 });
    const sqs = heatmap.rows[1];
    expect(sqs.cells[1]).toMatchObject({ passed: 0, failed: 0, score: null });
  });

  it('pages its accounts, keeping every service row and its total over all accounts', () => {
    const accounts = Array.from({ length: 5 }, (_, i) => ({ id: String(100000000000 + i), name: `Account ${i}` }));
    const rows: AccountControlRow[] = accounts.map((a, i) => ({ accountId: a.id, controlId: 'S3-ENC', serviceId: 's3', status: 'failed', passed: i, failed: 1, excepted: 0, unknown: 0, maxSeverity: null }));
    const whole = buildOverview(rows, accounts, { catalog: TEST_CATALOG, heatmapPage: 1 }).heatmap;
    expect(whole.accounts).toHaveLength(5);

    const second = buildOverview(rows, accounts, { catalog: TEST_CATALOG, heatmapPage: 2 });
    expect(second.heatmapPaging).toEqual({ page: 1, pages: 1, first: 1, last: 5, total: 5 }); // 10 a page: one page
    const paged = pageOfAccounts(accounts, 2, 2);
    expect(paged.paging).toEqual({ page: 2, pages: 3, first: 3, last: 4, total: 5 });
    expect(paged.accounts.map((a) => a.id)).toEqual([accounts[2].id, accounts[3].id]);

    // 25 accounts: page 2 shows the 11th to 20th, each S3 total still over all 25.
    const many = Array.from({ length: 25 }, (_, i) => ({ id: String(200000000000 + i), name: `Account ${i}` }));
    const manyRows: AccountControlRow[] = many.map((a, i) => ({ accountId: a.id, controlId: 'S3-ENC', serviceId: 's3', status: 'failed', passed: i, failed: 1, excepted: 0, unknown: 0, maxSeverity: null }));
    const page2 = buildOverview(manyRows, many, { catalog: TEST_CATALOG, heatmapPage: 2 });
    expect(page2.heatmapPaging).toEqual({ page: 2, pages: 3, first: 11, last: 20, total: 25 });
    expect(page2.heatmap.accounts.map((a) => a.id)).toEqual(many.slice(10, 20).map((a) => a.id));
    const s3 = page2.heatmap.rows.find((r) => r.serviceId === 's3')!;
    expect(s3.cells.map((c) => c.passed)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(s3.total).toMatchObject({ passed: (24 * 25) / 2, failed: 25 });

    // Out of range or not a number: clamped to the pages there are.
    expect(pageOfAccounts(accounts, 99, 2).paging.page).toBe(3);
    expect(pageOfAccounts(accounts, 0, 2).paging.page).toBe(1);
    expect(pageOfAccounts(accounts, Number.NaN, 2).paging.page).toBe(1);
    expect(pageOfAccounts([], 1, 2).paging).toEqual({ page: 1, pages: 1, first: 0, last: 0, total: 0 });
  });

  it('bands scores for colour', () => {
    expect([null, 1, 0.9, 0.89, 0.7, 0.5, 0.49, 0].map(scoreBand)).toEqual(['none', 'good', 'good', 'fair', 'fair', 'poor', 'bad', 'bad']);
  });
});

describe('combined control status', () => {
  const row = (overrides: Partial<AccountControlRow>): AccountControlRow => ({
    accountId: ACCOUNT_A,
    controlId: 'X',
    serviceId: 's',
    status: 'not_evaluated',
    passed: 0,
    failed: 0,
    excepted: 0,
    unknown: 0,
    maxSeverity: null,
    ...overrides,
  });

  it('fails when any account fails, then passes, then excepted, else not evaluated', () => {
    expect(combinedStatus([row({ passed: 3 }), row({ failed: 1 })], false, 2)).toBe('failed');
    expect(combinedStatus([row({ passed: 3 }), row({ excepted: 1 })], false, 2)).toBe('passed');
    expect(combinedStatus([row({ excepted: 1 })], false, 2)).toBe('excepted');
    expect(combinedStatus([row({ unknown: 4 })], false, 2)).toBe('not_evaluated');
  });

  it('is attested for a manual control only when every account is', () => {
    expect(combinedStatus([row({ status: 'attested' }), row({ status: 'attested', accountId: ACCOUNT_B })], true, 2)).toBe('attested');
    expect(combinedStatus([row({ status: 'attested' }), row({ status: 'manual', accountId: ACCOUNT_B })], true, 2)).toBe('manual');
    expect(combinedStatus([row({ status: 'attested' })], true, 2)).toBe('manual');
  });
});

describe('failing resources', () => {
  it('groups failed (not excepted) resource-controls by account, region and resource, most severe first', () => {
    const groups = groupFailingResources(evaluation().resourceControls);
    expect(groups.map((g) => [g.accountId, g.failed])).toEqual([[ACCOUNT_A, 3]]);
    expect(groups[0].regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    const [bucket] = groups[0].regions[0].resources;
    expect(bucket).toMatchObject({ resourceId: BUCKET_1, severity: 'HIGH' });
    // Only the failing evidence: the Security Hub finding, not the passing Config evaluation.
    expect(bucket.controls).toHaveLength(1);
    expect(bucket.controls[0].evidence.map((e) => [e.source, e.title])).toEqual([['securityhub', 'S3 encryption']]);
    const [queue] = groups[0].regions[1].resources;
    expect(queue.controls.map((c) => c.controlId)).toEqual(['SQS-ENC', 'SQS-ENC-KMS']);
  });
});

describe('service roll-ups and urgency', () => {
  it('lists a scope’s evaluated services lowest score first', () => {
    const account = evaluation().accounts.find((a) => a.scopeId === ACCOUNT_A)!;
    expect(serviceRollups(account.controls, TEST_CATALOG).map((s) => [s.serviceId, s.score, s.failedControls])).toEqual([
      ['sqs', 0, 2],
      ['s3', 0.5, 1],
    ]);
    expect(controlsByUrgency(account.controls).slice(0, 3).map((c) => c.controlId)).toEqual(['SQS-ENC', 'SQS-ENC-KMS', 'S3-ENC']);
  });
});

describe('sync summary', () => {
  it('gives the newest good sync and the failing sources', () => {
    const base: SyncHealthRow = { accountId: ACCOUNT_A, accountName: 'Alpha', region: 'us-east-1', source: 'securityhub', health: 'ok', lastSuccessAt: '2030-01-01T10:00:00.000Z', lastErrorAt: null, lastError: null };
    const summary = summarizeSync([
      base,
      { ...base, source: 'config', lastSuccessAt: '2030-01-02T10:00:00.000Z' },
      { ...base, region: 'us-west-2', health: 'failing', lastErrorAt: '2030-01-03T00:00:00.000Z', lastError: 'AccessDenied' },
      { ...base, region: 'eu-west-1', health: 'running', lastSuccessAt: null },
    ]);
    expect(summary).toMatchObject({ total: 4, lastSuccessAt: '2030-01-02T10:00:00.000Z', running: 1, neverSynced: 0 });
    expect(summary.failing.map((r) => r.region)).toEqual(['us-west-2']);
    expect(summary.failingCount).toBe(1);
  });

  it('counts every failing source but lists only the first few', () => {
    const base: SyncHealthRow = { accountId: ACCOUNT_A, accountName: 'Alpha', region: 'us-east-1', source: 'securityhub', health: 'failing', lastSuccessAt: null, lastErrorAt: '2030-01-03T00:00:00.000Z', lastError: 'AccessDenied' };
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...base, region: `region-${i}` }));
    const summary = summarizeSync(rows);
    expect(summary.failingCount).toBe(40);
    expect(summary.failing.map((r) => r.region)).toEqual(rows.slice(0, FAILING_SYNCS_LISTED).map((r) => r.region));
  });
});
