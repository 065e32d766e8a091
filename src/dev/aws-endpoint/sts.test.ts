import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization } from './generator';
import { startAwsEndpoint, type AwsEndpoint } from './server';
import { assumeRole, managementSts, thrown } from './test-helpers';

let endpoint: AwsEndpoint;
let sts: STSClient;

beforeAll(async () => {
  endpoint = await startAwsEndpoint({ organization: demoOrganization({ anchorTime: '2025-01-01T00:00:00Z' }) });
  sts = managementSts(endpoint);
});
afterAll(async () => {
  sts.destroy();
  await endpoint.close();
});

describe('STS', () => {
  it('answers GetCallerIdentity for the management principal', async () => {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(endpoint.org.managementAccountId);
    expect(out.Arn).toBe(`arn:aws:iam::${endpoint.org.managementAccountId}:user/safeguards-sync`);
    expect(out.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
  });

  it('assumes a member role with the right ExternalId and returns temporary credentials', async () => {
    const account = endpoint.org.accounts[1];
    endpoint.scenarios.setNow('2025-01-02T00:00:00Z');
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'sync-1', ExternalId: account.externalId, DurationSeconds: 900 }));
      expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(out.Credentials?.SecretAccessKey).toHaveLength(40);
      expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
      expect(out.Credentials?.Expiration?.toISOString()).toBe('2025-01-02T00:15:00.000Z');
      expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account.id}:assumed-role/SafeguardsReadOnly/sync-1`);
      expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:sync-1$/);

      const assumed = new STSClient({
        endpoint: endpoint.url,
        region: 'us-east-1',
        credentials: { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! },
      });
      const who = await assumed.send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(account.id);
      expect(who.Arn).toBe(out.AssumedRoleUser?.Arn);
      assumed.destroy();
    } finally {
      endpoint.scenarios.useRealClock();
    }
  });

  it('denies AssumeRole with a wrong or missing ExternalId (AccessDenied, 403)', async () => {
    const account = endpoint.org.accounts[0];
    const wrong = await thrown(() => sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'sync', ExternalId: 'not-the-id' })));
    expect(wrong.name).toBe('AccessDenied');
    expect(wrong.$metadata?.httpStatusCode).toBe(403);
    expect(wrong.message).toBe(`User: arn:aws:iam::${endpoint.org.managementAccountId}:user/safeguards-sync is not authorized to perform: sts:AssumeRole on resource: ${account.roleArn}`);
    const missing = await thrown(() => sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'sync' })));
    expect(missing.name).toBe('AccessDenied');
  });

  it('denies AssumeRole on an unknown role or account', async () => {
    const account = endpoint.org.accounts[0];
    const otherRole = await thrown(() => sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.id}:role/Admin`, RoleSessionName: 'sync', ExternalId: account.externalId })));
    expect(otherRole.name).toBe('AccessDenied');
    const otherAccount = await thrown(() => sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::999999999999:role/SafeguardsReadOnly', RoleSessionName: 'sync', ExternalId: account.externalId })));
    expect(otherAccount.name).toBe('AccessDenied');
  });

  it('does not let an assumed role chain into another member account', async () => {
    const [a, b] = endpoint.org.accounts;
    const creds = await assumeRole(endpoint, a);
    const chained = new STSClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: creds });
    const error = await thrown(() => chained.send(new AssumeRoleCommand({ RoleArn: b.roleArn, RoleSessionName: 'sync', ExternalId: b.externalId })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain(`assumed-role/SafeguardsReadOnly/safeguards-test`);
    chained.destroy();
  });

  it('validates DurationSeconds against the role maximum', async () => {
    const account = endpoint.org.accounts[0];
    const error = await thrown(() => sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'sync', ExternalId: account.externalId, DurationSeconds: 7200 })));
    expect(error.name).toBe('ValidationError');
  });

  it('rejects unknown access keys and wrong secrets', async () => {
    const unknown = new STSClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) } });
    expect((await thrown(() => unknown.send(new GetCallerIdentityCommand({}))))).toMatchObject({ name: 'InvalidClientTokenId' });
    const badSecret = new STSClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: 'y'.repeat(40) }, maxAttempts: 1 });
    expect((await thrown(() => badSecret.send(new GetCallerIdentityCommand({}))))).toMatchObject({ name: 'SignatureDoesNotMatch' });
    unknown.destroy();
    badSecret.destroy();
  });

  it('works through the standard AWS_ENDPOINT_URL override, with no endpoint option', async () => {
    const saved = { url: process.env.AWS_ENDPOINT_URL, key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ENDPOINT_URL = endpoint.url;
    process.env.AWS_ACCESS_KEY_ID = endpoint.management.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = endpoint.management.secretAccessKey;
    try {
      const fromEnv = new STSClient({ region: 'us-east-2' });
      expect((await fromEnv.send(new GetCallerIdentityCommand({}))).Account).toBe(endpoint.org.managementAccountId);
      fromEnv.destroy();
    } finally {
      for (const [name, value] of [['AWS_ENDPOINT_URL', saved.url], ['AWS_ACCESS_KEY_ID', saved.key], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('honours an accessDenied scenario for one account only', async () => {
    const [a, b] = endpoint.org.accounts;
    const id = endpoint.scenarios.accessDenied({ accountId: a.id });
    try {
      expect((await thrown(() => assumeRole(endpoint, a))).name).toBe('AccessDenied');
      await expect(assumeRole(endpoint, b)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    } finally {
      endpoint.scenarios.remove(id);
    }
    await expect(assumeRole(endpoint, a)).resolves.toBeDefined();
  });
});
