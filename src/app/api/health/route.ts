import { NextResponse } from 'next/server';
import { db } from '@/server/db';

export const dynamic = 'force-dynamic';

/** Public liveness and database status, for load balancers and `npm start`. */
export async function GET() {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return NextResponse.json({ app: 'ok', database: 'ok', databaseLatencyMs: Math.round(performance.now() - started) });
  } catch {
    return NextResponse.json({ app: 'ok', database: 'unreachable' }, { status: 503 });
  }
}
