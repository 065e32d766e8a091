// AWS Config → config_rules and config_evaluations. Config has no "changed since"
// query, so every run reads the full current state: the rules, then each rule's
// per-resource results. Only evaluations that changed are rewritten; those AWS no
// longer returns (resource deleted, rule removed) are marked resolved, never deleted,
// and only once their rule was read completely.
import {
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  type ResourceType,
  type ConfigRule as AwsConfigRule,
  type ConfigServiceClient,
  type EvaluationResult,
} from '@aws-sdk/client-config-service';
import type { Db } from '@/server/db';
import { arnOfConfigResource, NAME_BASED_TYPES } from '@/server/aws/resource-arn';
import { LeaseLostError, renewLease, type SyncTarget } from './sync-lease';

export interface ConfigSyncContext {
  db: Db;
  client: ConfigServiceClient;
  target: SyncTarget;
  runId: string;
}

export interface ConfigSyncResult {
  rules: number;
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

const UPSERT_EVALUATIONS = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS r("ruleName" text, "resourceType" text, "resourceId" text, "resourceArn" text,
    "complianceType" text, "resultRecordedAt" timestamptz, "configRuleInvokedAt" timestamptz, annotation text, raw jsonb)
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
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;

const UPSERT_RULES = `
INSERT INTO config_rules (account_id, region, name, arn, source_owner, source_identifier, compliance_type, raw, synced_at)
SELECT $1, $2, name, arn, "sourceOwner", "sourceIdentifier", "complianceType", raw, now()
FROM jsonb_to_recordset($3::jsonb) AS r(name text, arn text, "sourceOwner" text, "sourceIdentifier" text, "complianceType" text, raw jsonb)
ON CONFLICT (account_id, region, name) DO UPDATE SET arn = EXCLUDED.arn, source_owner = EXCLUDED.source_owner,
  source_identifier = EXCLUDED.source_identifier, compliance_type = EXCLUDED.compliance_type, raw = EXCLUDED.raw, synced_at = now()`;

export async function syncConfigEvaluations(ctx: ConfigSyncContext): Promise<ConfigSyncResult> {
  const { db, client, target, runId } = ctx;
  const result: ConfigSyncResult = { rules: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, resolved: 0, skipped: 0 };

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

  await db.$transaction(async (tx) => {
    if (!(await renewLease(tx, target, runId))) throw new LeaseLostError(target);
    await tx.$executeRawUnsafe(
      UPSERT_RULES,
      target.accountId,
      target.region,
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
    );
    // Rules that are gone: their results stop counting, the rows stay as history.
    result.resolved += await tx.$executeRaw`
      UPDATE config_evaluations SET resolved_at = now()
      WHERE account_id = ${target.accountId} AND region = ${target.region} AND resolved_at IS NULL
        AND NOT (rule_name = ANY(${named.map((r) => r.ConfigRuleName)}::text[]))`;
    await tx.$executeRaw`
      DELETE FROM config_rules WHERE account_id = ${target.accountId} AND region = ${target.region}
        AND NOT (name = ANY(${named.map((r) => r.ConfigRuleName)}::text[]))`;
  });

  const typesNeedingNames = new Set<string>();
  for (const rule of named) {
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
      await db.$transaction(async (tx) => {
        if (!(await renewLease(tx, target, runId))) throw new LeaseLostError(target);
        const [counts] = await tx.$queryRawUnsafe<{ inserted: number; updated: number }[]>(
          UPSERT_EVALUATIONS,
          target.accountId,
          target.region,
          JSON.stringify(rows),
        );
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        await tx.syncRun.update({
          where: { id: runId },
          data: {
            pagesFetched: { increment: 1 },
            fetched: { increment: page.EvaluationResults?.length ?? 0 },
            inserted: { increment: counts.inserted },
            updated: { increment: counts.updated },
          },
        });
      });
    }
    // The rule was read completely: what it no longer reports is resolved.
    result.resolved += await db.$executeRaw`
      UPDATE config_evaluations e SET resolved_at = now()
      WHERE e.account_id = ${target.accountId} AND e.region = ${target.region} AND e.rule_name = ${rule.ConfigRuleName}
        AND e.resolved_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM unnest(${seenTypes}::text[], ${seenIds}::text[]) AS s(t, i)
                        WHERE s.t = e.resource_type AND s.i = e.resource_id)`;
  }
  await resolveNameBasedArns(ctx, typesNeedingNames);
  await db.syncRun.update({ where: { id: runId }, data: { archived: { increment: result.resolved }, skipped: { increment: result.skipped } } });
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
    await db.$executeRaw`
      UPDATE config_evaluations e SET resource_arn = r.arn
      FROM jsonb_to_recordset(${JSON.stringify(resolved)}::jsonb) AS r(id text, arn text)
      WHERE e.account_id = ${target.accountId} AND e.region = ${target.region} AND e.resource_type = ${type}
        AND e.resource_id = r.id AND e.resource_arn IS DISTINCT FROM r.arn`;
  }
}
