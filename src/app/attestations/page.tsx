import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { formatDay, StatusBadge } from '@/components/exclusion-bits';
import {
  ACCEPTED_FILE_EXTENSIONS,
  ATTESTATION_FILE_TYPES,
  ATTESTATION_STATUS_LABELS,
  attestationAccounts,
  listAttestations,
  MAX_ATTESTATION_DAYS,
  type AttestationRow,
} from '@/server/attestations';
import { can } from '@/server/auth/permissions';
import { catalog2022, findControl, isManual } from '@/server/catalog';
import { db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import { ConfirmButton } from './decision-forms';
import { RecordAttestationForm, type ManualControlOption } from './record-form';

export const metadata = { title: 'Attestations' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? '').slice(0, 200);
const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';
const DAY_MS = 86_400_000;

const manualControls: ManualControlOption[] = catalog2022.services.flatMap((s) =>
  s.controls.filter((c) => isManual(c)).map((c) => ({ id: c.id, title: c.title, serviceName: s.name })),
);

export default async function AttestationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('attestations:view');
  const params = await searchParams;
  const filters = { controlId: first(params.controlId), accountId: first(params.accountId), status: first(params.status) };
  let filterError: string | null = null;
  let rows: AttestationRow[];
  try {
    rows = await listAttestations(db(), { actor: user, filters });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filterError = error.message;
    rows = await listAttestations(db(), { actor: user });
  }
  const accounts = await attestationAccounts(db(), user);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Attestations</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Manual controls (administrative safeguards and others nothing checks automatically) are met by attestation: a compliance officer records a
          statement, and a second person (an owner of the account, or another compliance officer) confirms it. While confirmed and valid, the control
          counts as passed and is labelled <em>attested</em>; once expired it is not evaluated again.
        </p>
      </div>

      {can(user.role, 'attestations:manage') && (
        <section aria-labelledby="record" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="record" className="text-lg font-semibold">
            Record an attestation
          </h2>
          <RecordAttestationForm
            controls={manualControls}
            accounts={accounts}
            dates={{ min: day(now), max: day(new Date(now.getTime() + MAX_ATTESTATION_DAYS * DAY_MS)), default: day(new Date(now.getTime() + 180 * DAY_MS)) }}
            accept={[...ACCEPTED_FILE_EXTENSIONS, ...Object.keys(ATTESTATION_FILE_TYPES)].join(',')}
          />
        </section>
      )}

      <section aria-labelledby="list" className="space-y-3">
        <h2 id="list" className="text-lg font-semibold">
          Attestations ({rows.length})
        </h2>
        <form method="get" action="/attestations" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4" aria-label="Filter attestations">
          <label className="text-sm">
            Control id
            <input name="controlId" defaultValue={filters.controlId} placeholder="e.g. SQS-KEY-MANAGEMENT" className={input} />
          </label>
          <label className="text-sm">
            Scope
            <select name="accountId" defaultValue={filters.accountId} className={input}>
              <option value="">All</option>
              <option value="org">The whole organization</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.id})
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Status
            <select name="status" defaultValue={filters.status} className={input}>
              <option value="">All</option>
              {Object.entries(ATTESTATION_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Filter
            </button>
            <Link href="/attestations" className="px-2 py-1.5 text-sm text-brand-700 underline">
              Clear
            </Link>
          </div>
        </form>
        {filterError && (
          <p role="alert" className="text-sm text-red-700">
            {filterError} Showing every attestation instead.
          </p>
        )}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">No attestation matches.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Attestations</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 font-medium">Control</th>
                  <th scope="col" className="px-3 py-2 font-medium">Scope</th>
                  <th scope="col" className="px-3 py-2 font-medium">Recorded by</th>
                  <th scope="col" className="px-3 py-2 font-medium">Valid until</th>
                  <th scope="col" className="px-3 py-2 font-medium">File</th>
                  <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-100 last:border-0" data-attestation-id={row.id}>
                    <td className="px-3 py-2 align-top">
                      <Link href={`/attestations/${row.id}`} className="underline" aria-label={`Attestation of ${row.controlId}: ${ATTESTATION_STATUS_LABELS[row.displayStatus]}`}>
                        <StatusBadge status={row.displayStatus} label={ATTESTATION_STATUS_LABELS[row.displayStatus]} />
                      </Link>
                    </td>
                    <td className="px-3 py-2 align-top">
                      <div className="font-mono text-xs">{row.controlId}</div>
                      <div className="text-slate-600">{findControl(row.controlId)?.title}</div>
                    </td>
                    <td className="px-3 py-2 align-top">{row.accountId ? `${names.get(row.accountId) ?? ''} ${row.accountId}` : 'Organization'}</td>
                    <td className="px-3 py-2 align-top">
                      {row.createdBy.name}
                      <div className="text-xs text-slate-500">{formatDay(row.createdAt)}</div>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 align-top">{formatDay(row.validUntil)}</td>
                    <td className="px-3 py-2 align-top">{row.fileName ?? '—'}</td>
                    <td className="px-3 py-2 align-top">
                      {row.allowed.confirm && <ConfirmButton attestationId={row.id} version={row.version} label={`Confirm the attestation of ${row.controlId}`} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
