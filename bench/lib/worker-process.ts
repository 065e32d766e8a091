// The sync worker of a benchmark, in a process of its own so its memory and CPU are
// its own (the AWS endpoint stays in the driver). Runs the production sync code
// (syncAccountRegion, as the worker's jobs do) or the fetch-only baseline on command.
import { paginateGetFindings } from '@aws-sdk/client-securityhub';
import pLimit from 'p-limit';
import { countCalls, type CallCounts } from '@/server/aws/call-counter';
import { securityHubClient } from '@/server/aws/clients';
import { memberAccountCredentials } from '@/server/aws/member-credentials';
import { createPrismaClient } from '@/server/db';
import { normalizeFinding } from '@/server/sync/normalize-finding';
import { findingFilters, PAGE_SIZE } from '@/server/sync/securityhub-sync';
import { syncAccountRegion } from '@/server/sync/sync-account-region';
import { mainThreadTime, mainThreadTimeSince } from './cpu';
import type { FetchReply, MemoryReply, SyncReply, Target, WorkerCommand, WorkerReply } from './worker-protocol';

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
const db = createPrismaClient(databaseUrl);

let peakRss = process.memoryUsage().rss;
let atPeak = process.memoryUsage();
// rss() alone every 20 ms (the full memoryUsage() walks the heap's spaces: it was ~1% of
// the worker's CPU); the breakdown only at a new peak.
setInterval(() => {
  if (process.memoryUsage.rss() > peakRss) {
    atPeak = process.memoryUsage();
    peakRss = Math.max(peakRss, atPeak.rss);
  }
}, 20).unref();

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function roles(targets: Target[]) {
  const accounts = await db.awsAccount.findMany({ where: { id: { in: [...new Set(targets.map((t) => t.accountId))] } } });
  return new Map(accounts.map((a) => [a.id, { accountId: a.id, roleArn: a.roleArn, externalId: a.externalId }]));
}

async function sync(command: Extract<WorkerCommand, { cmd: 'sync' }>): Promise<SyncReply> {
  const byId = await roles(command.targets);
  const limit = pLimit(command.concurrency);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadTime();
  const outcomes = (
    await Promise.all(
      command.targets.map((t) =>
        limit(() => syncAccountRegion({ db, account: byId.get(t.accountId)!, region: t.region, sources: command.sources, trigger: command.trigger })),
      ),
    )
  ).flat();
  const wallMs = performance.now() - started;
  const cpuMs = cpuSince(cpu0);
  const mainThread = mainThreadTimeSince(main0);
  const failed = outcomes.filter((o) => o.status === 'failed');
  return {
    wallMs,
    cpuMs,
    mainThread,
    succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
    failed: failed.length,
    busy: outcomes.filter((o) => o.status === 'busy').length,
    errors: failed.slice(0, 5).map((o) => `${o.source} ${o.accountId}/${o.region}: ${o.error}`),
  };
}

/** The sync's read path alone: same client, filters, page size and normalization; nothing written. */
async function fetchOnly(command: Extract<WorkerCommand, { cmd: 'fetch' }>): Promise<FetchReply> {
  const byId = await roles(command.targets);
  const limit = pLimit(command.concurrency);
  const totals = { pages: 0, fetched: 0, normalized: 0 };
  const calls: CallCounts = { apiCalls: 0, throttles: 0 };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadTime();
  await Promise.all(
    command.targets.map((t) =>
      limit(async () => {
        const client = countCalls(securityHubClient({ region: t.region, credentials: memberAccountCredentials(byId.get(t.accountId)!) }), calls);
        const target = { ...t, source: 'securityhub' as const };
        try {
          const pages = paginateGetFindings(
            { client, pageSize: PAGE_SIZE },
            { Filters: findingFilters(target, null, new Date()), SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }], MaxResults: PAGE_SIZE },
          );
          for await (const page of pages) {
            totals.pages++;
            for (const finding of page.Findings ?? []) {
              totals.fetched++;
              if (normalizeFinding(finding, t.region).ok) totals.normalized++;
            }
          }
        } finally {
          client.destroy();
        }
      }),
    ),
  );
  return { wallMs: performance.now() - started, cpuMs: cpuSince(cpu0), mainThread: mainThreadTimeSince(main0), ...totals, apiCalls: calls.apiCalls };
}

function memory(): MemoryReply {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return {
    peakRssBytes: peakRss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    atPeak: `heap ${mb(atPeak.heapUsed)}/${mb(atPeak.heapTotal)} MB, external ${mb(atPeak.external)} MB, array buffers ${mb(atPeak.arrayBuffers)} MB`,
  };
}

async function run(command: WorkerCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'sync':
      return sync(command);
    case 'fetch':
      return fetchOnly(command);
    case 'memory':
      return memory();
    case 'exit':
      await db.$disconnect();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: { id: number; command: WorkerCommand }) => {
  run(message.command).then(
    (result) => process.send!({ id: message.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: (error as Error)?.stack ?? String(error) } satisfies WorkerReply),
  );
});
process.send!({ id: 0, ok: true, result: 'ready' } satisfies WorkerReply);
