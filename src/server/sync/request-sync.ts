// "Sync now": queue a sync of the account-regions a user may see (one account or all).
// An account owner asking for someone else's account gets "not found".
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Db } from '@/server/db';
import type { SessionUser } from '@/server/auth/users';
import { parseOrThrow } from '@/server/validation';
import { visibleAccountsWhere } from '@/server/accounts/account-scope';
import { NotFoundError } from '@/server/errors';
import { enqueueSyncs } from './jobs';
import { recordAuditEvent } from '@/server/audit/record-audit-event';

export const syncRequestSchema = z.strictObject({
  accountId: z.string().regex(/^\d{12}$/, 'An AWS account id has exactly 12 digits.').optional(),
});

export async function requestSync(db: Db, boss: PgBoss, user: SessionUser, input: unknown): Promise<{ queued: number; accountRegions: number }> {
  const { accountId } = parseOrThrow(syncRequestSchema, input);
  const accounts = await db.awsAccount.findMany({
    where: { ...visibleAccountsWhere(user), enabled: true, ...(accountId ? { id: accountId } : {}) },
    select: { id: true, regions: true },
  });
  if (accountId && accounts.length === 0) throw new NotFoundError('Unknown account.');
  const targets = accounts.flatMap((a) => a.regions.map((region) => ({ accountId: a.id, region })));
  const queued = await enqueueSyncs(boss, targets, `manual:${user.email}`);
  await recordAuditEvent(db, {
    actor: { id: user.id, email: user.email },
    action: 'sync.request',
    target: accountId ? { type: 'aws_account', id: accountId } : undefined,
    accountId: accountId ?? null,
    details: { accountRegions: targets.length, queued },
  });
  return { queued, accountRegions: targets.length };
}
