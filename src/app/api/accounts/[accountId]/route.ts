import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { accountUpdateSchema, updateAccount } from '@/server/accounts/registry';

export const dynamic = 'force-dynamic';

export const PATCH = apiRoute({ permission: 'accounts:manage', body: accountUpdateSchema }, async ({ body, params }) => ({
  account: await updateAccount(db(), params.accountId ?? '', body),
}));
