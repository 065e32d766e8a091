// One account-region of the synthetic organization: which resources exist, which
// Config rules are deployed, and the Security Hub findings in UpdatedAt order. Nothing
// is materialized: position p in UpdatedAt order maps to a finding through a keyed
// permutation, and every field is a hash of (partition seed, finding ordinal).
import {
  ACCOUNT_RESOURCE_TYPE,
  checksByResourceType,
  isGlobalControl,
  isGlobalResourceType,
  isGlobalRule,
  type ConfigRuleRef,
  type SecurityHubControlRef,
} from './catalog';
import { hashString, hexDigits, mixInts, mulberry32, Permutation, unitFloat } from './prng';
import { buildResource, resourceWeight, type ResourceIdentity } from './resources';

export type AccountPosture = 'strong' | 'typical' | 'weak';

/** What a partition needs to know about its account (a subset of OrgAccount). */
export interface PartitionAccount {
  id: string;
  name: string;
  posture: AccountPosture;
  environment: string;
  slug: string;
  containsPhi: boolean;
  /** The account's first region: global resources (IAM, CloudFront) are recorded there. */
  primaryRegion: string;
}

export type ComplianceStatus = 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
export type WorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
export type RecordState = 'ACTIVE' | 'ARCHIVED';
export type ConfigComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';
export type FindingSource = 'control' | 'guardduty' | 'inspector';

/** The parts of a finding that mutations can change. */
export interface FindingState {
  updatedAtMs: number;
  complianceStatus?: ComplianceStatus;
  workflowStatus: WorkflowStatus;
  recordState: RecordState;
}

/** A finding reduced to what filtering and rendering need; the full ASFF is built from it. */
export interface FindingCore extends FindingState {
  /** Identity within the partition: base findings are 0..size-1, added ones follow. */
  ordinal: number;
  source: FindingSource;
  /** Index into Partition.blocks of the resource's type. */
  block: number;
  resourceIndex: number;
  control?: SecurityHubControlRef;
  createdAtMs: number;
  /** Free hash bits for per-finding variety (titles, CVEs...). */
  variant: number;
}

export interface ResourceBlock {
  /** Position in Partition.blocks. */
  index: number;
  cfnType: string;
  asffType: string;
  /** Stable per type (hash of the type name), so ids survive reference-list edits. */
  typeKey: number;
  count: number;
  controls: SecurityHubControlRef[];
  /** First finding ordinal of this block's control findings; they are resource-major. */
  findingStart: number;
  findingCount: number;
}

export interface DeployedRule {
  ref: ConfigRuleRef;
  name: string;
  arn: string;
  id: string;
  /** Indexes into Partition.blocks of the types the rule evaluates. */
  blocks: number[];
  periodic: boolean;
}

export interface PartitionResource extends ResourceIdentity {
  cfnType: string;
  asffType: string;
  block: number;
  index: number;
  deleted: boolean;
  tags: Record<string, string>;
}

const FAIL_RATE: Record<AccountPosture, number> = { strong: 0.06, typical: 0.22, weak: 0.5 };
/** Share of findings from other products (GuardDuty, Inspector) in a partition. */
const OTHER_PRODUCT_SHARE = 0.08;
const DELETED_SHARE = 0.03;
const checkKeyHashes = new Map<string, number>();

export class Partition {
  readonly seed: number;
  readonly isPrimaryRegion: boolean;
  readonly blocks: ResourceBlock[] = [];
  /** Blocks that produce control findings, in ordinal order (for binary search). */
  private readonly findingBlocks: ResourceBlock[] = [];
  readonly controlFindingCount: number;
  readonly otherFindingCount: number;
  /** Number of generated (base) findings. */
  readonly size: number;
  readonly rules: DeployedRule[] = [];
  private readonly rulesByName = new Map<string, DeployedRule>();
  private readonly permutation: Permutation;
  readonly startMs: number;
  private readonly stepMs: number;
  readonly detectorId: string;

