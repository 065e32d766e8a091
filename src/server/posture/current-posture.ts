// The current posture, materialized per account (tables posture_current_*), so posture pages
// read small tables instead of evaluating every synced record on each request.
//
// An account's rows are the evaluatePosture result for that account alone (posture is
// separable by account: see current-posture-rows.ts), evaluated as of the refresh. They stay
// right until one of their inputs changes:
// - its evidence: changes only through a sync of the account, which ends by updating its
//   sync_states rows (success or failure);
// - its approved exclusions: any decision, revocation or expiry bumps the exclusion's version;
// - the rules or the catalog: a new release;
// - time: an exclusion in force lapses at its expiresAt (`stale_after`).
// The first three are fingerprinted in `inputs_version`; every read compares the fingerprint
// and stale_after with the live ones and refreshes the accounts that differ before reading, so
// a page is never staler than the database even when a hook was missed. Hooks (after a sync,
// an exclusion decision, an account's creation) only move that work off the page request.
// Attestations are not stored: they only decide manual controls, which are assembled when read.
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { catalog2022 } from '@/server/catalog';
import type { Severity } from '@/server/catalog/types';
import { activeAttestations } from '@/server/attestations/active-attestations';
import { activeExclusions } from '@/server/exclusions/active-exclusions';
import { logger } from '@/server/logger';
import { attestationFinder, compareStrings, evaluatePosture, SEVERITY_RANK } from './evaluate';
import { isManualControl } from './map-evidence';
import { loadEvidence } from './load-evidence';
import { severityRankSql } from './severity-sql';
import {
  assemblePosture,
  storedControlRows,
  storedResourceRows,
  type AssembledPosture,
  type StoredControlRow,
  type StoredEvidence,
  type StoredResourceRow,
} from './current-posture-rows';
import {
  groupFailingResourceControls,
  heatmapCellKey,
  type ControlAggregate,
  type FailingAccountGroup,
  type FailingLimits,
  type FailingResourceControl,
  type OverviewAggregates,
} from './posture-views';
import type { ControlStatus } from './types';

/** Bump when evaluate.ts or the stored shape changes: every account is then recomputed once. */
const RULES_VERSION = 1;
/**
 * Accounts evaluated together (one evidence load, one transaction). Small, because a batch's
 * evidence is held in memory: at 5,000 findings and 5,000 Config evaluations an account,
 * five accounts are about 50,000 records, whatever the size of the organization.
 */
const REFRESH_BATCH = 5;
const INSERT_CHUNK = 5000;

const catalog = catalog2022;
const rulesFingerprint = createHash('sha256')
  .update(
    JSON.stringify([
      RULES_VERSION,
      catalog.version,
      catalog.services.map((s) => [s.id, s.controls.map((c) => [c.id, c.defaultSeverity, c.evidence.securityHubControlIds, c.evidence.configRuleIdentifiers])]),
    ]),
  )
  .digest('hex')
  .slice(0, 16);

interface AccountInputs {
  accountId: string;
  /** The fingerprint of the account's inputs now. */
  version: string;
  registered: boolean;
  stored: { version: string; computedAt: Date; staleAfter: Date | null; hasCurrentEvidence: boolean } | null;
}

