'use server';
import { revalidatePath } from 'next/cache';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { db } from '@/server/db';
import { addParty, archiveParty, renameParty } from '@/server/raci';

function refresh(): void {
  revalidatePath('/raci');
  revalidatePath('/catalog/controls/[controlId]', 'page');
  revalidatePath('/catalog/services/[serviceId]', 'page');
}

export async function addPartyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('raci:edit', async (user) => {
    const party = await addParty(db(), { actor: user, name: formFields(form).name ?? '' });
    refresh();
    return { message: `Added ${party.name}. Give it letters on a control's page.` };
  });
}

export async function renamePartyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('raci:edit', async (user) => {
    const fields = formFields(form);
    const party = await renameParty(db(), { actor: user, partyId: fields.partyId ?? '', name: fields.name ?? '' });
    refresh();
    return { message: `Renamed to ${party.name}.` };
  });
}

export async function archivePartyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('raci:edit', async (user) => {
    const fields = formFields(form);
    const { party, clearedControls } = await archiveParty(db(), { actor: user, partyId: fields.partyId ?? '', reason: fields.reason ?? '' });
    refresh();
    const cleared = clearedControls.length ? ` Its letters on ${clearedControls.length} control${clearedControls.length === 1 ? '' : 's'} were cleared.` : '';
    return { message: `Archived ${party.name}.${cleared}` };
  });
}
