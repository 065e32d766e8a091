// The attestations posture evaluation takes into account: confirmed and still valid at `asOf`.
import type { Db } from '@/server/db';
import type { Attestation as PostureAttestation } from '@/server/posture';

export async function activeAttestations(
  db: Db,
  asOf: Date,
  options: {
    /** Organization-wide attestations always; account ones only of these accounts when given. */
    accountIds?: readonly string[];
  } = {},
): Promise<PostureAttestation[]> {
  const rows = await db.attestation.findMany({
    where: {
      status: 'confirmed',
      validUntil: { gt: asOf },
      ...(options.accountIds ? { OR: [{ accountId: null }, { accountId: { in: [...options.accountIds] } }] } : {}),
    },
    select: { id: true, controlId: true, accountId: true, validUntil: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ ...row, status: 'confirmed' as const }));
}
