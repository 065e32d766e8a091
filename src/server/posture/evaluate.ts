/*
 * How Safeguards evaluates posture
 * ================================
 * (How raw results become outcomes, and which evaluation of a check counts, is
 * described in normalize.ts. RULES.md states all rules precisely, for SQL.)
 *
 * Resource-controls
 * - Each (control, account, resource) with at least one counted current check is
 *   a resource-control. Its outcome (fail, unknown or pass) becomes its status
 *   (failed, unknown, passed), except that a failure covered by an active
 *   exclusion is `excepted`.
 *
 * Exclusions
 * - Active iff status is `approved` and `expiresAt` > asOf. asOf is a parameter;
 *   expiry is checked when reading, never against the clock. Pending, rejected,
 *   revoked, expired and lapsed exclusions change nothing.
 * - An exclusion covers a resource-control when its account matches, its
 *   resource is the resource or null (the whole account), and its control is
 *   the control, or null and its service is the control's service.
 * - An exclusion waives failures only: a covered failing resource-control is
 *   `excepted` (also when a new failing evaluation arrives after approval);
 *   covered passing or unknown resource-controls keep their status. So adding an
 *   exclusion can never raise the failure count nor lower the score.
 *
 * Controls in a scope
 * - Manual controls (no Security Hub or Config evidence in the catalog) are
 *   `attested` when a confirmed attestation with validUntil > asOf covers the
 *   scope, `manual` otherwise. An account is covered by an attestation for that
 *   account or an organization-wide one; the organization (and so a service) by
 *   an organization-wide one, or by one for every account in scope. Regions do
 *   not list manual controls. Attestations of automated controls are ignored.
 * - Automated controls: `failed` if any resource-control in the scope failed;
 *   else `passed` if any passed; else `excepted` if any was excepted; else
 *   `not_evaluated` (no evidence yet, or only unknown verdicts).
 * - `attested` counts as a pass in `passingControls` but keeps its own label.
 *
 * Roll-ups and score
 * - Resource-controls are counted per organization, account, region (of the
 *   newest counted record) and service (of the control): passed, failed,
 *   excepted, unknown. The four add up to the scope's resource-controls.
 * - score = passed ÷ (passed + failed) resource-controls; null when that is 0.
 *   Excepted resource-controls are out of scope and unknown ones have no verdict,
 *   so neither is in the denominator. Manual controls have no resources and so
 *   are not in the score.
 * - Per control: the highest severity of its failed (not excepted)
 *   resource-controls, a record's own severity or else the control's default.
 * - Accounts in scope: those passed in, plus those of any non-archived record.
 *   Each account lists every catalog control.
 */

import type { CatalogControl, CatalogVersion, Severity } from '@/server/catalog/types';
import { type CatalogIndex, catalogIndex, controlsForEvidence, isManualControl } from './map-evidence';
import { isSuppressedInSecurityHub, OUTCOME_PRECEDENCE, outcomeOf } from './normalize';
import type {
  Attestation,
  ControlResult,
  ControlStatus,
  ControlStatusCounts,
  EvidenceOutcome,
  EvidenceRecord,
  Exclusion,
  PostureEvaluation,
  ResourceControlCounts,
  ResourceControlResult,
  ResourceControlStatus,
  ScopeKind,
  ScopeSummary,
} from './types';

export interface PostureInput {
  catalog: CatalogVersion;
  records: Iterable<EvidenceRecord>;
  exclusions?: readonly Exclusion[];
  attestations?: readonly Attestation[];
  /** The organization's accounts in scope; accounts of non-archived records are added. */
  accountIds?: Iterable<string>;
  /** The instant exclusions and attestations are judged at. */
  asOf: Date;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 2,
  HIGH: 3,
  CRITICAL: 4,
};

export function isExclusionActive(exclusion: Exclusion, asOf: Date): boolean {
  return exclusion.status === 'approved' && exclusion.expiresAt.getTime() > asOf.getTime();
}

export function isAttestationActive(attestation: Attestation, asOf: Date): boolean {
  return attestation.status === 'confirmed' && attestation.validUntil.getTime() > asOf.getTime();
}

