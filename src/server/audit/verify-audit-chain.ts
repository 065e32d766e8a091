// Walks the audit trail in order and reports the first entry whose link is broken:
// its prev_hash is not the previous entry's hash, or its hash is not what its own
// content gives (the digest function lives in the database, beside the trigger).
import type { Db } from '@/server/db';

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenId: string; reason: string };

export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  const [counts] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_events`;
  const broken = await db.$queryRaw<{ id: bigint; reason: string }[]>`
    SELECT id, CASE WHEN prev_hash IS DISTINCT FROM coalesce(expected_prev, '') THEN 'prev_hash does not match the previous entry'
                    ELSE 'hash does not match the entry''s content' END AS reason
    FROM (
      SELECT e.id, e.prev_hash, e.hash, lag(e.hash) OVER (ORDER BY e.id) AS expected_prev, audit_event_digest(e.prev_hash, e) AS expected_hash
      FROM audit_events e
    ) chained
    WHERE prev_hash IS DISTINCT FROM coalesce(expected_prev, '') OR hash IS DISTINCT FROM expected_hash
    ORDER BY id LIMIT 1`;
  if (broken.length === 0) return { ok: true, entries: counts.n };
  return { ok: false, entries: counts.n, firstBrokenId: broken[0].id.toString(), reason: broken[0].reason };
}
