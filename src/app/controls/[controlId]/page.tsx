import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { requirePagePermission } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { findControl } from '@/server/catalog';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import type { SessionUser } from '@/server/auth/users';
import { controlPosture, resolveAccountScope } from '@/server/posture/posture-queries';
import { raciForControl } from '@/server/raci';
import { Citations, EvidenceSources } from '@/components/catalog-bits';
import { ExclusionsInForce } from '@/components/exclusions-in-force';
import { FailingResources } from '@/components/failing-resources';
import { ControlStatusBadge, Counts, formatNumber, formatPercent, PageSkeleton, Panel, SeverityBadge, StatCard } from '@/components/posture-bits';
import { RaciLetters } from '@/components/raci-letters';
import { TrendChart } from '@/components/trend-chart';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ controlId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const control = findControl((await params).controlId);
  return { title: control ? `${control.id} posture` : 'Control not found' };
}

const first = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? '').trim();

// The checks that decide "not found" run before anything streams, so the response is a real 404;
// the posture itself streams in behind a skeleton.
export default async function ControlPosturePage({ params, searchParams }: Props) {
  const user = await requirePagePermission('posture:view');
  const controlId = (await params).controlId;
  const accountId = first((await searchParams).accountId) || null;
  if (!findControl(controlId)) notFound();
  try {
    await resolveAccountScope(db(), user, accountId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <Suspense fallback={<PageSkeleton title={controlId} />}>
      <ControlPostureView user={user} controlId={controlId} accountId={accountId} />
    </Suspense>
  );
}

async function ControlPostureView({ user, controlId, accountId }: { user: SessionUser; controlId: string; accountId: string | null }) {
  let data;
  try {
    data = await controlPosture(db(), user, { controlId, accountId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { control, service, overall } = data;
  const names = Object.fromEntries(data.accounts.map((a) => [a.id, a.name]));
  const raci = await raciForControl(db(), control.id);
  const mustAct = raci.parties.filter((p) => raci.assignment[p.id]?.includes('R')).map((p) => p.name);
  const manual = control.evidence.securityHubControlIds.length === 0 && control.evidence.configRuleIdentifiers.length === 0;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/overview" className="text-brand-700 underline">
          Overview
        </Link>{' '}
        ›{' '}
        <Link href={`/services/${encodeURIComponent(service.id)}${accountId ? `?accountId=${accountId}` : ''}`} className="text-brand-700 underline">
          {service.name}
        </Link>{' '}
        › <span className="font-mono">{control.id}</span>
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{control.id}</span> · {control.title}
        </h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <ControlStatusBadge status={overall.status} />
          <span>{accountId ? `in ${names[accountId] ?? accountId}` : `over ${data.accounts.length} accounts`}</span>
          {accountId && (
            <Link href={`/controls/${encodeURIComponent(control.id)}`} className="text-brand-700 underline">
              See every account
            </Link>
          )}
          <Link href={`/catalog/controls/${encodeURIComponent(control.id)}`} className="text-brand-700 underline">
            Catalog entry
          </Link>
        </div>
        <p className="max-w-3xl text-slate-800">{control.requirement}</p>
      </div>

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Score" testId="control-score" value={formatPercent(overall.score)} />
        <StatCard label="Failed resources" testId="control-failed-count" tone={overall.resourceControls.failed ? 'bad' : 'good'} value={formatNumber(overall.resourceControls.failed)} />
        <StatCard label="Passed resources" testId="control-passed-count" value={formatNumber(overall.resourceControls.passed)} />
        <StatCard label="Excepted · unknown" value={`${formatNumber(overall.resourceControls.excepted)} · ${formatNumber(overall.resourceControls.unknown)}`} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Requirement" id="requirement">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">HIPAA citations</dt>
              <dd data-testid="control-citations">
                <Citations citations={control.hipaaCitations} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Whitepaper section</dt>
              <dd>{control.whitepaperSection}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Evidence</dt>
              <dd>
                <EvidenceSources control={control} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Default severity</dt>
              <dd>
                <SeverityBadge severity={control.defaultSeverity} />
              </dd>
            </div>
          </dl>
        </Panel>
        <Panel title="Who must act (RACI)" id="raci">
          <p className="mb-2 text-sm" data-testid="must-act">
            {mustAct.length ? `Responsible: ${mustAct.join(', ')}.` : 'No party is responsible yet.'}
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">RACI letters of {control.id}</caption>
            <tbody>
              {raci.parties.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <th scope="row" className="py-1 font-normal">
                    {p.name}
                  </th>
                  <td className="py-1 text-right">
                    <RaciLetters letters={raci.assignment[p.id] ?? ''} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>

      <Panel title="Status per account" id="per-account">
        {manual ? (
          <p className="mb-2 text-sm text-slate-600">A manual control: nothing checks it automatically; an attestation per account or for the organization makes it attested.</p>
        ) : null}
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="per-account">
            <caption className="sr-only">{control.id} per account</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-2">Account</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2">Resources</th>
                <th scope="col" className="px-2 py-2 text-right">Score</th>
                <th scope="col" className="px-2 py-2">Severity</th>
              </tr>
            </thead>
            <tbody>
              {data.perAccount.map(({ accountId: id, result }) => (
                <tr key={id} className="border-t border-slate-100" data-account={id}>
                  <td className="px-2 py-2">
                    <Link href={`/accounts/${id}`} className="text-brand-700 underline">
                      {names[id] ?? id}
                    </Link>{' '}
                    <span className="font-mono text-xs text-slate-500">{id}</span>
                  </td>
                  <td className="px-2 py-2">
                    <ControlStatusBadge status={result.status} />
                  </td>
                  <td className="px-2 py-2">
                    <Counts counts={result.resourceControls} />
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums">{formatPercent(result.score)}</td>
                  <td className="px-2 py-2">
                    <SeverityBadge severity={result.maxFailureSeverity} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Exclusions in force" id="exclusions">
          <ExclusionsInForce rows={data.exclusions} accountNames={names} />
        </Panel>
        <Panel title="Trend" id="trend">
          <TrendChart points={data.trend} title={`${control.id} score`} testId="control-trend" />
        </Panel>
      </div>

      <Panel
        title={`Failing resources (${formatNumber(overall.resourceControls.failed)})`}
        id="failing"
        actions={
          <Link href={`/findings?${new URLSearchParams({ control: control.id, status: 'FAILED', ...(accountId ? { account: accountId } : {}) })}`} className="text-brand-700 underline">
            Open in the findings explorer
          </Link>
        }
      >
        <FailingResources
          groups={data.failing.groups}
          loaded={data.failing.loaded}
          texts={data.failing.texts}
          accountNames={names}
          canRequestExclusion={can(user.role, 'exclusions:request')}
          singleControl
          explorerQuery={{ control: control.id }}
          perRegion={data.failing.limits.perRegion}
          accountsWithFailures={data.failing.accountsWithFailures}
        />
      </Panel>
    </div>
  );
}
