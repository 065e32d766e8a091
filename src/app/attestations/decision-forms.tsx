'use client';
import { useActionState } from 'react';
import { FieldError } from '@/components/exclusion-bits';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { decideAttestationAction, revokeAttestationAction } from './actions';

const textarea = 'mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm';

function Hidden({ attestationId, version }: { attestationId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="attestationId" value={attestationId} />
      <input type="hidden" name="expectedVersion" value={version} />
    </>
  );
}

/** A one-click confirmation, for the list. */
export function ConfirmButton({ attestationId, version, label }: { attestationId: string; version: number; label: string }) {
  const [state, action] = useActionState(decideAttestationAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={label}>
      <Hidden attestationId={attestationId} version={version} />
      <input type="hidden" name="decision" value="confirm" />
      <SubmitButton variant="secondary">Confirm</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DecideAttestationForm({ attestationId, version }: { attestationId: string; version: number }) {
  const [state, action] = useActionState(decideAttestationAction, IDLE_STATE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="decide-attestation">
      <h3 id="decide-attestation" className="font-semibold">
        Confirm or reject
      </h3>
      <p className="text-sm text-slate-600">Confirm only what you have checked yourself: the control then counts as passed (attested) until the validity date.</p>
      <Hidden attestationId={attestationId} version={version} />
      <label className="block text-sm">
        Comment (required to reject)
        <textarea name="reason" rows={2} maxLength={2000} aria-describedby="attestation-reason-error" className={textarea} />
      </label>
      <FieldError id="attestation-reason-error" errors={errors?.reason} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" name="decision" value="confirm" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Confirm attestation
        </button>
        <button type="submit" name="decision" value="reject" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Reject attestation
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RevokeAttestationForm({ attestationId, version }: { attestationId: string; version: number }) {
  const [state, action] = useActionState(revokeAttestationAction, IDLE_STATE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="revoke-attestation">
      <h3 id="revoke-attestation" className="font-semibold">
        Revoke
      </h3>
      <Hidden attestationId={attestationId} version={version} />
      <label className="block text-sm">
        Reason (required, kept in the history)
        <textarea name="reason" rows={2} required minLength={3} maxLength={2000} aria-describedby="revoke-attestation-error" className={textarea} />
      </label>
      <FieldError id="revoke-attestation-error" errors={errors?.reason} />
      <div className="flex items-center gap-3">
        <SubmitButton variant="secondary">Revoke attestation</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
