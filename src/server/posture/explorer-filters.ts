// The findings explorer's view as URL parameters: which tab, filters, sort and page. Pure
// (no database, no catalog data), so the client component reads and writes the same URLs the
// server parses; the server passes the catalog to check service and control ids.
import type { Severity } from './types';
import { NUL_CHARACTER_MESSAGE } from '@/server/storable-text';

export const EXPLORER_TABS = ['findings', 'config'] as const;
export type ExplorerTab = (typeof EXPLORER_TABS)[number];

export const FINDING_STATUSES = ['FAILED', 'PASSED', 'WARNING', 'NOT_AVAILABLE', 'NONE'] as const;
export const CONFIG_STATUSES = ['NON_COMPLIANT', 'COMPLIANT', 'INSUFFICIENT_DATA', 'NOT_APPLICABLE'] as const;
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
export const RECORD_STATES = ['active', 'archived', 'all'] as const;
export type RecordStateFilter = (typeof RECORD_STATES)[number];

export const FINDING_SORTS = ['severity', 'updated', 'account', 'region', 'title', 'status', 'control', 'resource'] as const;
export const CONFIG_SORTS = ['recorded', 'account', 'region', 'rule', 'status', 'resource'] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** The CSV export stops after this many rows. */
export const EXPORT_LIMIT = 100_000;

export interface ExplorerFilters {
  tab: ExplorerTab;
  account?: string;
  region?: string;
  service?: string;
  control?: string;
  citation?: string;
  status?: string;
  severity: Severity[];
  product?: string;
  /** Free text: title, resource id or finding id (findings); rule name, resource or annotation (Config). */
  q?: string;
  resource?: string;
  state: RecordStateFilter;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  size: number;
}

export const DEFAULT_SORT: Record<ExplorerTab, { sort: string; dir: 'asc' | 'desc' }> = {
  findings: { sort: 'severity', dir: 'desc' },
  config: { sort: 'recorded', dir: 'desc' },
};

export function defaultExplorerFilters(tab: ExplorerTab = 'findings'): ExplorerFilters {
  return { tab, severity: [], state: 'active', ...DEFAULT_SORT[tab], page: 1, size: DEFAULT_PAGE_SIZE };
}

/** A URL's query (URLSearchParams, Next's read-only search params) or a page's `searchParams` object. */
export type ParamSource = Pick<URLSearchParams, 'get'> | Record<string, string | string[] | undefined>;

function getParam(source: ParamSource, name: string): string {
  const raw = typeof source.get === 'function' ? (source as Pick<URLSearchParams, 'get'>).get(name) : (source as Record<string, string | string[] | undefined>)[name];
  return ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
}

const HIPAA_CITATION_HINT = 'Give at least 3 characters of a citation, e.g. 164.312(a).';

/** A citation compared without spaces, "§" or the "45 CFR" prefix, so "164.312(a)" finds "45 CFR 164.312(a)(2)(iv)". */
export function compactCitation(s: string): string {
  return s.toLowerCase().replace(/§/g, '').replace(/^\s*45\s*c\.?f\.?r\.?/, '').replace(/\s+/g, '');
}

/** Which catalog ids exist; without it, any well-formed id is accepted (the server checks again). */
export interface CatalogIds {
  isService(id: string): boolean;
  isControl(id: string): boolean;
}

const WELL_FORMED: CatalogIds = {
  isService: (id) => /^[a-z0-9][a-z0-9-]{0,80}$/.test(id),
  isControl: (id) => /^[A-Z0-9][A-Z0-9-]{0,80}$/.test(id),
};

/**
 * Reads the explorer's filters from a URL's query. Invalid values are left out and reported in
 * `errors` (by parameter), so a stale shared link still shows something.
 */
