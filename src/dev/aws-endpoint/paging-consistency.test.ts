// NextToken paging must neither repeat nor skip a finding that existed when paging
// began, whatever happens to the data between pages; changes show up in the next
// incremental sync (UpdatedAt >= the previous sync's start).
import { GetFindingsCommand, paginateGetFindings, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateOrganization, type OrgAccount } from './generator';
import { startAwsEndpoint, type AwsEndpoint } from './server';
import { assumeRole, securityHub } from './test-helpers';

let endpoint: AwsEndpoint;
let account: OrgAccount;
let client: SecurityHubClient;
const REGION = 'us-east-1';
/** Each test pages thousands of findings a few times over; CI machines are slower than laptops. */
const SLOW = { timeout: 60_000 };

async function snapshot(sortOrder: 'asc' | 'desc'): Promise<Map<string, AwsSecurityFinding>> {
  const out = new Map<string, AwsSecurityFinding>();
  for await (const page of paginateGetFindings({ client }, { SortCriteria: [{ Field: 'UpdatedAt', SortOrder: sortOrder }] })) {
    for (const f of page.Findings ?? []) out.set(f.Id!, f);
  }
  return out;
}

/** Mutates findings ahead of and behind the cursor, and adds new ones, between every page. */
function churn(seen: string[], unseen: string[], round: number): void {
  const s = endpoint.scenarios;
  s.advanceClock(1000);
  const pickUnseen = unseen.filter((_, i) => i % 97 === round % 97).slice(0, 3);
  const pickSeen = seen.filter((_, i) => i % 31 === round % 31).slice(0, 3);
  if (pickUnseen.length > 0) s.archiveFindings({ ids: [pickUnseen[0]] });
  if (pickUnseen.length > 1) s.updateFindings({ ids: [pickUnseen[1]], workflowStatus: 'SUPPRESSED' });
  if (pickUnseen.length > 2) s.updateFindings({ ids: [pickUnseen[2]], complianceStatus: 'PASSED' });
  if (pickSeen.length > 0) s.archiveFindings({ ids: [pickSeen[0]] });
  if (pickSeen.length > 1) s.updateFindings({ ids: pickSeen.slice(1), complianceStatus: 'FAILED' });
  s.addFindings({ accountId: account.id, region: REGION, count: 2 });
}

beforeAll(async () => {
  const organization = generateOrganization({ seed: 99, regions: [REGION], accounts: [{ name: 'Clinical' }], findingsPerAccountRegion: 2500, anchorTime: '2025-03-01T00:00:00Z' });
  endpoint = await startAwsEndpoint({ organization });
  account = organization.accounts[0];
  endpoint.scenarios.setNow('2025-03-02T00:00:00Z');
  client = securityHub(endpoint, await assumeRole(endpoint, account, 3600));
});
afterAll(async () => {
  client.destroy();
  await endpoint.close();
});
// Time only moves forward, as in production: each test starts a little later.
beforeEach(() => endpoint.scenarios.advanceClock(10 * 60 * 1000));

describe('paging under concurrent mutations', () => {
  for (const sortOrder of ['asc', 'desc'] as const) {
    it(`${sortOrder}: returns every pre-existing finding exactly once, as it was when paging began`, SLOW, async () => {
      const before = await snapshot(sortOrder);
      const order = [...before.keys()];
      const syncStartedAt = endpoint.scenarios.now().toISOString();
      const seen: string[] = [];
      let token: string | undefined;
      let round = 0;
      do {
        const page = await client.send(new GetFindingsCommand({ MaxResults: 40, NextToken: token, SortCriteria: [{ Field: 'UpdatedAt', SortOrder: sortOrder }] }));
        for (const f of page.Findings ?? []) {
          seen.push(f.Id!);
          // The snapshot's state, not the mutated one.
          expect(f.RecordState).toBe(before.get(f.Id!)?.RecordState);
          expect(f.UpdatedAt).toBe(before.get(f.Id!)?.UpdatedAt);
        }
        token = page.NextToken;
        churn(seen, order.slice(seen.length), round++);
      } while (token);

      expect(round).toBeGreaterThan(50);
      expect(new Set(seen).size).toBe(seen.length); // no repeats
      expect(seen).toEqual(order); // no skips, same order

      // The next incremental sync sees exactly what changed, with the new state.
      const changed = new Map<string, AwsSecurityFinding>();
      for await (const page of paginateGetFindings({ client }, { Filters: { UpdatedAt: [{ Start: syncStartedAt }] }, SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }] })) {
        for (const f of page.Findings ?? []) changed.set(f.Id!, f);
      }
      const added = [...changed.values()].filter((f) => !before.has(f.Id!));
      expect(added).toHaveLength(2 * round);
      const modified = [...changed.values()].filter((f) => before.has(f.Id!));
      expect(modified.length).toBeGreaterThan(round);
      expect(modified.every((f) => f.UpdatedAt! > before.get(f.Id!)!.UpdatedAt!)).toBe(true);
      expect(modified.some((f) => f.RecordState === 'ARCHIVED' && before.get(f.Id!)!.RecordState === 'ACTIVE')).toBe(true);
      expect(modified.some((f) => f.Workflow?.Status === 'SUPPRESSED')).toBe(true);
    });
  }

  it('keeps two interleaved paging sessions independent', SLOW, async () => {
    const expectedA = [...(await snapshot('asc')).keys()];
    const collectedA: string[] = [];
    let tokenA: string | undefined;
    let started = false;
    let collectedB: string[] = [];
    let expectedB: string[] = [];
    do {
      const page = await client.send(new GetFindingsCommand({ MaxResults: 100, NextToken: tokenA, SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }] }));
      collectedA.push(...page.Findings!.map((f) => f.Id!));
      tokenA = page.NextToken;
      endpoint.scenarios.advanceClock(500);
      endpoint.scenarios.addFindings({ accountId: account.id, region: REGION, count: 5 });
      if (!started) {
        // A second session starts mid-way: it sees the data as of its own first page.
        started = true;
        expectedB = [...(await snapshot('desc')).keys()];
        for await (const p of paginateGetFindings({ client, pageSize: 60 }, { SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }] })) {
          collectedB.push(...p.Findings!.map((f) => f.Id!));
          endpoint.scenarios.archiveFindings({ accountId: account.id, region: REGION, count: 3 });
        }
      }
    } while (tokenA);
    expect(collectedA).toEqual(expectedA);
    expect(collectedB).toEqual(expectedB);
    collectedB = [];
  });
});
