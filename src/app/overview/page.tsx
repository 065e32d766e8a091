import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { overviewFor } from '@/server/posture/posture-queries';
import { parseSnapshotDay } from '@/server/posture/snapshots';
import { HEATMAP_ACCOUNTS_PER_PAGE } from '@/server/posture/posture-views';
import { HeatmapLegend, PostureHeatmap } from '@/components/posture-heatmap';
import { EmptyState, formatNumber, formatPercent, formatUtc, Panel, SeverityBadge, StatCard } from '@/components/posture-bits';
import { SyncHealthLive } from '@/components/sync-health-live';
import { TrendChart } from '@/components/trend-chart';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('posture:view');
  const params = await searchParams;
  const askedDay = typeof params.asOf === 'string' && params.asOf.trim() ? params.asOf.trim() : null;
  const asOfDay = parseSnapshotDay(askedDay);
  const heatmapPageAsked = typeof params.heatmapPage === 'string' ? Number.parseInt(params.heatmapPage, 10) : 1;
  const data = await overviewFor(db(), user, { asOfDay, heatmapPage: heatmapPageAsked });
  const paging = data.overview.heatmapPaging;
  const heatmapPageHref = (page: number) => {
    const query = new URLSearchParams();
    if (asOfDay) query.set('asOf', asOfDay);
    if (page > 1) query.set('heatmapPage', String(page));
    const text = query.toString();
    return `/overview${text ? `?${text}` : ''}#heatmap`;
  };
  const { overview, accounts } = data;
  const isOwner = user.role === 'account_owner';
  const failingControls = overview.controlStatuses.failed;
  const evaluated = overview.passed + overview.failed;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="text-sm text-slate-600">
            {isOwner ? 'Your accounts' : 'The organization'} against the AWS HIPAA whitepaper (September 2022 revision)
            {data.source === 'snapshot' ? `, as stored in the daily snapshot of ${data.snapshot?.day}.` : ', computed now from the synced findings.'}
          </p>
        </div>
        <form method="get" action="/overview" className="ml-auto flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            <span className="text-slate-600">Posture as of</span>
            <input type="date" name="asOf" defaultValue={asOfDay ?? ''} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
            Show
          </button>
          {asOfDay && (
            <Link href="/overview" className="px-1 py-1 text-brand-700 underline">
              Back to now
            </Link>
          )}
        </form>
      </div>

      {askedDay && !asOfDay && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          “{askedDay.slice(0, 20)}” is not a past calendar day (use a date like 2024-03-01): showing the posture now.
        </p>
      )}

      {accounts.length === 0 ? (
        <EmptyState>
          {data.source === 'snapshot'
            ? `No snapshot was taken on or before ${asOfDay}: history starts with the first snapshot.`
            : isOwner
              ? 'No AWS account is linked to you yet. An admin links owners to accounts.'
              : 'No AWS account is registered yet. An admin registers accounts under “AWS accounts”.'}
        </EmptyState>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            <StatCard
              label="Compliance score"
              testId="overview-score"
              tone={overview.score !== null && overview.score < 0.7 ? 'bad' : 'plain'}
              value={formatPercent(overview.score)}
              hint={`${formatNumber(overview.passed)} of ${formatNumber(evaluated)} evaluated resource-controls pass`}
            />
            <StatCard
              label="Failing controls"
              testId="overview-failing-controls"
              tone={failingControls > 0 ? 'bad' : 'good'}
              value={formatNumber(failingControls)}
              hint={`of ${formatNumber(Object.values(overview.controlStatuses).reduce((a, b) => a + b, 0))} controls · ${formatNumber(overview.controlStatuses.manual)} manual`}
            />
            <StatCard
              label="Failed resource-controls"
              testId="overview-failed"
              value={formatNumber(overview.failed)}
              hint={`${formatNumber(overview.excepted)} excepted · ${formatNumber(overview.unknown)} without a verdict`}
            />
            <StatCard label="AWS accounts" testId="overview-accounts" value={formatNumber(accounts.length)} hint={data.source === 'live' ? `as of ${formatUtc(new Date())}` : `snapshot of ${data.snapshot?.day}`} />
          </dl>

          <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
            <Panel title="Failing controls by severity" id="by-severity">
              <table className="w-full text-sm" data-testid="failing-by-severity">
                <caption className="sr-only">Failing controls by their highest failure severity</caption>
                <thead className="text-left text-slate-600">
                  <tr>
                    <th scope="col" className="py-1">Severity</th>
                    <th scope="col" className="py-1 text-right">Controls</th>
                    <th scope="col" className="py-1 text-right">Failed resources</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {overview.failingBySeverity.map((row) => (
                    <tr key={row.severity} className="border-t border-slate-100" data-severity={row.severity}>
                      <td className="py-1">
                        <SeverityBadge severity={row.severity} />
                      </td>
                      <td className="py-1 text-right font-semibold">{row.controls}</td>
                      <td className="py-1 text-right">{formatNumber(row.failedResources)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {overview.topFailingControls.length > 0 && (
                <>
                  <h3 className="mt-4 text-sm font-semibold text-slate-700">Most severe failing controls</h3>
                  <ol className="mt-1 space-y-1 text-sm">
                    {overview.topFailingControls.slice(0, 6).map((c) => (
                      <li key={c.controlId} className="flex items-baseline gap-2">
                        <SeverityBadge severity={c.maxSeverity} />
                        <span className="min-w-0 flex-1 truncate" title={`${c.title} (${c.serviceName})`}>
                          <Link href={`/controls/${encodeURIComponent(c.controlId)}`} className="text-brand-700 underline">
                            {c.title}
                          </Link>{' '}
                          <span className="text-xs text-slate-500">{c.serviceName}</span>
                        </span>
                        <span className="tabular-nums text-red-700">{c.failed}</span>
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </Panel>
            <Panel title="Sync" id="sync">
              {data.source === 'snapshot' ? (
                <p className="text-sm text-slate-600">
                  Snapshot taken {formatUtc(data.snapshot?.accounts.map((a) => a.takenAt).sort((a, b) => b.getTime() - a.getTime())[0])}.{' '}
                  <Link href="/overview" className="text-brand-700 underline">
                    See the posture now
                  </Link>
                </p>
              ) : (
                <SyncHealthLive initial={data.sync} />
              )}
            </Panel>
            <Panel title="Trend" id="trend">
              <TrendChart points={data.trend} title="Compliance score" testId="overview-trend" />
            </Panel>
          </div>

          <Panel title="Worst services" id="worst-services">
            {overview.worstServices.length === 0 ? (
              <EmptyState>No service has a failing resource.</EmptyState>
            ) : (
              <ol className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4" data-testid="worst-services">
                {overview.worstServices.map((s) => (
                  <li key={s.serviceId} className="rounded border border-slate-200 p-2 text-sm">
                    <Link href={`/services/${encodeURIComponent(s.serviceId)}`} className="font-medium text-brand-700 underline">
                      {s.name}
                    </Link>
                    <div className="mt-1 tabular-nums">
                      <span className="font-semibold text-red-700">{formatPercent(s.score)}</span> · {s.failed} failed {s.failed === 1 ? 'resource' : 'resources'} · {s.failedControls}{' '}
                      failing {s.failedControls === 1 ? 'control' : 'controls'}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Panel>

          <Panel title="Services × accounts" id="heatmap" actions={<HeatmapLegend />}>
            {overview.heatmap.rows.length === 0 ? (
              <EmptyState>Nothing evaluated yet: the heatmap fills in after the first sync.</EmptyState>
            ) : (
              <>
                <p className="mb-2 text-sm text-slate-600">
                  Each cell is a service’s score in an account (passed ÷ passed and failed resource-controls). Select a cell for the service’s failing resources in that
                  account.
                </p>
                {paging.pages > 1 && (
                  <nav aria-label="Heatmap accounts" className="mb-2 flex items-center gap-3 text-sm" data-testid="heatmap-paging">
                    <span className="text-slate-600">
                      Accounts {paging.first}–{paging.last} of {paging.total}
                    </span>
                    {paging.page > 1 && (
                      <Link href={heatmapPageHref(paging.page - 1)} className="text-brand-700 underline">
                        Previous {HEATMAP_ACCOUNTS_PER_PAGE}
                      </Link>
                    )}
                    {paging.page < paging.pages && (
                      <Link href={heatmapPageHref(paging.page + 1)} className="text-brand-700 underline">
                        Next {Math.min(HEATMAP_ACCOUNTS_PER_PAGE, paging.total - paging.last)}
                      </Link>
                    )}
                  </nav>
                )}
                <PostureHeatmap heatmap={overview.heatmap} caption={`Compliance score per service and account (accounts ${paging.first}–${paging.last} of ${paging.total})`} />
              </>
            )}
          </Panel>
        </>
      )}
    </div>
  );
}
