import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth';
import { formatTime, HistoryTimeline, toHistoryEvents, StatusBadge } from '@/components/exclusion-bits';
import { ATTESTATION_STATUS_LABELS, attestationHistory } from '@/server/attestations';
import { findControl } from '@/server/catalog';
import { db } from '@/server/db';
import { DecideAttestationForm, RevokeAttestationForm } from '../decision-forms';

export const metadata: Metadata = { title: 'Attestation' };
export const dynamic = 'force-dynamic';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

export default async function AttestationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('attestations:view');
  const details = await attestationHistory(db(), { actor: user, attestationId: (await params).id });
  if (!details) notFound();
  const { attestation, accountName, events } = details;
  const control = findControl(attestation.controlId);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/attestations" className="text-brand-700 underline">
          Attestations
        </Link>{' '}
        › {attestation.id.slice(0, 8)}
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          Attestation: {attestation.controlId}
          {control && ` — ${control.title}`}
        </h1>
        <div data-testid="attestation-status">
          <StatusBadge status={attestation.displayStatus} label={ATTESTATION_STATUS_LABELS[attestation.displayStatus]} />
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Control">
          <Link href={`/catalog/controls/${encodeURIComponent(attestation.controlId)}`} className="text-brand-700 underline">
            {attestation.controlId}
          </Link>
        </Field>
        <Field label="Scope">{attestation.accountId ? `Account ${accountName ?? ''} (${attestation.accountId})` : 'The whole organization'}</Field>
        <Field label="Valid until">{formatTime(attestation.validUntil)}</Field>
        <Field label="Recorded by">
          {attestation.createdBy.name} <span className="text-slate-500">({attestation.createdBy.email})</span>
          <div className="text-xs text-slate-500">{formatTime(attestation.createdAt)}</div>
        </Field>
        <Field label="File">
          {attestation.fileName ? (
            <>
              <a href={`/api/attestations/${attestation.id}/file`} className="text-brand-700 underline" download>
                {attestation.fileName}
              </a>{' '}
              <span className="text-slate-500">
                ({attestation.fileType}, {attestation.fileSize?.toLocaleString('en')} bytes)
              </span>
              <div className="break-all font-mono text-xs text-slate-500">SHA-256 {attestation.fileSha256}</div>
            </>
          ) : (
            'none'
          )}
        </Field>
        <div className="sm:col-span-2 lg:col-span-3">
          <dt className="text-slate-600">Statement</dt>
          <dd className="mt-0.5 whitespace-pre-wrap">{attestation.statement}</dd>
        </div>
      </dl>

      {attestation.displayStatus === 'pending' && attestation.createdById === user.id && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          You recorded this attestation, so a second person must confirm it: {attestation.accountId ? 'an owner of the account or ' : ''}another compliance officer.
        </p>
      )}
      {(attestation.allowed.confirm || attestation.allowed.revoke) && (
        <section aria-labelledby="decide" className="grid gap-4 md:grid-cols-2">
          <h2 id="decide" className="sr-only">
            Decide
          </h2>
          {attestation.allowed.confirm && <DecideAttestationForm attestationId={attestation.id} version={attestation.version} />}
          {attestation.allowed.revoke && <RevokeAttestationForm attestationId={attestation.id} version={attestation.version} />}
        </section>
      )}

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <HistoryTimeline events={toHistoryEvents(events)} testId="attestation-history" />
      </section>
    </div>
  );
}
