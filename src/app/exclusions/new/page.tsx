import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { catalog2022, findControl, findService, isManual, type CatalogService } from '@/server/catalog';
import { db } from '@/server/db';
import { defaultExpiry, exclusionAccounts, latestExpiry } from '@/server/exclusions';
import { RequestExclusionForm, type RequestFormControl } from './request-form';

export const metadata = { title: 'Request an exclusion' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? '').trim().slice(0, 2048);

function automatedControls(services: readonly CatalogService[]): RequestFormControl[] {
  return services.flatMap((service) =>
    service.controls
      .filter((c) => !isManual(c))
      .map((c) => ({ id: c.id, title: c.title, serviceId: service.id, serviceName: service.name, phiRelated: c.phiRelated })),
  );
}

/** /exclusions/new?accountId=&resourceId=&resourceType=&controlId=&serviceId= — prefilled from a failing resource. */
export default async function NewExclusionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('exclusions:request');
  const params = await searchParams;
  const control = findControl(first(params.controlId));
  const service = findService(control?.serviceId ?? first(params.serviceId));
  const accounts = await exclusionAccounts(db(), user);
  // The service of the resource when known; every automated control otherwise.
  const controls = automatedControls(service ? [service] : catalog2022.services);
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/exclusions" className="text-brand-700 underline">
          Exclusions
        </Link>{' '}
        › Request
      </nav>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Request an exclusion</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Once another owner of the account approves it (or a compliance officer, when no other owner can), the failures it covers count as excepted
          until it expires. You cannot approve your own request.
        </p>
      </div>
      {first(params.accountId) && !accounts.some((a) => a.id === first(params.accountId)) ? (
        <p role="alert" className="text-slate-700">
          You cannot request exclusions for account {first(params.accountId).slice(0, 12)}: account owners request them for the accounts they own.
        </p>
      ) : accounts.length === 0 ? (
        <p className="text-slate-600">You own no account, so there is nothing you can request an exclusion for.</p>
      ) : controls.length === 0 ? (
        <p className="text-slate-600">{service?.name ?? 'This service'} has no automated controls: there is nothing to exclude.</p>
      ) : (
        <RequestExclusionForm
          accounts={accounts}
          controls={controls}
          canExcludeAccount={user.role === 'compliance_officer'}
          initial={{
            accountId: first(params.accountId),
            resourceId: first(params.resourceId),
            resourceType: first(params.resourceType).slice(0, 256),
            controlId: control && !isManual(control) ? control.id : '',
          }}
          dates={{ default: day(defaultExpiry(now)), min: day(now), max: day(latestExpiry(now)) }}
        />
      )}
    </div>
  );
}
