// Synthetic AWS resources: for each CloudFormation type, how common it is and how its
// identifiers look (the Config `resourceId`, which differs per type, and the ARN that
// Security Hub findings carry in Resources[].Id). Every field is derived from
// (partition seed, type, index), so a resource is rebuilt whenever it is needed.
import { hexDigits, mixInts, mulberry32, pick, upperAlnum } from './prng';

export interface ResourceIdentity {
  /** AWS Config's resourceId (bucket name, `i-...`, queue URL, ARN... depending on type). */
  resourceId: string;
  /** AWS Config's resourceName, when the type has one. */
  resourceName?: string;
  /** The ARN (or ASFF id) Security Hub uses for the resource. */
  arn: string;
}

interface BuildContext {
  accountId: string;
  region: string;
  /** Human-ish name: `<env>-<purpose>-<nnnn>`. */
  name: string;
  random: () => number;
}

interface ResourceProfile {
  /** Relative abundance within an account-region. */
  weight: number;
  build(ctx: BuildContext): ResourceIdentity;
}

const uuid = (r: () => number) => {
  const h = hexDigits(r, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(r() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const regional = (service: string, resource: (c: BuildContext) => string) => (c: BuildContext) => `arn:aws:${service}:${c.region}:${c.accountId}:${resource(c)}`;

/** Types whose Config resourceId is the ARN itself. */
const arnIdentity = (weight: number, arn: (c: BuildContext) => string): ResourceProfile => ({
  weight,
  build: (c) => {
    const a = arn(c);
    return { resourceId: a, resourceName: c.name, arn: a };
  },
});

/** Types whose Config resourceId is the name. */
const nameIdentity = (weight: number, arn: (c: BuildContext) => string): ResourceProfile => ({
  weight,
  build: (c) => ({ resourceId: c.name, resourceName: c.name, arn: arn(c) }),
});

/** Types whose Config resourceId is a generated id like `vol-0abc...`. */
const generatedIdentity = (weight: number, makeId: (r: () => number) => string, arn: (c: BuildContext, id: string) => string): ResourceProfile => ({
  weight,
  build: (c) => {
    const id = makeId(c.random);
    return { resourceId: id, resourceName: c.name, arn: arn(c, id) };
  },
});

const ec2Id = (prefix: string) => (r: () => number) => `${prefix}-0${hexDigits(r, 16)}`;
const ec2Arn = (kind: string) => (c: BuildContext, id: string) => `arn:aws:ec2:${c.region}:${c.accountId}:${kind}/${id}`;

const PROFILES: Record<string, ResourceProfile> = {
  'AWS::S3::Bucket': { weight: 12, build: (c) => ({ resourceId: c.name, resourceName: c.name, arn: `arn:aws:s3:::${c.name}` }) },
  'AWS::SQS::Queue': {
    weight: 6,
    build: (c) => ({ resourceId: `https://sqs.${c.region}.amazonaws.com/${c.accountId}/${c.name}`, resourceName: c.name, arn: `arn:aws:sqs:${c.region}:${c.accountId}:${c.name}` }),
  },
  'AWS::SNS::Topic': arnIdentity(5, regional('sns', (c) => c.name)),
  'AWS::RDS::DBInstance': generatedIdentity(3, (r) => `db-${upperAlnum(r, 26)}`, (c) => `arn:aws:rds:${c.region}:${c.accountId}:db:${c.name}`),
  'AWS::RDS::DBCluster': generatedIdentity(1.5, (r) => `cluster-${upperAlnum(r, 26)}`, (c) => `arn:aws:rds:${c.region}:${c.accountId}:cluster:${c.name}`),
  'AWS::RDS::DBSnapshot': nameIdentity(3, regional('rds', (c) => `snapshot:${c.name}`)),
  'AWS::RDS::DBClusterSnapshot': nameIdentity(1, regional('rds', (c) => `cluster-snapshot:${c.name}`)),
  'AWS::DynamoDB::Table': nameIdentity(5, regional('dynamodb', (c) => `table/${c.name}`)),
  'AWS::DAX::Cluster': nameIdentity(0.3, regional('dax', (c) => `cache/${c.name}`)),
  'AWS::EC2::Instance': generatedIdentity(8, ec2Id('i'), ec2Arn('instance')),
  'AWS::EC2::Volume': generatedIdentity(10, ec2Id('vol'), ec2Arn('volume')),
  'AWS::EC2::SecurityGroup': generatedIdentity(8, ec2Id('sg'), ec2Arn('security-group')),
  'AWS::EC2::VPC': generatedIdentity(1.5, ec2Id('vpc'), ec2Arn('vpc')),
  'AWS::EC2::Subnet': generatedIdentity(4, ec2Id('subnet'), ec2Arn('subnet')),
  'AWS::EC2::VPNConnection': generatedIdentity(0.3, ec2Id('vpn'), ec2Arn('vpn-connection')),
  'AWS::EC2::InternetGateway': generatedIdentity(1, ec2Id('igw'), ec2Arn('internet-gateway')),
  'AWS::EC2::RouteTable': generatedIdentity(3, ec2Id('rtb'), ec2Arn('route-table')),
  'AWS::EC2::NetworkAcl': generatedIdentity(1, ec2Id('acl'), ec2Arn('network-acl')),
  'AWS::EFS::FileSystem': generatedIdentity(2, ec2Id('fs'), (c, id) => `arn:aws:elasticfilesystem:${c.region}:${c.accountId}:file-system/${id}`),
  'AWS::EFS::AccessPoint': generatedIdentity(1, ec2Id('fsap'), (c, id) => `arn:aws:elasticfilesystem:${c.region}:${c.accountId}:access-point/${id}`),
  'AWS::IAM::Role': generatedIdentity(6, (r) => `AROA${upperAlnum(r, 17)}`, (c) => `arn:aws:iam::${c.accountId}:role/${c.name}`),
  'AWS::IAM::User': generatedIdentity(3, (r) => `AIDA${upperAlnum(r, 17)}`, (c) => `arn:aws:iam::${c.accountId}:user/${c.name}`),
  'AWS::IAM::Policy': generatedIdentity(4, (r) => `ANPA${upperAlnum(r, 17)}`, (c) => `arn:aws:iam::${c.accountId}:policy/${c.name}`),
  'AWS::IAM::Group': generatedIdentity(1, (r) => `AGPA${upperAlnum(r, 17)}`, (c) => `arn:aws:iam::${c.accountId}:group/${c.name}`),
  'AWS::KMS::Key': generatedIdentity(5, uuid, (c, id) => `arn:aws:kms:${c.region}:${c.accountId}:key/${id}`),
  'AWS::CloudTrail::Trail': nameIdentity(0.5, regional('cloudtrail', (c) => `trail/${c.name}`)),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    weight: 2,
    build: (c) => {
      const arn = `arn:aws:elasticloadbalancing:${c.region}:${c.accountId}:loadbalancer/app/${c.name}/${hexDigits(c.random, 16)}`;
      return { resourceId: arn, resourceName: c.name, arn };
    },
  },
  'AWS::ElasticLoadBalancing::LoadBalancer': nameIdentity(1, regional('elasticloadbalancing', (c) => `loadbalancer/${c.name}`)),
  'AWS::CloudFront::Distribution': generatedIdentity(1.5, (r) => `E${upperAlnum(r, 13)}`, (c, id) => `arn:aws:cloudfront::${c.accountId}:distribution/${id}`),
  'AWS::Lambda::Function': nameIdentity(10, regional('lambda', (c) => `function:${c.name}`)),
  'AWS::ElastiCache::CacheCluster': nameIdentity(1, regional('elasticache', (c) => `cluster:${c.name}`)),
  'AWS::ElastiCache::ReplicationGroup': nameIdentity(1, regional('elasticache', (c) => `replicationgroup:${c.name}`)),
  'AWS::Redshift::Cluster': nameIdentity(0.5, regional('redshift', (c) => `cluster:${c.name}`)),
  'AWS::OpenSearch::Domain': nameIdentity(0.8, regional('es', (c) => `domain/${c.name}`)),
  'AWS::Elasticsearch::Domain': nameIdentity(0.3, regional('es', (c) => `domain/${c.name}`)),
  'AWS::Kinesis::Stream': nameIdentity(1, regional('kinesis', (c) => `stream/${c.name}`)),
  'AWS::ApiGateway::Stage': {
    weight: 2,
    build: (c) => {
      const arn = `arn:aws:apigateway:${c.region}::/restapis/${hexDigits(c.random, 10)}/stages/${pick(c.random, ['prod', 'v1', 'staging'])}`;
      return { resourceId: arn, arn };
    },
  },
  'AWS::ApiGatewayV2::Stage': {
    weight: 1,
    build: (c) => {
      const arn = `arn:aws:apigateway:${c.region}::/apis/${hexDigits(c.random, 10)}/stages/$default`;
      return { resourceId: arn, arn };
    },
  },
  'AWS::ApiGatewayV2::Route': {
    weight: 2,
    build: (c) => {
      const arn = `arn:aws:apigateway:${c.region}::/apis/${hexDigits(c.random, 10)}/routes/${hexDigits(c.random, 7)}`;
      return { resourceId: arn, arn };
    },
  },
  'AWS::Backup::RecoveryPoint': generatedIdentity(3, uuid, (c, id) => `arn:aws:backup:${c.region}:${c.accountId}:recovery-point:${id}`),
  'AWS::Backup::BackupPlan': generatedIdentity(0.3, uuid, (c, id) => `arn:aws:backup:${c.region}:${c.accountId}:backup-plan:${id}`),
  'AWS::Backup::BackupVault': nameIdentity(0.3, regional('backup', (c) => `backup-vault:${c.name}`)),
  'AWS::ECR::Repository': nameIdentity(2, regional('ecr', (c) => `repository/${c.name}`)),
  'AWS::ECS::TaskDefinition': arnIdentity(3, regional('ecs', (c) => `task-definition/${c.name}:${1 + Math.floor(c.random() * 40)}`)),
  'AWS::ECS::Service': arnIdentity(1.5, regional('ecs', (c) => `service/${c.name.replace(/-\d+$/, '')}-cluster/${c.name}`)),
  'AWS::ECS::Cluster': arnIdentity(0.5, regional('ecs', (c) => `cluster/${c.name}`)),
  'AWS::EKS::Cluster': nameIdentity(0.3, regional('eks', (c) => `cluster/${c.name}`)),
  'AWS::SageMaker::NotebookInstance': nameIdentity(0.5, regional('sagemaker', (c) => `notebook-instance/${c.name}`)),
  'AWS::SageMaker::EndpointConfig': nameIdentity(0.3, regional('sagemaker', (c) => `endpoint-config/${c.name}`)),
  'AWS::EMR::Cluster': generatedIdentity(0.3, (r) => `j-${upperAlnum(r, 13)}`, (c, id) => `arn:aws:elasticmapreduce:${c.region}:${c.accountId}:cluster/${id}`),
  'AWS::CodeBuild::Project': nameIdentity(1, regional('codebuild', (c) => `project/${c.name}`)),
  'AWS::SecretsManager::Secret': {
    weight: 3,
    build: (c) => {
      const arn = `arn:aws:secretsmanager:${c.region}:${c.accountId}:secret:${c.name}-${upperAlnum(c.random, 6)}`;
      return { resourceId: arn, resourceName: c.name, arn };
    },
  },
  'AWS::WAF::WebACL': generatedIdentity(0.2, uuid, (c, id) => `arn:aws:waf::${c.accountId}:webacl/${id}`),
  'AWS::WAFv2::WebACL': {
    weight: 0.5,
    build: (c) => {
      const id = uuid(c.random);
      return { resourceId: id, resourceName: c.name, arn: `arn:aws:wafv2:${c.region}:${c.accountId}:regional/webacl/${c.name}/${id}` };
    },
  },
  'AWS::Logs::LogGroup': {
    weight: 6,
    build: (c) => {
      const name = `/aws/lambda/${c.name}`;
      const arn = `arn:aws:logs:${c.region}:${c.accountId}:log-group:${name}`;
      return { resourceId: name, resourceName: name, arn };
    },
  },
  'AWS::CloudWatch::Alarm': nameIdentity(4, regional('cloudwatch', (c) => `alarm:${c.name}`)),
  'AWS::ACM::Certificate': arnIdentity(1.5, (c) => `arn:aws:acm:${c.region}:${c.accountId}:certificate/${uuid(c.random)}`),
  'AWS::DMS::ReplicationInstance': generatedIdentity(0.2, (r) => upperAlnum(r, 26), (c, id) => `arn:aws:dms:${c.region}:${c.accountId}:rep:${id}`),
  'AWS::ElasticBeanstalk::Environment': generatedIdentity(0.3, (r) => `e-${upperAlnum(r, 10).toLowerCase()}`, (c) => `arn:aws:elasticbeanstalk:${c.region}:${c.accountId}:environment/${c.name.replace(/-\d+$/, '')}/${c.name}`),
  'AWS::SSM::PatchCompliance': generatedIdentity(4, (r) => `AWS::SSM::PatchCompliance/i-0${hexDigits(r, 16)}`, (c, id) => `arn:aws:ssm:${c.region}:${c.accountId}:managed-instance/${id.slice(id.indexOf('/') + 1)}`),
  'AWS::SSM::ManagedInstanceInventory': generatedIdentity(3, ec2Id('i'), (c, id) => `arn:aws:ssm:${c.region}:${c.accountId}:managed-instance-inventory/${id}`),
  'AWS::SSM::Document': nameIdentity(0.5, regional('ssm', (c) => `document/${c.name}`)),
};

/** Fallback for types a newer reference list adds: a plausible ARN from the type name. */
function genericProfile(cfnType: string): ResourceProfile {
  const [, service = 'unknown', kind = 'resource'] = cfnType.split('::');
  return nameIdentity(0.5, (c) => `arn:aws:${service.toLowerCase()}:${c.region}:${c.accountId}:${kind.toLowerCase()}/${c.name}`);
}

export function resourceWeight(cfnType: string): number {
  return (PROFILES[cfnType] ?? genericProfile(cfnType)).weight;
}

const PURPOSES = [
  'patient-records', 'claims', 'imaging', 'lab-results', 'audit-logs', 'billing', 'scheduling', 'ehr-sync',
  'analytics', 'telehealth', 'pharmacy', 'intake', 'notifications', 'reports', 'backups', 'etl', 'portal', 'fhir-api',
];

export interface ResourceNaming {
  /** `prod`, `dev`, `sandbox`... */
  environment: string;
  /** Short account slug, e.g. `clinical`. */
  slug: string;
}

export function buildResource(
  cfnType: string,
  accountId: string,
  region: string,
  naming: ResourceNaming,
  partitionSeed: number,
  typeOrdinal: number,
  index: number,
): ResourceIdentity {
  if (cfnType === 'AWS::::Account') return { resourceId: accountId, arn: `AWS::::Account:${accountId}` };
  const random = mulberry32(mixInts(partitionSeed, typeOrdinal, index, 0x7e5));
  const purpose = pick(random, PURPOSES);
  // Index keeps names unique; region keeps global-namespace names (S3) unique across regions.
  const name = `${naming.slug}-${naming.environment}-${purpose}-${region.replace(/-/g, '')}-${String(index).padStart(4, '0')}`;
  return (PROFILES[cfnType] ?? genericProfile(cfnType)).build({ accountId, region, name, random });
}
