// Incremental AWS Config: a rule's results are re-read only when Config has evaluated
// the rule since our last complete read (DescribeConfigRuleEvaluationStatus). What the
// sync asked for is read from the local endpoint's call counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEndpoint } from '@/dev/aws-endpoint';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { registerOrganizationAccounts, startTestOrganization } from '@/test/aws-organization';
import { syncAccountRegion } from './sync-account-region';

let t: TestDatabase;
let endpoint: AwsEndpoint;
let accountId: string;
const region = 'us-east-1';

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startTestOrganization({ seed: 77, accounts: 1, regions: [region], findingsPerAccountRegion: 200 });
  accountId = endpoint.org.accounts[0].id;
  await registerOrganizationAccounts(t.prisma, endpoint);
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

const role = () => {
  const a = endpoint.org.accounts[0];
  return { accountId: a.id, roleArn: a.roleArn, externalId: a.externalId };
};

/** One Config sync; returns its run and the Config calls it made, by operation. */
async function syncConfig() {
  endpoint.scenarios.resetCallCounts();
  const [outcome] = await syncAccountRegion({ db: t.prisma, account: role(), region, sources: ['config'], trigger: 'config-test' });
  expect(outcome.status, outcome.error).toBe('succeeded');
  const run = await t.prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
  const calls = (operation: string) => endpoint.scenarios.callCounts()[`config:${operation}`]?.calls ?? 0;
  return { run, calls };
}

/** GetComplianceDetailsByConfigRule pages (of 100) reading one rule's stored results takes. */
async function pagesOfRule(name: string): Promise<number> {
  const n = await t.prisma.configEvaluation.count({ where: { accountId, region, ruleName: name, resolvedAt: null } });
  return Math.max(1, Math.ceil(n / 100));
}

describe('incremental AWS Config', () => {
  it('reads every rule the first time and records the evaluation time it read', async () => {
    const { run, calls } = await syncConfig();
    const rules = await t.prisma.configRule.findMany({ where: { accountId, region } });
    expect(rules.length).toBeGreaterThan(1);
    expect(calls('DescribeConfigRuleEvaluationStatus')).toBeGreaterThanOrEqual(1);
    let pages = 0;
    for (const rule of rules) pages += await pagesOfRule(rule.name);
    expect(calls('GetComplianceDetailsByConfigRule')).toBe(pages);
    expect(run.inserted).toBeGreaterThan(0);
    expect(rules.every((r) => r.lastReadEvaluationAt !== null)).toBe(true);
  });

  it('re-reads no rule when Config has not evaluated any since, and writes nothing', async () => {
    const { run, calls } = await syncConfig();
    expect(calls('DescribeConfigRuleEvaluationStatus')).toBeGreaterThanOrEqual(1);
    // Not even the rule listings: the evaluation status says nothing changed.
    expect(calls('DescribeConfigRules')).toBe(0);
    expect(calls('GetComplianceDetailsByConfigRule')).toBe(0);
    expect(run).toMatchObject({ inserted: 0, updated: 0, archived: 0, pagesFetched: 0 });
  });

  it('re-reads only the rule whose results changed, and writes the change', async () => {
    const changed = await t.prisma.configEvaluation.findFirstOrThrow({
      where: { accountId, region, resolvedAt: null, complianceType: 'COMPLIANT' },
      orderBy: [{ ruleName: 'asc' }, { resourceId: 'asc' }],
    });
    const ruleBefore = await t.prisma.configRule.findUniqueOrThrow({ where: { accountId_region_name: { accountId, region, name: changed.ruleName } } });
    endpoint.scenarios.setConfigCompliance({
      accountId,
      region,
      configRuleName: changed.ruleName,
      resourceType: changed.resourceType,
      resourceId: changed.resourceId,
      complianceType: 'NON_COMPLIANT',
    });

    const { run, calls } = await syncConfig();
    expect(calls('DescribeConfigRules')).toBeGreaterThan(0);
    expect(calls('GetComplianceDetailsByConfigRule')).toBe(await pagesOfRule(changed.ruleName));
    expect(run).toMatchObject({ inserted: 0, updated: 1 });
    const after = await t.prisma.configEvaluation.findUniqueOrThrow({
      where: {
        accountId_region_ruleName_resourceType_resourceId: { accountId, region, ruleName: changed.ruleName, resourceType: changed.resourceType, resourceId: changed.resourceId },
      },
    });
    expect(after.complianceType).toBe('NON_COMPLIANT');
    const ruleAfter = await t.prisma.configRule.findUniqueOrThrow({ where: { accountId_region_name: { accountId, region, name: changed.ruleName } } });
    expect(ruleAfter.lastReadEvaluationAt!.getTime()).toBeGreaterThan(ruleBefore.lastReadEvaluationAt!.getTime());

    // Read once: the next sync skips it again.
    expect((await syncConfig()).calls('GetComplianceDetailsByConfigRule')).toBe(0);
  });

  it('reads a rule never read completely (no recorded evaluation time)', async () => {
    const [rule] = await t.prisma.configRule.findMany({ where: { accountId, region }, orderBy: { name: 'desc' }, take: 1 });
    await t.prisma.configRule.update({ where: { accountId_region_name: { accountId, region, name: rule.name } }, data: { lastReadEvaluationAt: null } });
    const { run, calls } = await syncConfig();
    expect(calls('GetComplianceDetailsByConfigRule')).toBe(await pagesOfRule(rule.name));
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    const reread = await t.prisma.configRule.findUniqueOrThrow({ where: { accountId_region_name: { accountId, region, name: rule.name } } });
    expect(reread.lastReadEvaluationAt).not.toBeNull();
  });

  it('a rule interrupted mid-read is read again by the next run', async () => {
    const [rule] = await t.prisma.configRule.findMany({ where: { accountId, region }, orderBy: { name: 'asc' }, take: 1 });
    await t.prisma.configRule.update({ where: { accountId_region_name: { accountId, region, name: rule.name } }, data: { lastReadEvaluationAt: null } });
    const broken = endpoint.scenarios.serverErrors({ accountId, region, operation: 'GetComplianceDetailsByConfigRule', status: 500 });
    try {
      const [failed] = await syncAccountRegion({ db: t.prisma, account: role(), region, sources: ['config'], trigger: 'config-test', maxAttempts: 1 });
      expect(failed.status).toBe('failed');
    } finally {
      endpoint.scenarios.remove(broken);
    }
    const { calls } = await syncConfig();
    expect(calls('GetComplianceDetailsByConfigRule')).toBe(await pagesOfRule(rule.name));
  });
});
