// AWS Config → config_rules and config_evaluations. Config has no "changed since"
// query for results, but it says when it last evaluated each rule
// (DescribeConfigRuleEvaluationStatus, 50 rules a call): a rule's per-resource results
// are re-read only when Config has evaluated it since our last complete read of them
// (config_rules.last_read_evaluation_at). A rule never read completely, or with no
// evaluation time, is read. When Config has evaluated nothing since and lists the same
// rules as we hold, the run ends there: one or a few calls per account-region.
// Only evaluations that changed are rewritten; those AWS no
// longer returns (resource deleted, rule removed) are marked resolved, never deleted,
// and only once their rule was read completely.
//
// Statements go through pg (the pool under the Prisma client, see src/server/db.ts),
// each checking and renewing the run's lease, so nothing is written once another run
// has taken over.
import {
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRuleEvaluationStatus,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  type ResourceType,
  type ConfigRule as AwsConfigRule,
  type ConfigServiceClient,
  type EvaluationResult,
} from '@aws-sdk/client-config-service';
import { arnOfConfigResource, NAME_BASED_TYPES } from '@/server/aws/resource-arn';
import { LEASE_SECONDS, LeaseLostError, type Queryable, type SyncTarget } from './sync-lease';

export interface ConfigSyncContext {
  /** The pg pool (src/server/db.ts pgPool). */
  db: Queryable;
  client: ConfigServiceClient;
  target: SyncTarget;
  runId: string;
}

export interface ConfigSyncResult {
  rules: number;
  /** Rules whose results were read; the others had not been evaluated since our last read. */
  rulesRead: number;
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  resolved: number;
  skipped: number;
}

interface EvaluationRow {
  ruleName: string;
  resourceType: string;
  resourceId: string;
  resourceArn: string | null;
  complianceType: string;
  resultRecordedAt: string;
  configRuleInvokedAt: string | null;
  annotation: string | null;
  raw: unknown;
}

