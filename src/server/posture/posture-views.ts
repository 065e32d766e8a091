// What the posture pages show, built from posture results by pure functions (no database):
// the overview's score, failing controls by severity, the services × accounts heatmap and
// the worst services; failing resources grouped by account and region.
//
// The overview is built from account-control rows, the one shape both a live evaluation
// (accountControlRows) and a stored daily snapshot (snapshots.ts) have, so "posture now"
// and "posture as of a past day" are shown by the same code. Summing account rows gives the
// organization's counts because each resource-control belongs to exactly one account.
import { catalog2022 } from '@/server/catalog';
import type { CatalogService, CatalogVersion } from '@/server/catalog/types';
import { compareStrings, SEVERITY_RANK } from './evaluate';
import { isManualControl } from './map-evidence';
import { FAILING_EVIDENCE_LISTED } from './failing-evidence';
import { outcomeOf } from './normalize';
import type {
  ControlResult,
  ControlStatus,
  ControlStatusCounts,
  EvidenceRecord,
  PostureEvaluation,
  ResourceControlCounts,
  ResourceControlResult,
  Severity,
} from './types';

/** One control in one account: its status and resource-control counts. */
export interface AccountControlRow extends ResourceControlCounts {
  accountId: string;
  controlId: string;
  serviceId: string;
  status: ControlStatus;
  /** Highest severity among the failed (not excepted) resources; null when none failed. */
  maxSeverity: Severity | null;
}

/** Resource-control counts with their score: passed ÷ (passed + failed), null when both are 0. */
export interface Tally extends ResourceControlCounts {
  score: number | null;
}

export const SEVERITIES_HIGH_FIRST: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

export const CONTROL_STATUSES: readonly ControlStatus[] = ['failed', 'passed', 'attested', 'excepted', 'manual', 'not_evaluated'];

export function emptyTally(): Tally {
  return { passed: 0, failed: 0, excepted: 0, unknown: 0, score: null };
}

export function scoreOf(counts: ResourceControlCounts): number | null {
  const evaluated = counts.passed + counts.failed;
  return evaluated === 0 ? null : counts.passed / evaluated;
}

export function tally(rows: Iterable<ResourceControlCounts>): Tally {
  const t = emptyTally();
  for (const r of rows) {
    t.passed += r.passed;
    t.failed += r.failed;
    t.excepted += r.excepted;
    t.unknown += r.unknown;
  }
  t.score = scoreOf(t);
  return t;
}

export function evaluatedCount(counts: ResourceControlCounts): number {
  return counts.passed + counts.failed + counts.excepted + counts.unknown;
}

export function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

/** Every (account, control) of a live evaluation. */
export function accountControlRows(evaluation: Pick<PostureEvaluation, 'accounts'>): AccountControlRow[] {
  return evaluation.accounts.flatMap((account) =>
    account.controls.map((c) => ({
      accountId: account.scopeId,
      controlId: c.controlId,
      serviceId: c.serviceId,
      status: c.status,
      ...c.resourceControls,
      maxSeverity: c.maxFailureSeverity,
    })),
  );
}

/** Rows worth storing in a snapshot: some resource was evaluated, or the status says more than "not evaluated". */
export function isRecordedRow(row: AccountControlRow): boolean {
  return row.status !== 'not_evaluated' || evaluatedCount(row) > 0;
}

/**
 * A control's status over several accounts, by the rules of evaluate.ts: failed if any
 * resource failed, else passed, else excepted; a manual control is attested only when every
 * account in scope is. Accounts without a row count as not evaluated.
 */
export function combinedStatus(rows: readonly AccountControlRow[], manual: boolean, accountsInScope: number): ControlStatus {
  const t = tally(rows);
  if (manual) return accountsInScope > 0 && rows.filter((r) => r.status === 'attested').length >= accountsInScope ? 'attested' : 'manual';
  if (t.failed > 0) return 'failed';
  if (t.passed > 0) return 'passed';
  if (t.excepted > 0) return 'excepted';
  return 'not_evaluated';
}

/** One control over the scope: counts summed over accounts, the combined status and highest failure severity. */
export interface ControlRollup extends Tally {
  controlId: string;
  serviceId: string;
  serviceName: string;
  title: string;
  status: ControlStatus;
  maxSeverity: Severity | null;
}

