// Fault injection: whatever AWS or the process does, nothing synced before is lost or
// duplicated, the failure is visible, and the next run recovers.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEndpoint } from '@/dev/aws-endpoint';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { findingIdsInSecurityHub, registerOrganizationAccounts, startTestOrganization } from '@/test/aws-organization';
import { syncAccountRegion } from './sync-account-region';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
let t: TestDatabase;
let endpoint: AwsEndpoint;
let accountId: string;
const region = 'us-east-1';

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startTestOrganization({ seed: 99, accounts: 1, regions: [region], findingsPerAccountRegion: 900 });
  accountId = endpoint.org.accounts[0].id;
  await registerOrganizationAccounts(t.prisma, endpoint);
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

const role = () => {
  const a = endpoint.org.accounts[0];
  return { accountId: a.id, roleArn: a.roleArn, externalId: a.externalId };
};
const sync = (options: Partial<Parameters<typeof syncAccountRegion>[0]> = {}) =>
  syncAccountRegion({ db: t.prisma, account: role(), region, sources: ['securityhub'], trigger: 'fault-test', ...options }).then((o) => o[0]);

/** Every finding id with its UpdatedAt, as stored. */
const snapshot = async () =>
  new Map((await t.prisma.finding.findMany({ where: { accountId }, select: { id: true, awsUpdatedAt: true } })).map((f) => [f.id, f.awsUpdatedAt.toISOString()]));

async function expectRecovered() {
  const outcome = await sync();
  expect(outcome.status).toBe('succeeded');
  const stored = await t.prisma.finding.findMany({ where: { accountId, recordState: 'ACTIVE' }, select: { id: true } });
  const expected = await findingIdsInSecurityHub(endpoint, accountId, region);
  expect(new Set(stored.map((f) => f.id))).toEqual(new Set(expected.keys()));
}

async function expectKept(before: Map<string, string>) {
  const after = await snapshot();
  for (const [id, updatedAt] of before) expect(after.get(id), id).toBe(updatedAt);
}

describe('sync under faults', () => {
  it('starts from a complete first sync', async () => {
    expect((await sync()).status).toBe('succeeded');
    expect((await snapshot()).size).toBeGreaterThan(0);
  });

  it('malformed findings are skipped and counted; the rest of the page is written', async () => {
    endpoint.scenarios.addFindings({ accountId, region, count: 30 });
    const before = await snapshot();
    const rule = endpoint.scenarios.malformedFindings({ accountId, region, every: 4, mode: 'missing-fields' });
    try {
      const outcome = await sync();
      expect(outcome.status).toBe('succeeded');
      const run = await t.prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
      expect(run.skipped).toBeGreaterThan(0);
      expect(run.warning).toMatch(/malformed/);
      expect(run.inserted).toBeGreaterThan(0);
    } finally {
      endpoint.scenarios.remove(rule);
    }
    await expectKept(before);
    await t.prisma.syncState.updateMany({ where: { accountId }, data: { watermark: null } });
    await expectRecovered();
  });

  it.each([
    ['a response that is not JSON', () => endpoint.scenarios.malformedFindings({ accountId, region, mode: 'invalid-json' })],
    ['a 5xx storm', () => endpoint.scenarios.serverErrors({ accountId, region, operation: 'GetFindings', status: 503 })],
    ['a throttling storm beyond the retries', () => endpoint.scenarios.throttle({ accountId, region, operation: 'GetFindings' }, { ratePerSecond: 0.01, burst: 1 })],
    ['timeouts', () => endpoint.scenarios.slow({ accountId, region, operation: 'GetFindings', ms: 1500 })],
  ])('%s fails the run visibly and keeps the data; the next run recovers', async (_name, inject) => {
    // Enough changes for several pages, so a storm that lets one call through still hits.
    endpoint.scenarios.addFindings({ accountId, region, count: 250 });
    const before = await snapshot();
    const rule = inject();
    let outcome;
    try {
      outcome = await sync({ maxAttempts: 2, requestTimeoutMs: 400 });
    } finally {
      endpoint.scenarios.remove(rule);
    }
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBeTruthy();
    const state = await t.prisma.syncState.findUniqueOrThrow({ where: { accountId_region_source: { accountId, region, source: 'securityhub' } } });
    expect(state.lastError).toBe(outcome.error);
    await expectKept(before);
    await expectRecovered();
  });

  it('a worker killed mid-sync: its lease runs out, its run is marked abandoned, the next run loses and duplicates nothing', async () => {
    await t.prisma.finding.deleteMany({ where: { accountId } });
    await t.prisma.syncState.updateMany({ where: { accountId }, data: { watermark: null } });
    const slow = endpoint.scenarios.slow({ accountId, region, operation: 'GetFindings', ms: 300 });
    // `node --import tsx`, not the tsx CLI: one process, so SIGKILL really kills the worker.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'test', 'sync-child.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, SYNC_ACCOUNT: JSON.stringify(role()), SYNC_REGION: region, SAFEGUARDS_SYNC_LEASE_SECONDS: '3' },
      stdio: 'ignore',
    });
    try {
      let run;
      for (let i = 0; i < 400 && !(run && run.pagesFetched >= 2); i++) {
        await new Promise((r) => setTimeout(r, 50));
        run = await t.prisma.syncRun.findFirst({ where: { accountId, trigger: 'child' } });
      }
      expect(run?.pagesFetched).toBeGreaterThanOrEqual(2);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      endpoint.scenarios.remove(slow);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const partial = (await snapshot()).size;
    expect(partial).toBeGreaterThan(0);
    // The dead worker's lease holds for its remaining seconds, then another run takes over.
    await new Promise((r) => setTimeout(r, 3500));
    await expectRecovered();
    const dead = await t.prisma.syncRun.findFirstOrThrow({ where: { accountId, trigger: 'child' } });
    expect(dead.status).toBe('failed');
    expect(dead.error).toMatch(/Abandoned/);
  });

  it('the database going away mid-sync: the run fails, the next run recovers', async () => {
    endpoint.scenarios.addFindings({ accountId, region, count: 250 });
    const before = await snapshot();
    const slow = endpoint.scenarios.slow({ accountId, region, operation: 'GetFindings', ms: 200 });
    const running = sync();
    // Cut every connection to this test's database, as a restart of the server would.
    await new Promise((r) => setTimeout(r, 500));
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await admin.end();
    let outcome;
    try {
      outcome = await running;
    } catch (error) {
      // The run may not even be able to record its failure while the connections are gone.
      outcome = { status: 'failed', error: String(error) };
    } finally {
      endpoint.scenarios.remove(slow);
    }
    expect(['failed', 'succeeded']).toContain(outcome.status);
    await expectKept(before);
    // A lease the failed run could not release runs out (120 s); free it as an operator would.
    await t.prisma.syncState.updateMany({ where: { accountId }, data: { leaseUntil: null } });
    await expectRecovered();
  });
});
