// The control catalog's shape. The data lives beside this file, one module per
// whitepaper revision; everything else in the app reads it through these types.

/** A HIPAA Security Rule citation, always in the form `45 CFR 164.xxx(...)`. */
export type HipaaCitation = string;

export type ControlFamily =
  | 'encryption-at-rest'
  | 'encryption-in-transit'
  | 'audit-logging'
  | 'backup-recovery'
  | 'access-control'
  | 'key-management'
  | 'network-protection'
  | 'monitoring'
  | 'administrative';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** What tests a control automatically. Both lists empty means the control is manual. */
export interface EvidenceSources {
  /** Security Hub consolidated control ids (`Compliance.SecurityControlId`), e.g. `SQS.1`. */
  securityHubControlIds: string[];
  /** AWS Config managed rule identifiers (`Source.SourceIdentifier`), e.g. `S3_BUCKET_SSL_REQUESTS_ONLY`. */
  configRuleIdentifiers: string[];
}

export interface CatalogControl {
  /** Stable id, `<SERVICE>-<SAFEGUARD>`, e.g. `SQS-ENC-AT-REST`. Never reused for another meaning. */
  id: string;
  serviceId: string;
  family: ControlFamily;
  title: string;
  /** The whitepaper's requirement, paraphrased in our words. */
  requirement: string;
  /** The whitepaper section it comes from (a service section title or a cross-cutting section). */
  whitepaperSection: string;
  hipaaCitations: HipaaCitation[];
  evidence: EvidenceSources;
  /** Whether the safeguard protects PHI itself: excluding a resource then needs a no-PHI attestation. */
  phiRelated: boolean;
  /** Severity used when a failure has no severity of its own (e.g. a Config evaluation). */
  defaultSeverity: Severity;
  /**
   * Where the safeguard comes from. Absent means the whitepaper section itself; `companion-blog`
   * marks SNS/SQS/KMS practices from the AWS messaging blog; `best-practice` marks an automated
   * check that supports the paper's requirement without the paper naming it.
   */
  origin?: ControlOrigin;
  /** The service performs the safeguard itself (AWS's side of the shared responsibility model); the customer only relies on it. */
  awsManaged?: boolean;
}

export type ControlOrigin = 'whitepaper' | 'companion-blog' | 'best-practice';

export interface CatalogService {
  /** Stable slug used in URLs, e.g. `sqs`, `lambda-at-edge`, `auditing-backups-dr`. */
  id: string;
  /** Display name, e.g. `Amazon SQS`. */
  name: string;
  /** The section heading in the whitepaper revision this entry comes from. */
  whitepaperSection: string;
  /** Whether the paper treats the service as able to store, process or transmit PHI. */
  mayHoldPhi: boolean;
  /** One or two sentences in our own words. */
  summary: string;
  /** CloudFormation-style resource types (`AWS::SQS::Queue`) the service's resources have. */
  resourceTypes: string[];
  controls: CatalogControl[];
}

export interface CatalogVersion {
  /** `2022-09` (September 2022 revision) or `2019-01` (January 2019 revision). */
  version: string;
  title: string;
  services: CatalogService[];
}
