/*
 * How Safeguards reads Security Hub and AWS Config results
 * ========================================================
 *
 * Outcomes
 * - Security Hub (ASFF `Compliance.Status`): PASSED → pass; FAILED → fail;
 *   WARNING and NOT_AVAILABLE → unknown (the check ran or tried to run but gave
 *   no verdict).
 * - AWS Config (`ComplianceType`): COMPLIANT → pass; NON_COMPLIANT → fail;
 *   INSUFFICIENT_DATA → unknown; NOT_APPLICABLE → not_applicable: it replaces
 *   any older evaluation of the same rule on the resource, and is then not
 *   counted at all (the resource is out of that rule's scope).
 * - Any other status, of either source, is unknown: a status we do not know is
 *   never read as a pass, nor as a failure. Statuses are compared
 *   case-insensitively, ignoring surrounding spaces.
 *
 * Security Hub workflow status
 * - Workflow.Status never changes an outcome: only Compliance.Status does.
 * - SUPPRESSED means someone chose to ignore the finding in Security Hub. That
 *   is not an approved exclusion (no approver, no expiry, no PHI attestation),
 *   so a suppressed failing finding still fails the control. The resource-control
 *   is flagged `suppressedInSecurityHub` so the UI can say "suppressed in
 *   Security Hub, not excluded here" and offer to request an exclusion.
 * - RESOLVED set by hand on a FAILED finding does not make it pass either;
 *   Security Hub itself resets such findings to NEW on the next failing check.
 *
 * Archived evidence
 * - Archived records (Security Hub RecordState=ARCHIVED; Config evaluations Config
 *   no longer returns) are not evidence: they are ignored entirely, as if absent.
 *   A resource whose only evidence is archived is therefore no longer evaluated
 *   (typically it was deleted, or the check was disabled).
 *
 * Which evaluation counts
 * - A check is one (account, resource, source, evidence key): a Security Hub
 *   control id or a Config managed-rule identifier. Of a check's non-archived
 *   records the newest (`observedAt`) wins; at equal times the more conservative
 *   outcome wins (fail, then unknown, then pass, then not_applicable), then the
 *   smaller record id, so the result never depends on input order.
 * - A control may be tested by several checks (Security Hub and Config, or two
 *   Security Hub controls). On a resource it fails if any current check fails;
 *   otherwise it is unknown if any check is unknown; it passes only when every
 *   counted check passes. In particular, when Security Hub and Config disagree
 *   the failing one wins: a compliance tool must not hide a failure because one
 *   source lags behind the other.
 *
 * Exclusions, attestations, roll-ups and the score are described in evaluate.ts
 * and, precisely enough to reimplement in SQL, in RULES.md beside this file.
 */

import type { EvidenceOutcome, EvidenceRecord, EvidenceSource } from './types';

const OUTCOME_BY_STATUS: Record<EvidenceSource, Readonly<Record<string, EvidenceOutcome>>> = {
  securityhub: {
    PASSED: 'pass',
    FAILED: 'fail',
    WARNING: 'unknown',
    NOT_AVAILABLE: 'unknown',
  },
  config: {
    COMPLIANT: 'pass',
    NON_COMPLIANT: 'fail',
    INSUFFICIENT_DATA: 'unknown',
    NOT_APPLICABLE: 'not_applicable',
  },
};

export function normalizeOutcome(source: EvidenceSource, rawStatus: string): EvidenceOutcome {
  const table = OUTCOME_BY_STATUS[source];
  const status = rawStatus.trim().toUpperCase();
  return Object.hasOwn(table, status) ? table[status] : 'unknown';
}

export function outcomeOf(record: EvidenceRecord): EvidenceOutcome {
  return normalizeOutcome(record.source, record.rawStatus);
}

/**
 * Higher is more conservative. Breaks ties between evaluations of one check
 * recorded at the same instant, and combines the checks of one resource-control
 * (where not_applicable never takes part).
 */
export const OUTCOME_PRECEDENCE: Readonly<Record<EvidenceOutcome, number>> = {
  not_applicable: 0,
  pass: 1,
  unknown: 2,
  fail: 3,
};

export function isSuppressedInSecurityHub(record: EvidenceRecord): boolean {
  return record.source === 'securityhub' && record.workflowStatus === 'SUPPRESSED';
}