/** The live fingerprint of each account's inputs, with what its stored rows were computed from. */
async function readAccountInputs(db: Db, accountIds: readonly string[]): Promise<AccountInputs[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<
    {
      account_id: string;
      sync_version: string;
      exclusions_version: string;
      registered: boolean;
      stored_version: string | null;
      computed_at: Date | null;
      stale_after: Date | null;
      has_current_evidence: boolean | null;
    }[]
  >(db, Prisma.sql`
    WITH ids AS (SELECT * FROM unnest(${[...accountIds]}::text[]) WITH ORDINALITY AS ids(account_id, n)),
    -- Set-based (one pass over each table for every account), not a subquery per account.
    sync AS (
      SELECT s.account_id,
             md5(string_agg(s.region || '/' || s.source::text || '/' || coalesce(s.last_success_at::text, '') || '/' || coalesce(s.last_error_at::text, ''),
                            ',' ORDER BY s.region, s.source)) AS version
      FROM sync_states s WHERE s.account_id = ANY(${[...accountIds]}::text[]) GROUP BY s.account_id
    ), approved AS (
      SELECT e.account_id, md5(string_agg(e.id::text || '/' || e.version::text || '/' || e.expires_at::text, ',' ORDER BY e.id)) AS version
      FROM exclusions e WHERE e.account_id = ANY(${[...accountIds]}::text[]) AND e.status = 'approved' GROUP BY e.account_id
    )
    SELECT ids.account_id, coalesce(sync.version, md5('')) AS sync_version, coalesce(approved.version, md5('')) AS exclusions_version,
           a.id IS NOT NULL AS registered,
           c.inputs_version AS stored_version, c.computed_at, c.stale_after, c.has_current_evidence
    FROM ids
    LEFT JOIN sync ON sync.account_id = ids.account_id
    LEFT JOIN approved ON approved.account_id = ids.account_id
    LEFT JOIN aws_accounts a ON a.id = ids.account_id
    LEFT JOIN posture_current_accounts c ON c.account_id = ids.account_id
    ORDER BY ids.n`);
  return rows.map((r) => ({
    accountId: r.account_id,
    version: `${rulesFingerprint}:${r.sync_version}:${r.exclusions_version}`,
    registered: r.registered,
    stored:
      r.stored_version === null
        ? null
        : { version: r.stored_version, computedAt: r.computed_at!, staleAfter: r.stale_after, hasCurrentEvidence: r.has_current_evidence ?? false },
  }));
}

/**
 * Whether an account's stored rows are those an evaluation at `now` would give: same inputs,
 * and `now` within [computedAt, staleAfter) (before computedAt an exclusion that has lapsed
 * since may have been in force).
 */
export function isCurrent(inputs: Pick<AccountInputs, 'version' | 'stored'>, now: Date): boolean {
  const { stored } = inputs;
  if (stored === null || stored.version !== inputs.version) return false;
  if (stored.computedAt.getTime() > now.getTime()) return false;
  return stored.staleAfter === null || stored.staleAfter.getTime() > now.getTime();
}

/**
 * Recomputes the current posture of these accounts (as of `now`) and replaces their rows.
 * Called after whatever changed their inputs; reads call it for accounts found out of date.
 */
export async function refreshCurrentPosture(db: Db, accountIds: readonly string[], options: { now?: Date } = {}): Promise<void> {
  const ids = [...new Set(accountIds)].sort(compareStrings);
  await refreshAccounts(db, await readAccountInputs(db, ids), options.now ?? new Date());
}

// Refreshes running in this process, per account: concurrent page requests share one.
const inFlight = new Map<string, Promise<void>>();

async function refreshAccounts(db: Db, accounts: readonly AccountInputs[], now: Date): Promise<void> {
  const waits: Promise<void>[] = [];
  const mine: AccountInputs[] = [];
  for (const account of accounts) {
    const running = inFlight.get(account.accountId);
    if (running) waits.push(running);
    else mine.push(account);
  }
  // One batch after the other: a batch's evidence is in memory until it is written.
  let previous: Promise<void> = Promise.resolve();
  for (let i = 0; i < mine.length; i += REFRESH_BATCH) {
    const batch = mine.slice(i, i + REFRESH_BATCH);
    const work = previous.catch(() => {}).then(() => refreshBatch(db, batch, now));
    previous = work;
    for (const account of batch) inFlight.set(account.accountId, work);
    work
      .finally(() => {
        for (const account of batch) if (inFlight.get(account.accountId) === work) inFlight.delete(account.accountId);
      })
      .catch(() => {}); // the error reaches the callers through `waits`
    waits.push(work);
  }
  await Promise.all(waits);
}

