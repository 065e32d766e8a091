import {
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  GetComplianceDetailsByConfigRuleCommand,
  ListDiscoveredResourcesCommand,
  NoSuchConfigRuleException,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeComplianceByResource,
  paginateDescribeConfigRuleEvaluationStatus,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  type ConfigRule,
  type ConfigRuleEvaluationStatus,
  type ConfigServiceClient,
  type EvaluationResult,
} from '@aws-sdk/client-config-service';
import { paginateGetFindings, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_MANAGED_RULES, SECURITY_HUB_CONTROLS } from '@/server/catalog/reference';
import { generateOrganization, type OrgAccount } from './generator';
import { startAwsEndpoint, type AwsEndpoint } from './server';
import { assumeRole, configService, securityHub, thrown, type TemporaryCredentials } from './test-helpers';

let endpoint: AwsEndpoint;
let account: OrgAccount;
let creds: TemporaryCredentials;
let client: ConfigServiceClient;
let rules: ConfigRule[];
let describeRulesPages = 0;

async function details(ruleName: string, pageSize?: number, complianceTypes?: ('COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE')[]): Promise<EvaluationResult[]> {
  const out: EvaluationResult[] = [];
  for await (const page of paginateGetComplianceDetailsByConfigRule({ client, pageSize }, { ConfigRuleName: ruleName, ComplianceTypes: complianceTypes })) {
    out.push(...(page.EvaluationResults ?? []));
  }
  return out;
}

beforeAll(async () => {
  // Bigger than the demo so rules have more than one page of evaluations.
  const organization = generateOrganization({
    seed: 11,
    regions: ['us-east-1', 'us-west-2'],
    accounts: [
      { name: 'Legacy EHR Integration', posture: 'weak' },
      { name: 'Patient Portal', posture: 'typical' },
    ],
    findingsPerAccountRegion: 3000,
    anchorTime: '2025-01-01T00:00:00Z',
  });
  endpoint = await startAwsEndpoint({ organization });
  account = endpoint.org.accounts.find((a) => a.name === 'Legacy EHR Integration')!;
  creds = await assumeRole(endpoint, account);
  client = configService(endpoint, creds);
  rules = [];
  for await (const page of paginateDescribeConfigRules({ client }, {})) {
    describeRulesPages++;
    rules.push(...(page.ConfigRules ?? []));
  }
});
afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

