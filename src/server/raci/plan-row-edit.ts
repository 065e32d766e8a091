// The rules for one edit of a control's RACI row, without the database: every party must exist
// and be active, letters must parse, something must change, and the row must end with exactly
// one Accountable party. Several parties change at once so accountability can move in one step.
import { ValidationError } from '@/server/errors';
import { hasLetter, parseRaciLetters, RaciParseError, type RaciAssignment, type RaciLetters } from '@/server/catalog/raci';

export interface PartyRef {
  id: string;
  name: string;
  archivedAt?: Date | null;
}

export interface RowEdit {
  partyId: string;
  /** As typed: "ra", "R, A", "" (not involved). */
  letters: string;
}

export interface PlannedChange {
  partyId: string;
  partyName: string;
  from: RaciLetters;
  to: RaciLetters;
}

export interface RowPlan {
  next: Record<string, RaciLetters>;
  changes: PlannedChange[];
}

export const lettersField = (partyId: string) => `letters.${partyId}`;

/** "RA" → "R, A"; "" → "not involved". */
export function describeLetters(letters: RaciLetters): string {
  return letters ? letters.split('').join(', ') : 'not involved';
}

export function planRowEdit(controlId: string, current: RaciAssignment, parties: readonly PartyRef[], edits: readonly RowEdit[]): RowPlan {
  if (edits.length === 0) throw new ValidationError('Choose at least one party to change.', { letters: ['Choose at least one party to change.'] });
  const byId = new Map(parties.map((p) => [p.id, p]));
  const fieldErrors: Record<string, string[]> = {};
  const messages: string[] = [];
  const fail = (partyId: string, message: string) => {
    (fieldErrors[lettersField(partyId)] ??= []).push(message);
    messages.push(message);
  };

  const parsed: { party: PartyRef; to: RaciLetters }[] = [];
  const seen = new Set<string>();
  for (const edit of edits) {
    const party = byId.get(edit.partyId);
    if (seen.has(edit.partyId)) {
      fail(edit.partyId, `${party?.name ?? edit.partyId} is listed more than once.`);
      continue;
    }
    seen.add(edit.partyId);
    if (!party) {
      fail(edit.partyId, `There is no party "${edit.partyId}".`);
      continue;
    }
    if (party.archivedAt) {
      fail(edit.partyId, `${party.name} is archived and can no longer be given letters.`);
      continue;
    }
    try {
      parsed.push({ party, to: parseRaciLetters(edit.letters) });
    } catch (error) {
      if (!(error instanceof RaciParseError)) throw error;
      const why = error.message.slice(`Invalid RACI letters "${error.input}": `.length);
      fail(edit.partyId, `${party.name}: ${why}. Use R, A, C and I, each at most once.`);
    }
  }
  if (messages.length) throw new ValidationError(messages[0], fieldErrors);

  const next: Record<string, RaciLetters> = { ...current };
  const changes: PlannedChange[] = [];
  for (const { party, to } of parsed) {
    const from = current[party.id] ?? '';
    if (from !== to) changes.push({ partyId: party.id, partyName: party.name, from, to });
    next[party.id] = to;
  }
  if (changes.length === 0) {
    throw new ValidationError(`Nothing changed: ${controlId} already has these letters.`, { letters: ['Nothing changed.'] });
  }

  const accountable = Object.entries(next)
    .filter(([, letters]) => hasLetter(letters, 'A'))
    .map(([id]) => byId.get(id)?.name ?? id);
  if (accountable.length !== 1) {
    const message =
      accountable.length === 0
        ? `${controlId} would have no Accountable party. Exactly one party must hold A: give A to another party in the same change.`
        : `${controlId} would have ${accountable.length} Accountable parties (${accountable.join(', ')}). Exactly one party must hold A: take A away from the other in the same change.`;
    throw new ValidationError(message, { letters: [message] });
  }
  return { next, changes };
}
