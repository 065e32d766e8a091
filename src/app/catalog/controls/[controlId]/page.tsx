import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { catalogVersions, findControl, findService, LATEST_CATALOG_VERSION, type CatalogVersion } from '@/server/catalog';
import { db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import { describeLetters, formatInstant, parseAsOf, raciForControl, raciHistory, type AsOf } from '@/server/raci';
import { Citations, EvidenceSources, Notice, PhiBadge } from '@/components/catalog-bits';
import { RaciLegend, RaciLetters } from '@/components/raci-letters';
import { firstParam, resolveVersion, revisionLabel, serviceHref, withVersion, type SearchParams } from '../../catalog-params';
import { RaciEditForm } from './raci-edit-form';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ controlId: string }>; searchParams: Promise<SearchParams> };

/** The revision asked for; without one, the latest that has the control (a removed control stays findable). */
function locate(controlId: string, version: string | string[] | undefined): { catalog: CatalogVersion; isLatest: boolean } | null {
  const resolved = resolveVersion(version);
  if (findControl(controlId, resolved.catalog.version)) return resolved;
  if (firstParam(version)) return null;
  const older = catalogVersions.find((c) => findControl(controlId, c.version));
  return older ? { catalog: older, isLatest: older.version === LATEST_CATALOG_VERSION } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).controlId.slice(0, 100) };
}

export default async function ControlPage({ params, searchParams }: Props) {
  const user = await requirePagePermission('catalog:view');
  const { controlId } = await params;
  const query = await searchParams;
  const located = locate(controlId, query.version);
  if (!located) notFound();
  const { catalog, isLatest } = located;
  const control = findControl(controlId, catalog.version)!;
  const service = findService(control.serviceId, catalog.version)!;

  let asOf: AsOf = parseAsOf(undefined);
  let asOfError: string | null = null;
  try {
    asOf = parseAsOf(query.asOf);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    asOfError = error.message.replace(/^asOf: /, '');
  }
  const [raci, history] = isLatest ? await Promise.all([raciForControl(db(), control.id, asOf.at), raciHistory(db(), control.id)]) : [null, []];
  const canEdit = can(user.role, 'raci:edit');

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={withVersion('/catalog', catalog.version)} className="text-brand-700 underline">
          Catalog
        </Link>{' '}
        ›{' '}
        <Link href={serviceHref(service.id, catalog.version)} className="text-brand-700 underline">
          {service.name}
        </Link>{' '}
        › {control.id}
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{control.id}</span> · {control.title}
        </h1>
        <p className="max-w-3xl text-slate-700">{control.requirement}</p>
      </div>
      {!isLatest && (
        <Notice tone="warning">
          From the {revisionLabel(catalog)} revision.{' '}
          {findControl(control.id, LATEST_CATALOG_VERSION) ? (
            <Link href={`/catalog/controls/${encodeURIComponent(control.id)}`} className="underline">
              See the latest revision with its RACI
            </Link>
          ) : (
            'The latest revision no longer has this control, so it has no RACI row.'
          )}
        </Notice>
      )}

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-2 xl:grid-cols-3">
        <div>
          <dt className="text-slate-600">Service</dt>
          <dd>
            {service.name} <PhiBadge mayHoldPhi={service.mayHoldPhi} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Whitepaper section</dt>
          <dd>{control.whitepaperSection}</dd>
        </div>
        <div>
          <dt className="text-slate-600">HIPAA citations</dt>
          <dd>
            <Citations citations={control.hipaaCitations} />
          </dd>
        </div>
        <div className="md:col-span-2">
          <dt className="text-slate-600">Evidence sources</dt>
          <dd>
            <EvidenceSources control={control} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Default severity · PHI-related</dt>
          <dd>
            {control.defaultSeverity} · {control.phiRelated ? 'yes' : 'no'}
            {control.awsManaged ? ' · performed by the service' : ''}
          </dd>
        </div>
      </dl>

      {raci && (
        <section aria-labelledby="raci" className="space-y-3">
          <h2 id="raci" className="text-lg font-semibold">
            Shared responsibility (RACI)
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
            <label>
              As of
              <input type="date" name="asOf" defaultValue={asOf.day ?? ''} className="mt-1 block rounded border border-slate-300 px-2 py-1" />
            </label>
            <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
              Show
            </button>
            {(asOf.day || asOfError) && (
              <Link href={`/catalog/controls/${encodeURIComponent(control.id)}`} className="py-1.5 text-brand-700 underline">
                Current letters
              </Link>
            )}
          </form>
          {asOfError && <Notice tone="error">{asOfError} Showing the current letters.</Notice>}
          <RaciLegend />
          <div className="max-w-2xl overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="raci-row">
              <caption className="px-3 py-2 text-left text-slate-600">
                {asOf.day ? `As of the end of ${asOf.day} (UTC)` : 'Current letters'}
                {raci.edited ? ' · changed from the catalog default' : ' · the catalog default'}
              </caption>
              <thead className="bg-slate-100 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Party</th>
                  <th scope="col" className="px-3 py-2">Letters</th>
                  <th scope="col" className="px-3 py-2">Catalog default</th>
                </tr>
              </thead>
              <tbody>
                {raci.parties.map((party) => (
                  <tr key={party.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      {party.name}
                    </th>
                    <td className="px-3 py-2">
                      <RaciLetters letters={raci.assignment[party.id] ?? ''} testId={`raci-${party.id}`} />
                    </td>
                    <td className="px-3 py-2 text-slate-500">
                      <RaciLetters letters={raci.defaults[party.id] ?? ''} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {raci.problems.map((p) => (
            <Notice key={p.controlId} tone="warning">
              At this date {p.message}.
            </Notice>
          ))}
          {canEdit && !asOf.day && (
            <RaciEditForm controlId={control.id} parties={raci.parties.map((p) => ({ id: p.id, name: p.name, letters: raci.assignment[p.id] ?? '' }))} />
          )}
          {canEdit && asOf.day && (
            <p className="text-sm text-slate-600">
              To change the letters,{' '}
              <Link href={`/catalog/controls/${encodeURIComponent(control.id)}`} className="text-brand-700 underline">
                open the current letters
              </Link>
              .
            </p>
          )}
          {!canEdit && <p className="text-sm text-slate-600">Read-only: compliance officers change the RACI matrix.</p>}
        </section>
      )}

      {raci && (
        <section aria-labelledby="history" className="space-y-3">
          <h2 id="history" className="text-lg font-semibold">
            Change history
          </h2>
          {history.length === 0 ? (
            <Notice>No change yet: this control has the catalog&apos;s default letters.</Notice>
          ) : (
            <ol className="space-y-2" data-testid="raci-history">
              {history.map((entry) => (
                <li key={`${entry.changedAt.toISOString()}-${entry.changedBy.id}`} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                  <p>
                    <time dateTime={entry.changedAt.toISOString()} className="font-medium">
                      {formatInstant(entry.changedAt)}
                    </time>{' '}
                    · {entry.changedBy.name}
                  </p>
                  <ul className="mt-1 list-inside list-disc">
                    {entry.changes.map((c) => (
                      <li key={c.partyId}>
                        {c.partyName}: <span className="font-mono">{describeLetters(c.from)}</span> →{' '}
                        <span className="font-mono">{describeLetters(c.to)}</span>
                      </li>
                    ))}
                  </ul>
                  {entry.reason && <p className="mt-1 text-slate-700">“{entry.reason}”</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