const iso = (d: Date | string | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function evaluationRow(result: EvaluationResult, at: { accountId: string; region: string }): EvaluationRow | null {
  const q = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const recorded = iso(result.ResultRecordedTime);
  if (!q?.ConfigRuleName || !q.ResourceType || !q.ResourceId || !result.ComplianceType || !recorded) return null;
  return {
    ruleName: q.ConfigRuleName,
    resourceType: q.ResourceType,
    resourceId: q.ResourceId,
    resourceArn: arnOfConfigResource({ type: q.ResourceType, id: q.ResourceId, ...at }),
    complianceType: result.ComplianceType,
    resultRecordedAt: recorded,
    configRuleInvokedAt: iso(result.ConfigRuleInvokedTime),
    annotation: result.Annotation ?? null,
    raw: result,
  };
}

// $1..$5 in every statement below: account, region, source, run id, lease seconds.
// The lease CTE renews the run's lease; every write depends on it.
const LEASE = `lease AS (
  UPDATE sync_states SET lease_until = now() + make_interval(secs => $5)
  WHERE account_id = $1 AND region = $2 AND source = $3::"SyncSource" AND lease_run_id = $4::uuid
  RETURNING 1
)`;

// The rules as AWS lists them now ($6), their names ($7). Rules that are gone: their
// results stop counting (the rows stay as history) and the rule rows go. Returns each
// current rule's stored ARN and last complete read, as of before this statement.
const WRITE_RULES = `
WITH ${LEASE}, incoming AS (
  SELECT * FROM jsonb_to_recordset($6::jsonb) AS r(name text, arn text, "sourceOwner" text, "sourceIdentifier" text, "complianceType" text, raw jsonb)
  WHERE EXISTS (SELECT 1 FROM lease)
), upserted AS (
  INSERT INTO config_rules AS c (account_id, region, name, arn, source_owner, source_identifier, compliance_type, raw, synced_at)
  SELECT $1, $2, name, arn, "sourceOwner", "sourceIdentifier", "complianceType", raw, now() FROM incoming
  ON CONFLICT (account_id, region, name) DO UPDATE SET arn = EXCLUDED.arn, source_owner = EXCLUDED.source_owner,
    source_identifier = EXCLUDED.source_identifier, compliance_type = EXCLUDED.compliance_type, raw = EXCLUDED.raw, synced_at = now()
  -- An unchanged rule is not rewritten.
  WHERE (c.arn, c.source_owner, c.source_identifier, c.compliance_type, c.raw)
    IS DISTINCT FROM (EXCLUDED.arn, EXCLUDED.source_owner, EXCLUDED.source_identifier, EXCLUDED.compliance_type, EXCLUDED.raw)
), gone_evaluations AS (
  UPDATE config_evaluations SET resolved_at = now()
  WHERE account_id = $1 AND region = $2 AND resolved_at IS NULL AND NOT (rule_name = ANY($7::text[])) AND EXISTS (SELECT 1 FROM lease)
  RETURNING 1
), gone_rules AS (
  DELETE FROM config_rules WHERE account_id = $1 AND region = $2 AND NOT (name = ANY($7::text[])) AND EXISTS (SELECT 1 FROM lease)
)
SELECT l.leased, g.resolved, r.name, r.arn, r.last_read_evaluation_at
FROM (SELECT count(*)::int AS leased FROM lease) l
CROSS JOIN (SELECT count(*)::int AS resolved FROM gone_evaluations) g
LEFT JOIN config_rules r ON r.account_id = $1 AND r.region = $2 AND r.name = ANY($7::text[])`;

// One page of a rule's results ($6), with the run's counters ($7: results on the page).
const WRITE_EVALUATIONS = `
WITH ${LEASE}, incoming AS (
  SELECT * FROM jsonb_to_recordset($6::jsonb) AS r("ruleName" text, "resourceType" text, "resourceId" text, "resourceArn" text,
    "complianceType" text, "resultRecordedAt" timestamptz, "configRuleInvokedAt" timestamptz, annotation text, raw jsonb)
  WHERE EXISTS (SELECT 1 FROM lease)
), written AS (
  INSERT INTO config_evaluations AS e (account_id, region, rule_name, resource_type, resource_id, resource_arn, compliance_type,
    result_recorded_at, config_rule_invoked_at, annotation, resolved_at, raw, synced_at)
  SELECT $1, $2, "ruleName", "resourceType", "resourceId", "resourceArn", "complianceType", "resultRecordedAt", "configRuleInvokedAt",
    annotation, NULL, raw, now()
  FROM incoming
  ON CONFLICT (account_id, region, rule_name, resource_type, resource_id) DO UPDATE SET
    resource_arn = COALESCE(EXCLUDED.resource_arn, e.resource_arn),
    compliance_type = EXCLUDED.compliance_type, result_recorded_at = EXCLUDED.result_recorded_at,
    config_rule_invoked_at = EXCLUDED.config_rule_invoked_at, annotation = EXCLUDED.annotation,
    resolved_at = NULL, raw = EXCLUDED.raw, synced_at = now()
  WHERE e.resolved_at IS NOT NULL
     OR e.compliance_type IS DISTINCT FROM EXCLUDED.compliance_type
     OR e.result_recorded_at IS DISTINCT FROM EXCLUDED.result_recorded_at
  RETURNING (xmax = 0) AS inserted
), counts AS (
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written
), run AS (
  UPDATE sync_runs AS s SET pages_fetched = s.pages_fetched + 1, fetched = s.fetched + $7,
    inserted = s.inserted + c.inserted, updated = s.updated + c.updated
  FROM counts c
  WHERE s.id = $4::uuid AND EXISTS (SELECT 1 FROM lease)
)
SELECT (SELECT count(*) FROM lease)::int AS leased, inserted, updated,
  -- No wait for the WAL flush, as for Security Hub pages (finding-store.ts): a page lost in a
  -- crash is read again, since the rule is only marked read by a later statement.
  set_config('synchronous_commit', 'off', true) AS commit_mode
FROM counts`;

// A rule ($6) was read completely: what it no longer reports ($7 types, $8 ids) is
// resolved, and the evaluation time its results were read at ($9) is kept.
const COMPLETE_RULE = `
WITH ${LEASE}, resolved AS (
  UPDATE config_evaluations e SET resolved_at = now()
  WHERE e.account_id = $1 AND e.region = $2 AND e.rule_name = $6 AND e.resolved_at IS NULL AND EXISTS (SELECT 1 FROM lease)
    AND NOT EXISTS (SELECT 1 FROM unnest($7::text[], $8::text[]) AS s(t, i) WHERE s.t = e.resource_type AND s.i = e.resource_id)
  RETURNING 1
), marked AS (
  UPDATE config_rules SET last_read_evaluation_at = $9::timestamptz
  WHERE account_id = $1 AND region = $2 AND name = $6 AND EXISTS (SELECT 1 FROM lease)
)
SELECT (SELECT count(*) FROM lease)::int AS leased, (SELECT count(*) FROM resolved)::int AS resolved`;

/** Whether a rule's results must be read: Config evaluated it after our last complete read, or we cannot tell. */
export function ruleNeedsRead(lastEvaluatedAt: Date | undefined, lastReadAt: Date | null | undefined): boolean {
  if (!lastEvaluatedAt || !lastReadAt) return true;
  return lastEvaluatedAt.getTime() > lastReadAt.getTime();
}

export async function syncConfigEvaluations(ctx: ConfigSyncContext): Promise<ConfigSyncResult> {
  const { db, client, target, runId } = ctx;
  const result: ConfigSyncResult = { rules: 0, rulesRead: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, resolved: 0, skipped: 0 };
  const leaseParams = [target.accountId, target.region, target.source, runId, LEASE_SECONDS];

  // When Config last evaluated each rule, asked before any result is read: an evaluation
  // that ends while we read is then newer than the time we store, and read next time.
  const [statuses, storedBefore] = await Promise.all([
    (async () => {
      const byName = new Map<string, { arn: string; evaluatedAt: Date | undefined }>();
      for await (const page of paginateDescribeConfigRuleEvaluationStatus({ client, pageSize: 50 }, { Limit: 50 })) {
        for (const s of page.ConfigRulesEvaluationStatus ?? []) {
          if (s.ConfigRuleName) byName.set(s.ConfigRuleName, { arn: s.ConfigRuleArn ?? '', evaluatedAt: s.LastSuccessfulEvaluationTime });
        }
      }
      return byName;
    })(),
    db.query<{ name: string; arn: string; last_read_evaluation_at: Date | null }>(
      'SELECT name, arn, last_read_evaluation_at FROM config_rules WHERE account_id = $1 AND region = $2',
      [target.accountId, target.region],
    ),
  ]);
  // Nothing evaluated since our last read, and the same rules as stored: nothing can have
  // changed, so the rule listings are not even read. (A rule changed in a way that
  // matters, its scope or parameters, is evaluated again.) With no rule stored yet, the
  // rules are always listed: the status listing alone is never trusted to be complete.
  const unchanged =
    storedBefore.rows.length > 0 &&
    storedBefore.rows.length === statuses.size &&
    storedBefore.rows.every((r) => {
      const status = statuses.get(r.name);
      return status !== undefined && status.arn === r.arn && !ruleNeedsRead(status.evaluatedAt, r.last_read_evaluation_at);
    });
  if (unchanged) {
    result.rules = statuses.size;
    return result;
  }

  const rules: AwsConfigRule[] = [];
  for await (const page of paginateDescribeConfigRules({ client }, {})) rules.push(...(page.ConfigRules ?? []));
  const ruleCompliance = new Map<string, string>();
  for await (const page of paginateDescribeComplianceByConfigRule({ client }, {})) {
    for (const c of page.ComplianceByConfigRules ?? []) {
      if (c.ConfigRuleName && c.Compliance?.ComplianceType) ruleCompliance.set(c.ConfigRuleName, c.Compliance.ComplianceType);
    }
  }
  const named = rules.filter((r): r is AwsConfigRule & { ConfigRuleName: string } => Boolean(r.ConfigRuleName));
  result.rules = named.length;

  const { rows: stored } = await db.query<{ leased: number; resolved: number; name: string | null; arn: string | null; last_read_evaluation_at: Date | null }>(
    WRITE_RULES,
    [
      ...leaseParams,
      JSON.stringify(
        named.map((r) => ({
          name: r.ConfigRuleName,
          arn: r.ConfigRuleArn ?? '',
          sourceOwner: r.Source?.Owner ?? '',
          sourceIdentifier: r.Source?.SourceIdentifier ?? '',
          complianceType: ruleCompliance.get(r.ConfigRuleName) ?? null,
          raw: r,
        })),
      ),
      named.map((r) => r.ConfigRuleName),
    ],
  );
  if (stored[0].leased !== 1) throw new LeaseLostError(target);
  result.resolved += stored[0].resolved;
  const lastRead = new Map(stored.filter((r) => r.name !== null).map((r) => [r.name!, r]));

  const typesNeedingNames = new Set<string>();
  for (const rule of named) {
    const evaluatedAt = statuses.get(rule.ConfigRuleName)?.evaluatedAt;
    const previous = lastRead.get(rule.ConfigRuleName);
    // A rule replaced under the same name (another ARN) is read from scratch.
    const readAt = previous && previous.arn === (rule.ConfigRuleArn ?? '') ? previous.last_read_evaluation_at : null;
    if (!ruleNeedsRead(evaluatedAt, readAt)) continue;
    result.rulesRead++;

    const seenTypes: string[] = [];
    const seenIds: string[] = [];
    const pages = paginateGetComplianceDetailsByConfigRule(
      { client, pageSize: 100 },
      { ConfigRuleName: rule.ConfigRuleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'], Limit: 100 },
    );
    for await (const page of pages) {
      const rows: EvaluationRow[] = [];
      for (const evaluation of page.EvaluationResults ?? []) {
        const row = evaluationRow(evaluation, target);
        if (!row) {
          result.skipped++;
          continue;
        }
        rows.push(row);
        if (!row.resourceArn && NAME_BASED_TYPES.has(row.resourceType)) typesNeedingNames.add(row.resourceType);
        seenTypes.push(row.resourceType);
        seenIds.push(row.resourceId);
      }
      result.pages++;
      result.fetched += page.EvaluationResults?.length ?? 0;
      const {
        rows: [counts],
      } = await db.query<{ leased: number; inserted: number; updated: number }>(WRITE_EVALUATIONS, [
        ...leaseParams,
        JSON.stringify(rows),
        page.EvaluationResults?.length ?? 0,
      ]);
      if (counts.leased !== 1) throw new LeaseLostError(target);
      result.inserted += counts.inserted;
      result.updated += counts.updated;
    }
    const {
      rows: [completed],
    } = await db.query<{ leased: number; resolved: number }>(COMPLETE_RULE, [
      ...leaseParams,
      rule.ConfigRuleName,
      seenTypes,
      seenIds,
      evaluatedAt?.toISOString() ?? null,
    ]);
    if (completed.leased !== 1) throw new LeaseLostError(target);
    result.resolved += completed.resolved;
  }
  await resolveNameBasedArns(ctx, typesNeedingNames);
  return result;
}

/** ARNs made from names (RDS, IAM): the names come from ListDiscoveredResources. */
async function resolveNameBasedArns({ db, client, target }: ConfigSyncContext, types: Set<string>): Promise<void> {
  for (const type of types) {
    const resolved: { id: string; arn: string }[] = [];
    for await (const page of paginateListDiscoveredResources({ client }, { resourceType: type as ResourceType, limit: 100 })) {
      for (const r of page.resourceIdentifiers ?? []) {
        if (!r.resourceId) continue;
        const arn = arnOfConfigResource({ type, id: r.resourceId, name: r.resourceName, ...target });
        if (arn) resolved.push({ id: r.resourceId, arn });
      }
    }
    await db.query(
      `UPDATE config_evaluations e SET resource_arn = r.arn
       FROM jsonb_to_recordset($4::jsonb) AS r(id text, arn text)
       WHERE e.account_id = $1 AND e.region = $2 AND e.resource_type = $3
         AND e.resource_id = r.id AND e.resource_arn IS DISTINCT FROM r.arn`,
      [target.accountId, target.region, type, JSON.stringify(resolved)],
    );
  }
}
