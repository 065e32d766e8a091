import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { findAccount } from '@/server/accounts/registry';
import { testMemberAccess } from '@/server/aws/member-credentials';

export const dynamic = 'force-dynamic';

/** AssumeRole + GetCallerIdentity with the account's role and ExternalId. */
export const POST = apiRoute({ permission: 'accounts:manage' }, async ({ params }) => {
  const account = await findAccount(db(), params.accountId ?? '');
  return testMemberAccess({ accountId: account.id, roleArn: account.roleArn, externalId: account.externalId });
});