export function controlRollups(rows: readonly AccountControlRow[], accountsInScope: number, catalog: CatalogVersion = catalog2022): ControlRollup[] {
  return controlRollupsOf(aggregateOverviewRows(rows).controls, accountsInScope, catalog);
}

/** One control over the accounts in scope: its summed counts, highest failure severity, and how many accounts attest it. */
export interface ControlAggregate extends ResourceControlCounts {
  maxSeverity: Severity | null;
  attestedAccounts: number;
}

/**
 * All an overview needs of the account-control rows: per control (any id, also ones no longer in
 * the catalog), and per service and account (`${serviceId}\u0000${accountId}`). A database can
 * compute these with GROUP BY instead of returning every row.
 */
export interface OverviewAggregates {
  controls: Map<string, ControlAggregate>;
  /** At least the cells of the heatmap's page of accounts. */
  cells: Map<string, ResourceControlCounts>;
  /** Per service over every account in scope: a heatmap row's total. */
  serviceTotals: Map<string, ResourceControlCounts>;
}

export function heatmapCellKey(serviceId: string, accountId: string): string {
  return `${serviceId}\u0000${accountId}`;
}

export function aggregateOverviewRows(rows: readonly AccountControlRow[]): OverviewAggregates {
  const controls = new Map<string, ControlAggregate>();
  const cells = new Map<string, ResourceControlCounts>();
  const serviceTotals = new Map<string, ResourceControlCounts>();
  const zero = (): ResourceControlCounts => ({ passed: 0, failed: 0, excepted: 0, unknown: 0 });
  for (const r of rows) {
    const c = controls.get(r.controlId) ?? { passed: 0, failed: 0, excepted: 0, unknown: 0, maxSeverity: null, attestedAccounts: 0 };
    addCounts(c, r);
    c.maxSeverity = maxSeverity(c.maxSeverity, r.maxSeverity);
    if (r.status === 'attested') c.attestedAccounts += 1;
    controls.set(r.controlId, c);
    const key = heatmapCellKey(r.serviceId, r.accountId);
    cells.set(key, addCounts(cells.get(key) ?? zero(), r));
    serviceTotals.set(r.serviceId, addCounts(serviceTotals.get(r.serviceId) ?? zero(), r));
  }
  return { controls, cells, serviceTotals };
}

function addCounts<T extends ResourceControlCounts>(into: T, counts: ResourceControlCounts): T {
  into.passed += counts.passed;
  into.failed += counts.failed;
  into.excepted += counts.excepted;
  into.unknown += counts.unknown;
  return into;
}

function controlRollupsOf(aggregates: ReadonlyMap<string, ControlAggregate>, accountsInScope: number, catalog: CatalogVersion): ControlRollup[] {
  return catalog.services.flatMap((service) =>
    service.controls.map((control) => {
      const a = aggregates.get(control.id);
      const t = tally(a ? [a] : []);
      let status: ControlStatus;
      if (isManualControl(control)) status = accountsInScope > 0 && (a?.attestedAccounts ?? 0) >= accountsInScope ? 'attested' : 'manual';
      else status = t.failed > 0 ? 'failed' : t.passed > 0 ? 'passed' : t.excepted > 0 ? 'excepted' : 'not_evaluated';
      return { controlId: control.id, serviceId: service.id, serviceName: service.name, title: control.title, ...t, status, maxSeverity: a?.maxSeverity ?? null };
    }),
  );
}

export interface ServiceRollup extends Tally {
  serviceId: string;
  name: string;
  failedControls: number;
}

export interface HeatmapCell extends Tally {
  accountId: string;
}

export interface HeatmapRow {
  serviceId: string;
  serviceName: string;
  /** One per account, in the heatmap's account order. */
  cells: HeatmapCell[];
  total: Tally;
}

export interface Heatmap {
  accounts: { id: string; name: string }[];
  /** Services with at least one evaluated resource in scope, by name. */
  rows: HeatmapRow[];
}

/** Services × accounts: each cell is the service's resource-controls in the account. */
export function buildHeatmap(
  rows: readonly AccountControlRow[],
  accounts: readonly { id: string; name: string }[],
  services: readonly CatalogService[] = catalog2022.services,
): Heatmap {
  const accountIds = new Set(accounts.map((a) => a.id));
  return heatmapOf(aggregateOverviewRows(rows.filter((r) => accountIds.has(r.accountId))), services, accounts);
}

