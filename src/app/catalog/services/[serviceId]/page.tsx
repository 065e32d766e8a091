import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth';
import { findService, LATEST_CATALOG_VERSION } from '@/server/catalog';
import { db } from '@/server/db';
import { raciMatrixAsOf } from '@/server/raci';
import { Citations, EvidenceSources, Notice, PhiBadge } from '@/components/catalog-bits';
import { RaciLegend, RaciLetters } from '@/components/raci-letters';
import { controlHref, resolveVersion, revisionLabel, withVersion, type SearchParams } from '../../catalog-params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ serviceId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { catalog } = resolveVersion((await searchParams).version);
  const service = findService((await params).serviceId, catalog.version);
  return { title: service ? service.name : 'Service not found' };
}

export default async function ServicePage({ params, searchParams }: Props) {
  await requirePagePermission('catalog:view');
  const serviceId = (await params).serviceId;
  const { catalog, isLatest } = resolveVersion((await searchParams).version);
  const service = findService(serviceId, catalog.version);
  if (!service) notFound();
  const raci = isLatest ? await raciMatrixAsOf(db(), new Date(), { controlIds: service.controls.map((c) => c.id) }) : null;
  const inLatest = isLatest || Boolean(findService(serviceId, LATEST_CATALOG_VERSION));

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={withVersion('/catalog', catalog.version)} className="text-brand-700 underline">
          Catalog
        </Link>{' '}
        › {service.name}
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{service.name}</h1>
        <p className="max-w-3xl text-slate-700">{service.summary}</p>
      </div>
      {!isLatest && (
        <Notice tone="warning">
          You are looking at the {revisionLabel(catalog)} revision.{' '}
          {inLatest ? (
            <Link href={withVersion(`/catalog/services/${encodeURIComponent(service.id)}`, LATEST_CATALOG_VERSION)} className="underline">
              See the latest revision with its RACI
            </Link>
          ) : (
            'The latest revision no longer has this service.'
          )}
        </Notice>
      )}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Whitepaper section</dt>
          <dd className="font-medium">{service.whitepaperSection}</dd>
        </div>
        <div>
          <dt className="text-slate-600">May hold PHI</dt>
          <dd>
            <PhiBadge mayHoldPhi={service.mayHoldPhi} /> {service.mayHoldPhi ? 'Yes' : 'No'}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Resource types</dt>
          <dd className="font-mono text-xs">{service.resourceTypes.length ? service.resourceTypes.join(', ') : '—'}</dd>
        </div>
      </dl>

      <section aria-labelledby="controls" className="space-y-3">
        <h2 id="controls" className="text-lg font-semibold">
          Controls ({service.controls.length})
        </h2>
        {raci && <RaciLegend />}
        {service.controls.length === 0 ? (
          <Notice>The whitepaper gives this service no safeguards of its own beyond the cross-cutting sections.</Notice>
        ) : (
          <ul className="space-y-3">
            {service.controls.map((control) => (
              <li key={control.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">
                  <Link href={controlHref(control.id, catalog.version)} className="text-brand-700 underline">
                    <span className="font-mono">{control.id}</span>
                  </Link>{' '}
                  · {control.title}
                </h3>
                <p className="mt-1 text-slate-700">{control.requirement}</p>
                <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm md:grid-cols-2 xl:grid-cols-4">
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
                  <div>
                    <dt className="text-slate-600">Evidence sources</dt>
                    <dd>
                      <EvidenceSources control={control} />
                    </dd>
                  </div>
                  {raci && (
                    <div>
                      <dt className="text-slate-600">RACI</dt>
                      <dd>
                        <ul className="space-y-0.5">
                          {raci.parties.map((party) => (
                            <li key={party.id} className="flex justify-between gap-3">
                              <span>{party.name}</span>
                              <RaciLetters letters={raci.matrix[control.id]?.[party.id] ?? ''} />
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
