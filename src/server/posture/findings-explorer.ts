// The findings explorer: Security Hub findings (and, on a second tab, AWS Config evaluations)
// filtered, sorted and paginated in SQL, as the user may see them. Filters live in the URL
// (parseExplorerFilters / explorerQueryString), so a view can be shared and survives a reload,
// and the CSV export reads the same view in batches.
import { Prisma } from '@/generated/prisma/client';
import { catalog2022, controlsForSecurityHubControl, findControl, findService, isManual, type CatalogControl } from '@/server/catalog';
import type { Db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import {
  compactCitation,
  CONFIG_SORTS,
  EXPORT_LIMIT,
  FINDING_SORTS,
  parseExplorerFilters,
  type CatalogIds,
  type ExplorerFilters,
  type ParamSource,
} from './explorer-filters';
import { severityRankSql } from './severity-sql';

export * from './explorer-filters';

const CATALOG_IDS: CatalogIds = { isService: (id) => Boolean(findService(id)), isControl: (id) => Boolean(findControl(id)) };

/** The explorer's filters from a URL, service and control ids checked against the catalog. */
export function parseExplorerParams(source: ParamSource): ReturnType<typeof parseExplorerFilters> {
  return parseExplorerFilters(source, CATALOG_IDS);
}

/** For route handlers: the filters, or a 400 naming every bad parameter. */
export function explorerFiltersOrThrow(source: ParamSource): ExplorerFilters {
  const { filters, errors } = parseExplorerParams(source);
  const names = Object.keys(errors);
  if (names.length > 0) throw new ValidationError(`Check ${names.join(', ')}: ${Object.values(errors).flat().join(' ')}`, errors);
  return filters;
}

export function controlsCiting(citation: string): CatalogControl[] {
  const wanted = compactCitation(citation);
  return catalog2022.services.flatMap((s) => s.controls.filter((c) => c.hipaaCitations.some((h) => compactCitation(h).startsWith(wanted))));
}


/**
 * The evidence keys the catalog filters (service, control, HIPAA citation) allow: Security Hub
 * control ids and Config rule identifiers of the controls matching all of them. null when none
 * of these filters is set.
 */
export function evidenceKeysFor(filters: Pick<ExplorerFilters, 'service' | 'control' | 'citation'>): { securityHub: string[]; config: string[] } | null {
  if (!filters.service && !filters.control && !filters.citation) return null;
  let controls = catalog2022.services.flatMap((s) => s.controls).filter((c) => !isManual(c));
  if (filters.service) controls = controls.filter((c) => c.serviceId === filters.service);
  if (filters.control) controls = controls.filter((c) => c.id === filters.control);
  if (filters.citation) {
    const citing = new Set(controlsCiting(filters.citation).map((c) => c.id));
    controls = controls.filter((c) => citing.has(c.id));
  }
  const securityHub = new Set<string>();
  const config = new Set<string>();
  for (const c of controls) {
    for (const id of c.evidence.securityHubControlIds) securityHub.add(id.toUpperCase());
    for (const id of c.evidence.configRuleIdentifiers) config.add(id);
  }
  return { securityHub: [...securityHub].sort(), config: [...config].sort() };
}

/** `%text%` for ILIKE, with the pattern characters of `text` escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------
// Queries

/** `all`, or the accounts the user may see (see posture-queries resolveAccountScope). */
export type ExplorerScope = string[] | 'all';

export interface FindingRow {
  id: string;
  accountId: string;
  region: string;
  productName: string;
  securityControlId: string | null;
  /** Catalog controls the finding is evidence for. */
  controlIds: string[];
  complianceStatus: string | null;
  severity: string;
  workflowStatus: string;
  recordState: string;
  resourceType: string;
  resourceId: string;
  title: string;
  updatedAt: string;
  description: string | null;
  remediationText: string | null;
  remediationUrl: string | null;
}

export interface ConfigRow {
  /** account/region/rule/type/resource: unique. */
  key: string;
  accountId: string;
  region: string;
  ruleName: string;
  sourceIdentifier: string | null;
  controlIds: string[];
  complianceType: string;
  resourceType: string;
  resourceId: string;
  resourceArn: string | null;
  recordedAt: string;
  annotation: string | null;
  resolvedAt: string | null;
}

/**
 * `total` is exact up to COUNT_LIMIT matching rows; past it, counting stops: `total` is
 * COUNT_LIMIT and `totalCapped` is true (shown as "10,000+"). `pages` then counts the pages
 * known to exist: those within the limit, and the next one when this page is full.
 */
export type ExplorerPage =
  | { tab: 'findings'; rows: FindingRow[]; total: number; totalCapped: boolean; page: number; size: number; pages: number }
  | { tab: 'config'; rows: ConfigRow[]; total: number; totalCapped: boolean; page: number; size: number; pages: number };

/** Matching rows are counted up to this many (a count of 1,000,000 rows costs a scan of them all). */
export const COUNT_LIMIT = 10_000;

/** total, totalCapped and pages from a capped count (`counted` is at most COUNT_LIMIT + 1). */
export function pageCounts(counted: number, page: number, size: number, rowsOnPage: number): { total: number; totalCapped: boolean; pages: number } {
  if (counted <= COUNT_LIMIT) return { total: counted, totalCapped: false, pages: Math.ceil(counted / size) };
  const known = Math.ceil(COUNT_LIMIT / size);
  // A full page past the limit: there may be a next one.
  return { total: COUNT_LIMIT, totalCapped: true, pages: Math.max(known, rowsOnPage >= size ? page + 1 : page) };
}

const and = (conditions: Prisma.Sql[]) => (conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND '));

function findingsWhere(f: ExplorerFilters, scope: ExplorerScope): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (scope !== 'all') c.push(Prisma.sql`account_id = ANY(${scope}::text[])`);
  if (f.account) c.push(Prisma.sql`account_id = ${f.account}`);
  if (f.region) c.push(Prisma.sql`region = ${f.region}`);
  const keys = evidenceKeysFor(f);
  if (keys) c.push(Prisma.sql`security_control_id = ANY(${keys.securityHub}::text[])`);
  if (f.status === 'NONE') c.push(Prisma.sql`compliance_status IS NULL`);
  else if (f.status) c.push(Prisma.sql`compliance_status = ${f.status}`);
  if (f.severity.length > 0) c.push(Prisma.sql`severity = ANY(${f.severity}::text[])`);
  if (f.product) c.push(Prisma.sql`product_name = ${f.product}`);
  if (f.resource) c.push(Prisma.sql`resource_id = ${f.resource}`);
  if (f.q) {
    const p = containsPattern(f.q);
    c.push(Prisma.sql`(title ILIKE ${p} OR resource_id ILIKE ${p} OR id ILIKE ${p})`);
  }
  if (f.state === 'active') c.push(Prisma.sql`record_state = 'ACTIVE'`);
  else if (f.state === 'archived') c.push(Prisma.sql`record_state = 'ARCHIVED'`);
  return and(c);
}

// Every stored finding has one of the five labels (normalizeFinding refuses others).
const SEVERITY_ORDER = severityRankSql('severity');
const FINDING_SORT_SQL: Record<(typeof FINDING_SORTS)[number], Prisma.Sql> = {
  severity: SEVERITY_ORDER,
  updated: Prisma.raw('aws_updated_at'),
  account: Prisma.raw('account_id'),
  region: Prisma.raw('region'),
  title: Prisma.raw('title'),
  status: Prisma.raw('compliance_status'),
  control: Prisma.raw('security_control_id'),
  resource: Prisma.raw('resource_id'),
};

/** Sort columns that may be null; the others are NOT NULL, so a plain ASC/DESC (which an index can serve) means the same. */
const NULLABLE_FINDING_SORTS = new Set(['status', 'control']);

function findingsOrder(f: ExplorerFilters): Prisma.Sql {
  const column = FINDING_SORT_SQL[f.sort as keyof typeof FINDING_SORT_SQL] ?? SEVERITY_ORDER;
  const nullable = NULLABLE_FINDING_SORTS.has(f.sort);
  const dir = Prisma.raw(f.dir === 'asc' ? (nullable ? 'ASC NULLS FIRST' : 'ASC') : nullable ? 'DESC NULLS LAST' : 'DESC');
  // Ties: newest first, then the id, so pages never overlap.
  return Prisma.sql`ORDER BY ${column} ${dir}, aws_updated_at DESC, id ASC`;
}

function configWhere(f: ExplorerFilters, scope: ExplorerScope): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (scope !== 'all') c.push(Prisma.sql`e.account_id = ANY(${scope}::text[])`);
  if (f.account) c.push(Prisma.sql`e.account_id = ${f.account}`);
  if (f.region) c.push(Prisma.sql`e.region = ${f.region}`);
  const keys = evidenceKeysFor(f);
  if (keys) c.push(Prisma.sql`r.source_identifier = ANY(${keys.config}::text[])`);
  if (f.status) c.push(Prisma.sql`e.compliance_type = ${f.status}`);
  if (f.resource) c.push(Prisma.sql`(e.resource_arn = ${f.resource} OR e.resource_id = ${f.resource} OR e.resource_type || '/' || e.resource_id = ${f.resource})`);
  if (f.q) {
    const p = containsPattern(f.q);
    c.push(Prisma.sql`(e.rule_name ILIKE ${p} OR e.resource_id ILIKE ${p} OR e.resource_arn ILIKE ${p} OR e.annotation ILIKE ${p})`);
  }
  if (f.state === 'active') c.push(Prisma.sql`e.resolved_at IS NULL`);
  else if (f.state === 'archived') c.push(Prisma.sql`e.resolved_at IS NOT NULL`);
  return and(c);
}

