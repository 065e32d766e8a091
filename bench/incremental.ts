// Benchmark 2 (issue #10): incremental sync. 100 account-regions are synced once
// (Security Hub and AWS Config), then full sync cycles run against them:
//   - nothing changed at AWS: wall time of the cycle (target ≤ 3 s), records written (0);
//   - 1% changed: 1% of the findings (compliance status flipped, UpdatedAt = now) and 1%
//     of the Config evaluations (compliance flipped through the endpoint's
//     setConfigCompliance, which also moves the rule's LastSuccessfulEvaluationTime):
//     wall time and records written (exactly the changed records).
// A cycle is what a worker does every interval: every account-region, both sources (at once),
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

  const configCalls = (operation: string) => org.endpoint.scenarios.callCounts()[`config:${operation}`]?.calls ?? 0;
  const cycle = async (trigger: string, sources: ('securityhub' | 'config')[] = ['securityhub', 'config']) => {
    org.endpoint.scenarios.resetCallCounts();
    const reply = await worker.sync({ targets, sources, concurrency, trigger });
    // Config's per-rule result reads, and its per-account-region listing calls.
    const ruleReads = configCalls('GetComplianceDetailsByConfigRule');
    const configListing = configCalls('DescribeConfigRules') + configCalls('DescribeComplianceByConfigRule') + configCalls('DescribeConfigRuleEvaluationStatus');
    if (reply.failed > 0) throw new Error(`${trigger}: ${reply.failed} runs failed: ${reply.errors.join('; ')}`);
    const sh = await runTotals(prisma, trigger, 'securityhub');
    const config = await runTotals(prisma, trigger, 'config');
    log(`${trigger}: ${seconds(reply.wallMs)}; Security Hub ${int(sh.inserted)} inserted, ${int(sh.updated)} updated; Config ${int(config.inserted)} inserted, ${int(config.updated)} updated`);
    return { wallMs: reply.wallMs, cpuMs: reply.cpuMs, sh, config, ruleReads, configListing, written: sh.inserted + sh.updated + config.inserted + config.updated };
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
  // 1% of the Config evaluations change too: each flip is a new evaluation of its rule.
  const storedEvaluations = await prisma.configEvaluation.count({ where: { resolvedAt: null } });
  const evaluationsPicked = await prisma.$queryRaw<{ account_id: string; region: string; rule_name: string; resource_type: string; resource_id: string; compliance_type: string }[]>`
    SELECT account_id, region, rule_name, resource_type, resource_id, compliance_type FROM config_evaluations
    WHERE resolved_at IS NULL AND compliance_type IN ('COMPLIANT', 'NON_COMPLIANT')
    ORDER BY md5(account_id || region || rule_name || resource_id) LIMIT ${Math.round(storedEvaluations / 100)}`;
  for (const e of evaluationsPicked) {
    org.endpoint.scenarios.setConfigCompliance({
      accountId: e.account_id,
      region: e.region,
      configRuleName: e.rule_name,
      resourceType: e.resource_type,
      resourceId: e.resource_id,
      complianceType: e.compliance_type === 'COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT',
    });
  }
  const changedRules = new Set(evaluationsPicked.map((e) => `${e.account_id}/${e.region}/${e.rule_name}`)).size;
  const totalRules = await prisma.configRule.count();
  const changed = await cycle('one-percent');
  const changedAccountRegions = new Set((await prisma.finding.findMany({ where: { id: { in: picked.map((p) => p.id) } }, select: { accountId: true, region: true } })).map((f) => `${f.accountId}/${f.region}`)).size;
  const [{ mismatched }] = await prisma.$queryRaw<{ mismatched: number }[]>`
    SELECT count(*)::int AS mismatched FROM findings f
    WHERE f.id = ANY(${toPassed}::text[]) AND f.compliance_status <> 'PASSED'
       OR f.id = ANY(${toFailed}::text[]) AND f.compliance_status <> 'FAILED'`;
  if (mismatched > 0) throw new Error(`${mismatched} changed findings were not synced`);
  const [{ stale }] = await prisma.$queryRawUnsafe<{ stale: number }[]>(
    `SELECT count(*)::int AS stale FROM config_evaluations e
     JOIN jsonb_to_recordset($1::jsonb) AS p(account_id text, region text, rule_name text, resource_type text, resource_id text, compliance_type text)
       ON e.account_id = p.account_id AND e.region = p.region AND e.rule_name = p.rule_name AND e.resource_type = p.resource_type AND e.resource_id = p.resource_id
     WHERE e.compliance_type = p.compliance_type`,
    JSON.stringify(evaluationsPicked),
  );
  if (stale > 0) throw new Error(`${stale} changed Config evaluations were not synced`);
  const expectedWritten = picked.length + evaluationsPicked.length;

  const figures: Figure[] = [
    { name: 'initial full sync (setup)', measured: `${seconds(initial.wallMs)} (${int(initial.sh.inserted)} findings, ${int(initial.config.inserted)} Config evaluations)` },
    { name: 'nothing changed: full cycle', measured: seconds(unchanged.wallMs), target: '≤ 3 s', pass: unchanged.wallMs <= 3000 },
    { name: 'nothing changed: records written', measured: int(unchanged.written), target: '0', pass: unchanged.written === 0 },
    {
      name: 'nothing changed: API calls (Security Hub / Config)',
      measured: `${int(unchanged.sh.apiCalls)} / ${int(unchanged.config.apiCalls)} (Config: ${int(unchanged.configListing)} listing rules, compliance and evaluation status; ${int(unchanged.ruleReads)} reading rules' results)`,
    },
    { name: 'nothing changed: worker CPU', measured: seconds(unchanged.cpuMs) },
    { name: 'nothing changed: Security Hub only', measured: `${seconds(unchangedSh.wallMs)} (worker CPU ${seconds(unchangedSh.cpuMs)})`, target: '(≤ 3 s)', pass: unchangedSh.wallMs <= 3000 },
    { name: '1% changed: full cycle', measured: `${seconds(changed.wallMs)} (worker CPU ${seconds(changed.cpuMs)})` },
    {
      name: '1% changed: Config rules re-read',
      measured: `${int(changedRules)} of ${int(totalRules)} rules (${int(changed.ruleReads)} GetComplianceDetailsByConfigRule calls)`,
    },
    {
      name: '1% changed: records written',
      measured: `${int(changed.written)} (${int(changed.sh.updated)} findings updated, ${int(changed.sh.inserted)} inserted; ${int(changed.config.updated)} Config evaluations updated, ${int(changed.config.inserted)} inserted)`,
      target: `${int(expectedWritten)} (${int(picked.length)} findings + ${int(evaluationsPicked.length)} evaluations changed)`,
      pass: changed.written === expectedWritten && changed.sh.updated === picked.length && changed.config.updated === evaluationsPicked.length,
    },
  ];
  printTable(`Incremental sync: ${targets.length} account-regions, ${int(stored)} findings stored, concurrency ${concurrency}`, figures, [
    `database: ${database.description}`,
    `a cycle = every account-region, Security Hub and AWS Config at once, run by syncAccountRegion in a worker process; the local AWS endpoint in the benchmark process`,
    `1% changed: ${int(picked.length)} findings in ${changedAccountRegions} account-regions (compliance status flipped at the endpoint, UpdatedAt = now) and ${int(evaluationsPicked.length)} of ${int(storedEvaluations)} Config evaluations in ${int(changedRules)} rules (compliance flipped, the rule evaluated again)`,
  ]);
} finally {
  await worker.stop();
  await prisma.$disconnect();
  await org.endpoint.close();
  await database.drop();
}
