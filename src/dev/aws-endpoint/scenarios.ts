// Scenario controls: failure injection (access denied, throttling, 5xx, latency,
// malformed records), a settable clock, organization mutations for incremental-sync
// tests, and per-operation call counters. Used in-process (`endpoint.scenarios`) and
// through the admin route (`POST /__scenario`).
import type { MalformedMode } from './asff';
import { findingId } from './asff';
import { controlById, type SecurityHubControlRef } from './catalog';
import { AwsServiceError, commonErrors, type AwsService } from './errors';
import type { FindingsStore } from './findings-store';
import type { Organization } from './generator';
import type { ComplianceStatus, ConfigComplianceType, FindingCore, Partition, RecordState, WorkflowStatus } from './partition';
import { mulberry32, hashString, pick } from './prng';
import { defaultRateLimit, RateLimiter, type RateLimit } from './rate-limiter';

export type ScenarioEffect =
  /** STS: AssumeRole into the account is denied. Config/Security Hub: AccessDeniedException. */
  | { type: 'accessDenied' }
  /** Security Hub: InvalidAccessException (account not subscribed in that region). */
  | { type: 'notSubscribed' }
  /** Token bucket per (operation, account, region); defaults to AWS's published rates. */
  | { type: 'throttle'; ratePerSecond?: number; burst?: number }
  /** 5xx: every call with probability `rate` (default 1), or only the next `count` calls. */
  | { type: 'serverError'; rate?: number; count?: number; status?: 500 | 503 }
  /** Adds latency before the response. */
  | { type: 'delay'; ms: number }
  /** GetFindings: every `every`-th finding (default 10) is broken; 'invalid-json' breaks the whole body. */
  | { type: 'malformedFindings'; every?: number; mode?: MalformedMode };

/** Which calls a rule applies to; omitted fields match anything. */
export interface ScenarioMatch {
  accountId?: string;
  region?: string;
  service?: AwsService;
  /** Operation name, e.g. `GetFindings`, `AssumeRole`, `GetComplianceDetailsByConfigRule`. */
  operation?: string;
}

export interface ScenarioRule extends ScenarioMatch {
  id: string;
  effect: ScenarioEffect;
  /** Calls this rule has affected. */
  hits: number;
}

export interface CallContext {
  service: AwsService;
  operation: string;
  /** The account the call is about (the role's account for AssumeRole). */
  accountId?: string;
  region: string;
  /** For error messages: who is calling. */
  principalArn?: string;
}

export interface CallStats {
  calls: number;
  /** Answered 429 / ThrottlingException. */
  throttled: number;
  /** Any other non-2xx answer. */
  failed: number;
  /** Time spent handling these calls, excluding injected delays (ms). */
  serverMs: number;
}

export interface FindingSummary {
  id: string;
  accountId: string;
  region: string;
  securityControlId?: string;
  complianceStatus?: ComplianceStatus;
  workflowStatus: WorkflowStatus;
  recordState: RecordState;
  updatedAt: string;
}

export interface ConfigOverride {
  complianceType: ConfigComplianceType;
  recordedAtMs: number;
}

export class ScenarioControls {
  private rules: ScenarioRule[] = [];
  private nextRuleId = 1;
  private fixedNowMs: number | undefined;
  private clockOffsetMs = 0;
  private readonly stats = new Map<string, CallStats>();
  private readonly rateLimiter = new RateLimiter();
  private mutationCounter = 0;
  /** Config evaluation overrides: `${account}/${region}/${rule}/${resourceType}/${resourceId}`. */
  readonly configOverrides = new Map<string, ConfigOverride>();
  /**
   * When each rule whose results a scenario changed was last evaluated (epoch ms), by
   * `${account}/${region}/${rule}`: DescribeConfigRuleEvaluationStatus reports it.
   */
  readonly configRuleEvaluatedAt = new Map<string, number>();

  constructor(
    private readonly org: Organization,
    private readonly findings: FindingsStore,
  ) {}

  // ---- rules ----