/**
 * Cells for the `shown` accounts (a page of the accounts in scope), rows for the services
 * evaluated in any account in scope, each with its total over all of them (serviceTotals).
 */
function heatmapOf(
  { cells: cellCounts, serviceTotals }: Pick<OverviewAggregates, 'cells' | 'serviceTotals'>,
  services: readonly CatalogService[],
  shown: readonly { id: string; name: string }[],
): Heatmap {
  const heatmapRows: HeatmapRow[] = [];
  for (const service of services) {
    const totals = serviceTotals.get(service.id);
    const total = tally(totals ? [totals] : []);
    if (evaluatedCount(total) === 0) continue;
    const cells = shown.map((account) => {
      const counts = cellCounts.get(heatmapCellKey(service.id, account.id));
      return { accountId: account.id, ...tally(counts ? [counts] : []) };
    });
    heatmapRows.push({ serviceId: service.id, serviceName: service.name, cells, total });
  }
  heatmapRows.sort((a, b) => a.serviceName.localeCompare(b.serviceName, 'en'));
  return { accounts: shown.map((a) => ({ id: a.id, name: a.name })), rows: heatmapRows };
}

/**
 * Accounts per heatmap page: as many columns as a person can compare, and a page that stays
 * small for an organization of hundreds of accounts (every cell is markup to render).
 */
export const HEATMAP_ACCOUNTS_PER_PAGE = 10;

export interface HeatmapPaging {
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the page's first and last account (0 and 0 when there are none). */
  first: number;
  last: number;
  total: number;
}

/** Page `page` (1-based; clamped, and 1 when not a number) of a list of accounts. */
export function pageOfAccounts<T>(accounts: readonly T[], page: number, size: number = HEATMAP_ACCOUNTS_PER_PAGE): { accounts: T[]; paging: HeatmapPaging } {
  const total = accounts.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages);
  const start = (current - 1) * size;
  const end = Math.min(start + size, total);
  return { accounts: accounts.slice(start, end), paging: { page: current, pages, first: total === 0 ? 0 : start + 1, last: end, total } };
}

export { scoreBand, type ScoreBand } from './score-band';

export function formatScore(score: number | null): string {
  return score === null ? '—' : `${Math.floor(score * 1000) / 10}%`;
}

export interface PostureOverview extends Tally {
  accountCount: number;
  /** Catalog controls by their status over the scope. */
  controlStatuses: ControlStatusCounts;
  /** Failing controls per highest failure severity, highest first (every severity listed). */
  failingBySeverity: { severity: Severity; controls: number; failedResources: number }[];
  /** Failing controls, highest severity then most failed resources first. */
  topFailingControls: ControlRollup[];
  /** One page of the accounts (HEATMAP_ACCOUNTS_PER_PAGE), every evaluated service. */
  heatmap: Heatmap;
  heatmapPaging: HeatmapPaging;
  /** Services with failures, lowest score first. */
  worstServices: ServiceRollup[];
}

export interface OverviewOptions {
  catalog?: CatalogVersion;
  worst?: number;
  topControls?: number;
  /** The heatmap's page of accounts (1-based, default 1). */
  heatmapPage?: number;
}

export function buildOverview(
  rows: readonly AccountControlRow[],
  accounts: readonly { id: string; name: string }[],
  options: OverviewOptions = {},
): PostureOverview {
  const accountIds = new Set(accounts.map((a) => a.id));
  return buildOverviewOf(
    aggregateOverviewRows(rows.filter((r) => accountIds.has(r.accountId))),
    accounts,
    options,
  );
}

