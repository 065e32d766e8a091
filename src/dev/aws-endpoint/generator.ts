// The deterministic organization: accounts, their roles and ExternalIds, and one lazily
// built Partition per (account, region). Same spec + seed => same organization, byte
// for byte (timestamps are relative to `anchorTime`).
import { DEMO_MANAGEMENT_KEYS, type AccessKeyPair } from './credentials';
import { Partition, type AccountPosture } from './partition';
import { hashString, hexDigits, mixInts, mulberry32 } from './prng';

export type { AccountPosture };

export interface AccountSpec {
  /** 12 digits; generated from the seed when omitted. */
  id?: string;
  name: string;
  /** Short lowercase word used in resource names; derived from the name when omitted. */
  slug?: string;
  /** How often checks fail: strong ~6%, typical ~22%, weak ~50%. */
  posture?: AccountPosture;
  /** `prod`, `dev`, `sandbox`...: goes into resource names and tags. */
  environment?: string;
  /** Whether resources may hold PHI (drives the DataClassification tag). */
  containsPhi?: boolean;
  /** Regions the account uses; defaults to the organization's regions. */
  regions?: string[];
  /** Findings per region (a number, or per region name); overrides the org default. */
  findingsPerRegion?: number | Record<string, number>;
}

export interface OrganizationSpec {
  seed: number;
  name?: string;
  /** Default `['us-east-1', 'us-east-2', 'us-west-2']`. */
  regions?: string[];
  /** Explicit accounts, or how many to generate. Default 6. */
  accounts?: AccountSpec[] | number;
  /** Base findings per account-region (default 200). Ignored when totalFindings is set. */
  findingsPerAccountRegion?: number;
  /** Exact total of base findings, split evenly over every account-region. */
  totalFindings?: number;
  /** Newest UpdatedAt of generated findings. Default: the start of the current UTC day. */
  anchorTime?: string | number | Date;
  /** How far back generated UpdatedAt values spread (default 30 days). */
  historyDays?: number;
  managementAccountId?: string;
  /** Role assumed in each member account. Default `SafeguardsReadOnly`. */
  roleName?: string;
  /** Caller keys the endpoint accepts for STS. Default: DEMO_MANAGEMENT_KEYS. */
  managementKeys?: AccessKeyPair;
}

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  slug: string;
  posture: AccountPosture;
  environment: string;
  containsPhi: boolean;
  regions: string[];
  /** First region: global resources (IAM, CloudFront) are recorded there. */
  primaryRegion: string;
  roleArn: string;
  externalId: string;
  /** Base findings per region. */
  findingsByRegion: Record<string, number>;
}

const DEFAULT_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];
const GENERATED_NAMES = ['Workload', 'Data', 'Platform', 'Analytics', 'Integration', 'Research', 'Services', 'Edge'];
const POSTURES: AccountPosture[] = ['strong', 'typical', 'typical', 'weak'];
const ENVIRONMENTS = ['prod', 'prod', 'dev', 'staging'];
const PARTITION_CACHE_SIZE = 256;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

function slugify(name: string): string {
  const first = name.toLowerCase().replace(/[^a-z0-9 ]/g, '').split(/\s+/).filter(Boolean);
  return (first.slice(0, 2).join('') || 'acct').slice(0, 12);
}

export class Organization {
  readonly seed: number;
  readonly name: string;
  readonly regions: string[];
  readonly accounts: OrgAccount[];
  readonly managementAccountId: string;
  readonly managementKeys: AccessKeyPair;
  readonly roleName: string;
  /** Newest generated UpdatedAt (epoch ms). */
  readonly anchorMs: number;
  readonly historyMs: number;
  private readonly byId = new Map<string, OrgAccount>();
  private readonly byRoleArn = new Map<string, OrgAccount>();
  /** LRU of built partitions: building is cheap, but not free (resource layout, rules). */
  private readonly partitions = new Map<string, Partition>();