  constructor(
    readonly account: PartitionAccount,
    readonly region: string,
    orgSeed: number,
    findingTarget: number,
    /** Newest UpdatedAt of base findings (epoch ms). */
    readonly anchorMs: number,
    historyMs: number,
  ) {
    this.seed = mixInts(orgSeed, hashString(account.id), hashString(region));
    this.isPrimaryRegion = region === account.primaryRegion;
    const checks = checksByResourceType();

    // Which types exist here and how many controls each carries in this region.
    const candidates: { cfnType: string; asffType: string; controls: SecurityHubControlRef[]; weight: number }[] = [];
    for (const c of checks.values()) {
      if (isGlobalResourceType(c.cfnType) && !this.isPrimaryRegion) continue;
      const controls = c.controls.filter((ctl) => this.isPrimaryRegion || !isGlobalControl(ctl));
      candidates.push({ cfnType: c.cfnType, asffType: c.asffType, controls, weight: c.cfnType === ACCOUNT_RESOURCE_TYPE ? 0 : resourceWeight(c.cfnType) });
    }
    candidates.sort((a, b) => (a.cfnType < b.cfnType ? -1 : 1));

    const otherTarget = findingTarget > 0 ? Math.max(findingTarget >= 20 ? 1 : 0, Math.round(findingTarget * OTHER_PRODUCT_SHARE)) : 0;
    const controlTarget = findingTarget - otherTarget;
    const account1 = candidates.find((c) => c.cfnType === ACCOUNT_RESOURCE_TYPE);
    const accountControls = account1 ? account1.controls.length : 0;
    const withFindings = candidates.filter((c) => c.weight > 0 && c.controls.length > 0);
    const totalWeight = withFindings.reduce((s, c) => s + c.weight, 0);
    const weightedControls = withFindings.reduce((s, c) => s + c.weight * c.controls.length, 0);
    // Resources needed so that sum(count * controls) lands near the target.
    const resourceBudget = Math.max(0, (controlTarget - accountControls) * (totalWeight / weightedControls));
    const allWeight = candidates.reduce((s, c) => s + c.weight, 0);

    for (const c of candidates) {
      const typeKey = hashString(c.cfnType);
      let count: number;
      if (c.cfnType === ACCOUNT_RESOURCE_TYPE) count = findingTarget > 0 ? 1 : 0;
      else {
        // Stochastic rounding keeps rare types present in some partitions and not others.
        const share = c.controls.length > 0 ? (resourceBudget * c.weight) / totalWeight : (resourceBudget * c.weight) / allWeight;
        count = Math.floor(share + unitFloat(this.seed, typeKey, 0xc0));
      }
      this.blocks.push({ index: this.blocks.length, cfnType: c.cfnType, asffType: c.asffType, typeKey, count, controls: c.controls, findingStart: 0, findingCount: 0 });
    }

    // Trim until the control findings fit; the other products fill the rest exactly.
    let controlCount = this.blocks.reduce((s, b) => s + b.count * b.controls.length, 0);
    while (controlCount > findingTarget) {
      let worst: ResourceBlock | undefined;
      for (const b of this.blocks) if (b.count > 0 && b.controls.length > 0 && (!worst || b.count * b.controls.length > worst.count * worst.controls.length)) worst = b;
      if (!worst) break;
      worst.count -= 1;
      controlCount -= worst.controls.length;
    }
    let start = 0;
    for (const b of this.blocks) {
      b.findingStart = start;
      b.findingCount = b.count * b.controls.length;
      start += b.findingCount;
      if (b.findingCount > 0) this.findingBlocks.push(b);
    }
    this.controlFindingCount = controlCount;
    this.otherFindingCount = findingTarget - controlCount;
    this.size = findingTarget;
    this.permutation = new Permutation(Math.max(1, this.size), this.seed ^ 0x51ed);
    this.stepMs = this.size > 0 ? historyMs / this.size : 0;
    this.startMs = anchorMs - historyMs;
    this.detectorId = hexDigits(mulberry32(mixInts(this.seed, 0xde7)), 32);

    this.deployRules(checks);
  }

