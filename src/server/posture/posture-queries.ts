// The one module posture pages and route handlers read posture through. Posture now is read
// from the current-posture tables (current-posture.ts: per-account rows kept equal to an
// in-memory evaluation, refreshed when their inputs change); posture as of a past day from the
// daily snapshots. Failing-resource lists are capped: a page lists the first accounts and, per
// region, the first resources, with totals, and links to the findings explorer for the rest.
//
// Every function takes the signed-in user and confines account owners to their accounts in
// the query itself; an account the user may not see is "not found", whether or not it exists.
import type { SessionUser } from '@/server/auth/users';
import { visibleAccountIds } from '@/server/accounts/account-scope';
import { findControl, findService, type CatalogControl, type CatalogService } from '@/server/catalog';
import { compareStrings } from './evaluate';
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { ensureCurrentPosture, failedByAccount, readCurrentOverview, readCurrentPosture, readFailingGroups, readFailingRegionTotals, readFailingResources, type CurrentPosture } from './current-posture';
import {
  buildOverview,
  buildOverviewOf,
  DEFAULT_FAILING_LIMITS,
  failingFindingIds,
  pageOfAccounts,
  serviceRollups,
  type FailingAccountGroup,
  type FailingLimits,
  type FailingRegionGroup,
  type PostureOverview,
  type ServiceRollup,
} from './posture-views';
import { postureAsOf, postureTrend, withLiveToday, type TrendPoint } from './snapshots';
import { FAILING_SYNCS_LISTED, type SyncHealthRow, type SyncSummary } from './sync-summary';
import type { ControlResult, ScopeSummary } from './types';

export { postureInputsAsOf, type PostureInputs } from './posture-inputs';
export { writePostureSnapshot, type SnapshotResult, type TrendPoint } from './snapshots';

/** The accounts a user's view covers: `all`, or explicit ids. */
export type AccountScope = string[] | 'all';

export interface ScopeAccount {
  id: string;
  name: string;
  regions: string[];
  enabled: boolean;
}

/**
 * The accounts a view covers: what the user may see, narrowed to `accountId` when given.
 * NotFoundError when `accountId` is not an account the user may see.
 */
export async function resolveAccountScope(db: Db, user: SessionUser, accountId?: string | null): Promise<AccountScope> {
  const visible = await visibleAccountIds(db, user);
  if (!accountId) return visible;
  const allowed =
    visible === 'all' ? (await queryRows<{ id: string }[]>(db, Prisma.sql`SELECT id FROM aws_accounts WHERE id = ${accountId}`)).length > 0 : visible.includes(accountId);
  if (!allowed) throw new NotFoundError('There is no such account, or it is not yours.');
  return [accountId];
}

export async function scopeAccounts(db: Db, scope: AccountScope): Promise<ScopeAccount[]> {
  const all = scope === 'all';
  return queryRows<ScopeAccount[]>(
    db,
    Prisma.sql`SELECT id, name, regions, enabled FROM aws_accounts WHERE (${all} OR id = ANY(${all ? [] : scope}::text[])) ORDER BY id`,
  );
}

// ---------------------------------------------------------------------------------------------
// Overview

export interface OverviewData {
  overview: PostureOverview;
  accounts: ScopeAccount[];
  /** `live`: computed now from the synced evidence; `snapshot`: read from the daily snapshots. */
  source: 'live' | 'snapshot';
  /** For a snapshot view: the day asked for and the snapshot each account's numbers come from. */
  snapshot?: { day: string; accounts: { accountId: string; day: string; takenAt: Date }[] };
  sync: SyncSummary;
  trend: TrendPoint[];
}

/**
 * The organization overview as the user may see it: now, or as of a past day (`asOfDay`, from
 * the snapshots), with page `heatmapPage` of the heatmap's accounts (default the first).
 */