describe('DescribeConfigRules', () => {
  it('lists the deployed managed rules, 25 per page', async () => {
    const expected = endpoint.org.partition(account.id, 'us-east-1')!.rules.length;
    expect(rules).toHaveLength(expected);
    expect(describeRulesPages).toBe(Math.ceil(expected / 25));
    const first = await client.send(new DescribeConfigRulesCommand({}));
    expect(first.ConfigRules).toHaveLength(25);
    expect(new Set(rules.map((r) => r.ConfigRuleName)).size).toBe(rules.length);
  });

  it('uses real AWS managed rule identifiers with their documented names', () => {
    const byId = new Map(CONFIG_MANAGED_RULES.map((r) => [r.identifier, r]));
    for (const rule of rules) {
      expect(rule.Source).toMatchObject({ Owner: 'AWS' });
      const ref = byId.get(rule.Source!.SourceIdentifier!);
      expect(ref, rule.Source!.SourceIdentifier).toBeDefined();
      expect(rule.ConfigRuleName).toBe(ref!.name);
      expect(rule.ConfigRuleArn).toMatch(new RegExp(`^arn:aws:config:us-east-1:${account.id}:config-rule/config-rule-[0-9a-f]{6}$`));
      expect(rule.ConfigRuleState).toBe('ACTIVE');
    }
  });

  it('describes named rules and rejects unknown names with NoSuchConfigRuleException', async () => {
    const named = await client.send(new DescribeConfigRulesCommand({ ConfigRuleNames: [rules[3].ConfigRuleName!] }));
    expect(named.ConfigRules?.map((r) => r.ConfigRuleName)).toEqual([rules[3].ConfigRuleName]);
    const error = await thrown(() => client.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['no-such-rule'] })));
    expect(error).toBeInstanceOf(NoSuchConfigRuleException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('rule compliance', () => {
  it('GetComplianceDetailsByConfigRule pages 10 results by default, up to 100, with real shapes', { timeout: 30_000 }, async () => {
    // The rule with the most evaluations, so that paging is exercised.
    let rule = rules[0];
    let everything: EvaluationResult[] = [];
    for (const candidate of rules.filter((r) => r.Scope)) {
      const results = await details(candidate.ConfigRuleName!, 100);
      if (results.length > everything.length) [rule, everything] = [candidate, results];
    }
    const first = await client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule.ConfigRuleName }));
    expect(first.EvaluationResults!.length).toBe(10);
    expect(first.NextToken).toBeTruthy();
    const resourceType = everything[0].EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceType;
    expect(await details(rule.ConfigRuleName!, 3)).toEqual(everything);
    expect(everything.length).toBeGreaterThan(10);
    for (const e of everything) {
      expect(e.EvaluationResultIdentifier?.EvaluationResultQualifier).toMatchObject({ ConfigRuleName: rule.ConfigRuleName, ResourceType: resourceType, ResourceId: expect.any(String) });
      expect(['COMPLIANT', 'NON_COMPLIANT']).toContain(e.ComplianceType);
      expect(e.ResultRecordedTime).toBeInstanceOf(Date);
      expect(e.ConfigRuleInvokedTime).toBeInstanceOf(Date);
      expect(e.ConfigRuleInvokedTime!.getTime()).toBeLessThan(e.ResultRecordedTime!.getTime());
      if (e.ComplianceType === 'NON_COMPLIANT') expect(e.Annotation).toBeTruthy();
    }
    const error = await thrown(() => client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule.ConfigRuleName, Limit: 101 })));
    expect(error.name).toBe('InvalidLimitException');
  });

  it('DescribeComplianceByConfigRule agrees with the evaluations', async () => {
    const summaries = [];
    for await (const page of paginateDescribeComplianceByConfigRule({ client }, {})) summaries.push(...(page.ComplianceByConfigRules ?? []));
    expect(summaries).toHaveLength(rules.length);
    const nonCompliantRules = summaries.filter((s) => s.Compliance?.ComplianceType === 'NON_COMPLIANT');
    expect(nonCompliantRules.length).toBeGreaterThan(0);
    for (const summary of nonCompliantRules.slice(0, 5)) {
      const failing = await details(summary.ConfigRuleName!, 100, ['NON_COMPLIANT']);
      expect(summary.Compliance?.ComplianceContributorCount?.CappedCount).toBe(failing.length);
      expect(failing.every((e) => e.ComplianceType === 'NON_COMPLIANT')).toBe(true);
    }
    const compliantOnly = await client.send(new DescribeComplianceByConfigRuleCommand({ ComplianceTypes: ['COMPLIANT'] }));
    expect(compliantOnly.ComplianceByConfigRules!.every((s) => s.Compliance?.ComplianceType === 'COMPLIANT')).toBe(true);
  });

  it('agrees with the Security Hub control backed by the same managed rule', async () => {
    const controlByRule = new Map(SECURITY_HUB_CONTROLS.filter((c) => c.configRule).map((c) => [c.configRule!, c]));
    const rule = rules.find((r) => r.Scope?.ComplianceResourceTypes?.includes('AWS::S3::Bucket') && controlByRule.has(r.Source!.SourceIdentifier!))!;
    const control = controlByRule.get(rule.Source!.SourceIdentifier!)!;
    const evaluations = await details(rule.ConfigRuleName!, 100);
    const sh = securityHub(endpoint, creds);
    const findings: AwsSecurityFinding[] = [];
    for await (const page of paginateGetFindings({ client: sh }, { Filters: { ComplianceSecurityControlId: [{ Value: control.id, Comparison: 'EQUALS' }], RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] } })) {
      findings.push(...(page.Findings ?? []));
    }
    sh.destroy();
    const statusByBucket = new Map(findings.map((f) => [f.Resources![0].Id!.replace('arn:aws:s3:::', ''), f.Compliance!.Status]));
    let compared = 0;
    for (const e of evaluations) {
      const status = statusByBucket.get(e.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!);
      if (!status) continue;
      compared++;
      expect(status).toBe(e.ComplianceType === 'COMPLIANT' ? 'PASSED' : 'FAILED');
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('applies scenario overrides to single evaluations', async () => {
    const rule = rules.find((r) => r.Scope?.ComplianceResourceTypes?.includes('AWS::S3::Bucket'))!;
    const [target] = await details(rule.ConfigRuleName!, 1, ['COMPLIANT']);
    const q = target.EvaluationResultIdentifier!.EvaluationResultQualifier!;
    endpoint.scenarios.setNow('2025-01-05T00:00:00Z');
    try {
      endpoint.scenarios.setConfigCompliance({ accountId: account.id, region: 'us-east-1', configRuleName: rule.ConfigRuleName!, resourceType: q.ResourceType!, resourceId: q.ResourceId!, complianceType: 'NON_COMPLIANT' });
      const after = (await details(rule.ConfigRuleName!, 100, ['NON_COMPLIANT'])).find((e) => e.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId === q.ResourceId);
      expect(after?.ResultRecordedTime?.toISOString()).toBe('2025-01-05T00:00:00.000Z');
    } finally {
      endpoint.scenarios.useRealClock();
    }
  });

  it('rejects unknown rules, bad limits and forged tokens with the modeled exceptions', async () => {
    expect(await thrown(() => client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'nope' })))).toBeInstanceOf(NoSuchConfigRuleException);
    const forged = await thrown(() => client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rules[0].ConfigRuleName, NextToken: 'abc.def' })));
    expect(forged.name).toBe('InvalidNextTokenException');
  });
});

