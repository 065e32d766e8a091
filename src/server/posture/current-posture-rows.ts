// Pure functions between a live evaluation and the rows of the current-posture tables
// (current-posture.ts): which rows an evaluation stores, and how stored rows (plus the
// attestations in force) give back the same scope summaries evaluatePosture gives.
//
// Posture is separable by account: every resource-control belongs to one account, so a
// control's organization counts are the sums of its account counts, its highest failure
// severity the highest of theirs. Manual controls have no resource-controls; their status
// depends only on attestations, so they are not stored but decided when read.
import type { CatalogVersion, Severity } from '@/server/catalog/types';
import { attestationFinder, controlResult, summarizeScope, type ControlTally } from './evaluate';
import { outcomeOf } from './normalize';
import { evaluatedCount, failingEvidenceOf, maxSeverity, type FailingEvidence } from './posture-views';
import type { Attestation, ControlStatus, EvidenceOutcome, PostureEvaluation, ResourceControlResult, ResourceControlStatus, ScopeSummary } from './types';

/** One automated control in one account with at least one resource-control. */
export interface StoredControlRow {
  accountId: string;
  controlId: string;
  serviceId: string;
  status: ControlStatus;
  passed: number;
  failed: number;
  excepted: number;
  unknown: number;
  maxSeverity: Severity | null;
  failedSuppressed: number;
}

export interface StoredEvidence extends FailingEvidence {
  outcome: EvidenceOutcome;
}

/** A resource-control that did not pass, with its current evidence other than passes. */
export interface StoredResourceRow {
  accountId: string;
  controlId: string;
  resourceId: string;
  serviceId: string;
  region: string;
  resourceType: string;
  status: Exclude<ResourceControlStatus, 'passed'>;
  severity: Severity | null;
  suppressed: boolean;
  exclusionId: string | null;
  evidence: StoredEvidence[];
}

/** The control rows an evaluation stores: every (account, control) with a resource-control. */
export function storedControlRows(evaluation: Pick<PostureEvaluation, 'accounts'>): StoredControlRow[] {
  return evaluation.accounts.flatMap((account) =>
    account.controls
      .filter((c) => evaluatedCount(c.resourceControls) > 0)
      .map((c) => ({
        accountId: account.scopeId,
        controlId: c.controlId,
        serviceId: c.serviceId,
        status: c.status,
        ...c.resourceControls,
        maxSeverity: c.maxFailureSeverity,
        failedSuppressed: c.failedButSuppressedInSecurityHub,
      })),
  );
}

/** The resource rows an evaluation stores: resource-controls that did not pass. */
export function storedResourceRows(resourceControls: readonly ResourceControlResult[]): StoredResourceRow[] {
  const rows: StoredResourceRow[] = [];
  for (const rc of resourceControls) {
    if (rc.status === 'passed') continue;
    rows.push({
      accountId: rc.accountId,
      controlId: rc.controlId,
      resourceId: rc.resourceId,
      serviceId: rc.serviceId,
      region: rc.region,
      resourceType: rc.resourceType,
      status: rc.status,
      severity: rc.failureSeverity,
      suppressed: rc.suppressedInSecurityHub,
      exclusionId: rc.exclusionId,
      evidence: rc.evidence.flatMap((record) => {
        const outcome = outcomeOf(record);
        return outcome === 'pass' ? [] : [{ ...failingEvidenceOf(record), outcome }];
      }),
    });
  }
  return rows;
}

export interface AssembledPosture {
  organization: ScopeSummary;
  /** One per account of `accountIds`, in that order. */
  accounts: ScopeSummary[];
  /** Every catalog service (listing only the controls asked for), in catalog order. */
  services: ScopeSummary[];
}

/**
 * The organization, account and service summaries evaluatePosture gives, from stored rows:
 * `accountIds` are the accounts in scope (sorted), `rows` their stored control rows,
 * `attestations` those that may be in force at `asOf`. With `controlIds`, the summaries list
 * only those controls (enough for one service's or one control's page).
 */
export function assemblePosture(input: {
  catalog: CatalogVersion;
  accountIds: readonly string[];
  rows: readonly StoredControlRow[];
  attestations: readonly Attestation[];
  asOf: Date;
  controlIds?: ReadonlySet<string>;
}): AssembledPosture {
  const { catalog, accountIds, controlIds } = input;
  const wanted = (id: string) => !controlIds || controlIds.has(id);
  const inScope = new Set(accountIds);
  const accountTallies = new Map<string, Map<string, ControlTally>>();
  const organizationTallies = new Map<string, ControlTally>();
  for (const row of input.rows) {
    if (!inScope.has(row.accountId) || !wanted(row.controlId)) continue;
    const tally: ControlTally = {
      counts: { passed: row.passed, failed: row.failed, excepted: row.excepted, unknown: row.unknown },
      maxFailureSeverity: row.maxSeverity,
      failedButSuppressedInSecurityHub: row.failedSuppressed,
    };
    let tallies = accountTallies.get(row.accountId);
    if (!tallies) accountTallies.set(row.accountId, (tallies = new Map()));
    tallies.set(row.controlId, tally);
    const total = organizationTallies.get(row.controlId);
    if (!total) {
      organizationTallies.set(row.controlId, { counts: { ...tally.counts }, maxFailureSeverity: tally.maxFailureSeverity, failedButSuppressedInSecurityHub: tally.failedButSuppressedInSecurityHub });
    } else {
      total.counts.passed += row.passed;
      total.counts.failed += row.failed;
      total.counts.excepted += row.excepted;
      total.counts.unknown += row.unknown;
      total.maxFailureSeverity = maxSeverity(total.maxFailureSeverity, row.maxSeverity);
      total.failedButSuppressedInSecurityHub += row.failedSuppressed;
    }
  }

  const attestations = attestationFinder(input.attestations, input.asOf);
  const controls = catalog.services.flatMap((service) => service.controls).filter((c) => wanted(c.id));
  const organizationControls = controls.map((control) =>
    controlResult(control, organizationTallies.get(control.id), attestations.forOrganization(control.id, accountIds)),
  );
  const organizationById = new Map(organizationControls.map((c) => [c.controlId, c]));
  return {
    organization: summarizeScope('organization', 'organization', organizationControls),
    accounts: accountIds.map((accountId) => {
      const tallies = accountTallies.get(accountId);
      return summarizeScope(
        'account',
        accountId,
        controls.map((control) => controlResult(control, tallies?.get(control.id), attestations.forAccount(control.id, accountId))),
      );
    }),
    services: catalog.services.map((service) =>
      summarizeScope(
        'service',
        service.id,
        service.controls.filter((c) => wanted(c.id)).map((c) => organizationById.get(c.id)!),
      ),
    ),
  };
}
