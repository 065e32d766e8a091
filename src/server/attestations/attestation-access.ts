// Shared by the attestation use cases: the scope every query starts from (account owners see
// organization-wide attestations and those of their accounts), the actor facts the rules need,
// and turning a verdict into a typed error.
import type { Prisma } from '@/generated/prisma/client';
import { seesAllAccounts } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import { ConflictError, ForbiddenError } from '@/server/errors';
import type { AttestationStatus } from '@/generated/prisma/enums';
import { attestationDisplayStatus, type AttestationActor, type AttestationVerdict } from './attestation-rules';

export type Tx = Prisma.TransactionClient;
export type Actor = SessionUser;

export async function attestationAccessWhere(tx: Tx, actor: Actor): Promise<Prisma.AttestationWhereInput> {
  if (seesAllAccounts(actor.role)) return {};
  const owned = await tx.accountOwner.findMany({ where: { userId: actor.id }, select: { accountId: true } });
  return { OR: [{ accountId: null }, { accountId: { in: owned.map((o) => o.accountId) } }] };
}

export async function attestationActor(tx: Tx, actor: Actor, accountId: string | null): Promise<AttestationActor> {
  const ownsAccount =
    actor.role === 'account_owner' && accountId !== null && (await tx.accountOwner.count({ where: { accountId, userId: actor.id } })) > 0;
  return { id: actor.id, role: actor.role, ownsAccount };
}

/** "This attestation was already confirmed by …": for the loser of a race. */
export async function attestationChangedMessage(tx: Tx, attestationId: string): Promise<string | null> {
  const last = await tx.attestationEvent.findFirst({
    where: { attestationId, action: { not: 'recorded' } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    include: { actor: { select: { name: true } } },
  });
  if (!last) return null;
  const by = last.actor ? ` by ${last.actor.name}` : '';
  return `This attestation was already ${last.toStatus}${by} on ${last.at.toISOString().replace('T', ' ').slice(0, 16)} UTC. Reload the page to see its current state.`;
}

/** Throws the verdict's error; a state conflict names who changed it last, unless its date passed. */
export async function enforceAttestation(
  tx: Tx,
  verdict: AttestationVerdict,
  attestation: { id: string; status: AttestationStatus; validUntil: Date },
  now: Date,
): Promise<void> {
  if (verdict.ok) return;
  if (verdict.kind === 'forbidden') throw new ForbiddenError(verdict.message);
  const lapsed = attestationDisplayStatus(attestation, now) !== attestation.status;
  throw new ConflictError((lapsed ? null : await attestationChangedMessage(tx, attestation.id)) ?? verdict.message);
}

export async function lostAttestationRace(tx: Tx, attestationId: string): Promise<never> {
  throw new ConflictError(
    (await attestationChangedMessage(tx, attestationId)) ?? 'This attestation changed meanwhile. Reload the page to see its current state.',
  );
}