export async function overviewFor(
  db: Db,
  user: SessionUser,
  options: { asOfDay?: string | null; trendDays?: number; heatmapPage?: number } = {},
): Promise<OverviewData> {
  const scope = await resolveAccountScope(db, user);
  const [accounts, sync, trend] = await Promise.all([
    scopeAccounts(db, scope),
    syncSummaryFor(db, user),
    postureTrend(db, { accountIds: scope, days: options.trendDays ?? 30, until: options.asOfDay ? new Date(`${options.asOfDay}T12:00:00Z`) : undefined }),
  ]);
  if (options.asOfDay) {
    const stored = await postureAsOf(db, { accountIds: scope, day: options.asOfDay });
    const covered = accounts.filter((a) => stored.accounts.some((s) => s.accountId === a.id));
    return {
      overview: buildOverview(stored.rows, covered, { heatmapPage: options.heatmapPage }),
      accounts: covered,
      source: 'snapshot',
      snapshot: { day: stored.day, accounts: stored.accounts },
      sync,
      trend,
    };
  }
  const heatmapAccounts = pageOfAccounts(accounts, options.heatmapPage ?? 1).accounts;
  const aggregates = await readCurrentOverview(db, scope, accounts.map((a) => a.id), new Date(), { cellsOf: heatmapAccounts.map((a) => a.id) });
  const overview = buildOverviewOf(aggregates, accounts, { heatmapPage: options.heatmapPage });
  return { overview, accounts, source: 'live', sync, trend: withLiveToday(trend, overview) };
}

// ---------------------------------------------------------------------------------------------
// Service, control and account pages

export interface FindingText {
  description: string | null;
  remediationText: string | null;
  remediationUrl: string | null;
}

/** Description and remediation of Security Hub findings, from their ASFF. */
export async function findingTexts(db: Db, findingIds: readonly string[]): Promise<Record<string, FindingText>> {
  if (findingIds.length === 0) return {};
  const rows = await queryRows<{ id: string; description: string | null; remediation_text: string | null; remediation_url: string | null }[]>(db, Prisma.sql`
    SELECT id, raw->>'Description' AS description,
           raw->'Remediation'->'Recommendation'->>'Text' AS remediation_text,
           raw->'Remediation'->'Recommendation'->>'Url' AS remediation_url
    FROM findings WHERE id = ANY(${[...findingIds]}::text[])`);
  return Object.fromEntries(rows.map((r) => [r.id, { description: r.description, remediationText: r.remediation_text, remediationUrl: r.remediation_url }]));
}

export interface ExclusionInForce {
  id: string;
  accountId: string;
  scope: string;
  resourceId: string | null;
  resourceType: string | null;
  serviceId: string;
  controlId: string | null;
  justification: string;
  expiresAt: Date;
  requestedBy: string;
}

/** Approved exclusions not yet expired, of the accounts in scope, optionally of one service or control (including service-wide ones). */
export async function exclusionsInForce(
  db: Db,
  options: { scope: AccountScope; serviceId?: string; controlId?: string; asOf?: Date },
): Promise<ExclusionInForce[]> {
  if (options.scope !== 'all' && options.scope.length === 0) return [];
  const control = options.controlId ? findControl(options.controlId) : undefined;
  if (options.controlId && !control) return [];
  const all = options.scope === 'all';
  // A service's exclusions; a control's are its own and its service's service-wide ones.
  const serviceId = control?.serviceId ?? options.serviceId ?? null;
  const controlId = control?.id ?? null;
  return queryRows<ExclusionInForce[]>(db, Prisma.sql`
    SELECT e.id::text AS id, e.account_id AS "accountId", e.scope::text AS scope, e.resource_id AS "resourceId",
           e.resource_type AS "resourceType", e.service_id AS "serviceId", e.control_id AS "controlId",
           e.justification, e.expires_at AS "expiresAt", u.name AS "requestedBy"
    FROM exclusions e JOIN users u ON u.id = e.requested_by_id
    WHERE e.status = 'approved' AND e.expires_at > ${options.asOf ?? new Date()}
      AND (${all} OR e.account_id = ANY(${all ? [] : options.scope}::text[]))
      AND (${serviceId}::text IS NULL OR e.service_id = ${serviceId}::text)
      AND (${controlId}::text IS NULL OR e.control_id IS NULL OR e.control_id = ${controlId}::text)
    ORDER BY e.expires_at, e.id
    LIMIT 500`);
}

