'use client';
import { useActionState } from 'react';
import { ReasonForm, VersionedRecordFields } from '@/components/decision-form';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { decideAttestationAction, revokeAttestationAction } from './actions';

interface AttestationRef {
  attestationId: string;
  version: number;
}

const record = ({ attestationId, version }: AttestationRef) => ({ idField: 'attestationId', id: attestationId, version });

/** A one-click confirmation, for the list. */
export function ConfirmButton({ label, ...ref }: AttestationRef & { label: string }) {
  const [state, action] = useActionState(decideAttestationAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={label}>
      <VersionedRecordFields {...record(ref)} />
      <input type="hidden" name="decision" value="confirm" />
      <SubmitButton variant="secondary">Confirm</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DecideAttestationForm(props: AttestationRef) {
  return (
    <ReasonForm
      action={decideAttestationAction}
      formId="decide-attestation"
      heading="Confirm or reject"
      note="Confirm only what you have checked yourself: the control then counts as passed (attested) until the validity date."
      record={record(props)}
      reason={{ label: 'Comment (required to reject)', required: false }}
      submit={[
        { decision: 'confirm', label: 'Confirm attestation', primary: true },
        { decision: 'reject', label: 'Reject attestation' },
      ]}
    />
  );
}

export function RevokeAttestationForm(props: AttestationRef) {
  return (
    <ReasonForm
      action={revokeAttestationAction}
      formId="revoke-attestation"
      heading="Revoke"
      record={record(props)}
      reason={{ label: 'Reason (required, kept in the history)', required: true }}
      submit={{ label: 'Revoke attestation', variant: 'secondary' }}
    />
  );
}
