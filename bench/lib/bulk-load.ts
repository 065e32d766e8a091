// A large organization written straight into the database, for the page and export
// benchmarks (4 and 5): loading 1,000,000 findings through the sync would take many
// minutes, and those benchmarks measure reads, not the sync.
//
// The data is the same the sync would store:
//   - findings: the local endpoint's generator renders each finding as ASFF
//     (renderFinding), the sync's normalizeFinding turns it into the row, and
//     `COPY findings FROM STDIN` writes it (pg-copy-streams), several streams at once;
//   - config_rules / config_evaluations: the rules the generator deploys in each
//     account-region and its verdict for every existing resource (the same draws the
//     endpoint's ConfigService answers with), also by COPY;
//   - aws_accounts, sync_states and sync_runs as after a completed sync, so every page
//     lists the accounts;
//   - some exclusions (approved, and a few pending) on failed resources;
//   - posture_snapshots for `historyDays` days: the (account, control) pairs the loaded
//     evidence covers, one row per day, generated in SQL (generate_series).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { renderFinding } from '@/dev/aws-endpoint/asff';
import { generateOrganization, type Organization } from '@/dev/aws-endpoint/generator';
import type { ConfigComplianceType, Partition } from '@/dev/aws-endpoint/partition';
import { mixInts } from '@/dev/aws-endpoint/prng';
import { controlsForSecurityHubControl } from '@/server/catalog';
import { normalizeFinding } from '@/server/sync/normalize-finding';

export interface BulkLoadOptions {
  url: string;
  findings: number;
  accounts: number;
  regions?: string[];
  /** Days of history: finding UpdatedAt spread and posture snapshot days. */
  historyDays?: number;
  seed?: number;
  /** The user recorded as requester of the generated exclusions. */
  requesterId: string;
  /** One exclusion per this many failed control findings (default: findings ÷ 500, between 20 and 2,000). */
  exclusionEvery?: number;
  /** Parallel COPY streams (default 2). */
  streams?: number;
  log?: (message: string) => void;
}

export interface BulkLoadResult {
  /** undefined when read back from a database loaded earlier. */
  org?: Organization;
  accountIds: string[];
  findings: number;
  configRules: number;
  configEvaluations: number;
  exclusions: number;
  snapshots: number;
  copyBytes: number;
  /** Milliseconds per step, in order. */
  steps: { name: string; ms: number }[];
  totalMs: number;
}

const FINDING_COLUMNS = `id, account_id, region, product_arn, product_name, generator_id, security_control_id, compliance_status, severity,
  workflow_status, record_state, resource_type, resource_id, title, first_observed_at, last_observed_at, aws_created_at,
  aws_updated_at, raw, synced_at`;
const RULE_COLUMNS = 'account_id, region, name, arn, source_owner, source_identifier, compliance_type, raw, synced_at';
const EVALUATION_COLUMNS = `account_id, region, rule_name, resource_type, resource_id, resource_arn, compliance_type, result_recorded_at,
  config_rule_invoked_at, annotation, resolved_at, raw, synced_at`;

