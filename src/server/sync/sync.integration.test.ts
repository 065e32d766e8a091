// The sync end to end: real Postgres, the local AWS endpoint, the real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEndpoint } from '@/dev/aws-endpoint';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { findingIdsInSecurityHub, registerOrganizationAccounts, startTestOrganization } from '@/test/aws-organization';
import { syncAccountRegion } from './sync-account-region';
import { syncAccountRegions, syncOrganization } from './sync-organization';

let t: TestDatabase;
let endpoint: AwsEndpoint;
let a: string, b: string, c: string;
const region = 'us-east-1';

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startTestOrganization({ seed: 4242, accounts: 3, regions: ['us-east-1', 'eu-west-1'], findingsPerAccountRegion: 250 });
  [a, b, c] = endpoint.org.accounts.map((acct) => acct.id);
  await registerOrganizationAccounts(t.prisma, endpoint);
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

const dbFindings = async (accountId: string, reg = region) =>
  new Map((await t.prisma.finding.findMany({ where: { accountId, region: reg }, select: { id: true, recordState: true, complianceStatus: true } })).map((f) => [f.id, f]));

const account = (id: string) => {
  const acct = endpoint.org.accounts.find((x) => x.id === id)!;
  return { accountId: acct.id, roleArn: acct.roleArn, externalId: acct.externalId };
};

