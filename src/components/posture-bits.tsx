// Presentational pieces of the posture pages: status and severity badges, scores, counts,
// stat cards and empty states. No data access.
import type { ControlStatus, ResourceControlCounts, Severity } from '@/server/posture/types';

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  failed: 'Failing',
  passed: 'Passing',
  attested: 'Attested',
  excepted: 'Excepted',
  manual: 'Manual',
  not_evaluated: 'Not evaluated',
};

const CONTROL_STATUS_STYLES: Record<ControlStatus, string> = {
  failed: 'border-red-300 bg-red-50 text-red-800',
  passed: 'border-emerald-300 bg-emerald-50 text-emerald-800',
  attested: 'border-emerald-300 bg-emerald-50 text-emerald-800',
  excepted: 'border-violet-300 bg-violet-50 text-violet-800',
  manual: 'border-amber-300 bg-amber-50 text-amber-900',
  not_evaluated: 'border-slate-300 bg-slate-100 text-slate-700',
};

export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  return (
    <span data-status={status} className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${CONTROL_STATUS_STYLES[status]}`}>
      {CONTROL_STATUS_LABELS[status]}
    </span>
  );
}

const SEVERITY_STYLES: Record<string, string> = {
  CRITICAL: 'border-red-700 bg-red-700 text-white',
  HIGH: 'border-red-300 bg-red-50 text-red-800',
  MEDIUM: 'border-orange-300 bg-orange-50 text-orange-900',
  LOW: 'border-yellow-300 bg-yellow-50 text-yellow-900',
  INFORMATIONAL: 'border-slate-300 bg-slate-100 text-slate-700',
};

export function SeverityBadge({ severity }: { severity: Severity | string | null }) {
  if (!severity) return <span className="text-slate-400">—</span>;
  return (
    <span data-severity={severity} className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${SEVERITY_STYLES[severity] ?? SEVERITY_STYLES.INFORMATIONAL}`}>
      {severity.charAt(0) + severity.slice(1).toLowerCase()}
    </span>
  );
}

/** 61.3% (rounded down to one decimal, so 99.96% never shows as 100%). */
export function formatPercent(score: number | null): string {
  return score === null ? '—' : `${Math.floor(score * 1000) / 10}%`;
}

export function formatUtc(value: Date | string | null | undefined): string {
  if (!value) return 'never';
  const date = typeof value === 'string' ? new Date(value) : value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const formatNumber = (n: number) => n.toLocaleString('en-US');

/** passed · failed · excepted · unknown, compact, with words for screen readers. */
export function Counts({ counts, testId }: { counts: ResourceControlCounts; testId?: string }) {
  return (
    <span data-testid={testId} data-passed={counts.passed} data-failed={counts.failed} className="whitespace-nowrap tabular-nums">
      <span className="text-emerald-700">{formatNumber(counts.passed)} passed</span> ·{' '}
      <span className={counts.failed ? 'font-semibold text-red-700' : 'text-slate-600'}>{formatNumber(counts.failed)} failed</span>
      {counts.excepted > 0 && <> · <span className="text-violet-700">{formatNumber(counts.excepted)} excepted</span></>}
      {counts.unknown > 0 && <> · <span className="text-slate-600">{formatNumber(counts.unknown)} unknown</span></>}
    </span>
  );
}

export function StatCard({ label, value, hint, testId, tone = 'plain' }: { label: string; value: React.ReactNode; hint?: React.ReactNode; testId?: string; tone?: 'plain' | 'bad' | 'good' }) {
  const toneClass = tone === 'bad' ? 'text-red-700' : tone === 'good' ? 'text-emerald-700' : 'text-slate-900';
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${toneClass}`} data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="mt-1 text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

export function Panel({ title, id, children, actions }: { title: string; id: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-2">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {actions && <div className="ml-auto text-sm">{actions}</div>}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-600">{children}</p>;
}

/** A skeleton for loading.tsx files: a title and grey blocks, announced as busy. */
export function PageSkeleton({ title }: { title: string }) {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-600">Loading…</p>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
