import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { visibleAccountsWhere } from '@/server/accounts/account-scope';
import { accountInputSchema, createAccount } from '@/server/accounts/registry';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'accounts:view' }, async ({ user }) => ({
  accounts: await db().awsAccount.findMany({
    where: visibleAccountsWhere(user),
    orderBy: { name: 'asc' },
    select: { id: true, name: true, roleArn: true, regions: true, enabled: true, isDemo: true },
  }),
}));

export const POST = apiRoute({ permission: 'accounts:manage', body: accountInputSchema }, async ({ body, user }) => ({
  account: await createAccount(db(), body, { actor: { id: user.id, email: user.email } }),
}));
