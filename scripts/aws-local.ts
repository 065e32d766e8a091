// `npm run aws:local`: the local AWS-compatible endpoint (STS, AWS Config, Security
// Hub) on a fixed port, for `npm start`, e2e tests and benchmarks. Point the AWS SDK
// at it with AWS_ENDPOINT_URL and the printed caller keys.
//
//   npm run aws:local -- [--port 4580] [--host 127.0.0.1] [--size demo|<findings>]
//                        [--accounts N] [--regions us-east-1,us-west-2] [--seed N]
//                        [--anchor 2025-01-01T00:00:00Z] [--admin-token T] [--json]
import { parseArgs } from 'node:util';
import { demoOrganization, generateOrganization, startAwsEndpoint, type Organization } from '../src/dev/aws-endpoint';
import { ADMIN_PATH, ADMIN_TOKEN_HEADER } from '../src/dev/aws-endpoint/admin';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.AWS_LOCAL_PORT ?? '4580' },
    host: { type: 'string', default: '127.0.0.1' },
    size: { type: 'string', default: 'demo' },
    accounts: { type: 'string' },
    regions: { type: 'string' },
    seed: { type: 'string' },
    anchor: { type: 'string' },
    'admin-token': { type: 'string', default: process.env.AWS_LOCAL_ADMIN_TOKEN },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run aws:local -- [options]
  --port N            listen port (default 4580; 0 = any free port)
  --host H            listen address (default 127.0.0.1)
  --size demo|N       the demo organization (default), or N findings in total
  --accounts N        accounts for --size N (default: one per 5,000 findings, at least 6)
  --regions a,b       regions for --size N (default us-east-1,us-east-2,us-west-2)
  --seed N            PRNG seed (default: the demo's, or 1)
  --anchor ISO        newest generated UpdatedAt (default: start of today, UTC)
  --admin-token T     token for ${ADMIN_PATH} (default: random, printed)
  --json              print the summary as JSON`);
  process.exit(0);
}

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}`);
    process.exit(2);
  }
  return n;
}

const seed = int('seed', values.seed);
const regions = values.regions?.split(',').map((r) => r.trim()).filter(Boolean);
let organization: Organization;
if (values.size === 'demo') {
  organization = demoOrganization({ ...(seed !== undefined ? { seed } : {}), ...(values.anchor ? { anchorTime: values.anchor } : {}) });
} else {
  const totalFindings = int('size', values.size)!;
  organization = generateOrganization({
    seed: seed ?? 1,
    accounts: int('accounts', values.accounts) ?? Math.max(6, Math.ceil(totalFindings / 5000)),
    regions,
    totalFindings,
    anchorTime: values.anchor,
  });
}

const endpoint = await startAwsEndpoint({
  organization,
  port: int('port', values.port),
  host: values.host,
  adminToken: values['admin-token'],
  log: (line) => console.error(line),
});

const summary = {
  url: endpoint.url,
  region: organization.regions[0],
  caller: { accessKeyId: endpoint.management.accessKeyId, secretAccessKey: endpoint.management.secretAccessKey, arn: endpoint.management.arn },
  admin: { url: `${endpoint.url}${ADMIN_PATH}`, header: ADMIN_TOKEN_HEADER, token: endpoint.adminToken },
  organization: {
    name: organization.name,
    seed: organization.seed,
    totalFindings: organization.totalFindings,
    newestUpdatedAt: new Date(organization.anchorMs).toISOString(),
    accounts: organization.accounts.map((a) => ({ id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions })),
  },
};

if (values.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(`Local AWS endpoint (STS, AWS Config, Security Hub) listening on ${endpoint.url}

  AWS_ENDPOINT_URL=${endpoint.url}
  AWS_ACCESS_KEY_ID=${summary.caller.accessKeyId}
  AWS_SECRET_ACCESS_KEY=${summary.caller.secretAccessKey}
  AWS_REGION=${summary.region}
  caller: ${summary.caller.arn} (may call sts:AssumeRole only)

${organization.name}: ${organization.accounts.length} accounts, ${organization.totalFindings.toLocaleString('en-US')} findings, newest UpdatedAt ${summary.organization.newestUpdatedAt}`);
  const rows = organization.accounts.slice(0, 50);
  for (const a of rows) console.log(`  ${a.id}  ${a.name.padEnd(24)} ${a.roleArn}  ExternalId=${a.externalId}  [${a.regions.join(', ')}]`);
  if (organization.accounts.length > rows.length) console.log(`  ... and ${organization.accounts.length - rows.length} more (--json lists all)`);
  console.log(`
Scenario admin: ${summary.admin.url} with header ${ADMIN_TOKEN_HEADER}: ${endpoint.adminToken}
  e.g. curl -s -X POST -H '${ADMIN_TOKEN_HEADER}: ${endpoint.adminToken}' ${summary.admin.url} \\
         -d '{"action":"add","rule":{"service":"securityhub","effect":{"type":"throttle"}}}'
Ctrl-C to stop.`);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await endpoint.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
