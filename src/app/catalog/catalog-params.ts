// Reading catalog pages' query parameters (`?version=`, `?q=`) and building their links.
import { catalogVersions, getCatalog, LATEST_CATALOG_VERSION, type CatalogVersion } from '@/server/catalog';

export type SearchParams = Record<string, string | string[] | undefined>;

export function firstParam(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

export interface ResolvedVersion {
  catalog: CatalogVersion;
  isLatest: boolean;
  /** The version asked for when it does not exist (the latest is shown instead). */
  unknown?: string;
}

export function resolveVersion(raw: string | string[] | undefined): ResolvedVersion {
  const asked = firstParam(raw);
  const catalog = (asked && getCatalog(asked)) || getCatalog(LATEST_CATALOG_VERSION)!;
  return { catalog, isLatest: catalog.version === LATEST_CATALOG_VERSION, unknown: asked && asked !== catalog.version ? asked.slice(0, 40) : undefined };
}

/** "September 2022" from the revision's title. */
export function revisionLabel(catalog: CatalogVersion): string {
  return /\(([^)]+)\)\s*$/.exec(catalog.title)?.[1] ?? catalog.version;
}

export const REVISIONS = catalogVersions.map((c) => ({ version: c.version, label: revisionLabel(c), isLatest: c.version === LATEST_CATALOG_VERSION }));

/** Adds `?version=` only for a revision other than the latest, so latest links stay canonical. */
export function withVersion(path: string, version: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (version !== LATEST_CATALOG_VERSION) params.set('version', version);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export const serviceHref = (serviceId: string, version: string) => withVersion(`/catalog/services/${encodeURIComponent(serviceId)}`, version);
export const controlHref = (controlId: string, version: string) => withVersion(`/catalog/controls/${encodeURIComponent(controlId)}`, version);

export const MATCH_LABELS = {
  service: 'service',
  'control-id': 'control id',
  'control-text': 'control text',
  'hipaa-citation': 'HIPAA citation',
  'security-hub-control': 'Security Hub control',
  'config-rule': 'Config rule',
} as const;
