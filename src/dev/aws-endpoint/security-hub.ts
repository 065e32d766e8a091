// AWS Security Hub over restJson1: GetFindings (`POST /findings`) with the
// AwsSecurityFindingFilters the sync uses, MaxResults 1..100 (default 100), UpdatedAt
// sorting, and snapshot-consistent NextTokens (see findings-store.ts).
import { findingId, malformFinding, renderFinding, serializeFinding, severityOf } from './asff';
import { AwsServiceError } from './errors';
import type { FindingQuery, FindingsStore, SortKey } from './findings-store';
import type { Organization } from './generator';
import type { ServiceRequest, ServiceResponse } from './http-types';
import type { NextTokenCodec } from './next-token';
import { paramsDigest } from './next-token';
import type { FindingCore, Partition } from './partition';
import type { ScenarioControls } from './scenarios';

/** Records examined per request at most: a selective filter returns a short page (with a token) rather than stall. */
const SCAN_BUDGET = 25_000;
const DAY_MS = 86_400_000;

export function securityHubErrorResponse(error: AwsServiceError, requestId: string): ServiceResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ Message: error.message, Code: error.code }),
  };
}

const invalidInput = (message: string) => new AwsServiceError('InvalidInputException', message, 400);

type StringValue = string | readonly string[] | undefined;

/** Field accessors for string filters, on the compact FindingCore where possible. */
const STRING_FIELDS: Record<string, (p: Partition, c: FindingCore) => StringValue> = {
  AwsAccountId: (p) => p.account.id,
  AwsAccountName: (p) => p.account.name,
  Region: (p) => p.region,
  Id: (p, c) => findingId(p, c),
  ProductArn: (p, c) => `arn:aws:securityhub:${p.region}::product/aws/${c.source === 'control' ? 'securityhub' : c.source}`,
  ProductName: (_p, c) => (c.source === 'control' ? 'Security Hub' : c.source === 'guardduty' ? 'GuardDuty' : 'Inspector'),
  CompanyName: (_p, c) => (c.source === 'control' ? 'AWS' : 'Amazon'),
  GeneratorId: (p, c) => renderField(p, c, 'GeneratorId'),
  Title: (p, c) => (c.control ? c.control.title : renderField(p, c, 'Title')),
  Type: (p, c) => renderField(p, c, 'Types'),
  SeverityLabel: (_p, c) => severityOf(c),
  ComplianceStatus: (_p, c) => c.complianceStatus,
  ComplianceSecurityControlId: (_p, c) => c.control?.id,
  ComplianceAssociatedStandardsId: (_p, c) => (c.source === 'control' ? ['standards/aws-foundational-security-best-practices/v/1.0.0', 'standards/nist-800-53/v/5.0.0'] : undefined),
  WorkflowStatus: (_p, c) => c.workflowStatus,
  WorkflowState: () => 'NEW',
  RecordState: (_p, c) => c.recordState,
  ResourceType: (p, c) => p.blocks[c.block].asffType,
  ResourceId: (p, c) => p.resource(c.block, c.resourceIndex).arn,
  ResourcePartition: () => 'aws',
  ResourceRegion: (p) => p.region,
};

/** Filters answered by the partition alone: checked once per request, not per record. */
const PARTITION_FIELDS = new Set(['AwsAccountId', 'AwsAccountName', 'Region']);

const DATE_FIELDS: Record<string, (c: FindingCore) => number> = {
  UpdatedAt: (c) => c.updatedAtMs,
  LastObservedAt: (c) => c.updatedAtMs,
  CreatedAt: (c) => c.createdAtMs,
  FirstObservedAt: (c) => c.createdAtMs,
};

function renderField(p: Partition, c: FindingCore, field: string): StringValue {
  const value = renderFinding(p, c)[field];
  return typeof value === 'string' || Array.isArray(value) ? (value as StringValue) : undefined;
}