export interface FailingView {
  /**
   * The first accounts with failures (by id). When `loaded`, each region with its first
   * resources and its total; otherwise only the accounts' failed counts (regions empty), and
   * a page reads an account's resources when it is opened (failingResourcesOf).
   */
  groups: FailingAccountGroup[];
  loaded: boolean;
  /** Accounts with failed resource-controls, listed or not. */
  accountsWithFailures: number;
  limits: FailingLimits;
  texts: Record<string, FindingText>;
}

/** Up to this many listed accounts are shown open, with their resources; more are listed collapsed. */
export const FAILING_ACCOUNTS_SHOWN_OPEN = 2;

async function failingView(db: Db, posture: CurrentPosture, options: { serviceId?: string; controlId?: string }): Promise<FailingView> {
  const limits = DEFAULT_FAILING_LIMITS;
  const failed = failedByAccount(posture.rows, options);
  const withFailures = [...failed.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => compareStrings(a, b));
  const listed = withFailures.slice(0, limits.accounts);
  const view = { accountsWithFailures: withFailures.length, limits };
  if (listed.length > FAILING_ACCOUNTS_SHOWN_OPEN) {
    return { ...view, loaded: false, texts: {}, groups: listed.map(([accountId, n]) => ({ accountId, failed: n, regions: [] })) };
  }
  const groups = await readFailingGroups(db, { failedByAccount: failed, serviceId: options.serviceId, controlId: options.controlId, limits });
  return { ...view, loaded: true, groups, texts: await findingTexts(db, failingFindingIds(groups)) };
}

export interface FailingResourcesOf {
  /** The account's regions with failures, each with its first resources and its total. */
  regions: FailingRegionGroup[];
  texts: Record<string, FindingText>;
}

/**
 * The failing resources of one account the user may see (NotFoundError otherwise), of a
 * service or a control (ValidationError when unknown) and in a region when given: what a
 * collapsed list shows when opened.
 */
export async function failingResourcesOf(
  db: Db,
  user: SessionUser,
  options: { accountId: string; serviceId?: string; controlId?: string; region?: string },
): Promise<FailingResourcesOf> {
  // Unknown filters are bad input (400), as in the findings explorer and the evidence bundle.
  if (options.serviceId && !findService(options.serviceId)) throw new ValidationError(`service: There is no service "${options.serviceId}" in the catalog.`, { service: ['Unknown service.'] });
  if (options.controlId && !findControl(options.controlId)) throw new ValidationError(`control: There is no control "${options.controlId}" in the catalog.`, { control: ['Unknown control.'] });
  const scope = await resolveAccountScope(db, user, options.accountId);
  await ensureCurrentPosture(db, scope);
  const [group] = await readFailingResources(db, {
    accountIds: [options.accountId],
    serviceId: options.serviceId,
    controlId: options.controlId,
    region: options.region,
    perRegion: DEFAULT_FAILING_LIMITS.perRegion,
  });
  const regions = group?.regions ?? [];
  return { regions, texts: await findingTexts(db, failingFindingIds(group ? [group] : [])) };
}

export interface ServicePosture {
  service: CatalogService;
  accounts: ScopeAccount[];
  /** The one account the view is narrowed to, if any. */
  accountId: string | null;
  summary: ScopeSummary;
  failing: FailingView;
  exclusions: ExclusionInForce[];
  trend: TrendPoint[];
}

export async function servicePosture(db: Db, user: SessionUser, options: { serviceId: string; accountId?: string | null }): Promise<ServicePosture> {
  const service = findService(options.serviceId);
  if (!service) throw new NotFoundError(`There is no service "${options.serviceId}" in the catalog.`);
  const scope = await resolveAccountScope(db, user, options.accountId);
  const now = new Date();
  const [posture, accounts, exclusions, trend] = await Promise.all([
    readCurrentPosture(db, scope, { now, serviceId: service.id }),
    scopeAccounts(db, scope),
    exclusionsInForce(db, { scope, serviceId: service.id, asOf: now }),
    postureTrend(db, { accountIds: scope, serviceId: service.id }),
  ]);
  const summary = posture.services.find((s) => s.scopeId === service.id)!;
  return {
    service,
    accounts,
    accountId: options.accountId ?? null,
    summary,
    failing: await failingView(db, posture, { serviceId: service.id }),
    exclusions,
    trend: withLiveToday(trend, summary.resourceControls, now),
  };
}

