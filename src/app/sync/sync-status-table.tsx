'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import type { SyncStatusRow } from '@/server/sync/sync-status';

async function fetchStatus(): Promise<SyncStatusRow[]> {
  const response = await fetch('/api/sync/status', { cache: 'no-store' });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error ?? `HTTP ${response.status}`);
  return (await response.json()).rows;
}

async function postSync(accountId?: string): Promise<{ queued: number; accountRegions: number }> {
  const response = await fetch('/api/sync', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(accountId ? { accountId } : {}),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

const HEALTH_STYLE: Record<SyncStatusRow['health'], string> = {
  ok: 'bg-emerald-100 text-emerald-800',
  failing: 'bg-red-100 text-red-800',
  running: 'bg-sky-100 text-sky-800',
  'never-synced': 'bg-slate-100 text-slate-700',
};

/** How long after "Sync now" the page polls fast, so the queued runs show as soon as the worker starts them. */
const WATCH_AFTER_REQUEST_MS = 60_000;

type SyncAnswerState = { isSuccess: true; data: { queued: number; accountRegions: number } } | { isSuccess: false; isError: boolean; error: Error | null };

/** What a "Sync now" request answered: how many account-regions it queued, or why it failed. */
function SyncAnswer({ answer }: { answer: SyncAnswerState }) {
  if (answer.isSuccess) {
    const { queued, accountRegions } = answer.data;
    return (
      <span role="status" className="text-sm text-emerald-700">
        Queued {queued} of {accountRegions} account-regions{queued < accountRegions ? ' (the rest were already queued)' : ''}.
      </span>
    );
  }
  if (!answer.isError) return null;
  return (
    <span role="alert" className="text-sm text-red-700">
      {answer.error?.message}
    </span>
  );
}

export function SyncStatusTable({ canRequest }: { canRequest: boolean }) {
  const queryClient = useQueryClient();
  const [watchUntil, setWatchUntil] = useState(0);
  const status = useQuery({
    queryKey: queryKeys.syncStatus(),
    queryFn: fetchStatus,
    // Poll fast while something runs or was just queued, slowly otherwise.
    refetchInterval: (query) => (query.state.data?.some((r) => r.health === 'running') || Date.now() < watchUntil ? 1500 : 10_000),
  });
  const syncNow = useMutation({
    mutationFn: postSync,
    onSuccess: () => {
      setWatchUntil(Date.now() + WATCH_AFTER_REQUEST_MS);
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() });
    },
  });
  // Each answer is shown next to the button that asked: the whole organization's, or one account's.
  const answeredFor = (accountId: string | undefined) => syncNow.variables === accountId;

  if (status.isPending) return <p className="text-slate-600">Loading sync status…</p>;
  if (status.isError) return <p role="alert" className="text-red-700">Could not load the sync status: {status.error.message}</p>;
  const rows = status.data;
  if (rows.length === 0) return <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">No AWS account to show yet.</p>;

  const failing = rows.filter((r) => r.health === 'failing');
  const accounts = [...new Map(rows.map((r) => [r.accountId, r.accountName])).entries()];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm" data-testid="sync-summary">
          {rows.length - failing.length} of {rows.length} healthy{failing.length ? ` · ${failing.length} failing` : ''}
        </span>
        {canRequest && (
          <button
            type="button"
            onClick={() => syncNow.mutate(undefined)}
            disabled={syncNow.isPending}
            className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            Sync all now
          </button>
        )}
        {answeredFor(undefined) && <SyncAnswer answer={syncNow} />}
      </div>
      {accounts.map(([accountId, accountName]) => (
        <section key={accountId} aria-labelledby={`acct-${accountId}`} className="rounded-lg border border-slate-200 bg-white">
          <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2">
            <h2 id={`acct-${accountId}`} className="font-semibold">
              {accountName} <span className="font-mono text-sm font-normal text-slate-500">{accountId}</span>
            </h2>
            {canRequest && (
              <button
                type="button"
                onClick={() => syncNow.mutate(accountId)}
                disabled={syncNow.isPending}
                className="ml-auto rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
              >
                Sync now
              </button>
            )}
            {answeredFor(accountId) && <SyncAnswer answer={syncNow} />}
          </header>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th className="px-3 py-1.5">Region</th>
                  <th className="px-3 py-1.5">Source</th>
                  <th className="px-3 py-1.5">Health</th>
                  <th className="px-3 py-1.5">Last good sync</th>
                  <th className="px-3 py-1.5">Latest run</th>
                  <th className="px-3 py-1.5">Last error</th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((r) => r.accountId === accountId)
                  .map((r) => (
                    <tr key={`${r.region}-${r.source}`} className="border-t border-slate-100 align-top" data-testid={`sync-row-${r.accountId}-${r.region}-${r.source}`}>
                      <td className="px-3 py-1.5 font-mono">{r.region}</td>
                      <td className="px-3 py-1.5">{r.source === 'securityhub' ? 'Security Hub' : 'AWS Config'}</td>
                      <td className="px-3 py-1.5">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${HEALTH_STYLE[r.health]}`}>{r.health}</span>
                      </td>
                      <td className="px-3 py-1.5">{when(r.lastSuccessAt)}</td>
                      <td className="px-3 py-1.5">
                        {r.latestRun ? (
                          <span>
                            {r.latestRun.status === 'running' ? 'running: ' : `${r.latestRun.status}: `}
                            {r.latestRun.pagesFetched} pages, {r.latestRun.fetched} fetched, {r.latestRun.inserted} new, {r.latestRun.updated} updated
                            {r.latestRun.archived ? `, ${r.latestRun.archived} archived` : ''}
                            {r.latestRun.throttles ? `, ${r.latestRun.throttles} throttles absorbed` : ''}
                            {r.latestRun.skipped ? `, ${r.latestRun.skipped} malformed skipped` : ''}
                          </span>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="max-w-md px-3 py-1.5 text-red-700">{r.lastError ? `${when(r.lastErrorAt)}: ${r.lastError}` : ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
