// Integration tests' AWS: the local endpoint serving a generated organization, wired in
// exactly as in production, through the SDK's standard environment variables.
import { SecurityHubClient, paginateGetFindings, type AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { generateOrganization, startAwsEndpoint, type AwsEndpoint, type OrganizationSpec } from '@/dev/aws-endpoint';
import type { Db } from '@/server/db';
import { memberAccountCredentials, resetStsClient } from '@/server/aws/member-credentials';

export async function startTestOrganization(spec: OrganizationSpec): Promise<AwsEndpoint> {
  const endpoint = await startAwsEndpoint({ organization: generateOrganization(spec) });
  process.env.AWS_ENDPOINT_URL = endpoint.url;
  process.env.AWS_REGION = endpoint.org.regions[0];
  process.env.AWS_ACCESS_KEY_ID = endpoint.management.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = endpoint.management.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  resetStsClient();
  return endpoint;
}

export async function registerOrganizationAccounts(db: Db, endpoint: AwsEndpoint): Promise<void> {
  await db.awsAccount.createMany({
    data: endpoint.org.accounts.map((a) => ({ id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions })),
  });
}

/** What Security Hub itself holds for an account-region, read independently of the sync code. */
export async function findingIdsInSecurityHub(
  endpoint: AwsEndpoint,
  accountId: string,
  region: string,
  extraFilters: AwsSecurityFindingFilters = { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] },
): Promise<Map<string, string>> {
  const account = endpoint.org.accounts.find((a) => a.id === accountId)!;
  const client = new SecurityHubClient({ region, credentials: memberAccountCredentials({ accountId, roleArn: account.roleArn, externalId: account.externalId }) });
  const ids = new Map<string, string>();
  try {
    for await (const page of paginateGetFindings({ client }, { Filters: { AwsAccountId: [{ Value: accountId, Comparison: 'EQUALS' }], ...extraFilters }, MaxResults: 100 })) {
      for (const f of page.Findings ?? []) ids.set(f.Id!, f.UpdatedAt!);
    }
  } finally {
    client.destroy();
  }
  return ids;
}
