// Benchmark 4 (issue #10): page latency of the production app at 1,000,000 findings.
//
//   npm run bench:pages [-- --findings 1000000 --accounts 200 --connections 4 --requests 200 --warmup 60
//                          --max-seconds 240 --port 3205 --service s3 --load-only --hold]
//
// 1. A fresh database (bench/lib/database.ts) loaded by bench/lib/bulk-load.ts: the findings
//    of `--accounts` accounts × 3 regions rendered by the local endpoint's generator and
//    normalized by the sync's normalizeFinding, Config rules and evaluations, some
//    exclusions, accounts and sync state as after a completed sync, 90 days of snapshots.
// 2. The app started as `npm start` starts it (scripts/start.ts: `next build` into
//    .next-bench when the sources changed, then `next start`), on that database.
// 3. A compliance officer (created with the users module) signs in through next-auth.
// 4. Each page is requested 3 times alone (timed: the first, cold, requests), then warmed up by
//    `--warmup` requests (default 60) over `--connections` connections: the app runs one web
//    server process per core, connections are shared out among them, and each process loads
//    the page's code and JIT-compiles it on its own first requests. Then it is requested
//    `--requests` times by autocannon
//    with `--connections` connections; median and p95 of the response times.
//
// `--load-only`: load, print the table of the load, stop. `--hold`: keep the database (and
// the app) until Ctrl-C, printing the database URL, e.g. to EXPLAIN queries.
import autocannon from 'autocannon';
import { createPrismaClient } from '@/server/db';
import { createUser } from '@/server/auth/users';
import { signIn, startBenchApp, type BenchApp } from './lib/app-server';
import { bulkLoad } from './lib/bulk-load';
import { createBenchDatabase, type BenchDatabase } from './lib/database';
import { loadedOrganization } from './lib/bulk-load';
import { refreshOutdatedPosture } from '@/server/posture/current-posture';
import { reusedDatabaseUrl, boolFlag, textFlag, untilInterrupted } from './lib/options';
import { flag, int, log, mb, printTable, seconds, type Figure } from './lib/report';
import { percentile } from './lib/stats';

const findings = flag('findings', 1_000_000);
const accounts = flag('accounts', 200);
const connections = flag('connections', 4);
const requests = flag('requests', 200);
const warmup = flag('warmup', 60);
const maxSeconds = flag('max-seconds', 240);
const port = flag('port', 3205);
const service = textFlag('service', 's3');
const loadOnly = boolFlag('load-only');
const hold = boolFlag('hold');
const TARGET_P95_MS = 300;
// `--heap-mb N`: the web server's heap cap (SAFEGUARDS_WEB_MAX_OLD_SPACE_MB); default: start.ts's.
const heapMb = process.argv.includes('--heap-mb') ? String(flag('heap-mb', 384)) : undefined;
if (heapMb) process.env.SAFEGUARDS_WEB_MAX_OLD_SPACE_MB = heapMb;
const heapEnv: Record<string, string> = heapMb ? { SAFEGUARDS_WEB_MAX_OLD_SPACE_MB: heapMb } : {};

interface PageResult {
  name: string;
  path: string;
  warmMs: number[];
  times: number[];
  non2xx: number;
  errors: number;
  wallMs: number;
  stopped: boolean;
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - t, status: response.status, bytes: body.byteLength };
}

/** `amount` requests over `connections` connections, stopped after maxSeconds; every response time kept. */
function hammer(url: string, cookie: string, amount = requests): Promise<{ times: number[]; non2xx: number; errors: number; wallMs: number; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const started = performance.now();
    let stopped = false;
    const instance = autocannon({ url, connections, amount, timeout: maxSeconds, headers: { cookie } }, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ times, non2xx: result.non2xx, errors: result.errors + result.timeouts, wallMs: performance.now() - started, stopped });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    const timer = setTimeout(() => {
      stopped = true;
      instance.stop();
    }, maxSeconds * 1000);
  });
}

const reuse = reusedDatabaseUrl();
const database: BenchDatabase = reuse
  ? { url: reuse, description: `a database loaded earlier (--database-url), ${new URL(reuse).host}`, drop: async () => {} }
  : await createBenchDatabase('pages');
