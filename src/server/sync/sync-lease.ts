// At most one sync per account-region-source at a time, across every worker and
// machine: a lease row in sync_states. A crashed worker's lease runs out by itself.
//
// The bookkeeping around a run is two statements, sent through pg (not Prisma's query
// compiler, see src/server/db.ts): one takes the lease and creates the run, one
// finishes the run and releases the lease. An incremental sync with nothing new is
// then three round trips for Security Hub (begin, the empty read, finish), which keeps
// a cycle of 100 account-regions fast when the database is busy (bench/RESULTS.md).
import type pg from 'pg';
import type { SyncSource } from '@/generated/prisma/enums';

/** How long a lease lasts without a heartbeat (tests shorten it to see a dead worker's lease run out). */
export const LEASE_SECONDS = Number(process.env.SAFEGUARDS_SYNC_LEASE_SECONDS ?? 120);
export const HEARTBEAT_MS = Math.min(30_000, (LEASE_SECONDS * 1000) / 4);

export interface SyncTarget {
  accountId: string;
  region: string;
  source: SyncSource;
}

export type Queryable = Pick<pg.Pool, 'query'>;

const ABANDONED = 'Abandoned: the worker stopped during the sync (its lease ran out). The next run resumed from the watermark.';

// The upsert takes the lease only when it is free or has run out; a concurrent taker
// waits on the row lock and then sees the lease taken (ON CONFLICT re-checks its WHERE
// on the newest row). A run still 'running' when its lease is taken over died with its
// worker (a live run finishes before it releases), so it is marked abandoned.
const BEGIN_RUN = `
WITH taken AS (
  INSERT INTO sync_states AS s (account_id, region, source, lease_run_id, lease_until)
  VALUES ($1, $2, $3::"SyncSource", $4::uuid, now() + make_interval(secs => $5))
  ON CONFLICT (account_id, region, source) DO UPDATE SET lease_run_id = EXCLUDED.lease_run_id, lease_until = EXCLUDED.lease_until
  WHERE s.lease_until IS NULL OR s.lease_until < now()
  RETURNING s.watermark
), abandoned AS (
  UPDATE sync_runs SET status = 'failed', finished_at = now(), error = $7
  WHERE account_id = $1 AND region = $2 AND source = $3::"SyncSource" AND status = 'running'
    AND EXISTS (SELECT 1 FROM taken)
), run AS (
  INSERT INTO sync_runs (id, account_id, region, source, trigger)
  SELECT $4::uuid, $1, $2, $3::"SyncSource", $6::text WHERE EXISTS (SELECT 1 FROM taken)
)
SELECT watermark FROM taken`;

export interface BegunRun {
  /** Security Hub: the newest UpdatedAt already ingested; null before the first complete page. */
  watermark: Date | null;
}

/** Takes the lease and creates the run (status running); null when another run holds the lease. */
export async function beginRun(db: Queryable, target: SyncTarget, runId: string, trigger: string): Promise<BegunRun | null> {
  const { rows } = await db.query<{ watermark: Date | null }>(BEGIN_RUN, [
    target.accountId, target.region, target.source, runId, LEASE_SECONDS, trigger, ABANDONED,
  ]);
  return rows.length === 1 ? { watermark: rows[0].watermark } : null;
}

/** Extends the lease; false when another run has taken it over (ours had run out). */
export async function renewLease(db: Queryable, target: SyncTarget, runId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sync_states SET lease_until = now() + make_interval(secs => $5)
     WHERE account_id = $1 AND region = $2 AND source = $3::"SyncSource" AND lease_run_id = $4::uuid`,
    [target.accountId, target.region, target.source, runId, LEASE_SECONDS],
  );
  return rowCount === 1;
}

// The run's outcome goes to the run and to the state (last success, or last error,
// whoever holds the lease now); the lease is released only if it is still ours.
const FINISH_RUN = `
WITH run AS (
  UPDATE sync_runs SET status = $5::"SyncStatus", finished_at = now(), api_calls = $6, throttles = $7, warning = $8, error = $9,
    pages_fetched = pages_fetched + $10, fetched = fetched + $11, archived = archived + $12, skipped = skipped + $13
  WHERE id = $4::uuid
)
UPDATE sync_states SET
  last_success_at = CASE WHEN $5 = 'succeeded' THEN now() ELSE last_success_at END,
  last_error_at = CASE WHEN $5 = 'failed' THEN now() ELSE last_error_at END,
  last_error = CASE WHEN $5 = 'failed' THEN $9 ELSE last_error END,
  lease_run_id = CASE WHEN lease_run_id = $4::uuid THEN NULL ELSE lease_run_id END,
  lease_until = CASE WHEN lease_run_id = $4::uuid THEN NULL ELSE lease_until END
WHERE account_id = $1 AND region = $2 AND source = $3::"SyncSource"`;

export interface RunOutcome {
  status: 'succeeded' | 'failed';
  apiCalls: number;
  throttles: number;
  warning?: string | null;
  error?: string | null;
  /** Added to the run's counters (what was not counted page by page). */
  add?: Partial<Record<'pages' | 'fetched' | 'archived' | 'skipped', number>>;
}

/** Records the run's outcome and releases the lease, in one statement. */
export async function finishRun(db: Queryable, target: SyncTarget, runId: string, outcome: RunOutcome): Promise<void> {
  const add = outcome.add ?? {};
  await db.query(FINISH_RUN, [
    target.accountId, target.region, target.source, runId, outcome.status, outcome.apiCalls, outcome.throttles,
    outcome.warning ?? null, outcome.error ?? null, add.pages ?? 0, add.fetched ?? 0, add.archived ?? 0, add.skipped ?? 0,
  ]);
}

export class LeaseLostError extends Error {
  constructor(target: SyncTarget) {
    super(`another sync took over ${target.source} ${target.accountId}/${target.region}`);
  }
}