/** One value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** One COPY text line. */
export function copyLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(copyValue).join('\t')}\n`;
}

/** Splits `items` round-robin into `n` groups (some may be empty). */
export function roundRobin<T>(items: T[], n: number): T[][] {
  const groups: T[][] = Array.from({ length: Math.max(1, n) }, () => []);
  items.forEach((item, i) => groups[i % groups.length].push(item));
  return groups;
}

const CHUNK_BYTES = 1 << 20;

/** Lines from a generator, batched into ~1 MB strings, as a stream COPY can read with backpressure. */
function linesStream(lines: Iterable<string>, counter: { bytes: number }): Readable {
  function* chunks() {
    let buffer: string[] = [];
    let size = 0;
    for (const line of lines) {
      buffer.push(line);
      size += line.length;
      if (size >= CHUNK_BYTES) {
        const chunk = buffer.join('');
        counter.bytes += Buffer.byteLength(chunk);
        yield chunk;
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) {
      const chunk = buffer.join('');
      counter.bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

async function copyInto(url: string, table: string, columns: string, lines: Iterable<string>, counter: { bytes: number }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(linesStream(lines, counter), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
  } finally {
    await client.end();
  }
}

interface FailedResource {
  accountId: string;
  resourceId: string;
  resourceType: string;
  serviceId: string;
  controlId: string;
}

/** Every finding of the partitions as COPY lines; every `exclusionEvery`-th failed control finding is remembered for an exclusion. */
function* findingLines(partitions: Partition[], syncedAt: string, exclusionEvery: number, failed: FailedResource[], counts: { findings: number }): Generator<string> {
  let failedSeen = 0;
  for (const p of partitions) {
    for (let ordinal = 0; ordinal < p.size; ordinal++) {
      const asff = renderFinding(p, p.baseFinding(ordinal));
      const normalized = normalizeFinding(asff as unknown as Parameters<typeof normalizeFinding>[0], p.region);
      if (!normalized.ok) throw new Error(`the generator rendered a finding normalizeFinding rejects: ${normalized.reason}`);
      const r = normalized.row;
      counts.findings++;
      if (r.complianceStatus === 'FAILED' && r.securityControlId && r.recordState === 'ACTIVE' && ++failedSeen % exclusionEvery === 0) {
        const control = controlsForSecurityHubControl(r.securityControlId)[0];
        if (control) failed.push({ accountId: r.accountId, resourceId: r.resourceId, resourceType: r.resourceType, serviceId: control.serviceId, controlId: control.id });
      }
      yield copyLine([
        r.id,
        r.accountId,
        r.region,
        r.productArn,
        r.productName,
        r.generatorId,
        r.securityControlId,
        r.complianceStatus,
        r.severity,
        r.workflowStatus,
        r.recordState,
        r.resourceType,
        r.resourceId,
        r.title,
        r.firstObservedAt,
        r.lastObservedAt,
        r.awsCreatedAt,
        r.awsUpdatedAt,
        r.rawJson,
        syncedAt,
      ]);
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The rules deployed in the partitions, shaped as DescribeConfigRules returns them. */
function* ruleLines(partitions: Partition[], syncedAt: string, counts: { rules: number }): Generator<string> {
  for (const p of partitions) {
    for (const rule of p.rules) {
      counts.rules++;
      const raw = {
        ConfigRuleName: rule.name,
        ConfigRuleArn: rule.arn,
        ConfigRuleId: rule.id,
        Source: { Owner: 'AWS', SourceIdentifier: rule.ref.identifier },
        ConfigRuleState: 'ACTIVE',
      };
      yield copyLine([p.account.id, p.region, rule.name, rule.arn, 'AWS', rule.ref.identifier, null, JSON.stringify(raw), syncedAt]);
    }
  }
}

/**
 * Every evaluation the sync would store (COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE) for the
 * partitions' existing resources, with the endpoint's verdicts and timestamps.
 */
function* evaluationLines(partitions: Partition[], syncedAt: string, counts: { evaluations: number }): Generator<string> {
  for (const p of partitions) {
    for (const rule of p.rules) {
      for (const block of rule.blocks) {
        const count = p.blocks[block].count;
        for (let index = 0; index < count; index++) {
          if (p.isDeleted(block, index)) continue;
          const type: ConfigComplianceType = p.evaluate(rule, block, index);
          const resource = p.resource(block, index);
          const jitter = mixInts(p.seed, index, block, 0xe7a1);
          const recordedAtMs = p.anchorMs - (jitter % 86_400_000);
          const invokedAtMs = recordedAtMs - 1500 - (jitter % 4000);
          const annotation = type === 'NON_COMPLIANT' ? `The resource does not satisfy ${rule.name}.` : null;
          const raw = {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: { ConfigRuleName: rule.name, ResourceType: resource.cfnType, ResourceId: resource.resourceId, EvaluationMode: 'DETECTIVE' },
              OrderingTimestamp: iso(invokedAtMs),
            },
            ComplianceType: type,
            ResultRecordedTime: iso(recordedAtMs),
            ConfigRuleInvokedTime: iso(invokedAtMs),
            ...(annotation ? { Annotation: annotation } : {}),
          };
          counts.evaluations++;
          yield copyLine([
            p.account.id,
            p.region,
            rule.name,
            resource.cfnType,
            resource.resourceId,
            resource.arn,
            type,
            iso(recordedAtMs),
            iso(invokedAtMs),
            annotation,
            null,
            JSON.stringify(raw),
            syncedAt,
          ]);
        }
      }
    }
  }
}

/** Loads the organization into an empty, migrated database at `url`. */
export async function bulkLoad(options: BulkLoadOptions): Promise<BulkLoadResult> {
  const log = options.log ?? (() => {});
  const regions = options.regions ?? ['us-east-1', 'us-east-2', 'us-west-2'];
  const historyDays = options.historyDays ?? 90;
  const streams = options.streams ?? 2;
  const exclusionEvery = options.exclusionEvery ?? Math.min(2000, Math.max(20, Math.round(options.findings / 500)));
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const org = generateOrganization({
    seed: options.seed ?? 4242,
    accounts: options.accounts,
    regions,
    totalFindings: options.findings,
    anchorTime: today,
    historyDays,
  });
  const partitions = org.accounts.flatMap((a) => a.regions.map((r) => org.partition(a.id, r)).filter((p): p is Partition => p !== undefined));
  const syncedAt = new Date().toISOString();
  const steps: { name: string; ms: number }[] = [];
  const started = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    steps.push({ name, ms: performance.now() - t });
    log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await step('accounts and sync state', async () => {
      const ids = org.accounts.map((a) => a.id);
      await client.query(
        `INSERT INTO aws_accounts (id, name, role_arn, external_id, regions, enabled, is_demo, updated_at)
         SELECT a.id, a.name, a.role_arn, a.external_id, $5::text[], true, false, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS a(id, name, role_arn, external_id)`,
        [ids, org.accounts.map((a) => a.name), org.accounts.map((a) => a.roleArn), org.accounts.map((a) => a.externalId), regions],
      );
      // As after a completed sync of every account-region and source, just now (so the
      // worker's schedule does not consider any of them due during the benchmark).
      await client.query(
        `WITH targets AS (
           SELECT a.id AS account_id, r.region, s.source::"SyncSource" AS source
           FROM unnest($1::text[]) AS a(id) CROSS JOIN unnest($2::text[]) AS r(region) CROSS JOIN unnest(ARRAY['securityhub', 'config']) AS s(source)),
         runs AS (
           INSERT INTO sync_runs (id, account_id, region, source, status, trigger, started_at, finished_at, pages_fetched, fetched, inserted, api_calls)
           SELECT gen_random_uuid(), account_id, region, source, 'succeeded', 'bench-load', now() - interval '2 minutes', now(), 1, 0, 0, 1 FROM targets)
         INSERT INTO sync_states (account_id, region, source, watermark, last_success_at)
         SELECT account_id, region, source, CASE WHEN source = 'securityhub' THEN $3::timestamptz END, now() FROM targets`,
        [ids, regions, iso(today)],
      );
    });

    const counter = { bytes: 0 };
    const failed: FailedResource[] = [];
    const findingCounts = { findings: 0 };
    await step(`findings (COPY, ${streams} streams)`, () =>
      Promise.all(
        roundRobin(partitions, streams).map((group) =>
          copyInto(options.url, 'findings', FINDING_COLUMNS, findingLines(group, syncedAt, exclusionEvery, failed, findingCounts), counter),
        ),
      ),
    );

    const configCounts = { rules: 0, evaluations: 0 };
    await step(`config rules and evaluations (COPY, ${streams} streams)`, async () => {
      await copyInto(options.url, 'config_rules', RULE_COLUMNS, ruleLines(partitions, syncedAt, configCounts), counter);
      await Promise.all(
        roundRobin(partitions, streams).map((group) => copyInto(options.url, 'config_evaluations', EVALUATION_COLUMNS, evaluationLines(group, syncedAt, configCounts), counter)),
      );
    });

    const exclusions = await step('exclusions', async () => {
      if (failed.length === 0) return 0;
      // Every fifth one is still pending; the rest approved, expiring in 30 to 120 days.
      await client.query(
        `WITH input AS (
           SELECT t.*, row_number() OVER () AS n
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(account_id, resource_id, resource_type, service_id, control_id)),
         inserted AS (
           INSERT INTO exclusions (id, account_id, scope, resource_id, resource_type, service_id, control_id, justification, no_phi_attested,
                                   expires_at, status, requested_by_id, requested_at, decided_at)
           SELECT gen_random_uuid(), account_id, 'resource_control', resource_id, resource_type, service_id, control_id,
                  'Benchmark data: resource holds no PHI (generated).', true, now() + ((30 + n % 90) || ' days')::interval,
                  (CASE WHEN n % 5 = 0 THEN 'pending' ELSE 'approved' END)::"ExclusionStatus", $6::uuid, now() - interval '10 days',
                  CASE WHEN n % 5 = 0 THEN NULL ELSE now() - interval '9 days' END
           FROM input
           RETURNING id, status, requested_at, decided_at)
         INSERT INTO exclusion_events (id, exclusion_id, action, from_status, to_status, actor_id, at)
         SELECT gen_random_uuid(), id, 'requested', NULL, 'pending', $6::uuid, requested_at FROM inserted
         UNION ALL
         SELECT gen_random_uuid(), id, 'approved', 'pending', 'approved', $6::uuid, decided_at FROM inserted WHERE status = 'approved'`,
        [
          failed.map((f) => f.accountId),
          failed.map((f) => f.resourceId),
          failed.map((f) => f.resourceType),
          failed.map((f) => f.serviceId),
          failed.map((f) => f.controlId),
          options.requesterId,
        ],
      );
      return failed.length;
    });

    const snapshots = await step(`posture snapshots (${historyDays} days, generate_series)`, async () => {
      // The (account, catalog control) pairs the loaded findings are evidence for.
      const { rows } = await client.query<{ account_id: string; security_control_id: string }>(
        'SELECT DISTINCT account_id, security_control_id FROM findings WHERE security_control_id IS NOT NULL',
      );
      const pairs = new Map<string, { accountId: string; controlId: string; serviceId: string }>();
      for (const r of rows)
        for (const c of controlsForSecurityHubControl(r.security_control_id))
          pairs.set(`${r.account_id}/${c.id}`, { accountId: r.account_id, controlId: c.id, serviceId: c.serviceId });
      const list = [...pairs.values()];
      // Counts drift a little from day to day; the status follows the counts.
      const result = await client.query(
        `INSERT INTO posture_snapshots (day, account_id, control_id, service_id, status, passed, failed, excepted, unknown, max_severity, taken_at)
         SELECT d.day, p.account_id, p.control_id, p.service_id,
                CASE WHEN c.failed > 0 THEN 'failed' ELSE 'passed' END, c.passed, c.failed, c.excepted, 0,
                CASE WHEN c.failed > 0 THEN (ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[1 + abs(c.h) % 4] END,
                d.day + interval '5 minutes'
         FROM unnest($1::text[], $2::text[], $3::text[]) AS p(account_id, control_id, service_id)
         CROSS JOIN generate_series($4::date - ($5::int - 1), $4::date, interval '1 day') AS d(day)
         CROSS JOIN LATERAL (
           SELECT 1 + abs(h) % 40 AS passed, CASE WHEN abs(h) % 100 < 25 THEN 1 + abs(h >> 8) % 6 ELSE 0 END AS failed,
                  CASE WHEN abs(h) % 100 = 99 THEN 1 ELSE 0 END AS excepted, h
           FROM (SELECT hashtext(p.account_id || p.control_id || d.day::date::text) AS h) AS x) AS c`,
        [list.map((p) => p.accountId), list.map((p) => p.controlId), list.map((p) => p.serviceId), iso(today).slice(0, 10), historyDays],
      );
      // The trend rollups, as writePostureSnapshot keeps them: sums per (day, account) and (day, account, service).
      await client.query(
        `INSERT INTO posture_snapshot_accounts (day, account_id, passed, failed, excepted, unknown)
         SELECT day, account_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int
         FROM posture_snapshots GROUP BY day, account_id`,
      );
      await client.query(
        `INSERT INTO posture_snapshot_services (day, account_id, service_id, passed, failed, excepted, unknown)
         SELECT day, account_id, service_id, sum(passed)::int, sum(failed)::int, sum(excepted)::int, sum(unknown)::int
         FROM posture_snapshots GROUP BY day, account_id, service_id`,
      );
      return result.rowCount ?? 0;
    });

    // As autovacuum would leave them after a while: statistics, and the visibility map that
    // index-only scans need.
    await step('VACUUM ANALYZE', async () => {
      await client.query('VACUUM (ANALYZE) findings, config_rules, config_evaluations, exclusions, posture_snapshots, posture_snapshot_accounts, posture_snapshot_services, aws_accounts, sync_states, sync_runs');
    });

    return {
      org,
      accountIds: org.accounts.map((a) => a.id),
      findings: findingCounts.findings,
      configRules: configCounts.rules,
      configEvaluations: configCounts.evaluations,
      exclusions,
      snapshots,
      copyBytes: counter.bytes,
      steps,
      totalMs: performance.now() - started,
    };
  } finally {
    await client.end();
  }
}

/** The counts of a database loaded earlier (for `--database-url`); no time is spent loading. */
export async function loadedOrganization(url: string): Promise<BulkLoadResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: accounts } = await client.query<{ id: string }>('SELECT id FROM aws_accounts ORDER BY name');
    const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return {
      accountIds: accounts.map((a) => a.id),
      findings: await count('findings'),
      configRules: await count('config_rules'),
      configEvaluations: await count('config_evaluations'),
      exclusions: await count('exclusions'),
      snapshots: await count('posture_snapshots'),
      copyBytes: 0,
      steps: [],
      totalMs: 0,
    };
  } finally {
    await client.end();
  }
}
