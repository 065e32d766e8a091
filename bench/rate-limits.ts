// Benchmark 3 (issue #10): rate limits. 10 account-regions × 3,000 findings, the
// endpoint enforcing GetFindings at 3 requests/s, burst 6, per account-region (AWS's
// quota), all account-regions synced at once. Wall time against the floor the quota
// allows (pages ÷ 3/s, the account-regions in parallel), and no account-region failing.
//
//   npm run bench:rate-limits [-- --account-regions 10 --findings-per-region 3000 --rate 3 --burst 6]
import { createPrismaClient } from '@/server/db';
import { registerAccounts, startBenchOrganization } from './lib/aws';
import { createBenchDatabase } from './lib/database';
import { flag, int, log, printTable, seconds } from './lib/report';
import { runTotals } from './lib/runs';
import { startBenchWorker } from './lib/worker';

const accountRegions = flag('account-regions', 10);
const perRegion = flag('findings-per-region', 3000);
const rate = flag('rate', 3);
const burst = flag('burst', 6);

const database = await createBenchDatabase('ratelimits');
const org = await startBenchOrganization({ seed: 30, accounts: accountRegions, regions: ['us-east-1'], findingsPerAccountRegion: perRegion, anchorTime: '2025-01-01T00:00:00Z' });
const prisma = createPrismaClient(database.url);
const worker = await startBenchWorker({ databaseUrl: database.url, env: org.env });
try {
  await registerAccounts(prisma, org.endpoint);
  const { targets, endpoint } = org;
  endpoint.scenarios.throttle({ service: 'securityhub', operation: 'GetFindings' }, { ratePerSecond: rate, burst });
  log(`${database.description}; ${targets.length} account-regions × ${int(perRegion)} findings; GetFindings ${rate}/s burst ${burst} per account-region`);

  const reply = await worker.sync({ targets, sources: ['securityhub'], concurrency: targets.length, trigger: 'bench' });
  const totals = await runTotals(prisma, 'bench');
  const perTarget = await prisma.syncRun.findMany({ where: { trigger: 'bench' }, select: { pagesFetched: true, status: true } });
  const maxPages = Math.max(...perTarget.map((r) => r.pagesFetched));
  const counts = endpoint.scenarios.callCounts()['securityhub:GetFindings'];
  // The floor: pages ÷ allowed rate (account-regions in parallel, so the largest one's).
  const floorMs = (maxPages / rate) * 1000;
  // What the bucket strictly allows: the burst at once, then the rate.
  const burstFloorMs = (Math.max(0, maxPages - burst) / rate) * 1000;
  const ratio = reply.wallMs / floorMs;
  printTable(`Rate limits: ${targets.length} account-regions × ${int(perRegion)} findings, GetFindings ${rate} req/s burst ${burst} per account-region`, [
    { name: 'wall time', measured: seconds(reply.wallMs) },
    { name: `floor (pages ÷ ${rate}/s, in parallel)`, measured: `${seconds(floorMs)} (${maxPages} pages per account-region)` },
    { name: 'wall ÷ floor', measured: ratio.toFixed(2), target: '≤ 1.15', pass: ratio <= 1.15 },
    { name: 'wall ÷ floor counting the burst', measured: `${(reply.wallMs / burstFloorMs).toFixed(2)} (floor ${seconds(burstFloorMs)})` },
    { name: 'failed account-regions', measured: String(reply.failed), target: '0', pass: reply.failed === 0 },
    { name: 'GetFindings calls / throttled (429)', measured: `${int(counts?.calls ?? 0)} / ${int(counts?.throttled ?? 0)}` },
    { name: 'findings synced', measured: int(totals.inserted) },
    // When this is close to the wall time the worker, not the quota, set the pace.
    { name: 'worker CPU', measured: `${seconds(reply.cpuMs)} (${((reply.cpuMs / reply.wallMs) * 100).toFixed(0)}% of one core)` },
  ], [
    `database: ${database.description}`,
    `all ${targets.length} account-regions at once (concurrency ${targets.length}), in a worker process; throttling by the local endpoint's token buckets (429 TooManyRequestsException)`,
    ...(reply.errors.length ? [`errors: ${reply.errors.join('; ')}`] : []),
  ]);
} finally {
  await worker.stop();
  await prisma.$disconnect();
  await org.endpoint.close();
  await database.drop();
}