/** buildOverview from the aggregates of the rows of exactly these accounts. */
export function buildOverviewOf(
  aggregates: OverviewAggregates,
  accounts: readonly { id: string; name: string }[],
  options: OverviewOptions = {},
): PostureOverview {
  const catalog = options.catalog ?? catalog2022;
  const heatmapAccounts = pageOfAccounts(accounts, options.heatmapPage ?? 1);
  const controls = controlRollupsOf(aggregates.controls, accounts.length, catalog);
  const controlStatuses = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as ControlStatusCounts;
  for (const c of controls) controlStatuses[c.status] += 1;
  const failing = controls.filter((c) => c.status === 'failed');

  const failingBySeverity = SEVERITIES_HIGH_FIRST.map((severity) => {
    const these = failing.filter((c) => (c.maxSeverity ?? 'INFORMATIONAL') === severity);
    return { severity, controls: these.length, failedResources: these.reduce((n, c) => n + c.failed, 0) };
  });

  const bySeverityThenFailed = (a: ControlRollup, b: ControlRollup) =>
    rank(b.maxSeverity) - rank(a.maxSeverity) || b.failed - a.failed || a.controlId.localeCompare(b.controlId);

  const controlsByService = groupBy(controls, (c) => c.serviceId);
  const services: ServiceRollup[] = catalog.services.map((service) => {
    const mine = controlsByService.get(service.id) ?? [];
    return { serviceId: service.id, name: service.name, ...tally(mine), failedControls: mine.filter((c) => c.status === 'failed').length };
  });

  return {
    ...tally(aggregates.controls.values()),
    accountCount: accounts.length,
    controlStatuses,
    failingBySeverity,
    topFailingControls: [...failing].sort(bySeverityThenFailed).slice(0, options.topControls ?? 10),
    heatmap: heatmapOf(aggregates, catalog.services, heatmapAccounts.accounts),
    heatmapPaging: heatmapAccounts.paging,
    worstServices: services
      .filter((s) => s.failed > 0)
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || b.failed - a.failed || a.name.localeCompare(b.name, 'en'))
      .slice(0, options.worst ?? 8),
  };
}

const rank = (s: Severity | null) => (s === null ? -1 : SEVERITY_RANK[s]);

/** A scope's evaluated services (from its per-control results), lowest score first. */
export function serviceRollups(controls: readonly ControlResult[], catalog: CatalogVersion = catalog2022): ServiceRollup[] {
  const byService = groupBy(controls, (c) => c.serviceId);
  return catalog.services
    .map((service) => {
      const mine = byService.get(service.id) ?? [];
      return { serviceId: service.id, name: service.name, ...tally(mine.map((c) => c.resourceControls)), failedControls: mine.filter((c) => c.status === 'failed').length };
    })
    .filter((s) => evaluatedCount(s) > 0)
    .sort((a, b) => (a.score ?? 2) - (b.score ?? 2) || b.failed - a.failed || a.name.localeCompare(b.name, 'en'));
}

/** Controls by what needs attention first: failing (most severe, most failures), then the rest by id. */
export function controlsByUrgency(controls: readonly ControlResult[]): ControlResult[] {
  const order: Record<ControlStatus, number> = { failed: 0, not_evaluated: 3, excepted: 2, passed: 4, attested: 4, manual: 5 };
  return [...controls].sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      rank(b.maxFailureSeverity) - rank(a.maxFailureSeverity) ||
      b.resourceControls.failed - a.resourceControls.failed ||
      a.controlId.localeCompare(b.controlId),
  );
}

// ---------------------------------------------------------------------------------------------
// Failing resources

/** A current failing evaluation of a control on a resource, as the failing-resource lists show it. */
export interface FailingEvidence {
  source: EvidenceRecord['source'];
  recordId: string;
  evidenceKey: string | null;
  title?: string;
  /** AWS Config's annotation of a NON_COMPLIANT result, when it gave one. */
  annotation?: string | null;
}

export interface FailingCheck {
  controlId: string;
  serviceId: string;
  severity: Severity | null;
  suppressedInSecurityHub: boolean;
  /** The current failing evaluations (Security Hub findings, Config results) of the control on the resource. */
  evidence: FailingEvidence[];
}

export interface FailingResource {
  accountId: string;
  region: string;
  resourceId: string;
  resourceType: string;
  /** Highest severity over its failing controls. */
  severity: Severity | null;
  controls: FailingCheck[];
}

export interface FailingRegionGroup {
  region: string;
  /** Failing resources in the region; `resources` may list only the first of them. */
  total: number;
  resources: FailingResource[];
}

export interface FailingAccountGroup {
  accountId: string;
  /** Failed resource-controls in the account. */
  failed: number;
  regions: FailingRegionGroup[];
}

/** What the failing-resource lists need of a resource-control: a live result or a row of the current-posture tables. */
export interface FailingResourceControl {
  controlId: string;
  serviceId: string;
  accountId: string;
  resourceId: string;
  region: string;
  resourceType: string;
  status: ResourceControlResult['status'];
  failureSeverity: Severity | null;
  suppressedInSecurityHub: boolean;
  /** Its current failing evaluations. */
  failingEvidence: FailingEvidence[];
}

