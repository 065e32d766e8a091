import { apiRoute } from '@/lib/api';
import { revokeAttestation, revokeAttestationSchema } from '@/server/attestations';
import { db } from '@/server/db';

export const dynamic = 'force-dynamic';

/** `{ reason, expectedVersion? }`: revoke a confirmed attestation. */
export const POST = apiRoute({ permission: 'attestations:confirm', body: revokeAttestationSchema }, async ({ user, body, params }) => ({
  attestation: await revokeAttestation(db(), { actor: user, attestationId: params.id ?? '', input: body }),
}));
