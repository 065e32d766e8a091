// GET /api/findings.csv?… — every row of the findings explorer's current view (all pages, in its
// order, up to EXPORT_LIMIT) as CSV, streamed in batches.
import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { logger } from '@/server/logger';
import { csvRow } from '@/server/posture/csv';
import { CONFIG_CSV_HEADER, exportRows, explorerFiltersOrThrow, FINDING_CSV_HEADER } from '@/server/posture/findings-explorer';
import { resolveAccountScope } from '@/server/posture/posture-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'posture:view' }, async ({ user, request }) => {
  const filters = explorerFiltersOrThrow(request.nextUrl.searchParams);
  const scope = await resolveAccountScope(db(), user);
  const batches = exportRows(db(), scope, filters);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(filters.tab === 'config' ? CONFIG_CSV_HEADER : FINDING_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map(csvRow).join('')));
      } catch (error) {
        logger.error({ err: error }, 'findings CSV export failed');
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const name = `${filters.tab === 'config' ? 'config-evaluations' : 'findings'}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new NextResponse(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
