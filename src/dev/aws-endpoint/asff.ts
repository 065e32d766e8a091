// Renders a FindingCore as a complete AWS Security Finding Format (ASFF) record, the
// shape GetFindings returns: Security Hub control findings (consolidated control ids),
// GuardDuty threat findings and Inspector CVE findings (no Compliance, no control).
import type { SecurityHubControlRef } from './catalog';
import type { ComplianceStatus, FindingCore, Partition, PartitionResource } from './partition';
import { hexDigits, mixInts, mulberry32 } from './prng';

export type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

const NORMALIZED: Record<SeverityLabel, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };
const FSBP = 'standards/aws-foundational-security-best-practices/v/1.0.0';
const NIST = 'standards/nist-800-53/v/5.0.0';
const CONTROL_TYPES = ['Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'];

/** Security Hub reports PASSED control findings as INFORMATIONAL, whatever the control's severity. */
export function severityOf(core: FindingCore): SeverityLabel {
  if (core.source === 'control') return core.complianceStatus === 'PASSED' ? 'INFORMATIONAL' : (core.control?.severity ?? 'MEDIUM');
  if (core.source === 'guardduty') return GUARDDUTY_TYPES[core.variant % GUARDDUTY_TYPES.length].severity;
  return CVES[core.variant % CVES.length].severity;
}

/**
 * NIST 800-53 r5 requirement ids for a control, inferred from what the control checks.
 * Synthetic: the real per-control mapping is not in the reference list.
 */
function relatedRequirements(control: SecurityHubControlRef): string[] {
  const t = control.title.toLowerCase();
  const out: string[] = [];
  if (/encrypt|tls|ssl|https/.test(t)) out.push('NIST.800-53.r5 SC-8', 'NIST.800-53.r5 SC-13', 'NIST.800-53.r5 SC-28');
  if (/log|monitor|trail|insights|tracing/.test(t)) out.push('NIST.800-53.r5 AU-2', 'NIST.800-53.r5 AU-12');
  if (/public|internet|0\.0\.0\.0|vpc|ingress|ports/.test(t)) out.push('NIST.800-53.r5 AC-3', 'NIST.800-53.r5 AC-21', 'NIST.800-53.r5 SC-7');
  if (/backup|recovery|snapshot|replication|deletion|multi|failover|pitr|point-in-time/.test(t)) out.push('NIST.800-53.r5 CP-9', 'NIST.800-53.r5 CP-10');
  if (/mfa|password|credential|access key|root|iam|privilege/.test(t)) out.push('NIST.800-53.r5 AC-2', 'NIST.800-53.r5 IA-2(1)', 'NIST.800-53.r5 IA-5(1)');
  if (/rotat|key/.test(t) && !out.includes('NIST.800-53.r5 SC-12')) out.push('NIST.800-53.r5 SC-12');
  if (out.length === 0) out.push('NIST.800-53.r5 CM-2', 'NIST.800-53.r5 CM-6');
  return out;
}

const requirementsCache = new WeakMap<SecurityHubControlRef, string[]>();
function requirementsOf(control: SecurityHubControlRef): string[] {
  let r = requirementsCache.get(control);
  if (!r) {
    r = relatedRequirements(control);
    requirementsCache.set(control, r);
  }
  return r;
}

