// The data source: the local AWS endpoint serving a generated organization, in the
// benchmark driver's process. The sync runs in a worker child process that reaches it
// through the SDK's standard variables, exactly like the app.
import { generateOrganization, startAwsEndpoint, type AwsEndpoint, type OrganizationSpec } from '@/dev/aws-endpoint';
import type { Db } from '@/server/db';

export interface BenchOrganization {
  endpoint: AwsEndpoint;
  /** What a worker process needs to reach it (AWS_ENDPOINT_URL, region, the caller's keys). */
  env: Record<string, string>;
  targets: { accountId: string; region: string }[];
}

export async function startBenchOrganization(spec: OrganizationSpec): Promise<BenchOrganization> {
  const endpoint = await startAwsEndpoint({ organization: generateOrganization(spec) });
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint.url,
      AWS_REGION: endpoint.org.regions[0],
      AWS_ACCESS_KEY_ID: endpoint.management.accessKeyId,
      AWS_SECRET_ACCESS_KEY: endpoint.management.secretAccessKey,
    },
    targets: endpoint.org.accounts.flatMap((a) => a.regions.map((region) => ({ accountId: a.id, region }))),
  };
}

export async function registerAccounts(db: Db, endpoint: AwsEndpoint): Promise<void> {
  await db.awsAccount.createMany({
    data: endpoint.org.accounts.map((a) => ({ id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions })),
  });
}
