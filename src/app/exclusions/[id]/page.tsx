import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth';
import { formatDay, formatTime, HistoryTimeline, SmallBadge, StatusBadge, toHistoryEvents } from '@/components/exclusion-bits';
import { findControl, findService } from '@/server/catalog';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { exclusionHistory, SCOPE_LABELS, STATUS_LABELS } from '@/server/exclusions';
import { AWAITING_LABELS, exclusionTarget } from '../view';
import { ApproveForm, RejectForm, RevokeForm } from './decision-forms';

export const metadata: Metadata = { title: 'Exclusion' };
export const dynamic = 'force-dynamic';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

async function load(actor: Awaited<ReturnType<typeof requirePagePermission>>, exclusionId: string) {
  try {
    return await exclusionHistory(db(), { actor, exclusionId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function ExclusionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('exclusions:view');
  const { exclusion, accountName, events, allowed } = await load(user, (await params).id);
  const control = exclusion.controlId ? findControl(exclusion.controlId) : undefined;
  const service = findService(exclusion.serviceId);
  const status = exclusion.effectiveStatus;
  const isRequester = exclusion.requestedById === user.id;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/exclusions" className="text-brand-700 underline">
          Exclusions
        </Link>{' '}
        › {exclusion.id.slice(0, 8)}
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Exclusion: {exclusionTarget(exclusion)}</h1>
        <div className="flex flex-wrap items-center gap-2" data-testid="exclusion-status">
          <StatusBadge status={status} label={STATUS_LABELS[status]} />
          {exclusion.expiringSoon && <SmallBadge tone="amber">expires soon</SmallBadge>}
          {exclusion.staleSince && status === 'approved' && (
            <SmallBadge tone="amber" title="The resource is no longer reported by any source">
              stale since {formatDay(exclusion.staleSince)}
            </SmallBadge>
          )}
          {exclusion.awaiting && (
            <span className="text-sm text-slate-600">
              {exclusion.awaiting === 'account_owner'
                ? 'Awaits a decision by an owner of the account other than the requester.'
                : 'Awaits a decision by a compliance officer: no other owner of the account can decide.'}
            </span>
          )}
        </div>
      </div>

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Account">
          {accountName ?? exclusion.accountId} <span className="font-mono text-xs text-slate-500">{exclusion.accountId}</span>
        </Field>
        <Field label="Resource">
          <span className="break-all font-mono text-xs">{exclusion.resourceId ?? 'every resource of the account'}</span>
          {exclusion.resourceType && <div className="font-mono text-xs text-slate-500">{exclusion.resourceType}</div>}
        </Field>
        <Field label="Scope">{SCOPE_LABELS[exclusion.scope]}</Field>
        <Field label="Control">
          {control ? (
            <Link href={`/catalog/controls/${encodeURIComponent(control.id)}`} className="text-brand-700 underline">
              {control.id}
            </Link>
          ) : (
            'every control of the service'
          )}
          {control && <div className="text-slate-600">{control.title}</div>}
        </Field>
        <Field label="Service">
          <Link href={`/catalog/services/${encodeURIComponent(exclusion.serviceId)}`} className="text-brand-700 underline">
            {service?.name ?? exclusion.serviceId}
          </Link>
        </Field>
        <Field label="Expires">{formatTime(exclusion.expiresAt)}</Field>
        <Field label="Requested by">
          {exclusion.requestedBy.name} <span className="text-slate-500">({exclusion.requestedBy.email})</span>
          <div className="text-xs text-slate-500">{formatTime(exclusion.requestedAt)}</div>
        </Field>
        <Field label="No PHI or PII (attested by the requester)">{exclusion.noPhiAttested ? 'Yes' : 'Not attested (the control is not about PHI)'}</Field>
        <Field label="Ticket">{exclusion.ticketRef ?? '—'}</Field>
        <div className="sm:col-span-2 lg:col-span-3">
          <dt className="text-slate-600">Justification</dt>
          <dd className="mt-0.5 whitespace-pre-wrap">{exclusion.justification}</dd>
        </div>
      </dl>

      {status === 'pending' && isRequester && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="own-request-note">
          You requested this exclusion, so another person must decide it: {exclusion.awaiting ? AWAITING_LABELS[exclusion.awaiting] : 'an account owner'}.
        </p>
      )}

      {(allowed.approve || allowed.reject || allowed.revoke) && (
        <section aria-labelledby="decide" className="space-y-3">
          <h2 id="decide" className="sr-only">
            Your decision
          </h2>
          <div className="grid gap-4 md:grid-cols-2">
            {allowed.approve && <ApproveForm exclusionId={exclusion.id} version={exclusion.version} />}
            {allowed.reject && <RejectForm exclusionId={exclusion.id} version={exclusion.version} />}
            {allowed.revoke && <RevokeForm exclusionId={exclusion.id} version={exclusion.version} />}
          </div>
        </section>
      )}

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <HistoryTimeline events={toHistoryEvents(events)} testId="exclusion-history" />
      </section>
    </div>
  );
}
