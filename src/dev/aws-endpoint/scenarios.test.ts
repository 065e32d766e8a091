import { DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATH, ADMIN_TOKEN_HEADER } from './admin';
import { demoOrganization, type OrgAccount } from './generator';
import { startAwsEndpoint, type AwsEndpoint } from './server';
import { assumeRole, configService, securityHub, thrown, type TemporaryCredentials } from './test-helpers';

let endpoint: AwsEndpoint;
let account: OrgAccount;
let creds: TemporaryCredentials;

beforeAll(async () => {
  endpoint = await startAwsEndpoint({ organization: demoOrganization({ anchorTime: '2025-01-01T00:00:00Z' }) });
  account = endpoint.org.accounts[1];
  creds = await assumeRole(endpoint, account);
});
afterEach(() => endpoint.scenarios.reset());
afterAll(async () => {
  await endpoint.close();
});

describe('throttling', () => {
  it("GetFindings: AWS's 3 req/s burst 6 per account-region; the SDK's retries absorb a short burst", { timeout: 60_000 }, async () => {
    endpoint.scenarios.throttle({ service: 'securityhub' });
    const client = securityHub(endpoint, creds, { maxAttempts: 8 });
    const pages = await Promise.all(Array.from({ length: 9 }, () => client.send(new GetFindingsCommand({ MaxResults: 1 }))));
    expect(pages.every((p) => p.Findings?.length === 1)).toBe(true);
    const stats = endpoint.scenarios.callCounts()['securityhub:GetFindings'];
    // Nine at once against a burst of six: some were throttled (three unless the machine is very slow).
    expect(stats.throttled).toBeGreaterThanOrEqual(1);
    expect(stats.calls).toBe(9 + stats.throttled);
    client.destroy();
  });

  it('with retries exhausted the SDK raises TooManyRequestsException (429)', async () => {
    // AWS's burst of 6, with a refill slow enough that timing cannot matter.
    endpoint.scenarios.throttle({ service: 'securityhub', accountId: account.id, region: 'us-east-1' }, { ratePerSecond: 0.01 });
    const client = securityHub(endpoint, creds, { maxAttempts: 1 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => client.send(new GetFindingsCommand({ MaxResults: 1 }))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    expect(rejected[0].reason.name).toBe('TooManyRequestsException');
    expect(rejected[0].reason.$metadata.httpStatusCode).toBe(429);
    // Another region has its own bucket.
    const west = securityHub(endpoint, creds, { maxAttempts: 1, region: 'us-west-2' });
    await expect(west.send(new GetFindingsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
    client.destroy();
    west.destroy();
  });

  it('Config throttles with ThrottlingException (awsJson 400)', async () => {
    endpoint.scenarios.throttle({ service: 'config' }, { ratePerSecond: 0.01, burst: 2 });
    const client = configService(endpoint, creds, { maxAttempts: 1 });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => client.send(new DescribeConfigRulesCommand({}))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    expect(rejected[0].reason.name).toBe('ThrottlingException');
    expect(rejected[0].reason.$metadata.httpStatusCode).toBe(400);
    client.destroy();
  });
});

describe('server errors and latency', () => {
  it('the SDK retries through the next N 5xx answers', async () => {
    endpoint.scenarios.serverErrors({ service: 'securityhub', count: 2 });
    const client = securityHub(endpoint, creds);
    const out = await client.send(new GetFindingsCommand({ MaxResults: 1 }));
    expect(out.$metadata.attempts).toBe(3);
    expect(endpoint.scenarios.callCounts()['securityhub:GetFindings']).toMatchObject({ calls: 3, failed: 2, serverMs: expect.any(Number) });
    client.destroy();
  });

  it('persistent 5xx surface as InternalException / InternalFailure', async () => {
    endpoint.scenarios.serverErrors({ rate: 1 });
    const sh = securityHub(endpoint, creds, { maxAttempts: 2 });
    const shError = await thrown(() => sh.send(new GetFindingsCommand({})));
    expect(shError).toMatchObject({ name: 'InternalException', $metadata: { httpStatusCode: 500, attempts: 2 } });
    const config = configService(endpoint, creds, { maxAttempts: 1 });
    expect(await thrown(() => config.send(new DescribeConfigRulesCommand({})))).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
    sh.destroy();
    config.destroy();
  });

  it('slows responses down', async () => {
    endpoint.scenarios.slow({ operation: 'GetFindings', ms: 250 });
    const client = securityHub(endpoint, creds);
    const started = performance.now();
    await client.send(new GetFindingsCommand({ MaxResults: 1 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    client.destroy();
  });
});

describe('access and subscription', () => {
  it('denies service calls in one region while STS and other regions work', async () => {
    endpoint.scenarios.accessDenied({ accountId: account.id, region: 'us-east-2', service: 'securityhub' });
    const fresh = await assumeRole(endpoint, account);
    const east2 = securityHub(endpoint, fresh, { region: 'us-east-2', maxAttempts: 1 });
    const error = await thrown(() => east2.send(new GetFindingsCommand({})));
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(error.message).toContain('securityhub:GetFindings');
    const east1 = securityHub(endpoint, fresh);
    await expect(east1.send(new GetFindingsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
    east1.destroy();
    east2.destroy();
  });

  it('reports Security Hub as not enabled', async () => {
    endpoint.scenarios.notSubscribed({ accountId: account.id });
    const client = securityHub(endpoint, creds);
    expect(await thrown(() => client.send(new GetFindingsCommand({})))).toMatchObject({ name: 'InvalidAccessException', $metadata: { httpStatusCode: 401 } });
    client.destroy();
  });
});

describe('malformed records', () => {
  it('breaks every Nth finding', async () => {
    endpoint.scenarios.malformedFindings({ every: 3 });
    const client = securityHub(endpoint, creds);
    const out = await client.send(new GetFindingsCommand({ MaxResults: 100 }));
    const broken = out.Findings!.filter((f) => !f.Resources || !f.UpdatedAt);
    expect(broken.length).toBeGreaterThan(10);
    expect(broken.length).toBeLessThan(60);
    client.destroy();
  });

  it('can return a body that is not JSON at all', async () => {
    endpoint.scenarios.malformedFindings({ mode: 'invalid-json' });
    const client = securityHub(endpoint, creds, { maxAttempts: 1 });
    const error = await thrown(() => client.send(new GetFindingsCommand({ MaxResults: 5 })));
    expect(error).toBeInstanceOf(Error);
    client.destroy();
  });
});

describe('counters and clock', () => {
  it('counts calls per operation', async () => {
    endpoint.scenarios.resetCallCounts();
    const sh = securityHub(endpoint, creds);
    const config = configService(endpoint, creds);
    await sh.send(new GetFindingsCommand({ MaxResults: 1 }));
    await sh.send(new GetFindingsCommand({ MaxResults: 1 }));
    await config.send(new DescribeConfigRulesCommand({}));
    expect(endpoint.scenarios.totalCalls('GetFindings')).toBe(2);
    expect(endpoint.scenarios.totalCalls('config:DescribeConfigRules')).toBe(1);
    expect(endpoint.scenarios.totalCalls()).toBe(3);
    sh.destroy();
    config.destroy();
  });

  it('stamps mutations with the scenario clock', () => {
    endpoint.scenarios.setNow('2025-02-03T04:05:06.000Z');
    const [added] = endpoint.scenarios.addFindings({ accountId: account.id, region: 'us-east-1', securityControlId: 'S3.5', complianceStatus: 'FAILED' });
    expect(added).toMatchObject({ securityControlId: 'S3.5', complianceStatus: 'FAILED', workflowStatus: 'NEW', recordState: 'ACTIVE', updatedAt: '2025-02-03T04:05:06.000Z' });
    endpoint.scenarios.advanceClock(60_000);
    const [passed] = endpoint.scenarios.updateFindings({ ids: [added.id], complianceStatus: 'PASSED' });
    expect(passed).toMatchObject({ complianceStatus: 'PASSED', workflowStatus: 'RESOLVED', updatedAt: '2025-02-03T04:06:06.000Z' });
    expect(endpoint.scenarios.finding(added.id)).toEqual(passed);
  });
});

describe('admin route', () => {
  const admin = (init: RequestInit & { token?: string | null } = {}) =>
    fetch(`${endpoint.url}${ADMIN_PATH}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.token === null ? {} : { [ADMIN_TOKEN_HEADER]: init.token ?? endpoint.adminToken }), ...(init.headers as Record<string, string>) },
    });

  it('refuses requests without the admin token, and anything AWS-signed', async () => {
    expect((await admin({ token: null })).status).toBe(403);
    expect((await admin({ token: 'wrong' })).status).toBe(403);
    expect((await admin({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } })).status).toBe(403);
  });

  it('drives the same controls over HTTP', async () => {
    const add = await admin({ method: 'POST', body: JSON.stringify({ action: 'add', rule: { service: 'securityhub', accountId: account.id, effect: { type: 'serverError', count: 1 } } }) });
    expect(add.status).toBe(200);
    expect(endpoint.scenarios.list()).toHaveLength(1);
    const archive = await admin({ method: 'POST', body: JSON.stringify({ action: 'archiveFindings', accountId: account.id, region: 'us-east-1', count: 2 }) });
    const archived = (await archive.json()) as { findings: { recordState: string }[] };
    expect(archived.findings.map((f) => f.recordState)).toEqual(['ARCHIVED', 'ARCHIVED']);
    const state = (await (await admin()).json()) as { rules: unknown[]; organization: { accounts: { roleArn: string }[] } };
    expect(state.rules).toHaveLength(1);
    expect(state.organization.accounts[1].roleArn).toBe(account.roleArn);
    expect((await admin({ method: 'POST', body: JSON.stringify({ action: 'nope' }) })).status).toBe(400);
  });
});
