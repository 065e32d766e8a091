import { NextResponse } from 'next/server';
import { revalidatePath } from 'next/cache';
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { recordRaciChanges } from '@/server/raci';
import { raciChangeRequestSchema, toEdits } from './schema';

export const dynamic = 'force-dynamic';

/** Records a RACI change. Compliance officers only; invalid input → 400 with a message. */
export const POST = apiRoute({ permission: 'raci:edit', body: raciChangeRequestSchema }, async ({ user, body }) => {
  const recorded = await recordRaciChanges(db(), { actor: user, controlId: body.controlId, changes: toEdits(body), reason: body.reason });
  revalidatePath(`/catalog/controls/${recorded.controlId}`);
  revalidatePath('/raci');
  return NextResponse.json(
    {
      controlId: recorded.controlId,
      changedAt: recorded.changedAt.toISOString(),
      changes: recorded.changes,
      row: recorded.row,
    },
    { status: 201 },
  );
});
