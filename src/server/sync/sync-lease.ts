// At most one sync per account-region-source at a time, across every worker and
// machine: a lease row in sync_states. A crashed worker's lease runs out by itself.
import type { Db } from '@/server/db';
import type { SyncSource } from '@/generated/prisma/enums';

/** How long a lease lasts without a heartbeat (tests shorten it to see a dead worker's lease run out). */
export const LEASE_SECONDS = Number(process.env.SAFEGUARDS_SYNC_LEASE_SECONDS ?? 120);
export const HEARTBEAT_MS = Math.min(30_000, (LEASE_SECONDS * 1000) / 4);

export interface SyncTarget {
  accountId: string;
  region: string;
  source: SyncSource;
}

type Tx = Pick<Db, '$executeRaw'>;

export async function acquireLease(db: Db, target: SyncTarget, runId: string): Promise<boolean> {
  await db.$executeRaw`
    INSERT INTO sync_states (account_id, region, source) VALUES (${target.accountId}, ${target.region}, ${target.source}::"SyncSource")
    ON CONFLICT DO NOTHING`;
  return db.$transaction(async (tx) => {
    const [previous] = await tx.$queryRaw<{ lease_run_id: string | null }[]>`
      SELECT lease_run_id::text FROM sync_states
      WHERE account_id = ${target.accountId} AND region = ${target.region} AND source = ${target.source}::"SyncSource"
        AND (lease_until IS NULL OR lease_until < now())
      FOR UPDATE SKIP LOCKED`;
    if (!previous) return false;
    await tx.$executeRaw`
      UPDATE sync_states SET lease_run_id = ${runId}::uuid, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE account_id = ${target.accountId} AND region = ${target.region} AND source = ${target.source}::"SyncSource"`;
    // A run whose lease ran out without being released died with its worker: say so.
    if (previous.lease_run_id) {
      await tx.syncRun.updateMany({
        where: { id: previous.lease_run_id, status: 'running' },
        data: { status: 'failed', finishedAt: new Date(), error: 'Abandoned: the worker stopped during the sync (its lease ran out). The next run resumed from the watermark.' },
      });
    }
    return true;
  });
}

/** Extends the lease; false when another run has taken it over (ours had run out). */
export async function renewLease(tx: Tx, target: SyncTarget, runId: string): Promise<boolean> {
  const renewed = await tx.$executeRaw`
    UPDATE sync_states SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE account_id = ${target.accountId} AND region = ${target.region} AND source = ${target.source}::"SyncSource"
      AND lease_run_id = ${runId}::uuid`;
  return renewed === 1;
}

export async function releaseLease(db: Db, target: SyncTarget, runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_states SET lease_run_id = NULL, lease_until = NULL
    WHERE account_id = ${target.accountId} AND region = ${target.region} AND source = ${target.source}::"SyncSource"
      AND lease_run_id = ${runId}::uuid`;
}

export class LeaseLostError extends Error {
  constructor(target: SyncTarget) {
    super(`another sync took over ${target.source} ${target.accountId}/${target.region}`);
  }
}
