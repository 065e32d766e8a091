// Batch writes of Security Hub findings: one statement per page, idempotent, keyed on
// the finding id. A row is only rewritten when AWS has a newer UpdatedAt, so re-reading
// the overlap window writes nothing.
//
// The statement also renews the run's lease, moves the watermark forward and adds the
// page to the run's counters: one statement is one transaction, so the page, the
// watermark and the counters are written together or not at all, and nothing is
// written once another run has taken the lease over. The page write is the sync's main
// cost besides parsing AWS's responses, so it goes through pg, not Prisma: one round
// trip, and none of Prisma's per-statement compilation of a 340 KB parameter
// (bench/RESULTS.md).
//
// The page travels as one array per column (unnest), not as one JSON document, so
// Postgres never parses the page as JSON: with jsonb_to_recordset, building the page's
// jsonb, each raw ASFF's copy of it and planning with it as a constant was about half of
// the backend's CPU per finding. The raw ASFF (90% of the bytes) is stored as `json`, its
// text. Every array goes in PostgreSQL's binary format (pg-binary-array.ts): the server
// reads each element by its length, with no array literal to parse and no timestamp text,
// and the worker writes each string once, with no escaping (bench/RESULTS.md).
import type { FindingRow } from './normalize-finding';
import { binaryTextArray, binaryTimestamptzArray, PG_TYPE } from './pg-binary-array';
import { LEASE_SECONDS, LeaseLostError, type Queryable, type SyncTarget } from './sync-lease';

export interface WriteCounts {
  inserted: number;
  updated: number;
  archived: number;
}

export interface PageWritten extends WriteCounts {
  /** The page's newest UpdatedAt (ISO), now the watermark unless it already was newer; null for an empty page. */
  newest: string | null;
}

const WRITE_PAGE = `
WITH lease AS (
  UPDATE sync_states SET lease_until = now() + make_interval(secs => $3),
    -- Only forward: GREATEST (which skips NULLs) keeps a concurrent or replayed page from moving it back.
    watermark = GREATEST(watermark, $2::timestamptz)
  WHERE account_id = $4 AND region = $5 AND source = $6::"SyncSource" AND lease_run_id = $1::uuid
  RETURNING 1
), incoming AS (
  SELECT * FROM unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
    $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
    $23::timestamptz[], $24::timestamptz[], $25::timestamptz[], $26::timestamptz[], $27::json[]) AS r(
    id, "accountId", region, "productArn", "productName", "generatorId", "securityControlId", "complianceStatus",
    severity, "workflowStatus", "recordState", "resourceType", "resourceId", title,
    "firstObservedAt", "lastObservedAt", "awsCreatedAt", "awsUpdatedAt", raw)
  WHERE EXISTS (SELECT 1 FROM lease)
), written AS (
  INSERT INTO findings AS f (id, account_id, region, product_arn, product_name, generator_id, security_control_id,
    compliance_status, severity, workflow_status, record_state, resource_type, resource_id, title,
    first_observed_at, last_observed_at, aws_created_at, aws_updated_at, raw, synced_at)
  SELECT id, "accountId", region, "productArn", "productName", "generatorId", "securityControlId",
    "complianceStatus", severity, "workflowStatus", "recordState", "resourceType", "resourceId", title,
    "firstObservedAt", "lastObservedAt", "awsCreatedAt", "awsUpdatedAt", raw, now()
  FROM incoming
  ON CONFLICT (id) DO UPDATE SET
    account_id = EXCLUDED.account_id, region = EXCLUDED.region, product_arn = EXCLUDED.product_arn,
    product_name = EXCLUDED.product_name, generator_id = EXCLUDED.generator_id,
    security_control_id = EXCLUDED.security_control_id, compliance_status = EXCLUDED.compliance_status,
    severity = EXCLUDED.severity, workflow_status = EXCLUDED.workflow_status, record_state = EXCLUDED.record_state,
    resource_type = EXCLUDED.resource_type, resource_id = EXCLUDED.resource_id, title = EXCLUDED.title,
    first_observed_at = EXCLUDED.first_observed_at, last_observed_at = EXCLUDED.last_observed_at,
    aws_created_at = EXCLUDED.aws_created_at, aws_updated_at = EXCLUDED.aws_updated_at, raw = EXCLUDED.raw,
    synced_at = now()
  WHERE f.aws_updated_at < EXCLUDED.aws_updated_at
  RETURNING (xmax = 0) AS inserted, record_state
), counts AS (
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
         count(*) FILTER (WHERE NOT inserted)::int AS updated,
         count(*) FILTER (WHERE NOT inserted AND record_state = 'ARCHIVED')::int AS archived
  FROM written
), run AS (
  UPDATE sync_runs AS s SET pages_fetched = s.pages_fetched + 1, fetched = s.fetched + $7, skipped = s.skipped + $8,
    inserted = s.inserted + c.inserted, updated = s.updated + c.updated, archived = s.archived + c.archived
  FROM counts c
  WHERE s.id = $1::uuid AND EXISTS (SELECT 1 FROM lease)
)
SELECT (SELECT count(*) FROM lease)::int AS leased, inserted, updated, archived,
  -- This transaction's commit does not wait for the WAL flush. A page lost in a server crash
  -- is lost with its watermark and counters (one transaction), so the next run reads it again;
  -- the run's finish is a normal commit, and flushing it flushes every page before it.
  set_config('synchronous_commit', 'off', true) AS commit_mode
FROM counts`;

