// GET /api/evidence/bundle?account=…&service=…&control=…&citation=…&asOf=YYYY-MM-DD
// The evidence bundle as a zip, streamed while it is written (never built whole in memory).
// Not through apiRoute, which answers JSON: session and permission are checked the same way
// first (401/403), the scope next (400), and only then does the zip start.
import { Readable } from 'node:stream';
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api';
import { getCurrentUser } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { db } from '@/server/db';
import { parseBundleScope, startEvidenceExport } from '@/server/evidence';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: NextRequest): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
    if (!can(user.role, 'evidence:export')) return NextResponse.json({ error: 'Your role does not allow this.' }, { status: 403 });
    // A download is a GET, which the proxy's same-origin check leaves alone: another site must
    // not be able to start an (expensive, audited) export in a signed-in browser.
    if (request.headers.get('sec-fetch-site') === 'cross-site') return NextResponse.json({ error: 'Cross-site request refused.' }, { status: 403 });
    const scope = parseBundleScope(request.nextUrl.searchParams);
    const bundle = await startEvidenceExport(db(), { actor: user, scope, signal: request.signal });
    return new Response(Readable.toWeb(bundle.stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${bundle.fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Evidence-Bundle-Id': bundle.bundleId,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
