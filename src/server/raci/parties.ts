// The parties of the RACI matrix (AWS, the platform team, account owners, and any the
// compliance officers add). Parties are archived, never deleted, so earlier matrices still name them.
import { z } from 'zod';
import type { RaciParty } from '@/generated/prisma/client';
import { parseOrThrow } from '@/server/validation';
import { DEFAULT_PARTIES, hasLetter, raciAsOf } from '@/server/catalog/raci';
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { RACI_DEFAULTS } from './defaults';
import { requireRaciEditor, type RaciActor } from './editor';
import { nextChangeTime, withRaciLock } from './lock';

export interface RaciPartyView {
  id: string;
  name: string;
  position: number;
  createdAt: Date;
  archivedAt: Date | null;
}

const toView = (p: RaciParty): RaciPartyView => ({ id: p.id, name: p.name, position: p.position, createdAt: p.createdAt, archivedAt: p.archivedAt });

/** The default parties count as present from the start, so a matrix for any past date names them. */
const DEFAULTS_CREATED_AT = new Date(0);
/** The largest Date: a matrix "as of" it includes every recorded change. */
const END_OF_TIME = new Date(8.64e15);

/** Inserts the default parties that are missing. Idempotent; never renames or un-archives. */
export async function ensureDefaultParties(db: Db): Promise<void> {
  await db.raciParty.createMany({
    data: DEFAULT_PARTIES.map((p, position) => ({ id: p.id, name: p.name, position, createdAt: DEFAULTS_CREATED_AT })),
    skipDuplicates: true,
  });
}

const ensured = new WeakMap<Db, Promise<void>>();

/** ensureDefaultParties once per client and process: reads then cost no write. */
export function ensureDefaultPartiesOnce(db: Db): Promise<void> {
  let pending = ensured.get(db);
  if (!pending) {
    pending = ensureDefaultParties(db).catch((error: unknown) => {
      ensured.delete(db);
      throw error;
    });
    ensured.set(db, pending);
  }
  return pending;
}

/**
 * Parties in matrix order. With `asOf`: those that existed then (archived later or never).
 * Without: the active ones, or all with `includeArchived`.
 */
export async function listParties(db: Db, options: { asOf?: Date; includeArchived?: boolean } = {}): Promise<RaciPartyView[]> {
  await ensureDefaultPartiesOnce(db);
  const { asOf, includeArchived = false } = options;
  // Every control page and service page lists them: one plain statement on the pool.
  const asOfOrNull = asOf ?? null;
  return queryRows<RaciPartyView[]>(db, Prisma.sql`
    SELECT id, name, position, created_at AS "createdAt", archived_at AS "archivedAt" FROM raci_parties
    WHERE CASE WHEN ${asOfOrNull}::timestamptz IS NOT NULL THEN created_at <= ${asOfOrNull}::timestamptz AND (archived_at IS NULL OR archived_at > ${asOfOrNull}::timestamptz)
               ELSE ${includeArchived} OR archived_at IS NULL END
    ORDER BY position, created_at, id`);
}

/** A URL-safe id from a name ("Security & Privacy" → "security-privacy"), unique among `taken`. */
export function partyIdFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'party';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const nameSchema = z.string().trim().min(1, 'Enter a name.').max(60, 'Names have at most 60 characters.');
const partyIdSchema = z.string().trim().min(1, 'Choose a party.').max(80);
const reasonSchema = z.string().trim().min(3, 'Say why (it is kept in the history).').max(1000, 'Keep the reason under 1000 characters.');

const sameName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;

function refuseDuplicateName(parties: readonly RaciParty[], name: string, exceptId?: string): void {
  const clash = parties.find((p) => !p.archivedAt && p.id !== exceptId && sameName(p.name, name));
  if (clash) throw new ConflictError(`There is already a party named "${clash.name}".`);
}

export async function addParty(db: Db, input: { actor: RaciActor; name: unknown; now?: Date }): Promise<RaciPartyView> {
  requireRaciEditor(input.actor);
  const { name } = parseOrThrow(z.object({ name: nameSchema }), { name: input.name });
  await ensureDefaultPartiesOnce(db);
  return withRaciLock(db, async (tx) => {
    const parties = await tx.raciParty.findMany();
    refuseDuplicateName(parties, name);
    const created = await tx.raciParty.create({
      data: {
        id: partyIdFromName(name, new Set(parties.map((p) => p.id))),
        name,
        position: Math.max(-1, ...parties.map((p) => p.position)) + 1,
        createdAt: input.now ?? new Date(),
      },
    });
    return toView(created);
  });
}

export async function renameParty(db: Db, input: { actor: RaciActor; partyId: unknown; name: unknown }): Promise<RaciPartyView> {
  requireRaciEditor(input.actor);
  const { partyId, name } = parseOrThrow(z.object({ partyId: partyIdSchema, name: nameSchema }), input);
  await ensureDefaultPartiesOnce(db);
  return withRaciLock(db, async (tx) => {
    const parties = await tx.raciParty.findMany();
    const party = parties.find((p) => p.id === partyId);
    if (!party) throw new NotFoundError('Unknown party.');
    if (party.archivedAt) throw new ValidationError(`${party.name} is archived.`);
    refuseDuplicateName(parties, name, partyId);
    return toView(await tx.raciParty.update({ where: { id: partyId }, data: { name } }));
  });
}

/**
 * Archives a party. It must not be Accountable for any control (move A first); its other letters
 * are cleared by changes recorded with the reason, at the instant it is archived.
 */
export async function archiveParty(
  db: Db,
  input: { actor: RaciActor; partyId: unknown; reason: unknown; now?: Date },
): Promise<{ party: RaciPartyView; clearedControls: string[] }> {
  requireRaciEditor(input.actor);
  const { partyId, reason } = parseOrThrow(z.object({ partyId: partyIdSchema, reason: reasonSchema }), input);
  await ensureDefaultPartiesOnce(db);
  return withRaciLock(db, async (tx) => {
    const party = await tx.raciParty.findUnique({ where: { id: partyId } });
    if (!party) throw new NotFoundError('Unknown party.');
    if (party.archivedAt) throw new ValidationError(`${party.name} is already archived.`);
    const changes = await tx.raciChange.findMany({ orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] });
    const matrix = raciAsOf(RACI_DEFAULTS, changes, END_OF_TIME);
    const involved = Object.entries(matrix).filter(([controlId, row]) => RACI_DEFAULTS[controlId] && row[partyId]);
    const accountableFor = involved.filter(([, row]) => hasLetter(row[partyId], 'A')).map(([controlId]) => controlId);
    if (accountableFor.length > 0) {
      const shown = accountableFor.slice(0, 5).join(', ') + (accountableFor.length > 5 ? ', …' : '');
      throw new ValidationError(
        `${party.name} is Accountable for ${accountableFor.length} control${accountableFor.length === 1 ? '' : 's'} (${shown}). Give A to another party on ${accountableFor.length === 1 ? 'it' : 'them'} before archiving.`,
      );
    }
    const cleared = involved.map(([controlId]) => controlId);
    const at = await nextChangeTime(tx, input.now ?? new Date(), cleared);
    if (cleared.length) {
      await tx.raciChange.createMany({
        data: cleared.map((controlId) => ({
          controlId,
          partyId,
          letters: '',
          reason: `${party.name} archived: ${reason}`,
          changedById: input.actor.id,
          changedAt: at,
        })),
      });
    }
    const archived = await tx.raciParty.update({ where: { id: partyId }, data: { archivedAt: at } });
    return { party: toView(archived), clearedControls: cleared };
  });
}