describe('sync', () => {
  it('pulls every ACTIVE finding and every Config rule of every account-region', async () => {
    const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
    expect(outcomes).toHaveLength(3 * 2 * 2);
    expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);

    for (const acct of [a, b, c]) {
      for (const reg of ['us-east-1', 'eu-west-1']) {
        const expected = await findingIdsInSecurityHub(endpoint, acct, reg);
        const stored = await dbFindings(acct, reg);
        expect(new Set(stored.keys())).toEqual(new Set(expected.keys()));
      }
    }
    const rules = await t.prisma.configRule.count({ where: { accountId: a, region } });
    expect(rules).toBeGreaterThan(0);
    const evaluations = await t.prisma.configEvaluation.count({ where: { accountId: a, region, resolvedAt: null } });
    expect(evaluations).toBeGreaterThan(0);
    // Config resources carry the ARN Security Hub uses for them, names resolved for RDS and IAM.
    const [{ matched, unresolved }] = await t.prisma.$queryRaw<{ matched: number; unresolved: number }[]>`
      SELECT (SELECT count(DISTINCT e.resource_arn)::int FROM config_evaluations e JOIN findings f ON f.resource_id = e.resource_arn) AS matched,
             (SELECT count(*)::int FROM config_evaluations WHERE resource_arn IS NULL
                AND resource_type IN ('AWS::RDS::DBInstance', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::EC2::Volume')) AS unresolved`;
    expect(matched).toBeGreaterThan(0);
    expect(unresolved).toBe(0);
    const rdsMatched = await t.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM config_evaluations e JOIN findings f ON f.resource_id = e.resource_arn WHERE e.resource_type = 'AWS::RDS::DBInstance'`;
    expect(rdsMatched[0].n).toBeGreaterThan(0);
    const run = await t.prisma.syncRun.findFirstOrThrow({ where: { accountId: a, region, source: 'securityhub' } });
    expect(run).toMatchObject({ status: 'succeeded', inserted: run.fetched, updated: 0 });
    expect(run.apiCalls).toBeGreaterThanOrEqual(run.pagesFetched);
  });

  it('incremental: picks up new, changed and archived findings and nothing else', async () => {
    const before = await dbFindings(a);
    // Control findings only: GuardDuty and Inspector findings have no compliance status.
    const activeIds = [...before.values()].filter((f) => f.recordState === 'ACTIVE' && f.complianceStatus === 'FAILED').map((f) => f.id);
    const added = endpoint.scenarios.addFindings({ accountId: a, region, count: 4, complianceStatus: 'FAILED' });
    const archived = endpoint.scenarios.archiveFindings({ ids: activeIds.slice(0, 3) });
    const changed = endpoint.scenarios.updateFindings({ ids: activeIds.slice(3, 5), complianceStatus: 'PASSED', workflowStatus: 'RESOLVED' });

    const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
    expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);

    const runs = await t.prisma.syncRun.findMany({ where: { source: 'securityhub', trigger: 'test' }, orderBy: { startedAt: 'desc' }, take: 6 });
    const runOfA = runs.find((r) => r.accountId === a && r.region === region)!;
    expect(runOfA).toMatchObject({ inserted: 4, updated: 5, archived: 3 });
    for (const other of runs.filter((r) => r !== runOfA)) expect(other).toMatchObject({ inserted: 0, updated: 0 });

    const after = await dbFindings(a);
    for (const f of added) expect(after.get(f.id)).toMatchObject({ recordState: 'ACTIVE', complianceStatus: 'FAILED' });
    for (const f of archived) expect(after.get(f.id)?.recordState).toBe('ARCHIVED');
    for (const f of changed) expect(after.get(f.id)?.complianceStatus).toBe('PASSED');
    expect(after.size).toBe(before.size + 4);
  });

  it('a denied account fails alone and visibly, and keeps its data', async () => {
    const keptOfB = (await dbFindings(b)).size;
    const rule = endpoint.scenarios.accessDenied({ accountId: b });
    try {
      const outcomes = await syncOrganization(t.prisma, { trigger: 'denied-test' });
      const failed = outcomes.filter((o) => o.status === 'failed');
      expect(failed.length).toBe(4);
      expect(failed.every((o) => o.accountId === b && /AccessDenied/.test(o.error ?? ''))).toBe(true);
      expect(outcomes.filter((o) => o.accountId !== b).every((o) => o.status === 'succeeded')).toBe(true);

      expect((await dbFindings(b)).size).toBe(keptOfB);
      const state = await t.prisma.syncState.findUniqueOrThrow({ where: { accountId_region_source: { accountId: b, region, source: 'securityhub' } } });
      expect(state.lastError).toMatch(/AccessDenied/);
      expect(state.lastErrorAt!.getTime()).toBeGreaterThan(state.lastSuccessAt!.getTime());
    } finally {
      endpoint.scenarios.remove(rule);
    }
  });

  it('throttling is absorbed by the SDK retry and counted', async () => {
    // Start B over from nothing so the pull has several pages, at 1 request/s.
    await t.prisma.syncState.updateMany({ where: { accountId: c, source: 'securityhub' }, data: { watermark: null } });
    const rule = endpoint.scenarios.throttle({ accountId: c, region, operation: 'GetFindings' }, { ratePerSecond: 2, burst: 1 });
    try {
      const [sh] = await syncAccountRegion({ db: t.prisma, account: account(c), region, sources: ['securityhub'], trigger: 'throttle-test' });
      expect(sh.status).toBe('succeeded');
      const run = await t.prisma.syncRun.findUniqueOrThrow({ where: { id: sh.runId } });
      expect(run.throttles).toBeGreaterThan(0);
      expect(run.updated).toBe(0);
    } finally {
      endpoint.scenarios.remove(rule);
    }
  });

  it('a crash mid-sync followed by a new run loses and duplicates nothing', async () => {
    const reg = 'eu-west-1';
    await t.prisma.finding.deleteMany({ where: { accountId: c, region: reg } });
    await t.prisma.syncState.updateMany({ where: { accountId: c, region: reg, source: 'securityhub' }, data: { watermark: null } });
    const slow = endpoint.scenarios.slow({ accountId: c, region: reg, operation: 'GetFindings', ms: 150 });
    const running = syncAccountRegion({ db: t.prisma, account: account(c), region: reg, sources: ['securityhub'], trigger: 'crash-test', maxAttempts: 1 });
    // Once a page is written, the endpoint starts failing: the run dies mid-way.
    for (let i = 0; i < 200; i++) {
      const run = await t.prisma.syncRun.findFirst({ where: { accountId: c, region: reg, trigger: 'crash-test' } });
      if (run && run.pagesFetched >= 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const broken = endpoint.scenarios.serverErrors({ accountId: c, region: reg, operation: 'GetFindings', status: 500 });
    const [crashed] = await running;
    endpoint.scenarios.remove(broken);
    endpoint.scenarios.remove(slow);
    expect(crashed.status).toBe('failed');
    const partial = (await dbFindings(c, reg)).size;
    const expected = await findingIdsInSecurityHub(endpoint, c, reg);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.size);

    const [resumed] = await syncAccountRegion({ db: t.prisma, account: account(c), region: reg, sources: ['securityhub'], trigger: 'resume-test' });
    expect(resumed.status).toBe('succeeded');
    const stored = await dbFindings(c, reg);
    // Resuming is incremental, so it also records findings archived after the watermark.
    const storedActive = [...stored.values()].filter((f) => f.recordState === 'ACTIVE').map((f) => f.id);
    expect(new Set(storedActive)).toEqual(new Set(expected.keys()));
    const resumeRun = await t.prisma.syncRun.findUniqueOrThrow({ where: { id: resumed.runId } });
    expect(resumeRun.inserted).toBe(stored.size - partial);
  });

  it('never runs two syncs of one account-region-source at once', async () => {
    const [first, second] = await Promise.all([
      syncAccountRegions(t.prisma, [{ accountId: a, region }], { trigger: 'race' }),
      syncAccountRegions(t.prisma, [{ accountId: a, region }], { trigger: 'race' }),
    ]);
    const statuses = [...first, ...second].map((o) => o.status);
    expect(statuses).toContain('succeeded');
    const runs = await t.prisma.syncRun.findMany({ where: { accountId: a, region, trigger: 'race' }, orderBy: { startedAt: 'asc' } });
    for (const source of ['securityhub', 'config'] as const) {
      const ofSource = runs.filter((r) => r.source === source);
      for (let i = 1; i < ofSource.length; i++) expect(ofSource[i].startedAt.getTime()).toBeGreaterThanOrEqual(ofSource[i - 1].finishedAt!.getTime());
    }
    expect(statuses.filter((s) => s === 'busy').length + runs.length).toBe(4);
  });

  it('a lease left by a crashed worker runs out; a live one is respected', async () => {
    const key = { accountId_region_source: { accountId: a, region, source: 'config' as const } };
    await t.prisma.syncState.update({ where: key, data: { leaseRunId: crypto.randomUUID(), leaseUntil: new Date(Date.now() + 60_000) } });
    const [busy] = await syncAccountRegion({ db: t.prisma, account: account(a), region, sources: ['config'] });
    expect(busy.status).toBe('busy');
    await t.prisma.syncState.update({ where: key, data: { leaseUntil: new Date(Date.now() - 1000) } });
    const [taken] = await syncAccountRegion({ db: t.prisma, account: account(a), region, sources: ['config'] });
    expect(taken.status).toBe('succeeded');
  });
});
