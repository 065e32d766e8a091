import { GetFindingsCommand, paginateGetFindings, type AwsSecurityFinding, type GetFindingsCommandInput, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HUB_CONTROLS } from '@/server/catalog/reference';
import { demoOrganization, type OrgAccount } from './generator';
import { startAwsEndpoint, type AwsEndpoint } from './server';
import { assumeRole, securityHub, thrown, type TemporaryCredentials } from './test-helpers';

let endpoint: AwsEndpoint;
let account: OrgAccount;
let other: OrgAccount;
let creds: TemporaryCredentials;
let client: SecurityHubClient;
/** Every finding of (account, us-east-1), paged once without filters. */
let all: AwsSecurityFinding[];

async function collect(input: GetFindingsCommandInput = {}, c: SecurityHubClient = client, pageSize?: number): Promise<AwsSecurityFinding[]> {
  const out: AwsSecurityFinding[] = [];
  for await (const page of paginateGetFindings({ client: c, pageSize }, input)) out.push(...(page.Findings ?? []));
  return out;
}

const ids = (findings: AwsSecurityFinding[]) => findings.map((f) => f.Id!).sort();

beforeAll(async () => {
  endpoint = await startAwsEndpoint({ organization: demoOrganization({ anchorTime: '2025-01-01T00:00:00Z' }) });
  account = endpoint.org.accounts.find((a) => a.name === 'Clinical Data Platform')!;
  other = endpoint.org.accounts.find((a) => a.name === 'Patient Portal')!;
  creds = await assumeRole(endpoint, account);
  client = securityHub(endpoint, creds);
  all = await collect();
});
afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

describe('GetFindings data', () => {
  it('pages through every finding of the account-region exactly once', () => {
    expect(all).toHaveLength(endpoint.org.partition(account.id, 'us-east-1')!.size);
    expect(new Set(all.map((f) => f.Id)).size).toBe(all.length);
    expect(all.every((f) => f.AwsAccountId === account.id && f.Region === 'us-east-1')).toBe(true);
  });

  it('returns fully formed ASFF with real control ids and a realistic mix', () => {
    const knownControls = new Set(SECURITY_HUB_CONTROLS.map((c) => c.id));
    const controls = all.filter((f) => f.Compliance);
    const others = all.filter((f) => !f.Compliance);
    expect(controls.length).toBeGreaterThan(all.length * 0.8);
    expect(new Set(others.map((f) => f.ProductName))).toEqual(new Set(['GuardDuty', 'Inspector']));
    for (const f of all) {
      expect(f.SchemaVersion).toBe('2018-10-08');
      for (const field of ['Id', 'ProductArn', 'GeneratorId', 'CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt', 'Title', 'Description'] as const) expect(f[field]).toBeTruthy();
      expect(Date.parse(f.UpdatedAt!)).not.toBeNaN();
      expect(f.Resources?.[0]).toMatchObject({ Type: expect.any(String), Id: expect.any(String), Partition: 'aws', Region: 'us-east-1' });
      expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(f.Severity?.Label);
      expect(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']).toContain(f.Workflow?.Status);
      expect(['ACTIVE', 'ARCHIVED']).toContain(f.RecordState);
    }
    for (const f of controls) {
      expect(knownControls.has(f.Compliance!.SecurityControlId!)).toBe(true);
      expect(f.Id).toMatch(new RegExp(`^arn:aws:securityhub:us-east-1:${account.id}:security-control/${f.Compliance!.SecurityControlId!.replace('.', '\\.')}/finding/[0-9a-f-]{36}$`));
      expect(f.GeneratorId).toBe(`security-control/${f.Compliance!.SecurityControlId}`);
      expect(f.ProductArn).toBe('arn:aws:securityhub:us-east-1::product/aws/securityhub');
      expect(f.Remediation?.Recommendation?.Url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/securityhub\//);
      expect(f.Compliance!.AssociatedStandards?.length).toBeGreaterThan(0);
      expect(f.Compliance!.RelatedRequirements?.length).toBeGreaterThan(0);
      if (f.Compliance!.Status === 'PASSED') expect(f.Severity?.Label).toBe('INFORMATIONAL');
    }
    const statuses = new Set(controls.map((f) => f.Compliance!.Status));
    expect(statuses.has('PASSED') && statuses.has('FAILED')).toBe(true);
    expect(statuses.has('WARNING') || statuses.has('NOT_AVAILABLE')).toBe(true);
    expect(new Set(all.map((f) => f.RecordState))).toEqual(new Set(['ACTIVE', 'ARCHIVED']));
  });

  it('sorts by UpdatedAt, newest first by default', async () => {
    const desc = all.map((f) => Date.parse(f.UpdatedAt!));
    expect([...desc].sort((a, b) => b - a)).toEqual(desc);
    const asc = (await collect({ SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }] })).map((f) => Date.parse(f.UpdatedAt!));
    expect([...asc].sort((a, b) => a - b)).toEqual(asc);
    expect(asc).toHaveLength(all.length);
  });
});

