// Reference lists of the automated checks the catalog cites as evidence: AWS Security Hub
// controls (consolidated `SecurityControlId`s) and AWS Config managed rules.
//
// Every entry was looked up, not recalled:
// - Security Hub ids, titles, severities, resource types and the Config rule behind each control
//   come from the Security Hub user guide (controls reference and the per-service control
//   pages, read from the awsdocs/aws-security-hub-user-guide source at commit bda5bf7 and from
//   the current docs.aws.amazon.com pages for controls added later).
// - Config rule identifiers (`Source.SourceIdentifier`) were matched to rule names in AWS's
//   own "Operational Best Practices for HIPAA Security" conformance pack template
//   (awslabs/aws-config-rules) or on the rule's AWS Config developer guide page.
// The catalog tests check that every id the catalog cites is listed here, so an id that is not
// in these lists cannot be used as evidence.

export type SecurityHubSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface SecurityHubControlRef {
  /** Consolidated control id, e.g. `SQS.1` (note Security Hub spells OpenSearch `Opensearch.1`). */
  id: string;
  title: string;
  /** CloudFormation-style type of the resource a finding is about, e.g. `AWS::SQS::Queue`; `AWS::::Account` for account-level checks. */
  resourceType: string;
  severity: SecurityHubSeverity;
  /** Identifier of the AWS Config managed rule the control evaluates with, when it is a managed rule (some use rules Security Hub built itself). */
  configRule?: string;
  /** The AWS documentation page that describes the control. */
  source: string;
}

export interface ConfigRuleRef {
  /** Managed rule `SourceIdentifier`, e.g. `S3_BUCKET_SSL_REQUESTS_ONLY`. */
  identifier: string;
  /** Documented rule name, e.g. `s3-bucket-ssl-requests-only`. */
  name: string;
  resourceTypes: string[];
  /** The AWS Config developer guide page for the rule. */
  source: string;
}

const SH_DOCS = 'https://docs.aws.amazon.com/securityhub/latest/userguide';
const CONFIG_DOCS = 'https://docs.aws.amazon.com/config/latest/developerguide';

/** Security Hub documents each service's controls on one page; the anchor is `<page>-<n>`. */
const SH_PAGE_BY_PREFIX: Record<string, string> = {
  ACM: 'acm',
  APIGateway: 'apigateway',
  Athena: 'athena',
  AutoScaling: 'autoscaling',
  Backup: 'backup',
  CloudFront: 'cloudfront',
  CloudTrail: 'cloudtrail',
  CloudWatch: 'cloudwatch',
  CodeBuild: 'codebuild',
  Config: 'config',
  DMS: 'dms',
  DocumentDB: 'documentdb',
  DynamoDB: 'dynamodb',
  EC2: 'ec2',
  ECR: 'ecr',
  ECS: 'ecs',
  EFS: 'efs',
  EKS: 'eks',
  ElastiCache: 'elasticache',
  ElasticBeanstalk: 'elasticbeanstalk',
  ELB: 'elb',
  EMR: 'emr',
  ES: 'es',
  GuardDuty: 'guardduty',
  IAM: 'iam',
  Kinesis: 'kinesis',
  KMS: 'kms',
  Lambda: 'lambda',
  MQ: 'mq',
  MSK: 'msk',
  Neptune: 'neptune',
  NetworkFirewall: 'networkfirewall',
  Opensearch: 'opensearch',
  RDS: 'rds',
  Redshift: 'redshift',
  S3: 's3',
  SageMaker: 'sagemaker',
  SecretsManager: 'secretsmanager',
  SNS: 'sns',
  SQS: 'sqs',
  SSM: 'ssm',
  StepFunctions: 'stepfunctions',
  WAF: 'waf',
};

function sh(
  id: string,
  title: string,
  resourceType: string,
  severity: SecurityHubSeverity,
  configRule?: string,
): SecurityHubControlRef {
  const [prefix, number] = id.split('.');
  const page = SH_PAGE_BY_PREFIX[prefix];
  if (!page) throw new Error(`No Security Hub documentation page known for ${id}`);
  const ref: SecurityHubControlRef = {
    id,
    title,
    resourceType,
    severity,
    source: `${SH_DOCS}/${page}-controls.html#${page}-${number}`,
  };
  if (configRule) ref.configRule = configRule;
  return ref;
}

function rule(identifier: string, name: string, resourceTypes: string[]): ConfigRuleRef {
  return { identifier, name, resourceTypes, source: `${CONFIG_DOCS}/${name}.html` };
}

const ACCOUNT = 'AWS::::Account';

