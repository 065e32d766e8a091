// AWS Config names a resource by its type and Config resource id (a bucket name, a
// queue URL, an RDS DbiResourceId, an IAM unique id...); Security Hub names it by
// ARN. To hold both kinds of evidence about one resource together, Config resources
// get their ARN, built with AWS's documented ARN formats. Where the ARN is made from
// the resource's name rather than its Config id, the name comes from
// ListDiscoveredResources (see NAME_BASED_TYPES).

type ArnBuilder = (r: { id: string; name?: string; accountId: string; region: string }) => string | null;

const regional = (service: string, resource: (id: string, name?: string) => string | null): ArnBuilder => (r) => {
  const part = resource(r.id, r.name);
  return part ? `arn:aws:${service}:${r.region}:${r.accountId}:${part}` : null;
};
const byName = (prefix: string) => (_id: string, name?: string) => (name ? `${prefix}${name}` : null);
const byId = (prefix: string) => (id: string) => `${prefix}${id}`;
const iam = (kind: string): ArnBuilder => (r) => (r.name ? `arn:aws:iam::${r.accountId}:${kind}/${r.name}` : null);

const BUILDERS: Record<string, ArnBuilder> = {
  'AWS::S3::Bucket': (r) => `arn:aws:s3:::${r.id}`,
  'AWS::SQS::Queue': (r) => {
    const name = r.id.split('/').at(-1);
    return name ? `arn:aws:sqs:${r.region}:${r.accountId}:${name}` : null;
  },
  'AWS::RDS::DBInstance': regional('rds', byName('db:')),
  'AWS::RDS::DBCluster': regional('rds', byName('cluster:')),
  'AWS::RDS::DBSnapshot': regional('rds', byId('snapshot:')),
  'AWS::RDS::DBClusterSnapshot': regional('rds', byId('cluster-snapshot:')),
  'AWS::DynamoDB::Table': regional('dynamodb', byId('table/')),
  'AWS::DAX::Cluster': regional('dax', byId('cache/')),
  'AWS::EC2::Instance': regional('ec2', byId('instance/')),
  'AWS::EC2::Volume': regional('ec2', byId('volume/')),
  'AWS::EC2::SecurityGroup': regional('ec2', byId('security-group/')),
  'AWS::EC2::VPC': regional('ec2', byId('vpc/')),
  'AWS::EC2::Subnet': regional('ec2', byId('subnet/')),
  'AWS::EC2::VPNConnection': regional('ec2', byId('vpn-connection/')),
  'AWS::EC2::InternetGateway': regional('ec2', byId('internet-gateway/')),
  'AWS::EC2::RouteTable': regional('ec2', byId('route-table/')),
  'AWS::EC2::NetworkAcl': regional('ec2', byId('network-acl/')),
  'AWS::EC2::Snapshot': (r) => `arn:aws:ec2:${r.region}::snapshot/${r.id}`,
  'AWS::EFS::FileSystem': regional('elasticfilesystem', byId('file-system/')),
  'AWS::EFS::AccessPoint': regional('elasticfilesystem', byId('access-point/')),
  'AWS::IAM::Role': iam('role'),
  'AWS::IAM::User': iam('user'),
  'AWS::IAM::Group': iam('group'),
  'AWS::IAM::Policy': iam('policy'),
  'AWS::KMS::Key': regional('kms', byId('key/')),
  'AWS::CloudTrail::Trail': (r) => (r.id.startsWith('arn:') ? r.id : `arn:aws:cloudtrail:${r.region}:${r.accountId}:trail/${r.id}`),
  'AWS::ElasticLoadBalancing::LoadBalancer': regional('elasticloadbalancing', byId('loadbalancer/')),
  'AWS::CloudFront::Distribution': (r) => `arn:aws:cloudfront::${r.accountId}:distribution/${r.id}`,
  'AWS::Lambda::Function': regional('lambda', byId('function:')),
  'AWS::ElastiCache::CacheCluster': regional('elasticache', byId('cluster:')),
  'AWS::ElastiCache::ReplicationGroup': regional('elasticache', byId('replicationgroup:')),
  'AWS::Redshift::Cluster': regional('redshift', byId('cluster:')),
  'AWS::OpenSearch::Domain': regional('es', byId('domain/')),
  'AWS::Elasticsearch::Domain': regional('es', byId('domain/')),
  'AWS::Kinesis::Stream': regional('kinesis', byId('stream/')),
  'AWS::SNS::Topic': (r) => (r.id.startsWith('arn:') ? r.id : null),
  'AWS::Backup::RecoveryPoint': regional('backup', byId('recovery-point:')),
  'AWS::Backup::BackupPlan': regional('backup', byId('backup-plan:')),
  'AWS::Backup::BackupVault': regional('backup', byId('backup-vault:')),
  'AWS::ECR::Repository': regional('ecr', byId('repository/')),
  'AWS::EKS::Cluster': regional('eks', byId('cluster/')),
  'AWS::SageMaker::NotebookInstance': regional('sagemaker', byId('notebook-instance/')),
  'AWS::SageMaker::EndpointConfig': regional('sagemaker', byId('endpoint-config/')),
  'AWS::EMR::Cluster': regional('elasticmapreduce', byId('cluster/')),
  'AWS::CodeBuild::Project': regional('codebuild', byId('project/')),
  'AWS::WAF::WebACL': (r) => `arn:aws:waf::${r.accountId}:webacl/${r.id}`,
  'AWS::WAFv2::WebACL': regional('wafv2', (id, name) => (name ? `regional/webacl/${name}/${id}` : null)),
  'AWS::Logs::LogGroup': regional('logs', byId('log-group:')),
  'AWS::CloudWatch::Alarm': regional('cloudwatch', byId('alarm:')),
  'AWS::DMS::ReplicationInstance': regional('dms', byId('rep:')),
  'AWS::SSM::PatchCompliance': regional('ssm', (id) => `managed-instance/${id.slice(id.indexOf('/') + 1)}`),
  'AWS::SSM::ManagedInstanceInventory': regional('ssm', byId('managed-instance-inventory/')),
  'AWS::SSM::Document': regional('ssm', byId('document/')),
  'AWS::SecretsManager::Secret': (r) => (r.id.startsWith('arn:') ? r.id : null),
};

/** Types whose ARN is built from the resource's name, which only ListDiscoveredResources gives. */
export const NAME_BASED_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::WAFv2::WebACL',
]);

/** Whether we know how to build ARNs of this resource type at all. */
export function hasKnownArnFormat(type: string): boolean {
  return type === 'AWS::::Account' || type in BUILDERS;
}

/**
 * The resource's ARN, or null when it cannot be known (an unknown type, or a
 * name-based type without its name). A Config id that already is an ARN is kept.
 */
export function arnOfConfigResource(r: { type: string; id: string; name?: string; accountId: string; region: string }): string | null {
  if (r.id.startsWith('arn:')) return r.id;
  // The account itself: Security Hub names it `AWS::::Account:<id>`, so we do too.
  if (r.type === 'AWS::::Account') return `AWS::::Account:${r.accountId}`;
  return BUILDERS[r.type]?.(r) ?? null;
}
