// Management, governance, security-tooling and developer services.

import {
  accessControl,
  administrative,
  auditLogging,
  backup,
  disasterRecovery,
  cloudTrailLogging,
  defineService,
  encAtRest,
  encInTransit,
  keyManagement,
  monitoring,
  noPhi,
  noPhiInMetadata,
  HIPAA,
} from '../builders';

export const cloudTrail = defineService({
  id: 'cloudtrail',
  code: 'CLOUDTRAIL',
  name: 'AWS CloudTrail',
  mayHoldPhi: false,
  summary:
    'Records account activity for governance and audit, as the AWS BAA expects; create dedicated trails, encrypted (SSE-S3 by default, SSE-KMS for more key control) when logs could capture sensitive data.',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  controls: [
    auditLogging({
      requirement: 'Create trails (console or CLI) that record management events in every Region of every account that handles PHI.',
      title: 'Keep a multi-Region trail',
      sh: ['CloudTrail.1', 'CloudTrail.3'],
      config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLED', 'CLOUDTRAIL_SECURITY_TRAIL_ENABLED'],
      citations: [HIPAA.AUDIT_CONTROLS, HIPAA.ACTIVITY_REVIEW],
      severity: 'HIGH',
    }),
    encAtRest({
      requirement: 'Store trail logs encrypted: SSE-S3 by default, or SSE-KMS for direct control of the keys.',
      sh: ['CloudTrail.2'],
      config: ['CLOUD_TRAIL_ENCRYPTION_ENABLED'],
      severity: 'MEDIUM',
      phiRelated: false,
    }),
    administrative(
      'LOG-INTEGRITY',
      'Validate log file integrity',
      { requirement: 'Turn on log file validation so tampering with audit records can be detected.', sh: ['CloudTrail.4'], config: ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED'], origin: 'best-practice' },
      [HIPAA.INTEGRITY, HIPAA.AUDIT_CONTROLS],
    ),
    monitoring({
      requirement: 'Send trails to CloudWatch Logs so activity can be reviewed and alarmed on in near real time.',
      sh: ['CloudTrail.5'],
      config: ['CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED'],
      origin: 'best-practice',
    }),
    accessControl({
      requirement: 'Keep the bucket that stores trail logs private and log access to it.',
      title: 'Protect the log bucket',
      safeguard: 'LOG-BUCKET',
      sh: ['CloudTrail.6', 'CloudTrail.7'],
      citations: [HIPAA.ACCESS_CONTROL, HIPAA.INTEGRITY],
      phiRelated: false,
      origin: 'best-practice',
    }),
  ],
});

export const cloudWatch = defineService({
  id: 'cloudwatch',
  code: 'CLOUDWATCH',
  name: 'Amazon CloudWatch',
  mayHoldPhi: false,
  summary: 'Metrics, alarms and log monitoring; CloudWatch itself does not produce, store or transmit PHI, and its own API calls are logged by CloudTrail.',
  resourceTypes: ['AWS::CloudWatch::Alarm'],
  controls: [
    noPhi('Keep PHI out of metric names, dimensions and alarm descriptions; log data follows the CloudWatch Logs guidance.'),
    cloudTrailLogging('Amazon CloudWatch'),
    monitoring({
      requirement: 'Give alarms that watch PHI workloads an action so someone is notified.',
      sh: ['CloudWatch.15'],
      config: ['CLOUDWATCH_ALARM_ACTION_CHECK'],
      origin: 'best-practice',
    }),
  ],
});

export const cloudWatchLogs = defineService({
  id: 'cloudwatch-logs',
  code: 'CWLOGS',
  name: 'Amazon CloudWatch Logs',
  mayHoldPhi: true,
  summary: 'Central log storage for EC2, CloudTrail, Route 53 and more; log data is encrypted in transit and at rest, so PHI emitted by other services need not be re-encrypted.',
  resourceTypes: ['AWS::Logs::LogGroup'],
  controls: [
    encAtRest({
      requirement: 'Log data is encrypted at rest and in transit by the service; associate a KMS key with log groups that may contain PHI for customer-controlled keys.',
      config: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
      severity: 'LOW',
    }),
    auditLogging({
      requirement: 'Retain log groups long enough to support audits.',
      title: 'Retain logs',
      safeguard: 'RETENTION',
      sh: ['CloudWatch.16'],
      config: ['CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
      fromAuditingSection: true,
    }),
  ],
});

export const guardDuty = defineService({
  id: 'guardduty',
  code: 'GUARDDUTY',
  name: 'Amazon GuardDuty',
  mayHoldPhi: false,
  summary: 'Threat detection over VPC Flow Logs, CloudTrail events and DNS logs; it should never encounter PHI because PHI must not be stored in those sources.',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  controls: [
    monitoring({
      requirement: 'Enable GuardDuty in every account and Region to detect unauthorized or malicious activity.',
      title: 'Enable threat detection',
      sh: ['GuardDuty.1'],
      config: ['GUARDDUTY_ENABLED_CENTRALIZED'],
      severity: 'HIGH',
    }),
    noPhiInMetadata('Keep PHI out of the data sources GuardDuty reads (flow logs, CloudTrail events, DNS logs).'),
  ],
});

export const inspector = defineService({
  id: 'inspector',
  code: 'INSPECTOR',
  name: 'Amazon Inspector',
  mayHoldPhi: false,
  summary: 'Automated vulnerability assessment that may run on instances containing PHI; it encrypts its network traffic and stored telemetry.',
  resourceTypes: [],
  controls: [
    encAtRest({ requirement: 'Assessment telemetry is encrypted at rest and in transit by the service.', awsManaged: true, phiRelated: false }),
    administrative('VULNERABILITY-ASSESSMENT', 'Assess instances for vulnerabilities', 'Run assessments on instances that process PHI and act on the findings by severity.'),
  ],
});

export const securityHub = defineService({
  id: 'security-hub',
  code: 'SECURITYHUB',
  name: 'AWS Security Hub',
  mayHoldPhi: false,
  summary: 'Consolidates findings from GuardDuty, Inspector, Macie, IAM Access Analyzer, Firewall Manager and partners; data is encrypted at rest and in transit between components.',
  resourceTypes: ['AWS::SecurityHub::Hub'],
  controls: [
    monitoring({
      requirement: 'Enable Security Hub and route findings to response workflows (EventBridge, SIEM, ticketing).',
      title: 'Consolidate and act on findings',
      config: ['SECURITYHUB_ENABLED'],
      severity: 'MEDIUM',
    }),
  ],
});

export const config = defineService({
  id: 'config',
  code: 'CONFIG',
  name: 'AWS Config',
  mayHoldPhi: false,
  summary: 'Records resource configuration and its history; it cannot hold PHI but evaluates whether PHI architectures stay compliant, built only from HIPAA-eligible services.',
  resourceTypes: ['AWS::Config::ConfigurationRecorder'],
  controls: [
    monitoring({
      requirement: 'Record configurations and evaluate PHI architectures against rules continuously.',
      title: 'Record and evaluate configuration',
      sh: ['Config.1'],
      severity: 'MEDIUM',
    }),
    cloudTrailLogging('AWS Config'),
  ],
});

export const organizations = defineService({
  id: 'organizations',
  code: 'ORGS',
  name: 'AWS Organizations',
  mayHoldPhi: false,
  summary: 'Central account management and policies; it does not process user data, and its API calls are logged to CloudTrail.',
  resourceTypes: [],
  controls: [
    accessControl({
      requirement: 'Manage accounts that handle PHI inside an organization so central policies and audit apply to them.',
      title: 'Govern accounts centrally',
      config: ['ACCOUNT_PART_OF_ORGANIZATIONS'],
      severity: 'MEDIUM',
      phiRelated: false,
    }),
    cloudTrailLogging('AWS Organizations'),
  ],
});

export const systemsManager = defineService({
  id: 'systems-manager',
  code: 'SSM',
  name: 'AWS Systems Manager',
  mayHoldPhi: true,
  summary: 'Operations hub for managing resources; output that may contain PHI must follow the receiving service\'s guidance, and document and parameter names must be PHI-free.',
  resourceTypes: ['AWS::SSM::Document', 'AWS::SSM::ManagedInstanceInventory'],
  controls: [
    noPhiInMetadata('Do not include PHI in metadata or identifiers such as document names and parameter names.'),
    encAtRest({ requirement: 'When command output that may contain PHI is sent to another service (e.g. S3), follow that service\'s guidance for storing PHI.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    accessControl({ requirement: 'Do not make SSM documents public.', sh: ['SSM.4'], config: ['SSM_DOCUMENT_NOT_PUBLIC'], severity: 'CRITICAL', phiRelated: false, origin: 'best-practice' }),
  ],
});

export const secretsManager = defineService({
  id: 'secrets-manager',
  code: 'SECRETS',
  name: 'AWS Secrets Manager',
  mayHoldPhi: true,
  summary: 'Stores secrets (which might contain PHI) encrypted with KMS; the customer chooses the key, otherwise the account default is used.',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  controls: [
    encAtRest({ requirement: 'Secrets are encrypted with KMS; choose a customer managed key for secrets that may contain PHI.', config: ['SECRETSMANAGER_USING_CMK'] }),
    cloudTrailLogging('AWS Secrets Manager'),
    keyManagement({
      requirement: 'Rotate secrets automatically and make sure rotation succeeds.',
      title: 'Rotate secrets',
      safeguard: 'ROTATION',
      sh: ['SecretsManager.1', 'SecretsManager.2', 'SecretsManager.4'],
      config: ['SECRETSMANAGER_ROTATION_ENABLED_CHECK', 'SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK', 'SECRETSMANAGER_SECRET_PERIODIC_ROTATION'],
      citations: [HIPAA.ACCESS_CONTROL],
      origin: 'best-practice',
    }),
    accessControl({ requirement: 'Remove secrets nobody uses any more.', title: 'Remove unused secrets', sh: ['SecretsManager.3'], config: ['SECRETSMANAGER_SECRET_UNUSED'], severity: 'MEDIUM', origin: 'best-practice' }),
  ],
});

export const certificateManager = defineService({
  id: 'certificate-manager',
  code: 'ACM',
  name: 'AWS Certificate Manager',
  mayHoldPhi: false,
  summary: 'Provisions the TLS certificates that protect PHI in transit; it must not be used to store PHI.',
  resourceTypes: ['AWS::CertificateManager::Certificate'],
  controls: [
    noPhi('Do not store PHI in certificates or their fields.'),
    cloudTrailLogging('AWS Certificate Manager'),
    administrative(
      'CERT-RENEWAL',
      'Renew certificates in time',
      { requirement: 'Renew certificates before they expire so TLS for PHI never lapses.', sh: ['ACM.1'], config: ['ACM_CERTIFICATE_EXPIRATION_CHECK'], origin: 'best-practice' },
      [HIPAA.TRANSMISSION_SECURITY],
    ),
  ],
});

export const cloudFormation = defineService({
  id: 'cloudformation',
  code: 'CFN',
  name: 'AWS CloudFormation',
  mayHoldPhi: false,
  summary: 'Provisions infrastructure from templates; it does not store, transmit or process PHI, and the architectures it deploys must use HIPAA-eligible services for PHI.',
  resourceTypes: ['AWS::CloudFormation::Stack'],
  controls: [noPhi('Keep PHI out of templates, parameters and stack outputs; deploy only HIPAA-eligible services for PHI.'), cloudTrailLogging('AWS CloudFormation')],
});

export const serviceCatalog = defineService({
  id: 'service-catalog',
  code: 'SERVICECATALOG',
  name: 'AWS Service Catalog',
  mayHoldPhi: false,
  summary: 'Portfolios of approved products for self-service deployment; it cannot store, transmit or process PHI, so item metadata and descriptions stay PHI-free.',
  resourceTypes: ['AWS::ServiceCatalog::Portfolio'],
  controls: [noPhiInMetadata('Do not place PHI in product metadata or descriptions.'), cloudTrailLogging('AWS Service Catalog')],
});

export const managedServices = defineService({
  id: 'managed-services',
  code: 'AMS',
  name: 'AWS Managed Services',
  mayHoldPhi: false,
  summary: 'Ongoing operation of AWS infrastructure that may run PHI workloads; its own tooling and automation must not store or transmit PHI.',
  resourceTypes: [],
  controls: [noPhi('Do not use AMS tooling or automation to store or transmit PHI; the eligible services for PHI are unchanged.')],
});

export const mobileHub = defineService({
  id: 'mobile-hub',
  code: 'MOBILEHUB',
  name: 'AWS Mobile Hub',
  mayHoldPhi: false,
  summary: 'Configures AWS services for mobile apps; it does not store or transmit PHI itself.',
  resourceTypes: [],
  controls: [noPhi('Mobile Hub only orchestrates; the services it sets up must follow their own PHI guidance.')],
});

const opsWorksManaged = (id: string, code: string, name: string, tool: string) =>
  defineService({
    id,
    code,
    name,
    mayHoldPhi: false,
    summary: `Managed ${tool} server for configuration management; the service handles no PHI, but the resources it configures must follow their own guidance.`,
    resourceTypes: ['AWS::OpsWorksCM::Server'],
    controls: [noPhi(`Do not put PHI into ${tool} configuration; make sure managed resources meet their PHI guidance.`)],
  });

export const opsWorksChef = opsWorksManaged('opsworks-chef', 'OPSWORKS-CHEF', 'AWS OpsWorks for Chef Automate', 'Chef Automate');
export const opsWorksPuppet = opsWorksManaged('opsworks-puppet', 'OPSWORKS-PUPPET', 'AWS OpsWorks for Puppet Enterprise', 'Puppet Enterprise');

export const opsWorksStacks = defineService({
  id: 'opsworks-stacks',
  code: 'OPSWORKS',
  name: 'AWS OpsWorks Stacks',
  mayHoldPhi: true,
  summary: 'Stack and application management that encrypts traffic in transit; encrypted data bags are not available, so PHI and secrets belong in an encrypted S3 bucket.',
  resourceTypes: ['AWS::OpsWorks::Stack'],
  controls: [
    encInTransit({ requirement: 'All traffic is encrypted in transit by the service.', awsManaged: true }),
    encAtRest({ requirement: 'Store PHI, secrets and certificates in an encrypted S3 bucket rather than in data bags.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    cloudTrailLogging('AWS OpsWorks Stacks'),
  ],
});

export const xRay = defineService({
  id: 'xray',
  code: 'XRAY',
  name: 'AWS X-Ray',
  mayHoldPhi: false,
  summary: 'Request tracing; it must not store or process PHI, so segment annotations and metadata stay PHI-free (traffic to it is encrypted by default).',
  resourceTypes: [],
  controls: [noPhiInMetadata('Do not place PHI in segment annotations or segment metadata.')],
});

export const sdkMetrics = defineService({
  id: 'sdk-metrics',
  code: 'SDKMETRICS',
  name: 'AWS SDK Metrics',
  mayHoldPhi: false,
  summary: 'Enterprise Support metrics about SDK calls, collected by the CloudWatch agent; data is encrypted in transit and the destination log group can be KMS-encrypted.',
  resourceTypes: ['AWS::Logs::LogGroup'],
  controls: [encAtRest({ requirement: 'Encrypt the destination log group with a KMS key.', config: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'], severity: 'LOW', phiRelated: false })],
});

export const codeBuild = defineService({
  id: 'codebuild',
  code: 'CODEBUILD',
  name: 'AWS CodeBuild',
  mayHoldPhi: true,
  summary: 'Managed builds whose output artifacts are encrypted with a KMS key, which must exist before building artifacts that contain PHI or secrets.',
  resourceTypes: ['AWS::CodeBuild::Project'],
  controls: [
    encAtRest({
      requirement: 'Create and configure a KMS key before building artifacts that contain PHI, secrets or certificates; keep artifact and S3 log encryption on.',
      sh: ['CodeBuild.3'],
      config: ['CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION', 'CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED'],
    }),
    cloudTrailLogging('AWS CodeBuild'),
    accessControl({
      requirement: 'Keep credentials out of environment variables and source URLs (use OAuth and Secrets Manager).',
      title: 'Keep credentials out of build configuration',
      sh: ['CodeBuild.1', 'CodeBuild.2'],
      config: ['CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK', 'CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK'],
      phiRelated: false,
      origin: 'best-practice',
    }),
    monitoring({ requirement: 'Give projects a logging configuration.', sh: ['CodeBuild.4'], config: ['CODEBUILD_PROJECT_LOGGING_ENABLED'], origin: 'best-practice' }),
  ],
});

export const codeDeploy = defineService({
  id: 'codedeploy',
  code: 'CODEDEPLOY',
  name: 'AWS CodeDeploy',
  mayHoldPhi: true,
  summary: 'Automated deployments with SSE-S3 for artifacts and TLS between service and agent; deployments are tracked with CloudWatch Events and CloudTrail.',
  resourceTypes: ['AWS::CodeDeploy::Application'],
  controls: [
    encAtRest({ requirement: 'Deployment artifacts are encrypted with SSE-S3.', awsManaged: true }),
    encInTransit({ requirement: 'Traffic between the service and agents uses TLS.', awsManaged: true }),
    cloudTrailLogging('AWS CodeDeploy'),
  ],
});

export const codeCommit = defineService({
  id: 'codecommit',
  code: 'CODECOMMIT',
  name: 'AWS CodeCommit',
  mayHoldPhi: true,
  summary: 'Private Git hosting that encrypts traffic and stored data, using a per-repository AWS managed KMS key.',
  resourceTypes: ['AWS::CodeCommit::Repository'],
  controls: [
    encAtRest({ requirement: 'Repository data is encrypted at rest with a KMS key created for the repository.', awsManaged: true }),
    encInTransit({ requirement: 'Traffic to repositories is encrypted.', awsManaged: true }),
    cloudTrailLogging('AWS CodeCommit'),
  ],
});

export const codePipeline = defineService({
  id: 'codepipeline',
  code: 'CODEPIPELINE',
  name: 'AWS CodePipeline',
  mayHoldPhi: true,
  summary: 'Continuous delivery pipelines (also used to process research data) with SSE-S3 or SSE-KMS for artifacts and TLS to agents.',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  controls: [
    encAtRest('Encrypt pipeline artifacts with SSE-S3 or SSE-KMS (a customer managed key when artifacts contain PHI).'),
    encInTransit({ requirement: 'Traffic between the service and agents uses TLS.', awsManaged: true }),
    cloudTrailLogging('AWS CodePipeline'),
  ],
});

export const directoryService = defineService({
  id: 'directory-service',
  code: 'DIRECTORY',
  name: 'AWS Directory Service',
  mayHoldPhi: true,
  summary:
    'Managed Microsoft AD stores directory content (which may include PHI) on encrypted EBS volumes, with LDAP traffic inside the VPC; Amazon Cloud Directory encrypts data at rest and in transit with KMS.',
  resourceTypes: ['AWS::DirectoryService::MicrosoftAD'],
  controls: [
    encAtRest({ requirement: 'Directory content is stored on EBS volumes encrypted with AWS managed keys (Cloud Directory uses KMS keys).', awsManaged: true }),
    encInTransit('Keep AD clients inside the VPC, or connect on-premises clients over VPN or Direct Connect, so LDAP traffic carrying PHI is protected.'),
  ],
});

export const workDocs = defineService({
  id: 'workdocs',
  code: 'WORKDOCS',
  name: 'Amazon WorkDocs',
  mayHoldPhi: true,
  summary: 'Enterprise file sharing with KMS encryption at rest, TLS in transit, admin audit logs, CloudTrail integration and optional RADIUS MFA; file and folder names must be PHI-free.',
  resourceTypes: [],
  controls: [
    encAtRest('Files are encrypted with KMS keys the customer manages.'),
    encInTransit({ requirement: 'All clients send files over SSL/TLS.', awsManaged: true }),
    auditLogging({ requirement: 'Review WorkDocs activity logs and CloudTrail, and decide whether users may share outside the organization.', sh: ['CloudTrail.1'], config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED'] }),
    accessControl({ requirement: 'Use MFA (through a RADIUS server) for user sign-in.', citations: [HIPAA.AUTHENTICATION], severity: 'MEDIUM' }),
    noPhiInMetadata('Do not store PHI in file or directory names.'),
  ],
});

export const workSpaces = defineService({
  id: 'workspaces',
  code: 'WORKSPACES',
  name: 'Amazon WorkSpaces',
  mayHoldPhi: true,
  summary: 'Virtual desktops on EBS storage that can be encrypted with customer-managed KMS keys (including their snapshots); clients connect over SSL/TLS.',
  resourceTypes: ['AWS::WorkSpaces::Workspace'],
  controls: [
    encAtRest('Enable WorkSpaces volume encryption with a customer managed KMS key; disk snapshots are then encrypted too.'),
    encInTransit({ requirement: 'Client connections use SSL/TLS.', awsManaged: true }),
  ],
});

export const appStream = defineService({
  id: 'appstream',
  code: 'APPSTREAM',
  name: 'Amazon AppStream 2.0',
  mayHoldPhi: true,
  summary: 'Application streaming where customers configure their own Windows applications; home folders on S3 are encrypted in transit and at rest, and third-party storage must meet the guidance.',
  resourceTypes: ['AWS::AppStream::Stack'],
  controls: [
    encAtRest('Home folders are encrypted with S3-managed keys; if another storage solution is used, configure it to encrypt PHI.'),
    encInTransit({ requirement: 'Home folder traffic goes over S3\'s SSL endpoints and the public API uses TLS.', awsManaged: true }),
    cloudTrailLogging('Amazon AppStream 2.0', 'Resource usage can be tracked in CloudWatch.'),
  ],
});

export const alexaForBusiness = defineService({
  id: 'alexa-for-business',
  code: 'ALEXA',
  name: 'Alexa for Business',
  mayHoldPhi: false,
  summary: 'Manages Alexa devices and skills for an enterprise; the management console does not process PHI, so PHI needs a HIPAA-eligible skill and a BAA with the Alexa organization.',
  resourceTypes: [],
  controls: [
    noPhi('Use only skills that do not process PHI, unless the skill is HIPAA-eligible and covered by a BAA with the Alexa organization.'),
  ],
});

export const iotCore = defineService({
  id: 'iot-core',
  code: 'IOT',
  name: 'AWS IoT Core and AWS IoT Device Management',
  mayHoldPhi: true,
  summary: 'Secure device-to-cloud messaging that can carry PHI; all communication uses TLS and API calls go to CloudTrail.',
  resourceTypes: ['AWS::IoT::Thing'],
  controls: [encInTransit({ requirement: 'All communication with the services uses TLS.', awsManaged: true }), cloudTrailLogging('AWS IoT Core and Device Management')],
});

export const iotGreengrass = defineService({
  id: 'iot-greengrass',
  code: 'GREENGRASS',
  name: 'AWS IoT Greengrass',
  mayHoldPhi: true,
  summary: 'Local compute and messaging for devices, secured with X.509 certificates, IoT and IAM policies, and IoT transport security.',
  resourceTypes: ['AWS::Greengrass::Group'],
  controls: [
    encInTransit('Use the AWS IoT transport security model (TLS) for device traffic carrying PHI.'),
    encAtRest('Encrypt PHI stored locally on Greengrass devices.'),
    cloudTrailLogging('AWS IoT Greengrass'),
  ],
});

export const freeRtos = defineService({
  id: 'freertos',
  code: 'FREERTOS',
  name: 'FreeRTOS',
  mayHoldPhi: true,
  summary: 'Microcontroller OS whose TLS library protects PHI on the network and whose PKCS#11 interface encrypts PHI stored on qualified devices.',
  resourceTypes: [],
  controls: [
    encInTransit('Use the FreeRTOS TLS API to encrypt and authenticate all network traffic containing PHI.'),
    encAtRest('Use PKCS#11 to encrypt PHI stored on qualified devices.'),
  ],
});

export const roboMaker = defineService({
  id: 'robomaker',
  code: 'ROBOMAKER',
  name: 'AWS RoboMaker',
  mayHoldPhi: true,
  summary: 'Robotics development, simulation and fleet management; management traffic uses TLS, simulation volumes are encrypted and logs hold no PHI.',
  resourceTypes: [],
  controls: [
    encInTransit('Encrypt PHI in transit with open-standard transport encryption for connections to other services; management traffic already uses TLS.'),
    encAtRest({ requirement: 'When moving PHI to other services such as S3, follow their guidance for storing PHI.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    cloudTrailLogging('AWS RoboMaker'),
  ],
});

/** Only in the January 2019 revision. */
export const macie = defineService({
  id: 'macie',
  code: 'MACIE',
  name: 'Amazon Macie',
  mayHoldPhi: false,
  summary: 'Discovers and classifies sensitive data such as PHI in S3 and alerts on risky access; configuring it requires no PHI.',
  resourceTypes: [],
  controls: [
    monitoring({
      requirement: 'Use Macie to find PHI in S3 and alert on anomalous access to it; no PHI needs to be entered to configure it.',
      title: 'Discover and watch PHI in S3',
      severity: 'MEDIUM',
    }),
  ],
});

/** The paper's cross-cutting section; its controls apply to the whole environment rather than one service. */
export const auditingBackupsDr = defineService({
  id: 'auditing-backups-dr',
  code: 'AUDIT-DR',
  name: 'Auditing, backups, and disaster recovery',
  mayHoldPhi: false,
  summary:
    'HIPAA expects in-depth audit records kept centrally for a long time, retrievable exact copies of ePHI, and a contingency plan; EBS snapshots, S3, multiple Availability Zones and Elastic Disaster Recovery help meet them.',
  resourceTypes: [],
  controls: [
    auditLogging({
      requirement: 'Track and log activity and store the logs in a central location for an extended period in case of an audit.',
      title: 'Keep central, long-lived audit logs',
      safeguard: 'CENTRAL-LOGGING',
      sh: ['CloudTrail.1', 'CloudWatch.16'],
      config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
      severity: 'HIGH',
    }),
    monitoring({
      requirement: 'Review information system activity regularly (audit logs, access reports, security findings).',
      title: 'Review system activity',
      safeguard: 'ACTIVITY-REVIEW',
      sh: ['GuardDuty.1', 'CloudTrail.5'],
      config: ['GUARDDUTY_ENABLED_CENTRALIZED', 'SECURITYHUB_ENABLED', 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED'],
      severity: 'MEDIUM',
    }),
    backup({
      requirement:
        'Back up every store of ePHI (EBS snapshots, RDS, DynamoDB, EFS, S3) so retrievable exact copies exist, on the schedule and retention the contingency plan sets.',
      title: 'Maintain retrievable exact copies of ePHI',
      safeguard: 'BACKUP-PLAN',
      sh: ['EC2.28', 'RDS.26', 'DynamoDB.4', 'EFS.2'],
      config: [
        'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
        'EBS_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
        'RDS_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
        'DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
        'EFS_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      ],
      severity: 'HIGH',
    }),
    disasterRecovery({
      requirement: 'Keep systems and data available through a disaster: run across Availability Zones, fail over (e.g. with Elastic IPs, Multi-AZ databases) and recover with Elastic Disaster Recovery where needed.',
      sh: ['RDS.5', 'RDS.15'],
      config: ['RDS_MULTI_AZ_SUPPORT', 'RDS_CLUSTER_MULTI_AZ_ENABLED', 'ELBV2_MULTIPLE_AZ'],
    }),
    administrative(
      'CONTINGENCY-TESTING',
      'Test the contingency plan',
      'Exercise backups and recovery procedures periodically so the contingency plan is known to work.',
      [HIPAA.CONTINGENCY_TESTING],
    ),
  ],
});