interface StringFilter {
  Value?: unknown;
  Comparison?: unknown;
}

function stringMatcher(field: string, filters: StringFilter[]): (v: StringValue) => boolean {
  const positive: ((s: string) => boolean)[] = [];
  const negative: ((s: string) => boolean)[] = [];
  for (const f of filters) {
    if (typeof f?.Value !== 'string' || typeof f.Comparison !== 'string') throw invalidInput(`Filter ${field} needs a Value and a Comparison.`);
    const value = f.Value;
    switch (f.Comparison) {
      case 'EQUALS':
        positive.push((s) => s === value);
        break;
      case 'PREFIX':
        positive.push((s) => s.startsWith(value));
        break;
      case 'CONTAINS':
        positive.push((s) => s.includes(value));
        break;
      case 'CONTAINS_WORD':
        positive.push((s) => s.split(/[^A-Za-z0-9_.-]+/).includes(value));
        break;
      case 'NOT_EQUALS':
        negative.push((s) => s === value);
        break;
      case 'PREFIX_NOT_EQUALS':
        negative.push((s) => s.startsWith(value));
        break;
      case 'NOT_CONTAINS':
        negative.push((s) => s.includes(value));
        break;
      default:
        throw invalidInput(`Invalid Comparison '${f.Comparison}' for filter ${field}.`);
    }
  }
  // AWS: positive comparisons on one field are OR'ed, negative ones AND'ed.
  return (v) => {
    const values = v === undefined ? [] : typeof v === 'string' ? [v] : v;
    if (positive.length > 0 && !values.some((s) => positive.some((m) => m(s)))) return false;
    if (negative.length > 0 && values.some((s) => negative.some((m) => m(s)))) return false;
    return true;
  };
}

interface DateWindow {
  lo: number;
  hi: number;
}

function dateWindows(field: string, filters: unknown[], nowMs: number): DateWindow[] {
  return filters.map((raw) => {
    const f = raw as { Start?: unknown; End?: unknown; DateRange?: { Value?: unknown; Unit?: unknown; Comparison?: unknown } };
    if (f?.DateRange) {
      const { Value, Unit, Comparison } = f.DateRange;
      if (typeof Value !== 'number' || Value < 0 || Unit !== 'DAYS') throw invalidInput(`Invalid DateRange for filter ${field}: Value must be a number and Unit DAYS.`);
      const edge = nowMs - Value * DAY_MS;
      if (Comparison === 'OLDER_THAN') return { lo: Number.MIN_SAFE_INTEGER, hi: edge };
      if (Comparison !== undefined && Comparison !== 'WITHIN') throw invalidInput(`Invalid DateRange Comparison '${String(Comparison)}' for filter ${field}.`);
      return { lo: edge, hi: Number.MAX_SAFE_INTEGER };
    }
    const parse = (v: unknown, name: string) => {
      if (v === undefined) return undefined;
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      if (!Number.isFinite(ms)) throw invalidInput(`Invalid ${name} '${String(v)}' for filter ${field}: expected an ISO 8601 date.`);
      return ms;
    };
    const start = parse(f?.Start, 'Start');
    const end = parse(f?.End, 'End');
    if (start === undefined && end === undefined) throw invalidInput(`Filter ${field} needs Start/End or DateRange.`);
    return { lo: start ?? Number.MIN_SAFE_INTEGER, hi: end ?? Number.MAX_SAFE_INTEGER };
  });
}

interface CompiledFilters {
  /** False when a partition-level filter (account, region) excludes everything. */
  partitionMatches: boolean;
  /** Bounds of the UpdatedAt windows, for the cursor scan. */
  updatedLo: number;
  updatedHi: number;
  predicate: (c: FindingCore) => boolean;
}

