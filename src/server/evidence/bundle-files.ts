// The content of each file of an evidence bundle, as async generators of text chunks (one
// chunk per database batch), so the builder can stream, hash and zip them without ever holding
// a whole file. Each generator reports its data records through `count`.
import type { CatalogControl } from '@/server/catalog/types';
import type { Db } from '@/server/db';
import { catalogIndex, isManualControl } from '@/server/posture/map-evidence';
import { controlRollups, type ControlRollup } from '@/server/posture/posture-views';
import type { RaciView } from '@/server/raci';
import { BUNDLE_CATALOG, type ResolvedScope } from './bundle-scope';
import type { BundlePosture } from './bundle-posture';
import { csvHeader, csvRow, type CsvValue } from './csv';
import type { AttestationInScope, DecisionEvent, ExclusionInScope } from './decisions-in-scope';
import { auditEventBatches, configEvaluationBatches, findingBatches, findingRawBatches, syncProvenance, type SyncProvenanceRow } from './evidence-queries';

export type Count = (records?: number) => void;
export type Chunks = AsyncGenerator<string | Uint8Array, void, undefined>;

interface Paging {
  batchSize?: number;
}

const joined = (values: readonly string[]) => values.join('; ');

// ---------------------------------------------------------------------------------------------
// accounts.csv

export const ACCOUNTS_COLUMNS = [
  'account_id',
  'account_name',
  'role_arn',
  'region',
  'enabled',
  'owners',
  'securityhub_last_success_at',
  'securityhub_last_failure_at',
  'securityhub_last_error',
  'config_last_success_at',
  'config_last_failure_at',
  'config_last_error',
];

/** One row per account and region: where the data came from and when it was last synced (as of the instant). */
export async function* accountsCsv(db: Db, scope: ResolvedScope, count: Count): Chunks {
  const [accounts, provenance] = await Promise.all([
    db.awsAccount.findMany({
      where: { id: { in: scope.accountIds } },
      select: { id: true, name: true, roleArn: true, regions: true, enabled: true, owners: { select: { user: { select: { email: true } } } } },
      orderBy: { id: 'asc' },
    }),
    syncProvenance(db, scope),
  ]);
  const sync = new Map<string, SyncProvenanceRow>(provenance.map((p) => [`${p.account_id}/${p.region}/${p.source}`, p]));
  let out = csvHeader(ACCOUNTS_COLUMNS);
  for (const a of accounts) {
    const owners = joined(a.owners.map((o) => o.user.email).sort());
    for (const region of a.regions.length ? [...a.regions].sort() : ['']) {
      const hub = sync.get(`${a.id}/${region}/securityhub`);
      const config = sync.get(`${a.id}/${region}/config`);
      out += csvRow([
        a.id,
        a.name,
        a.roleArn,
        region,
        a.enabled,
        owners,
        hub?.last_success_at,
        hub?.last_failure_at,
        hub?.last_error,
        config?.last_success_at,
        config?.last_failure_at,
        config?.last_error,
      ]);
      count();
    }
  }
  yield out;
}

// ---------------------------------------------------------------------------------------------
// raci.csv and controls.csv

const partyColumn = (p: { id: string; name: string }) => `${p.name} [${p.id}]`;

/** The RACI matrix as of the instant, for the controls in scope: one column per party that existed then. */
export async function* raciCsv(scope: ResolvedScope, raci: RaciView, count: Count): Chunks {
  const edited = new Set(raci.editedControlIds);
  let out = csvHeader(['control_id', 'service_id', 'control_title', ...raci.parties.map(partyColumn), 'differs_from_catalog_default']);
  for (const c of scope.controls) {
    out += csvRow([c.id, c.serviceId, c.title, ...raci.parties.map((p) => raci.matrix[c.id]?.[p.id] ?? ''), edited.has(c.id)]);
    count();
  }
  yield out;
}

export const CONTROLS_COLUMNS = [
  'control_id',
  'service_id',
  'service_name',
  'title',
  'family',
  'hipaa_citations',
  'whitepaper_section',
  'security_hub_controls',
  'config_rules',
  'manual',
  'status',
  'resources_passed',
  'resources_failed',
  'resources_excepted',
  'resources_no_verdict',
  'score',
  'max_failure_severity',
];

/** Per control of the scope: the catalog entry, its status and counts over the accounts in scope, and its RACI letters. */
export function controlRollupsInScope(scope: ResolvedScope, posture: BundlePosture): Map<string, ControlRollup> {
  return new Map(controlRollups(posture.rows, scope.accounts.length).filter((c) => scope.controlIds.has(c.controlId)).map((c) => [c.controlId, c]));
}

