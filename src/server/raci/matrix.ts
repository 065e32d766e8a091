// The RACI matrix as of an instant: the latest catalog's defaults with every recorded change
// up to that instant replayed (raciAsOf), over the parties that existed then.
import type { CatalogControl, CatalogService } from '@/server/catalog';
import { findService } from '@/server/catalog';
import { raciAsOf, validateOneAccountable, type RaciAssignment, type RaciLetters, type RaciMatrix, type RaciProblem } from '@/server/catalog/raci';
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { defaultsFor, RACI_CATALOG, raciControl } from './defaults';
import { listParties, type RaciPartyView } from './parties';

export interface RaciView {
  asOf: Date;
  catalogVersion: string;
  /** Parties that existed at `asOf`, in column order. */
  parties: RaciPartyView[];
  /** Control id → party id → letters, for every party in `parties` ('' = not involved). */
  matrix: RaciMatrix;
  /** Controls whose row differs from the catalog default because of a recorded change. */
  editedControlIds: string[];
  /** Rows breaking the one-Accountable rule (empty unless the history holds such a state). */
  problems: RaciProblem[];
}

/** The whole matrix, or only `controlIds` (unknown ids are ignored). */
export async function raciMatrixAsOf(db: Db, asOf: Date = new Date(), options: { controlIds?: readonly string[] } = {}): Promise<RaciView> {
  const { controlIds } = options;
  const [parties, changes] = await Promise.all([
    listParties(db, { asOf }),
    queryRows<{ controlId: string; partyId: string; letters: string; changedAt: Date }[]>(db, Prisma.sql`
      SELECT control_id AS "controlId", party_id AS "partyId", letters, changed_at AS "changedAt" FROM raci_changes
      WHERE changed_at <= ${asOf} AND (${!controlIds} OR control_id = ANY(${controlIds ? [...controlIds] : []}::text[]))
      ORDER BY changed_at, id`),
  ]);
  const defaults = defaultsFor(controlIds);
  const replayed = raciAsOf(defaults, changes, asOf);
  const matrix: Record<string, RaciAssignment> = {};
  const edited: string[] = [];
  for (const controlId of Object.keys(defaults)) {
    const row: Record<string, RaciLetters> = {};
    let differs = false;
    for (const party of parties) {
      row[party.id] = replayed[controlId]?.[party.id] ?? '';
      if (row[party.id] !== (defaults[controlId][party.id] ?? '')) differs = true;
    }
    matrix[controlId] = row;
    if (differs) edited.push(controlId);
  }
  return { asOf, catalogVersion: RACI_CATALOG.version, parties, matrix, editedControlIds: edited, problems: validateOneAccountable(matrix) };
}

export interface ControlRaci {
  control: CatalogControl;
  service: CatalogService;
  asOf: Date;
  parties: RaciPartyView[];
  assignment: RaciAssignment;
  /** The catalog default, for comparison. */
  defaults: RaciAssignment;
  edited: boolean;
  problems: RaciProblem[];
}

/** One control's row as of an instant; NotFoundError when the latest catalog has no such control. */
export async function raciForControl(db: Db, controlId: string, asOf: Date = new Date()): Promise<ControlRaci> {
  const control = raciControl(controlId);
  if (!control) throw new NotFoundError(`There is no control "${controlId}" in the current catalog.`);
  const view = await raciMatrixAsOf(db, asOf, { controlIds: [controlId] });
  return {
    control,
    service: findService(control.serviceId, RACI_CATALOG.version)!,
    asOf,
    parties: view.parties,
    assignment: view.matrix[controlId],
    defaults: defaultsFor([controlId])[controlId],
    edited: view.editedControlIds.includes(controlId),
    problems: view.problems,
  };
}