  add(rule: ScenarioMatch & { effect: ScenarioEffect }): string {
    const id = `scenario-${this.nextRuleId++}`;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule (data mutations and the clock stay). */
  clear(): void {
    this.rules = [];
    this.rateLimiter.reset();
  }

  list(): ScenarioRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  accessDenied(match: ScenarioMatch = {}): string {
    return this.add({ ...match, effect: { type: 'accessDenied' } });
  }

  notSubscribed(match: ScenarioMatch = {}): string {
    return this.add({ ...match, effect: { type: 'notSubscribed' } });
  }

  throttle(match: ScenarioMatch = {}, limit: Partial<RateLimit> = {}): string {
    return this.add({ ...match, effect: { type: 'throttle', ...limit } });
  }

  serverErrors(match: ScenarioMatch & { rate?: number; count?: number; status?: 500 | 503 } = {}): string {
    const { rate, count, status, ...rest } = match;
    return this.add({ ...rest, effect: { type: 'serverError', rate, count, status } });
  }

  slow(match: ScenarioMatch & { ms: number }): string {
    const { ms, ...rest } = match;
    return this.add({ ...rest, effect: { type: 'delay', ms } });
  }

  malformedFindings(match: ScenarioMatch & { every?: number; mode?: MalformedMode } = {}): string {
    const { every, mode, ...rest } = match;
    return this.add({ ...rest, effect: { type: 'malformedFindings', every, mode } });
  }

  /** Everything back to defaults except data mutations: rules, counters, clock, buckets. */
  reset(): void {
    this.clear();
    this.stats.clear();
    this.useRealClock();
  }

  // ---- clock ----

  /** Scenario time (epoch ms): drives UpdatedAt of mutations, DateRange filters and credential expiry. */
  nowMs(): number {
    return this.fixedNowMs ?? Date.now() + this.clockOffsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Freezes the clock at `time`. */
  setNow(time: Date | string | number): void {
    const ms = new Date(time).getTime();
    if (!Number.isFinite(ms)) throw new Error(`Invalid time: ${String(time)}`);
    this.fixedNowMs = ms;
  }

  advanceClock(ms: number): void {
    if (this.fixedNowMs !== undefined) this.fixedNowMs += ms;
    else this.clockOffsetMs += ms;
  }

  useRealClock(): void {
    this.fixedNowMs = undefined;
    this.clockOffsetMs = 0;
  }

  // ---- counters ----

  /** Keyed `service:Operation`, e.g. `securityhub:GetFindings`. */
  callCounts(): Record<string, CallStats> {
    return Object.fromEntries([...this.stats].map(([k, v]) => [k, { ...v }]));
  }

  /** Calls of an operation (any service when the name is bare), or of everything. */
  totalCalls(operation?: string): number {
    let n = 0;
    for (const [key, s] of this.stats) if (!operation || key === operation || key.endsWith(`:${operation}`)) n += s.calls;
    return n;
  }

  resetCallCounts(): void {
    this.stats.clear();
  }

  /** @internal server: counts one call and its outcome. */
  record(ctx: CallContext, status: number, throttled: boolean, serverMs = 0): void {
    const key = `${ctx.service}:${ctx.operation}`;
    let s = this.stats.get(key);
    if (!s) {
      s = { calls: 0, throttled: 0, failed: 0, serverMs: 0 };
      this.stats.set(key, s);
    }
    s.calls++;
    s.serverMs += serverMs;
    if (throttled) s.throttled++;
    else if (status >= 300) s.failed++;
  }

  private matches(rule: ScenarioRule, ctx: CallContext): boolean {
    return (
      (rule.service === undefined || rule.service === ctx.service) &&
      (rule.operation === undefined || rule.operation === ctx.operation) &&
      (rule.accountId === undefined || rule.accountId === ctx.accountId) &&
      (rule.region === undefined || rule.region === ctx.region)
    );
  }

  /** @internal server: the delay to apply before answering. */
  delayFor(ctx: CallContext): number {
    let ms = 0;
    for (const rule of this.rules) {
      if (rule.effect.type === 'delay' && this.matches(rule, ctx)) {
        rule.hits++;
        ms += rule.effect.ms;
      }
    }
    return ms;
  }

  /** @internal server: the injected error for this call, if any (after authentication). */
  injectedError(ctx: CallContext): AwsServiceError | undefined {
    for (const rule of this.rules) {
      if (!this.matches(rule, ctx)) continue;
      const effect = rule.effect;
      if (effect.type === 'accessDenied') {
        // STS denials are rendered by the STS handler, with AssumeRole's real message.
        if (ctx.service === 'sts') continue;
        rule.hits++;
        const action = `${ctx.service === 'config' ? 'config' : 'securityhub'}:${ctx.operation}`;
        return commonErrors.accessDenied(ctx.service, ctx.principalArn ?? 'unknown', action);
      }
      if (effect.type === 'notSubscribed' && ctx.service === 'securityhub') {
        rule.hits++;
        return new AwsServiceError('InvalidAccessException', `Account ${ctx.accountId} is not subscribed to AWS Security Hub`, 401);
      }
      if (effect.type === 'throttle') {
        const limit = {
          ...defaultRateLimit(ctx.service, ctx.operation),
          ...(effect.ratePerSecond !== undefined ? { ratePerSecond: effect.ratePerSecond } : {}),
          ...(effect.burst !== undefined ? { burst: effect.burst } : {}),
        };
        const bucket = `${rule.id}/${ctx.service}:${ctx.operation}/${ctx.accountId ?? '-'}/${ctx.region}`;
        if (!this.rateLimiter.tryTake(bucket, limit)) {
          rule.hits++;
          return commonErrors.throttled(ctx.service);
        }
      }
      if (effect.type === 'serverError') {
        if (effect.count !== undefined) {
          if (effect.count <= 0) continue;
          effect.count--;
        } else if (effect.rate !== undefined && effect.rate < 1) {
          const random = mulberry32(hashString(`${rule.id}/${rule.hits}/${this.totalCalls()}`));
          if (random() >= effect.rate) continue;
        }
        rule.hits++;
        return commonErrors.internal(ctx.service, effect.status ?? 500);
      }
    }
    return undefined;
  }

  /** @internal STS: whether AssumeRole into this account is denied by a scenario. */
  assumeRoleDenied(ctx: CallContext): boolean {
    // Role assumption is global: rules scoped to a region only deny that region's service calls.
    const rule = this.rules.find((r) => r.effect.type === 'accessDenied' && r.region === undefined && this.matches(r, ctx));
    if (rule) rule.hits++;
    return rule !== undefined;
  }

  /** @internal Security Hub: the malformed-record rule that applies, if any. */
  malformedRule(ctx: CallContext): { every: number; mode: MalformedMode } | undefined {
    for (const rule of this.rules) {
      if (rule.effect.type === 'malformedFindings' && this.matches(rule, ctx)) {
        rule.hits++;
        return { every: Math.max(1, rule.effect.every ?? 10), mode: rule.effect.mode ?? 'missing-fields' };
      }
    }
    return undefined;
  }

  // ---- organization mutations ----

  private partitionOrThrow(accountId: string, region: string): Partition {
    const p = this.org.partition(accountId, region);
    if (!p) throw new Error(`Account ${accountId} has no data in ${region}`);
    return p;
  }

  private summary(p: Partition, core: FindingCore): FindingSummary {
    return {
      id: findingId(p, core),
      accountId: p.account.id,
      region: p.region,
      securityControlId: core.control?.id,
      complianceStatus: core.complianceStatus,
      workflowStatus: core.workflowStatus,
      recordState: core.recordState,
      updatedAt: new Date(core.updatedAtMs).toISOString(),
    };
  }

  /** New control findings (on new resources), UpdatedAt = now. */
  addFindings(opts: {
    accountId: string;
    region: string;
    count?: number;
    securityControlId?: string;
    complianceStatus?: ComplianceStatus;
    workflowStatus?: WorkflowStatus;
  }): FindingSummary[] {
    const p = this.partitionOrThrow(opts.accountId, opts.region);
    let control: SecurityHubControlRef | undefined;
    if (opts.securityControlId) {
      control = controlById(opts.securityControlId);
      if (!control) throw new Error(`Unknown Security Hub control ${opts.securityControlId}`);
    }
    const candidates = p.blocks.filter((b) => b.count > 0).flatMap((b) => b.controls);
    const out: FindingSummary[] = [];
    for (let i = 0; i < (opts.count ?? 1); i++) {
      const random = mulberry32(hashString(`add/${p.seed}/${this.mutationCounter++}`));
      const chosen = control ?? pick(random, candidates.length > 0 ? candidates : p.blocks.flatMap((b) => b.controls));
      const core = this.findings.add(p, chosen, { complianceStatus: opts.complianceStatus ?? 'FAILED', workflowStatus: opts.workflowStatus }, this.nowMs());
      out.push(this.summary(p, core));
    }
    return out;
  }

  /**
   * Archives findings (RecordState=ARCHIVED, UpdatedAt=now): the given ids, or the
   * `count` least recently updated ACTIVE findings of an account-region.
   */
  archiveFindings(opts: { ids: string[] } | { accountId: string; region: string; count: number }): FindingSummary[] {
    if ('ids' in opts) return this.updateFindings({ ids: opts.ids, recordState: 'ARCHIVED' });
    const p = this.partitionOrThrow(opts.accountId, opts.region);
    const page = this.findings.query(p, {
      snapshotSeq: this.findings.currentSeq,
      ascending: true,
      loMs: Number.MIN_SAFE_INTEGER,
      hiMs: Number.MAX_SAFE_INTEGER,
      limit: opts.count,
      scanBudget: Number.MAX_SAFE_INTEGER,
      predicate: (c) => c.recordState === 'ACTIVE',
    });
    return page.items.map((core) => this.summary(p, this.findings.update(p, core.ordinal, { recordState: 'ARCHIVED' }, this.nowMs())));
  }

  /** Changes findings (compliance/workflow/record state flips); each gets UpdatedAt = now. */
  updateFindings(opts: { ids: string[]; complianceStatus?: ComplianceStatus; workflowStatus?: WorkflowStatus; recordState?: RecordState }): FindingSummary[] {
    return opts.ids.map((id) => {
      const found = this.findings.findById(id);
      if (!found) throw new Error(`Unknown finding ${id}`);
      const { complianceStatus, workflowStatus, recordState } = opts;
      return this.summary(found.partition, this.findings.update(found.partition, found.core.ordinal, { complianceStatus, workflowStatus, recordState }, this.nowMs()));
    });
  }

  /** The current state of a finding, by Id. */
  finding(id: string): FindingSummary | undefined {
    const found = this.findings.findById(id);
    return found ? this.summary(found.partition, found.core) : undefined;
  }

  /** Overrides one Config evaluation (ResultRecordedTime = now). */
  setConfigCompliance(opts: { accountId: string; region: string; configRuleName: string; resourceType: string; resourceId: string; complianceType: ConfigComplianceType }): void {
    const p = this.partitionOrThrow(opts.accountId, opts.region);
    if (!p.rule(opts.configRuleName)) throw new Error(`No Config rule ${opts.configRuleName} in ${opts.accountId}/${opts.region}`);
    this.configOverrides.set(`${opts.accountId}/${opts.region}/${opts.configRuleName}/${opts.resourceType}/${opts.resourceId}`, {
      complianceType: opts.complianceType,
      recordedAtMs: this.nowMs(),
    });
    // The rule was evaluated again: its evaluation time moves forward, strictly, even on a
    // frozen scenario clock, so a reader that compares evaluation times sees the change.
    const ruleKey = `${opts.accountId}/${opts.region}/${opts.configRuleName}`;
    const previous = this.configRuleEvaluatedAt.get(ruleKey) ?? p.anchorMs;
    this.configRuleEvaluatedAt.set(ruleKey, Math.max(this.nowMs(), previous + 1));
  }
}