export async function* controlsCsv(scope: ResolvedScope, posture: BundlePosture, raci: RaciView, count: Count): Chunks {
  const rollups = controlRollupsInScope(scope, posture);
  const serviceName = new Map(scope.services.map((s) => [s.id, s.name]));
  let out = csvHeader([...CONTROLS_COLUMNS, ...raci.parties.map((p) => `raci ${partyColumn(p)}`)]);
  for (const c of scope.controls) {
    const r = rollups.get(c.id);
    out += csvRow([
      c.id,
      c.serviceId,
      serviceName.get(c.serviceId) ?? '',
      c.title,
      c.family,
      joined(c.hipaaCitations),
      c.whitepaperSection,
      joined(c.evidence.securityHubControlIds),
      joined(c.evidence.configRuleIdentifiers),
      isManualControl(c),
      r?.status ?? (isManualControl(c) ? 'manual' : 'not_evaluated'),
      r?.passed ?? 0,
      r?.failed ?? 0,
      r?.excepted ?? 0,
      r?.unknown ?? 0,
      r?.score === null || r?.score === undefined ? null : Math.round(r.score * 10000) / 10000,
      r?.maxSeverity,
      ...raci.parties.map((p) => raci.matrix[c.id]?.[p.id] ?? ''),
    ]);
    count();
  }
  yield out;
}

// ---------------------------------------------------------------------------------------------
// findings.jsonl, config-evaluations.jsonl, evaluations.csv

/** The raw ASFF of every finding in scope, one JSON document per line, by finding id. */
export async function* findingsJsonl(db: Db, scope: ResolvedScope, count: Count, paging: Paging = {}): Chunks {
  for await (const batch of findingRawBatches(db, scope, paging)) {
    let out = '';
    for (const row of batch) out += `${row.raw}\n`;
    count(batch.length);
    yield out;
  }
}

/** Every Config evaluation in scope: where it was read and the raw EvaluationResult, one per line. */
export async function* configEvaluationsJsonl(db: Db, scope: ResolvedScope, count: Count, paging: Paging = {}): Chunks {
  for await (const batch of configEvaluationBatches(db, scope, paging)) {
    let out = '';
    for (const e of batch) {
      const head = JSON.stringify({
        accountId: e.account_id,
        region: e.region,
        configRuleName: e.rule_name,
        configRuleSourceIdentifier: e.source_identifier,
        resolvedAt: e.resolved_at ? e.resolved_at.toISOString() : null,
      });
      out += `${head.slice(0, -1)},"evaluation":${e.raw}}\n`;
    }
    count(batch.length);
    yield out;
  }
}

export const EVALUATIONS_COLUMNS = [
  'control_id',
  'service_id',
  'account_id',
  'region',
  'resource_type',
  'resource_id',
  'source',
  'evidence_key',
  'config_rule_name',
  'status',
  'record_state',
  'workflow_status',
  'severity',
  'first_observed_at',
  'last_observed_at',
  'updated_at',
  'finding_id',
];

function inScopeControls(scope: ResolvedScope, controls: readonly CatalogControl[] | undefined): CatalogControl[] {
  return (controls ?? []).filter((c) => scope.controlIds.has(c.id));
}

/**
 * One row per control × evaluation record: every stored Security Hub finding and Config
 * evaluation (current or not: archived, resolved) of the scope that evidences a control in
 * scope, with the status AWS reported. Findings first (by id), then Config evaluations (by key).
 */
export async function* evaluationsCsv(db: Db, scope: ResolvedScope, count: Count, paging: Paging = {}): Chunks {
  const index = catalogIndex(BUNDLE_CATALOG);
  yield csvHeader(EVALUATIONS_COLUMNS);
  for await (const batch of findingBatches(db, scope, paging)) {
    let out = '';
    let n = 0;
    for (const f of batch) {
      for (const control of inScopeControls(scope, index.controlsByEvidenceKey.securityhub.get(f.security_control_id ?? ''))) {
        out += csvRow([
          control.id,
          control.serviceId,
          f.account_id,
          f.region,
          f.resource_type,
          f.resource_id,
          'securityhub',
          f.security_control_id,
          null,
          f.compliance_status,
          f.record_state,
          f.workflow_status,
          f.severity,
          f.first_observed_at,
          f.last_observed_at,
          f.aws_updated_at,
          f.id,
        ]);
        n++;
      }
    }
    count(n);
    yield out;
  }
  for await (const batch of configEvaluationBatches(db, scope, paging)) {
    let out = '';
    let n = 0;
    for (const e of batch) {
      for (const control of inScopeControls(scope, index.controlsByEvidenceKey.config.get(e.source_identifier ?? ''))) {
        out += csvRow([
          control.id,
          control.serviceId,
          e.account_id,
          e.region,
          e.resource_type,
          e.resource_arn ?? `${e.resource_type}/${e.resource_id}`,
          'config',
          e.source_identifier,
          e.rule_name,
          e.compliance_type,
          e.resolved_at ? 'RESOLVED' : 'ACTIVE',
          null,
          null,
          null,
          e.result_recorded_at,
          e.result_recorded_at,
          `${e.account_id}/${e.region}/${e.rule_name}/${e.resource_type}/${e.resource_id}`,
        ]);
        n++;
      }
    }
    count(n);
    yield out;
  }
}

