// Which catalog controls a piece of evidence tests. A Security Hub record matches
// controls listing its control id in `evidence.securityHubControlIds`; a Config
// record matches controls listing its rule identifier in
// `evidence.configRuleIdentifiers`. Matching is exact (ids are case-sensitive in
// AWS). Records matching nothing are returned as unmapped, never dropped.

import type { CatalogControl, CatalogService, CatalogVersion } from '@/server/catalog/types';
import type { EvidenceRecord, EvidenceSource } from './types';

export interface CatalogIndex {
  catalog: CatalogVersion;
  services: readonly CatalogService[];
  controlsById: ReadonlyMap<string, CatalogControl>;
  /** Per source, evidence key → the controls it tests (each control once, in catalog order). */
  controlsByEvidenceKey: Readonly<Record<EvidenceSource, ReadonlyMap<string, readonly CatalogControl[]>>>;
}

export interface MappedRecord {
  record: EvidenceRecord;
  controls: readonly CatalogControl[];
}

export interface EvidenceMapping {
  /** Records that test at least one control, in input order. */
  mapped: MappedRecord[];
  /** Records that test no control of the catalog (no evidence key, or a key no control lists), in input order. */
  unmapped: EvidenceRecord[];
}

const NO_CONTROLS: readonly CatalogControl[] = Object.freeze([]);

/** A control with neither Security Hub nor Config evidence can only be attested. */
export function isManualControl(control: CatalogControl): boolean {
  return control.evidence.securityHubControlIds.length === 0 && control.evidence.configRuleIdentifiers.length === 0;
}

// Catalogs are immutable data, so the index is built once per catalog object.
const indexCache = new WeakMap<CatalogVersion, CatalogIndex>();

export function catalogIndex(catalog: CatalogVersion): CatalogIndex {
  const cached = indexCache.get(catalog);
  if (cached) return cached;

  const controlsById = new Map<string, CatalogControl>();
  const controlsByEvidenceKey = {
    securityhub: new Map<string, CatalogControl[]>(),
    config: new Map<string, CatalogControl[]>(),
  };
  const addEvidenceKey = (source: EvidenceSource, key: string, control: CatalogControl) => {
    const controls = controlsByEvidenceKey[source].get(key);
    if (!controls) controlsByEvidenceKey[source].set(key, [control]);
    else if (!controls.includes(control)) controls.push(control);
  };
  for (const service of catalog.services) {
    for (const control of service.controls) {
      if (controlsById.has(control.id)) throw new Error(`Catalog ${catalog.version}: duplicate control id ${control.id}`);
      if (control.serviceId !== service.id) {
        throw new Error(`Catalog ${catalog.version}: control ${control.id} is listed under ${service.id} but says ${control.serviceId}`);
      }
      controlsById.set(control.id, control);
      for (const key of control.evidence.securityHubControlIds) addEvidenceKey('securityhub', key, control);
      for (const key of control.evidence.configRuleIdentifiers) addEvidenceKey('config', key, control);
    }
  }

  const index: CatalogIndex = { catalog, services: catalog.services, controlsById, controlsByEvidenceKey };
  indexCache.set(catalog, index);
  return index;
}

export function controlsForEvidence(
  index: CatalogIndex,
  source: EvidenceSource,
  evidenceKey: string | null,
): readonly CatalogControl[] {
  if (evidenceKey === null) return NO_CONTROLS;
  return index.controlsByEvidenceKey[source].get(evidenceKey) ?? NO_CONTROLS;
}

export function mapEvidenceToControls(records: Iterable<EvidenceRecord>, catalog: CatalogVersion): EvidenceMapping {
  const index = catalogIndex(catalog);
  const mapping: EvidenceMapping = { mapped: [], unmapped: [] };
  for (const record of records) {
    const controls = controlsForEvidence(index, record.source, record.evidenceKey);
    if (controls.length === 0) mapping.unmapped.push(record);
    else mapping.mapped.push({ record, controls });
  }
  return mapping;
}
