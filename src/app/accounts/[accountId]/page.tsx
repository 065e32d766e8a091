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
import { accountPosture, resolveAccountScope } from '@/server/posture/posture-queries';
import { controlsByUrgency } from '@/server/posture/posture-views';
import { summarizeSync } from '@/server/posture/sync-summary';
import { ControlsTable } from '@/components/controls-table';
import { ExclusionsInForce } from '@/components/exclusions-in-force';
import { FailingResourcesByRegion } from '@/components/failing-resources';
import { EmptyState, formatNumber, formatPercent, formatUtc, PageSkeleton, Panel, StatCard } from '@/components/posture-bits';
import { SyncHealthLive } from '@/components/sync-health-live';
import { TrendChart } from '@/components/trend-chart';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account posture' };

const HEALTH_STYLE = {
  ok: 'bg-emerald-100 text-emerald-800',
  failing: 'bg-red-100 text-red-800',
  running: 'bg-sky-100 text-sky-800',
  'never-synced': 'bg-slate-100 text-slate-700',
} as const;

// The check that decides "not found" runs before anything streams, so another owner's account
// is a real 404; the posture itself streams in behind a skeleton.
/** Failing controls listed before "show all": the most urgent first, enough for a first look. */
const FAILING_CONTROLS_SHOWN = 25;

export default async function AccountPosturePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('posture:view');
  const { accountId } = await params;
  const allControls = (await searchParams).controls === 'all';
  try {
    await resolveAccountScope(db(), user, accountId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <Suspense fallback={<PageSkeleton title="Account" />}>
      <AccountPostureView user={user} accountId={accountId} allControls={allControls} />
    </Suspense>
  );
}

