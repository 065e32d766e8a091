// Exclusions: "this resource is knowingly outside this control, for this reason, until this date".
// Rules in exclusion-rules.ts; one use case per file.
export * from './exclusion-rules';
export { resolveExclusionTarget, type ExclusionTarget } from './exclusion-target';
export { requestExclusion, requestExclusionSchema, type RequestExclusionInput } from './request-exclusion';
export { decideExclusion, decideExclusionSchema, type DecideExclusionInput } from './decide-exclusion';
export { revokeExclusion, revokeExclusionSchema, type RevokeExclusionInput } from './revoke-exclusion';
export { expireExclusions } from './expire-exclusions';
export { markStaleExclusions } from './mark-stale-exclusions';
export { runExclusionMaintenance, reportedResourceIds, type ExclusionMaintenanceResult } from './maintenance';
export { activeExclusions } from './active-exclusions';
export { listExclusions, listExclusionsSchema, EXCLUSIONS_PAGE_SIZE, type ExclusionFilters, type ExclusionRow } from './list-exclusions';
export { exclusionInbox, type ExclusionInbox } from './exclusion-inbox';
export { exclusionHistory, type ExclusionDetails, type ExclusionEventView } from './exclusion-history';
export { exclusionAccounts } from './exclusion-accounts';
