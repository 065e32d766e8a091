// The stored current posture against the in-memory evaluation, on the synced demo
// organization: every view the pages read (overview rows, service, control and account
// summaries, capped failing-resource lists) must be identical, also after an exclusion is
// approved, after it lapses, and after evidence changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization, startAwsEndpoint, type AwsEndpoint } from '@/dev/aws-endpoint';
import { resetStsClient } from '@/server/aws/member-credentials';
import { catalog2022, isManual } from '@/server/catalog';
import { syncOrganization } from '@/server/sync/sync-organization';
import { registerOrganizationAccounts } from '@/test/aws-organization';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { computePostureForAccounts } from './compute-posture';
import { failedByAccount, readCurrentOverview, readCurrentPosture, readFailingGroups, readFailingRegionTotals, refreshCurrentPosture, refreshOutdatedPosture, type CurrentScope } from './current-posture';
import { postureInputsAsOf } from './posture-inputs';
import { accountPosture, controlPosture, failingResourcesOf, overviewFor, servicePosture } from './posture-queries';
import { accountControlRows, buildHeatmap, buildOverview, buildOverviewOf, capFailingGroups, DEFAULT_FAILING_LIMITS, groupFailingResources, type FailingLimits } from './posture-views';
import type { PostureEvaluation } from './types';

let t: TestDatabase;
let endpoint: AwsEndpoint;
let accountIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startAwsEndpoint({ organization: demoOrganization() });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: endpoint.management.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoint.management.secretAccessKey,
  });
  resetStsClient();
  await registerOrganizationAccounts(t.prisma, endpoint);
  const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
  expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  accountIds = (await t.prisma.awsAccount.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);
}, 120_000);
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

async function inMemory(scope: CurrentScope, asOf: Date): Promise<PostureEvaluation> {
  return computePostureForAccounts(t.prisma, scope, { asOf, ...(await postureInputsAsOf(t.prisma, asOf, scope)) });
}

const services = catalog2022.services;

/** The service of the (first) control a Security Hub control id evidences. */
function findControlFor(securityControlId: string): string {
  return services.find((s) => s.controls.some((c) => c.evidence.securityHubControlIds.includes(securityControlId)))?.id ?? services[0].id;
}