const GUARDDUTY_TYPES: { type: string; asffType: string; severity: SeverityLabel; product: number; title: (r: string) => string }[] = [
  { type: 'UnauthorizedAccess:EC2/SSHBruteForce', asffType: 'TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce', severity: 'LOW', product: 2, title: (r) => `198.51.100.23 is performing SSH brute force attacks against ${r}.` },
  { type: 'Recon:EC2/PortProbeUnprotectedPort', asffType: 'TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort', severity: 'LOW', product: 2, title: (r) => `Unprotected port on EC2 instance ${r} is being probed.` },
  { type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', asffType: 'TTPs/Impact/CryptoCurrency:EC2-BitcoinTool.B!DNS', severity: 'HIGH', product: 8, title: (r) => `EC2 instance ${r} is querying a domain name that is associated with Bitcoin-related activity.` },
  { type: 'Discovery:S3/MaliciousIPCaller', asffType: 'TTPs/Discovery/Discovery:S3-MaliciousIPCaller', severity: 'HIGH', product: 8, title: (r) => `S3 API GetBucketLocation was invoked on ${r} from a known malicious IP address.` },
  { type: 'Policy:S3/BucketBlockPublicAccessDisabled', asffType: 'Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled', severity: 'LOW', product: 2, title: (r) => `Amazon S3 Block Public Access was disabled for ${r}.` },
  { type: 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', asffType: 'TTPs/Initial Access/UnauthorizedAccess:IAMUser-ConsoleLoginSuccess.B', severity: 'MEDIUM', product: 5, title: (r) => `Multiple worldwide successful console logins were observed for ${r}.` },
];

const CVES: { id: string; pkg: string; version: string; severity: SeverityLabel; score: number }[] = [
  { id: 'CVE-2023-38545', pkg: 'curl', version: '7.88.1', severity: 'CRITICAL', score: 9.8 },
  { id: 'CVE-2023-4863', pkg: 'libwebp', version: '1.2.4', severity: 'HIGH', score: 8.8 },
  { id: 'CVE-2021-44228', pkg: 'log4j-core', version: '2.14.1', severity: 'CRITICAL', score: 10 },
  { id: 'CVE-2022-0778', pkg: 'openssl', version: '1.1.1l', severity: 'HIGH', score: 7.5 },
  { id: 'CVE-2023-44487', pkg: 'nghttp2', version: '1.51.0', severity: 'HIGH', score: 7.5 },
  { id: 'CVE-2023-5678', pkg: 'openssl', version: '3.0.11', severity: 'MEDIUM', score: 5.3 },
  { id: 'CVE-2022-40897', pkg: 'setuptools', version: '65.5.0', severity: 'MEDIUM', score: 5.9 },
  { id: 'CVE-2023-32681', pkg: 'requests', version: '2.30.0', severity: 'MEDIUM', score: 6.1 },
];

/** A uuid-shaped id whose last 8 hex digits encode the ordinal, so an Id leads back to its finding. */
export function findingUuid(partitionSeed: number, ordinal: number): string {
  const h = hexDigits(mulberry32(mixInts(partitionSeed, ordinal, 0x1d)), 24);
  const tail = ((ordinal ^ mixInts(partitionSeed, 0x7a11)) >>> 0).toString(16).padStart(8, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 24)}${tail}`;
}

/** The ordinal encoded in a finding Id's trailing 8 hex digits (validated by re-rendering the Id). */
export function ordinalFromId(partitionSeed: number, id: string): number | undefined {
  const m = /([0-9a-f]{8})$/.exec(id);
  if (!m) return undefined;
  return (parseInt(m[1], 16) ^ mixInts(partitionSeed, 0x7a11)) >>> 0;
}

export function findingId(p: Partition, core: FindingCore): string {
  const u = findingUuid(p.seed, core.ordinal);
  const base = `${p.region}:${p.account.id}`;
  if (core.source === 'control') return `arn:aws:securityhub:${base}:security-control/${core.control!.id}/finding/${u}`;
  if (core.source === 'guardduty') return `arn:aws:guardduty:${base}:detector/${p.detectorId}/finding/${u.replace(/-/g, '')}`;
  return `arn:aws:inspector2:${base}:finding/${u.replace(/-/g, '')}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function resourceEntry(p: Partition, r: PartitionResource): Record<string, unknown> {
  const entry: Record<string, unknown> = { Type: r.asffType, Id: r.arn, Partition: 'aws', Region: p.region };
  if (Object.keys(r.tags).length > 0) entry.Tags = r.tags;
  return entry;
}

/** The full ASFF object for one finding. */
export function renderFinding(p: Partition, core: FindingCore): Record<string, unknown> {
  const id = findingId(p, core);
  const resource = p.resource(core.block, core.resourceIndex);
  const severity = severityOf(core);
  const region = p.region;
  const accountId = p.account.id;
  const createdAt = iso(core.createdAtMs);
  const updatedAt = iso(core.updatedAtMs);

  if (core.source === 'control') {
    const control = core.control!;
    const productArn = `arn:aws:securityhub:${region}::product/aws/securityhub`;
    const productFields: Record<string, string> = {
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
      'Resources:0/Id': resource.arn,
      'aws/securityhub/FindingId': `${productArn}/${id}`,
    };
    if (control.configRule) {
      productFields['RelatedAWSResources:0/name'] = `securityhub-${control.configRule.toLowerCase().replace(/_/g, '-').slice(0, 40)}-${id.slice(-8)}`;
      productFields['RelatedAWSResources:0/type'] = 'AWS::Config::ConfigRule';
    }
    const status = core.complianceStatus as ComplianceStatus;
    const compliance: Record<string, unknown> = {
      Status: status,
      SecurityControlId: control.id,
      AssociatedStandards: [{ StandardsId: FSBP }, { StandardsId: NIST }],
      RelatedRequirements: requirementsOf(control),
    };
    if (control.configRule && status === 'NOT_AVAILABLE') {
      compliance.StatusReasons = [{ ReasonCode: 'CONFIG_EVALUATIONS_EMPTY', Description: 'AWS Config evaluated your resources against the rule. The rule did not apply to the AWS resources in its scope, the specified resources were deleted, or the evaluation results were deleted.' }];
    }
    return {
      SchemaVersion: '2018-10-08',
      Id: id,
      ProductArn: productArn,
      ProductName: 'Security Hub',
      CompanyName: 'AWS',
      Region: region,
      GeneratorId: `security-control/${control.id}`,
      AwsAccountId: accountId,
      AwsAccountName: p.account.name,
      Types: CONTROL_TYPES,
      FirstObservedAt: createdAt,
      LastObservedAt: updatedAt,
      CreatedAt: createdAt,
      UpdatedAt: updatedAt,
      Severity: { Label: severity, Normalized: NORMALIZED[severity], Original: severity },
      Title: control.title,
      Description: `This control checks the requirement: ${control.title}. The control fails if the resource does not meet it.`,
      Remediation: {
        Recommendation: {
          Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
          Url: control.source,
        },
      },
      ProductFields: productFields,
      Resources: [resourceEntry(p, resource)],
      Compliance: compliance,
      WorkflowState: 'NEW',
      Workflow: { Status: core.workflowStatus },
      RecordState: core.recordState,
      FindingProviderFields: { Severity: { Label: severity, Original: severity }, Types: CONTROL_TYPES },
      ProcessedAt: updatedAt,
    };
  }

  if (core.source === 'guardduty') {
    const t = GUARDDUTY_TYPES[core.variant % GUARDDUTY_TYPES.length];
    const productArn = `arn:aws:securityhub:${region}::product/aws/guardduty`;
    return {
      SchemaVersion: '2018-10-08',
      Id: id,
      ProductArn: productArn,
      ProductName: 'GuardDuty',
      CompanyName: 'Amazon',
      Region: region,
      GeneratorId: `arn:aws:guardduty:${region}:${accountId}:detector/${p.detectorId}`,
      AwsAccountId: accountId,
      AwsAccountName: p.account.name,
      Types: [t.asffType],
      FirstObservedAt: createdAt,
      LastObservedAt: updatedAt,
      CreatedAt: createdAt,
      UpdatedAt: updatedAt,
      Severity: { Product: t.product, Label: t.severity, Normalized: NORMALIZED[t.severity], Original: String(t.product) },
      Title: t.title(resource.resourceName ?? resource.resourceId),
      Description: t.title(resource.resourceName ?? resource.resourceId),
      SourceUrl: `https://console.aws.amazon.com/guardduty/home?region=${region}#/findings?macros=current&fId=${id.slice(-32)}`,
      ProductFields: {
        'aws/guardduty/service/archived': String(core.recordState === 'ARCHIVED'),
        'aws/guardduty/service/count': String(1 + (core.variant % 17)),
        'aws/securityhub/ProductName': 'GuardDuty',
        'aws/securityhub/CompanyName': 'Amazon',
        'aws/securityhub/FindingId': `${productArn}/${id}`,
      },
      Resources: [resourceEntry(p, resource)],
      WorkflowState: 'NEW',
      Workflow: { Status: core.workflowStatus },
      RecordState: core.recordState,
      FindingProviderFields: { Severity: { Label: t.severity, Original: String(t.product) }, Types: [t.asffType] },
      ProcessedAt: updatedAt,
    };
  }

  const cve = CVES[core.variant % CVES.length];
  const productArn = `arn:aws:securityhub:${region}::product/aws/inspector`;
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: productArn,
    ProductName: 'Inspector',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: 'AWSInspector',
    AwsAccountId: accountId,
    AwsAccountName: p.account.name,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    FirstObservedAt: createdAt,
    LastObservedAt: updatedAt,
    CreatedAt: createdAt,
    UpdatedAt: updatedAt,
    Severity: { Label: cve.severity, Normalized: NORMALIZED[cve.severity], Original: cve.severity },
    Title: `${cve.id} - ${cve.pkg}`,
    Description: `A vulnerability (${cve.id}) was found in package ${cve.pkg} ${cve.version}.`,
    Remediation: { Recommendation: { Text: `Update ${cve.pkg} to a fixed version.` } },
    ProductFields: {
      'aws/inspector/ProductVersion': '2',
      'aws/inspector/FindingStatus': core.recordState === 'ARCHIVED' ? 'CLOSED' : 'ACTIVE',
      'aws/securityhub/ProductName': 'Inspector',
      'aws/securityhub/CompanyName': 'Amazon',
      'aws/securityhub/FindingId': `${productArn}/${id}`,
    },
    Resources: [resourceEntry(p, resource)],
    Vulnerabilities: [
      {
        Id: cve.id,
        VulnerablePackages: [{ Name: cve.pkg, Version: cve.version, PackageManager: 'OS' }],
        Cvss: [{ Version: '3.1', BaseScore: cve.score, Source: 'NVD' }],
        ReferenceUrls: [`https://nvd.nist.gov/vuln/detail/${cve.id}`],
        FixAvailable: 'YES',
      },
    ],
    WorkflowState: 'NEW',
    Workflow: { Status: core.workflowStatus },
    RecordState: core.recordState,
    FindingProviderFields: { Severity: { Label: cve.severity, Original: cve.severity }, Types: ['Software and Configuration Checks/Vulnerabilities/CVE'] },
    ProcessedAt: updatedAt,
  };
}

export type MalformedMode = 'missing-fields' | 'wrong-types' | 'invalid-json';

/** A deliberately broken variant of a finding, for testing how the sync copes. */
export function malformFinding(finding: Record<string, unknown>, mode: Exclude<MalformedMode, 'invalid-json'>): Record<string, unknown> {
  const broken = { ...finding };
  if (mode === 'missing-fields') {
    // Required members per the ASFF model.
    delete broken.Resources;
    delete broken.UpdatedAt;
    delete broken.GeneratorId;
    delete broken.Severity;
    return broken;
  }
  broken.Resources = { Type: 'AwsS3Bucket' };
  broken.Severity = 'HIGH';
  broken.Compliance = 'FAILED';
  broken.UpdatedAt = 'yesterday';
  return broken;
}

// ---- fast path ----
// GetFindings spends most of its time building and stringifying ASFF objects. Control
// findings (the bulk) are written straight to JSON text from cached per-control and
// per-partition fragments; a test checks the text parses to exactly renderFinding().

interface ControlFragments {
  /** `"GeneratorId":...,"Types":...` */
  generator: string;
  /** `"Title":...,"Description":...,"Remediation":{...}` */
  text: string;
  /** `,"SecurityControlId":...,"AssociatedStandards":[...],"RelatedRequirements":[...]` */
  complianceTail: string;
  configRulePrefix?: string;
}

const controlFragments = new WeakMap<SecurityHubControlRef, ControlFragments>();

function fragmentsOf(control: SecurityHubControlRef): ControlFragments {
  let f = controlFragments.get(control);
  if (!f) {
    const s = JSON.stringify;
    f = {
      generator: `"GeneratorId":${s(`security-control/${control.id}`)}`,
      text:
        `"Title":${s(control.title)},"Description":${s(`This control checks the requirement: ${control.title}. The control fails if the resource does not meet it.`)},` +
        `"Remediation":${s({ Recommendation: { Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.', Url: control.source } })}`,
      complianceTail: `,"SecurityControlId":${s(control.id)},"AssociatedStandards":${s([{ StandardsId: FSBP }, { StandardsId: NIST }])},"RelatedRequirements":${s(requirementsOf(control))}`,
      configRulePrefix: control.configRule ? `securityhub-${control.configRule.toLowerCase().replace(/_/g, '-').slice(0, 40)}-` : undefined,
    };
    controlFragments.set(control, f);
  }
  return f;
}

interface PartitionFragments {
  productArn: string;
  /** `"ProductArn":...,"ProductName":...,"CompanyName":...,"Region":...` */
  product: string;
  /** `"AwsAccountId":...,"AwsAccountName":...,"Types":[...]` */
  account: string;
  tags: Map<string, string>;
}

const partitionFragments = new WeakMap<Partition, PartitionFragments>();

function partitionFragmentsOf(p: Partition): PartitionFragments {
  let f = partitionFragments.get(p);
  if (!f) {
    const s = JSON.stringify;
    const productArn = `arn:aws:securityhub:${p.region}::product/aws/securityhub`;
    f = {
      productArn,
      product: `"ProductArn":${s(productArn)},"ProductName":"Security Hub","CompanyName":"AWS","Region":${s(p.region)}`,
      account: `"AwsAccountId":${s(p.account.id)},"AwsAccountName":${s(p.account.name)},"Types":${s(CONTROL_TYPES)}`,
      tags: new Map(),
    };
    partitionFragments.set(p, f);
  }
  return f;
}

const STATUS_REASONS_JSON = JSON.stringify([
  { ReasonCode: 'CONFIG_EVALUATIONS_EMPTY', Description: 'AWS Config evaluated your resources against the rule. The rule did not apply to the AWS resources in its scope, the specified resources were deleted, or the evaluation results were deleted.' },
]);

/** JSON text of one finding; equal (as parsed JSON) to JSON.stringify(renderFinding(p, core)). */
export function serializeFinding(p: Partition, core: FindingCore): string {
  if (core.source !== 'control') return JSON.stringify(renderFinding(p, core));
  const control = core.control!;
  const cf = fragmentsOf(control);
  const pf = partitionFragmentsOf(p);
  const id = findingId(p, core);
  const resource = p.resource(core.block, core.resourceIndex);
  const severity = severityOf(core);
  const createdAt = iso(core.createdAtMs);
  const updatedAt = iso(core.updatedAtMs);
  const arnJson = JSON.stringify(resource.arn);
  const tagKey = `${resource.tags.Environment}|${resource.tags.DataClassification}|${resource.tags.Owner}`;
  let tags = pf.tags.get(tagKey);
  if (tags === undefined) {
    tags = Object.keys(resource.tags).length > 0 ? `,"Tags":${JSON.stringify(resource.tags)}` : '';
    pf.tags.set(tagKey, tags);
  }
  const related = cf.configRulePrefix
    ? `,"RelatedAWSResources:0/name":"${cf.configRulePrefix}${id.slice(-8)}","RelatedAWSResources:0/type":"AWS::Config::ConfigRule"`
    : '';
  const status = core.complianceStatus as ComplianceStatus;
  const reasons = control.configRule && status === 'NOT_AVAILABLE' ? `,"StatusReasons":${STATUS_REASONS_JSON}` : '';
  return (
    `{"SchemaVersion":"2018-10-08","Id":"${id}",${pf.product},${cf.generator},${pf.account},` +
    `"FirstObservedAt":"${createdAt}","LastObservedAt":"${updatedAt}","CreatedAt":"${createdAt}","UpdatedAt":"${updatedAt}",` +
    `"Severity":{"Label":"${severity}","Normalized":${NORMALIZED[severity]},"Original":"${severity}"},${cf.text},` +
    `"ProductFields":{"aws/securityhub/ProductName":"Security Hub","aws/securityhub/CompanyName":"AWS","Resources:0/Id":${arnJson},"aws/securityhub/FindingId":"${pf.productArn}/${id}"${related}},` +
    `"Resources":[{"Type":"${resource.asffType}","Id":${arnJson},"Partition":"aws","Region":"${p.region}"${tags}}],` +
    `"Compliance":{"Status":"${status}"${cf.complianceTail}${reasons}},` +
    `"WorkflowState":"NEW","Workflow":{"Status":"${core.workflowStatus}"},"RecordState":"${core.recordState}",` +
    `"FindingProviderFields":{"Severity":{"Label":"${severity}","Original":"${severity}"},"Types":${JSON.stringify(CONTROL_TYPES)}},"ProcessedAt":"${updatedAt}"}`
  );
}
