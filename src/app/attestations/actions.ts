'use server';
import { revalidatePath } from 'next/cache';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { decideAttestation, revokeAttestation } from '@/server/attestations';
import { db } from '@/server/db';

export async function decideAttestationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('attestations:confirm', async (user) => {
    const f = formFields(form);
    const attestation = await decideAttestation(db(), {
      actor: user,
      attestationId: f.attestationId ?? '',
      input: { decision: f.decision ?? '', reason: f.reason, expectedVersion: f.expectedVersion || undefined },
    });
    revalidatePath('/attestations');
    revalidatePath(`/attestations/${attestation.id}`);
    return { message: attestation.status === 'confirmed' ? 'Confirmed.' : 'Rejected.' };
  });
}

export async function revokeAttestationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('attestations:confirm', async (user) => {
    const f = formFields(form);
    const attestation = await revokeAttestation(db(), {
      actor: user,
      attestationId: f.attestationId ?? '',
      input: { reason: f.reason ?? '', expectedVersion: f.expectedVersion || undefined },
    });
    revalidatePath('/attestations');
    revalidatePath(`/attestations/${attestation.id}`);
    return { message: 'Revoked.' };
  });
}