export function parseExplorerFilters(source: ParamSource, catalog: CatalogIds = WELL_FORMED): { filters: ExplorerFilters; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const fail = (name: string, message: string) => (errors[name] = [...(errors[name] ?? []), message]);
  const param = (name: string): string => {
    const value = getParam(source, name);
    if (!value.includes('\u0000')) return value;
    fail(name, NUL_CHARACTER_MESSAGE);
    return '';
  };
  const tabRaw = param('tab');
  const tab: ExplorerTab = (EXPLORER_TABS as readonly string[]).includes(tabRaw) ? (tabRaw as ExplorerTab) : 'findings';
  if (tabRaw && tabRaw !== tab) fail('tab', 'Unknown tab.');
  const filters = defaultExplorerFilters(tab);

  const account = param('account');
  if (account) {
    if (/^\d{12}$/.test(account)) filters.account = account;
    else fail('account', 'An AWS account id has exactly 12 digits.');
  }
  const region = param('region');
  if (region) {
    if (/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) filters.region = region;
    else fail('region', 'Not an AWS region name.');
  }
  const service = param('service');
  if (service) {
    if (catalog.isService(service)) filters.service = service;
    else fail('service', `There is no service "${service.slice(0, 60)}" in the catalog.`);
  }
  const control = param('control');
  if (control) {
    if (catalog.isControl(control)) filters.control = control;
    else fail('control', `There is no control "${control.slice(0, 60)}" in the catalog.`);
  }
  const citation = param('citation');
  if (citation) {
    if (compactCitation(citation).length >= 3 && citation.length <= 60) filters.citation = citation;
    else fail('citation', HIPAA_CITATION_HINT);
  }
  const status = param('status').toUpperCase();
  if (status) {
    const allowed: readonly string[] = tab === 'findings' ? FINDING_STATUSES : CONFIG_STATUSES;
    if (allowed.includes(status)) filters.status = status;
    else fail('status', `Status is one of ${allowed.join(', ')}.`);
  }
  const severity = param('severity');
  if (severity) {
    for (const s of severity.toUpperCase().split(',').map((x) => x.trim()).filter(Boolean)) {
      if ((SEVERITIES as readonly string[]).includes(s)) {
        if (!filters.severity.includes(s as Severity)) filters.severity.push(s as Severity);
      } else fail('severity', `Unknown severity "${s.slice(0, 20)}".`);
    }
    filters.severity.sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b));
  }
  const product = param('product');
  if (product) {
    if (product.length <= 100) filters.product = product;
    else fail('product', 'Product names are at most 100 characters.');
  }
  const q = param('q');
  if (q) {
    if (q.length <= 200) filters.q = q;
    else fail('q', 'Search text is at most 200 characters.');
  }
  const resource = param('resource');
  if (resource) {
    if (resource.length <= 2048) filters.resource = resource;
    else fail('resource', 'Resource ids are at most 2048 characters.');
  }
  const state = param('state');
  if (state) {
    if ((RECORD_STATES as readonly string[]).includes(state)) filters.state = state as RecordStateFilter;
    else fail('state', 'State is active, archived or all.');
  }
  const sort = param('sort');
  if (sort) {
    const allowed: readonly string[] = tab === 'findings' ? FINDING_SORTS : CONFIG_SORTS;
    if (allowed.includes(sort)) filters.sort = sort;
    else fail('sort', `Sort by one of ${allowed.join(', ')}.`);
  }
  const dir = param('dir');
  if (dir) {
    if (dir === 'asc' || dir === 'desc') filters.dir = dir;
    else fail('dir', 'Direction is asc or desc.');
  }
  const page = param('page');
  if (page) {
    const n = Number(page);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) filters.page = n;
    else fail('page', 'Pages are whole numbers from 1.');
  }
  const size = param('size');
  if (size) {
    const n = Number(size);
    if ((PAGE_SIZES as readonly number[]).includes(n)) filters.size = n;
    else fail('size', `Page size is one of ${PAGE_SIZES.join(', ')}.`);
  }
  return { filters, errors };
}

/** The canonical query string of a view: defaults left out, a stable order. */
export function explorerQueryString(filters: ExplorerFilters, overrides: Partial<ExplorerFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const params = new URLSearchParams();
  const defaults = defaultExplorerFilters(f.tab);
  if (f.tab !== 'findings') params.set('tab', f.tab);
  for (const key of ['account', 'region', 'service', 'control', 'citation', 'status'] as const) if (f[key]) params.set(key, f[key]);
  if (f.severity.length > 0) params.set('severity', f.severity.join(','));
  for (const key of ['product', 'q', 'resource'] as const) if (f[key]) params.set(key, f[key]);
  if (f.state !== defaults.state) params.set('state', f.state);
  if (f.sort !== defaults.sort || f.dir !== defaults.dir) {
    params.set('sort', f.sort);
    params.set('dir', f.dir);
  }
  if (f.page !== 1) params.set('page', String(f.page));
  if (f.size !== defaults.size) params.set('size', String(f.size));
  return params.toString();
}

/** Whether any filter (not sort or paging) narrows the view. */
export function hasFilters(f: ExplorerFilters): boolean {
  return Boolean(f.account || f.region || f.service || f.control || f.citation || f.status || f.severity.length || f.product || f.q || f.resource || f.state !== 'active');
}
