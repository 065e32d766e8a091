// The matrix as table rows (controls × parties, grouped by service) and its filters, for the
// RACI page and exports. Pure.
import type { CatalogControl, CatalogService, CatalogVersion } from '@/server/catalog';
import { hasLetter, type RaciLetter, type RaciLetters, type RaciMatrix } from '@/server/catalog/raci';

export interface RaciRow {
  service: Pick<CatalogService, 'id' | 'name'>;
  control: Pick<CatalogControl, 'id' | 'title'>;
  letters: Readonly<Record<string, RaciLetters>>;
  edited: boolean;
}

export const LETTER_FILTERS = ['R', 'A', 'C', 'I', 'none'] as const;
export type LetterFilter = (typeof LETTER_FILTERS)[number];

export interface RaciRowFilter {
  serviceId?: string;
  partyId?: string;
  /** With a party: rows where that party holds the letter ('none': is not involved). Without: any party. */
  letter?: LetterFilter;
}

export function raciRows(catalog: CatalogVersion, matrix: RaciMatrix, editedControlIds: readonly string[] = []): RaciRow[] {
  const edited = new Set(editedControlIds);
  const rows: RaciRow[] = [];
  for (const service of catalog.services) {
    for (const control of service.controls) {
      const letters = matrix[control.id];
      if (!letters) continue;
      rows.push({ service: { id: service.id, name: service.name }, control: { id: control.id, title: control.title }, letters, edited: edited.has(control.id) });
    }
  }
  return rows;
}

const holds = (letters: RaciLetters | undefined, filter: LetterFilter) => (filter === 'none' ? !letters : hasLetter(letters ?? '', filter as RaciLetter));

export function filterRaciRows(rows: readonly RaciRow[], filter: RaciRowFilter): RaciRow[] {
  const { serviceId, partyId, letter } = filter;
  return rows.filter((row) => {
    if (serviceId && row.service.id !== serviceId) return false;
    if (partyId && letter) return holds(row.letters[partyId], letter);
    if (partyId) return Boolean(row.letters[partyId]);
    if (letter) return Object.values(row.letters).some((l) => holds(l, letter));
    return true;
  });
}

/** Reads the filter from query values, dropping unknown services, parties and letters. */
export function parseRaciRowFilter(
  query: { service?: string | string[]; party?: string | string[]; letter?: string | string[] },
  known: { serviceIds: ReadonlySet<string>; partyIds: ReadonlySet<string> },
): RaciRowFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const serviceId = first(query.service);
  const partyId = first(query.party);
  const letter = first(query.letter);
  return {
    serviceId: serviceId && known.serviceIds.has(serviceId) ? serviceId : undefined,
    partyId: partyId && known.partyIds.has(partyId) ? partyId : undefined,
    letter: (LETTER_FILTERS as readonly string[]).includes(letter ?? '') ? (letter as LetterFilter) : undefined,
  };
}
