// AWS Config over awsJson1_1 (`X-Amz-Target: StarlingDoveService.<Op>`). Page sizes and
// limits follow the API reference: rule listings page by 25; evaluation and resource
// compliance listings take Limit 0..100 with a default of 10; ListDiscoveredResources
// takes limit 0..100 with a default of 100. NextTokens are signed cursors into a
// deterministic order, so they stay valid while evaluations change.
import { ACCOUNT_RESOURCE_TYPE } from './catalog';
import { AwsServiceError } from './errors';
import type { Organization } from './generator';
import type { ServiceRequest, ServiceResponse } from './http-types';
import type { NextTokenCodec } from './next-token';
import { paramsDigest } from './next-token';
import type { ConfigComplianceType, DeployedRule, Partition } from './partition';
import { mixInts } from './prng';
import type { ScenarioControls } from './scenarios';

const NAMESPACE = 'com.amazonaws.starlingdove';
const RULES_PAGE_SIZE = 25;

/** A modeled Config exception: `__type` carries the shape id, as AWS sends it. */
function modeled(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, 400, `${NAMESPACE}#${code}`);
}

export function configErrorResponse(error: AwsServiceError, requestId: string): ServiceResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.qualifiedType ?? error.code, message: error.message }),
  };
}

const epochSeconds = (ms: number) => ms / 1000;

interface Evaluation {
  rule: DeployedRule;
  block: number;
  index: number;
  resourceType: string;
  resourceId: string;
  complianceType: ConfigComplianceType;
  recordedAtMs: number;
  invokedAtMs: number;
}

type Json = Record<string, unknown>;

export class ConfigService {
  /** Per partition: block -> rules evaluating that block's resources. */
  private readonly rulesByBlock = new WeakMap<Partition, Map<number, DeployedRule[]>>();

  constructor(
    private readonly org: Organization,
    private readonly scenarios: ScenarioControls,
    private readonly tokens: NextTokenCodec,
  ) {}

  handle(req: ServiceRequest): ServiceResponse {
    if (req.caller.kind !== 'session') throw new Error('config: caller must be a session');
    let input: Json;
    try {
      input = req.body.length === 0 ? {} : (JSON.parse(req.body.toString('utf8')) as Json);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
    } catch {
      throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.', 400);
    }
    const partition = this.org.partition(req.caller.session.accountId, req.region);
    let output: Json;
    switch (req.operation) {
      case 'DescribeConfigRules':
        output = this.describeConfigRules(partition, input);
        break;
      case 'DescribeComplianceByConfigRule':
        output = this.describeComplianceByConfigRule(partition, input);
        break;
      case 'GetComplianceDetailsByConfigRule':
        output = this.getComplianceDetailsByConfigRule(partition, input);
        break;
      case 'DescribeConfigRuleEvaluationStatus':
        output = this.describeConfigRuleEvaluationStatus(partition, input);
        break;
      case 'DescribeComplianceByResource':
        output = this.describeComplianceByResource(partition, input);
        break;
      case 'ListDiscoveredResources':
        output = this.listDiscoveredResources(partition, input);
        break;
      default:
        throw new AwsServiceError('UnknownOperationException', `Operation ${req.operation} is not supported by this endpoint.`, 400);
    }
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': req.requestId }, body: JSON.stringify(output) };
  }

  // ---- helpers ----

  private cursor(operation: string, input: Json, tokenField = 'NextToken'): { index: number; digest: string } {
    const { [tokenField]: token, Limit: _limit, limit: _limit2, ...params } = input;
    void _limit;
    void _limit2;
    const digest = paramsDigest(params);
    if (token === undefined || token === null || token === '') return { index: 0, digest };
    const payload = typeof token === 'string' ? this.tokens.decode<{ i: number }>(operation, digest, token) : undefined;
    if (!payload || !Number.isInteger(payload.i) || payload.i < 0) throw modeled('InvalidNextTokenException', 'The nextToken provided is invalid');
    return { index: payload.i, digest };
  }