export interface ControlPosture {
  control: CatalogControl;
  service: CatalogService;
  accounts: ScopeAccount[];
  accountId: string | null;
  /** Over every account in scope. */
  overall: ControlResult;
  /** Per account in scope (accounts with evidence and registered ones), by id. */
  perAccount: { accountId: string; result: ControlResult }[];
  failing: FailingView;
  exclusions: ExclusionInForce[];
  trend: TrendPoint[];
}

export async function controlPosture(db: Db, user: SessionUser, options: { controlId: string; accountId?: string | null }): Promise<ControlPosture> {
  const control = findControl(options.controlId);
  if (!control) throw new NotFoundError(`There is no control "${options.controlId}" in the catalog.`);
  const scope = await resolveAccountScope(db, user, options.accountId);
  const now = new Date();
  const [posture, accounts, exclusions, trend] = await Promise.all([
    readCurrentPosture(db, scope, { now, controlId: control.id }),
    scopeAccounts(db, scope),
    exclusionsInForce(db, { scope, controlId: control.id, asOf: now }),
    postureTrend(db, { accountIds: scope, controlId: control.id }),
  ]);
  const overall = posture.organization.controls.find((c) => c.controlId === control.id)!;
  return {
    control,
    service: findService(control.serviceId)!,
    accounts,
    accountId: options.accountId ?? null,
    overall,
    perAccount: posture.accounts.map((a) => ({ accountId: a.scopeId, result: a.controls.find((c) => c.controlId === control.id)! })),
    failing: await failingView(db, posture, { controlId: control.id }),
    exclusions,
    trend: withLiveToday(trend, overall.resourceControls, now),
  };
}

export interface AccountPosture {
  account: ScopeAccount;
  summary: ScopeSummary;
  /** The account's evaluated services, lowest score first. */
  services: ServiceRollup[];
  /** Its regions with failing resources (each region's resources are read when opened: failingResourcesOf). */
  failingRegions: { region: string; resources: number; failed: number }[];
  exclusions: ExclusionInForce[];
  sync: SyncHealthRow[];
  trend: TrendPoint[];
}

/** One account's posture; NotFoundError when the user may not see it. */
export async function accountPosture(db: Db, user: SessionUser, accountId: string): Promise<AccountPosture> {
  const scope = await resolveAccountScope(db, user, accountId);
  const now = new Date();
  const [posture, [account], exclusions, sync, trend] = await Promise.all([
    readCurrentPosture(db, scope, { now }),
    scopeAccounts(db, scope),
    exclusionsInForce(db, { scope, asOf: now }),
    syncHealthFor(db, user, { accountId }),
    postureTrend(db, { accountIds: scope }),
  ]);
  const summary = posture.accounts.find((a) => a.scopeId === accountId)!;
  return {
    account,
    summary,
    services: serviceRollups(summary.controls),
    failingRegions: await readFailingRegionTotals(db, accountId),
    exclusions,
    sync,
    trend: withLiveToday(trend, summary.resourceControls, now),
  };
}

/** The account-region-sources the user may see (or of one account), with their state and whether their latest run runs. */
async function syncHealthSql(db: Db, user: SessionUser, options: { accountId?: string }): Promise<Prisma.Sql> {
  const visible = await visibleAccountIds(db, user);
  const all = visible === 'all';
  const ids = all ? [] : visible;
  const only = options.accountId ?? null;
  // Running: the latest run of the account-region-source runs. Only running runs (few) are
  // checked for being the latest, not every account-region-source (hundreds).
  return Prisma.sql`
    WITH running AS (
      SELECT DISTINCT x.account_id, x.region, x.source FROM sync_runs x
      WHERE x.status = 'running'
        AND x.started_at = (SELECT max(y.started_at) FROM sync_runs y WHERE y.account_id = x.account_id AND y.region = x.region AND y.source = x.source)
    )
    SELECT a.id AS account_id, a.name AS account_name, r.region, s.source::text AS source,
           st.last_success_at, st.last_error_at, st.last_error,
           ru.account_id IS NOT NULL AS running,
           row_number() OVER (ORDER BY a.name, a.id, r.n, s.n) AS position
    FROM aws_accounts a
    CROSS JOIN LATERAL unnest(a.regions) WITH ORDINALITY AS r(region, n)
    CROSS JOIN (VALUES (1, 'securityhub'::"SyncSource"), (2, 'config'::"SyncSource")) AS s(n, source)
    LEFT JOIN sync_states st ON st.account_id = a.id AND st.region = r.region AND st.source = s.source
    LEFT JOIN running ru ON ru.account_id = a.id AND ru.region = r.region AND ru.source = s.source
    WHERE (${all} OR a.id = ANY(${ids}::text[])) AND (${only}::text IS NULL OR a.id = ${only}::text)`;
}

