// Storage and data-transfer services.

import {
  accessControl,
  backup,
  defineService,
  encAtRest,
  encInTransit,
  auditLogging,
  keyManagement,
  noPhiInMetadata,
  cloudTrailLogging,
  HIPAA,
} from '../builders';

export const s3 = defineService({
  id: 's3',
  code: 'S3',
  name: 'Amazon S3',
  mayHoldPhi: true,
  summary:
    'Object storage that can hold PHI when objects are encrypted (server-side or client-side) and reached only over HTTPS; names and metadata stay PHI-free.',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: [
    encAtRest({
      requirement: 'Encrypt objects holding PHI, with S3 server-side encryption (S3-managed or KMS keys) or client-side encryption.',
      sh: ['S3.4'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'S3_DEFAULT_ENCRYPTION_KMS'],
    }),
    encInTransit({
      requirement: 'Reach buckets holding PHI only through HTTPS endpoints; a bucket policy that denies requests without aws:SecureTransport enforces it.',
      sh: ['S3.5'],
      config: ['S3_BUCKET_SSL_REQUESTS_ONLY'],
    }),
    noPhiInMetadata('Do not put PHI in bucket names, object keys or object metadata: S3 encryption does not cover them.'),
    accessControl({
      requirement: 'Keep buckets that may hold PHI private: block public access at account and bucket level and do not grant public read or write.',
      sh: ['S3.1', 'S3.2', 'S3.3', 'S3.8'],
      config: [
        'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
        'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
        'S3_BUCKET_PUBLIC_READ_PROHIBITED',
        'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
      ],
      severity: 'CRITICAL',
      origin: 'best-practice',
    }),
    auditLogging({
      requirement: 'Record access to objects (server access logs or CloudTrail data events) so that reads and writes of PHI can be audited.',
      title: 'Log access to objects',
      sh: ['S3.9'],
      config: ['S3_BUCKET_LOGGING_ENABLED', 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED'],
      origin: 'best-practice',
    }),
    backup({
      requirement: 'Keep recoverable copies of PHI objects: S3 stores redundant copies, and versioning and replication protect against deletion or a regional outage.',
      sh: ['S3.7', 'S3.14'],
      config: ['S3_BUCKET_VERSIONING_ENABLED', 'S3_BUCKET_REPLICATION_ENABLED'],
      fromAuditingSection: true,
    }),
  ],
});

export const s3Glacier = defineService({
  id: 's3-glacier',
  code: 'GLACIER',
  name: 'Amazon S3 Glacier',
  mayHoldPhi: true,
  summary: 'Archive storage that encrypts archives automatically; connections must use HTTPS and vault or archive names must not carry PHI.',
  resourceTypes: ['AWS::Glacier::Vault'],
  controls: [
    encAtRest({ requirement: 'Archives are encrypted at rest with AES-256 by the service.', awsManaged: true }),
    encInTransit('Connect to Glacier only through HTTPS endpoints when archives contain PHI.'),
    noPhiInMetadata('Do not use PHI in vault names, archive descriptions or metadata: they are not encrypted.'),
  ],
});

export const s3TransferAcceleration = defineService({
  id: 's3-transfer-acceleration',
  code: 'S3TA',
  name: 'Amazon S3 Transfer Acceleration',
  mayHoldPhi: true,
  summary: 'Speeds up uploads to S3 through edge locations; PHI must travel encrypted and land in a bucket configured per the S3 guidance.',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: [
    encInTransit('Send PHI through Transfer Acceleration only over encrypted (HTTPS) connections.'),
    encAtRest({
      requirement: 'The destination bucket must encrypt PHI at rest as the S3 guidance requires.',
      sh: ['S3.4'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    }),
  ],
});

export const ebs = defineService({
  id: 'ebs',
  code: 'EBS',
  name: 'Amazon Elastic Block Store',
  mayHoldPhi: true,
  summary: 'Block volumes for EC2; EBS encryption (a KMS-protected key per volume) satisfies at-rest encryption for PHI, and snapshots provide backups.',
  resourceTypes: ['AWS::EC2::Volume'],
  controls: [
    encAtRest({
      requirement: 'Encrypt volumes that hold PHI with EBS encryption, choosing the KMS key that protects each volume key; turning on encryption by default prevents gaps.',
      sh: ['EC2.3', 'EC2.7'],
      config: ['ENCRYPTED_VOLUMES', 'EC2_EBS_ENCRYPTION_BY_DEFAULT'],
    }),
    backup({
      requirement: 'Take point-in-time snapshots of volumes holding PHI (for example through an AWS Backup plan) so exact copies can be restored.',
      sh: ['EC2.28'],
      config: ['EBS_IN_BACKUP_PLAN', 'EBS_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
      fromAuditingSection: true,
    }),
    accessControl({
      requirement: 'Never share EBS snapshots publicly: anyone could restore the PHI they contain.',
      title: 'Keep snapshots private',
      sh: ['EC2.1'],
      config: ['EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK'],
      severity: 'CRITICAL',
      origin: 'best-practice',
    }),
  ],
});

export const efs = defineService({
  id: 'efs',
  code: 'EFS',
  name: 'Amazon EFS',
  mayHoldPhi: true,
  summary: 'Shared NFS file storage; create file systems with encryption at rest, mount them with TLS, and keep PHI out of file and folder names.',
  resourceTypes: ['AWS::EFS::FileSystem', 'AWS::EFS::AccessPoint'],
  controls: [
    encAtRest({
      requirement: 'Create file systems with encryption at rest enabled (AES-256, KMS keys), or encrypt data before writing it and manage those keys yourself.',
      sh: ['EFS.1'],
      config: ['EFS_ENCRYPTED_CHECK'],
    }),
    encInTransit('Mount file systems with TLS (the mount helper\'s "-o tls" option or an equivalent TLS tunnel); TLS is off by default.'),
    noPhiInMetadata('Do not use PHI in file or folder names.'),
    backup({
      requirement: 'Include file systems holding PHI in a backup plan.',
      sh: ['EFS.2'],
      config: ['EFS_IN_BACKUP_PLAN', 'EFS_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
      origin: 'best-practice',
    }),
    accessControl({
      requirement: 'Use access points that enforce a root directory and a POSIX user so applications only reach their own files.',
      sh: ['EFS.3', 'EFS.4'],
      config: ['EFS_ACCESS_POINT_ENFORCE_ROOT_DIRECTORY', 'EFS_ACCESS_POINT_ENFORCE_USER_IDENTITY'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const fsx = defineService({
  id: 'fsx',
  code: 'FSX',
  name: 'Amazon FSx',
  mayHoldPhi: true,
  summary: 'Managed Windows File Server and Lustre file systems; encryption at rest is automatic, in-transit encryption depends on the client protocol.',
  resourceTypes: ['AWS::FSx::FileSystem'],
  controls: [
    encAtRest({ requirement: 'File systems are encrypted at rest automatically (AES-256 with KMS keys).', awsManaged: true }),
    encInTransit('Use clients that encrypt in transit: SMB 3.0 or newer for FSx for Windows File Server, instances that support in-transit encryption for FSx for Lustre; otherwise encrypt data before storing it.'),
    noPhiInMetadata('Do not use PHI in file or folder names.'),
    cloudTrailLogging('Amazon FSx'),
    backup({
      requirement: 'Protect file systems holding PHI with a backup plan.',
      config: ['FSX_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
      origin: 'best-practice',
    }),
  ],
});

export const storageGateway = defineService({
  id: 'storage-gateway',
  code: 'STORAGEGW',
  name: 'AWS Storage Gateway',
  mayHoldPhi: true,
  summary: 'Hybrid storage (file, volume and tape gateways) backed by S3; traffic to AWS is TLS-encrypted, local buffers and backup software must encrypt PHI, and full logging should be on.',
  resourceTypes: ['AWS::StorageGateway::Gateway'],
  controls: [
    encInTransit({ requirement: 'Gateways talk to AWS over HTTPS/TLS 1.2.', awsManaged: true }),
    encAtRest('Data is stored encrypted in S3 (SSE-S3 or KMS); for volume gateways attach encrypted local disks as upload buffer and cache, and for tape gateways enable encryption in the backup application.'),
    auditLogging('Enable full logging for any gateway configuration that handles PHI.'),
  ],
});

export const snowball = defineService({
  id: 'snowball',
  code: 'SNOWBALL',
  name: 'AWS Snowball',
  mayHoldPhi: true,
  summary: 'Offline bulk transfer appliance; PHI on the device must be encrypted, using S3-managed keys on import or the customer\'s own encryption beforehand.',
  resourceTypes: [],
  controls: [
    encAtRest('Encrypt PHI stored on Snowball: the import uses SSE-S3, or encrypt the data yourself before copying it to the appliance.'),
  ],
});

export const snowballEdge = defineService({
  id: 'snowball-edge',
  code: 'SNOWBALL-EDGE',
  name: 'AWS Snowball Edge',
  mayHoldPhi: true,
  summary: 'Edge storage and compute appliance; connections to and from it must be encrypted and PHI on its local volumes encrypted.',
  resourceTypes: [],
  controls: [
    encInTransit('Use encrypted protocols (HTTPS, TLS) when Lambda functions on the device (AWS IoT Greengrass) move PHI to or from external resources.'),
    encAtRest('Encrypt PHI written to local volumes (directly or over NFS); data loaded through the Snowball console and API for import into S3 is encrypted automatically.'),
  ],
});

export const snowmobile = defineService({
  id: 'snowmobile',
  code: 'SNOWMOBILE',
  name: 'AWS Snowmobile',
  mayHoldPhi: true,
  summary: 'Exabyte-scale transfer operated by AWS; data on the vehicle is encrypted with KMS keys.',
  resourceTypes: [],
  controls: [encAtRest({ requirement: 'Data stored on Snowmobile is encrypted with keys managed in AWS KMS.', awsManaged: true })],
});

export const awsBackup = defineService({
  id: 'backup',
  code: 'BACKUP',
  name: 'AWS Backup',
  mayHoldPhi: true,
  summary: 'Central, policy-based backups across AWS services; backups are encrypted in transit and at rest (with the source service\'s keys or independently).',
  resourceTypes: ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::RecoveryPoint'],
  controls: [
    encAtRest({
      requirement: 'Recovery points are encrypted: snapshot-based backups with the source resource\'s key, newer services (such as EFS) independently with the vault key.',
      sh: ['Backup.1'],
      config: ['BACKUP_RECOVERY_POINT_ENCRYPTED'],
    }),
    backup({
      requirement: 'Define backup plans whose frequency and retention meet the contingency plan, and keep recovery points long enough.',
      title: 'Back up on a schedule with enough retention',
      config: ['BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK'],
      fromAuditingSection: true,
    }),
    accessControl({
      requirement: 'Prevent manual deletion of recovery points through the backup vault\'s access policy.',
      title: 'Protect recovery points from deletion',
      safeguard: 'DELETION-PROTECTION',
      config: ['BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED'],
      citations: [HIPAA.INTEGRITY, HIPAA.DATA_BACKUP],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const dataSync = defineService({
  id: 'datasync',
  code: 'DATASYNC',
  name: 'AWS DataSync',
  mayHoldPhi: true,
  summary: 'Online transfer from on-premises storage to S3 or EFS; data moves over TLS and the destination must be configured per its own guidance.',
  resourceTypes: ['AWS::DataSync::Task'],
  controls: [
    encInTransit({ requirement: 'DataSync encrypts data in transit with TLS.', awsManaged: true }),
    encAtRest({
      requirement: 'Configure the destination S3 bucket or EFS file system to encrypt PHI at rest as their guidance requires.',
      sh: ['S3.4', 'EFS.1'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'EFS_ENCRYPTED_CHECK'],
    }),
  ],
});

export const transferSftp = defineService({
  id: 'transfer-sftp',
  code: 'TRANSFER',
  name: 'AWS Transfer for SFTP',
  mayHoldPhi: false,
  summary: 'Managed SFTP endpoint in front of S3; the service itself does not store, process or transmit PHI, but the S3 resources it exposes must follow the S3 guidance.',
  resourceTypes: ['AWS::Transfer::Server'],
  controls: [
    encAtRest({
      requirement: 'Configure the S3 buckets reached through the server as the S3 guidance requires.',
      sh: ['S3.4', 'S3.5'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'S3_BUCKET_SSL_REQUESTS_ONLY'],
    }),
    cloudTrailLogging('AWS Transfer for SFTP'),
  ],
});

/** KMS keys protect PHI everywhere else; its section of the paper is cross-cutting. */
export const kms = defineService({
  id: 'kms',
  code: 'KMS',
  name: 'AWS Key Management Service',
  mayHoldPhi: false,
  summary:
    'KMS keys encrypt the data keys that protect PHI in applications and AWS services; PHI itself must only be processed in HIPAA-eligible services, and key use is logged to CloudTrail.',
  resourceTypes: ['AWS::KMS::Key'],
  controls: [
    keyManagement({
      requirement: 'Protect the data keys that encrypt PHI with KMS keys (envelope encryption, e.g. GenerateDataKey in applications); KMS holds keys, not PHI.',
      title: 'Use KMS keys to protect data keys',
      safeguard: 'ENVELOPE-ENCRYPTION',
    }),
    keyManagement({
      requirement: 'Turn on automatic rotation for customer managed keys that protect PHI, so key material is renewed regularly.',
      title: 'Rotate customer managed keys',
      safeguard: 'KEY-ROTATION',
      sh: ['KMS.4'],
      config: ['CMK_BACKING_KEY_ROTATION_ENABLED'],
      origin: 'companion-blog',
    }),
    accessControl({
      requirement:
        'Grant kms:Decrypt only on the specific keys each principal needs (one key per data category, e.g. patient details vs. costs), never on all keys.',
      title: 'Least-privilege key use',
      safeguard: 'LEAST-PRIVILEGE',
      sh: ['KMS.1', 'KMS.2'],
      config: ['IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS', 'IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS'],
      severity: 'MEDIUM',
      origin: 'companion-blog',
    }),
    keyManagement({
      requirement: 'Do not schedule keys that protect PHI for deletion by accident: data encrypted under a deleted key cannot be recovered.',
      title: 'Prevent unintended key deletion',
      safeguard: 'KEY-DELETION',
      sh: ['KMS.3'],
      config: ['KMS_CMK_NOT_SCHEDULED_FOR_DELETION'],
      citations: [HIPAA.INTEGRITY, HIPAA.DATA_BACKUP],
      severity: 'HIGH',
      origin: 'best-practice',
    }),
    auditLogging({
      requirement: 'Keep every use of a KMS key visible in CloudTrail so access to encrypted PHI can be traced to a principal.',
      title: 'Log key usage',
      sh: ['CloudTrail.1', 'CloudTrail.3'],
      config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLED'],
      origin: 'companion-blog',
    }),
  ],
});

export const cloudHsm = defineService({
  id: 'cloudhsm',
  code: 'CLOUDHSM',
  name: 'AWS CloudHSM',
  mayHoldPhi: false,
  summary: 'Dedicated FIPS 140-2 Level 3 HSMs for customer-managed keys; it stores keys, never PHI.',
  resourceTypes: ['AWS::CloudHSM::Cluster'],
  controls: [
    keyManagement('Use CloudHSM to generate and hold keys that protect PHI where dedicated HSMs are required; keep PHI itself out of the HSM.'),
  ],
});