  constructor(readonly spec: OrganizationSpec) {
    this.seed = spec.seed >>> 0;
    this.name = spec.name ?? 'Synthetic Health Org';
    this.regions = [...(spec.regions ?? DEFAULT_REGIONS)];
    this.roleName = spec.roleName ?? 'SafeguardsReadOnly';
    this.managementKeys = spec.managementKeys ?? DEMO_MANAGEMENT_KEYS;
    this.anchorMs = spec.anchorTime !== undefined ? new Date(spec.anchorTime).getTime() : startOfUtcDay(Date.now());
    if (!Number.isFinite(this.anchorMs)) throw new Error(`Invalid anchorTime: ${String(spec.anchorTime)}`);
    this.historyMs = (spec.historyDays ?? 30) * 86_400_000;

    const random = mulberry32(mixInts(this.seed, 0xacc7));
    const usedIds = new Set<string>();
    const newAccountId = () => {
      for (;;) {
        const id = String(100_000_000_000 + Math.floor(random() * 899_999_999_999));
        if (!usedIds.has(id)) {
          usedIds.add(id);
          return id;
        }
      }
    };
    this.managementAccountId = spec.managementAccountId ?? newAccountId();
    usedIds.add(this.managementAccountId);

    const accountSpecs: AccountSpec[] =
      typeof spec.accounts === 'number' || spec.accounts === undefined
        ? Array.from({ length: typeof spec.accounts === 'number' ? spec.accounts : 6 }, (_, i) => ({
            name: `${GENERATED_NAMES[i % GENERATED_NAMES.length]} ${String(i + 1).padStart(3, '0')}`,
            posture: POSTURES[i % POSTURES.length],
            environment: ENVIRONMENTS[i % ENVIRONMENTS.length],
            containsPhi: i % 3 !== 2,
          }))
        : spec.accounts;

    const perPartition = this.findingBudget(accountSpecs);
    this.accounts = accountSpecs.map((a, i) => {
      const id = a.id ?? newAccountId();
      if (a.id) usedIds.add(a.id);
      if (!/^\d{12}$/.test(id)) throw new Error(`Account id must be 12 digits: ${id}`);
      const regions = a.regions ?? this.regions;
      const slug = a.slug ?? slugify(a.name);
      const externalId = `sg-${hexDigits(mulberry32(mixInts(this.seed, hashString(id), 0xe7)), 24)}`;
      const findingsByRegion: Record<string, number> = {};
      regions.forEach((r, j) => {
        const explicit = a.findingsPerRegion;
        findingsByRegion[r] = typeof explicit === 'number' ? explicit : explicit?.[r] ?? perPartition(i, j);
      });
      const account: OrgAccount = {
        id,
        name: a.name,
        email: `aws+${slug}@example.org`,
        slug,
        posture: a.posture ?? 'typical',
        environment: a.environment ?? 'prod',
        containsPhi: a.containsPhi ?? true,
        regions,
        primaryRegion: regions[0],
        roleArn: `arn:aws:iam::${id}:role/${this.roleName}`,
        externalId,
        findingsByRegion,
      };
      return account;
    });
    for (const a of this.accounts) {
      if (this.byId.has(a.id)) throw new Error(`Duplicate account id ${a.id}`);
      this.byId.set(a.id, a);
      this.byRoleArn.set(a.roleArn, a);
    }
  }

  /** Returns f(accountIndex, regionIndex) -> base findings for that partition. */
  private findingBudget(accounts: AccountSpec[]): (account: number, region: number) => number {
    if (this.spec.totalFindings !== undefined) {
      const slots: [number, number][] = [];
      accounts.forEach((a, i) => (a.regions ?? this.regions).forEach((_, j) => slots.push([i, j])));
      const base = Math.floor(this.spec.totalFindings / Math.max(1, slots.length));
      const extra = this.spec.totalFindings - base * slots.length;
      const bonus = new Set(slots.slice(0, extra).map(([i, j]) => `${i}/${j}`));
      return (i, j) => base + (bonus.has(`${i}/${j}`) ? 1 : 0);
    }
    const n = this.spec.findingsPerAccountRegion ?? 200;
    return () => n;
  }