async function refreshBatch(db: Db, batch: readonly AccountInputs[], now: Date): Promise<void> {
  const ids = batch.map((a) => a.accountId);
  // The fingerprints were read before the evidence: a change in between makes the next read refresh again.
  const [records, exclusions] = await Promise.all([loadEvidence(db, ids), activeExclusions(db, { accountIds: ids, asOf: now })]);
  const withEvidence = new Set<string>();
  for (const record of records) if (!record.archived) withEvidence.add(record.accountId);
  const evaluation = evaluatePosture({
    catalog,
    records,
    exclusions,
    attestations: [],
    accountIds: batch.filter((a) => a.registered).map((a) => a.accountId),
    asOf: now,
  });
  const controls = storedControlRows(evaluation);
  const resources = storedResourceRows(evaluation.resourceControls);
  const staleAfter = new Map<string, Date>();
  for (const exclusion of exclusions) {
    const earliest = staleAfter.get(exclusion.accountId);
    if (!earliest || exclusion.expiresAt < earliest) staleAfter.set(exclusion.accountId, exclusion.expiresAt);
  }

  await db.$transaction(
    async (tx) => {
      // One writer per account at a time (other processes; in order, so batches cannot deadlock).
      for (const id of ids) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`safeguards:posture-current:${id}`}))`;
      await tx.$executeRaw`DELETE FROM posture_current_resources WHERE account_id = ANY(${ids}::text[])`;
      await tx.$executeRaw`DELETE FROM posture_current_controls WHERE account_id = ANY(${ids}::text[])`;
      for (let i = 0; i < controls.length; i += INSERT_CHUNK) await insertControls(tx as Db, controls.slice(i, i + INSERT_CHUNK));
      for (let i = 0; i < resources.length; i += INSERT_CHUNK) await insertResources(tx as Db, resources.slice(i, i + INSERT_CHUNK));
      await tx.$executeRaw`
        INSERT INTO posture_current_accounts (account_id, inputs_version, computed_at, stale_after, has_current_evidence)
        SELECT * FROM unnest(${ids}::text[], ${batch.map((a) => a.version)}::text[], ${batch.map(() => now)}::timestamptz[],
                             ${batch.map((a) => staleAfter.get(a.accountId) ?? null)}::timestamptz[], ${batch.map((a) => withEvidence.has(a.accountId))}::boolean[])
        ON CONFLICT (account_id) DO UPDATE SET inputs_version = EXCLUDED.inputs_version, computed_at = EXCLUDED.computed_at,
          stale_after = EXCLUDED.stale_after, has_current_evidence = EXCLUDED.has_current_evidence`;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function insertControls(db: Db, rows: readonly StoredControlRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO posture_current_controls (account_id, control_id, service_id, status, passed, failed, excepted, unknown, max_severity, failed_suppressed)
    SELECT * FROM unnest(
      ${rows.map((r) => r.accountId)}::text[], ${rows.map((r) => r.controlId)}::text[], ${rows.map((r) => r.serviceId)}::text[],
      ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.passed)}::int[], ${rows.map((r) => r.failed)}::int[],
      ${rows.map((r) => r.excepted)}::int[], ${rows.map((r) => r.unknown)}::int[], ${rows.map((r) => r.maxSeverity)}::text[],
      ${rows.map((r) => r.failedSuppressed)}::int[])`;
}