/** Every view a page reads, from the stored rows and from the evaluation, compared. */
async function expectSameViews(scope: CurrentScope, asOf: Date, options: { everyControl?: boolean; serviceIds?: string[] } = {}) {
  const live = await inMemory(scope, asOf);
  const stored = await readCurrentPosture(t.prisma, scope, { now: asOf });
  expect(stored.accountIds).toEqual(live.accounts.map((a) => a.scopeId));
  expect(stored.organization).toEqual(live.organization);
  expect(stored.accounts).toEqual(live.accounts);
  expect(stored.services).toEqual(live.services);

  // Overview (rows of the registered accounts in scope).
  const accounts = (await t.prisma.awsAccount.findMany({ where: scope === 'all' ? {} : { id: { in: scope } }, orderBy: { id: 'asc' } })).map((a) => ({ id: a.id, name: a.name }));
  const liveOverview = buildOverview(accountControlRows(live), accounts);
  expect(buildOverview(accountControlRows(stored), accounts)).toEqual(liveOverview);
  expect(buildOverviewOf(await readCurrentOverview(t.prisma, scope, accounts.map((a) => a.id), asOf), accounts)).toEqual(liveOverview);
  // Cells read for a page of accounts only (here: a page of one), with the service totals over all of them.
  if (accounts.length > 1) {
    const pageOfOne = await readCurrentOverview(t.prisma, scope, accounts.map((a) => a.id), asOf, { cellsOf: [accounts[1].id] });
    const liveHeatmap = buildHeatmap(accountControlRows(live), accounts);
    const pagedHeatmap = buildOverviewOf(pageOfOne, accounts).heatmap;
    expect(pagedHeatmap.rows.map((r) => [r.serviceId, r.total])).toEqual(liveHeatmap.rows.map((r) => [r.serviceId, r.total]));
    expect(pagedHeatmap.rows.map((r) => r.cells.find((c) => c.accountId === accounts[1].id))).toEqual(
      liveHeatmap.rows.map((r) => r.cells.find((c) => c.accountId === accounts[1].id)),
    );
  }

  const failing = async (filter: { serviceId?: string; controlId?: string; accountId?: string }, limits: FailingLimits) => {
    const view = await readCurrentPosture(t.prisma, filter.accountId ? [filter.accountId] : scope, { now: asOf, serviceId: filter.serviceId, controlId: filter.controlId });
    return readFailingGroups(t.prisma, { failedByAccount: failedByAccount(view.rows, filter), serviceId: filter.serviceId, controlId: filter.controlId, limits });
  };
  const expectedFailing = (keep: (rc: PostureEvaluation['resourceControls'][number]) => boolean, limits: FailingLimits) =>
    capFailingGroups(groupFailingResources(live.resourceControls.filter(keep)), limits);

  // Service pages.
  const servicesCompared = options.serviceIds ? services.filter((s) => options.serviceIds!.includes(s.id)) : services;
  for (const service of servicesCompared) {
    const view = await readCurrentPosture(t.prisma, scope, { now: asOf, serviceId: service.id });
    expect(view.services.find((s) => s.scopeId === service.id)).toEqual(live.services.find((s) => s.scopeId === service.id));
    expect(await failing({ serviceId: service.id }, DEFAULT_FAILING_LIMITS)).toEqual(expectedFailing((rc) => rc.serviceId === service.id, DEFAULT_FAILING_LIMITS));
  }
  // Control pages: every control, or those with resource-controls.
  for (const control of servicesCompared.flatMap((s) => s.controls)) {
    const overall = live.organization.controls.find((c) => c.controlId === control.id)!;
    if (!options.everyControl && overall.resourceControls.passed + overall.resourceControls.failed + overall.resourceControls.excepted + overall.resourceControls.unknown === 0) continue;
    const view = await readCurrentPosture(t.prisma, scope, { now: asOf, controlId: control.id });
    expect(view.organization.controls).toEqual([overall]);
    expect(view.accounts.map((a) => a.controls)).toEqual(live.accounts.map((a) => a.controls.filter((c) => c.controlId === control.id)));
    expect(await failing({ controlId: control.id }, DEFAULT_FAILING_LIMITS)).toEqual(expectedFailing((rc) => rc.controlId === control.id, DEFAULT_FAILING_LIMITS));
  }
  // Account pages.
  const oneAccount: FailingLimits = { accounts: 1, perRegion: DEFAULT_FAILING_LIMITS.perRegion };
  for (const account of live.accounts) {
    const view = await readCurrentPosture(t.prisma, [account.scopeId], { now: asOf });
    expect(view.accounts).toEqual([account]);
    const expected = expectedFailing((rc) => rc.accountId === account.scopeId, oneAccount);
    expect(await failing({ accountId: account.scopeId }, oneAccount)).toEqual(expected);
    // The account page's collapsed regions: each one's failing resources and failed resource-controls.
    const failedHere = live.resourceControls.filter((rc) => rc.accountId === account.scopeId && rc.status === 'failed');
    expect(await readFailingRegionTotals(t.prisma, account.scopeId)).toEqual(
      (expected[0]?.regions ?? []).map((r) => ({ region: r.region, resources: r.total, failed: failedHere.filter((rc) => rc.region === r.region).length })),
    );
  }
  return { live, stored };
}

