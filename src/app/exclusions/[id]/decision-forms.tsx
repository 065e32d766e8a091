'use client';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { FieldError } from '@/components/exclusion-bits';
import { IDLE_STATE } from '@/components/form-state';
import { decideExclusionAction, revokeExclusionAction } from '../actions';

const textarea = 'mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm';

function Hidden({ exclusionId, version }: { exclusionId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="exclusionId" value={exclusionId} />
      <input type="hidden" name="expectedVersion" value={version} />
    </>
  );
}

export function ApproveForm({ exclusionId, version }: { exclusionId: string; version: number }) {
  const [state, action] = useActionState(decideExclusionAction, IDLE_STATE);
  return (
    <form action={action} className="space-y-2 rounded-lg border border-emerald-200 bg-white p-4" aria-labelledby="approve-heading">
      <h3 id="approve-heading" className="font-semibold">
        Approve
      </h3>
      <Hidden exclusionId={exclusionId} version={version} />
      <input type="hidden" name="decision" value="approve" />
      <label className="block text-sm">
        Comment (optional)
        <textarea name="reason" rows={2} maxLength={2000} className={textarea} />
      </label>
      <div className="flex items-center gap-3">
        <SubmitButton>Approve exclusion</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RejectForm({ exclusionId, version }: { exclusionId: string; version: number }) {
  const [state, action] = useActionState(decideExclusionAction, IDLE_STATE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-red-200 bg-white p-4" aria-labelledby="reject-heading">
      <h3 id="reject-heading" className="font-semibold">
        Reject
      </h3>
      <Hidden exclusionId={exclusionId} version={version} />
      <input type="hidden" name="decision" value="reject" />
      <label className="block text-sm">
        Reason (required, kept in the history)
        <textarea name="reason" rows={2} required minLength={3} maxLength={2000} aria-describedby="reject-reason-error" className={textarea} />
      </label>
      <FieldError id="reject-reason-error" errors={errors?.reason} />
      <div className="flex items-center gap-3">
        <SubmitButton variant="secondary">Reject exclusion</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RevokeForm({ exclusionId, version }: { exclusionId: string; version: number }) {
  const [state, action] = useActionState(revokeExclusionAction, IDLE_STATE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="revoke-heading">
      <h3 id="revoke-heading" className="font-semibold">
        Revoke
      </h3>
      <p className="text-sm text-slate-600">The resource’s failures count as failures again at once.</p>
      <Hidden exclusionId={exclusionId} version={version} />
      <label className="block text-sm">
        Reason (required, kept in the history)
        <textarea name="reason" rows={2} required minLength={3} maxLength={2000} aria-describedby="revoke-reason-error" className={textarea} />
      </label>
      <FieldError id="revoke-reason-error" errors={errors?.reason} />
      <div className="flex items-center gap-3">
        <SubmitButton variant="secondary">Revoke exclusion</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
