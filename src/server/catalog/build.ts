// Turns shared service definitions plus a revision's list of section headings into a CatalogVersion.
// Guidance that is the same in both revisions is written once (in data/); a revision only lists
// the sections it has and overrides what it says differently.

import type { ControlSpec, ServiceDefinition } from './builders';
import { SERVICE_DEFINITIONS } from './data';
import type { CatalogControl, CatalogService, CatalogVersion } from './types';

/** How a revision's section differs from the shared definition. */
export interface SectionOverrides {
  name?: string;
  summary?: string;
  mayHoldPhi?: boolean;
  /** Safeguards (the `<SAFEGUARD>` part of the id) this revision does not ask for. */
  omit?: string[];
  /** Requirement text that differs in this revision, by safeguard. */
  requirements?: Record<string, string>;
  /** Safeguards only this revision asks for. */
  add?: ControlSpec[];
}

export interface RevisionSection {
  serviceId: string;
  /** The heading exactly as it appears in this revision of the paper. */
  heading: string;
  overrides?: SectionOverrides;
}

export interface RevisionSpec {
  version: string;
  title: string;
  /** Heading of the cross-cutting auditing/backup/DR section in this revision. */
  auditingHeading: string;
  sections: RevisionSection[];
}

export function controlId(def: Pick<ServiceDefinition, 'code'>, safeguard: string): string {
  return `${def.code}-${safeguard}`;
}

function buildControl(def: ServiceDefinition, spec: ControlSpec, heading: string, revision: RevisionSpec, requirement?: string): CatalogControl {
  const control: CatalogControl = {
    id: controlId(def, spec.safeguard),
    serviceId: def.id,
    family: spec.family,
    title: spec.title,
    requirement: requirement ?? spec.requirement,
    whitepaperSection: spec.fromAuditingSection ? revision.auditingHeading : heading,
    hipaaCitations: [...spec.hipaaCitations],
    evidence: {
      securityHubControlIds: [...spec.securityHubControlIds],
      configRuleIdentifiers: [...spec.configRuleIdentifiers],
    },
    phiRelated: spec.phiRelated,
    defaultSeverity: spec.defaultSeverity,
  };
  if (spec.origin !== 'whitepaper') control.origin = spec.origin;
  if (spec.awsManaged) control.awsManaged = true;
  return control;
}

function buildService(section: RevisionSection, revision: RevisionSpec): CatalogService {
  const def = SERVICE_DEFINITIONS.get(section.serviceId);
  if (!def) throw new Error(`${revision.version}: no service definition for "${section.serviceId}"`);
  const o = section.overrides ?? {};
  const omitted = new Set(o.omit ?? []);
  for (const safeguard of [...omitted, ...Object.keys(o.requirements ?? {})]) {
    const known = def.controls.some((c) => c.safeguard === safeguard);
    if (!known) throw new Error(`${revision.version}: ${def.id} has no safeguard ${safeguard} to override`);
  }
  const specs = [...def.controls.filter((c) => !omitted.has(c.safeguard)), ...(o.add ?? [])];
  return {
    id: def.id,
    name: o.name ?? def.name,
    whitepaperSection: section.heading,
    mayHoldPhi: o.mayHoldPhi ?? def.mayHoldPhi,
    summary: o.summary ?? def.summary,
    resourceTypes: [...def.resourceTypes],
    controls: specs.map((spec) => buildControl(def, spec, section.heading, revision, o.requirements?.[spec.safeguard])),
  };
}

export function buildCatalog(revision: RevisionSpec): CatalogVersion {
  return {
    version: revision.version,
    title: revision.title,
    services: revision.sections.map((s) => buildService(s, revision)),
  };
}