/** passed ÷ (passed + failed), or null when nothing passed or failed. */
export function complianceScore(counts: ResourceControlCounts): number | null {
  const evaluated = counts.passed + counts.failed;
  return evaluated === 0 ? null : counts.passed / evaluated;
}

/** Resource ids that non-archived evidence still reports. */
export function currentResourceIds(records: Iterable<EvidenceRecord>): Set<string> {
  const ids = new Set<string>();
  for (const record of records) if (!record.archived) ids.add(record.resourceId);
  return ids;
}

/**
 * Approved exclusions of a resource that no longer exists (whether or not they
 * have lapsed). Account-wide exclusions are never stale.
 */
export function staleExclusions(exclusions: readonly Exclusion[], knownResourceIds: ReadonlySet<string>): Exclusion[] {
  return exclusions.filter(
    (exclusion) =>
      exclusion.status === 'approved' && exclusion.resourceId !== null && !knownResourceIds.has(exclusion.resourceId),
  );
}

export function evaluatePosture(input: PostureInput): PostureEvaluation {
  const index = catalogIndex(input.catalog);
  const { currentChecks, unmapped, accountIds } = selectCurrentChecks(input, index);
  const findExclusion = exclusionFinder(input.exclusions ?? [], input.asOf);
  const resourceControls = buildResourceControls(currentChecks, findExclusion);

  // Tallies per scope and control, filled in one pass over the resource-controls.
  const organizationTallies = new Map<string, ControlTally>();
  const accountTallies = new Map<string, Map<string, ControlTally>>();
  const regionTallies = new Map<string, Map<string, ControlTally>>();
  for (const result of resourceControls) {
    addToTally(organizationTallies, result);
    addToTally(talliesOf(accountTallies, result.accountId), result);
    addToTally(talliesOf(regionTallies, result.region), result);
  }

  const attestations = attestationFinder(input.attestations ?? [], input.asOf);
  const allControls = index.services.flatMap((service) => service.controls);
  const sortedAccountIds = [...accountIds].sort(compareStrings);

  const organizationControls = allControls.map((control) =>
    controlResult(control, organizationTallies.get(control.id), attestations.forOrganization(control.id, sortedAccountIds)),
  );
  const organizationControlsById = new Map(organizationControls.map((result) => [result.controlId, result]));

  return {
    asOf: input.asOf,
    organization: summarizeScope('organization', 'organization', organizationControls),
    accounts: sortedAccountIds.map((accountId) => {
      const tallies = accountTallies.get(accountId);
      const controls = allControls.map((control) =>
        controlResult(control, tallies?.get(control.id), attestations.forAccount(control.id, accountId)),
      );
      return summarizeScope('account', accountId, controls);
    }),
    regions: [...regionTallies.keys()].sort(compareStrings).map((region) => {
      const tallies = regionTallies.get(region)!;
      const controls = allControls
        .filter((control) => tallies.has(control.id))
        .map((control) => controlResult(control, tallies.get(control.id), []));
      return summarizeScope('region', region, controls);
    }),
    services: index.services.map((service) =>
      summarizeScope(
        'service',
        service.id,
        service.controls.map((control) => organizationControlsById.get(control.id)!),
      ),
    ),
    resourceControls,
    unmapped,
  };
}

// ---------------------------------------------------------------------------
// Current checks: the newest non-archived evaluation per (account, resource, source, evidence key).

interface CurrentCheck {
  record: EvidenceRecord;
  outcome: EvidenceOutcome;
  controls: readonly CatalogControl[];
}

function selectCurrentChecks(input: PostureInput, index: CatalogIndex) {
  const currentChecks = new Map<string, CurrentCheck>();
  const unmapped: EvidenceRecord[] = [];
  const accountIds = new Set<string>(input.accountIds ?? []);
  for (const record of input.records) {
    if (record.archived) continue;
    accountIds.add(record.accountId);
    const controls = controlsForEvidence(index, record.source, record.evidenceKey);
    if (controls.length === 0) {
      unmapped.push(record);
      continue;
    }
    const candidate: CurrentCheck = { record, outcome: outcomeOf(record), controls };
    // A check runs per region: a global resource (the account, an IAM role) is evaluated
    // in every region, and each region's verdict counts (the failing one wins later).
    const key = joinKey(record.accountId, record.region, record.resourceId, record.source, record.evidenceKey!);
    const existing = currentChecks.get(key);
    if (!existing || supersedes(candidate, existing)) currentChecks.set(key, candidate);
  }
  return { currentChecks, unmapped, accountIds };
}

