// The January 2019 revision of the whitepaper. It has fewer service sections; where its guidance
// matches the 2022 text the shared definitions are reused as they are (same control ids, so a diff
// between revisions is meaningful), and only the differences are written down here.

import { buildCatalog, type RevisionSection } from './build';
import { encAtRest, noPhi } from './builders';
import type { CatalogVersion } from './types';

export const AUDITING_HEADING_2019 = 'Auditing, Back-Ups, and Disaster Recovery';

const SECTIONS_2019: RevisionSection[] = [
  { serviceId: 'ec2', heading: 'Amazon EC2' },
  {
    serviceId: 'systems-manager',
    heading: 'Amazon Systems Manager',
    overrides: {
      // 2019 excluded two parts of Systems Manager from the BAA; the 2022 text no longer says so.
      add: [
        noPhi({
          safeguard: 'OUT-OF-SCOPE-FEATURES',
          title: 'Keep PHI away from features outside the BAA',
          requirement: 'Do not use the Systems Manager console or Resource Groups with PHI: they were not in scope for the HIPAA BAA.',
        }),
      ],
    },
  },
  { serviceId: 'vpc', heading: 'Amazon Virtual Private Cloud' },
  { serviceId: 'ebs', heading: 'Amazon Elastic Block Store' },
  { serviceId: 'redshift', heading: 'Amazon Redshift' },
  { serviceId: 's3', heading: 'Amazon S3' },
  { serviceId: 's3-transfer-acceleration', heading: 'Amazon S3 Transfer Acceleration' },
  { serviceId: 'sns', heading: 'Amazon SNS' },
  { serviceId: 'sqs', heading: 'Amazon SQS' },
  { serviceId: 's3-glacier', heading: 'Amazon Glacier', overrides: { name: 'Amazon Glacier' } },
  { serviceId: 'rds-mysql', heading: 'Amazon RDS for MySQL' },
  { serviceId: 'rds-oracle', heading: 'Amazon RDS for Oracle' },
  { serviceId: 'rds-postgresql', heading: 'Amazon RDS for PostgreSQL' },
  { serviceId: 'rds-sqlserver', heading: 'Amazon RDS for SQL Server' },
  { serviceId: 'rds-mariadb', heading: 'Amazon RDS for MariaDB' },
  {
    serviceId: 'aurora',
    heading: 'Amazon Aurora',
    overrides: {
      // One section covered both editions in 2019; 2022 split PostgreSQL into its own section.
      summary: 'Aurora clusters (MySQL- or PostgreSQL-compatible) encrypted with KMS keys, with transport encryption required for connections carrying PHI.',
      requirements: { 'ENC-IN-TRANSIT': 'Connections to Aurora (either edition) carrying PHI must use transport encryption.' },
    },
  },
  { serviceId: 'cloudfront', heading: 'Amazon CloudFront' },
  { serviceId: 'elb', heading: 'Elastic Load Balancing' },
  {
    serviceId: 'ecs',
    heading: 'Amazon ECS',
    // The FireLens / Fluent Bit guidance for logs containing PHI arrived after 2019.
    overrides: { name: 'Amazon EC2 Container Service (ECS)', omit: ['LOG-PHI-HANDLING'] },
  },
  { serviceId: 'emr', heading: 'Amazon EMR' },
  { serviceId: 'dynamodb', heading: 'Amazon DynamoDB' },
  { serviceId: 'api-gateway', heading: 'Amazon API Gateway' },
  { serviceId: 'storage-gateway', heading: 'AWS Storage Gateway' },
  { serviceId: 'kms', heading: 'Using AWS KMS for Encryption of PHI' },
  { serviceId: 'shield', heading: 'AWS Shield' },
  {
    serviceId: 'snowball',
    heading: 'AWS Snowball',
    overrides: {
      requirements: {
        'ENC-AT-REST':
          'Encrypt PHI stored on Snowball: give the import job the ARN of the KMS key that protects data on the appliance, and choose a destination bucket that meets the encryption Guidance.',
      },
    },
  },
  { serviceId: 'snowball-edge', heading: 'AWS Snowball Edge' },
  { serviceId: 'snowmobile', heading: 'AWS Snowmobile' },
  { serviceId: 'waf', heading: 'AWS WAF – Web Application Firewall' },
  { serviceId: 'directory-service', heading: 'AWS Directory Service' },
  { serviceId: 'workspaces', heading: 'Amazon WorkSpaces' },
  { serviceId: 'workdocs', heading: 'Amazon WorkDocs' },
  { serviceId: 'inspector', heading: 'Amazon Inspector' },
  { serviceId: 'kinesis-streams', heading: 'Amazon Kinesis Streams' },
  { serviceId: 'lambda', heading: 'AWS Lambda' },
  { serviceId: 'batch', heading: 'AWS Batch' },
  {
    serviceId: 'connect',
    heading: 'Amazon Connect',
    // Customer Profiles (and its encrypted domains) is not in the 2019 text.
    overrides: {
      summary: 'Cloud contact center; PHI must stay out of the fields used to manage users, security profiles and contact flows.',
      omit: ['ENC-AT-REST'],
      requirements: { 'NO-PHI-IN-METADATA': 'Keep PHI out of fields used to manage users, security profiles and contact flows.' },
    },
  },
  { serviceId: 'route53', heading: 'Amazon Route 53' },
  { serviceId: 'cloudhsm', heading: 'AWS CloudHSM' },
  {
    serviceId: 'elasticache',
    heading: 'Amazon ElastiCache for Redis',
    overrides: {
      omit: ['SERVICE-UPDATES'],
      requirements: {
        'SUPPORTED-ENGINE': 'Store PHI only on the compliance-eligible Redis engine version 3.2.6 and the t2, m3, m4 or r3 instance types.',
      },
    },
  },
  {
    serviceId: 'cloudwatch',
    heading: 'Amazon CloudWatch',
    // In 2019 this section described CloudWatch Logs; 2022 split CloudWatch, Events and Logs apart.
    overrides: {
      mayHoldPhi: true,
      summary: 'Collects log files from EC2, CloudTrail, Route 53 and other sources; log data is encrypted in transit and at rest, so PHI delivered to it need not be re-encrypted.',
      omit: ['NO-PHI', 'AUDIT-LOGGING'],
      add: [encAtRest({ requirement: 'Log data is encrypted in transit and at rest by the service.', awsManaged: true })],
    },
  },
  { serviceId: 'ecr', heading: 'Amazon EC2 Container Registry', overrides: { name: 'Amazon EC2 Container Registry (ECR)' } },
  { serviceId: 'macie', heading: 'Amazon Macie' },
  { serviceId: 'quicksight', heading: 'Amazon QuickSight' },
  { serviceId: 'managed-services', heading: 'AWS Managed Services' },
  { serviceId: 'fargate', heading: 'AWS Fargate' },
  { serviceId: 'cloudformation', heading: 'AWS CloudFormation' },
  { serviceId: 'xray', heading: 'AWS X-Ray' },
  { serviceId: 'cloudtrail', heading: 'AWS CloudTrail' },
  { serviceId: 'codebuild', heading: 'AWS CodeBuild' },
  { serviceId: 'codecommit', heading: 'AWS CodeCommit' },
  { serviceId: 'config', heading: 'AWS Config' },
  { serviceId: 'opsworks-stacks', heading: 'AWS OpsWorks Stack' },
  { serviceId: 'efs', heading: 'Amazon Elastic File System (EFS)' },
  { serviceId: 'kinesis-video-streams', heading: 'Amazon Kinesis Video Streams' },
  { serviceId: 'rekognition', heading: 'Amazon Rekognition' },
  { serviceId: 'sagemaker', heading: 'Amazon SageMaker' },
  { serviceId: 'swf', heading: 'Amazon Simple Workflow' },
  { serviceId: 'secrets-manager', heading: 'AWS Secrets Manager' },
  { serviceId: 'service-catalog', heading: 'AWS Service Catalog' },
  { serviceId: 'step-functions', heading: 'AWS Step Functions' },
  { serviceId: 'athena', heading: 'Amazon Athena' },
  {
    serviceId: 'eks',
    heading: 'Amazon EKS',
    overrides: {
      name: 'Amazon Elastic Container Service for Kubernetes (Amazon EKS)',
      summary: 'Managed Kubernetes that only orchestrates containers (images stored in S3, running on EC2) and never touches workload data, so PHI workloads need no extra EKS configuration.',
      requirements: {
        'ENC-AT-REST': 'No EKS-specific configuration: EKS does not operate on workload data, so PHI is encrypted by the storage the containers use.',
      },
    },
  },
  { serviceId: 'iot-core', heading: 'AWS IoT (Core and Device Management)' },
  { serviceId: 'freertos', heading: 'Amazon FreeRTOS', overrides: { name: 'Amazon FreeRTOS' } },
  { serviceId: 'guardduty', heading: 'Amazon GuardDuty' },
  { serviceId: 'neptune', heading: 'Amazon Neptune' },
  { serviceId: 'server-migration-service', heading: 'AWS Server Migration Service' },
  { serviceId: 'dms', heading: 'AWS Database Migration Service' },
  { serviceId: 'mq', heading: 'Amazon MQ' },
  { serviceId: 'glue', heading: 'AWS Glue' },
  {
    serviceId: 'comprehend',
    heading: 'Amazon Comprehend',
    // The IAM, data-protection and VPC subsections were added after 2019.
    overrides: {
      summary: 'Natural language processing that keeps no data; API calls are encrypted and logged to CloudTrail.',
      omit: ['ENC-AT-REST', 'ACCESS-CONTROL', 'NETWORK'],
    },
  },
  { serviceId: 'transcribe', heading: 'Amazon Transcribe' },
  { serviceId: 'translate', heading: 'Amazon Translate' },
  { serviceId: 'certificate-manager', heading: 'AWS Certificate Manager' },
  { serviceId: 'auditing-backups-dr', heading: AUDITING_HEADING_2019 },
];

export const catalog2019: CatalogVersion = buildCatalog({
  version: '2019-01',
  title: 'Architecting for HIPAA Security and Compliance on Amazon Web Services (January 2019)',
  auditingHeading: AUDITING_HEADING_2019,
  sections: SECTIONS_2019,
});
