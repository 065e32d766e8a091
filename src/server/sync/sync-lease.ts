// At most one sync per account-region-source at a time, across every worker and
// machine: a lease row in sync_states. A crashed worker's lease runs out by itself.
import type { Db } from '@/server/db';
import type { SyncSource } from '@/generated/prisma/enums';

export const LEASE_SECONDS = 120;
export const HEARTBEAT_MS = 30_000;

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
  const taken = await db.$executeRaw`
    UPDATE sync_states SET lease_run_id = ${runId}::uuid, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE account_id = ${target.accountId} AND region = ${target.region} AND source = ${target.source}::"SyncSource"
      AND (lease_until IS NULL OR lease_until < now())`;
  return taken === 1;
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