/** Newest first; at equal times the more conservative outcome; then the smaller record id (for determinism). */
function supersedes(candidate: CurrentCheck, existing: CurrentCheck): boolean {
  const timeDifference = candidate.record.observedAt.getTime() - existing.record.observedAt.getTime();
  if (timeDifference !== 0) return timeDifference > 0;
  const precedenceDifference = OUTCOME_PRECEDENCE[candidate.outcome] - OUTCOME_PRECEDENCE[existing.outcome];
  if (precedenceDifference !== 0) return precedenceDifference > 0;
  return candidate.record.recordId < existing.record.recordId;
}

// ---------------------------------------------------------------------------
// Resource-controls: the counted current checks of one control on one resource, combined.

interface ResourceControlEvidence {
  control: CatalogControl;
  checks: CurrentCheck[];
}

function buildResourceControls(
  currentChecks: ReadonlyMap<string, CurrentCheck>,
  findExclusion: ExclusionFinder,
): ResourceControlResult[] {
  const byResourceControl = new Map<string, ResourceControlEvidence>();
  for (const check of currentChecks.values()) {
    if (check.outcome === 'not_applicable') continue;
    for (const control of check.controls) {
      const key = joinKey(control.id, check.record.accountId, check.record.resourceId);
      const entry = byResourceControl.get(key);
      if (entry) entry.checks.push(check);
      else byResourceControl.set(key, { control, checks: [check] });
    }
  }

  const results: ResourceControlResult[] = [];
  for (const { control, checks } of byResourceControl.values()) {
    checks.sort(compareChecksByEvidenceKey);
    results.push(resourceControlResult(control, checks, findExclusion));
  }
  return results.sort(
    (a, b) =>
      compareStrings(a.controlId, b.controlId) ||
      compareStrings(a.accountId, b.accountId) ||
      compareStrings(a.resourceId, b.resourceId),
  );
}

function resourceControlResult(
  control: CatalogControl,
  checks: readonly CurrentCheck[],
  findExclusion: ExclusionFinder,
): ResourceControlResult {
  let outcome = checks[0].outcome;
  let newest = checks[0].record;
  let failureSeverity: Severity | null = null;
  for (const check of checks) {
    if (OUTCOME_PRECEDENCE[check.outcome] > OUTCOME_PRECEDENCE[outcome]) outcome = check.outcome;
    if (isNewerForAttributes(check.record, newest)) newest = check.record;
    if (check.outcome === 'fail') failureSeverity = maxSeverity(failureSeverity, check.record.severity ?? control.defaultSeverity);
  }
  const { accountId, resourceId } = newest;
  const exclusion = findExclusion(accountId, resourceId, control);
  const status = resourceControlStatus(outcome, exclusion !== null);
  return {
    controlId: control.id,
    serviceId: control.serviceId,
    accountId,
    resourceId,
    region: newest.region,
    resourceType: newest.resourceType,
    status,
    evidence: checks.map((check) => check.record),
    failureSeverity: status === 'failed' || status === 'excepted' ? failureSeverity : null,
    exclusionId: exclusion?.id ?? null,
    suppressedInSecurityHub: checks.some((check) => isSuppressedInSecurityHub(check.record)),
  };
}

function resourceControlStatus(outcome: EvidenceOutcome, coveredByExclusion: boolean): ResourceControlStatus {
  switch (outcome) {
    case 'fail':
      return coveredByExclusion ? 'excepted' : 'failed';
    case 'pass':
      return 'passed';
    case 'unknown':
    case 'not_applicable': // never reaches here: not_applicable checks are not counted
      return 'unknown';
  }
}