  account(id: string): OrgAccount | undefined {
    return this.byId.get(id);
  }

  accountByRoleArn(roleArn: string): OrgAccount | undefined {
    return this.byRoleArn.get(roleArn);
  }

  /** The (lazily built, cached) data of one account-region; undefined when the account does not use the region. */
  partition(accountId: string, region: string): Partition | undefined {
    const key = `${accountId}/${region}`;
    const hit = this.partitions.get(key);
    if (hit) {
      this.partitions.delete(key);
      this.partitions.set(key, hit);
      return hit;
    }
    const account = this.byId.get(accountId);
    if (!account || !account.regions.includes(region)) return undefined;
    const partition = new Partition(account, region, this.seed, account.findingsByRegion[region] ?? 0, this.anchorMs, this.historyMs);
    this.partitions.set(key, partition);
    if (this.partitions.size > PARTITION_CACHE_SIZE) this.partitions.delete(this.partitions.keys().next().value as string);
    return partition;
  }

  /** Total generated findings (before mutations). */
  get totalFindings(): number {
    return this.accounts.reduce((s, a) => s + Object.values(a.findingsByRegion).reduce((x, y) => x + y, 0), 0);
  }
}

export function generateOrganization(spec: OrganizationSpec): Organization {
  return new Organization(spec);
}

/**
 * The demo organization `npm start` syncs: 6 accounts x 3 regions, ~4,000 findings,
 * fixed seed and ids. Some accounts make for a story: a well-run shared-services
 * account, a legacy account with many failures and suppressed findings, a sandbox
 * holding no PHI (candidate for exclusions), and a dev account barely using two of its
 * regions. Scenario toggles (errors, throttling) stay off.
 */
export function demoOrganization(overrides: Partial<OrganizationSpec> = {}): Organization {
  return new Organization({
    seed: 20240917,
    name: 'Northwind Health (demo)',
    managementAccountId: '111122223333',
    regions: ['us-east-1', 'us-east-2', 'us-west-2'],
    accounts: [
      { id: '210987654321', name: 'Shared Services', slug: 'shared', posture: 'strong', environment: 'prod', containsPhi: false, findingsPerRegion: { 'us-east-1': 260, 'us-east-2': 140, 'us-west-2': 140 } },
      { id: '345678901234', name: 'Clinical Data Platform', slug: 'clinical', posture: 'typical', environment: 'prod', containsPhi: true, findingsPerRegion: { 'us-east-1': 420, 'us-east-2': 260, 'us-west-2': 180 } },
      { id: '456789012345', name: 'Patient Portal', slug: 'portal', posture: 'typical', environment: 'prod', containsPhi: true, findingsPerRegion: { 'us-east-1': 360, 'us-east-2': 160, 'us-west-2': 220 } },
      { id: '567890123456', name: 'Legacy EHR Integration', slug: 'legacyehr', posture: 'weak', environment: 'prod', containsPhi: true, findingsPerRegion: { 'us-east-1': 380, 'us-east-2': 240, 'us-west-2': 120 } },
      { id: '678901234567', name: 'Analytics Sandbox', slug: 'sandbox', posture: 'weak', environment: 'sandbox', containsPhi: false, findingsPerRegion: { 'us-east-1': 240, 'us-east-2': 120, 'us-west-2': 120 } },
      { id: '789012345678', name: 'Data Science Dev', slug: 'datasci', posture: 'typical', environment: 'dev', containsPhi: false, findingsPerRegion: { 'us-east-1': 300, 'us-east-2': 12, 'us-west-2': 0 } },
    ],
    historyDays: 30,
    ...overrides,
  });
}