// ---------------------------------------------------------------------------------------------
// exclusions.csv, attestations.csv

const EVENT_COLUMNS = ['event_at', 'event_action', 'event_from_status', 'event_to_status', 'event_actor', 'event_reason'];
const eventCells = (e: DecisionEvent | undefined): CsvValue[] => (e ? [e.at, e.action, e.fromStatus, e.toStatus, e.actorEmail ?? 'system', e.reason] : [null, null, null, null, null, null]);

export const EXCLUSIONS_COLUMNS = [
  'exclusion_id',
  'account_id',
  'scope',
  'service_id',
  'control_id',
  'resource_type',
  'resource_id',
  'justification',
  'no_phi_attested',
  'ticket_ref',
  'requested_by',
  'requested_at',
  'expires_at',
  'status_as_of',
  'active_as_of',
  ...EVENT_COLUMNS,
];

/** One row per exclusion and history entry (the exclusion's columns repeated), oldest entry first. */
export async function* exclusionsCsv(exclusions: readonly ExclusionInScope[], count: Count): Chunks {
  let out = csvHeader(EXCLUSIONS_COLUMNS);
  for (const x of exclusions) {
    const head: CsvValue[] = [
      x.id,
      x.accountId,
      x.scope,
      x.serviceId,
      x.controlId,
      x.resourceType,
      x.resourceId,
      x.justification,
      x.noPhiAttested,
      x.ticketRef,
      x.requestedBy,
      x.requestedAt,
      x.expiresAt,
      x.statusAsOf,
      x.activeAsOf,
    ];
    for (const e of x.events.length ? x.events : [undefined]) {
      out += csvRow([...head, ...eventCells(e)]);
      count();
    }
  }
  yield out;
}

export const ATTESTATIONS_COLUMNS = [
  'attestation_id',
  'control_id',
  'account_id',
  'statement',
  'valid_until',
  'created_by',
  'created_at',
  'file_name',
  'file_sha256',
  'file_in_bundle',
  'status_as_of',
  'active_as_of',
  ...EVENT_COLUMNS,
];

export async function* attestationsCsv(attestations: readonly AttestationInScope[], filePaths: ReadonlyMap<string, string>, count: Count): Chunks {
  let out = csvHeader(ATTESTATIONS_COLUMNS);
  for (const a of attestations) {
    const head: CsvValue[] = [
      a.id,
      a.controlId,
      a.accountId ?? 'organization',
      a.statement,
      a.validUntil,
      a.createdBy,
      a.createdAt,
      a.file?.name,
      a.file?.sha256,
      filePaths.get(a.id),
      a.statusAsOf,
      a.activeAsOf,
    ];
    for (const e of a.events.length ? a.events : [undefined]) {
      out += csvRow([...head, ...eventCells(e)]);
      count();
    }
  }
  yield out;
}

/** Where an attestation's attached file goes in the bundle: `attestation-files/<id>/<safe name>`. */
export function attestationFilePath(attestationId: string, fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(-120) || 'file';
  return `attestation-files/${attestationId}/${safe}`;
}

export async function* attestationFile(db: Db, attestationId: string): Chunks {
  const row = await db.attestation.findUnique({ where: { id: attestationId }, select: { fileContent: true } });
  if (row?.fileContent) yield new Uint8Array(row.fileContent);
}

// ---------------------------------------------------------------------------------------------
// audit-log.jsonl

/** The audit trail in scope, one entry per line in chain order, with its hash-chain links. */
export async function* auditLogJsonl(db: Db, scope: ResolvedScope, count: Count, paging: Paging = {}): Chunks {
  for await (const batch of auditEventBatches(db, scope, paging)) {
    let out = '';
    for (const e of batch) {
      const head = JSON.stringify({
        id: e.id.toString(),
        at: e.at.toISOString(),
        actorId: e.actor_id,
        actorEmail: e.actor_email,
        action: e.action,
        targetType: e.target_type,
        targetId: e.target_id,
        accountId: e.account_id,
        prevHash: e.prev_hash,
        hash: e.hash,
      });
      out += `${head.slice(0, -1)},"details":${e.details}}\n`;
    }
    count(batch.length);
    yield out;
  }
}