function compileFilters(p: Partition, raw: unknown, nowMs: number): CompiledFilters {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) throw invalidInput('Filters must be an object.');
  const checks: ((c: FindingCore) => boolean)[] = [];
  let partitionMatches = true;
  let updatedLo = Number.MIN_SAFE_INTEGER;
  let updatedHi = Number.MAX_SAFE_INTEGER;
  for (const [field, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw invalidInput(`Filter ${field} must be a list.`);
    if (value.length === 0) continue;
    if (value.length > 20) throw invalidInput(`Filter ${field} has more than 20 values.`);
    const getter = STRING_FIELDS[field];
    if (getter) {
      const match = stringMatcher(field, value as StringFilter[]);
      if (PARTITION_FIELDS.has(field)) partitionMatches &&= match(getter(p, undefined as unknown as FindingCore));
      else checks.push((c) => match(getter(p, c)));
      continue;
    }
    const dateOf = DATE_FIELDS[field];
    if (dateOf) {
      const windows = dateWindows(field, value, nowMs);
      if (field === 'UpdatedAt') {
        updatedLo = Math.min(...windows.map((w) => w.lo));
        updatedHi = Math.max(...windows.map((w) => w.hi));
      }
      checks.push((c) => {
        const t = dateOf(c);
        return windows.some((w) => t >= w.lo && t <= w.hi);
      });
      continue;
    }
    if (field === 'SeverityNormalized') {
      const ranges = value as { Gte?: number; Lte?: number; Eq?: number; Gt?: number; Lt?: number }[];
      const normalized = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };
      checks.push((c) => {
        const n = normalized[severityOf(c)];
        return ranges.some((r) => (r.Eq === undefined || n === r.Eq) && (r.Gte === undefined || n >= r.Gte) && (r.Lte === undefined || n <= r.Lte) && (r.Gt === undefined || n > r.Gt) && (r.Lt === undefined || n < r.Lt));
      });
      continue;
    }
    if (field === 'ResourceTags') {
      const tagFilters = value as { Key?: string; Value?: string; Comparison?: string }[];
      checks.push((c) => {
        const tags = p.resource(c.block, c.resourceIndex).tags;
        return tagFilters.every((f) => {
          const equal = f.Key !== undefined && tags[f.Key] === f.Value;
          if (f.Comparison === 'EQUALS') return equal;
          if (f.Comparison === 'NOT_EQUALS') return !equal;
          throw invalidInput(`Invalid Comparison '${String(f.Comparison)}' for filter ResourceTags.`);
        });
      });
      continue;
    }
    throw invalidInput(`Filter ${field} is not supported by the Safeguards local endpoint.`);
  }
  return { partitionMatches, updatedLo, updatedHi, predicate: (c) => checks.every((check) => check(c)) };
}

interface CursorPayload {
  /** Snapshot (mutation sequence) the paging session reads. */
  s: number;
  /** Scenario time at the first page: relative DateRanges stay fixed while paging. */
  n: number;
  t: number;
  b: number;
}

/**
 * The GetFindings response: each finding's JSON written once into one Buffer. Joining the
 * page's ~250 KB of strings and then encoding the result cost about 3 ms of CPU a page,
 * 2.5 times the rest of the response (bench/RESULTS.md).
 */
function findingsBody(findings: string[], token: string | undefined): Buffer {
  const head = '{"Findings":[';
  const tail = `]${token ? `,"NextToken":${JSON.stringify(token)}` : ''}}`;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit; the unused rest is never sent.
  const body = Buffer.allocUnsafe(3 * findings.reduce((n, f) => n + f.length + 1, head.length + tail.length));
  let offset = body.write(head, 0);
  findings.forEach((finding, i) => {
    if (i > 0) body[offset++] = 0x2c; // ,
    offset += body.write(finding, offset);
  });
  offset += body.write(tail, offset);
  return body.subarray(0, offset);
}

export class SecurityHubService {
  constructor(
    private readonly org: Organization,
    private readonly findings: FindingsStore,
    private readonly scenarios: ScenarioControls,
    private readonly tokens: NextTokenCodec,
  ) {}

