// `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to the
// embedded database under .data when it is unset.
import path from 'node:path';
import { applyMigrations } from '../src/server/platform/migrate';
import { dataDirectory, resolveDatabase } from '../src/server/platform/postgres';

const root = path.resolve(import.meta.dirname, '..');
const database = await resolveDatabase(dataDirectory(root));
try {
  console.log(`migrations: ${await applyMigrations(root, database.url)}`);
} finally {
  await database.stop();
}