describe('current posture of the demo organization', () => {
  it('serves the posture pages’ queries from the stored rows (timings logged)', async () => {
    const officer = await t.prisma.user.create({ data: { email: 'officer@test', name: 'Officer', role: 'compliance_officer' } });
    const user = { id: officer.id, email: officer.email, name: officer.name, role: officer.role };
    const time = async (label: string, run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      const ms = performance.now() - started;
      console.log(`${label}: ${ms.toFixed(1)} ms`);
      return ms;
    };
    const evaluated = await time('in-memory evaluation of the organization', () => inMemory('all', new Date()));
    await time('first read (stores every account)', () => overviewFor(t.prisma, user));
    const pages = [
      await time('overview', () => overviewFor(t.prisma, user)),
      await time('service s3', () => servicePosture(t.prisma, user, { serviceId: 's3' })),
      await time('control S3-ENC-AT-REST', () => controlPosture(t.prisma, user, { controlId: 'S3-ENC-AT-REST' })),
      await time(`account ${accountIds[0]}`, () => accountPosture(t.prisma, user, accountIds[0])),
    ];
    expect(Math.max(...pages)).toBeLessThan(Math.max(evaluated, 300));
  });

  it('lists more than two failing accounts collapsed, each read as the page opens it', async () => {
    const officer = await t.prisma.user.create({ data: { email: 'collapsed@test', name: 'Officer', role: 'compliance_officer' } });
    const user = { id: officer.id, email: officer.email, name: officer.name, role: officer.role };
    const service = await servicePosture(t.prisma, user, { serviceId: 's3' });
    expect(service.failing.accountsWithFailures).toBeGreaterThan(2);
    expect(service.failing.loaded).toBe(false);
    expect(service.failing.groups).toHaveLength(DEFAULT_FAILING_LIMITS.accounts);
    expect(service.failing.groups.every((g) => g.regions.length === 0 && g.failed > 0)).toBe(true);
    // Opened one by one, each account shows what a page narrowed to it lists open.
    for (const group of service.failing.groups) {
      const opened = await failingResourcesOf(t.prisma, user, { accountId: group.accountId, serviceId: 's3' });
      const narrowed = await servicePosture(t.prisma, user, { serviceId: 's3', accountId: group.accountId });
      expect(narrowed.failing.loaded).toBe(true);
      expect(opened.regions).toEqual(narrowed.failing.groups[0].regions);
      expect(opened.regions.length).toBeGreaterThan(0);
      expect(Object.keys(opened.texts).length).toBeGreaterThan(0);
      expect(narrowed.failing.groups[0].failed).toBe(group.failed);
    }
    // A region alone, as the account page opens it.
    const [account] = service.failing.groups;
    const regions = await readFailingRegionTotals(t.prisma, account.accountId);
    const all = await failingResourcesOf(t.prisma, user, { accountId: account.accountId });
    for (const r of regions) {
      const one = await failingResourcesOf(t.prisma, user, { accountId: account.accountId, region: r.region });
      expect(one.regions).toEqual(all.regions.filter((x) => x.region === r.region));
      expect(one.regions[0].total).toBe(r.resources);
    }
  });

  it('gives every page the views of the in-memory evaluation', async () => {
    const { live } = await expectSameViews('all', new Date(), { everyControl: true });
    expect(live.organization.resourceControls.failed).toBeGreaterThan(0);
    // Some failing list is long enough to be capped, so the cap itself is compared.
    expect(groupFailingResources(live.resourceControls).some((g) => g.regions.some((r) => r.total > DEFAULT_FAILING_LIMITS.perRegion))).toBe(true);
  });

  it('gives an owner’s scope (some accounts) the same views, with manual controls attested', async () => {
    const scope = accountIds.slice(0, 2);
    const author = await t.prisma.user.create({ data: { email: 'attester@test', name: 'Attester', role: 'compliance_officer' } });
    const [first, second] = catalog2022.services.flatMap((s) => s.controls).filter((c) => isManual(c));
    const validUntil = new Date(Date.now() + 24 * 60 * 60_000);
    // One manual control attested in both accounts (attested over the scope), one in the first only.
    await t.prisma.attestation.createMany({
      data: [
        ...scope.map((accountId) => ({ controlId: first.id, accountId, statement: 'In place', validUntil, status: 'confirmed' as const, createdById: author.id })),
        { controlId: second.id, accountId: scope[0], statement: 'In place', validUntil, status: 'confirmed' as const, createdById: author.id },
      ],
    });
    const { stored } = await expectSameViews(scope, new Date(), { serviceIds: [first.serviceId, second.serviceId] });
    expect(stored.organization.controls.find((c) => c.controlId === first.id)!.status).toBe('attested');
    expect(stored.organization.controls.find((c) => c.controlId === second.id)!.status).toBe('manual');
    expect(stored.accounts[0].controls.find((c) => c.controlId === second.id)!.status).toBe('attested');
  });

  it('reflects an approved exclusion at once, and its expiry as soon as it lapses', async () => {
    const now = new Date();
    const before = await inMemory('all', now);
    const target = before.resourceControls.find((rc) => rc.status === 'failed')!;
    const requester = await t.prisma.user.create({ data: { email: 'requester@test', name: 'Requester', role: 'account_owner' } });
    const expiresAt = new Date(now.getTime() + 60 * 60_000);
    // Service-wide for the account: many failures become excepted.
    await t.prisma.exclusion.create({
      data: {
        accountId: target.accountId,
        scope: 'account_control',
        serviceId: target.serviceId,
        controlId: null,
        justification: 'Test exclusion of a whole service',
        noPhiAttested: true,
        expiresAt,
        status: 'approved',
        decidedAt: now,
        requestedById: requester.id,
      },
    });
    const { stored } = await expectSameViews('all', now, { serviceIds: [target.serviceId] });
    expect(stored.organization.resourceControls.excepted).toBeGreaterThan(before.organization.resourceControls.excepted);
    expect(stored.organization.resourceControls.failed).toBeLessThan(before.organization.resourceControls.failed);
    const cached = await t.prisma.postureCurrentAccount.findUniqueOrThrow({ where: { accountId: target.accountId } });
    expect(cached.staleAfter).toEqual(expiresAt);

    // A second after it lapses (the worker has not marked it expired yet): out of force.
    const later = new Date(expiresAt.getTime() + 1000);
    const { stored: afterExpiry } = await expectSameViews('all', later, { serviceIds: [target.serviceId] });
    expect(afterExpiry.organization.resourceControls).toEqual(before.organization.resourceControls);
    const refreshed = await t.prisma.postureCurrentAccount.findUniqueOrThrow({ where: { accountId: target.accountId } });
    expect(refreshed.computedAt).toEqual(later);
    expect(refreshed.staleAfter).toBeNull();
  });

  it('follows evidence changed by a sync, and a refresh after a change', async () => {
    const now = new Date();
    const passing = await t.prisma.finding.findFirstOrThrow({ where: { complianceStatus: 'PASSED', recordState: 'ACTIVE', securityControlId: { not: null } }, orderBy: { id: 'asc' } });
    // What a sync does: newer evidence, then the account-region-source's state.
    await t.prisma.finding.update({ where: { id: passing.id }, data: { complianceStatus: 'FAILED', awsUpdatedAt: now } });
    await t.prisma.syncState.updateMany({ where: { accountId: passing.accountId, source: 'securityhub' }, data: { lastSuccessAt: now } });
    await expectSameViews([passing.accountId], now, { serviceIds: [findControlFor(passing.securityControlId!)] });

    // An explicit refresh stores the same rows again.
    const rowsBefore = await t.prisma.postureCurrentControl.findMany({ where: { accountId: passing.accountId }, orderBy: { controlId: 'asc' } });
    await refreshCurrentPosture(t.prisma, [passing.accountId], { now });
    expect(await t.prisma.postureCurrentControl.findMany({ where: { accountId: passing.accountId }, orderBy: { controlId: 'asc' } })).toEqual(rowsBefore);
  });

  it("brings out-of-date accounts up to date off the page requests (the worker's refresh), and only those", async () => {
    const now = new Date();
    await refreshOutdatedPosture(t.prisma, now);
    expect(await refreshOutdatedPosture(t.prisma, now)).toBe(0);

    // A sync of one account (its state moves): that account only.
    const [first] = accountIds;
    await t.prisma.syncState.updateMany({ where: { accountId: first, source: 'config' }, data: { lastSuccessAt: now } });
    const before = await t.prisma.postureCurrentAccount.findUniqueOrThrow({ where: { accountId: first } });
    const later = new Date(now.getTime() + 1000);
    expect(await refreshOutdatedPosture(t.prisma, later)).toBe(1);
    const after = await t.prisma.postureCurrentAccount.findUniqueOrThrow({ where: { accountId: first } });
    expect(after.inputsVersion).not.toEqual(before.inputsVersion);
    expect(after.computedAt).toEqual(later);
    expect(await refreshOutdatedPosture(t.prisma, later)).toBe(0);
    await expectSameViews('all', later, { serviceIds: [] });
  });

  it('counts an account with records but no registration, as the evaluation does', async () => {
    const now = new Date();
    const some = await t.prisma.finding.findFirstOrThrow({ where: { recordState: 'ACTIVE' }, orderBy: { id: 'asc' } });
    await t.prisma.finding.create({ data: { ...some, id: `${some.id}-orphan`, accountId: '999999999999', raw: {} } });
    const { stored } = await expectSameViews('all', now, { serviceIds: [] });
    expect(stored.accountIds).toContain('999999999999');
  });
});
