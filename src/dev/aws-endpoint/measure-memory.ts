// Bounded-memory check and throughput benchmark: generates a 1,000,000-finding
// organization, then pages every finding of every account-region (AssumeRole per
// account, GetFindings with MaxResults 100, UpdatedAt ascending), several
// account-regions at a time. Prints peak RSS and findings/s: end to end, and the
// server's own share (time spent in its request handler).
//
//   npx tsx src/dev/aws-endpoint/measure-memory.ts [--findings 1000000] [--accounts 50] [--concurrency 4] [--raw]
//
// By default the pages go through the real SDK client (paginateGetFindings), whose
// response parsing costs far more CPU than the endpoint; --raw signs requests itself and
// only JSON.parses the body, to show what the endpoint can serve.
import { request, Agent } from 'node:http';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { paginateGetFindings, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { generateOrganization, startAwsEndpoint } from './index';
import { signRequest } from './sigv4';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const totalFindings = flag('findings', 1_000_000);
const accountCount = flag('accounts', 50);
const concurrency = flag('concurrency', 4);
const raw = process.argv.includes('--raw');
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const t0 = performance.now();
const org = generateOrganization({ seed: 7, accounts: accountCount, regions, totalFindings, anchorTime: '2025-01-01T00:00:00Z' });
const endpoint = await startAwsEndpoint({ organization: org });
console.log(`organization: ${org.accounts.length} accounts x ${regions.length} regions, ${org.totalFindings.toLocaleString()} findings (spec built in ${(performance.now() - t0).toFixed(0)} ms)`);

const sts = new STSClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: endpoint.management.secretAccessKey } });
const jobs = org.accounts.flatMap((account) => account.regions.map((region) => ({ account, region })));
let served = 0;
let pages = 0;
let outOfOrder = 0;
const started = performance.now();

async function pagePartition(job: (typeof jobs)[number]): Promise<void> {
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: job.account.roleArn, RoleSessionName: 'measure', ExternalId: job.account.externalId }));
  const c = assumed.Credentials!;
  if (raw) return pageRaw(job.region, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
  const client = new SecurityHubClient({
    endpoint: endpoint.url,
    region: job.region,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  });
  let previous = '';
  for await (const page of paginateGetFindings({ client, pageSize: 100 }, { SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }] })) {
    pages++;
    for (const f of page.Findings ?? []) {
      // Ascending UpdatedAt across pages is the cheap, bounded-memory "no repeats" check.
      if (f.UpdatedAt! < previous) outOfOrder++;
      previous = f.UpdatedAt!;
      served++;
    }
  }
  client.destroy();
}

/** GetFindings over plain HTTP: sign, POST, JSON.parse. */
async function pageRaw(region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }): Promise<void> {
  const url = new URL('/findings', endpoint.url);
  let token: string | undefined;
  let previous = '';
  do {
    const body = JSON.stringify({ MaxResults: 100, SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }], ...(token ? { NextToken: token } : {}) });
    const headers = signRequest({ method: 'POST', url, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body, region, service: 'securityhub', credentials });
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8')}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    const page = JSON.parse(text) as { Findings: { UpdatedAt: string }[]; NextToken?: string };
    pages++;
    for (const f of page.Findings) {
      if (f.UpdatedAt < previous) outOfOrder++;
      previous = f.UpdatedAt;
      served++;
    }
    token = page.NextToken;
  } while (token);
}

let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) await pagePartition(jobs[next++]);
  }),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const serverSeconds = (endpoint.scenarios.callCounts()['securityhub:GetFindings']?.serverMs ?? 0) / 1000;
await endpoint.close();
sts.destroy();
agent.destroy();

const client = raw ? 'raw HTTP client (sign + JSON.parse)' : 'AWS SDK client';
console.log(`served ${served.toLocaleString()} findings in ${pages.toLocaleString()} pages, ${seconds.toFixed(1)} s: ${Math.round(served / seconds).toLocaleString()} findings/s end to end (${client} and server in one process)`);
console.log(`server handler time ${serverSeconds.toFixed(1)} s: ${Math.round(served / serverSeconds).toLocaleString()} findings/s of server CPU`);
console.log(`peak RSS ${mb(peakRss)} (maxRSS from the OS: ${mb(process.resourceUsage().maxRSS * 1024)})`);
if (served !== org.totalFindings || outOfOrder > 0) {
  console.error(`FAILED: expected ${org.totalFindings} findings in UpdatedAt order, got ${served} (${outOfOrder} out of order)`);
  process.exit(1);
}
