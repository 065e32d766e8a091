// Daily posture snapshots: one row per (day, account, control) with the control's status and
// resource-control counts, so trends and "posture as of day D" are read from a small table
// instead of being recomputed from raw findings. Written by the worker after each sync and
// once a day; a later snapshot of the same day replaces the earlier one.
// Two rollups, recomputed from those rows whenever a day's snapshot of an account is written,
// serve the trends: sums per (day, account) and per (day, account, service).
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { computePostureForAccounts } from './compute-posture';
import { readCurrentPosture } from './current-posture';
import { postureInputsAsOf } from './posture-inputs';
import { accountControlRows, isRecordedRow, scoreOf, type AccountControlRow } from './posture-views';
import type { ControlStatus, PostureEvaluation, Severity } from './types';

/** `YYYY-MM-DD` of an instant, in UTC: the snapshot day. */
export function snapshotDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The rows a snapshot of this evaluation stores: controls with evaluated resources or a status worth keeping. */
export function snapshotRows(evaluation: Pick<PostureEvaluation, 'accounts'>): AccountControlRow[] {
  return accountControlRows(evaluation).filter(isRecordedRow);
}

export interface SnapshotResult {
  day: string;
  accounts: number;
  rows: number;
  takenAt: Date;
}

/**
 * Computes posture for every registered account as of `asOf` (exclusions and attestations in
 * force then, the evidence synced so far) and stores it as the snapshot of asOf's UTC day,
 * replacing any earlier snapshot of that day, with the day's rollups of those accounts.
 * Idempotent; concurrent callers are serialized.
 *
 * Without `asOf` ("now", the worker's calls) the posture is read from the stored current
 * posture (refreshed first where out of date), which gives what a live evaluation would
 * without holding every account's evidence in memory. A given `asOf` is evaluated live:
 * the stored posture is only valid as of now.
 */
export async function writePostureSnapshot(db: Db, options: { asOf?: Date } = {}): Promise<SnapshotResult> {
  const asOf = options.asOf ?? new Date();
  const evaluation = options.asOf
    ? await computePostureForAccounts(db, 'all', { asOf, ...(await postureInputsAsOf(db, asOf)) })
    : await readCurrentPosture(db, 'all', { now: asOf });
  const rows = snapshotRows(evaluation);
  const accountIds = evaluation.accounts.map((a) => a.scopeId);
  const day = snapshotDay(asOf);
  const takenAt = new Date();

  await db.$transaction(async (tx) => {
    // One snapshot writer at a time, so two workers finishing together cannot interleave.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('safeguards:posture-snapshot'))`;
    if (rows.length > 0) {
      await tx.$executeRaw`
        INSERT INTO posture_snapshots (day, account_id, control_id, service_id, status, passed, failed, excepted, unknown, max_severity, taken_at)
        SELECT ${day}::date, t.account_id, t.control_id, t.service_id, t.status, t.passed, t.failed, t.excepted, t.unknown, t.max_severity, ${takenAt}
        FROM unnest(
          ${rows.map((r) => r.accountId)}::text[], ${rows.map((r) => r.controlId)}::text[], ${rows.map((r) => r.serviceId)}::text[],
          ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.passed)}::int[], ${rows.map((r) => r.failed)}::int[],
          ${rows.map((r) => r.excepted)}::int[], ${rows.map((r) => r.unknown)}::int[], ${rows.map((r) => r.maxSeverity)}::text[]
        ) AS t(account_id, control_id, service_id, status, passed, failed, excepted, unknown, max_severity)
        ON CONFLICT (day, account_id, control_id) DO UPDATE SET
          service_id = EXCLUDED.service_id, status = EXCLUDED.status, passed = EXCLUDED.passed, failed = EXCLUDED.failed,
          excepted = EXCLUDED.excepted, unknown = EXCLUDED.unknown, max_severity = EXCLUDED.max_severity, taken_at = EXCLUDED.taken_at`;
    }
    // Rows of the day this snapshot no longer has (a resource deleted since, a control no longer evaluated).
    await tx.$executeRaw`
      DELETE FROM posture_snapshots
      WHERE day = ${day}::date AND account_id = ANY(${accountIds}::text[]) AND taken_at < ${takenAt}`;
    // The trend rollups of the day for these accounts, recomputed from the rows just written.
    await tx.$executeRaw`DELETE FROM posture_snapshot_accounts WHERE day = ${day}::date AND account_id = ANY(${accountIds}::text[])`;
    await tx.$executeRaw`
      INSERT INTO posture_snapshot_accounts (day, account_id, passed, failed, excepted, unknown)
      SELECT day, account_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int
      FROM posture_snapshots WHERE day = ${day}::date AND account_id = ANY(${accountIds}::text[])
      GROUP BY day, account_id`;
    await tx.$executeRaw`DELETE FROM posture_snapshot_services WHERE day = ${day}::date AND account_id = ANY(${accountIds}::text[])`;
    await tx.$executeRaw`
      INSERT INTO posture_snapshot_services (day, account_id, service_id, passed, failed, excepted, unknown)
      SELECT day, account_id, service_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int
      FROM posture_snapshots WHERE day = ${day}::date AND account_id = ANY(${accountIds}::text[])
      GROUP BY day, account_id, service_id`;
  });
  return { day, accounts: accountIds.length, rows: rows.length, takenAt };
}

