// Snapshots, trends and the posture queries on real PostgreSQL, over a small generated
// organization synced through the real sync code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEndpoint } from '@/dev/aws-endpoint';
import type { SessionUser } from '@/server/auth/users';
import type { Severity } from '@/server/catalog/types';
import { NotFoundError, ValidationError } from '@/server/errors';
import { syncOrganization } from '@/server/sync/sync-organization';
import { registerOrganizationAccounts, startTestOrganization } from '@/test/aws-organization';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { computePostureForAccounts } from './compute-posture';
import { SEVERITY_RANK } from './evaluate';
import { explorePage, exportRows, parseExplorerParams } from './findings-explorer';
import { accountPosture, failingResourcesOf, overviewFor, resolveAccountScope, servicePosture } from './posture-queries';
import { postureInputsAsOf } from './posture-inputs';
import { accountControlRows } from './posture-views';
import { postureAsOf, postureTrend, snapshotDay, snapshotRows, writePostureSnapshot, type TrendPoint } from './snapshots';

let t: TestDatabase;
let endpoint: AwsEndpoint;
let a: string, b: string;
let officer: SessionUser;
let owner: SessionUser;

const DAY = 24 * 60 * 60 * 1000;
const today = new Date();
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);

/** An approved exclusion of one failing resource-control, expiring at `expiresAt`. */
function approveExclusionOf(
  failing: { accountId: string; resourceId: string; resourceType: string; serviceId: string; controlId: string },
  expiresAt: Date,
  justification = 'test',
) {
  return t.prisma.exclusion.create({
    data: {
      accountId: failing.accountId,
      scope: 'resource_control',
      resourceId: failing.resourceId,
      resourceType: failing.resourceType,
      serviceId: failing.serviceId,
      controlId: failing.controlId,
      justification,
      noPhiAttested: true,
      expiresAt,
      status: 'approved',
      requestedById: officer.id,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startTestOrganization({ seed: 9191, accounts: [{ name: 'Alpha', posture: 'weak' }, { name: 'Beta', posture: 'strong' }], regions: ['us-east-1'], findingsPerAccountRegion: 150 });
  [a, b] = endpoint.org.accounts.map((acct) => acct.id);
  await registerOrganizationAccounts(t.prisma, endpoint);
  const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
  expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  const users = await Promise.all(
    (['compliance_officer', 'account_owner'] as const).map((role) => t.prisma.user.create({ data: { email: `${role}@test`, name: role, role } })),
  );
  [officer, owner] = users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role }));
  await t.prisma.accountOwner.create({ data: { userId: owner.id, accountId: a } });
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

type Row = { day: string; account_id: string; control_id: string; status: string; passed: number; failed: number; excepted: number; unknown: number };
const storedRows = (day: string) =>
  t.prisma.$queryRaw<Row[]>`SELECT to_char(day, 'YYYY-MM-DD') AS day, account_id, control_id, status, passed, failed, excepted, unknown
    FROM posture_snapshots WHERE day = ${day}::date ORDER BY account_id, control_id`;

describe('writePostureSnapshot', () => {
  it('stores one row per account and evaluated (or manual) control, with the live counts', async () => {
    const result = await writePostureSnapshot(t.prisma, { asOf: today });
    expect(result).toMatchObject({ day: snapshotDay(today), accounts: 2 });
    const rows = await storedRows(result.day);
    expect(rows).toHaveLength(result.rows);

    const live = accountControlRows(await computePostureForAccounts(t.prisma, 'all', { asOf: today }));
    const expected = live.filter((r) => r.status !== 'not_evaluated' || r.passed + r.failed + r.excepted + r.unknown > 0);
    const key = (x: unknown[]) => `${x[0]}|${x[1]}`;
    const byKey = (x: unknown[], y: unknown[]) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
    expect(rows.map((r) => [r.account_id, r.control_id, r.status, r.passed, r.failed, r.excepted, r.unknown]).sort(byKey)).toEqual(
      expected.map((r) => [r.accountId, r.controlId, r.status, r.passed, r.failed, r.excepted, r.unknown]).sort(byKey),
    );
    // Manual controls are kept (their status says something), and some automated ones failed.
    expect(rows.some((r) => r.status === 'manual')).toBe(true);
    expect(rows.some((r) => r.failed > 0)).toBe(true);
  });

  it('is idempotent for a day and replaces that day’s rows, leaving other days alone', async () => {
    const day = snapshotDay(today);
    const before = await storedRows(day);
    await t.prisma.postureSnapshot.create({ data: { day: new Date(`${day}T00:00:00Z`), accountId: a, controlId: 'GONE-CONTROL', serviceId: 'gone', status: 'failed', failed: 9 } });
    await t.prisma.postureSnapshot.create({ data: { day: daysAgo(40), accountId: a, controlId: 'OLD-CONTROL', serviceId: 'old', status: 'passed', passed: 1 } });

    await writePostureSnapshot(t.prisma, { asOf: today });
    await writePostureSnapshot(t.prisma, { asOf: today });
    expect(await storedRows(day)).toEqual(before);
    expect(await t.prisma.postureSnapshot.count({ where: { controlId: 'OLD-CONTROL' } })).toBe(1);
    await t.prisma.postureSnapshot.deleteMany({ where: { controlId: 'OLD-CONTROL' } });
  });

  it('serializes concurrent writers for the same day', async () => {
    const [one, two] = await Promise.all([writePostureSnapshot(t.prisma, { asOf: today }), writePostureSnapshot(t.prisma, { asOf: today })]);
    expect(one.rows).toBe(two.rows);
    expect(await storedRows(snapshotDay(today))).toHaveLength(one.rows);
  });

  it('takes the exclusions in force into account', async () => {
    const posture = await computePostureForAccounts(t.prisma, [a], { asOf: today });
    const failing = posture.resourceControls.find((rc) => rc.status === 'failed')!;
    const exclusion = await approveExclusionOf(failing, new Date(today.getTime() + 30 * DAY));
    try {
      const yesterday = daysAgo(1);
      await writePostureSnapshot(t.prisma, { asOf: yesterday });
      const [row] = (await storedRows(snapshotDay(yesterday))).filter((r) => r.account_id === a && r.control_id === failing.controlId);
      const withoutExclusion = posture.accounts.find((s) => s.scopeId === a)!.controls.find((c) => c.controlId === failing.controlId)!;
      expect(row.excepted).toBe(withoutExclusion.resourceControls.excepted + 1);
      expect(row.failed).toBe(withoutExclusion.resourceControls.failed - 1);
    } finally {
      await t.prisma.exclusion.delete({ where: { id: exclusion.id } });
    }
  });
});

describe('postureTrend and postureAsOf', () => {
  beforeAll(async () => {
    await writePostureSnapshot(t.prisma, { asOf: daysAgo(3) });
  });

  it('gives the score per snapshot day, for the accounts and service asked', async () => {
    const trend = await postureTrend(t.prisma, { accountIds: 'all', days: 7 });
    expect(trend.map((p) => p.day)).toEqual([snapshotDay(daysAgo(3)), snapshotDay(daysAgo(1)), snapshotDay(today)]);
    const todayRows = await storedRows(snapshotDay(today));
    const sum = (rows: Row[], key: 'passed' | 'failed') => rows.reduce((n, r) => n + r[key], 0);
    expect(trend[2]).toMatchObject({ passed: sum(todayRows, 'passed'), failed: sum(todayRows, 'failed') });
    expect(trend[2].score).toBeCloseTo(sum(todayRows, 'passed') / (sum(todayRows, 'passed') + sum(todayRows, 'failed')));

    const onlyA = await postureTrend(t.prisma, { accountIds: [a], days: 7 });
    expect(onlyA.at(-1)).toMatchObject({ passed: sum(todayRows.filter((r) => r.account_id === a), 'passed') });

    const { serviceId } = (await t.prisma.postureSnapshot.findFirst({ where: { failed: { gt: 0 } }, select: { serviceId: true } }))!;
    const service = await postureTrend(t.prisma, { accountIds: 'all', serviceId, days: 1 });
    const serviceRows = await t.prisma.postureSnapshot.findMany({ where: { serviceId, day: new Date(`${snapshotDay(today)}T00:00:00Z`) } });
    expect(service).toEqual([expect.objectContaining({ failed: serviceRows.reduce((n, r) => n + r.failed, 0) })]);

    expect(await postureTrend(t.prisma, { accountIds: [], days: 7 })).toEqual([]);
    expect(await postureTrend(t.prisma, { accountIds: 'all', days: 1, until: daysAgo(2) })).toEqual([]);
  });

  it('reads posture as of a day from each account’s latest snapshot on or before it', async () => {
    const asOf = await postureAsOf(t.prisma, { accountIds: 'all', day: snapshotDay(daysAgo(2)) });
    expect(asOf.accounts.map((x) => [x.accountId, x.day]).sort()).toEqual(
      [
        [a, snapshotDay(daysAgo(3))],
        [b, snapshotDay(daysAgo(3))],
      ].sort(),
    );
    const stored = await storedRows(snapshotDay(daysAgo(3)));
    expect(asOf.rows).toHaveLength(stored.length);
    const control = asOf.controls.find((c) => c.failed > 0)!;
    expect(control.failed).toBe(stored.filter((r) => r.control_id === control.controlId).reduce((n, r) => n + r.failed, 0));

    expect((await postureAsOf(t.prisma, { accountIds: [b], day: snapshotDay(today) })).accounts.map((x) => x.accountId)).toEqual([b]);
    expect(await postureAsOf(t.prisma, { accountIds: 'all', day: snapshotDay(daysAgo(30)) })).toMatchObject({ accounts: [], rows: [] });
  });
});

describe('trend rollups', () => {
  /** The trend summed straight from posture_snapshots, as postureTrend read it before the rollups. */
  const trendFromSnapshots = async (filter: { accountIds: string[] | 'all'; serviceId?: string; controlId?: string }): Promise<TrendPoint[]> => {
    const all = filter.accountIds === 'all';
    const ids = all ? [] : (filter.accountIds as string[]);
    const rows = await t.prisma.$queryRaw<Omit<TrendPoint, 'score'>[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day,
             sum(passed)::int AS passed, sum(failed)::int AS failed, sum(excepted)::int AS excepted, sum(unknown)::int AS unknown
      FROM posture_snapshots
      WHERE day <= ${snapshotDay(today)}::date AND day > ${snapshotDay(today)}::date - 10
        AND (${all} OR account_id = ANY(${ids}::text[]))
        AND (${filter.serviceId ?? null}::text IS NULL OR service_id = ${filter.serviceId ?? null}::text)
        AND (${filter.controlId ?? null}::text IS NULL OR control_id = ${filter.controlId ?? null}::text)
      GROUP BY day ORDER BY day`;
    return rows.map((r) => ({ ...r, score: r.passed + r.failed === 0 ? null : r.passed / (r.passed + r.failed) }));
  };

  it('give the same trends as summing posture_snapshots, after snapshots of different days and accounts', async () => {
    const extra = '999999999999';
    await t.prisma.awsAccount.create({ data: { id: extra, name: 'Extra', roleArn: `arn:aws:iam::${extra}:role/x`, externalId: 'x', regions: ['us-east-1'] } });
    const posture = await computePostureForAccounts(t.prisma, [a], { asOf: today });
    const failing = posture.resourceControls.find((rc) => rc.status === 'failed')!;
    try {
      await writePostureSnapshot(t.prisma, { asOf: daysAgo(6) });
      await writePostureSnapshot(t.prisma, { asOf: daysAgo(5) });
      await approveExclusionOf(failing, new Date(today.getTime() + 30 * DAY));
      await writePostureSnapshot(t.prisma, { asOf: daysAgo(4) });
    } finally {
      await t.prisma.exclusion.deleteMany({ where: { justification: 'test' } });
      await t.prisma.awsAccount.delete({ where: { id: extra } });
    }
    // Day 5 again without the extra account (its rows of that day stay), and today after a stray row.
    await writePostureSnapshot(t.prisma, { asOf: daysAgo(5) });
    await t.prisma.postureSnapshot.create({ data: { day: new Date(`${snapshotDay(today)}T00:00:00Z`), accountId: a, controlId: 'GONE-CONTROL', serviceId: 'gone', status: 'failed', failed: 9 } });
    await writePostureSnapshot(t.prisma, { asOf: today });

    const stored = await t.prisma.postureSnapshot.findMany({ where: { failed: { gt: 0 } }, select: { serviceId: true, controlId: true } });
    const { serviceId, controlId } = stored.find((r) => r.serviceId === failing.serviceId) ?? stored[0];
    const cases: { accountIds: string[] | 'all'; serviceId?: string; controlId?: string }[] = [
      { accountIds: 'all' },
      { accountIds: [a] },
      { accountIds: [b, extra] },
      { accountIds: 'all', serviceId },
      { accountIds: [a], serviceId },
      { accountIds: 'all', controlId },
      { accountIds: [b], controlId },
      { accountIds: 'all', serviceId, controlId },
    ];
    for (const filter of cases) {
      const expected = await trendFromSnapshots(filter);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThanOrEqual(4);
      expect(await postureTrend(t.prisma, { ...filter, days: 10 }), JSON.stringify(filter)).toEqual(expected);
    }
    expect((await trendFromSnapshots({ accountIds: [extra] })).map((p) => p.day)).toEqual([snapshotDay(daysAgo(6)), snapshotDay(daysAgo(5)), snapshotDay(daysAgo(4))]);

    // Every rollup row, not only the sums the trends ask for.
    const drift = await t.prisma.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*)::int FROM (
                (SELECT day, account_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int FROM posture_snapshots GROUP BY 1, 2
                 EXCEPT SELECT day, account_id, passed, failed, excepted, unknown FROM posture_snapshot_accounts)
                UNION ALL
                (SELECT day, account_id, passed, failed, excepted, unknown FROM posture_snapshot_accounts
                 EXCEPT SELECT day, account_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int FROM posture_snapshots GROUP BY 1, 2)) x)
           + (SELECT count(*)::int FROM (
                (SELECT day, account_id, service_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int FROM posture_snapshots GROUP BY 1, 2, 3
                 EXCEPT SELECT day, account_id, service_id, passed, failed, excepted, unknown FROM posture_snapshot_services)
                UNION ALL
                (SELECT day, account_id, service_id, passed, failed, excepted, unknown FROM posture_snapshot_services
                 EXCEPT SELECT day, account_id, service_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int FROM posture_snapshots GROUP BY 1, 2, 3)) y) AS n`;
    expect(drift).toEqual([{ n: 0 }]);
  });
});

describe('writePostureSnapshot without asOf', () => {
  it('stores what a live evaluation of that moment gives, read from the stored current posture', async () => {
    const posture = await computePostureForAccounts(t.prisma, [b], { asOf: today });
    const failing = posture.resourceControls.find((rc) => rc.status === 'failed')!;
    const exclusion = await approveExclusionOf(failing, new Date(Date.now() + 30 * DAY), 'test, now');
    try {
      const result = await writePostureSnapshot(t.prisma);
      const now = new Date();
      expect(snapshotDay(now), 'the test ran across midnight UTC').toBe(result.day);
      const live = snapshotRows(await computePostureForAccounts(t.prisma, 'all', { asOf: now, ...(await postureInputsAsOf(t.prisma, now)) }));
      expect(live.some((r) => r.accountId === b && r.controlId === failing.controlId && r.excepted > 0)).toBe(true);
      const rows = await storedRows(result.day);
      expect(rows).toHaveLength(result.rows);
      const tuple = (r: { accountId: string; controlId: string; status: string; passed: number; failed: number; excepted: number; unknown: number }) =>
        JSON.stringify([r.accountId, r.controlId, r.status, r.passed, r.failed, r.excepted, r.unknown]);
      expect(rows.map((r) => tuple({ ...r, accountId: r.account_id, controlId: r.control_id })).sort()).toEqual(live.map(tuple).sort());
      expect(result.accounts).toBe(2);
    } finally {
      await t.prisma.exclusion.delete({ where: { id: exclusion.id } });
    }
  });
});

describe('posture queries are confined to what the user may see', () => {
  it('gives an account owner only their accounts, and "not found" for another', async () => {
    expect(await resolveAccountScope(t.prisma, owner)).toEqual([a]);
    expect(await resolveAccountScope(t.prisma, officer)).toBe('all');
    await expect(resolveAccountScope(t.prisma, owner, b)).rejects.toBeInstanceOf(NotFoundError);
    await expect(accountPosture(t.prisma, owner, b)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveAccountScope(t.prisma, officer, '000000000000')).rejects.toBeInstanceOf(NotFoundError);

    const overview = await overviewFor(t.prisma, owner);
    expect(overview.accounts.map((x) => x.id)).toEqual([a]);
    expect(overview.overview.heatmap.accounts.map((x) => x.id)).toEqual([a]);
    expect(overview.sync.total).toBe(2);
    const live = await computePostureForAccounts(t.prisma, [a]);
    expect(overview.overview.failed).toBe(live.organization.resourceControls.failed);
  });

  it('shows a service’s failing resources with the texts of their findings', async () => {
    const overview = await overviewFor(t.prisma, officer);
    const worst = overview.overview.worstServices[0];
    const service = await servicePosture(t.prisma, officer, { serviceId: worst.serviceId });
    expect(service.summary.resourceControls.failed).toBe(worst.failed);
    const failedInGroups = service.failing.groups.reduce((n, g) => n + g.failed, 0);
    expect(failedInGroups).toBe(worst.failed);
    // Listed open here (two accounts or fewer), with the texts of their findings.
    expect(service.failing.loaded).toBe(true);
    const withText = Object.values(service.failing.texts).filter((x) => x.remediationText);
    expect(withText.length).toBeGreaterThan(0);

    const narrowed = await servicePosture(t.prisma, officer, { serviceId: worst.serviceId, accountId: a });
    const cell = overview.overview.heatmap.rows.find((r) => r.serviceId === worst.serviceId)!.cells.find((c) => c.accountId === a)!;
    expect(narrowed.summary.resourceControls.failed).toBe(cell.failed);
    // One account: shown open, with the same resources as the list read when opened.
    expect(narrowed.failing.loaded).toBe(true);
    const openedA = await failingResourcesOf(t.prisma, officer, { accountId: a, serviceId: worst.serviceId });
    expect(openedA.regions).toEqual(narrowed.failing.groups[0]?.regions ?? []);
    // A region of it alone, as the account page opens it.
    if (openedA.regions.length > 0) {
      const [first] = openedA.regions;
      expect((await failingResourcesOf(t.prisma, officer, { accountId: a, serviceId: worst.serviceId, region: first.region })).regions).toEqual([first]);
    }
    // Another owner's account, or an unknown service, is not found.
    await expect(failingResourcesOf(t.prisma, owner, { accountId: b, serviceId: worst.serviceId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(failingResourcesOf(t.prisma, officer, { accountId: a, serviceId: 'no-such-service' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('explores findings in the user’s accounts only, with counts matching the table', async () => {
    const all = parseExplorerParams(new URLSearchParams('state=all')).filters;
    const everything = await explorePage(t.prisma, 'all', all);
    expect(everything.total).toBe(await t.prisma.finding.count());
    const mine = await explorePage(t.prisma, await resolveAccountScope(t.prisma, owner), all);
    expect(mine.total).toBe(await t.prisma.finding.count({ where: { accountId: a } }));
    expect(mine.rows.every((r) => r.accountId === a)).toBe(true);
    // Asking for another account's findings gives nothing.
    const forged = await explorePage(t.prisma, [a], { ...all, account: b });
    expect(forged.total).toBe(0);

    const failed = parseExplorerParams(new URLSearchParams('status=FAILED&severity=HIGH,CRITICAL&size=25&page=2&sort=updated&dir=asc')).filters;
    const page = await explorePage(t.prisma, 'all', failed);
    const expectedTotal = await t.prisma.finding.count({ where: { complianceStatus: 'FAILED', severity: { in: ['HIGH', 'CRITICAL'] }, recordState: 'ACTIVE' } });
    expect(page.total).toBe(expectedTotal);
    const ordered = await t.prisma.finding.findMany({
      where: { complianceStatus: 'FAILED', severity: { in: ['HIGH', 'CRITICAL'] }, recordState: 'ACTIVE' },
      orderBy: [{ awsUpdatedAt: 'asc' }, { id: 'asc' }],
      skip: 25,
      take: 25,
      select: { id: true },
    });
    expect(page.tab === 'findings' && page.rows.map((r) => r.id)).toEqual(ordered.map((r) => r.id));

    // Most severe first, as the posture ranks severities, then newest (ids, the last tie-break, follow the server's collation).
    const bySeverity = await explorePage(t.prisma, 'all', parseExplorerParams(new URLSearchParams('state=all&sort=severity&dir=desc&size=100')).filters);
    const rankThenTime = (r: { severity: string; updatedAt: string }) => `${SEVERITY_RANK[r.severity as Severity]} ${r.updatedAt}`;
    const expectedOrder = (await t.prisma.finding.findMany({ select: { severity: true, awsUpdatedAt: true } }))
      .map((r) => rankThenTime({ severity: r.severity, updatedAt: r.awsUpdatedAt.toISOString() }))
      .sort()
      .reverse()
      .slice(0, 100);
    expect(new Set(expectedOrder.map((k) => k[0])).size).toBeGreaterThan(1);
    expect(bySeverity.tab === 'findings' && bySeverity.rows.map(rankThenTime)).toEqual(expectedOrder);

    const config = await explorePage(t.prisma, 'all', parseExplorerParams(new URLSearchParams('tab=config&status=NON_COMPLIANT')).filters);
    expect(config.total).toBe(await t.prisma.configEvaluation.count({ where: { complianceType: 'NON_COMPLIANT', resolvedAt: null } }));

    let exported = 0;
    for await (const batch of exportRows(t.prisma, 'all', failed, 7)) exported += batch.length;
    expect(exported).toBe(expectedTotal);
  });
});
