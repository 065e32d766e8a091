// What the Sync status page shows: every account-region-source a user may see, its
// last good sync, its last error, and the latest run with its live counters.
import type { Db } from '@/server/db';
import type { SessionUser } from '@/server/auth/users';
import { visibleAccountsWhere } from '@/server/accounts/account-scope';

export interface SyncStatusRow {
  accountId: string;
  accountName: string;
  enabled: boolean;
  region: string;
  source: 'securityhub' | 'config';
  health: 'ok' | 'failing' | 'never-synced' | 'running';
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  watermark: string | null;
  latestRun: {
    id: string;
    status: 'running' | 'succeeded' | 'failed';
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    pagesFetched: number;
    fetched: number;
    inserted: number;
    updated: number;
    archived: number;
    skipped: number;
    apiCalls: number;
    throttles: number;
    warning: string | null;
    error: string | null;
  } | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function syncStatus(db: Db, user: SessionUser): Promise<SyncStatusRow[]> {
  const accounts = await db.awsAccount.findMany({ where: visibleAccountsWhere(user), include: { syncStates: true }, orderBy: { name: 'asc' } });
  if (accounts.length === 0) return [];
  const latestRuns = await db.$queryRaw<
    { id: string; account_id: string; region: string; source: 'securityhub' | 'config' }[]
  >`SELECT DISTINCT ON (account_id, region, source) id, account_id, region, source::text AS source
    FROM sync_runs WHERE account_id = ANY(${accounts.map((a) => a.id)}::text[])
    ORDER BY account_id, region, source, started_at DESC`;
  const runs = new Map(
    (await db.syncRun.findMany({ where: { id: { in: latestRuns.map((r) => r.id) } } })).map((r) => [`${r.accountId}/${r.region}/${r.source}`, r]),
  );

  const rows: SyncStatusRow[] = [];
  for (const account of accounts) {
    for (const region of account.regions) {
      for (const source of ['securityhub', 'config'] as const) {
        const state = account.syncStates.find((s) => s.region === region && s.source === source);
        const run = runs.get(`${account.id}/${region}/${source}`);
        const failing = Boolean(state?.lastErrorAt && (!state.lastSuccessAt || state.lastErrorAt > state.lastSuccessAt));
        rows.push({
          accountId: account.id,
          accountName: account.name,
          enabled: account.enabled,
          region,
          source,
          health: run?.status === 'running' ? 'running' : failing ? 'failing' : state?.lastSuccessAt ? 'ok' : 'never-synced',
          lastSuccessAt: iso(state?.lastSuccessAt),
          lastErrorAt: iso(state?.lastErrorAt),
          lastError: failing ? (state?.lastError ?? null) : null,
          watermark: iso(state?.watermark),
          latestRun: run
            ? {
                id: run.id,
                status: run.status,
                trigger: run.trigger,
                startedAt: run.startedAt.toISOString(),
                finishedAt: iso(run.finishedAt),
                pagesFetched: run.pagesFetched,
                fetched: run.fetched,
                inserted: run.inserted,
                updated: run.updated,
                archived: run.archived,
                skipped: run.skipped,
                apiCalls: run.apiCalls,
                throttles: run.throttles,
                warning: run.warning,
                error: run.error,
              }
            : null,
        });
      }
    }
  }
  return rows;
}