export interface TrendPoint {
  day: string;
  passed: number;
  failed: number;
  excepted: number;
  unknown: number;
  /** passed ÷ (passed + failed); null when both are 0. */
  score: number | null;
}

/**
 * The score per snapshot day over the last `days` days up to `until` (default today), for the
 * accounts given (`all`, or the ones a user may see) and optionally one service or control.
 * Days without a snapshot are absent. Read from the rollups (per account, or per account and
 * service), or with a control from posture_snapshots by control: the same sums either way.
 */
export async function postureTrend(
  db: Db,
  options: { accountIds: string[] | 'all'; serviceId?: string; controlId?: string; days?: number; until?: Date },
): Promise<TrendPoint[]> {
  const all = options.accountIds === 'all';
  const ids = all ? [] : (options.accountIds as string[]);
  if (!all && ids.length === 0) return [];
  const days = Math.max(1, Math.min(options.days ?? 30, 3660));
  const until = snapshotDay(options.until ?? new Date());
  const { serviceId, controlId } = options;
  const table = controlId !== undefined ? Prisma.raw('posture_snapshots') : serviceId !== undefined ? Prisma.raw('posture_snapshot_services') : Prisma.raw('posture_snapshot_accounts');
  const conditions = [Prisma.sql`day <= ${until}::date AND day > ${until}::date - ${days}::int`];
  if (!all) conditions.push(Prisma.sql`account_id = ANY(${ids}::text[])`);
  if (serviceId !== undefined) conditions.push(Prisma.sql`service_id = ${serviceId}`);
  if (controlId !== undefined) conditions.push(Prisma.sql`control_id = ${controlId}`);
  const rows = await queryRows<{ day: string; passed: number; failed: number; excepted: number; unknown: number }[]>(db, Prisma.sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day,
           sum(passed)::int AS passed, sum(failed)::int AS failed, sum(excepted)::int AS excepted, sum(unknown)::int AS unknown
    FROM ${table}
    WHERE ${Prisma.join(conditions, ' AND ')}
    GROUP BY day ORDER BY day`);
  return rows.map((r) => ({ ...r, score: scoreOf(r) }));
}

/**
 * The trend with today's point taken from the live figures (added when no snapshot exists yet
 * today): a snapshot is written per sync, but an exclusion or attestation decided since changes
 * the posture at once, and the page's headline and its trend must agree.
 */
export function withLiveToday(trend: readonly TrendPoint[], live: { passed: number; failed: number; excepted: number; unknown: number }, now: Date = new Date()): TrendPoint[] {
  const day = snapshotDay(now);
  const { passed, failed, excepted, unknown } = live;
  if (passed + failed + excepted + unknown === 0 && !trend.some((p) => p.day === day)) return [...trend];
  const today: TrendPoint = { day, passed, failed, excepted, unknown, score: scoreOf(live) };
  return [...trend.filter((p) => p.day !== day), today];
}

export interface PostureAsOf {
  /** The day asked for. */
  day: string;
  /** Per account, the snapshot used: the latest one on or before `day`. Accounts without one are absent. */
  accounts: { accountId: string; day: string; takenAt: Date }[];
  /** Every stored (account, control) row of those snapshots. */
  rows: AccountControlRow[];
  /** Counts per control, summed over the accounts. */
  controls: { controlId: string; serviceId: string; passed: number; failed: number; excepted: number; unknown: number }[];
}

/** Posture as of a day, from the snapshots: for each account, its latest snapshot on or before that day. */
export async function postureAsOf(db: Db, options: { accountIds: string[] | 'all'; day: string }): Promise<PostureAsOf> {
  const all = options.accountIds === 'all';
  const ids = all ? [] : (options.accountIds as string[]);
  const empty: PostureAsOf = { day: options.day, accounts: [], rows: [], controls: [] };
  if (!all && ids.length === 0) return empty;
  const stored = await queryRows<
    {
      day: string;
      taken_at: Date;
      account_id: string;
      control_id: string;
      service_id: string;
      status: string;
      passed: number;
      failed: number;
      excepted: number;
      unknown: number;
      max_severity: string | null;
    }[]
  >(db, Prisma.sql`
    WITH latest AS (
      SELECT account_id, max(day) AS day FROM posture_snapshots
      WHERE day <= ${options.day}::date AND (${all} OR account_id = ANY(${ids}::text[]))
      GROUP BY account_id
    )
    SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s.taken_at, s.account_id, s.control_id, s.service_id, s.status,
           s.passed, s.failed, s.excepted, s.unknown, s.max_severity
    FROM posture_snapshots s JOIN latest l ON l.account_id = s.account_id AND l.day = s.day
    ORDER BY s.account_id, s.control_id`);

  const accounts = new Map<string, { accountId: string; day: string; takenAt: Date }>();
  const controls = new Map<string, PostureAsOf['controls'][number]>();
  const rows: AccountControlRow[] = stored.map((s) => {
    const seen = accounts.get(s.account_id);
    if (!seen || s.taken_at > seen.takenAt) accounts.set(s.account_id, { accountId: s.account_id, day: s.day, takenAt: s.taken_at });
    const c = controls.get(s.control_id) ?? { controlId: s.control_id, serviceId: s.service_id, passed: 0, failed: 0, excepted: 0, unknown: 0 };
    c.passed += s.passed;
    c.failed += s.failed;
    c.excepted += s.excepted;
    c.unknown += s.unknown;
    controls.set(s.control_id, c);
    return {
      accountId: s.account_id,
      controlId: s.control_id,
      serviceId: s.service_id,
      status: s.status as ControlStatus,
      passed: s.passed,
      failed: s.failed,
      excepted: s.excepted,
      unknown: s.unknown,
      maxSeverity: s.max_severity as Severity | null,
    };
  });
  return {
    day: options.day,
    accounts: [...accounts.values()],
    rows,
    controls: [...controls.values()].sort((a, b) => a.controlId.localeCompare(b.controlId)),
  };
}

/** A `YYYY-MM-DD` calendar day from a URL, or null when it is not one (or is in the future). */
export function parseSnapshotDay(value: string | string[] | undefined | null, today: Date = new Date()): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime()) || snapshotDay(date) !== text || text > snapshotDay(today) || date.getUTCFullYear() < 2000) return null;
  return text;
}
