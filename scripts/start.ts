// `npm start`: the whole app with one command. Database (embedded unless DATABASE_URL),
// migrations, demo users, the demo AWS organization when no real account is registered,
// the sync worker, and the Next.js server; Ctrl-C stops all of it cleanly.
// `npm run dev` does the same with `next dev` instead of a production build.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createPrismaClient } from '../src/server/db';
import { seedDemoUsers } from '../src/server/auth/demo-users';
import { applyMigrations } from '../src/server/platform/migrate';
import { dataDirectory, resolveDatabase } from '../src/server/platform/postgres';
import { sessionSecret } from '../src/server/settings';
import { buildIsCurrent, recordBuild } from './lib/build-fingerprint';
import { withBuildLock } from './lib/build-lock';
import { run, stopChild, waitForHttp } from './lib/processes';
import { startDemoOrganization } from './lib/demo';
import { startWorker } from './lib/worker-runtime';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const dataDir = dataDirectory(root);
const say = (message: string) => console.log(`[safeguards] ${message}`);

const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error) => console.error(error));
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const database = await resolveDatabase(dataDir);
  cleanups.push(() => database.stop());
  say(database.embedded ? `embedded PostgreSQL under ${path.relative(root, dataDir) || dataDir}/postgres` : 'using DATABASE_URL');

  await applyMigrations(root, database.url);
  say('migrations applied');

  const prisma = createPrismaClient(database.url);
  cleanups.push(() => prisma.$disconnect());
  const secret = process.env.NEXTAUTH_SECRET ?? (await sessionSecret(prisma));

  const demoCredentials = process.env.SAFEGUARDS_DEMO_USERS === 'off' ? [] : await seedDemoUsers(prisma);

  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: appUrl,
    PORT: String(port),
  };

  const demo = await startDemoOrganization(prisma, { enabled: process.env.SAFEGUARDS_DEMO !== 'off', log: say });
  if (demo) {
    cleanups.push(() => demo.stop());
    for (const [name, value] of Object.entries(demo.awsEnvironment)) {
      for (const env of [childEnv, process.env]) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
    }
  }

  if (!dev) {
    await withBuildLock(root, async () => {
      if (buildIsCurrent(root)) return;
      say('building the app (first start or sources changed)…');
      await run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      });
      recordBuild(root);
    });
  }

  const worker = await startWorker({ databaseUrl: database.url, log: say, initialSync: demo !== null });
  cleanups.push(() => worker.stop());

  // A heap cap for the production web server only (not the build, the worker or `next dev`).
  // Without one, V8 sizes the old generation from the machine's memory (GBs) and lets garbage
  // pile up: streaming the evidence bundle of a 1M-finding organization peaked at 487 MB RSS
  // uncapped, most of it garbage (bench/RESULTS.md). Posture pages read the current-posture
  // tables, and a refresh holds a few accounts' evidence at a time, so 384 MB is room enough.
  // SAFEGUARDS_WEB_MAX_OLD_SPACE_MB overrides it (0: no cap); a --max-old-space-size in
  // NODE_OPTIONS wins.
  // A young generation of 2 × 32 MB (V8's default semi-space is 16 MB): a page request allocates
  // tens of MB that die with it, and a larger nursery collects them in fewer scavenges (about a
  // third less time in GC per overview request, bench/RESULTS.md). A --max-semi-space-size in
  // NODE_OPTIONS wins.
  const heapMb = Number(process.env.SAFEGUARDS_WEB_MAX_OLD_SPACE_MB ?? 384);
  const nodeOptions = process.env.NODE_OPTIONS ?? '';
  const webFlags = [
    ...(nodeOptions.includes('--max-old-space-size') || !(heapMb > 0) ? [] : [`--max-old-space-size=${Math.round(heapMb)}`]),
    ...(nodeOptions.includes('--max-semi-space-size') ? [] : ['--max-semi-space-size=32']),
  ];
  const webNodeOptions = dev ? nodeOptions : [nodeOptions, ...webFlags].join(' ').trim();
  // Production: one `next start` per web process (scripts/web-server.mjs, a Node cluster on one port).
  const webProcesses = dev ? 1 : webProcessCount(process.env.SAFEGUARDS_WEB_PROCESSES);
  const next: ChildProcess = spawn(
    process.execPath,
    dev
      ? [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '-p', String(port)]
      : [path.join(root, 'scripts', 'web-server.mjs'), String(port), String(webProcesses)],
    { cwd: root, stdio: 'inherit', env: { ...childEnv, NODE_OPTIONS: webNodeOptions, NEXT_TELEMETRY_DISABLED: '1' } },
  );
  cleanups.push(() => stopChild(next));
  next.on('exit', (code) => {
    if (!stopping) {
      console.error(`[safeguards] the web server exited (${code}); stopping`);
      void shutdown(1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000, () => next.exitCode === null);

  writeFileSync(
    path.join(dataDir, 'runtime.json'),
    JSON.stringify({ url: appUrl, databaseUrl: database.url, pid: process.pid, demoAwsEndpoint: demo?.awsEnvironment.AWS_ENDPOINT_URL ?? null }, null, 2),
    { mode: 0o600 },
  );

  if (demoCredentials.length) {
    say('demo users created (these passwords are shown only once; an admin can reset them):');
    for (const c of demoCredentials) say(`  ${c.role.padEnd(20)} ${c.email.padEnd(36)} ${c.password}`);
  }
  say(`ready at ${appUrl}${dev ? '' : ` (${webProcesses} web server ${webProcesses === 1 ? 'process' : 'processes'})`}`);
}

/**
 * Web server processes: SAFEGUARDS_WEB_PROCESSES, or one per core up to 4 (each is a few hundred
 * MB at most, and PostgreSQL and the sync worker want cores too on a small machine).
 */
function webProcessCount(setting: string | undefined): number {
  const asked = Number.parseInt(setting ?? '', 10);
  if (asked > 0) return asked;
  return Math.min(os.availableParallelism(), 4);
}

main().catch(async (error) => {
  console.error('[safeguards] start failed:', error instanceof Error ? error.message : error);
  await shutdown(1);
});
