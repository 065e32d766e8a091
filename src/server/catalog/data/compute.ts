// Compute, containers, serverless and migration services.

import {
  accessControl,
  administrative,
  auditLogging,
  cloudTrailLogging,
  defineService,
  disasterRecovery,
  encAtRest,
  encInTransit,
  networkProtection,
  noPhi,
  noPhiInMetadata,
  HIPAA,
} from '../builders';

export const ec2 = defineService({
  id: 'ec2',
  code: 'EC2',
  name: 'Amazon EC2',
  mayHoldPhi: true,
  summary:
    'Customer-managed virtual servers: PHI at rest is encrypted by the application, database or disk (EBS, full-disk or file-level), and all PHI network traffic is encrypted, including traffic between instances inside a VPC.',
  resourceTypes: ['AWS::EC2::Instance'],
  controls: [
    encAtRest({
      requirement:
        'Encrypt PHI stored by instances: application or field-level encryption, database TDE, encrypted EBS volumes, or file-level/full-disk encryption, with keys kept in KMS where possible.',
      sh: ['EC2.3', 'EC2.7'],
      config: ['ENCRYPTED_VOLUMES', 'EC2_EBS_ENCRYPTION_BY_DEFAULT'],
    }),
    encInTransit(
      'Encrypt all PHI traffic: TLS or IPsec VPN between external sources and instances, and TLS (or an IPsec tunnel for protocols without encryption) between instances inside the VPC.',
    ),
    auditLogging({
      requirement: 'Keep activity and audit logs on instances (down to the network layer where needed) and ship them to a central, retained store.',
      title: 'Log activity on instances',
      fromAuditingSection: true,
    }),
    networkProtection({
      requirement: 'Do not expose instances that process PHI directly: no public IPs, a closed default security group, and no unrestricted SSH/RDP or other high-risk ports.',
      sh: ['EC2.2', 'EC2.9', 'EC2.13', 'EC2.18', 'EC2.19'],
      config: ['VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'EC2_INSTANCE_NO_PUBLIC_IP', 'INCOMING_SSH_DISABLED', 'RESTRICTED_INCOMING_TRAFFIC', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS'],
      origin: 'best-practice',
    }),
    accessControl({
      requirement: 'Require IMDSv2 so instance credentials cannot be read through request-forgery attacks.',
      title: 'Require IMDSv2',
      safeguard: 'IMDSV2',
      sh: ['EC2.8'],
      config: ['EC2_IMDSV2_CHECK'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
    administrative(
      'PATCHING',
      'Keep instances managed and patched',
      {
        requirement: 'Manage instances with Systems Manager and keep them at a compliant patch level.',
        sh: ['SSM.1', 'SSM.2'],
        config: ['EC2_INSTANCE_MANAGED_BY_SSM', 'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK'],
        origin: 'best-practice',
      },
    ),
    disasterRecovery({
      requirement: 'Spread instances across Availability Zones and keep AMIs/snapshots (for example in a backup plan) so servers can be relaunched quickly after a failure.',
      config: ['EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
      fromAuditingSection: true,
    }),
  ],
});

export const ecr = defineService({
  id: 'ecr',
  code: 'ECR',
  name: 'Amazon Elastic Container Registry',
  mayHoldPhi: true,
  summary: 'Container image registry for ECS; images are encrypted in transit and at rest (SSE-S3) without extra steps.',
  resourceTypes: ['AWS::ECR::Repository'],
  controls: [
    encAtRest({ requirement: 'Images are stored encrypted with S3 server-side encryption; no configuration is needed.', awsManaged: true }),
    encInTransit({ requirement: 'Images are pushed and pulled over encrypted connections.', awsManaged: true }),
    administrative('IMAGE-SCANNING', 'Scan images for vulnerabilities', {
      requirement: 'Turn on image scanning for private repositories.',
      sh: ['ECR.1'],
      config: ['ECR_PRIVATE_IMAGE_SCANNING_ENABLED'],
      origin: 'best-practice',
    }),
  ],
});

export const ecs = defineService({
  id: 'ecs',
  code: 'ECS',
  name: 'Amazon ECS',
  mayHoldPhi: true,
  summary:
    'Container orchestration that never touches workload data itself; PHI handled by containers must be encrypted at rest and in transit (an overlay network may be needed between containers), with complete logging.',
  resourceTypes: ['AWS::ECS::Cluster', 'AWS::ECS::Service', 'AWS::ECS::TaskDefinition'],
  controls: [
    encAtRest({
      requirement: 'Encrypt PHI that containers store, using the encryption of the chosen storage (S3, EBS, EFS, KMS).',
      sh: ['EC2.7'],
      config: ['EC2_EBS_ENCRYPTION_BY_DEFAULT'],
    }),
    encInTransit('Encrypt PHI sent between containers; an encrypted overlay network can add a redundant layer.'),
    auditLogging({
      requirement: 'Enable complete logging: CloudTrail for the ECS API and a log configuration on every task definition so container logs are collected.',
      sh: ['CloudTrail.1'],
      config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'ECS_TASK_DEFINITION_LOG_CONFIGURATION'],
    }),
    encAtRest({
      requirement:
        'If container logs can contain PHI, write them to stdout/stderr for FireLens rather than to unencrypted log files, do not buffer Fluent Bit to unencrypted disk, and send them only to destinations that encrypt in transit.',
      title: 'Handle PHI in container logs safely',
      safeguard: 'LOG-PHI-HANDLING',
      severity: 'MEDIUM',
    }),
    accessControl({
      requirement: 'Do not pass secrets as plain environment variables and run containers unprivileged with read-only root filesystems.',
      title: 'Harden task definitions',
      sh: ['ECS.1', 'ECS.4', 'ECS.5', 'ECS.8'],
      config: ['ECS_NO_ENVIRONMENT_SECRETS', 'ECS_CONTAINERS_NONPRIVILEGED', 'ECS_CONTAINERS_READONLY_ACCESS', 'ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK'],
      origin: 'best-practice',
    }),
  ],
});

export const eks = defineService({
  id: 'eks',
  code: 'EKS',
  name: 'Amazon EKS',
  mayHoldPhi: true,
  summary: 'Managed Kubernetes control plane; detailed HIPAA guidance lives in the separate EKS whitepaper, and workloads follow the usual encryption rules for PHI.',
  resourceTypes: ['AWS::EKS::Cluster'],
  controls: [
    encAtRest({
      requirement: 'Encrypt PHI used by workloads with the encryption of the storage they use, and encrypt Kubernetes secrets with a KMS key.',
      config: ['EKS_SECRETS_ENCRYPTED'],
    }),
    cloudTrailLogging('Amazon EKS'),
    networkProtection({
      requirement: 'Do not expose the cluster API endpoint publicly.',
      config: ['EKS_ENDPOINT_NO_PUBLIC_ACCESS'],
      origin: 'best-practice',
    }),
    administrative('SUPPORTED-VERSION', 'Run a supported Kubernetes version', {
      requirement: 'Keep clusters on a Kubernetes version that still receives security fixes.',
      sh: ['EKS.2'],
      config: ['EKS_CLUSTER_SUPPORTED_VERSION'],
      origin: 'best-practice',
    }),
  ],
});

export const fargate = defineService({
  id: 'fargate',
  code: 'FARGATE',
  name: 'AWS Fargate',
  mayHoldPhi: true,
  summary: 'Serverless container compute; it manages only the infrastructure, so PHI in the workload follows the ECS guidance for encryption and logging.',
  resourceTypes: ['AWS::ECS::Service'],
  controls: [
    encInTransit('Encrypt PHI that Fargate tasks send, as for ECS.'),
    encAtRest('Encrypt PHI that Fargate tasks store, using the encryption of the storage service used.'),
    administrative('PLATFORM-VERSION', 'Run the latest platform version', {
      requirement: 'Run Fargate services on the latest platform version so security fixes apply.',
      config: ['ECS_FARGATE_LATEST_PLATFORM_VERSION'],
      origin: 'best-practice',
    }),
  ],
});

export const batch = defineService({
  id: 'batch',
  code: 'BATCH',
  name: 'AWS Batch',
  mayHoldPhi: true,
  summary: 'Schedules batch jobs on AWS compute; jobs may work on encrypted PHI, but job definitions, queues and tags must not contain it.',
  resourceTypes: ['AWS::Batch::JobDefinition', 'AWS::Batch::JobQueue'],
  controls: [
    noPhiInMetadata('Keep PHI out of job definitions, job queues and tags.'),
    encAtRest('Any output a job stage writes must be encrypted in the storage service it lands in.'),
    encInTransit('Jobs move PHI only over encrypted connections.'),
  ],
});

export const lambda = defineService({
  id: 'lambda',
  code: 'LAMBDA',
  name: 'AWS Lambda',
  mayHoldPhi: true,
  summary: 'Serverless functions; connections to other resources use HTTPS/TLS, PHI kept at rest in a function is encrypted with KMS or CloudHSM keys, and triggers follow their own services\' guidance.',
  resourceTypes: ['AWS::Lambda::Function'],
  controls: [
    encInTransit('Reach external resources only over encrypted protocols (e.g. S3 through its https:// endpoint).'),
    encAtRest(
      'If PHI rests or idles in a running function (including environment variables), encrypt it client-side or server-side with keys from KMS or CloudHSM.',
    ),
    accessControl({
      requirement: 'Function resource policies must not allow public invocation.',
      sh: ['Lambda.1'],
      config: ['LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'],
      severity: 'CRITICAL',
      origin: 'best-practice',
    }),
    noPhiInMetadata({
      requirement: 'Do not log PHI from functions; use CloudWatch Logs data protection to mask it if it can appear.',
      title: 'Keep PHI out of function logs',
      safeguard: 'NO-PHI-IN-LOGS',
      origin: 'companion-blog',
    }),
    networkProtection({
      requirement: 'Attach functions that reach PHI stores to a VPC, in more than one Availability Zone.',
      sh: ['Lambda.3', 'Lambda.5'],
      config: ['LAMBDA_INSIDE_VPC', 'LAMBDA_VPC_MULTI_AZ_CHECK'],
      severity: 'LOW',
      origin: 'best-practice',
    }),
    administrative('SUPPORTED-RUNTIME', 'Use supported runtimes', {
      requirement: 'Run functions on runtimes that still receive security updates.',
      sh: ['Lambda.2'],
      config: ['LAMBDA_FUNCTION_SETTINGS_CHECK'],
      origin: 'best-practice',
    }),
  ],
});

export const lambdaAtEdge = defineService({
  id: 'lambda-at-edge',
  code: 'LAMBDA-EDGE',
  name: 'Lambda@Edge',
  mayHoldPhi: true,
  summary: 'Lambda functions run at CloudFront edge locations; follow the CloudFront guidance and encrypt every connection in and out.',
  resourceTypes: ['AWS::Lambda::Function'],
  controls: [
    encInTransit('Encrypt every connection into and out of Lambda@Edge with HTTPS or TLS, following the CloudFront guidance.'),
  ],
});

export const elasticBeanstalk = defineService({
  id: 'elastic-beanstalk',
  code: 'BEANSTALK',
  name: 'AWS Elastic Beanstalk',
  mayHoldPhi: false,
  summary: 'Deploys applications onto other AWS services; it holds no PHI itself, so only HIPAA-eligible services should be deployed and free-form fields kept PHI-free.',
  resourceTypes: ['AWS::ElasticBeanstalk::Environment'],
  controls: [
    noPhiInMetadata('Do not put PHI in free-form fields such as environment or application names; deploy only HIPAA-eligible services for PHI workloads.'),
    cloudTrailLogging('AWS Elastic Beanstalk'),
    administrative('MANAGED-UPDATES', 'Apply managed platform updates', {
      requirement: 'Enable managed platform updates so environments get security patches.',
      sh: ['ElasticBeanstalk.2'],
      config: ['ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED'],
      origin: 'best-practice',
    }),
  ],
});

export const autoScaling = defineService({
  id: 'auto-scaling',
  code: 'AUTOSCALING',
  name: 'AWS Auto Scaling',
  mayHoldPhi: false,
  summary: 'Orchestrates scaling of resources that may hold PHI without touching content; sensitive data must stay out of names and other free-form fields, which can end up in diagnostic logs.',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  controls: [
    noPhiInMetadata('Keep PHI and other sensitive identifiers out of names and free-form fields, and do not embed credentials in URLs given to the service.'),
    networkProtection({
      requirement: 'Launch configurations should not give instances public IP addresses.',
      config: ['AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const appMesh = defineService({
  id: 'app-mesh',
  code: 'APPMESH',
  name: 'AWS App Mesh',
  mayHoldPhi: true,
  summary: 'Service mesh for application-level networking between services; PHI moving through the mesh must be encrypted with TLS.',
  resourceTypes: ['AWS::AppMesh::Mesh'],
  controls: [
    encInTransit('Configure TLS between mesh endpoints for traffic that carries PHI.'),
    noPhiInMetadata('Keep PHI out of mesh, service and route names.'),
  ],
});

export const vmImportExport = defineService({
  id: 'vm-import-export',
  code: 'VMIE',
  name: 'VM Import/Export',
  mayHoldPhi: true,
  summary: 'Imports virtual machine images into EC2 and exports them back through S3; the resulting instances, volumes and buckets follow their own PHI guidance.',
  resourceTypes: ['AWS::EC2::Instance'],
  controls: [
    encAtRest({
      requirement: 'Images that contain PHI must land in encrypted S3 buckets and run on encrypted EBS volumes, following the EC2 and S3 guidance.',
      sh: ['S3.4', 'EC2.3'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'ENCRYPTED_VOLUMES'],
    }),
  ],
});

export const applicationMigrationService = defineService({
  id: 'application-migration-service',
  code: 'MGN',
  name: 'AWS Application Migration Service',
  mayHoldPhi: true,
  summary: 'Lift-and-shift migration by block-level replication straight into the customer\'s EBS volumes; replication traffic is encrypted by default and the volumes must be encrypted.',
  resourceTypes: ['AWS::EC2::Volume'],
  controls: [
    encInTransit({ requirement: 'Replicated data is encrypted in transit by default.', awsManaged: true }),
    encAtRest({
      requirement: 'Configure EBS encryption for the staging and target volumes that receive PHI.',
      sh: ['EC2.3', 'EC2.7'],
      config: ['ENCRYPTED_VOLUMES', 'EC2_EBS_ENCRYPTION_BY_DEFAULT'],
    }),
  ],
});

export const serverMigrationService = defineService({
  id: 'server-migration-service',
  code: 'SMS',
  name: 'AWS Server Migration Service',
  mayHoldPhi: true,
  summary: 'Replicates on-premises VMs into AMIs; data is encrypted in transit and while staged, and the resulting instances follow the EC2 guidance.',
  resourceTypes: ['AWS::EC2::Instance'],
  controls: [
    encInTransit({ requirement: 'Replication traffic and staged images are encrypted by the service.', awsManaged: true }),
    encAtRest({
      requirement: 'Encrypt the EBS volumes of migrated instances that hold PHI, as the EC2 guidance requires.',
      sh: ['EC2.3'],
      config: ['ENCRYPTED_VOLUMES'],
    }),
  ],
});

export const elasticDisasterRecovery = defineService({
  id: 'elastic-disaster-recovery',
  code: 'DRS',
  name: 'AWS Elastic Disaster Recovery',
  mayHoldPhi: true,
  summary: 'Continuous replication of servers into a low-cost staging area with point-in-time recovery; readiness is kept by monitoring replication and running recovery drills.',
  resourceTypes: ['AWS::EC2::Volume'],
  controls: [
    encAtRest({
      requirement: 'Encrypt the staging-area volumes that receive replicated PHI.',
      sh: ['EC2.7'],
      config: ['EC2_EBS_ENCRYPTION_BY_DEFAULT'],
    }),
    disasterRecovery('Monitor replication and run non-disruptive recovery and failback drills periodically.'),
    administrative(
      'DR-TESTING',
      'Test recovery',
      { requirement: 'Confirm with non-disruptive tests that recovery works before relying on it.', fromAuditingSection: false },
      [HIPAA.CONTINGENCY_TESTING],
    ),
  ],
});

export const serverlessApplicationRepository = defineService({
  id: 'serverless-application-repository',
  code: 'SAR',
  name: 'AWS Serverless Application Repository',
  mayHoldPhi: false,
  summary: 'Repository of reusable serverless applications; applications only process PHI once deployed into an account, never inside the repository.',
  resourceTypes: ['AWS::Serverless::Application'],
  controls: [noPhi('Do not publish PHI in applications, descriptions or metadata stored in the repository.')],
});
