'use client';
// A collapsed list of failing resources that is read only when opened: a service page lists
// up to three accounts and an account page its regions, and rendering every one of them on
// the server made those pages half a megabyte to a megabyte (bench/RESULTS.md, benchmark 4).
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { queryKeys } from '@/lib/query-keys';
import type { FailingRegionGroup } from '@/server/posture/posture-views';
import { FailingRegionSections, type FailingRegionOptions, type FindingTextView } from './failing-resource-table';

/** GET /api/posture/failing's answer. */
export interface FailingResourcesAnswer {
  regions: FailingRegionGroup[];
  texts: Record<string, FindingTextView>;
}

/** What to list: one account, optionally narrowed to a service or control and a region. */
export interface FailingQuery {
  account: string;
  service?: string;
  control?: string;
  region?: string;
}

async function fetchFailing(queryString: string): Promise<FailingResourcesAnswer> {
  const response = await fetch(`/api/posture/failing?${queryString}`, { cache: 'no-store' });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error ?? `HTTP ${response.status}`);
  return response.json();
}

export function LazyFailingDetails({
  summary,
  query,
  accountName,
  testId,
  ...options
}: FailingRegionOptions & { summary: ReactNode; query: FailingQuery; accountName: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  const queryString = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const failing = useQuery({ queryKey: queryKeys.failingResources(queryString), queryFn: () => fetchFailing(queryString), enabled: open, staleTime: 60_000 });
  return (
    <details className="rounded border border-slate-200" data-account={query.account} data-region={query.region} data-testid={testId} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer bg-slate-50 px-3 py-2 font-medium">{summary}</summary>
      {open && (
        <div className="space-y-3 p-3" aria-busy={failing.isPending}>
          {failing.isPending ? (
            <p role="status" className="text-sm text-slate-600">
              Loading the failing resources…
            </p>
          ) : failing.isError ? (
            <p role="alert" className="text-sm text-red-800">
              Could not load the failing resources: {failing.error.message}{' '}
              <button type="button" onClick={() => void failing.refetch()} className="text-brand-700 underline">
                Try again
              </button>
            </p>
          ) : failing.data.regions.length === 0 ? (
            <p className="text-sm text-slate-600">No failing resources any more: the page is older than the data. Reload it for the new numbers.</p>
          ) : (
            <FailingRegionSections accountId={query.account} accountName={accountName} regions={failing.data.regions} texts={failing.data.texts} {...options} />
          )}
        </div>
      )}
    </details>
  );
}
