// Sync jobs on a Postgres-backed queue (pg-boss): no extra service, and any number of
// workers on any number of machines share it. The account-region queue is "stately":
// per account-region at most one job waiting and one running, so "Sync now" clicks and
// the schedule never pile up. The lease in sync_states is the second guard.
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Db } from '@/server/db';
import { logger } from '@/server/logger';
import { runExclusionMaintenance } from '@/server/exclusions/maintenance';
import { writePostureSnapshot } from '@/server/posture/snapshots';
import { refreshCurrentPostureAfterChange, refreshOutdatedPosture } from '@/server/posture/current-posture';
import { enabledAccountRegions, syncAccountRegions, type AccountRegion } from './sync-organization';

export const SYNC_QUEUE = 'sync-account-region';
export const SCHEDULE_QUEUE = 'sync-schedule';
/** Posture snapshot for trends and as-of views: after syncs (debounced) and daily. */
export const SNAPSHOT_QUEUE = 'posture-snapshot';
/** Exclusion expiry and staleness. */
export const MAINTENANCE_QUEUE = 'exclusion-maintenance';
/** Current-posture rows brought up to date off the page requests: at worker start and every few minutes. */
export const POSTURE_REFRESH_QUEUE = 'posture-refresh';
const SNAPSHOT_DEBOUNCE_SECONDS = 30;
export const DEFAULT_SYNC_INTERVAL_MINUTES = 60;

const syncJobSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  trigger: z.string().default('schedule'),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

export async function startJobQueue(databaseUrl: string, options: { worker: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    application_name: options.worker ? 'safeguards-worker' : 'safeguards-web',
    max: options.worker ? 6 : 2,
    // Only workers run maintenance and the cron clock; the web app just enqueues.
    supervise: options.worker,
    schedule: options.worker,
  });
  boss.on('error', (error) => {
    // 57P01: PostgreSQL is shutting down (a stop or restart) and closed the connection; pg-boss
    // reconnects when it is back, so on a normal stop this is not an error to report.
    if ((error as { code?: unknown }).code === '57P01') logger.warn('job queue: the database closed the connection (shutting down)');
    else logger.error({ err: error }, 'job queue error');
  });
  await boss.start();
  await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: 'stately', retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 });
  await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'singleton' });
  await boss.createQueue(SNAPSHOT_QUEUE, { name: SNAPSHOT_QUEUE, policy: 'stately' });
  await boss.createQueue(MAINTENANCE_QUEUE, { name: MAINTENANCE_QUEUE, policy: 'singleton' });
  await boss.createQueue(POSTURE_REFRESH_QUEUE, { name: POSTURE_REFRESH_QUEUE, policy: 'singleton' });
  return boss;
}

export async function enqueueSync(boss: PgBoss, job: SyncJob): Promise<boolean> {
  const id = await boss.send(SYNC_QUEUE, job, { singletonKey: `${job.accountId}:${job.region}` });
  // null: a job for this account-region is already waiting.
  return id !== null;
}

export async function enqueueSyncs(boss: PgBoss, targets: AccountRegion[], trigger: string): Promise<number> {
  let queued = 0;
  for (const t of targets) if (await enqueueSync(boss, { ...t, trigger })) queued++;
  return queued;
}

/** Account-regions whose last run started longer ago than the interval (or never ran). */
export async function dueAccountRegions(db: Db, intervalMinutes: number): Promise<AccountRegion[]> {
  const targets = await enabledAccountRegions(db);
  const lastStarts = await db.syncRun.groupBy({ by: ['accountId', 'region'], _max: { startedAt: true } });
  const last = new Map(lastStarts.map((r) => [`${r.accountId}:${r.region}`, r._max.startedAt]));
  const cutoff = Date.now() - intervalMinutes * 60_000;
  return targets.filter((t) => {
    const started = last.get(`${t.accountId}:${t.region}`);
    return !started || started.getTime() < cutoff;
  });
}

export interface WorkerOptions {
  db: Db;
  boss: PgBoss;
  concurrency?: number;
  intervalMinutes?: number;
}

/** Registers the sync handlers: `concurrency` account-regions at a time, and the schedule. */
export async function runSyncWorker({ db, boss, concurrency = 4, intervalMinutes = DEFAULT_SYNC_INTERVAL_MINUTES }: WorkerOptions): Promise<void> {
  for (let i = 0; i < concurrency; i++) {
    await boss.work<SyncJob>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      const data = syncJobSchema.parse(job.data);
      const outcomes = await syncAccountRegions(db, [data], { trigger: data.trigger, concurrency: 1 });
      await refreshCurrentPostureAfterChange(db, [data.accountId]);
      // One snapshot for a burst of syncs: a job already waiting absorbs this one.
      await boss.send(SNAPSHOT_QUEUE, {}, { singletonKey: 'after-sync', startAfter: SNAPSHOT_DEBOUNCE_SECONDS });
      // A failed sync is recorded on its run and shown; the job itself is done (the
      // schedule tries again), so one bad account never clogs the queue with retries.
      return outcomes.map((o) => ({ source: o.source, status: o.status }));
    });
  }
  await boss.work(SNAPSHOT_QUEUE, async () => {
    await writePostureSnapshot(db);
  });
  await boss.schedule(SNAPSHOT_QUEUE, '5 0 * * *');
  await boss.work(MAINTENANCE_QUEUE, async () => {
    const result = await runExclusionMaintenance(db, new Date());
    if (result.expired || result.markedStale || result.reportedAgain) logger.info(result, 'exclusion maintenance');
  });
  await boss.schedule(MAINTENANCE_QUEUE, '*/5 * * * *');
  await boss.work(POSTURE_REFRESH_QUEUE, async () => {
    const refreshed = await refreshOutdatedPosture(db);
    if (refreshed > 0) logger.info({ refreshed }, 'current posture refreshed');
  });
  await boss.schedule(POSTURE_REFRESH_QUEUE, '*/5 * * * *');
  // Now as well: after a release (new rules) or a restore, pages should not be the ones to refresh.
  await boss.send(POSTURE_REFRESH_QUEUE, {});
  await boss.schedule(SCHEDULE_QUEUE, '* * * * *');
  await boss.work(SCHEDULE_QUEUE, async () => {
    const due = await dueAccountRegions(db, intervalMinutes);
    if (due.length) await enqueueSyncs(boss, due, 'schedule');
  });
}
