// Posture evaluation: pure functions from evidence, catalog, exclusions and
// attestations to control statuses. Rules: RULES.md.

export * from './types';
export { isSuppressedInSecurityHub, normalizeOutcome, outcomeOf } from './normalize';
export {
  catalogIndex,
  controlsForEvidence,
  isManualControl,
  mapEvidenceToControls,
  type CatalogIndex,
  type EvidenceMapping,
  type MappedRecord,
} from './map-evidence';
export {
  complianceScore,
  currentResourceIds,
  evaluatePosture,
  isAttestationActive,
  isExclusionActive,
  staleExclusions,
  type PostureInput,
} from './evaluate';