describe('DescribeConfigRuleEvaluationStatus', () => {
  async function statuses(c: ConfigServiceClient, pageSize?: number): Promise<{ all: ConfigRuleEvaluationStatus[]; pages: number }> {
    const all: ConfigRuleEvaluationStatus[] = [];
    let pages = 0;
    for await (const page of paginateDescribeConfigRuleEvaluationStatus({ client: c, pageSize }, {})) {
      pages++;
      all.push(...(page.ConfigRulesEvaluationStatus ?? []));
    }
    return { all, pages };
  }

  it('reports every rule once, 50 a page by default, Limit at most 50', async () => {
    const { all, pages } = await statuses(client);
    expect(all.map((s) => s.ConfigRuleName).sort()).toEqual(rules.map((r) => r.ConfigRuleName).sort());
    expect(pages).toBe(Math.max(1, Math.ceil(rules.length / 50)));
    const paged = await statuses(client, 10);
    expect(paged.pages).toBe(Math.ceil(rules.length / 10));
    expect(paged.all.map((s) => s.ConfigRuleName)).toEqual(all.map((s) => s.ConfigRuleName));
    for (const s of all) expect(s).toMatchObject({ ConfigRuleArn: rules.find((r) => r.ConfigRuleName === s.ConfigRuleName)!.ConfigRuleArn, FirstEvaluationStarted: true });
    expect((await thrown(() => client.send(new DescribeConfigRuleEvaluationStatusCommand({ Limit: 51 }))))).toMatchObject({ name: 'ValidationException' });
    const named = await client.send(new DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: [rules[1].ConfigRuleName!] }));
    expect(named.ConfigRulesEvaluationStatus?.map((s) => s.ConfigRuleName)).toEqual([rules[1].ConfigRuleName]);
  });

  it("moves a rule's LastSuccessfulEvaluationTime forward when its results change, and no other rule's", async () => {
    const region = 'us-west-2';
    const west = configService(endpoint, creds, { region });
    try {
      const before = new Map((await statuses(west)).all.map((s) => [s.ConfigRuleName!, s.LastSuccessfulEvaluationTime!.getTime()]));
      const rule = [...before.keys()][0];
      const [target] = await (async () => {
        for await (const page of paginateGetComplianceDetailsByConfigRule({ client: west }, { ConfigRuleName: rule, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] })) {
          if (page.EvaluationResults?.length) return page.EvaluationResults;
        }
        return [];
      })();
      const q = target.EvaluationResultIdentifier!.EvaluationResultQualifier!;
      // A frozen clock still moves it forward: every change is a later evaluation.
      endpoint.scenarios.setNow('2025-01-05T00:00:00Z');
      try {
        for (const complianceType of ['NON_COMPLIANT', 'COMPLIANT'] as const) {
          const previous = new Map((await statuses(west)).all.map((s) => [s.ConfigRuleName!, s.LastSuccessfulEvaluationTime!.getTime()]));
          endpoint.scenarios.setConfigCompliance({ accountId: account.id, region, configRuleName: rule, resourceType: q.ResourceType!, resourceId: q.ResourceId!, complianceType });
          const after = new Map((await statuses(west)).all.map((s) => [s.ConfigRuleName!, s.LastSuccessfulEvaluationTime!.getTime()]));
          expect(after.get(rule)!).toBeGreaterThan(previous.get(rule)!);
          for (const [name, at] of after) if (name !== rule) expect(at, name).toBe(before.get(name));
        }
      } finally {
        endpoint.scenarios.useRealClock();
      }
    } finally {
      west.destroy();
    }
  });
});