function isNewerForAttributes(candidate: EvidenceRecord, current: EvidenceRecord): boolean {
  const timeDifference = candidate.observedAt.getTime() - current.observedAt.getTime();
  return timeDifference !== 0 ? timeDifference > 0 : candidate.recordId < current.recordId;
}

function compareChecksByEvidenceKey(a: CurrentCheck, b: CurrentCheck): number {
  return (
    compareStrings(a.record.source, b.record.source) ||
    compareStrings(a.record.evidenceKey!, b.record.evidenceKey!) ||
    compareStrings(a.record.region, b.record.region)
  );
}

// ---------------------------------------------------------------------------
// Exclusions: the active ones, indexed by the four scopes they can have.

type ExclusionFinder = (accountId: string, resourceId: string, control: CatalogControl) => Exclusion | null;

function exclusionKey(accountId: string, resourceId: string | null, controlScope: string): string {
  return joinKey(accountId, resourceId === null ? '*' : `resource:${resourceId}`, controlScope);
}

const controlScopeOf = (controlId: string) => `control:${controlId}`;
const serviceScopeOf = (serviceId: string) => `service:${serviceId}`;

function exclusionFinder(exclusions: readonly Exclusion[], asOf: Date): ExclusionFinder {
  const active = new Map<string, Exclusion>();
  for (const exclusion of exclusions) {
    if (!isExclusionActive(exclusion, asOf)) continue;
    const scope = exclusion.controlId === null ? serviceScopeOf(exclusion.serviceId) : controlScopeOf(exclusion.controlId);
    const key = exclusionKey(exclusion.accountId, exclusion.resourceId, scope);
    const existing = active.get(key);
    // Of duplicates with the same scope, report the one lasting longest (then the smaller id).
    const lastsLonger =
      !existing ||
      exclusion.expiresAt.getTime() > existing.expiresAt.getTime() ||
      (exclusion.expiresAt.getTime() === existing.expiresAt.getTime() && exclusion.id < existing.id);
    if (lastsLonger) active.set(key, exclusion);
  }
  if (active.size === 0) return () => null;
  // Most specific first, so the reported exclusion is the one a reviewer would look for.
  return (accountId, resourceId, control) =>
    active.get(exclusionKey(accountId, resourceId, controlScopeOf(control.id))) ??
    active.get(exclusionKey(accountId, resourceId, serviceScopeOf(control.serviceId))) ??
    active.get(exclusionKey(accountId, null, controlScopeOf(control.id))) ??
    active.get(exclusionKey(accountId, null, serviceScopeOf(control.serviceId))) ??
    null;
}

// ---------------------------------------------------------------------------
// Attestations: the active ones, per control, organization-wide or per account.

export function attestationFinder(attestations: readonly Attestation[], asOf: Date) {
  const organizationWide = new Map<string, string[]>();
  const perAccount = new Map<string, string[]>();
  /** Per control, the accounts with an attestation of their own. */
  const accountsOf = new Map<string, Set<string>>();
  for (const attestation of attestations) {
    if (!isAttestationActive(attestation, asOf)) continue;
    const [map, key] =
      attestation.accountId === null
        ? [organizationWide, attestation.controlId]
        : [perAccount, joinKey(attestation.controlId, attestation.accountId)];
    const ids = map.get(key);
    if (ids) ids.push(attestation.id);
    else map.set(key, [attestation.id]);
    if (attestation.accountId !== null) {
      const accounts = accountsOf.get(attestation.controlId);
      if (accounts) accounts.add(attestation.accountId);
      else accountsOf.set(attestation.controlId, new Set([attestation.accountId]));
    }
  }
  const sorted = (ids: readonly string[]) => [...ids].sort(compareStrings);
  return {
    forAccount(controlId: string, accountId: string): string[] {
      return sorted([...(perAccount.get(joinKey(controlId, accountId)) ?? []), ...(organizationWide.get(controlId) ?? [])]);
    },
    /** How many of these accounts an attestation in force covers for the control (forAccount's, counted without building lists). */
    accountsCovered(controlId: string, accountIds: readonly string[]): number {
      if (organizationWide.has(controlId)) return accountIds.length;
      const accounts = accountsOf.get(controlId);
      if (!accounts) return 0;
      let covered = 0;
      for (const accountId of accountIds) if (accounts.has(accountId)) covered++;
      return covered;
    },
    forOrganization(controlId: string, accountIds: readonly string[]): string[] {
      const wide = organizationWide.get(controlId);
      if (wide) return sorted(wide);
      if (accountIds.length === 0) return [];
      const ids: string[] = [];
      for (const accountId of accountIds) {
        const accountIdsForControl = perAccount.get(joinKey(controlId, accountId));
        if (!accountIdsForControl) return [];
        ids.push(...accountIdsForControl);
      }
      return sorted(ids);
    },
  };
}

