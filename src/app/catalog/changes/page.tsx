import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { catalog2019, catalog2022, diffCatalogs, type CatalogControl, type ComparedControlField } from '@/server/catalog';
import { Notice } from '@/components/catalog-bits';
import { controlHref, revisionLabel, serviceHref } from '../catalog-params';

export const metadata = { title: 'What changed 2019 → 2022' };
export const dynamic = 'force-dynamic';

// The catalog is static: the diff is computed once per server process.
const diff = diffCatalogs(catalog2019, catalog2022);
const FROM = revisionLabel(catalog2019);
const TO = revisionLabel(catalog2022);
const serviceNames = new Map([...catalog2019.services, ...catalog2022.services].map((s) => [s.id, s.name]));

const FIELD_LABELS: Record<ComparedControlField, string> = {
  title: 'Title',
  requirement: 'Requirement',
  family: 'Family',
  hipaaCitations: 'HIPAA citations',
  evidence: 'Evidence sources',
  phiRelated: 'PHI-related',
  defaultSeverity: 'Default severity',
  awsManaged: 'Performed by the service',
};

function fieldValue(control: CatalogControl, field: ComparedControlField): string {
  switch (field) {
    case 'hipaaCitations':
      return control.hipaaCitations.join(', ') || 'none';
    case 'evidence': {
      const { securityHubControlIds: hub, configRuleIdentifiers: rules } = control.evidence;
      if (!hub.length && !rules.length) return 'manual';
      return [hub.length ? `Security Hub ${hub.join(', ')}` : '', rules.length ? `Config ${rules.join(', ')}` : ''].filter(Boolean).join('; ');
    }
    case 'phiRelated':
    case 'awsManaged':
      return control[field] ? 'yes' : 'no';
    default:
      return String(control[field]);
  }
}

function ControlTable({ controls, version, label }: { controls: CatalogControl[]; version: string; label: string }) {
  if (controls.length === 0) return <Notice>None.</Notice>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Service</th>
            <th scope="col" className="px-3 py-2">Control</th>
            <th scope="col" className="px-3 py-2">Title</th>
          </tr>
        </thead>
        <tbody>
          {controls.map((c) => (
            <tr key={c.id} className="border-t border-slate-100">
              <td className="px-3 py-1.5 text-slate-700">{serviceNames.get(c.serviceId) ?? c.serviceId}</td>
              <td className="px-3 py-1.5">
                <Link href={controlHref(c.id, version)} className="font-mono text-brand-700 underline">
                  {c.id}
                </Link>
              </td>
              <td className="px-3 py-1.5">{c.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function CatalogChangesPage() {
  await requirePagePermission('catalog:view');
  const counts = [
    { label: 'Services added', value: diff.addedServices.length, href: '#added-services' },
    { label: 'Services removed', value: diff.removedServices.length, href: '#removed-services' },
    { label: 'Sections renamed', value: diff.renamedSections.length, href: '#renamed' },
    { label: 'Controls changed', value: diff.changedControls.length, href: '#changed' },
    { label: 'Controls added', value: diff.addedControls.length, href: '#added-controls' },
    { label: 'Controls removed', value: diff.removedControls.length, href: '#removed-controls' },
  ];
  const h2 = 'text-lg font-semibold scroll-mt-4';

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/catalog" className="text-brand-700 underline">
          Catalog
        </Link>{' '}
        › What changed
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          What changed {FROM} → {TO}
        </h1>
        <p className="max-w-3xl text-slate-700">
          The two revisions of the whitepaper compared service by service and control by control. Controls keep their ids across revisions.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {counts.map((c) => (
          <div key={c.label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-600">
              <a href={c.href} className="underline decoration-slate-300 hover:text-brand-700">
                {c.label}
              </a>
            </dt>
            <dd className="text-2xl font-semibold tabular-nums">{c.value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="changed" className="space-y-3">
        <h2 id="changed" className={h2}>
          Controls changed ({diff.changedControls.length})
        </h2>
        {diff.changedControls.length === 0 ? (
          <Notice>None.</Notice>
        ) : (
          <ul className="space-y-3">
            {diff.changedControls.map((change) => (
              <li key={change.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">
                  <Link href={controlHref(change.id, catalog2022.version)} className="font-mono text-brand-700 underline">
                    {change.id}
                  </Link>{' '}
                  · {change.after.title}
                </h3>
                <table className="mt-2 w-full text-left text-sm">
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3">Field</th>
                      <th scope="col" className="py-1 pr-3">{FROM}</th>
                      <th scope="col" className="py-1">{TO}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {change.fields.map((f) => (
                      <tr key={f} className="border-t border-slate-100 align-top">
                        <th scope="row" className="py-1 pr-3 font-normal text-slate-600">
                          {FIELD_LABELS[f]}
                        </th>
                        <td className="py-1 pr-3">
                          <del className="decoration-red-400">{fieldValue(change.before, f)}</del>
                        </td>
                        <td className="py-1">
                          <ins className="no-underline">{fieldValue(change.after, f)}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="renamed" className="space-y-3">
        <h2 id="renamed" className={h2}>
          Sections renamed ({diff.renamedSections.length})
        </h2>
        {diff.renamedSections.length === 0 ? (
          <Notice>None.</Notice>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{FROM} heading</th>
                  <th scope="col" className="px-3 py-2">{TO} heading</th>
                </tr>
              </thead>
              <tbody>
                {diff.renamedSections.map((r) => (
                  <tr key={r.serviceId} className="border-t border-slate-100">
                    <td className="px-3 py-1.5">{r.from}</td>
                    <td className="px-3 py-1.5">
                      <Link href={serviceHref(r.serviceId, catalog2022.version)} className="text-brand-700 underline">
                        {r.to}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="added-services" className="space-y-3">
        <h2 id="added-services" className={h2}>
          Services added ({diff.addedServices.length})
        </h2>
        {diff.addedServices.length === 0 ? (
          <Notice>None.</Notice>
        ) : (
          <ul className="columns-1 gap-6 text-sm sm:columns-2 lg:columns-3">
            {diff.addedServices.map((s) => (
              <li key={s.id} className="py-0.5">
                <Link href={serviceHref(s.id, catalog2022.version)} className="text-brand-700 underline">
                  {s.name}
                </Link>{' '}
                <span className="text-slate-500">({s.controls.length})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="removed-services" className="space-y-3">
        <h2 id="removed-services" className={h2}>
          Services removed ({diff.removedServices.length})
        </h2>
        {diff.removedServices.length === 0 ? (
          <Notice>None.</Notice>
        ) : (
          <ul className="text-sm">
            {diff.removedServices.map((s) => (
              <li key={s.id} className="py-0.5">
                <Link href={serviceHref(s.id, catalog2019.version)} className="text-brand-700 underline">
                  {s.name}
                </Link>{' '}
                <span className="text-slate-600">({s.whitepaperSection})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="added-controls" className="space-y-3">
        <h2 id="added-controls" className={h2}>
          Controls added ({diff.addedControls.length})
        </h2>
        <ControlTable controls={diff.addedControls} version={catalog2022.version} label="Controls added" />
      </section>

      <section aria-labelledby="removed-controls" className="space-y-3">
        <h2 id="removed-controls" className={h2}>
          Controls removed ({diff.removedControls.length})
        </h2>
        <ControlTable controls={diff.removedControls} version={catalog2019.version} label="Controls removed" />
      </section>
    </div>
  );
}
