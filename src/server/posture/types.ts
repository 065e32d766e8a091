// Inputs and outputs of posture evaluation. The sync turns Security Hub findings
// (ASFF) and AWS Config evaluations into EvidenceRecords; evaluation combines
// them with the catalog, exclusions and attestations. The rules are in RULES.md.

import type { Severity } from '@/server/catalog/types';

export type { Severity };

export type EvidenceSource = 'securityhub' | 'config';

/**
 * A record's verdict once its raw status is normalized (see normalize.ts).
 * `not_applicable` (Config NOT_APPLICABLE) supersedes older evaluations of the
 * same check but is not counted anywhere.
 */
export type EvidenceOutcome = 'pass' | 'fail' | 'unknown' | 'not_applicable';

export type SecurityHubWorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';

export interface EvidenceRecord {
  source: EvidenceSource;
  /**
   * Security Hub: `Compliance.SecurityControlId` (e.g. `SQS.1`). Config: the rule's
   * managed `Source.SourceIdentifier` (e.g. `SQS_QUEUE_ENCRYPTED`, hypothetical).
   * null for findings that test no control (GuardDuty, Inspector, ...).
   */
  evidenceKey: string | null;
  /** Security Hub finding id, or the Config evaluation key. */
  recordId: string;
  accountId: string;
  region: string;
  resourceType: string;
  /**
   * The resource's ARN where it has one. Security Hub and Config evidence about
   * the same resource must carry the same id: that is how they are matched.
   */
  resourceId: string;
  /** PASSED/FAILED/WARNING/NOT_AVAILABLE (ASFF) or COMPLIANT/NON_COMPLIANT/NOT_APPLICABLE/INSUFFICIENT_DATA (Config). */
  rawStatus: string;
  /** Security Hub `UpdatedAt`, Config `ResultRecordedTime`. */
  observedAt: Date;
  /** Security Hub `RecordState=ARCHIVED`, or a Config evaluation Config no longer returns. */
  archived: boolean;
  /** Security Hub `Workflow.Status`; absent for Config. */
  workflowStatus?: SecurityHubWorkflowStatus;
  severity?: Severity;
  title?: string;
  /** AWS Config's annotation of the result, when the rule gave one. */
  annotation?: string | null;
}

export type ExclusionStatus = 'pending' | 'approved' | 'rejected' | 'revoked' | 'expired';

/** A request to take a resource (or a whole account) out of a control's scope. */
export interface Exclusion {
  id: string;
  accountId: string;
  /** null: the whole account (a compliance-officer scope). */
  resourceId: string | null;
  /** null: every control of `serviceId`. */
  controlId: string | null;
  serviceId: string;
  status: ExclusionStatus;
  expiresAt: Date;
}

export type AttestationStatus = 'pending' | 'confirmed' | 'revoked';

/** A person's statement that a manual control is in place. */
export interface Attestation {
  id: string;
  controlId: string;
  /** null: the whole organization. */
  accountId: string | null;
  status: AttestationStatus;
  validUntil: Date;
}

/** One control on one resource. `unknown`: evidence exists but gives no verdict. */
export type ResourceControlStatus = 'passed' | 'failed' | 'excepted' | 'unknown';

/**
 * One control in a scope (organization, account, region or service).
 * `attested` is a pass: a manual control with a confirmed, still-valid attestation.
 */
export type ControlStatus = 'passed' | 'failed' | 'excepted' | 'not_evaluated' | 'manual' | 'attested';

export interface ResourceControlResult {
  controlId: string;
  serviceId: string;
  accountId: string;
  resourceId: string;
  /** Region and type as reported by the newest counted record. */
  region: string;
  resourceType: string;
  status: ResourceControlStatus;
  /** The current evaluation of each check of the control on this resource (one per source and evidence key). */
  evidence: EvidenceRecord[];
  /** Highest severity among the failing current evaluations (the control's default when a record has none); null unless failed or excepted. */
  failureSeverity: Severity | null;
  /** The active exclusion covering this resource-control, whatever its outcome; it only changes a failure (into `excepted`). */
  exclusionId: string | null;
  /** A current Security Hub finding of this resource-control has Workflow.Status SUPPRESSED. Informational only. */
  suppressedInSecurityHub: boolean;
}

/** Resource-control pairs by status. */
export interface ResourceControlCounts {
  passed: number;
  failed: number;
  excepted: number;
  unknown: number;
}

export type ControlStatusCounts = Record<ControlStatus, number>;

export interface ControlResult {
  controlId: string;
  serviceId: string;
  status: ControlStatus;
  resourceControls: ResourceControlCounts;
  /** passed ÷ (passed + failed); null when nothing passed or failed. */
  score: number | null;
  /** Highest failure severity among failed (not excepted) resources; null when none failed. */
  maxFailureSeverity: Severity | null;
  /** Failed resource-controls whose Security Hub finding is SUPPRESSED. */
  failedButSuppressedInSecurityHub: number;
  /** The attestations that make the control `attested` in this scope; empty otherwise. */
  attestationIds: string[];
}

export type ScopeKind = 'organization' | 'account' | 'region' | 'service';

export interface ScopeSummary {
  kind: ScopeKind;
  /** The account id, region or service id; `organization` for the organization. */
  scopeId: string;
  resourceControls: ResourceControlCounts;
  /** passed ÷ (passed + failed) resource-controls; null when nothing passed or failed. */
  score: number | null;
  /** Controls of `controls` by status. */
  controlStatuses: ControlStatusCounts;
  /** Passing controls: passed + attested. */
  passingControls: number;
  /** In catalog order. */
  controls: ControlResult[];
}

export interface PostureEvaluation {
  asOf: Date;
  organization: ScopeSummary;
  /** Every account in scope, sorted by id. */
  accounts: ScopeSummary[];
  /** Every region with counted evidence, sorted by name. */
  regions: ScopeSummary[];
  /** Every catalog service, in catalog order. */
  services: ScopeSummary[];
  /** Sorted by control id, account id, resource id. */
  resourceControls: ResourceControlResult[];
  /** Non-archived records that evidence no control of the catalog, in input order. */
  unmapped: EvidenceRecord[];
}
