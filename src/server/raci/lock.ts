// Every RACI write runs in a transaction holding one advisory lock, so two edits cannot both
// pass the one-Accountable check against the same old row, and a control's change times
// strictly increase (its history replays in a single, unambiguous order).
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';

export type Tx = Prisma.TransactionClient;

/** Arbitrary constant naming the RACI lock among the app's advisory locks. */
const RACI_LOCK_KEY = 5_207_301;

export async function withRaciLock<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${RACI_LOCK_KEY})`);
    return run(tx);
  });
}

/** `now`, or 1 ms after the newest change recorded for these controls when the clock has not moved past it. */
export async function nextChangeTime(tx: Tx, now: Date, controlIds: readonly string[]): Promise<Date> {
  if (controlIds.length === 0) return now;
  const { _max } = await tx.raciChange.aggregate({ where: { controlId: { in: [...controlIds] } }, _max: { changedAt: true } });
  const last = _max.changedAt?.getTime() ?? -Infinity;
  return new Date(Math.max(now.getTime(), last + 1));
}
