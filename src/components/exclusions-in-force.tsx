// The approved, unexpired exclusions of a scope, linking to each exclusion's page.
import Link from 'next/link';
import { EmptyState, formatUtc } from './posture-bits';

export interface ExclusionInForceView {
  id: string;
  accountId: string;
  resourceId: string | null;
  serviceId: string;
  controlId: string | null;
  justification: string;
  expiresAt: Date;
  requestedBy: string;
}

export function ExclusionsInForce({ rows, accountNames }: { rows: ExclusionInForceView[]; accountNames: Record<string, string> }) {
  if (rows.length === 0) return <EmptyState>No exclusion is in force here.</EmptyState>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="exclusions-in-force">
        <caption className="sr-only">Exclusions in force</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1">Account</th>
            <th scope="col" className="px-2 py-1">Resource</th>
            <th scope="col" className="px-2 py-1">Control</th>
            <th scope="col" className="px-2 py-1">Why</th>
            <th scope="col" className="px-2 py-1">Expires</th>
            <th scope="col" className="px-2 py-1">Requested by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top">
              <td className="px-2 py-1">{accountNames[row.accountId] ?? <span className="font-mono">{row.accountId}</span>}</td>
              <td className="max-w-xs break-all px-2 py-1 font-mono text-xs">{row.resourceId ?? <span className="font-sans italic">whole account</span>}</td>
              <td className="px-2 py-1 font-mono text-xs">{row.controlId ?? <span className="font-sans italic">every {row.serviceId} control</span>}</td>
              <td className="max-w-sm px-2 py-1">
                <Link href={`/exclusions/${row.id}`} className="text-brand-700 underline">
                  {row.justification.length > 120 ? `${row.justification.slice(0, 117)}…` : row.justification}
                </Link>
              </td>
              <td className="whitespace-nowrap px-2 py-1">{formatUtc(row.expiresAt).slice(0, 10)}</td>
              <td className="px-2 py-1">{row.requestedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