export const SECURITY_HUB_CONTROLS: readonly SecurityHubControlRef[] = [
  // Amazon S3
  sh('S3.1', 'S3 Block Public Access setting should be enabled', ACCOUNT, 'MEDIUM', 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC'),
  sh('S3.2', 'S3 buckets should prohibit public read access', 'AWS::S3::Bucket', 'CRITICAL', 'S3_BUCKET_PUBLIC_READ_PROHIBITED'),
  sh('S3.3', 'S3 buckets should prohibit public write access', 'AWS::S3::Bucket', 'CRITICAL', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED'),
  sh('S3.4', 'S3 buckets should have server-side encryption enabled', 'AWS::S3::Bucket', 'MEDIUM', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'),
  sh('S3.5', 'S3 buckets should require requests to use Secure Socket Layer', 'AWS::S3::Bucket', 'MEDIUM', 'S3_BUCKET_SSL_REQUESTS_ONLY'),
  sh('S3.6', 'S3 permissions granted to other AWS accounts in bucket policies should be restricted', 'AWS::S3::Bucket', 'HIGH', 'S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED'),
  sh('S3.7', 'S3 buckets should have cross-Region replication enabled', 'AWS::S3::Bucket', 'LOW', 'S3_BUCKET_REPLICATION_ENABLED'),
  sh('S3.8', 'S3 Block Public Access setting should be enabled at the bucket-level', 'AWS::S3::Bucket', 'HIGH', 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED'),
  sh('S3.9', 'S3 bucket server access logging should be enabled', 'AWS::S3::Bucket', 'MEDIUM', 'S3_BUCKET_LOGGING_ENABLED'),
  sh('S3.10', 'S3 buckets with versioning enabled should have lifecycle policies configured', 'AWS::S3::Bucket', 'MEDIUM', 'S3_VERSION_LIFECYCLE_POLICY_CHECK'),
  sh('S3.11', 'S3 buckets should have event notifications enabled', 'AWS::S3::Bucket', 'MEDIUM', 'S3_EVENT_NOTIFICATIONS_ENABLED'),
  sh('S3.12', 'S3 access control lists (ACLs) should not be used to manage user access to buckets', 'AWS::S3::Bucket', 'MEDIUM', 'S3_BUCKET_ACL_PROHIBITED'),
  sh('S3.13', 'S3 buckets should have lifecycle policies configured', 'AWS::S3::Bucket', 'LOW', 'S3_LIFECYCLE_POLICY_CHECK'),
  sh('S3.14', 'S3 buckets should use versioning', 'AWS::S3::Bucket', 'LOW', 'S3_BUCKET_VERSIONING_ENABLED'),

  // Amazon SQS (SQS.1 uses a rule Security Hub built, not a Config managed rule)
  sh('SQS.1', 'Amazon SQS queues should be encrypted at rest', 'AWS::SQS::Queue', 'MEDIUM'),

  // Amazon SNS
  sh('SNS.1', 'SNS topics should be encrypted at-rest using AWS KMS', 'AWS::SNS::Topic', 'MEDIUM', 'SNS_ENCRYPTED_KMS'),
  sh('SNS.2', 'Logging of delivery status should be enabled for notification messages sent to a topic', 'AWS::SNS::Topic', 'MEDIUM', 'SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED'),

  // Amazon RDS / Aurora
  sh('RDS.1', 'RDS snapshot should be private', 'AWS::RDS::DBSnapshot', 'CRITICAL', 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED'),
  sh('RDS.2', 'RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration', 'AWS::RDS::DBInstance', 'CRITICAL', 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK'),
  sh('RDS.3', 'RDS DB instances should have encryption at-rest enabled', 'AWS::RDS::DBInstance', 'MEDIUM', 'RDS_STORAGE_ENCRYPTED'),
  sh('RDS.4', 'RDS cluster snapshots and database snapshots should be encrypted at rest', 'AWS::RDS::DBSnapshot', 'MEDIUM', 'RDS_SNAPSHOT_ENCRYPTED'),
  sh('RDS.5', 'RDS DB instances should be configured with multiple Availability Zones', 'AWS::RDS::DBInstance', 'MEDIUM', 'RDS_MULTI_AZ_SUPPORT'),
  sh('RDS.6', 'Enhanced monitoring should be configured for RDS DB instances', 'AWS::RDS::DBInstance', 'LOW', 'RDS_ENHANCED_MONITORING_ENABLED'),
  sh('RDS.7', 'RDS clusters should have deletion protection enabled', 'AWS::RDS::DBCluster', 'LOW', 'RDS_CLUSTER_DELETION_PROTECTION_ENABLED'),
  sh('RDS.8', 'RDS DB instances should have deletion protection enabled', 'AWS::RDS::DBInstance', 'LOW'),
  sh('RDS.9', 'Database logging should be enabled', 'AWS::RDS::DBInstance', 'MEDIUM', 'RDS_LOGGING_ENABLED'),
  sh('RDS.10', 'IAM authentication should be configured for RDS instances', 'AWS::RDS::DBInstance', 'MEDIUM'),
  sh('RDS.11', 'RDS instances should have automatic backups enabled', 'AWS::RDS::DBInstance', 'MEDIUM', 'DB_INSTANCE_BACKUP_ENABLED'),
  sh('RDS.12', 'IAM authentication should be configured for RDS clusters', 'AWS::RDS::DBCluster', 'MEDIUM'),
  sh('RDS.13', 'RDS automatic minor version upgrades should be enabled', 'AWS::RDS::DBInstance', 'HIGH', 'RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED'),
  sh('RDS.14', 'Amazon Aurora clusters should have backtracking enabled', 'AWS::RDS::DBCluster', 'MEDIUM'),
  sh('RDS.15', 'RDS DB clusters should be configured for multiple Availability Zones', 'AWS::RDS::DBCluster', 'MEDIUM', 'RDS_CLUSTER_MULTI_AZ_ENABLED'),
  sh('RDS.18', 'RDS instances should be deployed in a VPC', 'AWS::RDS::DBInstance', 'HIGH'),
  sh('RDS.26', 'RDS DB instances should be covered by a backup plan', 'AWS::RDS::DBInstance', 'MEDIUM'),

  // Amazon DynamoDB
  sh('DynamoDB.1', 'DynamoDB tables should automatically scale capacity with demand', 'AWS::DynamoDB::Table', 'MEDIUM', 'DYNAMODB_AUTOSCALING_ENABLED'),
  sh('DynamoDB.2', 'DynamoDB tables should have point-in-time recovery enabled', 'AWS::DynamoDB::Table', 'MEDIUM', 'DYNAMODB_PITR_ENABLED'),
  sh('DynamoDB.3', 'DynamoDB Accelerator (DAX) clusters should be encrypted at rest', 'AWS::DAX::Cluster', 'MEDIUM', 'DAX_ENCRYPTION_ENABLED'),
  sh('DynamoDB.4', 'DynamoDB tables should be covered by a backup plan', 'AWS::DynamoDB::Table', 'MEDIUM', 'DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN'),

  // Amazon EC2 / EBS / VPC
  sh('EC2.1', 'EBS snapshots should not be publicly restorable', ACCOUNT, 'CRITICAL', 'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK'),
  sh('EC2.2', 'The VPC default security group should not allow inbound and outbound traffic', 'AWS::EC2::SecurityGroup', 'HIGH', 'VPC_DEFAULT_SECURITY_GROUP_CLOSED'),
  sh('EC2.3', 'Attached EBS volumes should be encrypted at-rest', 'AWS::EC2::Volume', 'MEDIUM', 'ENCRYPTED_VOLUMES'),
  sh('EC2.4', 'Stopped EC2 instances should be removed after a specified time period', 'AWS::EC2::Instance', 'MEDIUM', 'EC2_STOPPED_INSTANCE'),
  sh('EC2.6', 'VPC flow logging should be enabled in all VPCs', 'AWS::EC2::VPC', 'MEDIUM', 'VPC_FLOW_LOGS_ENABLED'),
  sh('EC2.7', 'EBS default encryption should be enabled', ACCOUNT, 'MEDIUM', 'EC2_EBS_ENCRYPTION_BY_DEFAULT'),
  sh('EC2.8', 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)', 'AWS::EC2::Instance', 'HIGH'),
  sh('EC2.9', 'EC2 instances should not have a public IPv4 address', 'AWS::EC2::Instance', 'HIGH'),
  sh('EC2.13', 'Security groups should not allow ingress from 0.0.0.0/0 to port 22', 'AWS::EC2::SecurityGroup', 'HIGH'),
  sh('EC2.15', 'EC2 subnets should not automatically assign public IP addresses', 'AWS::EC2::Subnet', 'MEDIUM'),
  sh('EC2.18', 'Security groups should only allow unrestricted incoming traffic for authorized ports', 'AWS::EC2::SecurityGroup', 'HIGH'),
  sh('EC2.19', 'Security groups should not allow unrestricted access to ports with high risk', 'AWS::EC2::SecurityGroup', 'CRITICAL'),
  sh('EC2.20', 'Both VPN tunnels for an AWS Site-to-Site VPN connection should be up', 'AWS::EC2::VPNConnection', 'MEDIUM'),
  sh('EC2.28', 'EBS volumes should be covered by a backup plan', 'AWS::EC2::Volume', 'LOW'),
  sh('EC2.29', 'EC2 instances should be launched in a VPC', 'AWS::EC2::Instance', 'HIGH'),

  // Amazon EFS
  sh('EFS.1', 'Elastic File System should be configured to encrypt file data at-rest using AWS KMS', 'AWS::EFS::FileSystem', 'MEDIUM', 'EFS_ENCRYPTED_CHECK'),
  sh('EFS.2', 'Amazon EFS volumes should be in backup plans', 'AWS::EFS::FileSystem', 'MEDIUM', 'EFS_IN_BACKUP_PLAN'),
  sh('EFS.3', 'EFS access points should enforce a root directory', 'AWS::EFS::AccessPoint', 'MEDIUM', 'EFS_ACCESS_POINT_ENFORCE_ROOT_DIRECTORY'),
  sh('EFS.4', 'EFS access points should enforce a user identity', 'AWS::EFS::AccessPoint', 'MEDIUM', 'EFS_ACCESS_POINT_ENFORCE_USER_IDENTITY'),

  // AWS KMS
  sh('KMS.1', 'IAM customer managed policies should not allow decryption actions on all KMS keys', 'AWS::IAM::Policy', 'MEDIUM', 'IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS'),
  sh('KMS.2', 'IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys', 'AWS::IAM::Role', 'MEDIUM', 'IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS'),
  sh('KMS.3', 'AWS KMS keys should not be deleted unintentionally', 'AWS::KMS::Key', 'CRITICAL', 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION'),
  sh('KMS.4', 'AWS KMS key rotation should be enabled', 'AWS::KMS::Key', 'MEDIUM', 'CMK_BACKING_KEY_ROTATION_ENABLED'),

  // AWS CloudTrail (CloudTrail.6/.7 use rules Security Hub built)
  sh('CloudTrail.1', 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events', ACCOUNT, 'HIGH', 'MULTI_REGION_CLOUD_TRAIL_ENABLED'),
  sh('CloudTrail.2', 'CloudTrail should have encryption at-rest enabled', 'AWS::CloudTrail::Trail', 'MEDIUM', 'CLOUD_TRAIL_ENCRYPTION_ENABLED'),
  sh('CloudTrail.3', 'CloudTrail should be enabled', ACCOUNT, 'HIGH', 'CLOUD_TRAIL_ENABLED'),
  sh('CloudTrail.4', 'CloudTrail log file validation should be enabled', 'AWS::CloudTrail::Trail', 'LOW', 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED'),
  sh('CloudTrail.5', 'CloudTrail trails should be integrated with Amazon CloudWatch Logs', 'AWS::CloudTrail::Trail', 'LOW', 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED'),
  sh('CloudTrail.6', 'Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible', 'AWS::S3::Bucket', 'CRITICAL'),
  sh('CloudTrail.7', 'Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket', 'AWS::S3::Bucket', 'LOW'),

  // Elastic Load Balancing
  sh('ELB.1', 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'MEDIUM', 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK'),
  sh('ELB.2', 'Classic Load Balancers with SSL/HTTPS listeners should use a certificate provided by AWS Certificate Manager', 'AWS::ElasticLoadBalancing::LoadBalancer', 'MEDIUM', 'ELB_ACM_CERTIFICATE_REQUIRED'),
  sh('ELB.3', 'Classic Load Balancer listeners should be configured with HTTPS or TLS termination', 'AWS::ElasticLoadBalancing::LoadBalancer', 'MEDIUM', 'ELB_TLS_HTTPS_LISTENERS_ONLY'),
  sh('ELB.4', 'Application Load Balancer should be configured to drop http headers', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'MEDIUM', 'ALB_HTTP_DROP_INVALID_HEADER_ENABLED'),
  sh('ELB.5', 'Application and Classic Load Balancers logging should be enabled', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'MEDIUM', 'ELB_LOGGING_ENABLED'),
  sh('ELB.6', 'Application Load Balancer deletion protection should be enabled', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'MEDIUM', 'ELB_DELETION_PROTECTION_ENABLED'),
  sh('ELB.8', 'Classic Load Balancers with SSL listeners should use a predefined security policy that has strong configuration', 'AWS::ElasticLoadBalancing::LoadBalancer', 'MEDIUM', 'ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK'),
  sh('ELB.9', 'Classic Load Balancers should have cross-zone load balancing enabled', 'AWS::ElasticLoadBalancing::LoadBalancer', 'MEDIUM'),

  // Amazon CloudFront
  sh('CloudFront.1', 'CloudFront distributions should have a default root object configured', 'AWS::CloudFront::Distribution', 'CRITICAL'),
  sh('CloudFront.3', 'CloudFront distributions should require encryption in transit', 'AWS::CloudFront::Distribution', 'MEDIUM'),
  sh('CloudFront.4', 'CloudFront distributions should have origin failover configured', 'AWS::CloudFront::Distribution', 'LOW'),
  sh('CloudFront.5', 'CloudFront distributions should have logging enabled', 'AWS::CloudFront::Distribution', 'MEDIUM'),
  sh('CloudFront.6', 'CloudFront distributions should have WAF enabled', 'AWS::CloudFront::Distribution', 'MEDIUM'),
  sh('CloudFront.7', 'CloudFront distributions should use custom SSL/TLS certificates', 'AWS::CloudFront::Distribution', 'MEDIUM'),
  sh('CloudFront.9', 'CloudFront distributions should encrypt traffic to custom origins', 'AWS::CloudFront::Distribution', 'MEDIUM'),
  sh('CloudFront.10', 'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins', 'AWS::CloudFront::Distribution', 'MEDIUM'),

  // AWS Lambda
  sh('Lambda.1', 'Lambda function policies should prohibit public access', 'AWS::Lambda::Function', 'CRITICAL', 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'),
  sh('Lambda.2', 'Lambda functions should use supported runtimes', 'AWS::Lambda::Function', 'MEDIUM', 'LAMBDA_FUNCTION_SETTINGS_CHECK'),
  sh('Lambda.3', 'Lambda functions should be in a VPC', 'AWS::Lambda::Function', 'LOW', 'LAMBDA_INSIDE_VPC'),
  sh('Lambda.5', 'VPC Lambda functions should operate in more than one Availability Zone', 'AWS::Lambda::Function', 'MEDIUM', 'LAMBDA_VPC_MULTI_AZ_CHECK'),

  // Amazon ElastiCache
  sh('ElastiCache.1', 'ElastiCache Redis clusters should have automatic backup enabled', 'AWS::ElastiCache::CacheCluster', 'HIGH', 'ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK'),
  sh('ElastiCache.3', 'ElastiCache replication groups should have automatic failover enabled', 'AWS::ElastiCache::ReplicationGroup', 'MEDIUM'),
  sh('ElastiCache.4', 'ElastiCache replication groups should have encryption-at-rest enabled', 'AWS::ElastiCache::ReplicationGroup', 'MEDIUM', 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST'),
  sh('ElastiCache.5', 'ElastiCache replication groups should have encryption-in-transit enabled', 'AWS::ElastiCache::ReplicationGroup', 'MEDIUM', 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT'),
  sh('ElastiCache.6', 'ElastiCache replication groups of earlier Redis versions should have Redis AUTH enabled', 'AWS::ElastiCache::ReplicationGroup', 'MEDIUM'),
  sh('ElastiCache.7', 'ElastiCache clusters should not use the default subnet group', 'AWS::ElastiCache::CacheCluster', 'HIGH'),

  // Amazon Redshift
  sh('Redshift.1', 'Amazon Redshift clusters should prohibit public access', 'AWS::Redshift::Cluster', 'CRITICAL', 'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK'),
  sh('Redshift.2', 'Connections to Amazon Redshift clusters should be encrypted in transit', 'AWS::Redshift::Cluster', 'MEDIUM', 'REDSHIFT_REQUIRE_TLS_SSL'),
  sh('Redshift.3', 'Amazon Redshift clusters should have automatic snapshots enabled', 'AWS::Redshift::Cluster', 'MEDIUM', 'REDSHIFT_BACKUP_ENABLED'),
  sh('Redshift.4', 'Amazon Redshift clusters should have audit logging enabled', 'AWS::Redshift::Cluster', 'MEDIUM'),
  sh('Redshift.6', 'Amazon Redshift should have automatic upgrades to major versions enabled', 'AWS::Redshift::Cluster', 'MEDIUM', 'REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK'),
  sh('Redshift.7', 'Redshift clusters should use enhanced VPC routing', 'AWS::Redshift::Cluster', 'MEDIUM', 'REDSHIFT_ENHANCED_VPC_ROUTING_ENABLED'),
  sh('Redshift.8', 'Amazon Redshift clusters should not use the default Admin username', 'AWS::Redshift::Cluster', 'MEDIUM', 'REDSHIFT_DEFAULT_ADMIN_CHECK'),

  // Amazon OpenSearch Service (and its Elasticsearch-era controls)
  sh('Opensearch.1', 'OpenSearch domains should have encryption at rest enabled', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_ENCRYPTED_AT_REST'),
  sh('Opensearch.2', 'OpenSearch domains should be in a VPC', 'AWS::OpenSearch::Domain', 'CRITICAL', 'OPENSEARCH_IN_VPC_ONLY'),
  sh('Opensearch.3', 'OpenSearch domains should encrypt data sent between nodes', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK'),
  sh('Opensearch.4', 'OpenSearch domain error logging to CloudWatch Logs should be enabled', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_LOGS_TO_CLOUDWATCH'),
  sh('Opensearch.5', 'OpenSearch domains should have audit logging enabled', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_AUDIT_LOGGING_ENABLED'),
  sh('Opensearch.6', 'OpenSearch domains should have at least three data nodes', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_DATA_NODE_FAULT_TOLERANCE'),
  sh('Opensearch.7', 'OpenSearch domains should have fine-grained access control enabled', 'AWS::OpenSearch::Domain', 'HIGH', 'OPENSEARCH_ACCESS_CONTROL_ENABLED'),
  sh('Opensearch.8', 'Connections to OpenSearch domains should be encrypted using TLS 1.2', 'AWS::OpenSearch::Domain', 'MEDIUM', 'OPENSEARCH_HTTPS_REQUIRED'),
  sh('ES.1', 'Elasticsearch domains should have encryption at-rest enabled', 'AWS::Elasticsearch::Domain', 'MEDIUM'),
  sh('ES.2', 'Elasticsearch domains should be in a VPC', 'AWS::Elasticsearch::Domain', 'CRITICAL'),
  sh('ES.3', 'Elasticsearch domains should encrypt data sent between nodes', 'AWS::Elasticsearch::Domain', 'MEDIUM'),
  sh('ES.4', 'Elasticsearch domain error logging to CloudWatch Logs should be enabled', 'AWS::Elasticsearch::Domain', 'MEDIUM'),
  sh('ES.5', 'Elasticsearch domains should have audit logging enabled', 'AWS::Elasticsearch::Domain', 'MEDIUM'),
  sh('ES.8', 'Connections to Elasticsearch domains should be encrypted using TLS 1.2', 'AWS::Elasticsearch::Domain', 'MEDIUM'),

  // Amazon Kinesis
  sh('Kinesis.1', 'Kinesis streams should be encrypted at rest', 'AWS::Kinesis::Stream', 'MEDIUM'),

  // Amazon API Gateway (APIGateway.5 uses a rule Security Hub built)
  sh('APIGateway.1', 'API Gateway REST and WebSocket API execution logging should be enabled', 'AWS::ApiGateway::Stage', 'MEDIUM', 'API_GW_EXECUTION_LOGGING_ENABLED'),
  sh('APIGateway.2', 'API Gateway REST API stages should be configured to use SSL certificates for backend authentication', 'AWS::ApiGateway::Stage', 'MEDIUM', 'API_GW_SSL_ENABLED'),
  sh('APIGateway.3', 'API Gateway REST API stages should have AWS X-Ray tracing enabled', 'AWS::ApiGateway::Stage', 'LOW', 'API_GW_XRAY_ENABLED'),
  sh('APIGateway.4', 'API Gateway should be associated with a WAF Web ACL', 'AWS::ApiGateway::Stage', 'MEDIUM', 'API_GW_ASSOCIATED_WITH_WAF'),
  sh('APIGateway.5', 'API Gateway REST API cache data should be encrypted at rest', 'AWS::ApiGateway::Stage', 'MEDIUM'),
  sh('APIGateway.8', 'API Gateway routes should specify an authorization type', 'AWS::ApiGatewayV2::Route', 'MEDIUM', 'API_GWV2_AUTHORIZATION_TYPE_CONFIGURED'),
  sh('APIGateway.9', 'Access logging should be configured for API Gateway V2 Stages', 'AWS::ApiGatewayV2::Stage', 'MEDIUM', 'API_GWV2_ACCESS_LOGS_ENABLED'),

  // AWS Backup
  sh('Backup.1', 'AWS Backup recovery points should be encrypted at rest', 'AWS::Backup::RecoveryPoint', 'MEDIUM', 'BACKUP_RECOVERY_POINT_ENCRYPTED'),

  // Containers
  sh('ECR.1', 'ECR private repositories should have image scanning configured', 'AWS::ECR::Repository', 'HIGH'),
  sh('ECR.2', 'ECR private repositories should have tag immutability configured', 'AWS::ECR::Repository', 'MEDIUM'),
  sh('ECS.1', 'Amazon ECS task definitions should have secure networking modes and user definitions.', 'AWS::ECS::TaskDefinition', 'HIGH'),
  sh('ECS.2', 'ECS services should not have public IP addresses assigned to them automatically', 'AWS::ECS::Service', 'HIGH'),
  sh('ECS.4', 'ECS containers should run as non-privileged', 'AWS::ECS::TaskDefinition', 'HIGH'),
  sh('ECS.5', 'ECS containers should be limited to read-only access to root filesystems', 'AWS::ECS::TaskDefinition', 'HIGH'),
  sh('ECS.8', 'Secrets should not be passed as container environment variables', 'AWS::ECS::TaskDefinition', 'HIGH'),
  sh('ECS.12', 'ECS clusters should use Container Insights', 'AWS::ECS::Cluster', 'MEDIUM'),
  sh('EKS.2', 'EKS clusters should run on a supported Kubernetes version', 'AWS::EKS::Cluster', 'HIGH'),

  // Amazon SageMaker
  sh('SageMaker.1', 'Amazon SageMaker notebook instances should not have direct internet access', 'AWS::SageMaker::NotebookInstance', 'HIGH'),
  sh('SageMaker.2', 'SageMaker notebook instances should be launched in a custom VPC', 'AWS::SageMaker::NotebookInstance', 'HIGH'),
  sh('SageMaker.3', 'Users should not have root access to SageMaker notebook instances', 'AWS::SageMaker::NotebookInstance', 'HIGH'),

  // Amazon Neptune (control added after the 2023 docs snapshot; checked on the current docs page)
  sh('Neptune.1', 'Neptune DB clusters should be encrypted at rest', 'AWS::RDS::DBCluster', 'MEDIUM'),

  // Amazon EMR
  sh('EMR.1', 'Amazon Elastic MapReduce cluster master nodes should not have public IP addresses', 'AWS::EMR::Cluster', 'HIGH'),

  // AWS CodeBuild
  sh('CodeBuild.1', 'CodeBuild GitHub or Bitbucket source repository URLs should use OAuth', 'AWS::CodeBuild::Project', 'CRITICAL'),
  sh('CodeBuild.2', 'CodeBuild project environment variables should not contain clear text credentials', 'AWS::CodeBuild::Project', 'CRITICAL'),
  sh('CodeBuild.3', 'CodeBuild S3 logs should be encrypted', 'AWS::CodeBuild::Project', 'LOW'),
  sh('CodeBuild.4', 'CodeBuild project environments should have a logging configuration', 'AWS::CodeBuild::Project', 'MEDIUM'),

  // AWS Secrets Manager
  sh('SecretsManager.1', 'Secrets Manager secrets should have automatic rotation enabled', 'AWS::SecretsManager::Secret', 'MEDIUM'),
  sh('SecretsManager.2', 'Secrets Manager secrets configured with automatic rotation should rotate successfully', 'AWS::SecretsManager::Secret', 'MEDIUM'),
  sh('SecretsManager.3', 'Remove unused Secrets Manager secrets', 'AWS::SecretsManager::Secret', 'MEDIUM'),
  sh('SecretsManager.4', 'Secrets Manager secrets should be rotated within a specified number of days', 'AWS::SecretsManager::Secret', 'MEDIUM'),

  // AWS WAF
  sh('WAF.1', 'AWS WAF Classic Global Web ACL logging should be enabled', 'AWS::WAF::WebACL', 'MEDIUM'),
  sh('WAF.10', 'A WAFV2 web ACL should have at least one rule or rule group', 'AWS::WAFv2::WebACL', 'MEDIUM'),
  sh('WAF.11', 'AWS WAFv2 web ACL logging should be activated', 'AWS::WAFv2::WebACL', 'LOW'),

  // Detection and configuration recording
  sh('GuardDuty.1', 'GuardDuty should be enabled', ACCOUNT, 'HIGH'),
  sh('Config.1', 'AWS Config should be enabled', ACCOUNT, 'MEDIUM'),
  sh('CloudWatch.15', 'CloudWatch alarms should have an action configured for the ALARM state', 'AWS::CloudWatch::Alarm', 'HIGH'),
  sh('CloudWatch.16', 'CloudWatch log groups should be retained for at least 1 year', 'AWS::Logs::LogGroup', 'MEDIUM'),

  // AWS IAM
  sh('IAM.1', 'IAM policies should not allow full "*" administrative privileges', 'AWS::IAM::Policy', 'HIGH'),
  sh('IAM.2', 'IAM users should not have IAM policies attached', 'AWS::IAM::User', 'LOW'),
  sh('IAM.3', "IAM users' access keys should be rotated every 90 days or less", 'AWS::IAM::User', 'MEDIUM'),
  sh('IAM.4', 'IAM root user access key should not exist', ACCOUNT, 'CRITICAL'),
  sh('IAM.5', 'MFA should be enabled for all IAM users that have a console password', 'AWS::IAM::User', 'MEDIUM'),
  sh('IAM.6', 'Hardware MFA should be enabled for the root user', ACCOUNT, 'CRITICAL'),
  sh('IAM.7', 'Password policies for IAM users should have strong configurations', ACCOUNT, 'MEDIUM'),
  sh('IAM.8', 'Unused IAM user credentials should be removed', 'AWS::IAM::User', 'MEDIUM'),
  sh('IAM.9', 'Virtual MFA should be enabled for the root user', ACCOUNT, 'CRITICAL'),
  sh('IAM.19', 'MFA should be enabled for all IAM users', 'AWS::IAM::User', 'MEDIUM'),
  sh('IAM.21', 'IAM customer managed policies that you create should not allow wildcard actions for services', 'AWS::IAM::Policy', 'LOW'),

  // Other services the whitepaper covers
  sh('ACM.1', 'Imported and ACM-issued certificates should be renewed after a specified time period', 'AWS::ACM::Certificate', 'MEDIUM'),
  sh('DMS.1', 'Database Migration Service replication instances should not be public', 'AWS::DMS::ReplicationInstance', 'CRITICAL'),
  sh('ElasticBeanstalk.2', 'Elastic Beanstalk managed platform updates should be enabled', 'AWS::ElasticBeanstalk::Environment', 'HIGH'),
  sh('SSM.1', 'EC2 instances should be managed by AWS Systems Manager', 'AWS::EC2::Instance', 'MEDIUM'),
  sh('SSM.2', 'EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation', 'AWS::SSM::PatchCompliance', 'HIGH'),
  sh('SSM.4', 'SSM documents should not be public', 'AWS::SSM::Document', 'CRITICAL'),
];

export const CONFIG_MANAGED_RULES: readonly ConfigRuleRef[] = [
  // Account and identity
  rule('ACCESS_KEYS_ROTATED', 'access-keys-rotated', ['AWS::IAM::User']),
  rule('IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS', 'iam-customer-policy-blocked-kms-actions', ['AWS::IAM::Policy']),
  rule('IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS', 'iam-inline-policy-blocked-kms-actions', ['AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::User']),
  rule('IAM_NO_INLINE_POLICY_CHECK', 'iam-no-inline-policy-check', ['AWS::IAM::User', 'AWS::IAM::Role', 'AWS::IAM::Group']),
  rule('IAM_PASSWORD_POLICY', 'iam-password-policy', [ACCOUNT]),
  rule('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', 'iam-policy-no-statements-with-admin-access', ['AWS::IAM::Policy']),
  rule('IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', 'iam-policy-no-statements-with-full-access', ['AWS::IAM::Policy']),
  rule('IAM_ROOT_ACCESS_KEY_CHECK', 'iam-root-access-key-check', [ACCOUNT]),
  rule('IAM_USER_MFA_ENABLED', 'iam-user-mfa-enabled', ['AWS::IAM::User']),
  rule('IAM_USER_NO_POLICIES_CHECK', 'iam-user-no-policies-check', ['AWS::IAM::User']),
  rule('IAM_USER_UNUSED_CREDENTIALS_CHECK', 'iam-user-unused-credentials-check', ['AWS::IAM::User']),
  rule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', 'mfa-enabled-for-iam-console-access', ['AWS::IAM::User']),
  rule('ROOT_ACCOUNT_HARDWARE_MFA_ENABLED', 'root-account-hardware-mfa-enabled', [ACCOUNT]),
  rule('ROOT_ACCOUNT_MFA_ENABLED', 'root-account-mfa-enabled', [ACCOUNT]),

  // Logging, detection, configuration
  rule('CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', 'cloud-trail-cloud-watch-logs-enabled', [ACCOUNT]),
  rule('CLOUD_TRAIL_ENABLED', 'cloudtrail-enabled', [ACCOUNT]),
  rule('CLOUD_TRAIL_ENCRYPTION_ENABLED', 'cloud-trail-encryption-enabled', [ACCOUNT]),
  rule('CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'cloud-trail-log-file-validation-enabled', [ACCOUNT]),
  rule('CLOUDTRAIL_S3_DATAEVENTS_ENABLED', 'cloudtrail-s3-dataevents-enabled', [ACCOUNT]),
  rule('MULTI_REGION_CLOUD_TRAIL_ENABLED', 'multi-region-cloudtrail-enabled', [ACCOUNT]),
  rule('CLOUDWATCH_ALARM_ACTION_CHECK', 'cloudwatch-alarm-action-check', ['AWS::CloudWatch::Alarm']),
  rule('GUARDDUTY_ENABLED_CENTRALIZED', 'guardduty-enabled-centralized', [ACCOUNT]),
  rule('SECURITYHUB_ENABLED', 'securityhub-enabled', [ACCOUNT]),
  rule('VPC_FLOW_LOGS_ENABLED', 'vpc-flow-logs-enabled', ['AWS::EC2::VPC']),
  rule('WAFV2_LOGGING_ENABLED', 'wafv2-logging-enabled', ['AWS::WAFv2::WebACL']),

  // Amazon S3
  rule('S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', 's3-account-level-public-access-blocks-periodic', [ACCOUNT]),
  rule('S3_BUCKET_ACL_PROHIBITED', 's3-bucket-acl-prohibited', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_DEFAULT_LOCK_ENABLED', 's3-bucket-default-lock-enabled', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 's3-bucket-level-public-access-prohibited', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_LOGGING_ENABLED', 's3-bucket-logging-enabled', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_PUBLIC_READ_PROHIBITED', 's3-bucket-public-read-prohibited', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', 's3-bucket-public-write-prohibited', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_REPLICATION_ENABLED', 's3-bucket-replication-enabled', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 's3-bucket-server-side-encryption-enabled', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_SSL_REQUESTS_ONLY', 's3-bucket-ssl-requests-only', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_VERSIONING_ENABLED', 's3-bucket-versioning-enabled', ['AWS::S3::Bucket']),
  rule('S3_DEFAULT_ENCRYPTION_KMS', 's3-default-encryption-kms', ['AWS::S3::Bucket']),
  rule('S3_EVENT_NOTIFICATIONS_ENABLED', 's3-event-notifications-enabled', ['AWS::S3::Bucket']),
  rule('S3_VERSION_LIFECYCLE_POLICY_CHECK', 's3-version-lifecycle-policy-check', ['AWS::S3::Bucket']),

  // Messaging and streaming
  rule('SNS_ENCRYPTED_KMS', 'sns-encrypted-kms', ['AWS::SNS::Topic']),
  rule('KINESIS_STREAM_ENCRYPTED', 'kinesis-stream-encrypted', ['AWS::Kinesis::Stream']),

  // Databases
  rule('DB_INSTANCE_BACKUP_ENABLED', 'db-instance-backup-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED', 'rds-automatic-minor-version-upgrade-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_CLUSTER_DELETION_PROTECTION_ENABLED', 'rds-cluster-deletion-protection-enabled', ['AWS::RDS::DBCluster']),
  rule('RDS_CLUSTER_MULTI_AZ_ENABLED', 'rds-cluster-multi-az-enabled', ['AWS::RDS::DBCluster']),
  rule('RDS_ENHANCED_MONITORING_ENABLED', 'rds-enhanced-monitoring-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_IN_BACKUP_PLAN', 'rds-in-backup-plan', ['AWS::RDS::DBInstance']),
  rule('RDS_INSTANCE_PUBLIC_ACCESS_CHECK', 'rds-instance-public-access-check', ['AWS::RDS::DBInstance']),
  rule('RDS_LOGGING_ENABLED', 'rds-logging-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_MULTI_AZ_SUPPORT', 'rds-multi-az-support', ['AWS::RDS::DBInstance']),
  rule('RDS_SNAPSHOT_ENCRYPTED', 'rds-snapshot-encrypted', ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot']),
  rule('RDS_SNAPSHOTS_PUBLIC_PROHIBITED', 'rds-snapshots-public-prohibited', ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot']),
  rule('RDS_STORAGE_ENCRYPTED', 'rds-storage-encrypted', ['AWS::RDS::DBInstance']),
  rule('AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'aurora-resources-protected-by-backup-plan', ['AWS::RDS::DBCluster']),
  rule('DOCDB_CLUSTER_ENCRYPTED', 'docdb-cluster-encrypted', ['AWS::RDS::DBCluster']),
  rule('DYNAMODB_AUTOSCALING_ENABLED', 'dynamodb-autoscaling-enabled', ['AWS::DynamoDB::Table']),
  rule('DYNAMODB_IN_BACKUP_PLAN', 'dynamodb-in-backup-plan', ['AWS::DynamoDB::Table']),
  rule('DYNAMODB_PITR_ENABLED', 'dynamodb-pitr-enabled', ['AWS::DynamoDB::Table']),
  rule('DYNAMODB_THROUGHPUT_LIMIT_CHECK', 'dynamodb-throughput-limit-check', [ACCOUNT]),
  rule('ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK', 'elasticache-redis-cluster-automatic-backup-check', ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup']),
  rule('REDSHIFT_BACKUP_ENABLED', 'redshift-backup-enabled', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_CLUSTER_CONFIGURATION_CHECK', 'redshift-cluster-configuration-check', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK', 'redshift-cluster-maintenancesettings-check', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK', 'redshift-cluster-public-access-check', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_REQUIRE_TLS_SSL', 'redshift-require-tls-ssl', ['AWS::Redshift::Cluster']),
  rule('DMS_REPLICATION_NOT_PUBLIC', 'dms-replication-not-public', ['AWS::DMS::ReplicationInstance']),

  // Search
  rule('ELASTICSEARCH_ENCRYPTED_AT_REST', 'elasticsearch-encrypted-at-rest', ['AWS::Elasticsearch::Domain']),
  rule('ELASTICSEARCH_IN_VPC_ONLY', 'elasticsearch-in-vpc-only', ['AWS::Elasticsearch::Domain']),
  rule('ELASTICSEARCH_LOGS_TO_CLOUDWATCH', 'elasticsearch-logs-to-cloudwatch', ['AWS::Elasticsearch::Domain']),
  rule('ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK', 'elasticsearch-node-to-node-encryption-check', ['AWS::Elasticsearch::Domain']),
  rule('OPENSEARCH_ENCRYPTED_AT_REST', 'opensearch-encrypted-at-rest', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_HTTPS_REQUIRED', 'opensearch-https-required', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_IN_VPC_ONLY', 'opensearch-in-vpc-only', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_LOGS_TO_CLOUDWATCH', 'opensearch-logs-to-cloudwatch', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK', 'opensearch-node-to-node-encryption-check', ['AWS::OpenSearch::Domain']),

  // Compute, storage and network
  rule('EBS_IN_BACKUP_PLAN', 'ebs-in-backup-plan', ['AWS::EC2::Volume']),
  rule('EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK', 'ebs-snapshot-public-restorable-check', [ACCOUNT]),
  rule('EC2_EBS_ENCRYPTION_BY_DEFAULT', 'ec2-ebs-encryption-by-default', [ACCOUNT]),
  rule('EC2_IMDSV2_CHECK', 'ec2-imdsv2-check', ['AWS::EC2::Instance']),
  rule('EC2_INSTANCE_MANAGED_BY_SSM', 'ec2-instance-managed-by-systems-manager', ['AWS::EC2::Instance', 'AWS::SSM::ManagedInstanceInventory']),
  rule('EC2_INSTANCE_NO_PUBLIC_IP', 'ec2-instance-no-public-ip', ['AWS::EC2::Instance']),
  rule('EC2_INSTANCE_PROFILE_ATTACHED', 'ec2-instance-profile-attached', ['AWS::EC2::Instance']),
  rule('EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK', 'ec2-managedinstance-patch-compliance-status-check', ['AWS::SSM::PatchCompliance']),
  rule('EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'ec2-resources-protected-by-backup-plan', ['AWS::EC2::Instance']),
  rule('EC2_STOPPED_INSTANCE', 'ec2-stopped-instance', ['AWS::EC2::Instance']),
  rule('ENCRYPTED_VOLUMES', 'encrypted-volumes', ['AWS::EC2::Volume']),
  rule('INCOMING_SSH_DISABLED', 'restricted-ssh', ['AWS::EC2::SecurityGroup']),
  rule('INSTANCES_IN_VPC', 'ec2-instances-in-vpc', ['AWS::EC2::Instance']),
  rule('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', 'internet-gateway-authorized-vpc-only', ['AWS::EC2::InternetGateway']),
  rule('NO_UNRESTRICTED_ROUTE_TO_IGW', 'no-unrestricted-route-to-igw', ['AWS::EC2::RouteTable']),
  rule('RESTRICTED_INCOMING_TRAFFIC', 'restricted-common-ports', ['AWS::EC2::SecurityGroup']),
  rule('SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED', 'subnet-auto-assign-public-ip-disabled', ['AWS::EC2::Subnet']),
  rule('VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'vpc-default-security-group-closed', ['AWS::EC2::SecurityGroup']),
  rule('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'vpc-sg-open-only-to-authorized-ports', ['AWS::EC2::SecurityGroup']),
  rule('VPC_VPN_2_TUNNELS_UP', 'vpc-vpn-2-tunnels-up', ['AWS::EC2::VPNConnection']),
  rule('EFS_ENCRYPTED_CHECK', 'efs-encrypted-check', ['AWS::EFS::FileSystem']),
  rule('EFS_IN_BACKUP_PLAN', 'efs-in-backup-plan', ['AWS::EFS::FileSystem']),
  rule('SSM_DOCUMENT_NOT_PUBLIC', 'ssm-document-not-public', ['AWS::SSM::Document']),
  rule('ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED', 'elastic-beanstalk-managed-updates-enabled', ['AWS::ElasticBeanstalk::Environment']),
  rule('ECS_CONTAINERS_READONLY_ACCESS', 'ecs-containers-readonly-access', ['AWS::ECS::TaskDefinition']),
  rule('ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK', 'ecs-task-definition-user-for-host-mode-check', ['AWS::ECS::TaskDefinition']),
  rule('LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', 'lambda-function-public-access-prohibited', ['AWS::Lambda::Function']),
  rule('EMR_KERBEROS_ENABLED', 'emr-kerberos-enabled', ['AWS::EMR::Cluster']),
  rule('EMR_MASTER_NO_PUBLIC_IP', 'emr-master-no-public-ip', ['AWS::EMR::Cluster']),
  rule('SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED', 'sagemaker-endpoint-configuration-kms-key-configured', ['AWS::SageMaker::EndpointConfig']),
  rule('SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED', 'sagemaker-notebook-instance-kms-key-configured', ['AWS::SageMaker::NotebookInstance']),
  rule('SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS', 'sagemaker-notebook-no-direct-internet-access', ['AWS::SageMaker::NotebookInstance']),
  rule('CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK', 'codebuild-project-envvar-awscred-check', ['AWS::CodeBuild::Project']),
  rule('CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK', 'codebuild-project-source-repo-url-check', ['AWS::CodeBuild::Project']),

  // Load balancing, edge, API
  rule('ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK', 'alb-http-to-https-redirection-check', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ALB_WAF_ENABLED', 'alb-waf-enabled', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ELB_ACM_CERTIFICATE_REQUIRED', 'elb-acm-certificate-required', ['AWS::ElasticLoadBalancing::LoadBalancer']),
  rule('ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED', 'elb-cross-zone-load-balancing-enabled', ['AWS::ElasticLoadBalancing::LoadBalancer']),
  rule('ELB_DELETION_PROTECTION_ENABLED', 'elb-deletion-protection-enabled', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ELB_LOGGING_ENABLED', 'elb-logging-enabled', ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK', 'elb-predefined-security-policy-ssl-check', ['AWS::ElasticLoadBalancing::LoadBalancer']),
  rule('ELB_TLS_HTTPS_LISTENERS_ONLY', 'elb-tls-https-listeners-only', ['AWS::ElasticLoadBalancing::LoadBalancer']),
  rule('ELBV2_ACM_CERTIFICATE_REQUIRED', 'elbv2-acm-certificate-required', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ACM_CERTIFICATE_EXPIRATION_CHECK', 'acm-certificate-expiration-check', ['AWS::ACM::Certificate']),
  rule('API_GW_ASSOCIATED_WITH_WAF', 'api-gw-associated-with-waf', ['AWS::ApiGateway::Stage']),
  rule('API_GW_EXECUTION_LOGGING_ENABLED', 'api-gw-execution-logging-enabled', ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage']),
  rule('API_GW_SSL_ENABLED', 'api-gw-ssl-enabled', ['AWS::ApiGateway::Stage']),

  // Backup, keys and secrets
  rule('BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', 'backup-plan-min-frequency-and-min-retention-check', ['AWS::Backup::BackupPlan']),
  rule('BACKUP_RECOVERY_POINT_ENCRYPTED', 'backup-recovery-point-encrypted', ['AWS::Backup::RecoveryPoint']),
  rule('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', 'backup-recovery-point-manual-deletion-disabled', ['AWS::Backup::BackupVault']),
  rule('KMS_CMK_NOT_SCHEDULED_FOR_DELETION', 'kms-cmk-not-scheduled-for-deletion', ['AWS::KMS::Key']),
  rule('SECRETSMANAGER_ROTATION_ENABLED_CHECK', 'secretsmanager-rotation-enabled-check', ['AWS::SecretsManager::Secret']),
  rule('SECRETSMANAGER_USING_CMK', 'secretsmanager-using-cmk', ['AWS::SecretsManager::Secret']),

  // Verified in the AWS CDK ManagedRuleIdentifiers list (each entry links its Config doc page),
  // AWS's service conformance packs, or the rule's own AWS Config page.
  rule('ACCOUNT_PART_OF_ORGANIZATIONS', 'account-part-of-organizations', [ACCOUNT]),
  rule('CLOUDTRAIL_SECURITY_TRAIL_ENABLED', 'cloudtrail-security-trail-enabled', [ACCOUNT]),
  rule('CLOUDWATCH_LOG_GROUP_ENCRYPTED', 'cloudwatch-log-group-encrypted', ['AWS::Logs::LogGroup']),
  rule('CW_LOGGROUP_RETENTION_PERIOD_CHECK', 'cw-loggroup-retention-period-check', ['AWS::Logs::LogGroup']),
  rule('GUARDDUTY_NON_ARCHIVED_FINDINGS', 'guardduty-non-archived-findings', [ACCOUNT]),
  rule('WAF_CLASSIC_LOGGING_ENABLED', 'waf-classic-logging-enabled', ['AWS::WAF::WebACL']),
  rule('CMK_BACKING_KEY_ROTATION_ENABLED', 'cmk-backing-key-rotation-enabled', ['AWS::KMS::Key']),
  rule('S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED', 's3-bucket-blacklisted-actions-prohibited', ['AWS::S3::Bucket']),
  rule('S3_BUCKET_POLICY_GRANTEE_CHECK', 's3-bucket-policy-grantee-check', ['AWS::S3::Bucket']),
  rule('S3_LIFECYCLE_POLICY_CHECK', 's3-lifecycle-policy-check', ['AWS::S3::Bucket']),
  rule('S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 's3-resources-protected-by-backup-plan', ['AWS::S3::Bucket']),
  rule('SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', 'sns-topic-message-delivery-notification-enabled', ['AWS::SNS::Topic']),
  rule('DAX_ENCRYPTION_ENABLED', 'dax-encryption-enabled', ['AWS::DAX::Cluster']),
  rule('DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'dynamodb-resources-protected-by-backup-plan', ['AWS::DynamoDB::Table']),
  rule('DYNAMODB_TABLE_ENCRYPTED_KMS', 'dynamodb-table-encrypted-kms', ['AWS::DynamoDB::Table']),
  rule('AURORA_MYSQL_BACKTRACKING_ENABLED', 'aurora-mysql-backtracking-enabled', ['AWS::RDS::DBCluster']),
  rule('RDS_CLUSTER_IAM_AUTHENTICATION_ENABLED', 'rds-cluster-iam-authentication-enabled', ['AWS::RDS::DBCluster']),
  rule('RDS_INSTANCE_DELETION_PROTECTION_ENABLED', 'rds-instance-deletion-protection-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_INSTANCE_IAM_AUTHENTICATION_ENABLED', 'rds-instance-iam-authentication-enabled', ['AWS::RDS::DBInstance']),
  rule('RDS_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'rds-resources-protected-by-backup-plan', ['AWS::RDS::DBInstance']),
  rule('REDSHIFT_AUDIT_LOGGING_ENABLED', 'redshift-audit-logging-enabled', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_CLUSTER_KMS_ENABLED', 'redshift-cluster-kms-enabled', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_DEFAULT_ADMIN_CHECK', 'redshift-default-admin-check', ['AWS::Redshift::Cluster']),
  rule('REDSHIFT_ENHANCED_VPC_ROUTING_ENABLED', 'redshift-enhanced-vpc-routing-enabled', ['AWS::Redshift::Cluster']),
  rule('ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST', 'elasticache-repl-grp-encrypted-at-rest', ['AWS::ElastiCache::ReplicationGroup']),
  rule('ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT', 'elasticache-repl-grp-encrypted-in-transit', ['AWS::ElastiCache::ReplicationGroup']),
  rule('OPENSEARCH_ACCESS_CONTROL_ENABLED', 'opensearch-access-control-enabled', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_AUDIT_LOGGING_ENABLED', 'opensearch-audit-logging-enabled', ['AWS::OpenSearch::Domain']),
  rule('OPENSEARCH_DATA_NODE_FAULT_TOLERANCE', 'opensearch-data-node-fault-tolerance', ['AWS::OpenSearch::Domain']),
  rule('BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', 'backup-recovery-point-minimum-retention-check', ['AWS::Backup::RecoveryPoint']),
  rule('EBS_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'ebs-resources-protected-by-backup-plan', ['AWS::EC2::Volume']),
  rule('EFS_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'efs-resources-protected-by-backup-plan', ['AWS::EFS::FileSystem']),
  rule('FSX_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'fsx-resources-protected-by-backup-plan', ['AWS::FSx::FileSystem']),
  rule('EFS_ACCESS_POINT_ENFORCE_ROOT_DIRECTORY', 'efs-access-point-enforce-root-directory', ['AWS::EFS::AccessPoint']),
  rule('EFS_ACCESS_POINT_ENFORCE_USER_IDENTITY', 'efs-access-point-enforce-user-identity', ['AWS::EFS::AccessPoint']),
  rule('EC2_VOLUME_INUSE_CHECK', 'ec2-volume-inuse-check', ['AWS::EC2::Volume']),
  rule('NACL_NO_UNRESTRICTED_SSH_RDP', 'nacl-no-unrestricted-ssh-rdp', ['AWS::EC2::NetworkAcl']),
  rule('SERVICE_VPC_ENDPOINT_ENABLED', 'service-vpc-endpoint-enabled', ['AWS::EC2::VPC']),
  rule('LAMBDA_DLQ_CHECK', 'lambda-dlq-check', ['AWS::Lambda::Function']),
  rule('LAMBDA_FUNCTION_SETTINGS_CHECK', 'lambda-function-settings-check', ['AWS::Lambda::Function']),
  rule('LAMBDA_INSIDE_VPC', 'lambda-inside-vpc', ['AWS::Lambda::Function']),
  rule('LAMBDA_VPC_MULTI_AZ_CHECK', 'lambda-vpc-multi-az-check', ['AWS::Lambda::Function']),
  rule('ECR_PRIVATE_IMAGE_SCANNING_ENABLED', 'ecr-private-image-scanning-enabled', ['AWS::ECR::Repository']),
  rule('ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED', 'ecr-private-tag-immutability-enabled', ['AWS::ECR::Repository']),
  rule('ECS_CONTAINER_INSIGHTS_ENABLED', 'ecs-container-insights-enabled', ['AWS::ECS::Cluster']),
  rule('ECS_CONTAINERS_NONPRIVILEGED', 'ecs-containers-nonprivileged', ['AWS::ECS::TaskDefinition']),
  rule('ECS_NO_ENVIRONMENT_SECRETS', 'ecs-no-environment-secrets', ['AWS::ECS::TaskDefinition']),
  rule('ECS_TASK_DEFINITION_LOG_CONFIGURATION', 'ecs-task-definition-log-configuration', ['AWS::ECS::TaskDefinition']),
  rule('EKS_CLUSTER_SUPPORTED_VERSION', 'eks-cluster-supported-version', ['AWS::EKS::Cluster']),
  rule('EKS_ENDPOINT_NO_PUBLIC_ACCESS', 'eks-endpoint-no-public-access', ['AWS::EKS::Cluster']),
  rule('EKS_SECRETS_ENCRYPTED', 'eks-secrets-encrypted', ['AWS::EKS::Cluster']),
  rule('STEP_FUNCTIONS_STATE_MACHINE_LOGGING_ENABLED', 'step-functions-state-machine-logging-enabled', ['AWS::StepFunctions::StateMachine']),
  rule('CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION', 'codebuild-project-artifact-encryption', ['AWS::CodeBuild::Project']),
  rule('CODEBUILD_PROJECT_LOGGING_ENABLED', 'codebuild-project-logging-enabled', ['AWS::CodeBuild::Project']),
  rule('CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED', 'codebuild-project-s3-logs-encrypted', ['AWS::CodeBuild::Project']),
  rule('SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK', 'secretsmanager-scheduled-rotation-success-check', ['AWS::SecretsManager::Secret']),
  rule('SECRETSMANAGER_SECRET_PERIODIC_ROTATION', 'secretsmanager-secret-periodic-rotation', ['AWS::SecretsManager::Secret']),
  rule('SECRETSMANAGER_SECRET_UNUSED', 'secretsmanager-secret-unused', ['AWS::SecretsManager::Secret']),
  rule('ALB_HTTP_DROP_INVALID_HEADER_ENABLED', 'alb-http-drop-invalid-header-enabled', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('ELBV2_MULTIPLE_AZ', 'elbv2-multiple-az', ['AWS::ElasticLoadBalancingV2::LoadBalancer']),
  rule('CLOUDFRONT_ACCESSLOGS_ENABLED', 'cloudfront-accesslogs-enabled', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_ASSOCIATED_WITH_WAF', 'cloudfront-associated-with-waf', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_CUSTOM_SSL_CERTIFICATE', 'cloudfront-custom-ssl-certificate', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_DEFAULT_ROOT_OBJECT_CONFIGURED', 'cloudfront-default-root-object-configured', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_NO_DEPRECATED_SSL_PROTOCOLS', 'cloudfront-no-deprecated-ssl-protocols', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_ORIGIN_ACCESS_IDENTITY_ENABLED', 'cloudfront-origin-access-identity-enabled', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_ORIGIN_FAILOVER_ENABLED', 'cloudfront-origin-failover-enabled', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_SECURITY_POLICY_CHECK', 'cloudfront-security-policy-check', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_SNI_ENABLED', 'cloudfront-sni-enabled', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_TRAFFIC_TO_ORIGIN_ENCRYPTED', 'cloudfront-traffic-to-origin-encrypted', ['AWS::CloudFront::Distribution']),
  rule('CLOUDFRONT_VIEWER_POLICY_HTTPS', 'cloudfront-viewer-policy-https', ['AWS::CloudFront::Distribution']),
  rule('API_GW_CACHE_ENABLED_AND_ENCRYPTED', 'api-gw-cache-enabled-and-encrypted', ['AWS::ApiGateway::Stage']),
  rule('API_GW_XRAY_ENABLED', 'api-gw-xray-enabled', ['AWS::ApiGateway::Stage']),
  rule('API_GWV2_ACCESS_LOGS_ENABLED', 'api-gwv2-access-logs-enabled', ['AWS::ApiGatewayV2::Stage']),
  rule('API_GWV2_AUTHORIZATION_TYPE_CONFIGURED', 'api-gwv2-authorization-type-configured', ['AWS::ApiGatewayV2::Route']),
  rule('BEANSTALK_ENHANCED_HEALTH_REPORTING_ENABLED', 'beanstalk-enhanced-health-reporting-enabled', ['AWS::ElasticBeanstalk::Environment']),
  rule('AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED', 'autoscaling-launch-config-public-ip-disabled', ['AWS::AutoScaling::LaunchConfiguration']),
  rule('ECS_FARGATE_LATEST_PLATFORM_VERSION', 'ecs-fargate-latest-platform-version', ['AWS::ECS::Service']),
  rule('SHIELD_ADVANCED_ENABLED_AUTORENEW', 'shield-advanced-enabled-autorenew', [ACCOUNT]),
];

export const SECURITY_HUB_CONTROLS_BY_ID: ReadonlyMap<string, SecurityHubControlRef> = new Map(
  SECURITY_HUB_CONTROLS.map((c) => [c.id, c]),
);

export const CONFIG_RULES_BY_IDENTIFIER: ReadonlyMap<string, ConfigRuleRef> = new Map(
  CONFIG_MANAGED_RULES.map((r) => [r.identifier, r]),
);

/**
 * CloudFormation resource type -> the `Resources[].Type` value Security Hub findings use (ASFF).
 * Account-level checks report the account itself. Most names match an ASFF resource-details
 * object in the Security Hub user guide; the few resources without a details object (EFS file
 * system, DAX cluster, EMR cluster, log group, SSM document, API Gateway V2 route) follow the same
 * Aws<Service><Resource> naming but were not checked against a real finding.
 */
const ASFF_RESOURCE_TYPES: Record<string, string> = {
  [ACCOUNT]: 'AwsAccount',
  'AWS::ACM::Certificate': 'AwsCertificateManagerCertificate',
  'AWS::ApiGateway::Stage': 'AwsApiGatewayStage',
  'AWS::ApiGatewayV2::Route': 'AwsApiGatewayV2Route',
  'AWS::ApiGatewayV2::Stage': 'AwsApiGatewayV2Stage',
  'AWS::Backup::RecoveryPoint': 'AwsBackupRecoveryPoint',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::CodeBuild::Project': 'AwsCodeBuildProject',
  'AWS::DAX::Cluster': 'AwsDaxCluster',
  'AWS::DMS::ReplicationInstance': 'AwsDmsReplicationInstance',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::VPNConnection': 'AwsEc2VpnConnection',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::ECS::Cluster': 'AwsEcsCluster',
  'AWS::ECS::Service': 'AwsEcsService',
  'AWS::ECS::TaskDefinition': 'AwsEcsTaskDefinition',
  'AWS::EFS::AccessPoint': 'AwsEfsAccessPoint',
  'AWS::EFS::FileSystem': 'AwsEfsFileSystem',
  'AWS::EKS::Cluster': 'AwsEksCluster',
  'AWS::ElastiCache::CacheCluster': 'AwsElastiCacheCacheCluster',
  'AWS::ElastiCache::ReplicationGroup': 'AwsElastiCacheReplicationGroup',
  'AWS::ElasticBeanstalk::Environment': 'AwsElasticBeanstalkEnvironment',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'AwsElbLoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::Elasticsearch::Domain': 'AwsElasticsearchDomain',
  'AWS::EMR::Cluster': 'AwsEmrCluster',
  'AWS::IAM::Policy': 'AwsIamPolicy',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::Kinesis::Stream': 'AwsKinesisStream',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::Logs::LogGroup': 'AwsLogsLogGroup',
  'AWS::CloudWatch::Alarm': 'AwsCloudWatchAlarm',
  'AWS::OpenSearch::Domain': 'AwsOpenSearchServiceDomain',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBClusterSnapshot': 'AwsRdsDbClusterSnapshot',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::RDS::DBSnapshot': 'AwsRdsDbSnapshot',
  'AWS::Redshift::Cluster': 'AwsRedshiftCluster',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::SageMaker::NotebookInstance': 'AwsSageMakerNotebookInstance',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::SSM::Document': 'AwsSsmDocument',
  'AWS::SSM::PatchCompliance': 'AwsSsmPatchCompliance',
  'AWS::StepFunctions::StateMachine': 'AwsStepFunctionStateMachine',
  'AWS::WAF::WebACL': 'AwsWafWebAcl',
  'AWS::WAFv2::WebACL': 'AwsWafv2WebAcl',
};

/**
 * The ASFF `Resources[].Type` for a CloudFormation resource type, e.g. `AWS::S3::Bucket` -> `AwsS3Bucket`.
 * Unknown types fall back to ASFF's generic `Other`, which is what Security Hub uses for them.
 */
export function asffResourceType(cfnType: string): string {
  return ASFF_RESOURCE_TYPES[cfnType] ?? 'Other';
}

/** Every CloudFormation type `asffResourceType` knows, for generators and tests. */
export const ASFF_MAPPED_RESOURCE_TYPES: readonly string[] = Object.keys(ASFF_RESOURCE_TYPES);
