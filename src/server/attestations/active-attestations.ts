// The attestations posture evaluation takes into account: confirmed and still valid at `asOf`.
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import type { Attestation as PostureAttestation } from '@/server/posture';

export async function activeAttestations(
  db: Db,
  asOf: Date,
  options: {
    /** Organization-wide attestations always; account ones only of these accounts when given. */
    accountIds?: readonly string[];
  } = {},
): Promise<PostureAttestation[]> {
  // Read by every posture page: one plain statement on the pool.
  const all = options.accountIds === undefined;
  const rows = await queryRows<{ id: string; controlId: string; accountId: string | null; validUntil: Date }[]>(db, Prisma.sql`
    SELECT id::text AS id, control_id AS "controlId", account_id AS "accountId", valid_until AS "validUntil"
    FROM attestations
    WHERE status = 'confirmed' AND valid_until > ${asOf}
      AND (${all} OR account_id IS NULL OR account_id = ANY(${all ? [] : [...options.accountIds!]}::text[]))
    ORDER BY id`);
  return rows.map((row) => ({ ...row, status: 'confirmed' as const }));
}
