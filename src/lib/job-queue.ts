// The web app's connection to the job queue: it only enqueues (workers run the jobs).
import 'server-only';
import type PgBoss from 'pg-boss';
import { startJobQueue } from '@/server/sync/jobs';

const globalForQueue = globalThis as unknown as { safeguardsQueue?: Promise<PgBoss> };

export function jobQueue(): Promise<PgBoss> {
  if (!globalForQueue.safeguardsQueue) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForQueue.safeguardsQueue = startJobQueue(url, { worker: false });
    globalForQueue.safeguardsQueue.catch(() => (globalForQueue.safeguardsQueue = undefined));
  }
  return globalForQueue.safeguardsQueue;
}
