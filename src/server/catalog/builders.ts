// Small builders that keep the catalog data readable: a service definition lists its safeguards
// as `encAtRest('...')`, `auditLogging({...})` and so on, and the family, HIPAA citations, default
// severity and control id follow from the kind of safeguard.

import type { ControlFamily, ControlOrigin, HipaaCitation, Severity } from './types';

/** HIPAA Security Rule citations (45 CFR Part 164, Subpart C) the catalog uses. */
export const HIPAA = {
  /** Encryption and decryption (addressable), technical safeguard. */
  ENCRYPTION: '45 CFR 164.312(a)(2)(iv)',
  /** Access control standard. */
  ACCESS_CONTROL: '45 CFR 164.312(a)(1)',
  /** Audit controls standard. */
  AUDIT_CONTROLS: '45 CFR 164.312(b)',
  /** Integrity: protect ePHI from improper alteration or destruction. */
  INTEGRITY: '45 CFR 164.312(c)(1)',
  /** Person or entity authentication. */
  AUTHENTICATION: '45 CFR 164.312(d)',
  /** Transmission security standard. */
  TRANSMISSION_SECURITY: '45 CFR 164.312(e)(1)',
  /** Transmission security: encryption (addressable). */
  TRANSMISSION_ENCRYPTION: '45 CFR 164.312(e)(2)(ii)',
  /** Information system activity review. */
  ACTIVITY_REVIEW: '45 CFR 164.308(a)(1)(ii)(D)',
  /** Protection from malicious software (patching, hardening). */
  MALICIOUS_SOFTWARE: '45 CFR 164.308(a)(5)(ii)(B)',
  /** Contingency plan: data backup plan. */
  DATA_BACKUP: '45 CFR 164.308(a)(7)(ii)(A)',
  /** Contingency plan: disaster recovery plan. */
  DISASTER_RECOVERY: '45 CFR 164.308(a)(7)(ii)(B)',
  /** Contingency plan: testing and revision procedures. */
  CONTINGENCY_TESTING: '45 CFR 164.308(a)(7)(ii)(D)',
} as const;

/** A control before it is attached to a service and a whitepaper revision. */
export interface ControlSpec {
  /** The `<SAFEGUARD>` half of the control id, e.g. `ENC-AT-REST`. */
  safeguard: string;
  family: ControlFamily;
  title: string;
  requirement: string;
  hipaaCitations: HipaaCitation[];
  securityHubControlIds: string[];
  configRuleIdentifiers: string[];
  phiRelated: boolean;
  defaultSeverity: Severity;
  origin: ControlOrigin;
  awsManaged: boolean;
  /** Whether the guidance comes from the paper's cross-cutting "Auditing, backups, and disaster recovery" section rather than the service's own. */
  fromAuditingSection: boolean;
}

export interface ControlOptions {
  requirement: string;
  title?: string;
  safeguard?: string;
  sh?: string[];
  config?: string[];
  severity?: Severity;
  origin?: ControlOrigin;
  awsManaged?: boolean;
  citations?: HipaaCitation[];
  phiRelated?: boolean;
  /** Cite the paper's "Auditing, backups, and disaster recovery" section instead of the service section. */
  fromAuditingSection?: boolean;
}

type ControlInput = string | ControlOptions;

interface SafeguardKind {
  safeguard: string;
  family: ControlFamily;
  title: string;
  citations: HipaaCitation[];
  severity: Severity;
  phiRelated: boolean;
}

function make(kind: SafeguardKind, input: ControlInput): ControlSpec {
  const o: ControlOptions = typeof input === 'string' ? { requirement: input } : input;
  return {
    safeguard: o.safeguard ?? kind.safeguard,
    family: kind.family,
    title: o.title ?? kind.title,
    requirement: o.requirement,
    hipaaCitations: o.citations ?? kind.citations,
    securityHubControlIds: o.sh ?? [],
    configRuleIdentifiers: o.config ?? [],
    phiRelated: o.phiRelated ?? kind.phiRelated,
    // Service-side safeguards a customer cannot misconfigure are informational, not findings.
    defaultSeverity: o.severity ?? (o.awsManaged ? 'INFORMATIONAL' : kind.severity),
    origin: o.origin ?? 'whitepaper',
    awsManaged: o.awsManaged ?? false,
    fromAuditingSection: o.fromAuditingSection ?? false,
  };
}

export const encAtRest = (i: ControlInput) =>
  make({ safeguard: 'ENC-AT-REST', family: 'encryption-at-rest', title: 'Encrypt PHI at rest', citations: [HIPAA.ENCRYPTION], severity: 'HIGH', phiRelated: true }, i);

