// Reads the synced Security Hub findings and Config evaluations as EvidenceRecords.
// Config results are keyed by the rule's managed identifier and by the resource's
// ARN where known, so both sources' verdicts on one resource meet.
import type { Db } from '@/server/db';
import type { EvidenceRecord, SecurityHubWorkflowStatus, Severity } from './types';

interface FindingEvidenceRow {
  id: string;
  account_id: string;
  region: string;
  resource_type: string;
  resource_id: string;
  security_control_id: string | null;
  compliance_status: string | null;
  aws_updated_at: Date;
  record_state: string;
  workflow_status: string;
  severity: string;
  title: string;
}

interface ConfigEvidenceRow {
  account_id: string;
  region: string;
  rule_name: string;
  source_identifier: string | null;
  resource_type: string;
  resource_id: string;
  resource_arn: string | null;
  compliance_type: string;
  result_recorded_at: Date;
  resolved_at: Date | null;
  annotation: string | null;
}

/** `all`, or the accounts a user may see. */
export type AccountFilter = string[] | 'all';

export async function loadEvidence(db: Db, accounts: AccountFilter): Promise<EvidenceRecord[]> {
  const all = accounts === 'all';
  const ids = all ? [] : accounts;
  const [findings, evaluations] = await Promise.all([
    db.$queryRaw<FindingEvidenceRow[]>`
      SELECT id, account_id, region, resource_type, resource_id, security_control_id, compliance_status,
             aws_updated_at, record_state, workflow_status, severity, title
      FROM findings WHERE (${all} OR account_id = ANY(${ids}::text[]))`,
    db.$queryRaw<ConfigEvidenceRow[]>`
      SELECT e.account_id, e.region, e.rule_name, r.source_identifier, e.resource_type, e.resource_id, e.resource_arn,
             e.compliance_type, e.result_recorded_at, e.resolved_at, e.annotation
      FROM config_evaluations e
      LEFT JOIN config_rules r ON r.account_id = e.account_id AND r.region = e.region AND r.name = e.rule_name
      WHERE (${all} OR e.account_id = ANY(${ids}::text[]))`,
  ]);

  const records: EvidenceRecord[] = [];
  for (const f of findings) {
    records.push({
      source: 'securityhub',
      evidenceKey: f.security_control_id,
      recordId: f.id,
      accountId: f.account_id,
      region: f.region,
      resourceType: f.resource_type,
      resourceId: f.resource_id,
      rawStatus: f.compliance_status ?? '',
      observedAt: f.aws_updated_at,
      archived: f.record_state === 'ARCHIVED',
      workflowStatus: f.workflow_status as SecurityHubWorkflowStatus,
      severity: f.severity as Severity,
      title: f.title,
    });
  }
  for (const e of evaluations) {
    records.push({
      source: 'config',
      // A custom rule (Lambda) has no managed identifier and so evidences no catalog control.
      evidenceKey: e.source_identifier,
      recordId: `${e.account_id}/${e.region}/${e.rule_name}/${e.resource_type}/${e.resource_id}`,
      accountId: e.account_id,
      region: e.region,
      resourceType: e.resource_type,
      resourceId: e.resource_arn ?? `${e.resource_type}/${e.resource_id}`,
      rawStatus: e.compliance_type,
      observedAt: e.result_recorded_at,
      archived: e.resolved_at !== null,
      title: e.rule_name,
      annotation: e.annotation,
    });
  }
  return records;
}
