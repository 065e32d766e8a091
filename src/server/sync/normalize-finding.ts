// ASFF → the normalized columns we query on. The raw finding is kept beside them for
// evidence. A finding missing what we need to place it is rejected with a reason
// (counted and shown on the sync status page), never half-stored.
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

export interface FindingRow {
  id: string;
  accountId: string;
  region: string;
  productArn: string;
  productName: string;
  generatorId: string;
  securityControlId: string | null;
  complianceStatus: string | null;
  severity: string;
  workflowStatus: string;
  recordState: string;
  resourceType: string;
  resourceId: string;
  title: string;
  firstObservedAt: string | null;
  lastObservedAt: string | null;
  awsCreatedAt: string;
  awsUpdatedAt: string;
  /**
   * The raw ASFF as JSON text: what is stored, made once here (the page write sends it as is).
   * Not the SDK's object: a row outlives its page while the previous page is written, and the
   * object graph held with it was promoted out of V8's young generation (bench/RESULTS.md).
   */
  rawJson: string;
}

export type NormalizedFinding = { ok: true; row: FindingRow } | { ok: false; id: string | null; reason: string };

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

function isoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string' || !value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

// U+0000 and unpaired surrogates, as JSON.stringify writes them (\u0000, \udXXX; a paired
// surrogate is written as is), not preceded by an escaped backslash. A PostgreSQL text cannot
// hold either: the json column keeps them escaped, but every read of the row (->>, ->) would
// then fail; jsonb refused them, and with them the whole page.
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/** The product's short name from its ARN when ProductName is absent (arn:aws:securityhub:r::product/aws/guardduty). */
function productNameOf(finding: AwsSecurityFinding): string {
  return text(finding.ProductName) ?? finding.ProductArn?.split('/').at(-1) ?? 'unknown';
}

export function normalizeFinding(finding: AwsSecurityFinding, fallbackRegion: string): NormalizedFinding {
  const id = text(finding?.Id);
  const fail = (reason: string): NormalizedFinding => ({ ok: false, id, reason });
  if (!finding || typeof finding !== 'object') return fail('not an object');
  if (!id) return fail('no Id');
  const accountId = text(finding.AwsAccountId);
  if (!accountId || !/^\d{12}$/.test(accountId)) return fail('no valid AwsAccountId');
  const productArn = text(finding.ProductArn);
  if (!productArn) return fail('no ProductArn');
  const updatedAt = isoDate(finding.UpdatedAt);
  const createdAt = isoDate(finding.CreatedAt);
  if (!updatedAt || !createdAt) return fail('no valid CreatedAt/UpdatedAt');
  const resource = Array.isArray(finding.Resources) ? finding.Resources[0] : undefined;
  const resourceId = text(resource?.Id);
  const resourceType = text(resource?.Type);
  if (!resourceId || !resourceType) return fail('no Resources[0].Id/Type');
  const severity = text(finding.Severity?.Label) ?? 'INFORMATIONAL';
  if (!SEVERITIES.has(severity)) return fail(`unknown Severity.Label ${severity}`);
  const rawJson = JSON.stringify(finding);
  // JSON.stringify writes \u only for control characters and unpaired surrogates: almost never,
  // so the regex (with its lookbehind, slow on 2.5 KB) seldom runs.
  if (rawJson.includes('\\u') && UNSTORABLE_ESCAPE.test(rawJson)) return fail('a string holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store');

  return {
    ok: true,
    row: {
      id,
      accountId,
      region: text(finding.Region) ?? fallbackRegion,
      productArn,
      productName: productNameOf(finding),
      generatorId: text(finding.GeneratorId) ?? '',
      securityControlId: text(finding.Compliance?.SecurityControlId),
      complianceStatus: text(finding.Compliance?.Status),
      severity,
      workflowStatus: text(finding.Workflow?.Status) ?? text(finding.WorkflowState) ?? 'NEW',
      recordState: text(finding.RecordState) ?? 'ACTIVE',
      resourceType,
      resourceId,
      title: text(finding.Title) ?? '',
      firstObservedAt: isoDate(finding.FirstObservedAt),
      lastObservedAt: isoDate(finding.LastObservedAt),
      awsCreatedAt: createdAt,
      awsUpdatedAt: updatedAt,
      rawJson,
    },
  };
}
