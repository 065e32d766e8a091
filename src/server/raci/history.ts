// A control's RACI change history: who changed which party's letters, when and why.
import { parseRaciLetters, type RaciLetters } from '@/server/catalog/raci';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { defaultsFor, raciControl } from './defaults';
import { listParties } from './parties';

export interface RaciHistoryChange {
  partyId: string;
  partyName: string;
  from: RaciLetters;
  to: RaciLetters;
}

/** One edit: the changes recorded together (same instant, same person, same reason). */
export interface RaciHistoryEntry {
  changedAt: Date;
  changedBy: { id: string; name: string; email: string };
  reason: string | null;
  changes: RaciHistoryChange[];
}

/** Newest first. NotFoundError when the latest catalog has no such control. */
export async function raciHistory(db: Db, controlId: string): Promise<RaciHistoryEntry[]> {
  if (!raciControl(controlId)) throw new NotFoundError(`There is no control "${controlId}" in the current catalog.`);
  const [rows, parties] = await Promise.all([
    db.raciChange.findMany({
      where: { controlId },
      orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
      include: { changedBy: { select: { id: true, name: true, email: true } } },
    }),
    listParties(db, { includeArchived: true }),
  ]);
  const names = new Map(parties.map((p) => [p.id, p.name]));
  const letters: Record<string, RaciLetters> = { ...defaultsFor([controlId])[controlId] };
  const entries: RaciHistoryEntry[] = [];
  for (const row of rows) {
    const to = parseRaciLetters(row.letters);
    const change: RaciHistoryChange = { partyId: row.partyId, partyName: names.get(row.partyId) ?? row.partyId, from: letters[row.partyId] ?? '', to };
    letters[row.partyId] = to;
    const last = entries.at(-1);
    if (last && last.changedAt.getTime() === row.changedAt.getTime() && last.changedBy.id === row.changedById && last.reason === row.reason) {
      last.changes.push(change);
    } else {
      entries.push({ changedAt: row.changedAt, changedBy: row.changedBy, reason: row.reason, changes: [change] });
    }
  }
  const order = new Map(parties.map((p, i) => [p.id, i]));
  for (const entry of entries) entry.changes.sort((a, b) => (order.get(a.partyId) ?? Infinity) - (order.get(b.partyId) ?? Infinity));
  return entries.reverse();
}