// ---------------------------------------------------------------------------
// Roll-ups.

export interface ControlTally {
  counts: ResourceControlCounts;
  maxFailureSeverity: Severity | null;
  failedButSuppressedInSecurityHub: number;
}

function talliesOf(byScope: Map<string, Map<string, ControlTally>>, scopeId: string): Map<string, ControlTally> {
  let tallies = byScope.get(scopeId);
  if (!tallies) byScope.set(scopeId, (tallies = new Map()));
  return tallies;
}

function addToTally(tallies: Map<string, ControlTally>, result: ResourceControlResult): void {
  let tally = tallies.get(result.controlId);
  if (!tally) {
    tally = { counts: emptyCounts(), maxFailureSeverity: null, failedButSuppressedInSecurityHub: 0 };
    tallies.set(result.controlId, tally);
  }
  tally.counts[result.status] += 1;
  if (result.status === 'failed') {
    tally.maxFailureSeverity = maxSeverity(tally.maxFailureSeverity, result.failureSeverity);
    if (result.suppressedInSecurityHub) tally.failedButSuppressedInSecurityHub += 1;
  }
}

export function controlResult(control: CatalogControl, tally: ControlTally | undefined, attestationIds: string[]): ControlResult {
  const counts = tally ? { ...tally.counts } : emptyCounts();
  const manual = isManualControl(control);
  return {
    controlId: control.id,
    serviceId: control.serviceId,
    status: controlStatus(manual, counts, attestationIds.length > 0),
    resourceControls: counts,
    score: complianceScore(counts),
    maxFailureSeverity: tally?.maxFailureSeverity ?? null,
    failedButSuppressedInSecurityHub: tally?.failedButSuppressedInSecurityHub ?? 0,
    attestationIds: manual ? attestationIds : [],
  };
}

function controlStatus(manual: boolean, counts: ResourceControlCounts, attested: boolean): ControlStatus {
  if (manual) return attested ? 'attested' : 'manual';
  if (counts.failed > 0) return 'failed';
  if (counts.passed > 0) return 'passed';
  if (counts.excepted > 0) return 'excepted';
  return 'not_evaluated';
}

export function summarizeScope(kind: ScopeKind, scopeId: string, controls: ControlResult[]): ScopeSummary {
  const resourceControls = emptyCounts();
  const controlStatuses: ControlStatusCounts = {
    passed: 0,
    failed: 0,
    excepted: 0,
    not_evaluated: 0,
    manual: 0,
    attested: 0,
  };
  for (const control of controls) {
    resourceControls.passed += control.resourceControls.passed;
    resourceControls.failed += control.resourceControls.failed;
    resourceControls.excepted += control.resourceControls.excepted;
    resourceControls.unknown += control.resourceControls.unknown;
    controlStatuses[control.status] += 1;
  }
  return {
    kind,
    scopeId,
    resourceControls,
    score: complianceScore(resourceControls),
    controlStatuses,
    passingControls: controlStatuses.passed + controlStatuses.attested,
    controls,
  };
}

// ---------------------------------------------------------------------------
// Small helpers.

function emptyCounts(): ResourceControlCounts {
  return { passed: 0, failed: 0, excepted: 0, unknown: 0 };
}

function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

// Code-unit order, not locale order: fast, and the same on every machine (and as SQL's COLLATE "C").
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// AWS ids never contain NUL, so joined keys cannot collide.
function joinKey(...parts: string[]): string {
  return parts.join('\u0000');
}
