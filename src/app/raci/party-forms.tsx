'use client';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { addPartyAction, archivePartyAction, renamePartyAction } from './actions';

const input = 'rounded border border-slate-300 px-2 py-1';

export function AddPartyForm() {
  const [state, action] = useActionState(addPartyAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <label className="text-sm">
        New party
        <input name="name" required maxLength={60} className={`${input} mt-1 block`} />
      </label>
      <SubmitButton>Add party</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function RenamePartyForm({ partyId, name }: { partyId: string; name: string }) {
  const [state, action] = useActionState(renamePartyAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="partyId" value={partyId} />
      <input name="name" defaultValue={name} required maxLength={60} aria-label={`New name for ${name}`} className={input} />
      <SubmitButton variant="secondary">
        Rename<span className="sr-only"> {name}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ArchivePartyForm({ partyId, name }: { partyId: string; name: string }) {
  const [state, action] = useActionState(archivePartyAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="partyId" value={partyId} />
      <input name="reason" required minLength={3} maxLength={1000} placeholder="Why" aria-label={`Why archive ${name}`} className={input} />
      <SubmitButton variant="secondary">
        Archive<span className="sr-only"> {name}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
