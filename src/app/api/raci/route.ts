import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { parseAsOf, raciMatrixAsOf } from '@/server/raci';

export const dynamic = 'force-dynamic';

/** The RACI matrix as of `?asOf=` (a day, `YYYY-MM-DD`, or an ISO timestamp; default now). */
export const GET = apiRoute({ permission: 'catalog:view' }, async ({ request }) => {
  const asOf = parseAsOf(request.nextUrl.searchParams.get('asOf'));
  const view = await raciMatrixAsOf(db(), asOf.at);
  return {
    asOf: view.asOf.toISOString(),
    catalogVersion: view.catalogVersion,
    parties: view.parties.map((p) => ({ id: p.id, name: p.name })),
    matrix: view.matrix,
    editedControlIds: view.editedControlIds,
    problems: view.problems,
  };
});