describe('resources', () => {
  it('DescribeComplianceByResource pages every evaluated resource once', async () => {
    const seen: string[] = [];
    for await (const page of paginateDescribeComplianceByResource({ client, pageSize: 100 }, { ResourceType: 'AWS::S3::Bucket' })) {
      for (const r of page.ComplianceByResources ?? []) {
        expect(r.ResourceType).toBe('AWS::S3::Bucket');
        expect(['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA']).toContain(r.Compliance?.ComplianceType);
        seen.push(r.ResourceId!);
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('ListDiscoveredResources hides deleted resources unless asked', async () => {
    const list = async (includeDeletedResources: boolean) => {
      const out = [];
      for await (const page of paginateListDiscoveredResources({ client, pageSize: 5 }, { resourceType: 'AWS::EC2::Volume', includeDeletedResources })) out.push(...(page.resourceIdentifiers ?? []));
      return out;
    };
    const live = await list(false);
    const withDeleted = await list(true);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((r) => /^vol-0[0-9a-f]{16}$/.test(r.resourceId!) && !r.resourceDeletionTime)).toBe(true);
    expect(withDeleted.length).toBeGreaterThanOrEqual(live.length);
    expect(withDeleted.filter((r) => r.resourceDeletionTime).length).toBe(withDeleted.length - live.length);
    const one = await client.send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::Volume', resourceIds: [live[0].resourceId!] }));
    expect(one.resourceIdentifiers?.map((r) => r.resourceId)).toEqual([live[0].resourceId]);
  });
});

describe('Config authentication', () => {
  it('refuses the management principal and unknown keys', async () => {
    const mgmt = configService(endpoint, { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: endpoint.management.secretAccessKey }, { maxAttempts: 1 });
    expect((await thrown(() => mgmt.send(new DescribeConfigRulesCommand({}))))).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    const unknown = configService(endpoint, { ...creds, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' }, { maxAttempts: 1 });
    expect((await thrown(() => unknown.send(new DescribeConfigRulesCommand({}))))).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    mgmt.destroy();
    unknown.destroy();
  });

  it("answers with the caller's own account only", async () => {
    const other = endpoint.org.accounts.find((a) => a.id !== account.id)!;
    const otherClient = configService(endpoint, await assumeRole(endpoint, other));
    const page = await otherClient.send(new DescribeConfigRulesCommand({}));
    expect(page.ConfigRules!.every((r) => r.ConfigRuleArn!.includes(`:${other.id}:`))).toBe(true);
    otherClient.destroy();
  });

  it('expires with the session', async () => {
    endpoint.scenarios.advanceClock(2 * 3600 * 1000);
    try {
      expect((await thrown(() => client.send(new DescribeConfigRulesCommand({}))))).toMatchObject({ name: 'ExpiredTokenException' });
    } finally {
      endpoint.scenarios.useRealClock();
    }
  });
});
