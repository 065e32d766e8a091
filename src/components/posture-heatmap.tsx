// Services × accounts heatmap: each cell is the service's score in the account, coloured by
// band and always printed, linking to the service page narrowed to that account.
// The bands' colours are the classes hm-<band> in globals.css.
import type { Heatmap } from '@/server/posture/posture-views';
import type { ScoreBand } from '@/server/posture/score-band';
import type { ResourceControlCounts } from '@/server/posture/types';
import { HeatmapTable, type CompactCounts, type CompactHeatmap } from './posture-heatmap-table';

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
          <span aria-hidden="true" className={`inline-block h-3 w-4 rounded-sm hm-${band}`} /> {BAND_LABELS[band]}
        </li>
      ))}
      <li className="flex items-center gap-1">
        <span aria-hidden="true" className="hm-none inline-block h-3 w-4 rounded-sm border border-slate-200" /> nothing evaluated
      </li>
    </ul>
  );
}

/** The heatmap of a page of accounts, handed to the client table as counts only. */
export function PostureHeatmap({ heatmap, caption }: { heatmap: Heatmap; caption: string }) {
  const counts = (t: ResourceControlCounts): CompactCounts => [t.passed, t.failed, t.excepted, t.unknown];
  const compact: CompactHeatmap = {
    accounts: heatmap.accounts,
    rows: heatmap.rows.map((row) => ({ serviceId: row.serviceId, serviceName: row.serviceName, cells: row.cells.map(counts), total: counts(row.total) })),
  };
  return <HeatmapTable heatmap={compact} caption={caption} />;
}
