// Benchmark 5 (issue #10): the evidence bundle of the whole organization.
//
//   npm run bench:export [-- --findings 1000000 --accounts 200 --port 3206 --hold]
//
// The data comes from the same loader as benchmark 4 (bench/lib/bulk-load.ts); a smaller
// organization for a quick run: `-- --findings 100000 --accounts 20`. The app is started
// as `npm start` starts it (scripts/start.ts, production build in .next-bench), an
// auditor signs in and downloads GET /api/evidence/bundle with no scope (the whole
// organization, live posture), as the Evidence page's download link does. Measured: time
// to the response headers and to the first byte of the body, total time, bytes, and the
// memory of the Next.js server process (VmRSS sampled every 50 ms from /proc, and the
// kernel's VmHWM high-water mark), found in the process tree below scripts/start.ts.
import { createPrismaClient } from '@/server/db';
import { createUser } from '@/server/auth/users';
import { nextServerPeak, sampleProcessTree, signIn, startBenchApp, type BenchApp } from './lib/app-server';
import { bulkLoad } from './lib/bulk-load';
import { createBenchDatabase, type BenchDatabase } from './lib/database';
import { loadedOrganization } from './lib/bulk-load';
import { reusedDatabaseUrl, boolFlag, untilInterrupted } from './lib/options';
import { flag, int, log, mb, printTable, seconds } from './lib/report';

const findings = flag('findings', 1_000_000);
const accounts = flag('accounts', 200);
const port = flag('port', 3206);
const hold = boolFlag('hold');
const TARGET_TTFB_MS = 2000;
const TARGET_RSS = 500 * 2 ** 20;
// `--heap-mb N`: the web server's heap cap (SAFEGUARDS_WEB_MAX_OLD_SPACE_MB); default: start.ts's.
const heapMb = process.argv.includes('--heap-mb') ? String(flag('heap-mb', 384)) : undefined;
if (heapMb) process.env.SAFEGUARDS_WEB_MAX_OLD_SPACE_MB = heapMb;

const reuse = reusedDatabaseUrl();
const database: BenchDatabase = reuse
  ? { url: reuse, description: `a database loaded earlier (--database-url), ${new URL(reuse).host}`, drop: async () => {} }
  : await createBenchDatabase('export');
const prisma = createPrismaClient(database.url);
let app: BenchApp | undefined;
try {
  const email = `bench-auditor-${process.pid}@bench.test`;
  const officer = await createUser(prisma, { email: `bench-officer-${process.pid}@bench.test`, name: 'Bench compliance officer', role: 'compliance_officer' });
  const { password } = await createUser(prisma, { email, name: 'Bench auditor', role: 'auditor' });
  log(`${database.description}; ${reuse ? 'reusing its data' : `loading ${int(findings)} findings, ${accounts} accounts × 3 regions…`}`);
  const load = reuse ? await loadedOrganization(database.url) : await bulkLoad({ url: database.url, findings, accounts, requesterId: officer.user.id, log });

  log('starting the app (scripts/start.ts; builds into .next-bench when the sources changed)…');
  app = await startBenchApp({ databaseUrl: database.url, port, extraEnv: heapMb ? { SAFEGUARDS_WEB_MAX_OLD_SPACE_MB: heapMb } : {} });
  log(`app ready at ${app.url} after ${seconds(app.startMs)}${app.built ? ' (with next build)' : ''}`);
  const cookie = await signIn(app.url, { email, password });

  const sampler = sampleProcessTree(app.pid);
  await new Promise((r) => setTimeout(r, 500));
  log('downloading the evidence bundle of the whole organization…');
  const started = performance.now();
  const response = await fetch(`${app.url}/api/evidence/bundle`, { headers: { Cookie: cookie } });
  const headersMs = performance.now() - started;
  if (response.status !== 200 || !response.body) throw new Error(`the bundle answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  let firstByteMs: number | undefined;
  let bytes = 0;
  log(`response headers after ${seconds(headersMs)}`);
  let lastReport = performance.now();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (firstByteMs === undefined) {
        firstByteMs = performance.now() - started;
        log(`first byte after ${seconds(firstByteMs)}`);
      }
      bytes += chunk.byteLength;
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        log(`${mb(bytes)} after ${seconds(lastReport - started)}`);
      }
    }
  } catch (error) {
    sampler.stop();
    await new Promise((r) => setTimeout(r, 1000));
    throw new Error(`the download broke after ${int(bytes)} bytes (${String(error)}); the app's last output:\n${app.output().split('\n').slice(-30).join('\n')}`);
  }
  const totalMs = performance.now() - started;
  const peaks = sampler.stop();
  const server = nextServerPeak(peaks);
  if (!server) throw new Error(`no Next.js server among the app's processes: ${peaks.map((p) => p.command).join(' | ')}`);
  const serverPeak = Math.max(server.peakRssBytes, server.hwmBytes);
  const starter = peaks.find((p) => p.pid === app!.pid);
  log(`bundle: ${mb(bytes)} in ${seconds(totalMs)}; first byte after ${seconds(firstByteMs ?? totalMs)}; Next server peak ${mb(serverPeak)}`);

  printTable(
    `Export: evidence bundle of the whole organization (${int(load.findings)} findings, ${load.accountIds.length} accounts × 3 regions)`,
    [
      { name: 'data load', measured: `${reuse ? 'earlier run' : seconds(load.totalMs)} (${int(load.findings)} findings, ${int(load.configEvaluations)} Config evaluations, ${int(load.snapshots)} snapshot rows)` },
      { name: 'response headers', measured: seconds(headersMs) },
      { name: 'time to first byte (body)', measured: seconds(firstByteMs ?? totalMs), target: `≤ ${seconds(TARGET_TTFB_MS)}`, pass: (firstByteMs ?? totalMs) <= TARGET_TTFB_MS },
      { name: 'total time', measured: `${seconds(totalMs)} (${(bytes / 2 ** 20 / (totalMs / 1000)).toFixed(2)} MB/s)` },
      { name: 'bytes', measured: `${int(bytes)} (${mb(bytes)})` },
      { name: 'Next server peak RSS (max of 50 ms samples and VmHWM)', measured: `${mb(serverPeak)} (sampled ${mb(server.peakRssBytes)}, VmHWM ${mb(server.hwmBytes)})`, target: '≤ 500 MB', pass: serverPeak <= TARGET_RSS },
      { name: 'scripts/start.ts process (sync worker) peak RSS', measured: starter ? mb(Math.max(starter.peakRssBytes, starter.hwmBytes)) : 'n/a' },
    ],
    [
      `database: ${database.description}`,
      `Next server process: pid ${server.pid}, \`${server.command.slice(0, 120)}\`; NODE_OPTIONS as scripts/start.ts sets them (SAFEGUARDS_WEB_MAX_OLD_SPACE_MB=${process.env.SAFEGUARDS_WEB_MAX_OLD_SPACE_MB ?? 'default'})`,
      'signed in as an auditor; GET /api/evidence/bundle without scope (whole organization, live posture)',
    ],
  );
  if (hold) {
    console.log(`holding: DATABASE_URL=${database.url} app ${app.url} (Ctrl-C to clean up)`);
    await untilInterrupted();
  }
} finally {
  await app?.stop();
  await prisma.$disconnect();
  await database.drop();
}
