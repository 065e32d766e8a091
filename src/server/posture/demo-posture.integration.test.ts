// On the demo organization, every control's counts match what the generated data
// says, computed here independently: straight from the generator's own resources,
// findings and rule verdicts (with its own ARNs), not through the sync, the stored
// rows or the ARN builder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization, startAwsEndpoint, type AwsEndpoint } from '@/dev/aws-endpoint';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { registerOrganizationAccounts } from '@/test/aws-organization';
import { resetStsClient } from '@/server/aws/member-credentials';
import { hasKnownArnFormat } from '@/server/aws/resource-arn';
import { catalog2022 } from '@/server/catalog';
import { syncOrganization } from '@/server/sync/sync-organization';
import { computePostureForAccounts } from './compute-posture';

let t: TestDatabase;
let endpoint: AwsEndpoint;

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startAwsEndpoint({ organization: demoOrganization() });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: endpoint.management.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoint.management.secretAccessKey,
  });
  resetStsClient();
  await registerOrganizationAccounts(t.prisma, endpoint);
  const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
  expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

type Verdict = 'pass' | 'fail' | 'unknown';

/** (control, account, resource ARN) → the verdicts of every current check, from the generator. */
function expectedVerdicts(): Map<string, Verdict[]> {
  const bySecurityHubId = new Map<string, string[]>();
  const byConfigRule = new Map<string, string[]>();
  for (const service of catalog2022.services) {
    for (const control of service.controls) {
      for (const id of control.evidence.securityHubControlIds) bySecurityHubId.set(id, [...(bySecurityHubId.get(id) ?? []), control.id]);
      for (const id of control.evidence.configRuleIdentifiers) byConfigRule.set(id, [...(byConfigRule.get(id) ?? []), control.id]);
    }
  }
  const verdicts = new Map<string, Verdict[]>();
  const add = (controls: string[] | undefined, accountId: string, arn: string, verdict: Verdict) => {
    for (const controlId of controls ?? []) {
      const key = `${controlId}|${accountId}|${arn}`;
      verdicts.set(key, [...(verdicts.get(key) ?? []), verdict]);
    }
  };
  const org = endpoint.org;
  for (const account of org.accounts) {
    for (const region of account.regions) {
      const p = org.partition(account.id, region);
      if (!p) continue;
      for (let ordinal = 0; ordinal < p.controlFindingCount; ordinal++) {
        const f = p.baseFinding(ordinal);
        if (f.recordState !== 'ACTIVE' || !f.control) continue;
        const verdict: Verdict = f.complianceStatus === 'FAILED' ? 'fail' : f.complianceStatus === 'PASSED' ? 'pass' : 'unknown';
        add(bySecurityHubId.get(f.control.id), account.id, p.resource(f.block, f.resourceIndex).arn, verdict);
      }
      for (const rule of p.rules) {
        for (const block of rule.blocks) {
          for (let k = 0; k < p.blocks[block].count; k++) {
            if (p.isDeleted(block, k)) continue;
            const result = p.evaluate(rule, block, k);
            if (result === 'NOT_APPLICABLE') continue;
            const resource = p.resource(block, k);
            // Types without a known ARN format cannot be matched with Security Hub: Config's view
            // of them stands alone, under its own id (a documented limitation).
            const matchable = resource.resourceId.startsWith('arn:') || hasKnownArnFormat(resource.cfnType);
            const key = matchable ? resource.arn : `${resource.cfnType}/${resource.resourceId}`;
            add(byConfigRule.get(rule.ref.identifier), account.id, key, result === 'NON_COMPLIANT' ? 'fail' : result === 'COMPLIANT' ? 'pass' : 'unknown');
          }
        }
      }
    }
  }
  return verdicts;
}

describe('posture of the demo organization', () => {
  it('gives every control the counts the generated data implies', async () => {
    const expected = new Map<string, { passed: number; failed: number; unknown: number }>();
    for (const [key, verdicts] of expectedVerdicts()) {
      const controlId = key.split('|')[0];
      const counts = expected.get(controlId) ?? { passed: 0, failed: 0, unknown: 0 };
      // The failing source wins; an undecided check keeps a resource from passing.
      if (verdicts.includes('fail')) counts.failed++;
      else if (verdicts.includes('unknown')) counts.unknown++;
      else counts.passed++;
      expected.set(controlId, counts);
    }
    expect(expected.size).toBeGreaterThan(50);

    const posture = await computePostureForAccounts(t.prisma, 'all');
    const actual = new Map(
      posture.organization.controls
        .filter((c) => c.resourceControls.passed + c.resourceControls.failed + c.resourceControls.unknown > 0)
        .map((c) => [c.controlId, { passed: c.resourceControls.passed, failed: c.resourceControls.failed, unknown: c.resourceControls.unknown }]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));

    // A control fails exactly when one of its resources fails.
    for (const control of posture.organization.controls) {
      if (control.resourceControls.failed > 0) expect(control.status).toBe('failed');
    }
  });

  it('keeps findings that map to no control as unmapped', async () => {
    const posture = await computePostureForAccounts(t.prisma, 'all');
    const products = new Set(posture.unmapped.map((r) => r.title && r.source));
    expect(posture.unmapped.length).toBeGreaterThan(0);
    expect(products.size).toBeGreaterThan(0);
    const guardDuty = await t.prisma.finding.count({ where: { productName: 'GuardDuty', recordState: 'ACTIVE' } });
    expect(posture.unmapped.filter((r) => r.recordId.includes(':guardduty:')).length).toBe(guardDuty);
  });
});
