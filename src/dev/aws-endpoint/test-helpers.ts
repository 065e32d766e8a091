// Shared by the endpoint's tests: real SDK clients wired to a running endpoint.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsEndpoint } from './server';
import type { OrgAccount } from './generator';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration?: Date;
}

export function managementSts(endpoint: AwsEndpoint, region = 'us-east-1'): STSClient {
  return new STSClient({
    endpoint: endpoint.url,
    region,
    credentials: { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: endpoint.management.secretAccessKey },
  });
}

export async function assumeRole(endpoint: AwsEndpoint, account: OrgAccount, durationSeconds?: number): Promise<TemporaryCredentials> {
  const sts = managementSts(endpoint);
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'safeguards-test', ExternalId: account.externalId, DurationSeconds: durationSeconds }));
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
  } finally {
    sts.destroy();
  }
}

type ClientOptions = { maxAttempts?: number; region?: string };

export function securityHub(endpoint: AwsEndpoint, credentials: TemporaryCredentials | { accessKeyId: string; secretAccessKey: string }, options: ClientOptions = {}): SecurityHubClient {
  return new SecurityHubClient({ endpoint: endpoint.url, region: options.region ?? 'us-east-1', credentials, maxAttempts: options.maxAttempts });
}

export function configService(endpoint: AwsEndpoint, credentials: TemporaryCredentials | { accessKeyId: string; secretAccessKey: string }, options: ClientOptions = {}): ConfigServiceClient {
  return new ConfigServiceClient({ endpoint: endpoint.url, region: options.region ?? 'us-east-1', credentials, maxAttempts: options.maxAttempts });
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to throw');
}
