// The accounts an exclusion page offers the caller: account owners their own, everyone else all
// (for the filters, the names in tables, and the accounts a request can be for).
import { visibleAccountsWhere } from '@/server/accounts/account-scope';
import type { SessionUser } from '@/server/auth/users';
import type { Db } from '@/server/db';

export async function exclusionAccounts(db: Db, actor: SessionUser): Promise<{ id: string; name: string }[]> {
  return db.awsAccount.findMany({ where: visibleAccountsWhere(actor), select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
