// Which AWS accounts a user may see. Account owners are confined to the accounts
// they own in every query; everyone else sees all. Callers put this in their `where`.
import type { SessionUser } from '@/server/auth/users';
import { seesAllAccounts } from '@/server/auth/permissions';

export function visibleAccountsWhere(user: SessionUser) {
  return seesAllAccounts(user.role) ? {} : { owners: { some: { userId: user.id } } };
}

/** For tables keyed by account_id: `{ accountId: { in: [...] } }` or nothing. */
export async function visibleAccountIds(
  db: { accountOwner: { findMany(args: { where: { userId: string }; select: { accountId: true } }): Promise<{ accountId: string }[]> } },
  user: SessionUser,
): Promise<string[] | 'all'> {
  if (seesAllAccounts(user.role)) return 'all';
  const owned = await db.accountOwner.findMany({ where: { userId: user.id }, select: { accountId: true } });
  return owned.map((o) => o.accountId);
}