describe('GetFindings filters', () => {
  const cases: [string, GetFindingsCommandInput['Filters'], (f: AwsSecurityFinding) => boolean][] = [
    ['RecordState', { RecordState: [{ Value: 'ARCHIVED', Comparison: 'EQUALS' }] }, (f) => f.RecordState === 'ARCHIVED'],
    ['WorkflowStatus', { WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }, { Value: 'NOTIFIED', Comparison: 'EQUALS' }] }, (f) => ['NEW', 'NOTIFIED'].includes(f.Workflow!.Status!)],
    ['ComplianceStatus', { ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }] }, (f) => f.Compliance?.Status === 'FAILED'],
    ['ComplianceStatus NOT_EQUALS', { ComplianceStatus: [{ Value: 'PASSED', Comparison: 'NOT_EQUALS' }] }, (f) => f.Compliance?.Status !== 'PASSED'],
    ['ComplianceSecurityControlId PREFIX', { ComplianceSecurityControlId: [{ Value: 'S3.', Comparison: 'PREFIX' }] }, (f) => !!f.Compliance?.SecurityControlId?.startsWith('S3.')],
    [
      'combined (the sync filter)',
      { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }], ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }], WorkflowStatus: [{ Value: 'SUPPRESSED', Comparison: 'NOT_EQUALS' }] },
      (f) => f.RecordState === 'ACTIVE' && f.Compliance?.Status === 'FAILED' && f.Workflow?.Status !== 'SUPPRESSED',
    ],
    ['AwsAccountId (own)', { AwsAccountId: [{ Value: '', Comparison: 'EQUALS' }] }, () => true],
    ['Region', { Region: [{ Value: 'us-east-1', Comparison: 'EQUALS' }] }, () => true],
  ];

  for (const [name, filters, predicate] of cases) {
    it(`${name}: returns exactly the matching findings`, async () => {
      const f = name === 'AwsAccountId (own)' ? { AwsAccountId: [{ Value: account.id, Comparison: 'EQUALS' as const }] } : filters;
      const expected = ids(all.filter(predicate));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await collect({ Filters: f }))).toEqual(expected);
    });
  }

  it('ComplianceSecurityControlId EQUALS selects one control', async () => {
    const controlId = all.find((f) => f.Compliance)!.Compliance!.SecurityControlId!;
    const got = await collect({ Filters: { ComplianceSecurityControlId: [{ Value: controlId, Comparison: 'EQUALS' }] } });
    expect(got.length).toBeGreaterThan(0);
    expect(ids(got)).toEqual(ids(all.filter((f) => f.Compliance?.SecurityControlId === controlId)));
  });

  it('AwsAccountId or Region of another partition matches nothing, without a NextToken', async () => {
    for (const Filters of [{ AwsAccountId: [{ Value: other.id, Comparison: 'EQUALS' as const }] }, { Region: [{ Value: 'us-west-2', Comparison: 'EQUALS' as const }] }]) {
      const out = await client.send(new GetFindingsCommand({ Filters }));
      expect(out.Findings).toEqual([]);
      expect(out.NextToken).toBeUndefined();
    }
  });

  it('UpdatedAt Start/End is an inclusive range', async () => {
    const times = all.map((f) => f.UpdatedAt!).sort();
    const start = times[Math.floor(times.length / 4)];
    const end = times[Math.floor(times.length / 2)];
    const got = await collect({ Filters: { UpdatedAt: [{ Start: start, End: end }] } });
    expect(ids(got)).toEqual(ids(all.filter((f) => f.UpdatedAt! >= start && f.UpdatedAt! <= end)));
    expect(got.some((f) => f.UpdatedAt === start)).toBe(true);
  });

  it('UpdatedAt DateRange counts days back from the scenario clock', async () => {
    endpoint.scenarios.setNow('2025-01-01T00:00:00Z');
    try {
      const got = await collect({ Filters: { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] } });
      const edge = Date.parse('2024-12-25T00:00:00Z');
      expect(got.length).toBeGreaterThan(0);
      expect(ids(got)).toEqual(ids(all.filter((f) => Date.parse(f.UpdatedAt!) >= edge)));
    } finally {
      endpoint.scenarios.useRealClock();
    }
  });

  it('rejects filters it does not implement rather than ignoring them', async () => {
    const error = await thrown(() => client.send(new GetFindingsCommand({ Filters: { MalwareName: [{ Value: 'x', Comparison: 'EQUALS' }] } })));
    expect(error.name).toBe('InvalidInputException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('GetFindings paging', () => {
  it('returns 100 findings per page by default and caps MaxResults at 100', async () => {
    const first = await client.send(new GetFindingsCommand({}));
    expect(first.Findings).toHaveLength(100);
    expect(first.NextToken).toBeTruthy();
    const small = await client.send(new GetFindingsCommand({ MaxResults: 7 }));
    expect(small.Findings).toHaveLength(7);
    for (const MaxResults of [0, 101]) {
      const error = await thrown(() => client.send(new GetFindingsCommand({ MaxResults })));
      expect(error.name).toBe('InvalidInputException');
    }
  });

  it('pages with any page size and returns the same set', async () => {
    expect(ids(await collect({}, client, 37))).toEqual(ids(all));
  });

  it('rejects forged tokens and tokens issued for other filters', async () => {
    expect((await thrown(() => client.send(new GetFindingsCommand({ NextToken: 'bm9wZQ.abc' })))).name).toBe('InvalidInputException');
    const first = await client.send(new GetFindingsCommand({ Filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] } }));
    const error = await thrown(() => client.send(new GetFindingsCommand({ NextToken: first.NextToken, Filters: { RecordState: [{ Value: 'ARCHIVED', Comparison: 'EQUALS' }] } })));
    expect(error.name).toBe('InvalidInputException');
  });
});

