// Databases, caches and data warehouses.

import {
  accessControl,
  administrative,
  auditLogging,
  backup,
  cloudTrailLogging,
  defineService,
  encAtRest,
  encInTransit,
  networkProtection,
  HIPAA,
  type ControlSpec,
  type ServiceDefinition,
} from '../builders';

const rdsEncryptionAtRest = (engine: string, extra = '') =>
  encAtRest({
    requirement: `Enable RDS encryption (KMS keys) on ${engine} instances holding PHI; storage, automated backups, read replicas and snapshots are then encrypted.${extra ? ` ${extra}` : ''}`,
    sh: ['RDS.3', 'RDS.4'],
    config: ['RDS_STORAGE_ENCRYPTED', 'RDS_SNAPSHOT_ENCRYPTED'],
  });

const rdsBackup = () =>
  backup({
    requirement: 'Keep automated backups on (and/or a backup plan) so exact copies of the database can be restored.',
    sh: ['RDS.11', 'RDS.26'],
    config: ['DB_INSTANCE_BACKUP_ENABLED', 'RDS_IN_BACKUP_PLAN', 'RDS_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
    origin: 'best-practice',
  });

const rdsPublicAccess = () =>
  accessControl({
    requirement: 'Do not make DB instances or their snapshots publicly accessible.',
    title: 'Keep instances and snapshots private',
    sh: ['RDS.1', 'RDS.2'],
    config: ['RDS_INSTANCE_PUBLIC_ACCESS_CHECK', 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED'],
    severity: 'CRITICAL',
    origin: 'best-practice',
  });

const rdsLogging = (requirement: string, origin: 'whitepaper' | 'best-practice') =>
  auditLogging({ requirement, title: 'Enable database audit logging', sh: ['RDS.9'], config: ['RDS_LOGGING_ENABLED'], origin });

function rdsEngine(args: {
  id: string;
  code: string;
  name: string;
  engine: string;
  summary: string;
  atRestExtra?: string;
  inTransit: string;
  extra?: ControlSpec[];
  logging?: ControlSpec;
}): ServiceDefinition {
  return defineService({
    id: args.id,
    code: args.code,
    name: args.name,
    mayHoldPhi: true,
    summary: args.summary,
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBSnapshot'],
    controls: [
      rdsEncryptionAtRest(args.engine, args.atRestExtra),
      encInTransit(args.inTransit),
      args.logging ?? rdsLogging(`Publish ${args.engine} database logs so access to PHI can be audited.`, 'best-practice'),
      rdsBackup(),
      rdsPublicAccess(),
      ...(args.extra ?? []),
    ],
  });
}

export const rdsMariadb = rdsEngine({
  id: 'rds-mariadb',
  code: 'RDS-MARIADB',
  name: 'Amazon RDS for MariaDB',
  engine: 'MariaDB',
  summary: 'Managed MariaDB: encrypt instances with KMS keys and require TLS for connections carrying PHI.',
  inTransit: 'Connections carrying PHI must use SSL/TLS.',
});

export const rdsMysql = rdsEngine({
  id: 'rds-mysql',
  code: 'RDS-MYSQL',
  name: 'Amazon RDS for MySQL',
  engine: 'MySQL',
  summary: 'Managed MySQL: encrypt instances with KMS keys and require TLS for connections carrying PHI.',
  inTransit: 'Connections carrying PHI must use SSL/TLS.',
});

export const rdsOracle = rdsEngine({
  id: 'rds-oracle',
  code: 'RDS-ORACLE',
  name: 'Amazon RDS for Oracle',
  engine: 'Oracle',
  summary: 'Managed Oracle: encrypt with RDS encryption or Oracle TDE (keys optionally in CloudHSM), and use Oracle Native Network Encryption for connections.',
  atRestExtra: 'Oracle Transparent Data Encryption (Enterprise Edition), with keys optionally kept in CloudHSM, is an alternative to evaluate against the Guidance.',
  inTransit: 'Connections carrying PHI must be encrypted with Oracle Native Network Encryption, enabled in the instance\'s option group.',
});

export const rdsPostgresql = rdsEngine({
  id: 'rds-postgresql',
  code: 'RDS-POSTGRESQL',
  name: 'Amazon RDS for PostgreSQL',
  engine: 'PostgreSQL',
  summary: 'Managed PostgreSQL: encrypt instances with KMS keys and require TLS for connections carrying PHI.',
  inTransit: 'Connections carrying PHI must use SSL/TLS.',
});

export const rdsSqlServer = rdsEngine({
  id: 'rds-sqlserver',
  code: 'RDS-SQLSERVER',
  name: 'Amazon RDS for SQL Server',
  engine: 'SQL Server',
  summary:
    'Managed SQL Server for supported editions only (never Express): instances holding PHI need encryption at rest, Forced SSL and auditing enabled through the parameter group.',
  atRestExtra: 'SQL Server Transparent Data Encryption (Enterprise Edition) is an alternative.',
  inTransit: 'Connections carrying PHI must use SQL Server Forced SSL, set in the instance\'s parameter group.',
  logging: rdsLogging('Instances that contain PHI must have SQL Server auditing enabled through the parameter group.', 'whitepaper'),
  extra: [
    administrative(
      'SUPPORTED-EDITION',
      'Use a supported SQL Server edition',
      'Store PHI only on the editions the paper lists as supported (2008 R2 Enterprise; 2012, 2014, 2016 Web, Standard and Enterprise); never on Express.',
      [HIPAA.ACCESS_CONTROL],
    ),
  ],
});

const auroraControls = (flavour: string): ControlSpec[] => [
  encAtRest({
    requirement: 'Encrypt Aurora clusters with KMS keys; storage, automated backups, read replicas and snapshots are then encrypted.',
    sh: ['RDS.3', 'RDS.4'],
    config: ['RDS_STORAGE_ENCRYPTED', 'RDS_SNAPSHOT_ENCRYPTED'],
  }),
  encInTransit(`Connections to ${flavour} clusters must use SSL/TLS.`),
  backup({
    requirement: 'Protect clusters with a backup plan and deletion protection.',
    sh: ['RDS.7'],
    config: ['AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'RDS_CLUSTER_DELETION_PROTECTION_ENABLED'],
    origin: 'best-practice',
  }),
  accessControl({
    requirement: 'Authenticate database users with IAM where possible and never expose clusters or snapshots publicly.',
    sh: ['RDS.1', 'RDS.12'],
    config: ['RDS_CLUSTER_IAM_AUTHENTICATION_ENABLED', 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED'],
    origin: 'best-practice',
  }),
];

export const aurora = defineService({
  id: 'aurora',
  code: 'AURORA',
  name: 'Amazon Aurora',
  mayHoldPhi: true,
  summary: 'Aurora (MySQL-compatible) clusters encrypted with KMS keys, with SSL/TLS required for connections.',
  resourceTypes: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'],
  controls: auroraControls('Aurora MySQL'),
});

export const auroraPostgresql = defineService({
  id: 'aurora-postgresql',
  code: 'AURORA-PG',
  name: 'Amazon Aurora PostgreSQL',
  mayHoldPhi: true,
  summary: 'Aurora PostgreSQL clusters encrypted with KMS keys, with SSL/TLS required for connections.',
  resourceTypes: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'],
  controls: auroraControls('Aurora PostgreSQL'),
});

export const dynamodb = defineService({
  id: 'dynamodb',
  code: 'DYNAMODB',
  name: 'Amazon DynamoDB',
  mayHoldPhi: true,
  summary: 'Key-value database: reach it over HTTPS endpoints and encrypt tables with KMS keys (backups, replicas and snapshots follow).',
  resourceTypes: ['AWS::DynamoDB::Table'],
  controls: [
    encInTransit('Connections carrying PHI must use the HTTPS endpoints.'),
    encAtRest({
      requirement: 'Encrypt tables with KMS keys the customer manages; backups, replicas and snapshots are encrypted as well.',
      config: ['DYNAMODB_TABLE_ENCRYPTED_KMS'],
    }),
    encAtRest({
      requirement: 'Encrypt DynamoDB Accelerator (DAX) clusters at rest when they cache PHI.',
      title: 'Encrypt DAX caches at rest',
      safeguard: 'DAX-ENC-AT-REST',
      sh: ['DynamoDB.3'],
      config: ['DAX_ENCRYPTION_ENABLED'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
    backup({
      requirement: 'Turn on point-in-time recovery and include tables in a backup plan.',
      sh: ['DynamoDB.2', 'DynamoDB.4'],
      config: ['DYNAMODB_PITR_ENABLED', 'DYNAMODB_IN_BACKUP_PLAN', 'DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
      origin: 'best-practice',
    }),
  ],
});

export const documentdb = defineService({
  id: 'documentdb',
  code: 'DOCDB',
  name: 'Amazon DocumentDB',
  mayHoldPhi: true,
  summary: 'MongoDB-compatible database: enable KMS encryption when creating clusters and keep TLS (on by default) for connections; API calls are logged through CloudTrail as RDS calls.',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  controls: [
    encAtRest({
      requirement: 'Create clusters with encryption at rest (AWS or customer managed KMS keys); backups, replicas and snapshots are encrypted too.',
      config: ['DOCDB_CLUSTER_ENCRYPTED'],
    }),
    encInTransit('Connections carrying PHI must use TLS; new clusters accept only TLS connections by default, keep it that way.'),
    cloudTrailLogging('Amazon DocumentDB', 'Management calls appear as Amazon RDS API calls.'),
  ],
});

export const neptune = defineService({
  id: 'neptune',
  code: 'NEPTUNE',
  name: 'Amazon Neptune',
  mayHoldPhi: true,
  summary: 'Graph database that can hold PHI only in encrypted instances, chosen at creation; logs, backups and snapshots are then encrypted with KMS keys.',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  controls: [
    encAtRest({ requirement: 'Enable encryption when creating the instance (it cannot be added later); keys are managed in KMS.', sh: ['Neptune.1'] }),
    encInTransit('Connect to Neptune over SSL/TLS (HTTPS) when queries or results carry PHI.'),
  ],
});

export const elasticache = defineService({
  id: 'elasticache',
  code: 'ELASTICACHE',
  name: 'Amazon ElastiCache for Redis',
  mayHoldPhi: true,
  summary:
    'In-memory Redis store that can hold PHI on eligible engine versions and current node types, with encryption at rest, TLS, Redis AUTH and timely security service updates all required.',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  controls: [
    encAtRest({
      requirement: 'Create clusters with encryption at rest, which covers data on disk and automated backups (SSE-S3).',
      sh: ['ElastiCache.4'],
      config: ['ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST'],
    }),
    encInTransit({
      requirement: 'Connections carrying PHI must use TLS (in-transit encryption on the replication group).',
      sh: ['ElastiCache.5'],
      config: ['ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT'],
    }),
    accessControl({
      requirement: 'Require a strong Redis AUTH token (16 to 128 printable characters) on clusters holding PHI; it needs both encryption settings on.',
      title: 'Authenticate Redis commands',
      safeguard: 'AUTH',
      sh: ['ElastiCache.6'],
      citations: [HIPAA.ACCESS_CONTROL, HIPAA.AUTHENTICATION],
    }),
    administrative('SERVICE-UPDATES', 'Apply security service updates on time', {
      requirement: "Apply 'Security' service updates on or before their recommended apply-by date.",
      severity: 'HIGH',
    }),
    administrative(
      'SUPPORTED-ENGINE',
      'Use an eligible engine and node type',
      'Store PHI only on HIPAA-eligible Redis engine versions (3.2.6, and 4.0.10 onwards) and current-generation node types.',
      [HIPAA.ACCESS_CONTROL],
    ),
    backup({
      requirement: 'Schedule automatic backups for clusters that hold PHI.',
      sh: ['ElastiCache.1'],
      config: ['ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK'],
      origin: 'best-practice',
    }),
  ],
});

export const redshift = defineService({
  id: 'redshift',
  code: 'REDSHIFT',
  name: 'Amazon Redshift',
  mayHoldPhi: true,
  summary: 'Data warehouse (Spectrum included) with cluster encryption under a four-tier key hierarchy (KMS or CloudHSM) and encrypted client connections.',
  resourceTypes: ['AWS::Redshift::Cluster'],
  controls: [
    encAtRest({
      requirement: 'Enable cluster encryption (AES-256, with the cluster key in KMS or CloudHSM); backups are encrypted too.',
      config: ['REDSHIFT_CLUSTER_CONFIGURATION_CHECK', 'REDSHIFT_CLUSTER_KMS_ENABLED'],
    }),
    encInTransit({ requirement: 'Connections carrying PHI must use TLS (require_ssl in the parameter group).', sh: ['Redshift.2'], config: ['REDSHIFT_REQUIRE_TLS_SSL'] }),
    auditLogging({
      requirement: 'Enable cluster audit logging (connections and user activity).',
      sh: ['Redshift.4'],
      config: ['REDSHIFT_AUDIT_LOGGING_ENABLED'],
      origin: 'best-practice',
    }),
    backup({ requirement: 'Keep automatic snapshots with at least seven days\' retention.', sh: ['Redshift.3'], config: ['REDSHIFT_BACKUP_ENABLED'], origin: 'best-practice' }),
    accessControl({
      requirement: 'Do not make clusters publicly accessible.',
      sh: ['Redshift.1'],
      config: ['REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK'],
      severity: 'CRITICAL',
      origin: 'best-practice',
    }),
  ],
});

export const qldb = defineService({
  id: 'qldb',
  code: 'QLDB',
  name: 'Amazon Quantum Ledger Database (Amazon QLDB)',
  mayHoldPhi: true,
  summary: 'Ledger database that may retain PHI; data is encrypted in transit (TLS) and at rest (AWS managed keys) by default, and users should get individual least-privilege IAM identities.',
  resourceTypes: ['AWS::QLDB::Ledger'],
  controls: [
    encAtRest({ requirement: 'Ledger data is encrypted at rest with AWS managed keys by default.', awsManaged: true }),
    encInTransit({ requirement: 'Data in transit is encrypted with TLS by default.', awsManaged: true }),
    accessControl({ requirement: 'Give each user an individual IAM identity with only the permissions their duties need, and protect account credentials.', severity: 'MEDIUM' }),
    cloudTrailLogging('Amazon QLDB'),
  ],
});

export const dms = defineService({
  id: 'dms',
  code: 'DMS',
  name: 'AWS Database Migration Service',
  mayHoldPhi: true,
  summary: 'Migrates databases that may contain PHI; it encrypts data in transit and while staged, encrypts replication storage and endpoint details, and targets must follow their own guidance.',
  resourceTypes: ['AWS::DMS::ReplicationInstance'],
  controls: [
    encAtRest('Encrypt replication instance storage and endpoint connection information with a KMS key, and encrypt the target database per its guidance.'),
    encInTransit('Use SSL for source and target endpoint connections carrying PHI.'),
    networkProtection({
      requirement: 'Do not make replication instances publicly accessible.',
      sh: ['DMS.1'],
      config: ['DMS_REPLICATION_NOT_PUBLIC'],
      severity: 'CRITICAL',
      origin: 'best-practice',
    }),
  ],
});