interface StoredSyncHealth {
  account_id: string;
  account_name: string;
  region: string;
  source: 'securityhub' | 'config';
  last_success_at: Date | string | null;
  last_error_at: Date | string | null;
  last_error: string | null;
}

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A row of syncHealthSql as the pages show it; `failing`: the last attempt failed (its error is newer than its last success). */
function toSyncHealthRow(r: StoredSyncHealth, health: SyncHealthRow['health']): SyncHealthRow {
  return {
    accountId: r.account_id,
    accountName: r.account_name,
    region: r.region,
    source: r.source,
    health,
    lastSuccessAt: isoOf(r.last_success_at),
    lastErrorAt: isoOf(r.last_error_at),
    lastError: health === 'failing' ? r.last_error : null,
  };
}

/**
 * Every account-region-source the user may see (or of one account) with its health: the
 * Sync status page's rows, read in one statement (one primary-key probe per account-region-
 * source for its state; the latest run checked for the running ones), ordered as that page orders them.
 */
export async function syncHealthFor(db: Db, user: SessionUser, options: { accountId?: string } = {}): Promise<SyncHealthRow[]> {
  const rows = await queryRows<(StoredSyncHealth & { running: boolean })[]>(db, Prisma.sql`SELECT * FROM (${await syncHealthSql(db, user, options)}) h ORDER BY position`);
  return rows.map((r) => {
    const failing = Boolean(r.last_error_at && (!r.last_success_at || new Date(r.last_error_at) > new Date(r.last_success_at)));
    return toSyncHealthRow(r, r.running ? 'running' : failing ? 'failing' : r.last_success_at ? 'ok' : 'never-synced');
  });
}

/**
 * summarizeSync(syncHealthFor(…)), summed by the database: the overview and its live widget
 * need the counts and the first failing rows, not every account-region-source (1,200 rows for
 * 200 accounts).
 */
export async function syncSummaryFor(db: Db, user: SessionUser, options: { accountId?: string } = {}): Promise<SyncSummary> {
  const [summary] = await queryRows<
    { total: number; last_success_at: Date | string | null; running: number; never_synced: number; failing_count: number; failing: StoredSyncHealth[] }[]
  >(db, Prisma.sql`
    WITH h AS (${await syncHealthSql(db, user, options)}),
    k AS (SELECT h.*, NOT running AND last_error_at IS NOT NULL AND (last_success_at IS NULL OR last_error_at > last_success_at) AS failing FROM h)
    SELECT count(*)::int AS total, max(last_success_at) AS last_success_at,
           count(*) FILTER (WHERE running)::int AS running,
           count(*) FILTER (WHERE NOT running AND NOT failing AND last_success_at IS NULL)::int AS never_synced,
           count(*) FILTER (WHERE failing)::int AS failing_count,
           coalesce((SELECT json_agg(f ORDER BY f.position) FROM (
             SELECT account_id, account_name, region, source, last_success_at, last_error_at, last_error, position
             FROM k WHERE failing ORDER BY position LIMIT ${FAILING_SYNCS_LISTED}) f), '[]'::json) AS failing
    FROM k`);
  return {
    total: summary.total,
    lastSuccessAt: isoOf(summary.last_success_at),
    running: summary.running,
    neverSynced: summary.never_synced,
    failingCount: summary.failing_count,
    failing: summary.failing.map((r) => toSyncHealthRow(r, 'failing')),
  };
}
