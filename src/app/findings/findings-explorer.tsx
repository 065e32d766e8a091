'use client';
// The findings explorer: the URL holds the view (filters, sort, page), react-query fetches
// /api/findings for it, so paging and filtering never reload the page, a view can be shared,
// and it survives a reload. The CSV link downloads the same view.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { queryKeys } from '@/lib/query-keys';
import {
  CONFIG_STATUSES,
  DEFAULT_SORT,
  explorerQueryString,
  FINDING_STATUSES,
  hasFilters,
  PAGE_SIZES,
  parseExplorerFilters,
  RECORD_STATES,
  SEVERITIES,
  type ExplorerFilters,
  type ExplorerTab,
} from '@/server/posture/explorer-filters';
import type { ConfigRow, ExplorerOptions, ExplorerPage, FindingRow } from '@/server/posture/findings-explorer';
import { SeverityBadge } from '@/components/posture-bits';

async function fetchPage(query: string, signal: AbortSignal): Promise<ExplorerPage> {
  const response = await fetch(`/api/findings${query ? `?${query}` : ''}`, { cache: 'no-store', signal });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body as ExplorerPage;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const STATUS_LABELS: Record<string, string> = {
  FAILED: 'Failed',
  PASSED: 'Passed',
  WARNING: 'Warning',
  NOT_AVAILABLE: 'Not available',
  NONE: 'No compliance status (GuardDuty, Inspector…)',
  NON_COMPLIANT: 'Non-compliant',
  COMPLIANT: 'Compliant',
  INSUFFICIENT_DATA: 'Insufficient data',
  NOT_APPLICABLE: 'Not applicable',
};
const STATUS_STYLE: Record<string, string> = {
  FAILED: 'text-red-700 font-semibold',
  NON_COMPLIANT: 'text-red-700 font-semibold',
  PASSED: 'text-emerald-700',
  COMPLIANT: 'text-emerald-700',
};

const selectClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm';

function Select({ label, value, onChange, children, name }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode; name: string }) {
  return (
    <label className="flex min-w-0 flex-col gap-0.5 text-sm">
      <span className="text-slate-600">{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)} className={selectClass}>
        {children}
      </select>
    </label>
  );
}