const CONFIG_SORT_SQL: Record<(typeof CONFIG_SORTS)[number], Prisma.Sql> = {
  recorded: Prisma.raw('e.result_recorded_at'),
  account: Prisma.raw('e.account_id'),
  region: Prisma.raw('e.region'),
  rule: Prisma.raw('e.rule_name'),
  status: Prisma.raw('e.compliance_type'),
  resource: Prisma.raw('e.resource_id'),
};

function configOrder(f: ExplorerFilters): Prisma.Sql {
  const column = CONFIG_SORT_SQL[f.sort as keyof typeof CONFIG_SORT_SQL] ?? CONFIG_SORT_SQL.recorded;
  const dir = Prisma.raw(f.dir === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST');
  return Prisma.sql`ORDER BY ${column} ${dir}, e.account_id, e.region, e.rule_name, e.resource_type, e.resource_id`;
}

interface FindingSqlRow {
  id: string;
  account_id: string;
  region: string;
  product_name: string;
  security_control_id: string | null;
  compliance_status: string | null;
  severity: string;
  workflow_status: string;
  record_state: string;
  resource_type: string;
  resource_id: string;
  title: string;
  aws_updated_at: Date;
  description: string | null;
  remediation_text: string | null;
  remediation_url: string | null;
}

interface ConfigSqlRow {
  account_id: string;
  region: string;
  rule_name: string;
  source_identifier: string | null;
  compliance_type: string;
  resource_type: string;
  resource_id: string;
  resource_arn: string | null;
  result_recorded_at: Date;
  annotation: string | null;
  resolved_at: Date | null;
}

const configControlIds = new Map<string, string[]>();
for (const service of catalog2022.services)
  for (const control of service.controls)
    for (const rule of control.evidence.configRuleIdentifiers) configControlIds.set(rule, [...(configControlIds.get(rule) ?? []), control.id]);

function toFindingRow(r: FindingSqlRow): FindingRow {
  return {
    id: r.id,
    accountId: r.account_id,
    region: r.region,
    productName: r.product_name,
    securityControlId: r.security_control_id,
    controlIds: r.security_control_id ? controlsForSecurityHubControl(r.security_control_id).map((c) => c.id) : [],
    complianceStatus: r.compliance_status,
    severity: r.severity,
    workflowStatus: r.workflow_status,
    recordState: r.record_state,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    title: r.title,
    updatedAt: r.aws_updated_at.toISOString(),
    description: r.description,
    remediationText: r.remediation_text,
    remediationUrl: r.remediation_url,
  };
}

function toConfigRow(r: ConfigSqlRow): ConfigRow {
  return {
    key: `${r.account_id}/${r.region}/${r.rule_name}/${r.resource_type}/${r.resource_id}`,
    accountId: r.account_id,
    region: r.region,
    ruleName: r.rule_name,
    sourceIdentifier: r.source_identifier,
    controlIds: r.source_identifier ? (configControlIds.get(r.source_identifier) ?? []) : [],
    complianceType: r.compliance_type,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceArn: r.resource_arn,
    recordedAt: r.result_recorded_at.toISOString(),
    annotation: r.annotation,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}

const FINDING_COLUMNS = Prisma.raw(`id, account_id, region, product_name, security_control_id, compliance_status, severity, workflow_status, record_state,
           resource_type, resource_id, title, aws_updated_at`);
const FINDING_DETAIL_COLUMNS = Prisma.raw(`raw->>'Description' AS description,
           raw->'Remediation'->'Recommendation'->>'Text' AS remediation_text,
           raw->'Remediation'->'Recommendation'->>'Url' AS remediation_url`);

/** Severities from most to least severe, with their rank in SEVERITY_ORDER. */
const SEVERITY_RANKS: [string, number][] = [
  ['CRITICAL', 4],
  ['HIGH', 3],
  ['MEDIUM', 2],
  ['LOW', 1],
  ['INFORMATIONAL', 0],
];

/**
 * The ids of one page in the severity sort (the default), without sorting every match: one
 * branch per severity, each read in (aws_updated_at DESC, id) order from the (severity,
 * aws_updated_at DESC, id) index and cut at offset + limit, then merged. Same order as
 * ORDER BY SEVERITY_ORDER, aws_updated_at DESC, id.
 */
function severitySortedIds(f: ExplorerFilters, scope: ExplorerScope, limit: number, offset: number): Prisma.Sql {
  const where = findingsWhere(f, scope);
  const wanted = SEVERITY_RANKS.filter(([label]) => f.severity.length === 0 || f.severity.includes(label as ExplorerFilters['severity'][number]));
  const branches = wanted.map(
    ([label, rank]) => Prisma.sql`(SELECT id, ${rank}::int AS page_rank, aws_updated_at AS page_updated_at FROM findings
      WHERE severity = ${label} AND ${where} ORDER BY aws_updated_at DESC, id ASC LIMIT ${offset + limit})`,
  );
  return Prisma.sql`SELECT id FROM (${Prisma.join(branches, ' UNION ALL ')}) AS b
    ORDER BY page_rank ${Prisma.raw(f.dir === 'asc' ? 'ASC' : 'DESC')}, page_updated_at DESC, id ASC LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * One page of findings. The page's ids are chosen first, from the indexed columns only; the
 * raw ASFF (description, remediation) is read for those rows alone, not for every match.
 */
async function findingRows(db: Db, f: ExplorerFilters, scope: ExplorerScope, limit: number, offset: number): Promise<FindingRow[]> {
  // Severities outside SEVERITY_RANKS are never stored (normalizeFinding rejects them).
  const ids =
    f.sort === 'severity'
      ? severitySortedIds(f, scope, limit, offset)
      : Prisma.sql`SELECT id FROM findings WHERE ${findingsWhere(f, scope)} ${findingsOrder(f)} LIMIT ${limit} OFFSET ${offset}`;
  const rows = await db.$queryRaw<FindingSqlRow[]>`
    WITH page AS MATERIALIZED (${ids})
    SELECT ${FINDING_COLUMNS}, ${FINDING_DETAIL_COLUMNS}
    FROM page JOIN findings USING (id)
    ${findingsOrder(f)}`;
  return rows.map(toFindingRow);
}

async function configRows(db: Db, f: ExplorerFilters, scope: ExplorerScope, limit: number, offset: number): Promise<ConfigRow[]> {
  const rows = await db.$queryRaw<ConfigSqlRow[]>`
    SELECT e.account_id, e.region, e.rule_name, r.source_identifier, e.compliance_type, e.resource_type, e.resource_id, e.resource_arn,
           e.result_recorded_at, e.annotation, e.resolved_at
    FROM config_evaluations e
    LEFT JOIN config_rules r ON r.account_id = e.account_id AND r.region = e.region AND r.name = e.rule_name
    WHERE ${configWhere(f, scope)} ${configOrder(f)} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(toConfigRow);
}

/** One page of the view; an empty scope (an owner of no account) gives an empty page. */
export async function explorePage(db: Db, scope: ExplorerScope, f: ExplorerFilters): Promise<ExplorerPage> {
  const base = { page: f.page, size: f.size };
  if (scope !== 'all' && scope.length === 0) return { tab: f.tab, rows: [], total: 0, totalCapped: false, pages: 0, ...base } as ExplorerPage;
  const offset = (f.page - 1) * f.size;
  if (f.tab === 'config') {
    const [rows, [{ counted }]] = await Promise.all([
      configRows(db, f, scope, f.size, offset),
      db.$queryRaw<{ counted: number }[]>`
        SELECT count(*)::int AS counted FROM (
          SELECT 1 FROM config_evaluations e
          LEFT JOIN config_rules r ON r.account_id = e.account_id AND r.region = e.region AND r.name = e.rule_name
          WHERE ${configWhere(f, scope)} LIMIT ${COUNT_LIMIT + 1}) AS matching`,
    ]);
    return { tab: 'config', rows, ...pageCounts(counted, f.page, f.size, rows.length), ...base };
  }
  const [rows, [{ counted }]] = await Promise.all([
    findingRows(db, f, scope, f.size, offset),
    db.$queryRaw<{ counted: number }[]>`
      SELECT count(*)::int AS counted FROM (SELECT 1 FROM findings WHERE ${findingsWhere(f, scope)} LIMIT ${COUNT_LIMIT + 1}) AS matching`,
  ]);
  return { tab: 'findings', rows, ...pageCounts(counted, f.page, f.size, rows.length), ...base };
}

export const FINDING_CSV_HEADER = [
  'Account',
  'Region',
  'Product',
  'Security Hub control',
  'Catalog controls',
  'Compliance status',
  'Severity',
  'Workflow status',
  'Record state',
  'Resource type',
  'Resource',
  'Title',
  'Updated at',
  'Finding id',
  'Remediation',
  'Remediation URL',
] as const;

export const CONFIG_CSV_HEADER = [
  'Account',
  'Region',
  'Config rule',
  'Rule identifier',
  'Catalog controls',
  'Compliance',
  'Resource type',
  'Resource id',
  'Resource ARN',
  'Recorded at',
  'Annotation',
  'Resolved at',
] as const;

export function findingCsvValues(r: FindingRow): unknown[] {
  return [
    r.accountId,
    r.region,
    r.productName,
    r.securityControlId,
    r.controlIds.join(' '),
    r.complianceStatus,
    r.severity,
    r.workflowStatus,
    r.recordState,
    r.resourceType,
    r.resourceId,
    r.title,
    r.updatedAt,
    r.id,
    r.remediationText,
    r.remediationUrl,
  ];
}

export function configCsvValues(r: ConfigRow): unknown[] {
  return [
    r.accountId,
    r.region,
    r.ruleName,
    r.sourceIdentifier,
    r.controlIds.join(' '),
    r.complianceType,
    r.resourceType,
    r.resourceId,
    r.resourceArn,
    r.recordedAt,
    r.annotation,
    r.resolvedAt,
  ];
}

/** Every row of the view (all pages, in its order, up to EXPORT_LIMIT) as CSV values, in batches. */
export async function* exportRows(db: Db, scope: ExplorerScope, f: ExplorerFilters, batchSize = 2000): AsyncGenerator<unknown[][]> {
  if (scope !== 'all' && scope.length === 0) return;
  for (let offset = 0; offset < EXPORT_LIMIT; offset += batchSize) {
    const limit = Math.min(batchSize, EXPORT_LIMIT - offset);
    const batch =
      f.tab === 'config'
        ? (await configRows(db, f, scope, limit, offset)).map(configCsvValues)
        : (await findingRows(db, f, scope, limit, offset)).map(findingCsvValues);
    if (batch.length > 0) yield batch;
    if (batch.length < limit) return;
  }
}

export interface ExplorerOptions {
  accounts: { id: string; name: string }[];
  regions: string[];
  products: string[];
  services: { id: string; name: string }[];
  controls: { id: string; title: string; serviceId: string }[];
}

/**
 * The products findings come from (a handful), without reading every finding: a skip scan of
 * the (product_name, account_id) index, one index probe per product; for an account owner,
 * each product is then kept when one of their accounts has a finding from it.
 */
async function productNames(db: Db, scope: ExplorerScope): Promise<string[]> {
  const rows = await db.$queryRaw<{ product_name: string }[]>`
    WITH RECURSIVE products AS (
      (SELECT product_name FROM findings ORDER BY product_name LIMIT 1)
      UNION ALL
      SELECT (SELECT f.product_name FROM findings f WHERE f.product_name > p.product_name ORDER BY f.product_name LIMIT 1)
      FROM products p WHERE p.product_name IS NOT NULL
    )
    SELECT product_name FROM products p
    WHERE product_name IS NOT NULL
      AND (${scope === 'all'} OR EXISTS (
        SELECT 1 FROM findings f WHERE f.product_name = p.product_name AND f.account_id = ANY(${scope === 'all' ? [] : scope}::text[])))
    ORDER BY product_name`;
  return rows.map((r) => r.product_name);
}

/** What the filter menus offer, as the user may see it. */
export async function explorerOptions(db: Db, scope: ExplorerScope): Promise<ExplorerOptions> {
  const accountWhere = scope === 'all' ? {} : { id: { in: scope } };
  const [accounts, products] = await Promise.all([
    db.awsAccount.findMany({ where: accountWhere, select: { id: true, name: true, regions: true }, orderBy: { name: 'asc' } }),
    productNames(db, scope),
  ]);
  const automated = catalog2022.services.filter((s) => s.controls.some((c) => !isManual(c)));
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
    regions: [...new Set(accounts.flatMap((a) => a.regions))].sort(),
    products,
    services: automated.map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, 'en')),
    controls: automated.flatMap((s) => s.controls.filter((c) => !isManual(c)).map((c) => ({ id: c.id, title: c.title, serviceId: s.id }))).sort((a, b) => a.id.localeCompare(b.id)),
  };
}