async function AccountPostureView({ user, accountId, allControls }: { user: SessionUser; accountId: string; allControls: boolean }) {
  let data;
  try {
    data = await accountPosture(db(), user, accountId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { account, summary } = data;
  const names = { [account.id]: account.name };
  const ordered = controlsByUrgency(summary.controls);
  const failing = ordered.filter((c) => c.status === 'failed');
  const others = ordered.filter((c) => c.status !== 'failed' && c.status !== 'manual');
  const manual = ordered.filter((c) => c.status === 'manual');
  const row = (result: (typeof ordered)[number]) => ({ control: findControl(result.controlId)!, result, serviceName: findService(result.serviceId)?.name });
  const controlHref = (id: string) => `/controls/${encodeURIComponent(id)}?accountId=${account.id}`;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/accounts" className="text-brand-700 underline">
          Accounts
        </Link>{' '}
        › {account.name}
      </nav>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {account.name} <span className="font-mono text-lg font-normal text-slate-500">{account.id}</span>
        </h1>
        <p className="text-sm text-slate-600">
          Regions: {account.regions.join(', ') || 'none'}
          {!account.enabled && ' · sync disabled'}
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label="Compliance score"
          testId="account-score"
          tone={summary.score !== null && summary.score < 0.7 ? 'bad' : 'plain'}
          value={formatPercent(summary.score)}
          hint={`${formatNumber(summary.resourceControls.passed)} of ${formatNumber(summary.resourceControls.passed + summary.resourceControls.failed)} pass`}
        />
        <StatCard label="Failing controls" testId="account-failing-controls" tone={failing.length ? 'bad' : 'good'} value={formatNumber(failing.length)} />
        <StatCard label="Failed resource-controls" testId="account-failed" value={formatNumber(summary.resourceControls.failed)} />
        <StatCard label="Excepted" value={formatNumber(summary.resourceControls.excepted)} hint={`${formatNumber(data.exclusions.length)} ${data.exclusions.length === 1 ? 'exclusion' : 'exclusions'} in force`} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Sync health" id="sync">
          <SyncHealthLive initial={summarizeSync(data.sync)} accountId={account.id} />
          {data.sync.length > 0 && (
            <div className="relative mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="account-sync">
                <caption className="sr-only">Sync per region and source</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-2">Region</th>
                    <th scope="col" className="py-1 pr-2">Source</th>
                    <th scope="col" className="py-1 pr-2">Health</th>
                    <th scope="col" className="py-1">Last good sync</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sync.map((r) => (
                    <tr key={`${r.region}-${r.source}`} className="border-t border-slate-100">
                      <td className="py-1 pr-2 font-mono">{r.region}</td>
                      <td className="py-1 pr-2">{r.source === 'securityhub' ? 'Security Hub' : 'AWS Config'}</td>
                      <td className="py-1 pr-2">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${HEALTH_STYLE[r.health]}`}>{r.health}</span>
                      </td>
                      <td className="py-1">{formatUtc(r.lastSuccessAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
        <Panel title="Trend" id="trend">
          <TrendChart points={data.trend} title={`${account.name} score`} testId="account-trend" />
        </Panel>
      </div>

      <Panel title="Services" id="services">
        {data.services.length === 0 ? (
          <EmptyState>Nothing evaluated in this account yet.</EmptyState>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" data-testid="account-services">
            {data.services.map((s) => (
              <li key={s.serviceId} className="flex items-baseline justify-between gap-2 rounded border border-slate-200 px-2 py-1 text-sm">
                <Link href={`/services/${encodeURIComponent(s.serviceId)}?accountId=${account.id}`} className="truncate text-brand-700 underline" title={s.name}>
                  {s.name}
                </Link>
                <span className={`whitespace-nowrap tabular-nums ${s.failed ? 'text-red-700' : 'text-emerald-700'}`}>
                  {formatPercent(s.score)}
                  {s.failed > 0 && <span className="text-xs"> · {s.failed} failed</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title={`Failing controls (${failing.length})`} id="controls">
        {failing.length === 0 ? (
          <EmptyState>No control fails in this account.</EmptyState>
        ) : (
          <ControlsTable
            caption={`Failing controls of ${account.name}`}
            rows={(allControls ? failing : failing.slice(0, FAILING_CONTROLS_SHOWN)).map(row)}
            raci={null}
            controlHref={controlHref}
            showService
          />
        )}
        {!allControls && failing.length + others.length > Math.min(failing.length, FAILING_CONTROLS_SHOWN) && (
          <p className="mt-3 text-sm" data-testid="all-controls-link">
            {failing.length > FAILING_CONTROLS_SHOWN ? `The ${FAILING_CONTROLS_SHOWN} most urgent of ${failing.length} failing controls. ` : ''}
            <Link href={`/accounts/${account.id}?controls=all#controls`} className="text-brand-700 underline">
              Show every failing control{others.length > 0 ? ` and the ${others.length} other automated controls` : ''}
            </Link>
          </p>
        )}
        {allControls && others.length > 0 && (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-brand-700">Other automated controls ({others.length})</summary>
            <div className="mt-2">
              <ControlsTable caption={`Other automated controls of ${account.name}`} rows={others.map(row)} raci={null} controlHref={controlHref} showService />
            </div>
          </details>
        )}
        {manual.length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            {manual.length} manual controls have no automated evidence and no attestation for this account yet (see{' '}
            <Link href="/catalog" className="text-brand-700 underline">
              the catalog
            </Link>
            ).
          </p>
        )}
      </Panel>

      <Panel
        title={`Failing resources (${formatNumber(data.failingRegions.reduce((n, r) => n + r.resources, 0))})`}
        id="failing"
        actions={
          <Link href={`/findings?account=${account.id}&status=FAILED`} className="text-brand-700 underline">
            Open in the findings explorer
          </Link>
        }
      >
        <FailingResourcesByRegion accountId={account.id} accountName={account.name} regions={data.failingRegions} canRequestExclusion={can(user.role, 'exclusions:request')} />
      </Panel>

      <Panel title="Exclusions in force" id="exclusions" actions={<Link href={`/exclusions?accountId=${account.id}`} className="text-brand-700 underline">All exclusions</Link>}>
        <ExclusionsInForce rows={data.exclusions} accountNames={names} />
      </Panel>
    </div>
  );
}
