// Expiry, written by the worker: approved exclusions past their date become `expired`, and so do
// requests nobody decided before it, each with a system event. Posture never waits for this (it
// checks expiresAt when reading); it keeps the stored status and history truthful. Idempotent and
// safe with several workers: the conditional update lets each row expire once.
import type { Db } from '@/server/db';
import { TRANSITIONS } from './exclusion-rules';

const REASONS = {
  approved: 'The expiry date passed.',
  pending: 'The expiry date passed before anyone decided the request.',
} as const;

export async function expireExclusions(db: Db, now: Date = new Date()): Promise<{ expired: string[] }> {
  return db.$transaction(async (tx) => {
    const expired: string[] = [];
    for (const from of TRANSITIONS.expire.from) {
      if (from !== 'approved' && from !== 'pending') continue;
      const rows = await tx.exclusion.updateManyAndReturn({
        where: { status: from, expiresAt: { lte: now } },
        data: { status: TRANSITIONS.expire.to, version: { increment: 1 } },
        select: { id: true },
      });
      if (rows.length === 0) continue;
      await tx.exclusionEvent.createMany({
        data: rows.map((row) => ({
          exclusionId: row.id,
          action: 'expired',
          fromStatus: from,
          toStatus: TRANSITIONS.expire.to,
          actorId: null,
          reason: REASONS[from],
          at: now,
        })),
      });
      expired.push(...rows.map((row) => row.id));
    }
    return { expired };
  });
}