describe('Security Hub authentication', () => {
  it('refuses the management principal (it may only call STS)', async () => {
    const mgmt = securityHub(endpoint, { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: endpoint.management.secretAccessKey }, { maxAttempts: 1 });
    const error = await thrown(() => mgmt.send(new GetFindingsCommand({})));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    mgmt.destroy();
  });

  it("scopes another account's temporary credentials to that account", async () => {
    const otherClient = securityHub(endpoint, await assumeRole(endpoint, other));
    const page = await otherClient.send(new GetFindingsCommand({ MaxResults: 50 }));
    expect(page.Findings!.every((f) => f.AwsAccountId === other.id)).toBe(true);
    const forA = await otherClient.send(new GetFindingsCommand({ Filters: { AwsAccountId: [{ Value: account.id, Comparison: 'EQUALS' }] } }));
    expect(forA.Findings).toEqual([]);
    otherClient.destroy();
  });

  it('rejects unknown keys, wrong session tokens, wrong secrets and expired credentials', async () => {
    const cases: [TemporaryCredentials, string][] = [
      [{ ...creds, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' }, 'UnrecognizedClientException'],
      [{ ...creds, sessionToken: 'forged' }, 'UnrecognizedClientException'],
      [{ ...creds, secretAccessKey: 'z'.repeat(40) }, 'InvalidSignatureException'],
    ];
    for (const [c, name] of cases) {
      const bad = securityHub(endpoint, c, { maxAttempts: 1 });
      const error = await thrown(() => bad.send(new GetFindingsCommand({})));
      expect(error.name).toBe(name);
      expect(error.$metadata?.httpStatusCode).toBe(403);
      bad.destroy();
    }
    endpoint.scenarios.advanceClock(2 * 3600 * 1000);
    try {
      const error = await thrown(() => client.send(new GetFindingsCommand({})));
      expect(error.name).toBe('ExpiredTokenException');
    } finally {
      endpoint.scenarios.useRealClock();
    }
  });

  it('answers InvalidAccessException in a region the account does not use', async () => {
    const elsewhere = securityHub(endpoint, creds, { region: 'eu-west-1' });
    const error = await thrown(() => elsewhere.send(new GetFindingsCommand({})));
    expect(error.name).toBe('InvalidAccessException');
    elsewhere.destroy();
  });
});
