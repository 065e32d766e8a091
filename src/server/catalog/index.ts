// Read access to the control catalog: versions, lookups by id and by evidence source, search,
// and the difference between two revisions. Lookup tables are built once at module load, so
// every lookup is a map access.

import { catalog2019 } from './catalog-2019';
import { catalog2022 } from './catalog-2022';
import type { CatalogControl, CatalogService, CatalogVersion } from './types';

export type * from './types';
export { catalog2019, catalog2022 };

/** Newest first. */
export const catalogVersions: readonly CatalogVersion[] = [catalog2022, catalog2019];

export const LATEST_CATALOG_VERSION = catalog2022.version;

interface VersionIndex {
  services: ReadonlyMap<string, CatalogService>;
  controls: ReadonlyMap<string, CatalogControl>;
  bySecurityHubControl: ReadonlyMap<string, readonly CatalogControl[]>;
  byConfigRule: ReadonlyMap<string, readonly CatalogControl[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexVersion(catalog: CatalogVersion): VersionIndex {
  const services = new Map<string, CatalogService>();
  const controls = new Map<string, CatalogControl>();
  const bySecurityHubControl = new Map<string, CatalogControl[]>();
  const byConfigRule = new Map<string, CatalogControl[]>();
  for (const service of catalog.services) {
    if (services.has(service.id)) throw new Error(`${catalog.version}: duplicate service id ${service.id}`);
    services.set(service.id, service);
    for (const control of service.controls) {
      if (controls.has(control.id)) throw new Error(`${catalog.version}: duplicate control id ${control.id}`);
      controls.set(control.id, control);
      // Security Hub ids are matched case-insensitively ("s3.5" finds S3.5).
      for (const id of control.evidence.securityHubControlIds) pushTo(bySecurityHubControl, id.toUpperCase(), control);
      for (const rule of control.evidence.configRuleIdentifiers) pushTo(byConfigRule, rule, control);
    }
  }
  return { services, controls, bySecurityHubControl, byConfigRule };
}

const INDEXES: ReadonlyMap<string, VersionIndex> = new Map(catalogVersions.map((c) => [c.version, indexVersion(c)]));
const CATALOGS: ReadonlyMap<string, CatalogVersion> = new Map(catalogVersions.map((c) => [c.version, c]));

function indexFor(version: string): VersionIndex {
  const index = INDEXES.get(version);
  if (!index) throw new Error(`Unknown catalog version "${version}" (known: ${[...INDEXES.keys()].join(', ')})`);
  return index;
}

export function getCatalog(version: string): CatalogVersion | undefined {
  return CATALOGS.get(version);
}

export function findService(id: string, version: string = LATEST_CATALOG_VERSION): CatalogService | undefined {
  return indexFor(version).services.get(id);
}

export function findControl(id: string, version: string = LATEST_CATALOG_VERSION): CatalogControl | undefined {
  return indexFor(version).controls.get(id);
}

const NONE: readonly CatalogControl[] = Object.freeze([]);

/** Catalog controls a Security Hub control (e.g. `SQS.1`) is evidence for. */
export function controlsForSecurityHubControl(id: string, version: string = LATEST_CATALOG_VERSION): readonly CatalogControl[] {
  return indexFor(version).bySecurityHubControl.get(id.trim().toUpperCase()) ?? NONE;
}

/** Catalog controls an AWS Config managed rule (e.g. `S3_BUCKET_SSL_REQUESTS_ONLY`) is evidence for. */
export function controlsForConfigRule(identifier: string, version: string = LATEST_CATALOG_VERSION): readonly CatalogControl[] {
  return indexFor(version).byConfigRule.get(identifier.trim().toUpperCase()) ?? NONE;
}

/** A control nothing checks automatically: it is assessed by people (attestation, review). */
export function isManual(control: CatalogControl): boolean {
  return control.evidence.securityHubControlIds.length === 0 && control.evidence.configRuleIdentifiers.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Search

export type SearchMatch = 'service' | 'control-id' | 'control-text' | 'hipaa-citation' | 'security-hub-control' | 'config-rule';

export interface SearchHit {
  service: CatalogService;
  /** Absent when the service itself matched (by name, id or section heading). */
  control?: CatalogControl;
  matchedOn: SearchMatch;
}

const normalize = (s: string) => s.toLowerCase().replace(/§/g, '').replace(/\s+/g, ' ').trim();
/** Citations are compared without spaces or the "45 CFR" prefix, so "164.312(b)" finds "45 CFR 164.312(b)". */
const compactCitation = (s: string) => normalize(s).replace(/^45\s*c\.?f\.?r\.?/, '').replace(/\s+/g, '');

/**
 * Finds services and controls by service name/id/section, control id or text, HIPAA citation,
 * Security Hub control id or Config rule identifier. Exact id matches come first.
 */
export function searchCatalog(query: string, version: string = LATEST_CATALOG_VERSION): SearchHit[] {
  const q = normalize(query);
  if (!q) return [];
  const catalog = CATALOGS.get(version);
  if (!catalog) throw new Error(`Unknown catalog version "${version}"`);
  const qCitation = compactCitation(query);
  const exact: SearchHit[] = [];
  const partial: SearchHit[] = [];

  for (const service of catalog.services) {
    if ([service.name, service.id, service.whitepaperSection].some((s) => normalize(s).includes(q))) {
      (normalize(service.id) === q ? exact : partial).push({ service, matchedOn: 'service' });
    }
    for (const control of service.controls) {
      const hit = (matchedOn: SearchMatch, isExact: boolean) => (isExact ? exact : partial).push({ service, control, matchedOn });
      const id = normalize(control.id);
      if (id.includes(q)) {
        hit('control-id', id === q);
        continue;
      }
      const sh = control.evidence.securityHubControlIds.find((x) => normalize(x) === q);
      if (sh) {
        hit('security-hub-control', true);
        continue;
      }
      const rule = control.evidence.configRuleIdentifiers.find((x) => normalize(x).includes(q));
      if (rule) {
        hit('config-rule', normalize(rule) === q);
        continue;
      }
      if (qCitation.length >= 3 && control.hipaaCitations.some((c) => compactCitation(c).startsWith(qCitation))) {
        hit('hipaa-citation', control.hipaaCitations.some((c) => compactCitation(c) === qCitation));
        continue;
      }
      if (q.length >= 3 && [control.title, control.requirement].some((s) => normalize(s).includes(q))) hit('control-text', false);
    }
  }
  return [...exact, ...partial];
}

// ---------------------------------------------------------------------------------------------
// Revision diff

/** Fields compared to decide whether a control changed between revisions. */
export const COMPARED_CONTROL_FIELDS = [
  'title',
  'requirement',
  'family',
  'hipaaCitations',
  'evidence',
  'phiRelated',
  'defaultSeverity',
  'awsManaged',
] as const;
export type ComparedControlField = (typeof COMPARED_CONTROL_FIELDS)[number];

export interface ControlChange {
  id: string;
  before: CatalogControl;
  after: CatalogControl;
  fields: ComparedControlField[];
}

export interface CatalogDiff {
  from: string;
  to: string;
  addedServices: CatalogService[];
  removedServices: CatalogService[];
  /** Services present in both whose section heading was renamed (e.g. "Amazon ECS" -> "Amazon Elastic Container Service"). */
  renamedSections: { serviceId: string; from: string; to: string }[];
  addedControls: CatalogControl[];
  removedControls: CatalogControl[];
  changedControls: ControlChange[];
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffCatalogs(from: CatalogVersion, to: CatalogVersion): CatalogDiff {
  const a = indexVersion(from);
  const b = indexVersion(to);
  const diff: CatalogDiff = {
    from: from.version,
    to: to.version,
    addedServices: to.services.filter((s) => !a.services.has(s.id)),
    removedServices: from.services.filter((s) => !b.services.has(s.id)),
    renamedSections: [],
    addedControls: [],
    removedControls: [],
    changedControls: [],
  };
  for (const service of to.services) {
    const before = a.services.get(service.id);
    if (before && before.whitepaperSection !== service.whitepaperSection) {
      diff.renamedSections.push({ serviceId: service.id, from: before.whitepaperSection, to: service.whitepaperSection });
    }
  }
  for (const [id, after] of b.controls) {
    const before = a.controls.get(id);
    if (!before) {
      diff.addedControls.push(after);
      continue;
    }
    const fields = COMPARED_CONTROL_FIELDS.filter((f) => !sameValue(before[f], after[f]));
    if (fields.length > 0) diff.changedControls.push({ id, before, after, fields });
  }
  for (const [id, before] of a.controls) if (!b.controls.has(id)) diff.removedControls.push(before);
  return diff;
}
