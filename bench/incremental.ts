// Benchmark 2 (issue #10): incremental sync. 100 account-regions are synced once
// (Security Hub and AWS Config), then full sync cycles run against them:
//   - nothing changed at AWS: wall time of the cycle (target ≤ 3 s), records written (0);
//   - 1% of the findings changed (compliance status flipped, UpdatedAt = now): wall
//     time and records written (exactly the changed findings).
// A cycle is what a worker does every interval: every account-region, both sources,
// `--concurrency` account-regions at a time (default 8, as syncOrganization).
//
//   npm run bench:incremental [-- --accounts 25 --regions 4 --findings-per-region 500 --concurrency 8]
import { createPrismaClient } from '@/server/db';
import { registerAccounts, startBenchOrganization } from './lib/aws';
import { createBenchDatabase } from './lib/database';
import { flag, int, log, printTable, seconds, type Figure } from './lib/report';
import { runTotals } from './lib/runs';
import { startBenchWorker } from './lib/worker';

const accounts = flag('accounts', 25);
const regionCount = flag('regions', 4);
const perRegion = flag('findings-per-region', 500);
const concurrency = flag('concurrency', 8);
const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].slice(0, regionCount);

const database = await createBenchDatabase('incremental');
const org = await startBenchOrganization({ seed: 20, accounts, regions, findingsPerAccountRegion: perRegion, anchorTime: '2025-01-01T00:00:00Z' });
const prisma = createPrismaClient(database.url);
const worker = await startBenchWorker({ databaseUrl: database.url, env: org.env });
try {
  await registerAccounts(prisma, org.endpoint);
  const { targets } = org;
  log(`${database.description}; ${targets.length} account-regions, ${int(org.endpoint.org.totalFindings)} findings; concurrency ${concurrency}`);

  const cycle = async (trigger: string, sources: ('securityhub' | 'config')[] = ['securityhub', 'config']) => {
    const reply = await worker.sync({ targets, sources, concurrency, trigger });
    if (reply.failed > 0) throw new Error(`${trigger}: ${reply.failed} runs failed: ${reply.errors.join('; ')}`);
    const sh = await runTotals(prisma, trigger, 'securityhub');
    const config = await runTotals(prisma, trigger, 'config');
    log(`${trigger}: ${seconds(reply.wallMs)}; Security Hub ${int(sh.inserted)} inserted, ${int(sh.updated)} updated; Config ${int(config.inserted)} inserted, ${int(config.updated)} updated`);
    return { wallMs: reply.wallMs, cpuMs: reply.cpuMs, sh, config, written: sh.inserted + sh.updated + config.inserted + config.updated };
  };

  log('initial full sync…');
  const initial = await cycle('initial');
  // Once more with nothing changed, so the measured cycles run on a warmed-up worker and endpoint.
  await cycle('warm-up', ['securityhub']);

  const unchanged = await cycle('unchanged');
  const unchangedSh = await cycle('unchanged-securityhub', ['securityhub']);

  // 1% of the findings change at AWS: compliance flipped (and so UpdatedAt = now).
  const stored = await prisma.finding.count();
  const changeCount = Math.round(stored / 100);
  const picked = await prisma.$queryRaw<{ id: string; compliance_status: string | null }[]>`
    SELECT id, compliance_status FROM findings WHERE record_state = 'ACTIVE' AND compliance_status IN ('PASSED', 'FAILED')
    ORDER BY md5(id) LIMIT ${changeCount}`;
  const toPassed = picked.filter((f) => f.compliance_status === 'FAILED').map((f) => f.id);
  const toFailed = picked.filter((f) => f.compliance_status === 'PASSED').map((f) => f.id);
  if (toPassed.length) org.endpoint.scenarios.updateFindings({ ids: toPassed, complianceStatus: 'PASSED' });
  if (toFailed.length) org.endpoint.scenarios.updateFindings({ ids: toFailed, complianceStatus: 'FAILED' });
  const changed = await cycle('one-percent');
  const changedAccountRegions = new Set((await prisma.finding.findMany({ where: { id: { in: picked.map((p) => p.id) } }, select: { accountId: true, region: true } })).map((f) => `${f.accountId}/${f.region}`)).size;
  const [{ mismatched }] = await prisma.$queryRaw<{ mismatched: number }[]>`
    SELECT count(*)::int AS mismatched FROM findings f
    WHERE f.id = ANY(${toPassed}::text[]) AND f.compliance_status <> 'PASSED'
       OR f.id = ANY(${toFailed}::text[]) AND f.compliance_status <> 'FAILED'`;
  if (mismatched > 0) throw new Error(`${mismatched} changed findings were not synced`);

  const figures: Figure[] = [
    { name: 'initial full sync (setup)', measured: `${seconds(initial.wallMs)} (${int(initial.sh.inserted)} findings, ${int(initial.config.inserted)} Config evaluations)` },
    { name: 'nothing changed: full cycle', measured: seconds(unchanged.wallMs), target: '≤ 3 s', pass: unchanged.wallMs <= 3000 },
    { name: 'nothing changed: records written', measured: int(unchanged.written), target: '0', pass: unchanged.written === 0 },
    {
      name: 'nothing changed: API calls (Security Hub / Config)',
      measured: `${int(unchanged.sh.apiCalls)} / ${int(unchanged.config.apiCalls)}`,
    },
    { name: 'nothing changed: worker CPU', measured: seconds(unchanged.cpuMs) },
    { name: 'nothing changed: Security Hub only', measured: `${seconds(unchangedSh.wallMs)} (worker CPU ${seconds(unchangedSh.cpuMs)})`, target: '(≤ 3 s)', pass: unchangedSh.wallMs <= 3000 },
    { name: '1% changed: full cycle', measured: seconds(changed.wallMs) },
    {
      name: '1% changed: records written',
      measured: `${int(changed.written)} (${int(changed.sh.updated)} findings updated, ${int(changed.sh.inserted)} inserted, ${int(changed.config.inserted + changed.config.updated)} Config)`,
      target: `${int(picked.length)} (the changed findings)`,
      pass: changed.written === picked.length && changed.sh.updated === picked.length,
    },
  ];
  printTable(`Incremental sync: ${targets.length} account-regions, ${int(stored)} findings stored, concurrency ${concurrency}`, figures, [
    `database: ${database.description}`,
    `a cycle = every account-region, Security Hub then AWS Config, run by syncAccountRegion in a worker process; the local AWS endpoint in the benchmark process`,
    `1% changed: ${int(picked.length)} findings in ${changedAccountRegions} account-regions (compliance status flipped at the endpoint, UpdatedAt = now)`,
  ]);
} finally {
  await worker.stop();
  await prisma.$disconnect();
  await org.endpoint.close();
  await database.drop();
}
