// The posture pages' sync health (one SQL statement) against the Sync status page's rows
// (syncStatus, read through Prisma): the same rows, in the same order, for every health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createUser, type SessionUser } from '@/server/auth/users';
import { syncStatus } from '@/server/sync/sync-status';
import { syncHealthFor, syncSummaryFor } from './posture-queries';
import { FAILING_SYNCS_LISTED, summarizeSync } from './sync-summary';

let t: TestDatabase;
let officer: SessionUser;
let owner: SessionUser;

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  const account = (id: string, name: string, regions: string[]) =>
    t.prisma.awsAccount.create({ data: { id, name, regions, roleArn: `arn:aws:iam::${id}:role/SafeguardsReadOnly`, externalId: `ext-${id}` } });
  // Names out of id order, regions out of alphabetical order: the rows follow name, then the account's regions.
  await account('333333333333', 'alpha', ['us-west-2', 'eu-west-1']);
  await account('111111111111', 'bravo', ['us-east-1']);
  await account('222222222222', 'charlie', ['eu-central-1', 'us-east-1']);
  await t.prisma.syncState.createMany({
    data: [
      // ok
      { accountId: '333333333333', region: 'us-west-2', source: 'securityhub', lastSuccessAt: minutesAgo(10) },
      // failing: the error is newer than the last success
      { accountId: '333333333333', region: 'us-west-2', source: 'config', lastSuccessAt: minutesAgo(90), lastErrorAt: minutesAgo(5), lastError: 'AccessDenied' },
      // recovered: an older error is not shown
      { accountId: '333333333333', region: 'eu-west-1', source: 'securityhub', lastSuccessAt: minutesAgo(3), lastErrorAt: minutesAgo(30), lastError: 'Throttling' },
      // failing, never succeeded
      { accountId: '111111111111', region: 'us-east-1', source: 'securityhub', lastErrorAt: minutesAgo(7), lastError: 'could not reach the endpoint' },
      { accountId: '222222222222', region: 'us-east-1', source: 'config', lastSuccessAt: minutesAgo(20) },
    ],
  });
  await t.prisma.syncRun.createMany({
    data: [
      // running now (its older run succeeded)
      { accountId: '222222222222', region: 'us-east-1', source: 'config', status: 'succeeded', startedAt: minutesAgo(21), finishedAt: minutesAgo(20) },
      { accountId: '222222222222', region: 'us-east-1', source: 'config', status: 'running', startedAt: minutesAgo(1) },
      // an old running run that a newer one replaced: not running
      { accountId: '333333333333', region: 'us-west-2', source: 'securityhub', status: 'running', startedAt: minutesAgo(60) },
      { accountId: '333333333333', region: 'us-west-2', source: 'securityhub', status: 'succeeded', startedAt: minutesAgo(11), finishedAt: minutesAgo(10) },
    ],
  });
  officer = (await createUser(t.prisma, { email: 'officer@example.test', name: 'Officer', role: 'compliance_officer' })).user;
  owner = (await createUser(t.prisma, { email: 'owner@example.test', name: 'Owner', role: 'account_owner' })).user;
  await t.prisma.accountOwner.create({ data: { accountId: '222222222222', userId: owner.id } });
});
afterAll(async () => {
  await t?.drop();
});

async function statusPageRows(user: SessionUser) {
  return (await syncStatus(t.prisma, user)).map((r) => ({
    accountId: r.accountId,
    accountName: r.accountName,
    region: r.region,
    source: r.source,
    health: r.health,
    lastSuccessAt: r.lastSuccessAt,
    lastErrorAt: r.lastErrorAt,
    lastError: r.lastError,
  }));
}

describe('syncHealthFor', () => {
  it('gives the Sync status page rows, in its order, with every health', async () => {
    const rows = await syncHealthFor(t.prisma, officer);
    expect(rows).toEqual(await statusPageRows(officer));
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.health))).toEqual(new Set(['ok', 'failing', 'never-synced', 'running']));
    expect(rows.filter((r) => r.health === 'failing').map((r) => r.lastError)).toEqual(['AccessDenied', 'could not reach the endpoint']);
  });

  it('confines an account owner to their accounts, and narrows to one account', async () => {
    const mine = await syncHealthFor(t.prisma, owner);
    expect(mine).toEqual(await statusPageRows(owner));
    expect(new Set(mine.map((r) => r.accountId))).toEqual(new Set(['222222222222']));
    expect(await syncHealthFor(t.prisma, owner, { accountId: '333333333333' })).toEqual([]);
    expect(await syncHealthFor(t.prisma, officer, { accountId: '333333333333' })).toEqual((await statusPageRows(officer)).filter((r) => r.accountId === '333333333333'));
  });
});

describe('syncSummaryFor', () => {
  it('sums what summarizeSync sums over the rows, for every user', async () => {
    for (const user of [officer, owner]) {
      expect(await syncSummaryFor(t.prisma, user)).toEqual(summarizeSync(await syncHealthFor(t.prisma, user)));
    }
    const summary = await syncSummaryFor(t.prisma, officer);
    expect(summary).toMatchObject({ total: 10, running: 1, failingCount: 2 });
    expect(summary.neverSynced).toBeGreaterThan(0);
  });

  it('narrows to one account, within what the user may see', async () => {
    for (const accountId of ['222222222222', '333333333333']) {
      expect(await syncSummaryFor(t.prisma, officer, { accountId })).toEqual(summarizeSync(await syncHealthFor(t.prisma, officer, { accountId })));
    }
    expect((await syncSummaryFor(t.prisma, officer, { accountId: '222222222222' })).total).toBeGreaterThan(0);
    expect(await syncSummaryFor(t.prisma, owner, { accountId: '333333333333' })).toMatchObject({ total: 0, lastSuccessAt: null, failingCount: 0 });
  });

  it('lists only the first failing rows, in the Sync status page order, and counts them all', async () => {
    const ids = Array.from({ length: FAILING_SYNCS_LISTED + 3 }, (_, i) => `4000000000${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      await t.prisma.awsAccount.create({ data: { id, name: `failing ${String(ids.length - i).padStart(2, '0')}`, regions: ['us-east-1'], roleArn: `arn:aws:iam::${id}:role/R`, externalId: `ext-${id}` } });
      await t.prisma.syncState.create({ data: { accountId: id, region: 'us-east-1', source: 'securityhub', lastErrorAt: minutesAgo(i + 1), lastError: `denied ${i}` } });
    }
    const summary = await syncSummaryFor(t.prisma, officer);
    expect(summary).toEqual(summarizeSync(await syncHealthFor(t.prisma, officer)));
    expect(summary.failingCount).toBe(2 + ids.length);
    expect(summary.failing).toHaveLength(FAILING_SYNCS_LISTED);
  });
});
