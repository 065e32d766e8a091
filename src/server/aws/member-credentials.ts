// Credentials for member accounts: only ever through STS AssumeRole with the account's
// ExternalId, from the app's own credentials (the SDK's standard provider chain, which
// also honours AWS_ENDPOINT_URL[_STS] and AWS_REGION). Temporary credentials are cached
// per role and refreshed before they expire; they are never stored or logged.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface MemberAccountRole {
  accountId: string;
  roleArn: string;
  externalId: string;
}

export const ROLE_SESSION_NAME_PREFIX = 'safeguards-readonly';
/** Refresh this long before expiry, so a long page loop never signs with stale keys. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const SESSION_SECONDS = 3600;

export function defaultRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

let stsClient: STSClient | undefined;
function sts(): STSClient {
  stsClient ??= new STSClient({ region: defaultRegion() });
  return stsClient;
}

/** For tests and the demo, which start an endpoint after the first client was made. */
export function resetStsClient(): void {
  stsClient?.destroy();
  stsClient = undefined;
  cache.clear();
}

const cache = new Map<string, Promise<AwsCredentialIdentity>>();

async function assumeRole(role: MemberAccountRole): Promise<AwsCredentialIdentity> {
  const response = await sts().send(
    new AssumeRoleCommand({
      RoleArn: role.roleArn,
      ExternalId: role.externalId,
      RoleSessionName: `${ROLE_SESSION_NAME_PREFIX}-${role.accountId}`,
      DurationSeconds: SESSION_SECONDS,
    }),
  );
  const c = response.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${role.accountId} returned no credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

/**
 * A credential provider for SDK clients of one member account. The SDK calls it again
 * when the credentials near expiry; the cache shares one session between clients.
 */
export function memberAccountCredentials(role: MemberAccountRole): AwsCredentialIdentityProvider {
  const key = `${role.roleArn}\0${role.externalId}`;
  return async () => {
    const cached = cache.get(key);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && (!credentials.expiration || credentials.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) {
        return credentials;
      }
    }
    const fresh = assumeRole(role);
    cache.set(key, fresh);
    // A failed AssumeRole is not cached: the next sync tries again.
    fresh.catch(() => cache.get(key) === fresh && cache.delete(key));
    return fresh;
  };
}

/** "Test access": AssumeRole, then GetCallerIdentity with the temporary credentials. */
export async function testMemberAccess(role: MemberAccountRole): Promise<{ ok: true; arn: string; account: string } | { ok: false; error: string }> {
  try {
    const credentials = await assumeRole(role);
    const client = new STSClient({ region: defaultRegion(), credentials });
    try {
      const identity = await client.send(new GetCallerIdentityCommand({}));
      if (identity.Account !== role.accountId) {
        return { ok: false, error: `The role answered as account ${identity.Account}, not ${role.accountId}.` };
      }
      return { ok: true, arn: identity.Arn ?? '', account: identity.Account ?? '' };
    } finally {
      client.destroy();
    }
  } catch (error) {
    return { ok: false, error: describeAwsError(error) };
  }
}

/** A message for people: the AWS error name and message, never credentials. */
export function describeAwsError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
    return `${e.name ?? 'Error'}: ${e.message ?? String(error)}${status}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}
