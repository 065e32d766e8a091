// The sync worker as a running thing: a queue connection, the handlers, and a stop.
// Used by `npm run worker` and, in-process, by `npm start`.
import { createPrismaClient } from '../../src/server/db';
import { runSyncWorker, startJobQueue, DEFAULT_SYNC_INTERVAL_MINUTES } from '../../src/server/sync/jobs';
import { syncOrganization } from '../../src/server/sync/sync-organization';
import { runExclusionMaintenance } from '../../src/server/exclusions/maintenance';
import { writePostureSnapshot } from '../../src/server/posture/snapshots';

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startWorker(options: { databaseUrl: string; log: (m: string) => void; initialSync: boolean }): Promise<RunningWorker> {
  const db = createPrismaClient(options.databaseUrl);
  if (options.initialSync) {
    const outcomes = await syncOrganization(db, { trigger: 'start' });
    const failed = outcomes.filter((o) => o.status === 'failed');
    options.log(`initial sync: ${outcomes.length - failed.length}/${outcomes.length} account-region sources synced`);
    for (const f of failed) options.log(`  failed ${f.source} ${f.accountId}/${f.region}: ${f.error}`);
    await writePostureSnapshot(db);
  }
  await runExclusionMaintenance(db, new Date());
  const boss = await startJobQueue(options.databaseUrl, { worker: true });
  const intervalMinutes = Number(process.env.SAFEGUARDS_SYNC_INTERVAL_MINUTES ?? DEFAULT_SYNC_INTERVAL_MINUTES);
  await runSyncWorker({ db, boss, intervalMinutes, concurrency: Number(process.env.SAFEGUARDS_WORKER_CONCURRENCY ?? 4) });
  options.log(`sync worker running (every ${intervalMinutes} min per account-region)`);
  return {
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await db.$disconnect();
    },
  };
}
