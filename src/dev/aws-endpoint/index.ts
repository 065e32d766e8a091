// Public API of the local AWS-compatible endpoint (STS, AWS Config, Security Hub).
export { startAwsEndpoint, type AwsEndpoint, type AwsEndpointOptions } from './server';
export {
  demoOrganization,
  generateOrganization,
  Organization,
  type AccountPosture,
  type AccountSpec,
  type OrgAccount,
  type OrganizationSpec,
} from './generator';
export { DEMO_MANAGEMENT_KEYS, type AccessKeyPair, type ManagementPrincipal } from './credentials';
export {
  ScenarioControls,
  type CallStats,
  type FindingSummary,
  type ScenarioEffect,
  type ScenarioMatch,
  type ScenarioRule,
} from './scenarios';
export { AWS_RATE_LIMITS, type RateLimit } from './rate-limiter';
export { ADMIN_PATH, ADMIN_TOKEN_HEADER } from './admin';
export type { ComplianceStatus, ConfigComplianceType, RecordState, WorkflowStatus } from './partition';
