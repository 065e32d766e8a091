import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { requirePagePermission } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { findControl, findService } from '@/server/catalog';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import type { SessionUser } from '@/server/auth/users';
import { resolveAccountScope, servicePosture } from '@/server/posture/posture-queries';
import { raciMatrixAsOf } from '@/server/raci';
import { PhiBadge } from '@/components/catalog-bits';
import { ControlsTable } from '@/components/controls-table';
import { ExclusionsInForce } from '@/components/exclusions-in-force';
import { FailingResources } from '@/components/failing-resources';
import { EmptyState, formatNumber, formatPercent, PageSkeleton, Panel, StatCard } from '@/components/posture-bits';
import { RaciLegend } from '@/components/raci-letters';
import { TrendChart } from '@/components/trend-chart';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ serviceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const service = findService((await params).serviceId);
  return { title: service ? `${service.name} posture` : 'Service not found' };
}

const first = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? '').trim();

// The checks that decide "not found" run before anything streams, so the response is a real 404;
// the posture itself streams in behind a skeleton.
export default async function ServicePosturePage({ params, searchParams }: Props) {
  const user = await requirePagePermission('posture:view');
  const { serviceId } = await params;
  const accountId = first((await searchParams).accountId) || null;
  const service = findService(serviceId);
  if (!service) notFound();
  try {
    await resolveAccountScope(db(), user, accountId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <Suspense fallback={<PageSkeleton title={service.name} />}>
      <ServicePostureView user={user} serviceId={serviceId} accountId={accountId} />
    </Suspense>
  );
}

async function ServicePostureView({ user, serviceId, accountId }: { user: SessionUser; serviceId: string; accountId: string | null }) {
  let data;
  try {
    data = await servicePosture(db(), user, { serviceId, accountId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { service, summary, accounts } = data;
  const names = Object.fromEntries(accounts.map((a) => [a.id, a.name]));
  const raci = service.controls.length ? await raciMatrixAsOf(db(), new Date(), { controlIds: service.controls.map((c) => c.id) }) : null;
  const withAccount = (path: string) => (accountId ? `${path}?accountId=${accountId}` : path);
  const failingControls = summary.controls.filter((c) => c.status === 'failed').length;
  const allAccounts = accountId ? null : accounts;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/overview" className="text-brand-700 underline">
          Overview
        </Link>{' '}
        › {service.name}
        {accountId && <> › {names[accountId] ?? accountId}</>}
      </nav>
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">
            {service.name}
            {accountId && <span className="font-normal text-slate-600"> in {names[accountId] ?? accountId}</span>}
          </h1>
          <p className="text-sm text-slate-600">
            {accountId ? (
              <>
                One account.{' '}
                <Link href={`/services/${encodeURIComponent(service.id)}`} className="text-brand-700 underline">
                  See every account
                </Link>
              </>
            ) : (
              `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}`
            )}
          </p>
        </div>
        {allAccounts && allAccounts.length > 1 && (
          <form method="get" className="ml-auto flex items-end gap-2 text-sm">
            <label className="flex flex-col">
              <span className="text-slate-600">Account</span>
              <select name="accountId" defaultValue="" className="rounded border border-slate-300 bg-white px-2 py-1">
                <option value="">All accounts</option>
                {allAccounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.id})
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
              Show
            </button>
          </form>
        )}
      </div>

      <Panel title="Whitepaper guidance" id="guidance" actions={<Link href={`/catalog/services/${encodeURIComponent(service.id)}`} className="text-brand-700 underline">Full entry in the catalog</Link>}>
        <p className="max-w-3xl text-slate-800" data-testid="service-guidance">
          {service.summary}
        </p>
        <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-600">Whitepaper section</dt>
            <dd className="font-medium">{service.whitepaperSection}</dd>
          </div>
          <div>
            <dt className="text-slate-600">May hold PHI</dt>
            <dd>
              <PhiBadge mayHoldPhi={service.mayHoldPhi} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Resource types</dt>
            <dd className="font-mono text-xs">{service.resourceTypes.join(', ') || '—'}</dd>
          </div>
        </dl>
      </Panel>

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Score" testId="service-score" value={formatPercent(summary.score)} hint={`${formatNumber(summary.resourceControls.passed)} of ${formatNumber(summary.resourceControls.passed + summary.resourceControls.failed)} pass`} />
        <StatCard label="Failed resource-controls" testId="service-failed" tone={summary.resourceControls.failed ? 'bad' : 'good'} value={formatNumber(summary.resourceControls.failed)} />
        <StatCard label="Failing controls" testId="service-failing-controls" value={`${failingControls} of ${summary.controls.length}`} />
        <StatCard label="Excepted" testId="service-excepted" value={formatNumber(summary.resourceControls.excepted)} hint={`${formatNumber(summary.resourceControls.unknown)} without a verdict`} />
      </dl>

      <Panel title="Controls" id="controls">
        {service.controls.length === 0 ? (
          <EmptyState>The whitepaper gives this service no safeguards of its own beyond the cross-cutting sections.</EmptyState>
        ) : (
          <div className="space-y-2">
            {raci && <RaciLegend />}
            <ControlsTable
              caption={`Controls of ${service.name}`}
              rows={summary.controls.map((result) => ({ control: findControl(result.controlId)!, result }))}
              raci={raci}
              controlHref={(id) => withAccount(`/controls/${encodeURIComponent(id)}`)}
            />
          </div>
        )}
      </Panel>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Exclusions in force" id="exclusions">
          <ExclusionsInForce rows={data.exclusions} accountNames={names} />
        </Panel>
        <Panel title="Trend" id="trend">
          <TrendChart points={data.trend} title={`${service.name} score`} testId="service-trend" />
        </Panel>
      </div>

      <Panel
        title={`Failing resources (${formatNumber(summary.resourceControls.failed)} failed resource-controls)`}
        id="failing"
        actions={
          <Link href={`/findings?${new URLSearchParams({ service: service.id, status: 'FAILED', ...(accountId ? { account: accountId } : {}) })}`} className="text-brand-700 underline">
            Open in the findings explorer
          </Link>
        }
      >
        <FailingResources groups={data.failing.groups} loaded={data.failing.loaded} texts={data.failing.texts} accountNames={names} canRequestExclusion={can(user.role, 'exclusions:request')} explorerQuery={{ service: service.id }} perRegion={data.failing.limits.perRegion} accountsWithFailures={data.failing.accountsWithFailures} />
      </Panel>
    </div>
  );
}
