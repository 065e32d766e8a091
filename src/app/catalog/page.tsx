import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { isManual, searchCatalog } from '@/server/catalog';
import { Badge, ManualBadge, Notice, PhiBadge } from '@/components/catalog-bits';
import { controlHref, firstParam, MATCH_LABELS, REVISIONS, resolveVersion, serviceHref, withVersion, type SearchParams } from './catalog-params';

export const metadata = { title: 'Control catalog' };
export const dynamic = 'force-dynamic';

const MAX_QUERY = 200;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission('catalog:view');
  const params = await searchParams;
  const { catalog, isLatest, unknown } = resolveVersion(params.version);
  const q = firstParam(params.q).slice(0, MAX_QUERY);
  const hits = q ? searchCatalog(q, catalog.version) : [];
  const controlCount = catalog.services.reduce((n, s) => n + s.controls.length, 0);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Control catalog</h1>
        <p className="text-slate-700">
          {catalog.title}: {catalog.services.length} services, {controlCount} controls.{' '}
          <Link href="/catalog/changes" className="text-brand-700 underline">
            What changed 2019 → 2022
          </Link>
          {' · '}
          <Link href="/raci" className="text-brand-700 underline">
            Shared-responsibility matrix
          </Link>
        </p>
      </div>

      {unknown && <Notice tone="warning">There is no catalog revision “{unknown}”; showing the {REVISIONS[0].label} revision.</Notice>}

      <nav aria-label="Whitepaper revision" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Revision:</span>
        {REVISIONS.map((r) => (
          <Link
            key={r.version}
            href={withVersion('/catalog', r.version, q ? { q } : {})}
            aria-current={r.version === catalog.version ? 'page' : undefined}
            className={`rounded border px-2 py-1 ${r.version === catalog.version ? 'border-brand-600 bg-brand-50 font-medium text-brand-900' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'}`}
          >
            {r.label}
            {r.isLatest ? ' (latest)' : ''}
          </Link>
        ))}
      </nav>

      <form role="search" method="get" action="/catalog" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        {!isLatest && <input type="hidden" name="version" value={catalog.version} />}
        <label className="min-w-64 flex-1 text-sm">
          Search the catalog
          <input
            name="q"
            type="search"
            defaultValue={q}
            maxLength={MAX_QUERY}
            aria-describedby="search-hint"
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Search
        </button>
        {q && (
          <Link href={withVersion('/catalog', catalog.version)} className="py-1.5 text-sm text-brand-700 underline">
            Clear search
          </Link>
        )}
        <p id="search-hint" className="w-full text-xs text-slate-600">
          By service (<code>sqs</code>), control id (<code>S3-ENC-AT-REST</code>), HIPAA citation (<code>164.312(b)</code>), Security Hub control (
          <code>S3.5</code>) or Config rule (<code>S3_BUCKET_SSL_REQUESTS_ONLY</code>).
        </p>
      </form>

      {q ? (
        <section aria-labelledby="results">
          <h2 id="results" className="mb-2 font-semibold" aria-live="polite">
            {hits.length === 0 ? `Nothing matches “${q}”` : `${hits.length} result${hits.length === 1 ? '' : 's'} for “${q}”`}
          </h2>
          {hits.length === 0 ? (
            <Notice>Try a service name, a control id, a citation such as 164.312(e)(1), a Security Hub id such as SQS.1, or a Config rule.</Notice>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-100 text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2">Control</th>
                    <th scope="col" className="px-3 py-2">Service</th>
                    <th scope="col" className="px-3 py-2">Matched on</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((hit) => (
                    <tr key={`${hit.service.id}/${hit.control?.id ?? ''}`} className="border-t border-slate-100 align-top">
                      <td className="px-3 py-2">
                        {hit.control ? (
                          <>
                            <Link href={controlHref(hit.control.id, catalog.version)} className="font-mono text-brand-700 underline">
                              {hit.control.id}
                            </Link>
                            <div className="text-slate-700">{hit.control.title}</div>
                          </>
                        ) : (
                          <span className="text-slate-500">(the service)</span>
                        )}
                      </td>
                      <td className="px-3 py-2">
                        <Link href={serviceHref(hit.service.id, catalog.version)} className="text-brand-700 underline">
                          {hit.service.name}
                        </Link>
                      </td>
                      <td className="px-3 py-2">
                        <Badge>{MATCH_LABELS[hit.matchedOn]}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : (
        <section aria-labelledby="services">
          <h2 id="services" className="mb-2 font-semibold">
            Services ({catalog.services.length})
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Service</th>
                  <th scope="col" className="px-3 py-2">Whitepaper section</th>
                  <th scope="col" className="px-3 py-2">PHI</th>
                  <th scope="col" className="px-3 py-2 text-right">Controls</th>
                  <th scope="col" className="px-3 py-2 text-right">Manual</th>
                </tr>
              </thead>
              <tbody>
                {catalog.services.map((service) => {
                  const manual = service.controls.filter(isManual).length;
                  return (
                    <tr key={service.id} className="border-t border-slate-100">
                      <td className="px-3 py-2">
                        <Link href={serviceHref(service.id, catalog.version)} className="font-medium text-brand-700 underline">
                          {service.name}
                        </Link>
                      </td>
                      <td className="px-3 py-2 text-slate-700">{service.whitepaperSection}</td>
                      <td className="px-3 py-2">
                        <PhiBadge mayHoldPhi={service.mayHoldPhi} />
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{service.controls.length}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{manual > 0 ? manual : <span className="text-slate-400">0</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="mt-2 flex items-center gap-2 text-xs text-slate-600">
            <ManualBadge /> controls have no Security Hub control or Config rule: people assess them.
          </p>
        </section>
      )}
    </div>
  );
}
