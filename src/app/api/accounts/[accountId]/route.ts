import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { accountUpdateSchema, updateAccount } from '@/server/accounts/registry';

export const dynamic = 'force-dynamic';

export const PATCH = apiRoute({ permission: 'accounts:manage', body: accountUpdateSchema }, async ({ body, params, user }) => ({
  account: await updateAccount(db(), params.accountId ?? '', body, { id: user.id, email: user.email }),
}));
