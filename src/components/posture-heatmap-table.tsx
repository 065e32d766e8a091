'use client';
// The heatmap's table, rendered from compact counts, in the browser only. The page's RSC
// payload carries four numbers a cell; the cells' markup (a labelled link each, ~1,000 of
// them for 10 accounts × ~95 services) was 400 KB of the overview's HTML and most of its
// server render time, so the server sends a placeholder of the table's size instead.
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { scoreBand } from '@/server/posture/score-band';
import { formatPercent } from './posture-bits';

/** Per account of the page, its counts: passed, failed, excepted, unknown. */
export type CompactCounts = [number, number, number, number];

export interface CompactHeatmap {
  accounts: { id: string; name: string }[];
  rows: { serviceId: string; serviceName: string; cells: CompactCounts[]; total: CompactCounts }[];
}

const scoreOf = ([passed, failed]: CompactCounts) => (passed + failed === 0 ? null : passed / (passed + failed));

const noSubscription = () => () => {};

/** False while rendering on the server and hydrating, true in the browser afterwards. */
function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function HeatmapTable({ heatmap, caption }: { heatmap: CompactHeatmap; caption: string }) {
  if (!useInBrowser()) {
    return (
      <div className="flex items-center justify-center rounded border border-slate-200 text-sm text-slate-500" style={{ height: `min(36rem, ${2.5 + heatmap.rows.length * 2.5}rem)` }} data-testid="heatmap-loading" role="status">
        Drawing the heatmap of {heatmap.rows.length} services × {heatmap.accounts.length} accounts…
      </div>
    );
  }
  return (
    <div className="relative max-h-[36rem] overflow-auto rounded border border-slate-200" data-testid="heatmap">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-20 bg-white">
          <tr>
            <th scope="col" className="sticky left-0 z-30 border-b border-slate-200 bg-white px-2 py-2 text-left font-medium text-slate-600">
              Service
            </th>
            {heatmap.accounts.map((account) => (
              <th key={account.id} scope="col" className="min-w-24 border-b border-slate-200 px-1 py-2 text-center align-bottom text-xs font-medium text-slate-700">
                <Link href={`/accounts/${account.id}`} className="hover:underline" title={`${account.name} (${account.id})`}>
                  {account.name}
                </Link>
                <div className="font-mono font-normal text-slate-500">{account.id}</div>
              </th>
            ))}
            <th scope="col" className="min-w-20 border-b border-slate-200 px-1 py-2 text-center text-xs font-medium text-slate-700">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {heatmap.rows.map((row) => (
            <tr key={row.serviceId} data-service={row.serviceId}>
              <th scope="row" className="sticky left-0 z-10 border-b border-slate-100 bg-white px-2 py-1 text-left font-normal">
                <a href={`/services/${encodeURIComponent(row.serviceId)}`} className="text-brand-700 hover:underline">
                  {row.serviceName}
                </a>
              </th>
              {row.cells.map((counts, i) => {
                const account = heatmap.accounts[i];
                const [passed, failed, excepted, unknown] = counts;
                const evaluated = passed + failed + excepted + unknown;
                if (evaluated === 0) {
                  return (
                    <td key={account.id} className="hm-td">
                      <span className="hm hm-none">
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">{`${row.serviceName} in ${account.name}: nothing evaluated`}</span>
                      </span>
                    </td>
                  );
                }
                const score = scoreOf(counts);
                const label = `${row.serviceName} in ${account.name}: ${formatPercent(score)} passing, ${failed} failed of ${evaluated} evaluated`;
                // Plain links: hundreds of <Link>s would each prefetch and hydrate.
                return (
                  <td key={account.id} className="hm-td">
                    <a
                      href={`/services/${encodeURIComponent(row.serviceId)}?accountId=${account.id}`}
                      aria-label={label}
                      title={label}
                      data-testid={`heatmap-cell-${row.serviceId}-${account.id}`}
                      data-failed={failed}
                      className={`hm hm-${scoreBand(score)}`}
                    >
                      <b>{formatPercent(score)}</b>
                      {failed ? `${failed} failed` : 'none failed'}
                    </a>
                  </td>
                );
              })}
              <td className="hm-td">
                <a
                  href={`/services/${encodeURIComponent(row.serviceId)}`}
                  aria-label={`${row.serviceName}, all accounts: ${formatPercent(scoreOf(row.total))} passing, ${row.total[1]} failed`}
                  className={`hm hm-${scoreBand(scoreOf(row.total))} font-semibold`}
                >
                  {formatPercent(scoreOf(row.total))}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
