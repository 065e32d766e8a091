import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { AWS_INFRASTRUCTURE_RESPONSIBILITIES } from '@/server/catalog/raci';
import { db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import {
  filterRaciRows,
  formatDay,
  listParties,
  parseAsOf,
  parseRaciRowFilter,
  RACI_CATALOG,
  raciMatrixAsOf,
  raciRows,
  type AsOf,
} from '@/server/raci';
import { Notice } from '@/components/catalog-bits';
import { RaciLegend, RaciLetters } from '@/components/raci-letters';
import { revisionLabel } from '../catalog/catalog-params';
import { AddPartyForm, ArchivePartyForm, RenamePartyForm } from './party-forms';

export const metadata = { title: 'RACI matrix' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

const LETTER_OPTIONS = [
  { value: 'R', label: 'R · Responsible' },
  { value: 'A', label: 'A · Accountable' },
  { value: 'C', label: 'C · Consulted' },
  { value: 'I', label: 'I · Informed' },
  { value: 'none', label: '— · not involved' },
];

const field = 'mt-1 block rounded border border-slate-300 px-2 py-1';

export default async function RaciPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('catalog:view');
  const query = await searchParams;
  let asOf: AsOf = parseAsOf(undefined);
  let asOfError: string | null = null;
  try {
    asOf = parseAsOf(query.asOf);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    asOfError = error.message.replace(/^asOf: /, '');
  }
  const canEdit = can(user.role, 'raci:edit');
  const [view, allParties] = await Promise.all([raciMatrixAsOf(db(), asOf.at), canEdit ? listParties(db(), { includeArchived: true }) : []]);

  const filter = parseRaciRowFilter(
    { service: query.service, party: query.party, letter: query.letter },
    { serviceIds: new Set(RACI_CATALOG.services.map((s) => s.id)), partyIds: new Set(view.parties.map((p) => p.id)) },
  );
  const all = raciRows(RACI_CATALOG, view.matrix, view.editedControlIds);
  const rows = filterRaciRows(all, filter);
  const filtered = Boolean(filter.serviceId || filter.partyId || filter.letter || asOf.day);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Shared-responsibility matrix (RACI)</h1>
        <p className="max-w-3xl text-slate-700">
          Who is Responsible, Accountable, Consulted and Informed for each control of the latest catalog ({revisionLabel(RACI_CATALOG)} revision): the catalog defaults, with every recorded change. Open a control to see its history
          {canEdit ? ' or change its letters' : ''}.
        </p>
        <RaciLegend />
      </div>

      <form method="get" aria-label="Filter the matrix" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <label>
          Service
          <select name="service" defaultValue={filter.serviceId ?? ''} className={`${field} max-w-64`}>
            <option value="">All services</option>
            {RACI_CATALOG.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Party
          <select name="party" defaultValue={filter.partyId ?? ''} className={field}>
            <option value="">Any party</option>
            {view.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Holds letter
          <select name="letter" defaultValue={filter.letter ?? ''} className={field}>
            <option value="">Any</option>
            {LETTER_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          As of
          <input type="date" name="asOf" defaultValue={asOf.day ?? ''} className={field} />
        </label>
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        {filtered && (
          <Link href="/raci" className="py-1.5 text-brand-700 underline">
            Reset
          </Link>
        )}
      </form>

      {asOfError && <Notice tone="error">{asOfError} Showing the current matrix.</Notice>}
      {view.problems.length > 0 && (
        <Notice tone="warning">
          {view.problems.length} control{view.problems.length === 1 ? '' : 's'} did not have exactly one Accountable party at this date:{' '}
          {view.problems.map((p) => p.controlId).join(', ')}.
        </Notice>
      )}

      <section aria-labelledby="matrix" className="space-y-2">
        <h2 id="matrix" className="font-semibold">
          {asOf.day ? `Matrix as of the end of ${asOf.day} (UTC)` : 'Current matrix'}
        </h2>
        <p className="text-sm text-slate-600" aria-live="polite">
          {rows.length} of {all.length} controls · {view.editedControlIds.length} changed from the catalog default
        </p>
        {rows.length === 0 ? (
          <Notice>No control matches these filters.</Notice>
        ) : (
          <div role="region" aria-labelledby="matrix" tabIndex={0} className="relative max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 z-10 bg-slate-100 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Service</th>
                  <th scope="col" className="px-3 py-2">Control</th>
                  {view.parties.map((p) => (
                    <th key={p.id} scope="col" className="px-3 py-2 text-center">
                      {p.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.control.id} className="border-t border-slate-100">
                    <td className="px-3 py-1.5 text-slate-700">{row.service.name}</td>
                    <th scope="row" className="px-3 py-1.5 font-normal">
                      <Link href={`/catalog/controls/${encodeURIComponent(row.control.id)}`} className="font-mono text-brand-700 underline">
                        {row.control.id}
                      </Link>
                      {row.edited && (
                        <span className="ml-2 rounded bg-amber-50 px-1 text-xs text-amber-900" title="Changed from the catalog default">
                          changed
                        </span>
                      )}
                      <span className="block text-xs text-slate-600">{row.control.title}</span>
                    </th>
                    {view.parties.map((p) => (
                      <td key={p.id} className="px-3 py-1.5 text-center">
                        <RaciLetters letters={row.letters[p.id] ?? ''} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="aws-part" className="space-y-2">
        <h2 id="aws-part" className="font-semibold">
          AWS&apos;s part, outside the catalog
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Responsibility</th>
                <th scope="col" className="px-3 py-2 text-center">AWS</th>
                <th scope="col" className="px-3 py-2 text-center">Platform team</th>
                <th scope="col" className="px-3 py-2 text-center">Account owner</th>
              </tr>
            </thead>
            <tbody>
              {AWS_INFRASTRUCTURE_RESPONSIBILITIES.map((r) => (
                <tr key={r.item} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    {r.item}
                  </th>
                  {(['aws', 'platform', 'account-owner'] as const).map((id) => (
                    <td key={id} className="px-3 py-1.5 text-center">
                      <RaciLetters letters={r.assignment[id] ?? ''} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canEdit && (
        <section aria-labelledby="parties" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="parties" className="font-semibold">
            Parties
          </h2>
          <p className="text-sm text-slate-600">
            Archived parties stay in earlier matrices and in the history. A party must not be Accountable for any control when it is archived; its other
            letters are cleared then.
          </p>
          <AddPartyForm />
          <ul className="divide-y divide-slate-100">
            {allParties.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 py-2 text-sm">
                <span className="w-64 font-medium">
                  {p.name} <code className="text-xs text-slate-500">{p.id}</code>
                </span>
                {p.archivedAt ? (
                  <span className="text-slate-600">archived {formatDay(p.archivedAt)}</span>
                ) : (
                  <>
                    <RenamePartyForm partyId={p.id} name={p.name} />
                    <ArchivePartyForm partyId={p.id} name={p.name} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
