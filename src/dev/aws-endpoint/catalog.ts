// The slice of the project's reference lists the generator needs: which Security Hub
// controls and which Config managed rules apply to each CloudFormation resource type.
// Real ids only: everything comes from src/server/catalog/reference.ts.
import {
  asffResourceType,
  CONFIG_MANAGED_RULES,
  SECURITY_HUB_CONTROLS,
  type ConfigRuleRef,
  type SecurityHubControlRef,
} from '@/server/catalog/reference';

export type { ConfigRuleRef, SecurityHubControlRef };
export { asffResourceType };

export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

/** Types whose resources (and controls) live in one region only: IAM and edge services. */
const GLOBAL_RESOURCE_TYPES = new Set([
  'AWS::IAM::User',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::Group',
  'AWS::CloudFront::Distribution',
  'AWS::WAF::WebACL',
]);

export function isGlobalResourceType(cfnType: string): boolean {
  return GLOBAL_RESOURCE_TYPES.has(cfnType);
}

/** Account-level IAM checks (root MFA, password policy...) are global: evaluated once. */
export function isGlobalControl(control: SecurityHubControlRef): boolean {
  return isGlobalResourceType(control.resourceType) || (control.resourceType === ACCOUNT_RESOURCE_TYPE && control.id.startsWith('IAM.'));
}

export function isGlobalRule(rule: ConfigRuleRef): boolean {
  return rule.resourceTypes.every((t) => isGlobalResourceType(t)) || (rule.resourceTypes.includes(ACCOUNT_RESOURCE_TYPE) && /^(IAM_|ROOT_|ACCESS_KEYS|MFA_)/.test(rule.identifier));
}

export interface ResourceTypeChecks {
  cfnType: string;
  asffType: string;
  controls: SecurityHubControlRef[];
  rules: ConfigRuleRef[];
}

let cached: { byType: Map<string, ResourceTypeChecks>; controls: readonly SecurityHubControlRef[]; rules: readonly ConfigRuleRef[] } | undefined;

/** Every resource type that has at least one control or rule, with its checks (stable order). */
export function checksByResourceType(): Map<string, ResourceTypeChecks> {
  if (!cached) {
    const byType = new Map<string, ResourceTypeChecks>();
    const entry = (cfnType: string) => {
      let e = byType.get(cfnType);
      if (!e) {
        e = { cfnType, asffType: asffResourceType(cfnType), controls: [], rules: [] };
        byType.set(cfnType, e);
      }
      return e;
    };
    for (const control of SECURITY_HUB_CONTROLS) entry(control.resourceType).controls.push(control);
    for (const rule of CONFIG_MANAGED_RULES) for (const t of rule.resourceTypes) entry(t).rules.push(rule);
    cached = { byType, controls: SECURITY_HUB_CONTROLS, rules: CONFIG_MANAGED_RULES };
  }
  return cached.byType;
}

export function allControls(): readonly SecurityHubControlRef[] {
  return SECURITY_HUB_CONTROLS;
}

export function allConfigRules(): readonly ConfigRuleRef[] {
  return CONFIG_MANAGED_RULES;
}

export function controlById(id: string): SecurityHubControlRef | undefined {
  return SECURITY_HUB_CONTROLS.find((c) => c.id === id);
}
