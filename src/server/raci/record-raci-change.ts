// Recording an edit of the RACI matrix: one party's letters for a control, or several parties'
// at once (needed to move Accountable from one party to another). Validated against the latest
// catalog, the active parties and the one-Accountable rule, then written in one transaction.
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { z } from 'zod';
import { parseOrThrow } from '@/server/validation';
import { parseRaciLetters, raciAsOf, RaciParseError, type RaciAssignment, type RaciLetters } from '@/server/catalog/raci';
import type { Db } from '@/server/db';
import { ConflictError, ValidationError } from '@/server/errors';
import { defaultsFor, raciControl } from './defaults';
import { requireRaciEditor, type RaciActor } from './editor';
import { nextChangeTime, withRaciLock } from './lock';
import { ensureDefaultPartiesOnce } from './parties';
import { planRowEdit, type PlannedChange } from './plan-row-edit';

export const raciEditSchema = z.object({
  controlId: z.string().trim().min(1, 'Choose a control.').max(100),
  changes: z
    .array(
      z.object({
        partyId: z.string().trim().min(1, 'Choose a party.').max(80),
        letters: z.string().max(20, 'Use the letters R, A, C and I.'),
      }),
    )
    .min(1, 'Choose at least one party to change.')
    .max(50),
  reason: z.string().trim().min(3, 'Say why (it is kept in the history).').max(1000, 'Keep the reason under 1000 characters.'),
});

/** Whether every party in `expected` holds those letters in `current` (letters compared normalized). */
function sameLetters(expected: Readonly<Record<string, string>>, current: RaciAssignment): boolean {
  return Object.entries(expected).every(([partyId, letters]) => {
    try {
      return parseRaciLetters(letters) === (current[partyId] ?? '');
    } catch (error) {
      if (error instanceof RaciParseError) return false;
      throw error;
    }
  });
}

export interface RecordedRaciEdit {
  controlId: string;
  changedAt: Date;
  changes: PlannedChange[];
  /** The control's row after the edit, over every party that has letters. */
  row: Record<string, RaciLetters>;
}

export async function recordRaciChanges(
  db: Db,
  input: {
    actor: RaciActor;
    controlId: unknown;
    changes: unknown;
    reason: unknown;
    /** The letters the editor saw (party id → letters); a row changed since then is refused (409). */
    expected?: Readonly<Record<string, string>>;
    now?: Date;
  },
): Promise<RecordedRaciEdit> {
  requireRaciEditor(input.actor);
  const { controlId, changes: edits, reason } = parseOrThrow(raciEditSchema, input);
  if (!raciControl(controlId)) {
    throw new ValidationError(`There is no control "${controlId}" in the current catalog.`, { controlId: ['Unknown control.'] });
  }
  await ensureDefaultPartiesOnce(db);
  return withRaciLock(db, async (tx) => {
    const [parties, history] = await Promise.all([
      tx.raciParty.findMany({ where: { id: { in: edits.map((e) => e.partyId) } } }),
      tx.raciChange.findMany({ where: { controlId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] }),
    ]);
    const changedAt = await nextChangeTime(tx, input.now ?? new Date(), [controlId]);
    const current = raciAsOf(defaultsFor([controlId]), history, changedAt)[controlId] ?? {};
    if (input.expected && !sameLetters(input.expected, current)) {
      throw new ConflictError(`Someone changed the RACI of ${controlId} after you opened it. Reload the page to see the current letters, then edit again.`);
    }
    const plan = planRowEdit(controlId, current, parties, edits);
    await tx.raciChange.createMany({
      data: plan.changes.map((c) => ({ controlId, partyId: c.partyId, letters: c.to, reason, changedById: input.actor.id, changedAt })),
    });
    await recordAuditEvent(tx, {
      actor: { id: input.actor.id, email: input.actor.email ?? '' },
      action: 'raci.change',
      target: { type: 'control', id: controlId },
      details: { reason, changes: plan.changes.map((c) => ({ partyId: c.partyId, from: c.from, to: c.to })) },
    });
    return { controlId, changedAt, changes: plan.changes, row: plan.next };
  });
}

/** One party's letters for one control; `letters: ''` means the party is no longer involved. */
export async function recordRaciChange(
  db: Db,
  input: { actor: RaciActor; controlId: unknown; partyId: unknown; letters: unknown; reason: unknown; now?: Date },
): Promise<RecordedRaciEdit> {
  const { actor, controlId, partyId, letters, reason, now } = input;
  return recordRaciChanges(db, { actor, controlId, reason, now, changes: [{ partyId, letters }] });
}