export function FindingsExplorer({
  initialQuery,
  initialPage,
  options,
  canonicalize,
}: {
  initialQuery: string;
  initialPage: ExplorerPage;
  options: ExplorerOptions;
  /** The URL had invalid parameters the server left out: replace it with the view shown. */
  canonicalize: boolean;
}) {
  const searchParams = useSearchParams();
  const urlFilters = useMemo(() => parseExplorerFilters(searchParams).filters, [searchParams]);
  // The view just chosen, until the URL (updated through the history API) catches up with it:
  // controls then never flick back to the old value in between.
  const [chosen, setChosen] = useState<{ from: ExplorerFilters; view: ExplorerFilters } | null>(null);
  const filters = chosen && chosen.from === urlFilters ? chosen.view : urlFilters;
  const query = explorerQueryString(filters);

  useEffect(() => {
    if (canonicalize) window.history.replaceState(null, '', initialQuery ? `?${initialQuery}` : window.location.pathname);
  }, [canonicalize, initialQuery]);

  const result = useQuery({
    queryKey: queryKeys.findingsView(query),
    queryFn: ({ signal }) => fetchPage(query, signal),
    initialData: query === initialQuery ? initialPage : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const go = (changes: Partial<ExplorerFilters>) => {
    const view = { ...filters, page: 1, ...changes };
    const next = explorerQueryString(view);
    setChosen({ from: urlFilters, view });
    window.history.pushState(null, '', next ? `?${next}` : window.location.pathname);
  };
  const switchTab = (tab: ExplorerTab) => {
    if (tab !== filters.tab) go({ tab, status: undefined, severity: [], product: undefined, ...DEFAULT_SORT[tab] });
  };
  const sortBy = (sort: string) => go({ sort, dir: filters.sort === sort && filters.dir === 'desc' ? 'asc' : 'desc', page: 1 });

  const page = result.data;
  const csvQuery = explorerQueryString(filters, { page: 1 });
  const controls = filters.service ? options.controls.filter((c) => c.serviceId === filters.service) : options.controls;
  const statuses: readonly string[] = filters.tab === 'findings' ? FINDING_STATUSES : CONFIG_STATUSES;

  return (
    <div className="space-y-4">
      <div role="group" aria-label="Evidence source" className="flex gap-1 border-b border-slate-200">
        {(
          [
            ['findings', 'Security Hub findings'],
            ['config', 'AWS Config evaluations'],
          ] as const
        ).map(([tab, label]) => (
          <button
            key={tab}
            type="button"
            aria-pressed={filters.tab === tab}
            onClick={() => switchTab(tab)}
            className={`-mb-px rounded-t border px-3 py-1.5 text-sm ${filters.tab === tab ? 'border-slate-200 border-b-white bg-white font-semibold' : 'border-transparent text-slate-600 hover:text-brand-700'}`}
          >
            {label}
          </button>
        ))}
      </div>

      <section aria-label="Filters" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
          <Select label="Account" name="account" value={filters.account ?? ''} onChange={(v) => go({ account: v || undefined })}>
            <option value="">All accounts</option>
            {options.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </Select>
          <Select label="Region" name="region" value={filters.region ?? ''} onChange={(v) => go({ region: v || undefined })}>
            <option value="">All regions</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <Select label="Service" name="service" value={filters.service ?? ''} onChange={(v) => go({ service: v || undefined, control: undefined })}>
            <option value="">All services</option>
            {options.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Select label="Control" name="control" value={filters.control ?? ''} onChange={(v) => go({ control: v || undefined })}>
            <option value="">All controls</option>
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </Select>
          <Select label="Status" name="status" value={filters.status ?? ''} onChange={(v) => go({ status: v || undefined })}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s] ?? s}
              </option>
            ))}
          </Select>
          {filters.tab === 'findings' && (
            <Select label="Product" name="product" value={filters.product ?? ''} onChange={(v) => go({ product: v || undefined })}>
              <option value="">All products</option>
              {options.products.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          )}
          <Select label="Record" name="state" value={filters.state} onChange={(v) => go({ state: v as ExplorerFilters['state'] })}>
            {RECORD_STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'active' ? 'Current only' : s === 'archived' ? 'Archived / resolved only' : 'Current and archived'}
              </option>
            ))}
          </Select>
        </div>
        {filters.tab === 'findings' && (
          <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <legend className="float-left mr-3 text-slate-600">Severity</legend>
            {SEVERITIES.map((s) => (
              <label key={s} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="severity"
                  value={s}
                  checked={filters.severity.includes(s)}
                  onChange={(e) => go({ severity: e.target.checked ? [...filters.severity, s] : filters.severity.filter((x) => x !== s) })}
                />
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </label>
            ))}
          </fieldset>
        )}
        <TextFilters key={`${filters.q ?? ''}|${filters.citation ?? ''}|${filters.resource ?? ''}`} filters={filters} onApply={go} />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {hasFilters(filters) && (
            <button type="button" onClick={() => go({ account: undefined, region: undefined, service: undefined, control: undefined, citation: undefined, status: undefined, severity: [], product: undefined, q: undefined, resource: undefined, state: 'active' })} className="text-brand-700 underline">
              Clear filters
            </button>
          )}
          <a href={`/api/findings.csv${csvQuery ? `?${csvQuery}` : ''}`} className="ml-auto rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" data-testid="csv-download" download>
            Download CSV of this view
          </a>
        </div>
      </section>

      <div aria-live="polite" className="flex flex-wrap items-center gap-3 text-sm" data-testid="explorer-summary">
        {page ? (
          <span data-testid="explorer-total" data-total={page.total} data-total-capped={page.totalCapped ? 'true' : undefined}>
            {page.total.toLocaleString('en-US')}
            {page.totalCapped && '+'} {filters.tab === 'findings' ? 'findings' : 'Config evaluations'}
            {page.total > 0 && ` · page ${page.page} of ${Math.max(page.pages, 1)}${page.totalCapped ? '+' : ''}`}
          </span>
        ) : null}
        {result.isFetching && <span className="text-slate-500">Loading…</span>}
      </div>

      {result.isError && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          Could not load this view: {result.error.message}{' '}
          <button type="button" onClick={() => result.refetch()} className="underline">
            Try again
          </button>
        </div>
      )}

      {!page && result.isPending && <p className="text-slate-600">Loading…</p>}

      {page &&
        (page.rows.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-600" data-testid="explorer-empty">
            {page.total > 0 ? (
              <>
                Page {filters.page} is past the last page of this view.{' '}
                <button type="button" onClick={() => go({ page: page.pages })} className="text-brand-700 underline">
                  Go to page {page.pages}
                </button>
              </>
            ) : (
              <>Nothing matches this view{hasFilters(filters) ? ': loosen a filter.' : '.'}</>
            )}
          </p>
        ) : (
          <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white ${result.isPlaceholderData ? 'opacity-60' : ''}`}>
            {page.tab === 'findings' ? (
              <FindingsTable rows={page.rows} filters={filters} onSort={sortBy} />
            ) : (
              <ConfigTable rows={page.rows} filters={filters} onSort={sortBy} />
            )}
          </div>
        ))}

      {page && page.total > 0 && (
        <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
          {page.pages > 1 && (
            <>
              <button type="button" disabled={filters.page <= 1} onClick={() => go({ page: 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40">
                First
              </button>
              <button type="button" disabled={filters.page <= 1} onClick={() => go({ page: filters.page - 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40">
                Previous
              </button>
              <span className="px-2" data-testid="explorer-page">
                Page {filters.page} of {page.pages}
                {page.totalCapped && '+'}
              </span>
              <button type="button" disabled={filters.page >= page.pages} onClick={() => go({ page: filters.page + 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40">
                Next
              </button>
              <button type="button" disabled={filters.page >= page.pages} onClick={() => go({ page: page.pages })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40">
                Last
              </button>
            </>
          )}
          <label className="ml-auto flex items-center gap-1">
            <span className="text-slate-600">Per page</span>
            <select value={filters.size} onChange={(e) => go({ size: Number(e.target.value) })} className="rounded border border-slate-300 bg-white px-1 py-0.5">
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </div>
  );
}

function TextFilters({ filters, onApply }: { filters: ExplorerFilters; onApply: (changes: Partial<ExplorerFilters>) => void }) {
  const [q, setQ] = useState(filters.q ?? '');
  const [citation, setCitation] = useState(filters.citation ?? '');
  const [resource, setResource] = useState(filters.resource ?? '');
  return (
    <form
      role="search"
      className="grid grid-cols-1 gap-3 md:grid-cols-[2fr_1fr_2fr_auto] md:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ q: q.trim() || undefined, citation: citation.trim() || undefined, resource: resource.trim() || undefined });
      }}
    >
      <label className="flex flex-col gap-0.5 text-sm">
        <span className="text-slate-600">Text (title, resource, id)</span>
        <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} className={selectClass} />
      </label>
      <label className="flex flex-col gap-0.5 text-sm">
        <span className="text-slate-600">HIPAA citation</span>
        <input name="citation" value={citation} onChange={(e) => setCitation(e.target.value)} placeholder="164.312(a)" maxLength={60} className={selectClass} />
      </label>
      <label className="flex flex-col gap-0.5 text-sm">
        <span className="text-slate-600">Resource (exact id or ARN)</span>
        <input name="resource" value={resource} onChange={(e) => setResource(e.target.value)} maxLength={2048} className={selectClass} />
      </label>
      <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}

function SortHeader({ label, sort, filters, onSort, className = '' }: { label: string; sort: string; filters: ExplorerFilters; onSort: (s: string) => void; className?: string }) {
  const active = filters.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`px-2 py-2 ${className}`}>
      <button type="button" onClick={() => onSort(sort)} className="inline-flex items-center gap-1 font-medium hover:text-brand-700">
        {label}
        <span aria-hidden="true" className={active ? 'text-brand-700' : 'text-slate-300'}>
          {active && filters.dir === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}

function ControlLinks({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-col">
      {ids.map((id) => (
        <Link key={id} href={`/controls/${encodeURIComponent(id)}`} className="font-mono text-xs text-brand-700 underline">
          {id}
        </Link>
      ))}
    </span>
  );
}

function FindingsTable({ rows, filters, onSort }: { rows: FindingRow[]; filters: ExplorerFilters; onSort: (s: string) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="w-full text-left text-sm" data-testid="findings-table">
      <caption className="sr-only">Security Hub findings</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <SortHeader label="Severity" sort="severity" filters={filters} onSort={onSort} />
          <SortHeader label="Title" sort="title" filters={filters} onSort={onSort} />
          <SortHeader label="Status" sort="status" filters={filters} onSort={onSort} />
          <SortHeader label="Control" sort="control" filters={filters} onSort={onSort} />
          <SortHeader label="Account" sort="account" filters={filters} onSort={onSort} />
          <SortHeader label="Region" sort="region" filters={filters} onSort={onSort} />
          <SortHeader label="Resource" sort="resource" filters={filters} onSort={onSort} />
          <SortHeader label="Updated" sort="updated" filters={filters} onSort={onSort} />
        </tr>
      </thead>
      {rows.map((r) => (
        <tbody key={r.id} className="border-t border-slate-100" data-testid="finding-row">
          <tr className="align-top">
            <td className="px-2 py-2">
              <SeverityBadge severity={r.severity} />
            </td>
            <td className="max-w-sm px-2 py-2">
              <button type="button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)} className="text-left text-brand-700 underline">
                {r.title}
              </button>
              <div className="text-xs text-slate-500">
                {r.productName}
                {r.recordState !== 'ACTIVE' && ` · ${r.recordState.toLowerCase()}`}
                {r.workflowStatus === 'SUPPRESSED' && ' · suppressed in Security Hub'}
              </div>
            </td>
            <td className={`whitespace-nowrap px-2 py-2 ${STATUS_STYLE[r.complianceStatus ?? ''] ?? ''}`}>{r.complianceStatus ? STATUS_LABELS[r.complianceStatus] ?? r.complianceStatus : '—'}</td>
            <td className="px-2 py-2">
              {r.securityControlId && <div className="font-mono text-xs">{r.securityControlId}</div>}
              <ControlLinks ids={r.controlIds} />
            </td>
            <td className="px-2 py-2">
              <Link href={`/accounts/${r.accountId}`} className="font-mono text-xs text-brand-700 underline">
                {r.accountId}
              </Link>
            </td>
            <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.region}</td>
            <td className="max-w-xs break-all px-2 py-2 font-mono text-xs">{r.resourceId}</td>
            <td className="whitespace-nowrap px-2 py-2 text-xs">{when(r.updatedAt)}</td>
          </tr>
          {open === r.id && (
            <tr>
              <td colSpan={8} className="bg-slate-50 px-4 py-3 text-sm">
                <dl className="grid gap-2 md:grid-cols-2">
                  <div className="md:col-span-2">
                    <dt className="text-slate-600">Description</dt>
                    <dd>{r.description ?? '—'}</dd>
                  </div>
                  <div className="md:col-span-2">
                    <dt className="text-slate-600">Remediation</dt>
                    <dd>
                      {r.remediationText ?? '—'}{' '}
                      {r.remediationUrl && /^https:\/\//.test(r.remediationUrl) && (
                        <a href={r.remediationUrl} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">
                          AWS documentation
                        </a>
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">Resource type</dt>
                    <dd className="font-mono text-xs">{r.resourceType}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">Finding id</dt>
                    <dd className="break-all font-mono text-xs">{r.id}</dd>
                  </div>
                </dl>
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}

function ConfigTable({ rows, filters, onSort }: { rows: ConfigRow[]; filters: ExplorerFilters; onSort: (s: string) => void }) {
  return (
    <table className="w-full text-left text-sm" data-testid="config-table">
      <caption className="sr-only">AWS Config evaluations</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <SortHeader label="Rule" sort="rule" filters={filters} onSort={onSort} />
          <SortHeader label="Compliance" sort="status" filters={filters} onSort={onSort} />
          <th scope="col" className="px-2 py-2 font-medium">
            Controls
          </th>
          <SortHeader label="Account" sort="account" filters={filters} onSort={onSort} />
          <SortHeader label="Region" sort="region" filters={filters} onSort={onSort} />
          <SortHeader label="Resource" sort="resource" filters={filters} onSort={onSort} />
          <SortHeader label="Recorded" sort="recorded" filters={filters} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100 align-top" data-testid="config-row">
            <td className="px-2 py-2">
              <div>{r.ruleName}</div>
              {r.sourceIdentifier && <div className="font-mono text-xs text-slate-500">{r.sourceIdentifier}</div>}
              {r.annotation && <div className="text-xs text-slate-600">{r.annotation}</div>}
            </td>
            <td className={`whitespace-nowrap px-2 py-2 ${STATUS_STYLE[r.complianceType] ?? ''}`}>
              {STATUS_LABELS[r.complianceType] ?? r.complianceType}
              {r.resolvedAt && <div className="text-xs text-slate-500">resolved {when(r.resolvedAt)}</div>}
            </td>
            <td className="px-2 py-2">
              <ControlLinks ids={r.controlIds} />
            </td>
            <td className="px-2 py-2">
              <Link href={`/accounts/${r.accountId}`} className="font-mono text-xs text-brand-700 underline">
                {r.accountId}
              </Link>
            </td>
            <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.region}</td>
            <td className="max-w-xs break-all px-2 py-2 font-mono text-xs">
              <div className="font-sans text-slate-500">{r.resourceType}</div>
              {r.resourceArn ?? r.resourceId}
            </td>
            <td className="whitespace-nowrap px-2 py-2 text-xs">{when(r.recordedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
