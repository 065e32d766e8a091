'use server';
import { revalidatePath } from 'next/cache';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { db } from '@/server/db';
import { describeLetters, recordRaciChanges } from '@/server/raci';

const LETTERS = 'letters.';
const EXPECTED = 'expected.';

function byParty(fields: Record<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (key.startsWith(prefix)) result[key.slice(prefix.length)] = value;
  return result;
}

/** Saves the letters of one control's row; only compliance officers (checked here and in the domain). */
export async function saveRaciAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('raci:edit', async (user) => {
    const fields = formFields(form);
    const letters = byParty(fields, LETTERS);
    const result = await recordRaciChanges(db(), {
      actor: user,
      controlId: fields.controlId ?? '',
      changes: Object.entries(letters).map(([partyId, value]) => ({ partyId, letters: value })),
      expected: byParty(fields, EXPECTED),
      reason: fields.reason ?? '',
    });
    revalidatePath(`/catalog/controls/${result.controlId}`);
    revalidatePath('/catalog/services/[serviceId]', 'page');
    revalidatePath('/raci');
    const summary = result.changes.map((c) => `${c.partyName} ${describeLetters(c.from)} → ${describeLetters(c.to)}`).join('; ');
    return { message: `Saved. ${summary}.` };
  });
}
