import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api';
import { attestationFile } from '@/server/attestations';
import { db } from '@/server/db';

export const dynamic = 'force-dynamic';

/** The attached file, always as a download, never rendered in the app's origin. */
export const GET = apiRoute({ permission: 'attestations:view' }, async ({ user, params }) => {
  const file = await attestationFile(db(), { actor: user, attestationId: params.id ?? '' });
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new NextResponse(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.type,
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      'X-Checksum-SHA256': file.sha256,
    },
  });
});
