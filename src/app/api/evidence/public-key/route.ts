// GET /api/evidence/public-key — the app's evidence-signing public key (PEM), for
// `npm run evidence:verify -- bundle.zip --public-key key.pem`. Its fingerprint is in the header.
import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { evidenceSigningKey } from '@/server/evidence';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'evidence:export' }, async () => {
  const key = await evidenceSigningKey(db());
  return new NextResponse(key.publicKeyPem, {
    headers: {
      'Content-Type': 'application/x-pem-file',
      'Content-Disposition': 'attachment; filename="safeguards-evidence-public-key.pem"',
      'X-Key-Fingerprint-SHA256': key.fingerprint,
      'Cache-Control': 'private, no-store',
    },
  });
});