  private limit(value: unknown, defaultLimit: number, field = 'limit'): number {
    if (value === undefined || value === null || value === 0) return defaultLimit;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
      throw modeled('InvalidLimitException', `Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to 100`);
    }
    return value;
  }

  private complianceTypes(value: unknown, allowed: ConfigComplianceType[]): Set<ConfigComplianceType> | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.length > 3) throw modeled('InvalidParameterValueException', 'ComplianceTypes must be a list of at most 3 compliance types.');
    for (const v of value) {
      if (!allowed.includes(v as ConfigComplianceType)) throw modeled('InvalidParameterValueException', `Value '${String(v)}' is not a valid ComplianceType here. Valid values: ${allowed.join(', ')}.`);
    }
    return value.length > 0 ? new Set(value as ConfigComplianceType[]) : undefined;
  }

  private ruleNames(partition: Partition | undefined, value: unknown): DeployedRule[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.length > 25) throw new AwsServiceError('ValidationException', "1 validation error detected: Value at 'configRuleNames' failed to satisfy constraint: Member must have length less than or equal to 25", 400);
    if (value.length === 0) return undefined;
    return value.map((name) => {
      const rule = typeof name === 'string' ? partition?.rule(name) : undefined;
      if (!rule) throw modeled('NoSuchConfigRuleException', `The ConfigRule '${String(name)}' provided in the request is invalid. Please check the configRule name.`);
      return rule;
    });
  }

  /** The evaluation of one resource by one rule, with any scenario override applied. */
  private evaluation(partition: Partition, rule: DeployedRule, block: number, index: number): Evaluation {
    const resource = partition.resource(block, index);
    const override = this.scenarios.configOverrides.get(`${partition.account.id}/${partition.region}/${rule.name}/${resource.cfnType}/${resource.resourceId}`);
    const jitter = mixInts(partition.seed, index, block, 0xe7a1);
    // Managed rules re-evaluate at least daily; spread results over the last 24 hours.
    const recordedAtMs = override?.recordedAtMs ?? partition.anchorMs - (jitter % 86_400_000);
    return {
      rule,
      block,
      index,
      resourceType: resource.cfnType,
      resourceId: resource.resourceId,
      complianceType: override?.complianceType ?? partition.evaluate(rule, block, index),
      recordedAtMs,
      invokedAtMs: recordedAtMs - 1500 - (jitter % 4000),
    };
  }

  /** Evaluated (existing) resources of a rule, in a stable order: (block, index). */
  private *evaluationsOf(partition: Partition, rule: DeployedRule, from = 0): Generator<{ position: number; block: number; index: number }> {
    let position = 0;
    for (const block of rule.blocks) {
      const count = partition.blocks[block].count;
      if (from >= position + count) {
        position += count;
        continue;
      }
      for (let index = Math.max(0, from - position); index < count; index++) {
        if (!partition.isDeleted(block, index)) yield { position: position + index, block, index };
      }
      position += count;
    }
  }

  private ruleCompliance(partition: Partition, rule: DeployedRule): { type: ConfigComplianceType; nonCompliant: number } {
    let nonCompliant = 0;
    let compliant = 0;
    for (const { block, index } of this.evaluationsOf(partition, rule)) {
      const t = this.evaluation(partition, rule, block, index).complianceType;
      if (t === 'NON_COMPLIANT') nonCompliant++;
      else if (t === 'COMPLIANT') compliant++;
    }
    return { type: nonCompliant > 0 ? 'NON_COMPLIANT' : compliant > 0 ? 'COMPLIANT' : 'INSUFFICIENT_DATA', nonCompliant };
  }

  private rulesFor(partition: Partition, block: number): DeployedRule[] {
    let map = this.rulesByBlock.get(partition);
    if (!map) {
      map = new Map();
      for (const rule of partition.rules) for (const b of rule.blocks) map.set(b, [...(map.get(b) ?? []), rule]);
      this.rulesByBlock.set(partition, map);
    }
    return map.get(block) ?? [];
  }

  private page<T>(operation: string, digest: string, items: T[], next: number | undefined, key: string): Json {
    const out: Json = { [key]: items };
    if (next !== undefined) out.NextToken = this.tokens.encode(operation, digest, { i: next });
    return out;
  }

  // ---- operations ----

  private ruleJson(rule: DeployedRule): Json {
    const json: Json = {
      ConfigRuleName: rule.name,
      ConfigRuleArn: rule.arn,
      ConfigRuleId: rule.id,
      Description: `AWS Config managed rule ${rule.ref.identifier}. ${rule.ref.source}`,
      Source: { Owner: 'AWS', SourceIdentifier: rule.ref.identifier },
      InputParameters: '{}',
      ConfigRuleState: 'ACTIVE',
      EvaluationModes: [{ Mode: 'DETECTIVE' }],
    };
    if (rule.periodic) json.MaximumExecutionFrequency = 'TwentyFour_Hours';
    else json.Scope = { ComplianceResourceTypes: rule.ref.resourceTypes.filter((t) => t !== ACCOUNT_RESOURCE_TYPE) };
    return json;
  }

  private describeConfigRules(partition: Partition | undefined, input: Json): Json {
    const named = this.ruleNames(partition, input.ConfigRuleNames);
    const { index, digest } = this.cursor('DescribeConfigRules', input);
    const filters = input.Filters as { EvaluationMode?: string } | undefined;
    let rules = named ?? partition?.rules ?? [];
    if (filters?.EvaluationMode === 'PROACTIVE') rules = [];
    const slice = rules.slice(index, index + RULES_PAGE_SIZE);
    const next = index + RULES_PAGE_SIZE < rules.length ? index + RULES_PAGE_SIZE : undefined;
    return this.page('DescribeConfigRules', digest, slice.map((r) => this.ruleJson(r)), next, 'ConfigRules');
  }

  private describeComplianceByConfigRule(partition: Partition | undefined, input: Json): Json {
    const named = this.ruleNames(partition, input.ConfigRuleNames);
    const wanted = this.complianceTypes(input.ComplianceTypes, ['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA']);
    const { index, digest } = this.cursor('DescribeComplianceByConfigRule', input);
    const rules = named ?? partition?.rules ?? [];
    const items: Json[] = [];
    let i = index;
    for (; i < rules.length && i < index + RULES_PAGE_SIZE; i++) {
      const { type, nonCompliant } = this.ruleCompliance(partition!, rules[i]);
      if (wanted && !wanted.has(type)) continue;
      const compliance: Json = { ComplianceType: type };
      if (type === 'NON_COMPLIANT') compliance.ComplianceContributorCount = { CappedCount: Math.min(nonCompliant, 100), CapExceeded: nonCompliant > 100 };
      items.push({ ConfigRuleName: rules[i].name, Compliance: compliance });
    }
    return this.page('DescribeComplianceByConfigRule', digest, items, i < rules.length ? i : undefined, 'ComplianceByConfigRules');
  }

  /**
   * Rules are evaluated daily: every rule last evaluated successfully at the partition's
   * anchor time, unless a scenario changed its results since (setConfigCompliance), which
   * counts as a later evaluation. Limit 0..50 (0 or none: 50), ConfigRuleNames at most 25.
   */
  private describeConfigRuleEvaluationStatus(partition: Partition | undefined, input: Json): Json {
    const named = this.ruleNames(partition, input.ConfigRuleNames);
    const limit = input.Limit;
    if (limit !== undefined && limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 50)) {
      throw new AwsServiceError('ValidationException', `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`, 400);
    }
    const pageSize = typeof limit === 'number' && limit > 0 ? limit : 50;
    const { index, digest } = this.cursor('DescribeConfigRuleEvaluationStatus', input);
    const rules = named ?? partition?.rules ?? [];
    const slice = rules.slice(index, index + pageSize);
    const items = slice.map((rule) => {
      const evaluatedAtMs = this.scenarios.configRuleEvaluatedAt.get(`${partition!.account.id}/${partition!.region}/${rule.name}`) ?? partition!.anchorMs;
      return {
        ConfigRuleName: rule.name,
        ConfigRuleArn: rule.arn,
        ConfigRuleId: rule.id,
        LastSuccessfulInvocationTime: epochSeconds(evaluatedAtMs - 2000),
        LastSuccessfulEvaluationTime: epochSeconds(evaluatedAtMs),
        FirstActivatedTime: epochSeconds(partition!.startMs),
        FirstEvaluationStarted: true,
      };
    });
    const next = index + pageSize < rules.length ? index + pageSize : undefined;
    return this.page('DescribeConfigRuleEvaluationStatus', digest, items, next, 'ConfigRulesEvaluationStatus');
  }

  private getComplianceDetailsByConfigRule(partition: Partition | undefined, input: Json): Json {
    const name = input.ConfigRuleName;
    if (typeof name !== 'string' || name.length === 0) {
      throw new AwsServiceError('ValidationException', "1 validation error detected: Value null at 'configRuleName' failed to satisfy constraint: Member must not be null", 400);
    }
    const rule = partition?.rule(name);
    if (!rule || !partition) throw modeled('NoSuchConfigRuleException', `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name.`);
    // INSUFFICIENT_DATA is never stored on an evaluation, so filtering by it matches nothing.
    const wanted = this.complianceTypes(input.ComplianceTypes, ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA']) ?? new Set<ConfigComplianceType>(['COMPLIANT', 'NON_COMPLIANT']);
    const limit = this.limit(input.Limit, 10, 'limit');
    const { index, digest } = this.cursor('GetComplianceDetailsByConfigRule', input);
    const items: Json[] = [];
    let next: number | undefined;
    for (const { position, block, index: resourceIndex } of this.evaluationsOf(partition, rule, index)) {
      const e = this.evaluation(partition, rule, block, resourceIndex);
      if (!wanted.has(e.complianceType)) continue;
      if (items.length === limit) {
        next = position;
        break;
      }
      const result: Json = {
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: { ConfigRuleName: rule.name, ResourceType: e.resourceType, ResourceId: e.resourceId, EvaluationMode: 'DETECTIVE' },
          OrderingTimestamp: epochSeconds(e.invokedAtMs),
        },
        ComplianceType: e.complianceType,
        ResultRecordedTime: epochSeconds(e.recordedAtMs),
        ConfigRuleInvokedTime: epochSeconds(e.invokedAtMs),
      };
      if (e.complianceType === 'NON_COMPLIANT') result.Annotation = `The resource does not satisfy ${rule.name}.`;
      items.push(result);
    }
    return this.page('GetComplianceDetailsByConfigRule', digest, items, next, 'EvaluationResults');
  }

  private describeComplianceByResource(partition: Partition | undefined, input: Json): Json {
    const resourceType = input.ResourceType;
    const resourceId = input.ResourceId;
    if (resourceId !== undefined && resourceType === undefined) throw modeled('InvalidParameterValueException', 'If you specify a resource ID, you must also specify a type for ResourceType.');
    const wanted = this.complianceTypes(input.ComplianceTypes, ['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA']);
    const limit = this.limit(input.Limit, 10, 'limit');
    const { index, digest } = this.cursor('DescribeComplianceByResource', input);
    const items: Json[] = [];
    let next: number | undefined;
    if (partition) {
      // Stable order: blocks in partition order, resources by index; position = running count.
      let position = 0;
      outer: for (const block of partition.blocks) {
        const count = block.count;
        if ((resourceType !== undefined && block.cfnType !== resourceType) || count === 0) {
          position += count;
          continue;
        }
        const rules = this.rulesFor(partition, block.index);
        for (let k = 0; k < count; k++, position++) {
          if (position < index || rules.length === 0 || partition.isDeleted(block.index, k)) continue;
          if (resourceId !== undefined && partition.resource(block.index, k).resourceId !== resourceId) continue;
          let nonCompliant = 0;
          let compliant = 0;
          let id = '';
          for (const rule of rules) {
            const e = this.evaluation(partition, rule, block.index, k);
            id = e.resourceId;
            if (e.complianceType === 'NON_COMPLIANT') nonCompliant++;
            else if (e.complianceType === 'COMPLIANT') compliant++;
          }
          const type: ConfigComplianceType = nonCompliant > 0 ? 'NON_COMPLIANT' : compliant > 0 ? 'COMPLIANT' : 'INSUFFICIENT_DATA';
          if (wanted && !wanted.has(type)) continue;
          if (items.length === limit) {
            next = position;
            break outer;
          }
          const compliance: Json = { ComplianceType: type };
          if (type === 'NON_COMPLIANT') compliance.ComplianceContributorCount = { CappedCount: Math.min(nonCompliant, 25), CapExceeded: nonCompliant > 25 };
          items.push({ ResourceType: block.cfnType, ResourceId: id, Compliance: compliance });
        }
      }
    }
    return this.page('DescribeComplianceByResource', digest, items, next, 'ComplianceByResources');
  }

  private listDiscoveredResources(partition: Partition | undefined, input: Json): Json {
    const resourceType = input.resourceType;
    if (typeof resourceType !== 'string' || !/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(resourceType)) {
      throw new AwsServiceError('ValidationException', `1 validation error detected: Value '${String(resourceType)}' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set`, 400);
    }
    const ids = Array.isArray(input.resourceIds) ? new Set(input.resourceIds as string[]) : undefined;
    const name = typeof input.resourceName === 'string' ? input.resourceName : undefined;
    if (ids && name !== undefined) throw modeled('InvalidParameterValueException', 'You cannot specify both resource IDs and a resource name.');
    const includeDeleted = input.includeDeletedResources === true;
    const limit = this.limit(input.limit, 100, 'limit');
    const { index, digest } = this.cursor('ListDiscoveredResources', input, 'nextToken');
    const items: Json[] = [];
    let next: number | undefined;
    const block = partition ? partition.blockOf(resourceType) : -1;
    if (partition && block >= 0) {
      const count = partition.blocks[block].count;
      for (let k = index; k < count; k++) {
        const deleted = partition.isDeleted(block, k);
        if (deleted && !includeDeleted) continue;
        const r = partition.resource(block, k);
        if (ids && !ids.has(r.resourceId)) continue;
        if (name !== undefined && r.resourceName !== name) continue;
        if (items.length === limit) {
          next = k;
          break;
        }
        const item: Json = { resourceType, resourceId: r.resourceId };
        if (r.resourceName) item.resourceName = r.resourceName;
        if (deleted) item.resourceDeletionTime = epochSeconds(partition.anchorMs - (mixInts(partition.seed, k, 0xde1) % (7 * 86_400_000)));
        items.push(item);
      }
    }
    const out: Json = { resourceIdentifiers: items };
    if (next !== undefined) out.nextToken = this.tokens.encode('ListDiscoveredResources', digest, { i: next });
    return out;
  }
}
