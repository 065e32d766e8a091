'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { db } from '@/server/db';
import { decideExclusion, requestExclusion, revokeExclusion } from '@/server/exclusions';

export async function requestExclusionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction('exclusions:request', async (user) => {
    const f = formFields(form);
    const exclusion = await requestExclusion(db(), {
      actor: user,
      input: {
        accountId: f.accountId ?? '',
        scope: f.scope ?? '',
        resourceId: f.resourceId,
        resourceType: f.resourceType,
        controlId: f.controlId,
        serviceId: f.serviceId,
        justification: f.justification ?? '',
        noPhiAttested: f.noPhiAttested === 'on',
        ticketRef: f.ticketRef,
        expiresAt: f.expiresAt,
      },
    });
    revalidatePath('/exclusions');
    return { message: 'Exclusion requested.', data: { id: exclusion.id } };
  });
  if (state.status === 'ok' && state.data) redirect(`/exclusions/${state.data.id}`);
  return state;
}

export async function decideExclusionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('exclusions:decide', async (user) => {
    const f = formFields(form);
    const exclusion = await decideExclusion(db(), {
      actor: user,
      exclusionId: f.exclusionId ?? '',
      input: { decision: f.decision ?? '', reason: f.reason, expectedVersion: f.expectedVersion || undefined },
    });
    revalidatePath('/exclusions');
    revalidatePath(`/exclusions/${exclusion.id}`);
    return { message: exclusion.status === 'approved' ? 'Approved.' : 'Rejected.' };
  });
}

export async function revokeExclusionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('exclusions:decide', async (user) => {
    const f = formFields(form);
    const exclusion = await revokeExclusion(db(), {
      actor: user,
      exclusionId: f.exclusionId ?? '',
      input: { reason: f.reason ?? '', expectedVersion: f.expectedVersion || undefined },
    });
    revalidatePath('/exclusions');
    revalidatePath(`/exclusions/${exclusion.id}`);
    return { message: 'Revoked.' };
  });
}
