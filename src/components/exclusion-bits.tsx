// Presentational pieces for exclusions and attestations: status badges, a table of exclusions,
// and the history timeline. No data access.
import Link from 'next/link';

const TONES = {
  slate: 'border-slate-300 bg-slate-100 text-slate-700',
  amber: 'border-amber-300 bg-amber-50 text-amber-900',
  emerald: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  red: 'border-red-300 bg-red-50 text-red-900',
  brand: 'border-brand-600/30 bg-brand-50 text-brand-900',
} as const;
type Tone = keyof typeof TONES;

const STATUS_TONES: Record<string, Tone> = {
  pending: 'amber',
  approved: 'emerald',
  confirmed: 'emerald',
  rejected: 'red',
  revoked: 'slate',
  expired: 'slate',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span data-status={status} className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[STATUS_TONES[status] ?? 'slate']}`}>
      {label}
    </span>
  );
}

export function SmallBadge({ children, tone = 'slate', title }: { children: React.ReactNode; tone?: Tone; title?: string }) {
  return (
    <span title={title} className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export const formatDay = (date: Date) => date.toISOString().slice(0, 10);
export const formatTime = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface ExclusionTableRow {
  id: string;
  status: string;
  statusLabel: string;
  accountId: string;
  accountName?: string;
  resourceId: string | null;
  target: string;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  expiringSoon: boolean;
  stale: boolean;
  awaiting: string | null;
}

export function ExclusionTable({ rows, caption, empty }: { rows: ExclusionTableRow[]; caption: string; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Account</th>
            <th scope="col" className="px-3 py-2 font-medium">Resource</th>
            <th scope="col" className="px-3 py-2 font-medium">Excluded from</th>
            <th scope="col" className="px-3 py-2 font-medium">Requested</th>
            <th scope="col" className="px-3 py-2 font-medium">Expires</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100 last:border-0" data-exclusion-id={row.id}>
              <td className="px-3 py-2 align-top">
                <Link href={`/exclusions/${row.id}`} className="text-brand-700 underline" aria-label={`Exclusion ${row.target} on ${row.resourceId ?? 'the whole account'}: ${row.statusLabel}`}>
                  <StatusBadge status={row.status} label={row.statusLabel} />
                </Link>
                {row.awaiting && <div className="mt-1 text-xs text-slate-600">awaits {row.awaiting}</div>}
              </td>
              <td className="px-3 py-2 align-top">
                <div>{row.accountName ?? row.accountId}</div>
                <div className="font-mono text-xs text-slate-500">{row.accountId}</div>
              </td>
              <td className="max-w-xs break-all px-3 py-2 align-top font-mono text-xs">
                {row.resourceId ?? <span className="font-sans text-slate-600">whole account</span>}
                {row.stale && (
                  <div className="mt-1 font-sans">
                    <SmallBadge tone="amber" title="The resource is no longer reported by any source">stale</SmallBadge>
                  </div>
                )}
              </td>
              <td className="px-3 py-2 align-top">{row.target}</td>
              <td className="px-3 py-2 align-top">
                <div>{row.requestedBy}</div>
                <div className="text-xs text-slate-500">{formatDay(row.requestedAt)}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 align-top">
                {formatDay(row.expiresAt)}
                {row.expiringSoon && (
                  <div className="mt-1">
                    <SmallBadge tone="amber">expires soon</SmallBadge>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface HistoryEvent {
  id: string;
  label: string;
  by: string;
  at: Date;
  reason: string | null;
}

/** Every state change, oldest first, with who, when and why. */
export function HistoryTimeline({ events, testId }: { events: HistoryEvent[]; testId?: string }) {
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid={testId}>
      {events.map((event) => (
        <li key={event.id} className="text-sm">
          <div>
            <span className="font-medium">{event.label}</span> by <span className="font-medium">{event.by}</span>
          </div>
          <div className="text-xs text-slate-500">
            <time dateTime={event.at.toISOString()}>{formatTime(event.at)}</time>
          </div>
          {event.reason && <p className="mt-1 whitespace-pre-wrap text-slate-700">{event.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

const EVENT_LABELS: Record<string, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
  stale: 'Marked stale',
  reported_again: 'Resource reported again',
  recorded: 'Recorded',
  confirmed: 'Confirmed',
};

/** Stored events (exclusion or attestation) as the timeline shows them; no actor means the system. */
export function toHistoryEvents(events: readonly { id: string; action: string; actor: { name: string } | null; at: Date; reason: string | null }[]): HistoryEvent[] {
  return events.map((e) => ({ id: e.id, label: EVENT_LABELS[e.action] ?? e.action, by: e.actor?.name ?? 'the system', at: e.at, reason: e.reason }));
}
