import { apiRoute } from '@/lib/api';
import { attestationHistory } from '@/server/attestations';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'attestations:view' }, async ({ user, params }) => {
  const details = await attestationHistory(db(), { actor: user, attestationId: params.id ?? '' });
  if (!details) throw new NotFoundError('Unknown attestation.');
  return details;
});
