// The accounts the attestation pages offer the caller (account owners: their own; others: all).
import { visibleAccountsWhere } from '@/server/accounts/account-scope';
import type { SessionUser } from '@/server/auth/users';
import type { Db } from '@/server/db';

export async function attestationAccounts(db: Db, actor: SessionUser): Promise<{ id: string; name: string }[]> {
  return db.awsAccount.findMany({ where: visibleAccountsWhere(actor), select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