/** The page's columns in WRITE_PAGE's order ($9–$27), each one binary array. */
function pageColumns(rows: FindingRow[]): Buffer[] {
  const text = (value: (r: FindingRow) => string | null) => binaryTextArray(rows.map(value));
  const timestamps = (value: (r: FindingRow) => string | null) => binaryTimestamptzArray(rows.map(value));
  return [
    text((r) => r.id),
    text((r) => r.accountId),
    text((r) => r.region),
    text((r) => r.productArn),
    text((r) => r.productName),
    text((r) => r.generatorId),
    text((r) => r.securityControlId),
    text((r) => r.complianceStatus),
    text((r) => r.severity),
    text((r) => r.workflowStatus),
    text((r) => r.recordState),
    text((r) => r.resourceType),
    text((r) => r.resourceId),
    text((r) => r.title),
    timestamps((r) => r.firstObservedAt),
    timestamps((r) => r.lastObservedAt),
    timestamps((r) => r.awsCreatedAt),
    timestamps((r) => r.awsUpdatedAt),
    binaryTextArray(rows.map((r) => r.rawJson), PG_TYPE.json),
  ];
}

/** Keeps the newest version of each id: one statement may not touch a row twice. */
export function newestPerId(rows: FindingRow[]): FindingRow[] {
  const byId = new Map<string, FindingRow>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    if (!seen || seen.awsUpdatedAt < row.awsUpdatedAt) byId.set(row.id, row);
  }
  return [...byId.values()];
}

export interface FindingsPage {
  target: SyncTarget;
  runId: string;
  rows: FindingRow[];
  /** Findings AWS returned on the page, and how many of them were malformed (not in rows). */
  fetched: number;
  skipped: number;
}

/** A page as its statement's parameters: what is held while the previous page is still being written. */
export interface PreparedFindingsPage {
  target: SyncTarget;
  /** The page's newest UpdatedAt (ISO); null for an empty page. */
  newest: string | null;
  values: unknown[];
}

/**
 * The page's parameters, built at once so that its rows, and the SDK response they came
 * from, can be collected while the page waits for its turn to be written: held for that
 * wait, they outlived V8's young generation and about doubled the worker's GC (bench/RESULTS.md).
 */
export function prepareFindingsPage(page: FindingsPage): PreparedFindingsPage {
  const rows = newestPerId(page.rows);
  const newest = rows.reduce<string | null>((max, r) => (max === null || r.awsUpdatedAt > max ? r.awsUpdatedAt : max), null);
  const { target } = page;
  return {
    target,
    newest,
    values: [page.runId, newest, LEASE_SECONDS, target.accountId, target.region, target.source, page.fetched, page.skipped, ...pageColumns(rows)],
  };
}

/**
 * Writes one page with the run's lease renewed, its counters and the watermark (the
 * page's newest UpdatedAt); throws LeaseLostError, having written nothing, when
 * another run holds the lease.
 */
export async function writeFindingsPage(db: Queryable, page: PreparedFindingsPage): Promise<PageWritten> {
  const {
    rows: [result],
  } = await db.query<WriteCounts & { leased: number }>({
    // Named: each connection plans it once and reuses the plan (a custom plan per page
    // re-planned the statement with the page's arrays as constants).
    name: 'safeguards-write-findings-page',
    text: WRITE_PAGE,
    values: page.values,
  });
  if (result.leased !== 1) throw new LeaseLostError(page.target);
  return { inserted: result.inserted, updated: result.updated, archived: result.archived, newest: page.newest };
}
