// Batch writes of Security Hub findings: one statement per page, idempotent, keyed on
// the finding id. A row is only rewritten when AWS has a newer UpdatedAt, so re-reading
// the overlap window writes nothing.
import type { Db } from '@/server/db';
import type { FindingRow } from './normalize-finding';

export interface WriteCounts {
  inserted: number;
  updated: number;
  archived: number;
}

type Tx = Pick<Db, '$queryRawUnsafe'>;

const UPSERT_FINDINGS = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    id text, "accountId" text, region text, "productArn" text, "productName" text, "generatorId" text,
    "securityControlId" text, "complianceStatus" text, severity text, "workflowStatus" text, "recordState" text,
    "resourceType" text, "resourceId" text, title text, "firstObservedAt" timestamptz, "lastObservedAt" timestamptz,
    "awsCreatedAt" timestamptz, "awsUpdatedAt" timestamptz, raw jsonb)
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
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
       count(*) FILTER (WHERE NOT inserted)::int AS updated,
       count(*) FILTER (WHERE NOT inserted AND record_state = 'ARCHIVED')::int AS archived
FROM written`;

/** Keeps the newest version of each id: one statement may not touch a row twice. */
export function newestPerId(rows: FindingRow[]): FindingRow[] {
  const byId = new Map<string, FindingRow>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    if (!seen || seen.awsUpdatedAt < row.awsUpdatedAt) byId.set(row.id, row);
  }
  return [...byId.values()];
}

export async function upsertFindings(tx: Tx, rows: FindingRow[]): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, archived: 0 };
  const [counts] = await tx.$queryRawUnsafe<WriteCounts[]>(UPSERT_FINDINGS, JSON.stringify(newestPerId(rows)));
  return counts;
}
