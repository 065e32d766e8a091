import { describe, expect, it } from 'vitest';
import {
  ASFF_MAPPED_RESOURCE_TYPES,
  CONFIG_MANAGED_RULES,
  CONFIG_RULES_BY_IDENTIFIER,
  SECURITY_HUB_CONTROLS,
  asffResourceType,
} from './reference';

describe('SECURITY_HUB_CONTROLS', () => {
  it('has unique, well-formed ids with a title, severity, resource type and AWS docs source', () => {
    const ids = SECURITY_HUB_CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SECURITY_HUB_CONTROLS) {
      expect(c.id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      expect(c.title.length).toBeGreaterThan(10);
      expect(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(c.severity);
      expect(c.resourceType).toMatch(/^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$/);
      expect(c.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/securityhub\/latest\/userguide\/[a-z0-9]+-controls\.html#[a-z0-9]+-\d+$/);
      // The anchor names the same control as the id.
      expect(c.source.endsWith(`-${c.id.split('.')[1]}`)).toBe(true);
    }
  });

  it('names only Config rules that are in CONFIG_MANAGED_RULES', () => {
    for (const c of SECURITY_HUB_CONTROLS) {
      if (c.configRule) expect(CONFIG_RULES_BY_IDENTIFIER.has(c.configRule), `${c.id} -> ${c.configRule}`).toBe(true);
    }
  });

  it('covers the services the catalog relies on', () => {
    const prefixes = new Set(SECURITY_HUB_CONTROLS.map((c) => c.id.split('.')[0]));
    for (const p of ['S3', 'SQS', 'SNS', 'RDS', 'DynamoDB', 'EC2', 'EFS', 'KMS', 'CloudTrail', 'ELB', 'CloudFront', 'Lambda', 'ElastiCache', 'Redshift', 'Opensearch', 'Kinesis', 'APIGateway', 'Backup', 'ECR', 'ECS', 'EKS', 'SageMaker', 'EMR', 'Neptune', 'CodeBuild', 'SecretsManager', 'WAF', 'GuardDuty', 'Config', 'IAM']) {
      expect(prefixes.has(p), p).toBe(true);
    }
  });
});

describe('CONFIG_MANAGED_RULES', () => {
  it('has unique UPPER_SNAKE identifiers, kebab-case names and doc links named after the rule', () => {
    const ids = CONFIG_MANAGED_RULES.map((r) => r.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CONFIG_MANAGED_RULES) {
      expect(r.identifier).toMatch(/^[A-Z0-9_]+$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.source).toBe(`https://docs.aws.amazon.com/config/latest/developerguide/${r.name}.html`);
      for (const t of r.resourceTypes) expect(t).toMatch(/^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$/);
    }
  });

  it('keeps the documented identifiers that differ from the rule name', () => {
    // These do not follow the upper-snake-of-the-name pattern; a "fix" that derives them would be wrong.
    expect(CONFIG_RULES_BY_IDENTIFIER.get('INCOMING_SSH_DISABLED')?.name).toBe('restricted-ssh');
    expect(CONFIG_RULES_BY_IDENTIFIER.get('RESTRICTED_INCOMING_TRAFFIC')?.name).toBe('restricted-common-ports');
    expect(CONFIG_RULES_BY_IDENTIFIER.get('CLOUD_TRAIL_ENABLED')?.name).toBe('cloudtrail-enabled');
    expect(CONFIG_RULES_BY_IDENTIFIER.get('EC2_INSTANCE_MANAGED_BY_SSM')?.name).toBe('ec2-instance-managed-by-systems-manager');
  });
});

describe('asffResourceType', () => {
  it('maps every resource type a Security Hub control reports on', () => {
    for (const c of SECURITY_HUB_CONTROLS) expect(asffResourceType(c.resourceType), c.resourceType).not.toBe('Other');
  });

  it('uses the ASFF spelling', () => {
    expect(asffResourceType('AWS::S3::Bucket')).toBe('AwsS3Bucket');
    expect(asffResourceType('AWS::SQS::Queue')).toBe('AwsSqsQueue');
    expect(asffResourceType('AWS::RDS::DBInstance')).toBe('AwsRdsDbInstance');
    expect(asffResourceType('AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe('AwsElbv2LoadBalancer');
    expect(asffResourceType('AWS::::Account')).toBe('AwsAccount');
    expect(asffResourceType('AWS::Made::Up')).toBe('Other');
    for (const t of ASFF_MAPPED_RESOURCE_TYPES) expect(asffResourceType(t)).toMatch(/^Aws[A-Za-z0-9]+$/);
  });
});
