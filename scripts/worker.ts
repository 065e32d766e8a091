// `npm run worker`: a sync worker on its own, against DATABASE_URL (or the embedded
// database of this checkout when unset). Several may run at once.
import path from 'node:path';
import { dataDirectory, resolveDatabase } from '../src/server/platform/postgres';
import { applyMigrations } from '../src/server/platform/migrate';
import { startWorker } from './lib/worker-runtime';

const root = path.resolve(import.meta.dirname, '..');
const say = (m: string) => console.log(`[safeguards-worker] ${m}`);
const database = await resolveDatabase(dataDirectory(root));
await applyMigrations(root, database.url);
const worker = await startWorker({ databaseUrl: database.url, log: say, initialSync: false });
const stop = async () => {
  say('stopping…');
  await worker.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
