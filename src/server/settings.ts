// Process-wide settings and secrets kept in the database, so every app instance and
// worker agrees on them (e.g. the session-signing secret).
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db';

export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  // Insert-if-absent then read: concurrent first starts agree on one value.
  await db.appSetting.createMany({ data: [{ key, value: create() }], skipDuplicates: true });
  return (await db.appSetting.findUniqueOrThrow({ where: { key } })).value;
}

export function sessionSecret(db: Db): Promise<string> {
  return getOrCreateSetting(db, 'nextauth.secret', () => randomBytes(32).toString('base64url'));
}
