// Which AWS accounts a user may see. Account owners are confined to the accounts
// they own in every query; everyone else sees all. Callers put this in their `where`.
import { Prisma } from '@/generated/prisma/client';
import type { SessionUser } from '@/server/auth/users';
import { queryRows, type Db } from '@/server/db';
import { seesAllAccounts } from '@/server/auth/permissions';

export function visibleAccountsWhere(user: SessionUser) {
  return seesAllAccounts(user.role) ? {} : { owners: { some: { userId: user.id } } };
}

/** For tables keyed by account_id: 'all', or the accounts the owner owns (every page of an owner asks: one plain statement). */
export async function visibleAccountIds(db: Db, user: SessionUser): Promise<string[] | 'all'> {
  if (seesAllAccounts(user.role)) return 'all';
  const owned = await queryRows<{ account_id: string }[]>(db, Prisma.sql`SELECT account_id FROM account_owners WHERE user_id = ${user.id}::uuid ORDER BY account_id`);
  return owned.map((o) => o.account_id);
}
