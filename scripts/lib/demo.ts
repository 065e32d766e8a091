// The demo AWS organization: when no real AWS account is registered, the local
// AWS-compatible endpoint serves a generated organization and the app is pointed at it
// through the SDK's standard variables (AWS_ENDPOINT_URL, AWS_REGION, credentials), so
// the production code path runs unchanged.
import type { Db } from '../../src/server/db';
import { hasRealAccounts } from '../../src/server/accounts/registry';
import { registerDemoAccounts } from '../../src/server/accounts/demo-accounts';
import { demoOrganization, startAwsEndpoint } from '../../src/dev/aws-endpoint';

export interface DemoOrganization {
  /** Variables to set; undefined ones are removed (a developer's own profile or session stays out). */
  awsEnvironment: Record<string, string | undefined>;
  stop(): Promise<void>;
}

export async function startDemoOrganization(db: Db, options: { enabled: boolean; log: (m: string) => void }): Promise<DemoOrganization | null> {
  if (!options.enabled) return null;
  if (await hasRealAccounts(db)) {
    options.log('real AWS accounts are registered: the demo organization stays off');
    return null;
  }
  const endpoint = await startAwsEndpoint({ organization: demoOrganization() });
  await registerDemoAccounts(
    db,
    endpoint.org.accounts.map((a) => ({ id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions })),
  );
  options.log(`demo AWS organization "${endpoint.org.name}" (${endpoint.org.accounts.length} accounts) served at ${endpoint.url}`);
  return {
    awsEnvironment: {
      AWS_ENDPOINT_URL: endpoint.url,
      AWS_REGION: endpoint.org.regions[0],
      AWS_ACCESS_KEY_ID: endpoint.management.accessKeyId,
      AWS_SECRET_ACCESS_KEY: endpoint.management.secretAccessKey,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
    },
    stop: () => endpoint.close(),
  };
}
