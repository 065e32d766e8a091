import { apiRoute } from '@/lib/api';
import { decideAttestation, decideAttestationSchema } from '@/server/attestations';
import { db } from '@/server/db';

export const dynamic = 'force-dynamic';

/** `{ decision: 'confirm' | 'reject', reason?, expectedVersion? }`; never by the person who recorded it (403). */
export const POST = apiRoute({ permission: 'attestations:confirm', body: decideAttestationSchema }, async ({ user, body, params }) => ({
  attestation: await decideAttestation(db(), { actor: user, attestationId: params.id ?? '', input: body }),
}));
