// What a sync cycle did, from its runs (sync_runs rows of one trigger).
import type { Db } from '@/server/db';

export interface RunTotals {
  runs: number;
  failed: number;
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  apiCalls: number;
  throttles: number;
}

export async function runTotals(db: Db, trigger: string, source?: 'securityhub' | 'config'): Promise<RunTotals> {
  const [row] = await db.$queryRawUnsafe<RunTotals[]>(
    `SELECT count(*)::int AS runs, (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
            coalesce(sum(pages_fetched), 0)::int AS pages, coalesce(sum(fetched), 0)::int AS fetched,
            coalesce(sum(inserted), 0)::int AS inserted, coalesce(sum(updated), 0)::int AS updated,
            coalesce(sum(api_calls), 0)::int AS "apiCalls", coalesce(sum(throttles), 0)::int AS throttles
     FROM sync_runs WHERE trigger = $1 AND ($2::text IS NULL OR source::text = $2)`,
    trigger,
    source ?? null,
  );
  return row;
}
