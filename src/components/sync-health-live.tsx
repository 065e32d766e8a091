'use client';
// The last sync and any failing account-region, kept live by polling the sync summary API
// (fast while a sync runs). When a sync finishes, the page offers to reload its numbers.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { queryKeys } from '@/lib/query-keys';
import type { SyncSummary } from '@/server/posture/sync-summary';

async function fetchSummary(accountId: string | undefined): Promise<SyncSummary> {
  const response = await fetch(`/api/sync/summary${accountId ? `?account=${accountId}` : ''}`, { cache: 'no-store' });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error ?? `HTTP ${response.status}`);
  return response.json();
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');
const SOURCE = { securityhub: 'Security Hub', config: 'AWS Config' } as const;

export function SyncHealthLive({ initial, accountId }: { initial: SyncSummary; accountId?: string }) {
  const router = useRouter();
  const status = useQuery({
    queryKey: queryKeys.syncSummary(accountId),
    queryFn: () => fetchSummary(accountId),
    refetchInterval: (query) => ((query.state.data?.running ?? 0) > 0 ? 2000 : 15_000),
  });
  const summary = status.data ?? initial;
  // A sync finished since the page was rendered: the page's numbers are out of date.
  const finishedSinceRender = summary.running === 0 && summary.lastSuccessAt !== null && (initial.lastSuccessAt === null || summary.lastSuccessAt > initial.lastSuccessAt);

  return (
    <div className="space-y-2 text-sm" data-testid="sync-health">
      <p>
        Last good sync: <span className="font-medium" data-testid="last-sync">{when(summary.lastSuccessAt)}</span>
      </p>
      {summary.running > 0 && (
        <p role="status" className="text-sky-800">
          Syncing now: {summary.running} of {summary.total} account-region sources running…
        </p>
      )}
      {finishedSinceRender && (
        <p role="status" className="text-emerald-800">
          A sync just finished.{' '}
          <button type="button" onClick={() => router.refresh()} className="text-brand-700 underline">
            Show the new numbers
          </button>
        </p>
      )}
      {summary.neverSynced > 0 && <p className="text-slate-600">{summary.neverSynced} account-region sources have never synced.</p>}
      {summary.failingCount === 0 ? (
        <p className="text-emerald-800" data-testid="sync-failing-none">
          Every sync is healthy.
        </p>
      ) : (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900" data-testid="sync-failing">
          <p className="font-medium">
            {summary.failingCount} failing {summary.failingCount === 1 ? 'sync' : 'syncs'}: the numbers for these may be out of date.
          </p>
          <ul className="mt-1 list-inside list-disc">
            {summary.failing.map((r) => (
              <li key={`${r.accountId}-${r.region}-${r.source}`}>
                {r.accountName} <span className="font-mono">{r.region}</span> {SOURCE[r.source]}: {r.lastError ?? 'error'} ({when(r.lastErrorAt)})
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.isError && <p className="text-xs text-slate-500">Live updates paused: {status.error.message}</p>}
      <p>
        <Link href="/sync" className="text-brand-700 underline">
          Sync status
        </Link>
      </p>
    </div>
  );
}