async function insertResources(db: Db, rows: readonly StoredResourceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO posture_current_resources
      (account_id, control_id, resource_id, service_id, region, resource_type, status, severity, severity_rank, suppressed, exclusion_id, evidence)
    SELECT t.account_id, t.control_id, t.resource_id, t.service_id, t.region, t.resource_type, t.status, t.severity, t.severity_rank,
           t.suppressed, t.exclusion_id::uuid, t.evidence::jsonb
    FROM unnest(
      ${rows.map((r) => r.accountId)}::text[], ${rows.map((r) => r.controlId)}::text[], ${rows.map((r) => r.resourceId)}::text[],
      ${rows.map((r) => r.serviceId)}::text[], ${rows.map((r) => r.region)}::text[], ${rows.map((r) => r.resourceType)}::text[],
      ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.severity)}::text[], ${rows.map((r) => severityRank(r.severity))}::smallint[],
      ${rows.map((r) => r.suppressed)}::boolean[], ${rows.map((r) => r.exclusionId)}::text[], ${rows.map((r) => JSON.stringify(r.evidence))}::text[]
    ) AS t(account_id, control_id, resource_id, service_id, region, resource_type, status, severity, severity_rank, suppressed, exclusion_id, evidence)`;
}

function severityRank(severity: Severity | null): number {
  return severity === null ? -1 : SEVERITY_RANK[severity];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `all`, or explicit account ids (the accounts a user may see, or one of them). */
export type CurrentScope = string[] | 'all';

/** Accounts with any synced record, registered or not (an index probe per account, not a scan). */
async function accountsWithRecords(db: Db): Promise<string[]> {
  const rows = await queryRows<{ account_id: string }[]>(db, Prisma.sql`
    WITH RECURSIVE f AS (
      (SELECT account_id FROM findings ORDER BY account_id LIMIT 1)
      UNION ALL
      SELECT (SELECT n.account_id FROM findings n WHERE n.account_id > f.account_id ORDER BY n.account_id LIMIT 1) FROM f WHERE f.account_id IS NOT NULL
    ), c AS (
      (SELECT account_id FROM config_evaluations ORDER BY account_id LIMIT 1)
      UNION ALL
      SELECT (SELECT n.account_id FROM config_evaluations n WHERE n.account_id > c.account_id ORDER BY n.account_id LIMIT 1) FROM c WHERE c.account_id IS NOT NULL
    )
    SELECT account_id FROM f WHERE account_id IS NOT NULL
    UNION SELECT account_id FROM c WHERE account_id IS NOT NULL`);
  return rows.map((r) => r.account_id);
}

/** Every account posture may count: the registered ones and those with synced records. Sorted. */
async function candidateAccounts(db: Db): Promise<string[]> {
  const [registered, withRecords] = await Promise.all([queryRows<{ id: string }[]>(db, Prisma.sql`SELECT id FROM aws_accounts`), accountsWithRecords(db)]);
  return [...new Set([...registered.map((a) => a.id), ...withRecords])].sort(compareStrings);
}

/**
 * Brings the stored posture of the scope's accounts up to date (refreshing those whose inputs
 * changed or whose exclusions lapsed), and returns the accounts in scope as evaluatePosture
 * counts them: the registered ones, plus those with non-archived records. Sorted.
 */
export async function ensureCurrentPosture(db: Db, scope: CurrentScope, now: Date = new Date()): Promise<string[]> {
  return (await ensureCurrent(db, scope, now)).accountIds;
}

/**
 * ensureCurrentPosture, with a stamp of the stored rows of the scope's accounts: it changes
 * whenever any of their rows are written (every refresh writes the account's computed_at and
 * inputs version), so equal stamps mean equal rows.
 */
async function ensureCurrent(db: Db, scope: CurrentScope, now: Date): Promise<{ accountIds: string[]; stamp: string }> {
  const candidates = scope === 'all' ? await candidateAccounts(db) : [...new Set(scope)].sort(compareStrings);
  let inputs = await readAccountInputs(db, candidates);
  const outdated = inputs.filter((a) => !isCurrent(a, now));
  if (outdated.length > 0) {
    await refreshAccounts(db, outdated, now);
    const refreshed = new Map((await readAccountInputs(db, outdated.map((a) => a.accountId))).map((a) => [a.accountId, a]));
    inputs = inputs.map((a) => refreshed.get(a.accountId) ?? a);
  }
  const stamp = createHash('sha256');
  for (const a of inputs) stamp.update(`${a.accountId}:${a.stored?.version ?? ''}:${a.stored?.computedAt.getTime() ?? ''};`);
  return { accountIds: inputs.filter((a) => a.registered || a.stored?.hasCurrentEvidence).map((a) => a.accountId), stamp: stamp.digest('hex') };
}

/**
 * Brings every account's stored posture up to date, batch by batch: what the worker runs when
 * it starts and every few minutes, so that page requests find the rows current (a new release's
 * rules, a sync missed by its hook, an exclusion lapsed) instead of refreshing them. Returns
 * how many accounts were refreshed.
 */
export async function refreshOutdatedPosture(db: Db, now: Date = new Date()): Promise<number> {
  const outdated = (await readAccountInputs(db, await candidateAccounts(db))).filter((a) => !isCurrent(a, now));
  await refreshAccounts(db, outdated, now);
  return outdated.length;
}

export interface CurrentPosture extends AssembledPosture {
  asOf: Date;
  /** The accounts in scope, sorted. */
  accountIds: string[];
  /** The stored rows the summaries were assembled from (automated controls with resource-controls). */
  rows: StoredControlRow[];
}

/**
 * The current posture of a scope, read from the stored rows: the organization, account and
 * service summaries evaluatePosture gives as of `now` (with `serviceId` or `controlId`, listing
 * only that service's controls, or that control).
 */
export async function readCurrentPosture(
  db: Db,
  scope: CurrentScope,
  options: { now?: Date; serviceId?: string; controlId?: string } = {},
): Promise<CurrentPosture> {
  const now = options.now ?? new Date();
  const accountIds = await ensureCurrentPosture(db, scope, now);
  const serviceId = options.serviceId ?? null;
  const controlId = options.controlId ?? null;
  const [stored, attestations] = await Promise.all([
    queryRows<
      {
        account_id: string;
        control_id: string;
        service_id: string;
        status: string;
        passed: number;
        failed: number;
        excepted: number;
        unknown: number;
        max_severity: string | null;
        failed_suppressed: number;
      }[]
    >(db, Prisma.sql`
      SELECT account_id, control_id, service_id, status, passed, failed, excepted, unknown, max_severity, failed_suppressed
      FROM posture_current_controls
      WHERE account_id = ANY(${accountIds}::text[])
        AND (${serviceId}::text IS NULL OR service_id = ${serviceId}::text)
        AND (${controlId}::text IS NULL OR control_id = ${controlId}::text)`),
    activeAttestations(db, now, { accountIds }),
  ]);
  const rows: StoredControlRow[] = stored.map((r) => ({
    accountId: r.account_id,
    controlId: r.control_id,
    serviceId: r.service_id,
    status: r.status as ControlStatus,
    passed: r.passed,
    failed: r.failed,
    excepted: r.excepted,
    unknown: r.unknown,
    maxSeverity: r.max_severity as Severity | null,
    failedSuppressed: r.failed_suppressed,
  }));
  const controlIds = controlId
    ? new Set([controlId])
    : serviceId
      ? new Set(catalog.services.find((s) => s.id === serviceId)?.controls.map((c) => c.id) ?? [])
      : undefined;
  return { asOf: now, accountIds, rows, ...assemblePosture({ catalog, accountIds, rows, attestations, asOf: now, controlIds }) };
}

/**
 * The failing resources of the accounts given (with their failed resource-control counts,
 * from readCurrentPosture's rows), optionally of one service or control, as
 * capFailingGroups(groupFailingResources(...), limits) would list them: the first accounts
 * with failures, in each region the first resources, with totals.
 */
export async function readFailingGroups(
  db: Db,
  options: { failedByAccount: ReadonlyMap<string, number>; serviceId?: string; controlId?: string; limits: FailingLimits },
): Promise<FailingAccountGroup[]> {
  const accounts = [...options.failedByAccount.entries()]
    .filter(([, failed]) => failed > 0)
    .map(([id]) => id)
    .sort(compareStrings)
    .slice(0, options.limits.accounts);
  const groups = await readFailingResources(db, { accountIds: accounts, serviceId: options.serviceId, controlId: options.controlId, perRegion: options.limits.perRegion });
  return groups.map((group) => ({ ...group, failed: options.failedByAccount.get(group.accountId) ?? group.failed }));
}

/**
 * The failing resources of these accounts (optionally of one service or control, in one
 * region), grouped by account and region: in each region the first `perRegion` resources,
 * most severe first, with the region's total. A group's `failed` counts the listed
 * resource-controls only (readFailingGroups gives the account's whole count).
 */
export async function readFailingResources(
  db: Db,
  options: { accountIds: readonly string[]; serviceId?: string; controlId?: string; region?: string; perRegion: number },
): Promise<FailingAccountGroup[]> {
  const accounts = [...options.accountIds];
  if (accounts.length === 0) return [];
  const serviceId = options.serviceId ?? null;
  const controlId = options.controlId ?? null;
  const region = options.region ?? null;
  const rows = await queryRows<
    {
      account_id: string;
      control_id: string;
      resource_id: string;
      service_id: string;
      region: string;
      resource_type: string;
      severity: string | null;
      suppressed: boolean;
      evidence: StoredEvidence[];
      total: number;
    }[]
  >(db, Prisma.sql`
    WITH failing AS (
      SELECT account_id, control_id, resource_id, service_id, region, resource_type, severity, severity_rank, suppressed, evidence
      FROM posture_current_resources
      WHERE status = 'failed' AND account_id = ANY(${accounts}::text[])
        AND (${serviceId}::text IS NULL OR service_id = ${serviceId}::text)
        AND (${controlId}::text IS NULL OR control_id = ${controlId}::text)
        AND (${region}::text IS NULL OR region = ${region}::text)
    ), resources AS (
      SELECT account_id, region, resource_id, max(severity_rank) AS severity_rank FROM failing GROUP BY 1, 2, 3
    ), ranked AS (
      SELECT account_id, region, resource_id,
             row_number() OVER (PARTITION BY account_id, region ORDER BY severity_rank DESC, resource_id COLLATE "C") AS n,
             count(*) OVER (PARTITION BY account_id, region)::int AS total
      FROM resources
    )
    SELECT f.account_id, f.control_id, f.resource_id, f.service_id, f.region, f.resource_type, f.severity, f.suppressed, f.evidence, r.total
    FROM failing f JOIN ranked r ON r.account_id = f.account_id AND r.region = f.region AND r.resource_id = f.resource_id
    WHERE r.n <= ${options.perRegion}`);

  const regionTotals = new Map<string, number>();
  const resourceControls: FailingResourceControl[] = rows.map((r) => {
    regionTotals.set(`${r.account_id}\u0000${r.region}`, r.total);
    return {
      controlId: r.control_id,
      serviceId: r.service_id,
      accountId: r.account_id,
      resourceId: r.resource_id,
      region: r.region,
      resourceType: r.resource_type,
      status: 'failed',
      failureSeverity: r.severity as Severity | null,
      suppressedInSecurityHub: r.suppressed,
      failingEvidence: r.evidence.filter((e) => e.outcome === 'fail').map(({ outcome: _outcome, ...e }) => e),
    };
  });
  // In the order of a live evaluation's resource-controls, so each resource lists its controls alike.
  resourceControls.sort((a, b) => compareStrings(a.controlId, b.controlId) || compareStrings(a.accountId, b.accountId) || compareStrings(a.resourceId, b.resourceId));
  return groupFailingResourceControls(resourceControls).map((group) => ({
    ...group,
    regions: group.regions.map((region) => ({ ...region, total: regionTotals.get(`${group.accountId}\u0000${region.region}`) ?? region.total })),
  }));
}

/** Per region of one account: its failing resources and failed resource-controls (code point order of regions). */
export async function readFailingRegionTotals(db: Db, accountId: string): Promise<{ region: string; resources: number; failed: number }[]> {
  return queryRows<{ region: string; resources: number; failed: number }[]>(db, Prisma.sql`
    SELECT region, count(DISTINCT resource_id)::int AS resources, count(*)::int AS failed
    FROM posture_current_resources WHERE account_id = ${accountId} AND status = 'failed'
    GROUP BY region ORDER BY region COLLATE "C"`);
}

/** Failed resource-controls per account, from stored control rows (optionally of one service or control). */
export function failedByAccount(rows: readonly StoredControlRow[], filter: { serviceId?: string; controlId?: string } = {}): Map<string, number> {
  const failed = new Map<string, number>();
  for (const row of rows) {
    if (filter.serviceId && row.serviceId !== filter.serviceId) continue;
    if (filter.controlId && row.controlId !== filter.controlId) continue;
    failed.set(row.accountId, (failed.get(row.accountId) ?? 0) + row.failed);
  }
  return failed;
}

/**
 * refreshCurrentPosture for the hooks of the changes that feed posture (an exclusion decided,
 * a sync finished): the change itself is committed, and a failed refresh is only logged, since
 * the next read finds the account out of date and refreshes it anyway.
 */
export async function refreshCurrentPostureAfterChange(db: Db, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  try {
    await refreshCurrentPosture(db, accountIds);
  } catch (error) {
    logger.warn({ err: error, accountIds }, 'current posture refresh failed; the next read retries it');
  }
}

interface TotalsRow {
  control_id: string | null;
  service_id: string | null;
  passed: number;
  failed: number;
  excepted: number;
  unknown: number;
  severity_rank: number | null;
}

/**
 * The last few organization totals per database client, by stamp and accounts: the overview's
 * largest read (a scan of every account's control rows), unchanged until an account is refreshed.
 */
const totalsMemos = new WeakMap<Db, Map<string, TotalsRow[]>>();
const TOTALS_MEMO_ENTRIES = 16;

/** Per control and per service over the accounts' stored rows (one scan), memoized by the rows' stamp. */
async function organizationTotals(db: Db, ids: readonly string[], stamp: string): Promise<TotalsRow[]> {
  let totalsMemo = totalsMemos.get(db);
  if (!totalsMemo) totalsMemos.set(db, (totalsMemo = new Map()));
  const key = createHash('sha256').update(stamp).update(ids.join(',')).digest('hex');
  const memoized = totalsMemo.get(key);
  if (memoized) return memoized;
  const rows = await queryRows<TotalsRow[]>(db, Prisma.sql`
      SELECT control_id, service_id,
             sum(passed)::int AS passed, sum(failed)::int AS failed, sum(excepted)::int AS excepted, sum(unknown)::int AS unknown,
             max(${severityRankSql('max_severity')}) AS severity_rank
      FROM posture_current_controls WHERE account_id = ANY(${[...ids]}::text[])
      GROUP BY GROUPING SETS ((control_id), (service_id))`);
  totalsMemo.set(key, rows);
  if (totalsMemo.size > TOTALS_MEMO_ENTRIES) totalsMemo.delete(totalsMemo.keys().next().value!);
  return rows;
}

/**
 * What the overview needs of the current posture of these (registered, in-scope) accounts,
 * summed by the database rather than read row by row: buildOverviewOf(result, accounts) equals
 * buildOverview(accountControlRows(evaluation), accounts). Heatmap cells are read for
 * `cellsOf` only (the heatmap's page of accounts; default all), the service totals for all.
 */
export async function readCurrentOverview(
  db: Db,
  scope: CurrentScope,
  accountIds: readonly string[],
  now: Date = new Date(),
  options: { cellsOf?: readonly string[] } = {},
): Promise<OverviewAggregates> {
  const { stamp } = await ensureCurrent(db, scope, now);
  const ids = [...accountIds];
  const cellIds = options.cellsOf ? options.cellsOf.filter((id) => ids.includes(id)) : ids;
  const [totals, byCell, attestations] = await Promise.all([
    organizationTotals(db, ids, stamp),
    queryRows<{ service_id: string; account_id: string; passed: number; failed: number; excepted: number; unknown: number }[]>(db, Prisma.sql`
      SELECT service_id, account_id, sum(passed)::int AS passed, sum(failed)::int AS failed, sum(excepted)::int AS excepted, sum(unknown)::int AS unknown
      FROM posture_current_controls WHERE account_id = ANY(${cellIds}::text[]) GROUP BY service_id, account_id`),
    activeAttestations(db, now, { accountIds: ids }),
  ]);
  const severities = Object.keys(SEVERITY_RANK) as Severity[];
  const byControl = totals.filter((r): r is typeof r & { control_id: string } => r.control_id !== null);
  const byService = totals.filter((r): r is typeof r & { service_id: string } => r.control_id === null && r.service_id !== null);
  const controls = new Map<string, ControlAggregate>(
    byControl.map((r) => [
      r.control_id,
      { passed: r.passed, failed: r.failed, excepted: r.excepted, unknown: r.unknown, maxSeverity: r.severity_rank === null ? null : severities.find((s) => SEVERITY_RANK[s] === r.severity_rank)!, attestedAccounts: 0 },
    ]),
  );
  // Manual controls: the accounts an attestation in force covers (they have no stored rows).
  const attested = attestationFinder(attestations, now);
  for (const control of catalog.services.flatMap((s) => s.controls)) {
    if (!isManualControl(control)) continue;
    const count = attested.accountsCovered(control.id, ids);
    if (count > 0) controls.set(control.id, { passed: 0, failed: 0, excepted: 0, unknown: 0, maxSeverity: null, attestedAccounts: count });
  }
  const cells = new Map(byCell.map((r) => [heatmapCellKey(r.service_id, r.account_id), { passed: r.passed, failed: r.failed, excepted: r.excepted, unknown: r.unknown }]));
  const serviceTotals = new Map(byService.map((r) => [r.service_id, { passed: r.passed, failed: r.failed, excepted: r.excepted, unknown: r.unknown }]));
  return { controls, cells, serviceTotals };
}
