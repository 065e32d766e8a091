// Services × accounts heatmap: each cell is the service's score in the account, coloured by
// band and always printed, linking to the service page narrowed to that account.
import Link from 'next/link';
import { scoreBand, type Heatmap, type ScoreBand } from '@/server/posture/posture-views';
import { formatPercent } from './posture-bits';

const BAND_STYLES: Record<ScoreBand, string> = {
  none: 'bg-slate-50 text-slate-400',
  good: 'bg-emerald-200 text-emerald-950 hover:bg-emerald-300',
  fair: 'bg-lime-100 text-lime-950 hover:bg-lime-200',
  poor: 'bg-orange-200 text-orange-950 hover:bg-orange-300',
  bad: 'bg-red-300 text-red-950 hover:bg-red-400',
};

export const BAND_LABELS: Record<Exclude<ScoreBand, 'none'>, string> = {
  good: '90% or more',
  fair: '70–90%',
  poor: '50–70%',
  bad: 'under 50%',
};

export function HeatmapLegend() {
  return (
    <ul className="flex flex-wrap items-center gap-3 text-xs text-slate-700" aria-label="Colour legend">
      {(Object.keys(BAND_LABELS) as (keyof typeof BAND_LABELS)[]).map((band) => (
        <li key={band} className="flex items-center gap-1">
          <span aria-hidden="true" className={`inline-block h-3 w-4 rounded-sm ${BAND_STYLES[band]}`} /> {BAND_LABELS[band]}
        </li>
      ))}
      <li className="flex items-center gap-1">
        <span aria-hidden="true" className={`inline-block h-3 w-4 rounded-sm border border-slate-200 ${BAND_STYLES.none}`} /> nothing evaluated
      </li>
    </ul>
  );
}

export function PostureHeatmap({ heatmap, caption }: { heatmap: Heatmap; caption: string }) {
  const names = new Map(heatmap.accounts.map((a) => [a.id, a.name]));
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
                <Link href={`/services/${encodeURIComponent(row.serviceId)}`} className="text-brand-700 hover:underline">
                  {row.serviceName}
                </Link>
              </th>
              {row.cells.map((cell) => {
                const evaluated = cell.passed + cell.failed + cell.excepted + cell.unknown;
                const band = scoreBand(cell.score);
                const label = `${row.serviceName} in ${names.get(cell.accountId)}: ${formatPercent(cell.score)} passing, ${cell.failed} failed of ${evaluated} evaluated`;
                return (
                  <td key={cell.accountId} className="border-b border-slate-100 p-0.5 text-center">
                    {evaluated === 0 ? (
                      <span className={`block rounded px-1 py-1.5 text-xs ${BAND_STYLES.none}`}>
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">{`${row.serviceName} in ${names.get(cell.accountId)}: nothing evaluated`}</span>
                      </span>
                    ) : (
                      <Link
                        href={`/services/${encodeURIComponent(row.serviceId)}?accountId=${cell.accountId}`}
                        aria-label={label}
                        title={label}
                        data-testid={`heatmap-cell-${row.serviceId}-${cell.accountId}`}
                        data-failed={cell.failed}
                        data-passed={cell.passed}
                        className={`block rounded px-1 py-1 text-xs tabular-nums ${BAND_STYLES[band]}`}
                      >
                        <span className="block font-semibold">{formatPercent(cell.score)}</span>
                        <span className="block">{cell.failed ? `${cell.failed} failed` : 'none failed'}</span>
                      </Link>
                    )}
                  </td>
                );
              })}
              <td className="border-b border-slate-100 p-0.5 text-center">
                <Link
                  href={`/services/${encodeURIComponent(row.serviceId)}`}
                  aria-label={`${row.serviceName}, all accounts: ${formatPercent(row.total.score)} passing, ${row.total.failed} failed`}
                  className={`block rounded px-1 py-1 text-xs font-semibold tabular-nums ${BAND_STYLES[scoreBand(row.total.score)]}`}
                >
                  {formatPercent(row.total.score)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