export function failingEvidenceOf(record: EvidenceRecord): FailingEvidence {
  return { source: record.source, recordId: record.recordId, evidenceKey: record.evidenceKey, title: record.title, annotation: record.annotation ?? null };
}

export function toFailingResourceControl(rc: ResourceControlResult): FailingResourceControl {
  return {
    controlId: rc.controlId,
    serviceId: rc.serviceId,
    accountId: rc.accountId,
    resourceId: rc.resourceId,
    region: rc.region,
    resourceType: rc.resourceType,
    status: rc.status,
    failureSeverity: rc.failureSeverity,
    suppressedInSecurityHub: rc.suppressedInSecurityHub,
    failingEvidence: rc.evidence.filter((e) => outcomeOf(e) === 'fail').map(failingEvidenceOf),
  };
}

/**
 * The failed (not excepted) resource-controls, one entry per resource with its failing
 * controls, grouped by account then region; in each region the most severe first. Ids are
 * ordered by code point (as SQL's COLLATE "C"), so a database query can pick the same first ones.
 */
export function groupFailingResources(resourceControls: readonly ResourceControlResult[]): FailingAccountGroup[] {
  return groupFailingResourceControls(resourceControls.map(toFailingResourceControl));
}

/** groupFailingResources over resource-controls given in (control, account, resource) order. */
export function groupFailingResourceControls(resourceControls: readonly FailingResourceControl[]): FailingAccountGroup[] {
  const resources = new Map<string, FailingResource>();
  const failedPerAccount = new Map<string, number>();
  for (const rc of resourceControls) {
    if (rc.status !== 'failed') continue;
    failedPerAccount.set(rc.accountId, (failedPerAccount.get(rc.accountId) ?? 0) + 1);
    const key = `${rc.accountId}\u0000${rc.region}\u0000${rc.resourceId}`;
    let resource = resources.get(key);
    if (!resource) {
      resource = { accountId: rc.accountId, region: rc.region, resourceId: rc.resourceId, resourceType: rc.resourceType, severity: null, controls: [] };
      resources.set(key, resource);
    }
    resource.severity = maxSeverity(resource.severity, rc.failureSeverity);
    resource.controls.push({
      controlId: rc.controlId,
      serviceId: rc.serviceId,
      severity: rc.failureSeverity,
      suppressedInSecurityHub: rc.suppressedInSecurityHub,
      evidence: rc.failingEvidence,
    });
  }
  const byAccount = groupBy([...resources.values()], (r) => r.accountId);
  return [...byAccount.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([accountId, list]) => ({
      accountId,
      failed: failedPerAccount.get(accountId) ?? 0,
      regions: [...groupBy(list, (r) => r.region).entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([region, rs]) => ({
          region,
          total: rs.length,
          resources: rs.sort(compareFailingResources),
        })),
    }));
}

/** Most severe first, then by resource id (code point order). */
export function compareFailingResources(a: FailingResource, b: FailingResource): number {
  return rank(b.severity) - rank(a.severity) || compareStrings(a.resourceId, b.resourceId);
}

/** How much of the failing resources a page lists; the rest is in the findings explorer. */
export interface FailingLimits {
  /** Account groups listed (accounts with failures, by id). */
  accounts: number;
  /** Resources listed per account and region. */
  perRegion: number;
}

export const DEFAULT_FAILING_LIMITS: FailingLimits = { accounts: 3, perRegion: 5 };

/** The first `limits.accounts` account groups, each region cut to its first `limits.perRegion` resources (totals kept). */
export function capFailingGroups(groups: readonly FailingAccountGroup[], limits: FailingLimits): FailingAccountGroup[] {
  return groups.slice(0, limits.accounts).map((group) => ({
    ...group,
    regions: group.regions.map((region) => ({ ...region, resources: region.resources.slice(0, limits.perRegion) })),
  }));
}

export { FAILING_EVIDENCE_LISTED } from './failing-evidence';

/** The Security Hub findings the failing-resource lists show (their texts are read for them). */
export function failingFindingIds(groups: readonly FailingAccountGroup[]): string[] {
  const ids = new Set<string>();
  for (const g of groups)
    for (const r of g.regions)
      for (const res of r.resources)
        for (const c of res.controls) for (const e of c.evidence.slice(0, FAILING_EVIDENCE_LISTED)) if (e.source === 'securityhub') ids.add(e.recordId);
  return [...ids];
}

// ---------------------------------------------------------------------------------------------

export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