export const encInTransit = (i: ControlInput) =>
  make(
    {
      safeguard: 'ENC-IN-TRANSIT',
      family: 'encryption-in-transit',
      title: 'Encrypt PHI in transit',
      citations: [HIPAA.TRANSMISSION_SECURITY, HIPAA.TRANSMISSION_ENCRYPTION],
      severity: 'HIGH',
      phiRelated: true,
    },
    i,
  );

export const auditLogging = (i: ControlInput) =>
  make({ safeguard: 'AUDIT-LOGGING', family: 'audit-logging', title: 'Record API activity for audit', citations: [HIPAA.AUDIT_CONTROLS], severity: 'MEDIUM', phiRelated: false }, i);

export const monitoring = (i: ControlInput) =>
  make({ safeguard: 'MONITORING', family: 'monitoring', title: 'Review activity and alerts', citations: [HIPAA.ACTIVITY_REVIEW], severity: 'LOW', phiRelated: false }, i);

export const backup = (i: ControlInput) =>
  make({ safeguard: 'BACKUP', family: 'backup-recovery', title: 'Keep retrievable backups', citations: [HIPAA.DATA_BACKUP], severity: 'MEDIUM', phiRelated: true }, i);

export const disasterRecovery = (i: ControlInput) =>
  make({ safeguard: 'DISASTER-RECOVERY', family: 'backup-recovery', title: 'Stay available through failures', citations: [HIPAA.DISASTER_RECOVERY], severity: 'MEDIUM', phiRelated: false }, i);

export const accessControl = (i: ControlInput) =>
  make({ safeguard: 'ACCESS-CONTROL', family: 'access-control', title: 'Restrict access to authorized principals', citations: [HIPAA.ACCESS_CONTROL], severity: 'HIGH', phiRelated: true }, i);

export const keyManagement = (i: ControlInput) =>
  make({ safeguard: 'KEY-MANAGEMENT', family: 'key-management', title: 'Manage encryption keys', citations: [HIPAA.ENCRYPTION], severity: 'MEDIUM', phiRelated: true }, i);

export const networkProtection = (i: ControlInput) =>
  make(
    {
      safeguard: 'NETWORK',
      family: 'network-protection',
      title: 'Keep the service off the public network',
      citations: [HIPAA.ACCESS_CONTROL, HIPAA.TRANSMISSION_SECURITY],
      severity: 'HIGH',
      phiRelated: true,
    },
    i,
  );

/** Names, tags, metadata and free-form fields are not encrypted like content, so PHI must stay out of them. */
export const noPhiInMetadata = (i: ControlInput) =>
  make({ safeguard: 'NO-PHI-IN-METADATA', family: 'administrative', title: 'Keep PHI out of names and metadata', citations: [HIPAA.ENCRYPTION], severity: 'MEDIUM', phiRelated: true }, i);

/** For services the paper says must not store or carry PHI at all. */
export const noPhi = (i: ControlInput) =>
  make({ safeguard: 'NO-PHI', family: 'administrative', title: 'Do not send PHI to this service', citations: [HIPAA.ACCESS_CONTROL], severity: 'MEDIUM', phiRelated: true }, i);

export const administrative = (safeguard: string, title: string, i: ControlInput, citations: HipaaCitation[] = [HIPAA.MALICIOUS_SOFTWARE]) =>
  make({ safeguard, family: 'administrative', title, citations, severity: 'MEDIUM', phiRelated: false }, i);

/** Evidence shared by every "API calls are logged to CloudTrail" safeguard: an account-wide trail exists. */
export const CLOUDTRAIL_EVIDENCE = {
  sh: ['CloudTrail.1', 'CloudTrail.3'],
  config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLED'],
};

/** The common "<service> logs its API calls to CloudTrail" safeguard. */
export const cloudTrailLogging = (serviceName: string, extra = '') =>
  auditLogging({
    requirement: `Capture ${serviceName} API calls with AWS CloudTrail so that who did what, when and from where can be reviewed.${extra ? ` ${extra}` : ''}`,
    ...CLOUDTRAIL_EVIDENCE,
  });

/** A service definition shared by every whitepaper revision; the revision only supplies the section heading. */
export interface ServiceDefinition {
  /** Stable URL slug. */
  id: string;
  /** Prefix of the service's control ids, e.g. `SQS`. */
  code: string;
  name: string;
  mayHoldPhi: boolean;
  summary: string;
  resourceTypes: string[];
  controls: ControlSpec[];
}

export const defineService = (def: ServiceDefinition): ServiceDefinition => def;