  handle(req: ServiceRequest): ServiceResponse {
    if (req.operation !== 'GetFindings') throw new AwsServiceError('UnknownOperationException', `Operation ${req.operation} is not supported by this endpoint.`, 404);
    if (req.caller.kind !== 'session') throw new Error('securityhub: caller must be a session');
    let input: Record<string, unknown>;
    try {
      input = req.body.length === 0 ? {} : (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
    } catch {
      throw new AwsServiceError('SerializationException', 'Could not parse the request body as JSON.', 400);
    }
    const accountId = req.caller.session.accountId;
    const partition = this.org.partition(accountId, req.region);
    if (!partition) throw new AwsServiceError('InvalidAccessException', `Account ${accountId} is not subscribed to AWS Security Hub`, 401);

    const maxResults = input.MaxResults ?? 100;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw invalidInput(`Invalid MaxResults value ${String(maxResults)}: it must be an integer from 1 to 100.`);
    }
    const ascending = this.sortAscending(input.SortCriteria);
    const digest = paramsDigest({ f: input.Filters ?? null, s: input.SortCriteria ?? null });
    let cursor: CursorPayload | undefined;
    if (input.NextToken !== undefined && input.NextToken !== null && input.NextToken !== '') {
      cursor = typeof input.NextToken === 'string' ? this.tokens.decode<CursorPayload>('GetFindings', digest, input.NextToken) : undefined;
      if (!cursor) throw invalidInput('The NextToken is invalid or does not belong to these filters and sort criteria.');
    }
    const snapshotSeq = cursor?.s ?? this.findings.currentSeq;
    const nowMs = cursor?.n ?? this.scenarios.nowMs();
    const filters = compileFilters(partition, input.Filters, nowMs);

    let items: FindingCore[] = [];
    let next: SortKey | undefined;
    if (filters.partitionMatches) {
      const query: FindingQuery = {
        snapshotSeq,
        ascending,
        after: cursor ? { t: cursor.t, b: cursor.b } : undefined,
        loMs: filters.updatedLo,
        hiMs: filters.updatedHi,
        limit: maxResults,
        scanBudget: SCAN_BUDGET,
        predicate: filters.predicate,
      };
      ({ items, next } = this.findings.query(partition, query));
    }

    const malformed = this.scenarios.malformedRule({ service: 'securityhub', operation: 'GetFindings', accountId, region: req.region });
    const parts = items.map((core) =>
      malformed && malformed.mode !== 'invalid-json' && core.ordinal % malformed.every === 0
        ? JSON.stringify(malformFinding(renderFinding(partition, core), malformed.mode))
        : serializeFinding(partition, core),
    );
    const token = next ? this.tokens.encode('GetFindings', digest, { s: snapshotSeq, n: nowMs, t: next.t, b: next.b } satisfies CursorPayload) : undefined;
    let body = findingsBody(parts, token);
    if (malformed?.mode === 'invalid-json') body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': req.requestId }, body };
  }

  private sortAscending(raw: unknown): boolean {
    if (raw === undefined || raw === null) return false; // newest first when unspecified
    if (!Array.isArray(raw)) throw invalidInput('SortCriteria must be a list.');
    if (raw.length === 0) return false;
    if (raw.length > 1) throw invalidInput('The Safeguards local endpoint sorts by one field only (UpdatedAt).');
    const { Field, SortOrder } = raw[0] as { Field?: unknown; SortOrder?: unknown };
    if (Field !== 'UpdatedAt') throw invalidInput(`Sorting by '${String(Field)}' is not supported by the Safeguards local endpoint; use UpdatedAt.`);
    if (SortOrder !== undefined && SortOrder !== 'asc' && SortOrder !== 'desc') throw invalidInput(`Invalid SortOrder '${String(SortOrder)}'.`);
    return SortOrder === 'asc';
  }
}