const prisma = createPrismaClient(database.url);
let app: BenchApp | undefined;
try {
  const email = `bench-officer-${process.pid}@bench.test`;
  const { user, password } = await createUser(prisma, { email, name: 'Bench compliance officer', role: 'compliance_officer' });
  log(`${database.description}; ${reuse ? 'reusing its data' : `loading ${int(findings)} findings, ${accounts} accounts × 3 regions…`}`);
  const load = reuse ? await loadedOrganization(database.url) : await bulkLoad({ url: database.url, findings, accounts, requesterId: user.id, log });
  const loadFigures: Figure[] = [
    {
      name: 'data load, total',
      measured: reuse ? 'not in this run (--database-url: loaded earlier)' : `${seconds(load.totalMs)} (${int(load.findings / (load.totalMs / 1000))} findings/s overall)`,
    },
    ...load.steps.map((s) => ({ name: `  ${s.name}`, measured: seconds(s.ms) })),
    {
      name: 'rows loaded',
      measured: `${int(load.findings)} findings, ${int(load.configRules)} Config rules, ${int(load.configEvaluations)} evaluations, ${int(load.exclusions)} exclusions, ${int(load.snapshots)} snapshot rows`,
    },
    ...(reuse ? [] : [{ name: 'COPY text', measured: mb(load.copyBytes) }]),
  ];
  // What the worker does after each sync and every few minutes (its posture-refresh job): the
  // pages then read current-posture rows instead of evaluating evidence.
  log('current posture: refreshing every out-of-date account, as the worker does…');
  const refreshStarted = performance.now();
  const refreshed = await refreshOutdatedPosture(prisma);
  loadFigures.push({
    name: 'current posture refresh (the worker\'s job, before the pages are timed)',
    measured: `${seconds(performance.now() - refreshStarted)} (${refreshed} accounts refreshed; this process's RSS after: ${mb(process.memoryUsage().rss)})`,
  });
  if (loadOnly) {
    printTable(`Pages: data load only (${int(load.findings)} findings)`, loadFigures, [`database: ${database.description}`]);
  } else {
    log('starting the app (scripts/start.ts; builds into .next-bench when the sources changed)…');
    app = await startBenchApp({ databaseUrl: database.url, port, extraEnv: heapEnv });
    log(`app ready at ${app.url} after ${seconds(app.startMs)}${app.built ? ' (with next build)' : ''}`);
    let cookie = await signIn(app.url, { email, password });

    const pages: { name: string; path: string }[] = [
      { name: '/overview', path: '/overview' },
      { name: `/services/${service}`, path: `/services/${service}` },
      { name: '/accounts/[id]', path: `/accounts/${load.accountIds[0]}` },
      { name: '/findings, filtered (first page)', path: `/findings?service=${service}&severity=CRITICAL,HIGH` },
    ];
    const results: PageResult[] = [];
    const failures: string[] = [];
    for (const page of pages) {
      const url = `${app.url}${page.path}`;
      const warmMs: number[] = [];
      try {
        if (!app.alive()) throw new Error('the app is no longer running');
        for (let i = 0; i < 3; i++) {
          const r = await timedGet(url, cookie);
          if (r.status !== 200) throw new Error(`answered ${r.status} during warm-up`);
          warmMs.push(r.ms);
        }
        const warm = await hammer(url, cookie, warmup);
        if (warm.non2xx > 0 || warm.errors > 0) throw new Error(`${warm.non2xx} non-2xx answers and ${warm.errors} errors during warm-up`);
        log(`${page.path}: first requests ${warmMs.map((m) => m.toFixed(0)).join(' / ')} ms, then ${warmup} over ${connections} connections (median ${percentile(warm.times, 50).toFixed(0)} ms); ${requests} requests over ${connections} connections…`);
        const run = await hammer(url, cookie);
        results.push({ ...page, warmMs, ...run });
        log(`${page.path}: ${run.times.length} responses in ${seconds(run.wallMs)}, median ${percentile(run.times, 50).toFixed(0)} ms, p95 ${percentile(run.times, 95).toFixed(0)} ms`);
      } catch (error) {
        const message = `${page.path}: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)}`;
        failures.push(message);
        log(`FAILED ${message}`);
        results.push({ ...page, warmMs, times: [], non2xx: 0, errors: 1, wallMs: 0, stopped: false });
        // A crashed web server takes scripts/start.ts down with it, after its cleanup.
        for (let i = 0; i < 30 && app.alive(); i++) {
          if ((await fetch(`${app.url}/api/health`).then((r) => r.ok).catch(() => false)) === true) break;
          await new Promise((r) => setTimeout(r, 500));
        }
        if (!app.alive()) {
          log(`the app stopped; its last output:\n${app.output().split('\n').slice(-30).join('\n')}`);
          // Start it again for the remaining pages (the build is current now).
          await app.stop();
          app = await startBenchApp({ databaseUrl: database.url, port, extraEnv: heapEnv });
          cookie = await signIn(app.url, { email, password });
        }
      }
    }

    const figures: Figure[] = [];
    for (const r of results) {
      const p95 = percentile(r.times, 95);
      const complete = r.times.length >= requests && r.non2xx === 0 && r.errors === 0;
      figures.push({
        name: `${r.name}: median / p95`,
        measured: `${percentile(r.times, 50).toFixed(0)} / ${p95.toFixed(0)} ms`,
        target: `p95 ≤ ${TARGET_P95_MS} ms`,
        pass: complete && p95 <= TARGET_P95_MS,
      });
      if (r.times.length === 0) {
        figures[figures.length - 1] = { name: `${r.name}: median / p95`, measured: 'failed (see notes)', target: `p95 ≤ ${TARGET_P95_MS} ms`, pass: false };
        continue;
      }
      figures.push({
        name: `${r.name}: requests`,
        measured: `${r.times.length} in ${seconds(r.wallMs)}${r.stopped ? ` (stopped at ${maxSeconds} s)` : ''}, non-2xx ${r.non2xx}, errors ${r.errors}; first requests ${r.warmMs.map((m) => m.toFixed(0)).join('/')} ms, then ${warmup} to warm up`,
      });
    }
    printTable(`Pages: ${int(load.findings)} findings, ${load.accountIds.length} accounts × 3 regions, ${connections} connections`, [...loadFigures, ...figures], [
      `database: ${database.description}`,
      `app: scripts/start.ts (next start, production build in .next-bench), started in ${seconds(app.startMs)}${app.built ? ' including next build' : ''}`,
      `signed in as a compliance officer (all accounts); pages: ${pages.map((p) => p.path).join(', ')}`,
      `web server heap cap: ${process.env.SAFEGUARDS_WEB_MAX_OLD_SPACE_MB ?? 'scripts/start.ts default'} MB (--heap-mb)`,
      ...failures.map((f) => `FAILED ${f}`),
    ]);
  }
  if (hold) {
    console.log(`holding: DATABASE_URL=${database.url}${app ? ` app ${app.url}` : ''} (Ctrl-C to clean up)`);
    await untilInterrupted();
  }
} finally {
  await app?.stop();
  await prisma.$disconnect();
  await database.drop();
}
