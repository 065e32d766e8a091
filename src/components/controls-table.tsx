// A scope's controls with status, resource counts, highest failure severity, HIPAA citations
// and who must act (RACI letters per party).
import Link from 'next/link';
import type { CatalogControl } from '@/server/catalog';
import type { ControlResult } from '@/server/posture/types';
import { Citations } from './catalog-bits';
import { ControlStatusBadge, formatPercent, SeverityBadge } from './posture-bits';
import { RaciLetters } from './raci-letters';

export interface RaciColumns {
  parties: { id: string; name: string }[];
  /** control id → party id → letters */
  matrix: Record<string, Record<string, string>>;
}

export function ControlsTable({
  rows,
  raci,
  controlHref,
  caption,
  showService = false,
}: {
  rows: { control: CatalogControl; result: ControlResult; serviceName?: string }[];
  raci: RaciColumns | null;
  controlHref: (controlId: string) => string;
  caption: string;
  showService?: boolean;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="controls-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2">Control</th>
            <th scope="col" className="px-2 py-2">Status</th>
            <th scope="col" className="px-2 py-2 text-right">Passed</th>
            <th scope="col" className="px-2 py-2 text-right">Failed</th>
            <th scope="col" className="px-2 py-2 text-right">Excepted</th>
            <th scope="col" className="px-2 py-2 text-right">Unknown</th>
            <th scope="col" className="px-2 py-2 text-right">Score</th>
            <th scope="col" className="px-2 py-2">Severity</th>
            <th scope="col" className="px-2 py-2">HIPAA</th>
            {raci?.parties.map((p) => (
              <th key={p.id} scope="col" className="px-2 py-2 text-center" title="RACI letters: R must act, A answers for it">
                {p.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map(({ control, result, serviceName }) => (
            <tr key={control.id} className="border-t border-slate-100 align-top" data-control={control.id} data-status={result.status}>
              <td className="px-2 py-2">
                <Link href={controlHref(control.id)} className="font-mono text-brand-700 underline">
                  {control.id}
                </Link>
                <div className="text-slate-700">{control.title}</div>
                {showService && serviceName && <div className="text-xs text-slate-500">{serviceName}</div>}
              </td>
              <td className="px-2 py-2">
                <ControlStatusBadge status={result.status} />
                {result.failedButSuppressedInSecurityHub > 0 && (
                  <div className="mt-1 text-xs text-amber-800">{result.failedButSuppressedInSecurityHub} suppressed in Security Hub</div>
                )}
              </td>
              <td className="px-2 py-2 text-right text-emerald-800" data-testid="control-passed">
                {result.resourceControls.passed}
              </td>
              <td className={`px-2 py-2 text-right ${result.resourceControls.failed ? 'font-semibold text-red-700' : ''}`} data-testid="control-failed">
                {result.resourceControls.failed}
              </td>
              <td className="px-2 py-2 text-right">{result.resourceControls.excepted}</td>
              <td className="px-2 py-2 text-right">{result.resourceControls.unknown}</td>
              <td className="px-2 py-2 text-right">{formatPercent(result.score)}</td>
              <td className="px-2 py-2">
                <SeverityBadge severity={result.maxFailureSeverity} />
              </td>
              <td className="min-w-40 px-2 py-2 text-xs">
                <Citations citations={control.hipaaCitations} />
              </td>
              {raci?.parties.map((p) => (
                <td key={p.id} className="px-2 py-2 text-center">
                  <RaciLetters letters={raci.matrix[control.id]?.[p.id] ?? ''} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