  private deployRules(checks: ReturnType<typeof checksByResourceType>): void {
    if (this.size === 0) return;
    const blockIndexByType = new Map(this.blocks.map((b, i) => [b.cfnType, i]));
    const seen = new Set<string>();
    for (const c of checks.values()) {
      for (const ref of c.rules) {
        if (seen.has(ref.identifier)) continue;
        seen.add(ref.identifier);
        if (!this.isPrimaryRegion && isGlobalRule(ref)) continue;
        // Accounts deploy most, not all, of the conformance pack's rules.
        if (unitFloat(this.seed, hashString(ref.identifier), 0x41) < 0.08) continue;
        // Rules are deployed where Config has recorded resources of their types.
        const blocks = ref.resourceTypes
          .map((t) => blockIndexByType.get(t))
          .filter((i): i is number => i !== undefined && this.blocks[i].count > 0);
        if (blocks.length === 0) continue;
        const random = mulberry32(mixInts(this.seed, hashString(ref.identifier), 0x1d));
        const id = `config-rule-${hexDigits(random, 6)}`;
        const rule: DeployedRule = {
          ref,
          name: ref.name,
          id,
          arn: `arn:aws:config:${this.region}:${this.account.id}:config-rule/${id}`,
          blocks,
          periodic: ref.resourceTypes.includes(ACCOUNT_RESOURCE_TYPE),
        };
        this.rules.push(rule);
      }
    }
    this.rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const r of this.rules) this.rulesByName.set(r.name, r);
  }

  rule(name: string): DeployedRule | undefined {
    return this.rulesByName.get(name);
  }

  blockOf(cfnType: string): number {
    return this.blocks.findIndex((b) => b.cfnType === cfnType);
  }

  // ---- resources ----

  isDeleted(block: number, index: number): boolean {
    const b = this.blocks[block];
    if (b.cfnType === ACCOUNT_RESOURCE_TYPE) return false;
    return unitFloat(this.seed, b.typeKey, index, 0xde1) < DELETED_SHARE;
  }

  resource(block: number, index: number): PartitionResource {
    const b = this.blocks[block];
    const identity = buildResource(b.cfnType, this.account.id, this.region, this.account, this.seed, b.typeKey, index);
    const phi = this.account.containsPhi && unitFloat(this.seed, b.typeKey, index, 0x9f1) < 0.6;
    // Explicit fields, not a spread: spreading differently shaped objects is a slow path in V8.
    return {
      resourceId: identity.resourceId,
      resourceName: identity.resourceName,
      arn: identity.arn,
      cfnType: b.cfnType,
      asffType: b.asffType,
      block,
      index,
      deleted: this.isDeleted(block, index),
      tags: b.cfnType === ACCOUNT_RESOURCE_TYPE ? {} : { Environment: this.account.environment, DataClassification: phi ? 'phi' : 'non-phi', Owner: `${this.account.slug}-team` },
    };
  }

  /** Uniform draw shared by a Config rule and the Security Hub control backed by it. */
  checkDraw(block: number, index: number, checkKey: string): number {
    let key = checkKeyHashes.get(checkKey);
    if (key === undefined) {
      key = hashString(checkKey);
      checkKeyHashes.set(checkKey, key);
    }
    return unitFloat(this.seed, this.blocks[block].typeKey, index, key);
  }

  /** A Config rule's verdict on one resource (before scenario overrides). */
  evaluate(rule: DeployedRule, block: number, index: number): ConfigComplianceType {
    const u = this.checkDraw(block, index, rule.ref.identifier);
    if (u < this.failRate()) return 'NON_COMPLIANT';
    if (u > 0.97) return 'NOT_APPLICABLE';
    return 'COMPLIANT';
  }

  failRate(): number {
    return FAIL_RATE[this.account.posture];
  }

  // ---- findings ----

  /** UpdatedAt of the base finding at position p (non-decreasing in p). */
  updatedAtAt(position: number): number {
    return this.startMs + Math.floor(position * this.stepMs);
  }

  /** Smallest position whose UpdatedAt >= ms (size when none). */
  firstPositionAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.updatedAtAt(mid) >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  ordinalAt(position: number): number {
    return this.permutation.forward(position);
  }

  positionOf(ordinal: number): number {
    return this.permutation.inverse(ordinal);
  }

  /** The generated finding with this ordinal, its UpdatedAt from its position. */
  baseFinding(ordinal: number, position = this.positionOf(ordinal)): FindingCore {
    const updatedAtMs = this.updatedAtAt(position);
    const variant = mixInts(this.seed, ordinal, 0xf1);
    const createdAtMs = updatedAtMs - Math.floor((variant % 1000) / 1000 * 60 * 86_400_000);
    if (ordinal < this.controlFindingCount) {
      const blockIdx = this.findBlock(ordinal);
      const b = this.blocks[blockIdx];
      const offset = ordinal - b.findingStart;
      const resourceIndex = Math.floor(offset / b.controls.length);
      const control = b.controls[offset % b.controls.length];
      const deleted = this.isDeleted(blockIdx, resourceIndex);
      const complianceStatus = this.controlStatus(blockIdx, resourceIndex, control);
      return {
        ordinal,
        source: 'control',
        block: blockIdx,
        resourceIndex,
        control,
        createdAtMs,
        updatedAtMs,
        variant,
        complianceStatus,
        workflowStatus: this.initialWorkflow(complianceStatus, variant),
        recordState: deleted ? 'ARCHIVED' : 'ACTIVE',
      };
    }
    // Other products: GuardDuty threats and Inspector CVEs on compute and storage.
    const source: FindingSource = variant % 5 < 3 ? 'guardduty' : 'inspector';
    const { block, index } = this.otherProductResource(source, variant);
    return {
      ordinal,
      source,
      block,
      resourceIndex: index,
      createdAtMs,
      updatedAtMs,
      variant,
      workflowStatus: (variant >>> 8) % 10 === 0 ? 'NOTIFIED' : 'NEW',
      recordState: (variant >>> 12) % 12 === 0 ? 'ARCHIVED' : 'ACTIVE',
    };
  }

  controlStatus(block: number, index: number, control: SecurityHubControlRef): ComplianceStatus {
    const u = this.checkDraw(block, index, control.configRule ?? control.id);
    const critical = control.severity === 'CRITICAL';
    if (u < this.failRate() * (critical ? 0.5 : 1)) return 'FAILED';
    if (u > 0.97) return 'NOT_AVAILABLE';
    if (!control.configRule && u > 0.955) return 'WARNING';
    return 'PASSED';
  }

  private initialWorkflow(status: ComplianceStatus, variant: number): WorkflowStatus {
    if (status === 'PASSED') return 'RESOLVED';
    if (status !== 'FAILED') return 'NEW';
    const roll = (variant >>> 4) % 100;
    const suppressed = this.account.posture === 'weak' ? 18 : 6;
    if (roll < suppressed) return 'SUPPRESSED';
    if (roll < suppressed + 20) return 'NOTIFIED';
    return 'NEW';
  }

  private findBlock(ordinal: number): number {
    const blocks = this.findingBlocks;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (blocks[mid].findingStart <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return blocks[lo].index;
  }

  private otherBlocksCache: Record<FindingSource, number[]> | undefined;

  private otherProductResource(source: FindingSource, variant: number): { block: number; index: number } {
    if (!this.otherBlocksCache) {
      const present = (types: string[]) => types.map((t) => this.blockOf(t)).filter((i) => i >= 0 && this.blocks[i].count > 0);
      this.otherBlocksCache = {
        guardduty: present(['AWS::EC2::Instance', 'AWS::S3::Bucket', 'AWS::IAM::User']),
        inspector: present(['AWS::EC2::Instance', 'AWS::Lambda::Function', 'AWS::ECR::Repository']),
        control: [],
      };
    }
    const candidates = this.otherBlocksCache[source];
    if (candidates.length === 0) return { block: this.blockOf(ACCOUNT_RESOURCE_TYPE), index: 0 };
    const block = candidates[(variant >>> 16) % candidates.length];
    return { block, index: (variant >>> 3) % this.blocks[block].count };
  }
}
