// Analytics, search, machine learning and AI services.

import {
  accessControl,
  auditLogging,
  cloudTrailLogging,
  defineService,
  encAtRest,
  encInTransit,
  networkProtection,
  administrative,
  HIPAA,
  type ControlSpec,
} from '../builders';

export const athena = defineService({
  id: 'athena',
  code: 'ATHENA',
  name: 'Amazon Athena',
  mayHoldPhi: true,
  summary: 'SQL queries over data in S3; transfers use TLS by default, source data follows the S3 guidance and query results (including staged results) must be encrypted.',
  resourceTypes: ['AWS::Athena::WorkGroup'],
  controls: [
    encInTransit({ requirement: 'Traffic between Athena and S3 is encrypted with TLS by default.', awsManaged: true }),
    encAtRest({
      requirement: 'Encrypt the PHI that Athena queries in S3 as the S3 guidance requires.',
      title: 'Encrypt queried data at rest',
      safeguard: 'SOURCE-ENC-AT-REST',
      sh: ['S3.4'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    }),
    encAtRest('Encrypt query results, including staged results, with SSE-S3, SSE-KMS or CSE-KMS (set on the workgroup).'),
    cloudTrailLogging('Amazon Athena'),
  ],
});

export const emr = defineService({
  id: 'emr',
  code: 'EMR',
  name: 'Amazon EMR',
  mayHoldPhi: true,
  summary: 'Managed Hadoop/Spark clusters of EC2 instances in the customer account; encryption of data at rest and in transit is set through EMR security configurations.',
  resourceTypes: ['AWS::EMR::Cluster'],
  controls: [
    encAtRest('Use an EMR security configuration that encrypts data at rest (EMRFS on S3, local disks and EBS volumes).'),
    encInTransit('Use an EMR security configuration that enables in-transit encryption between cluster nodes and to data stores.'),
    networkProtection({
      requirement: 'Do not give master nodes public IP addresses.',
      sh: ['EMR.1'],
      config: ['EMR_MASTER_NO_PUBLIC_IP'],
      origin: 'best-practice',
    }),
    accessControl({
      requirement: 'Authenticate cluster users with Kerberos.',
      config: ['EMR_KERBEROS_ENABLED'],
      citations: [HIPAA.ACCESS_CONTROL, HIPAA.AUTHENTICATION],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const glue = defineService({
  id: 'glue',
  code: 'GLUE',
  name: 'AWS Glue',
  mayHoldPhi: true,
  summary: 'Managed ETL: JDBC connections must use SSL, jobs write with S3 server-side encryption, and the Data Catalog is encrypted with KMS when encryption is enabled.',
  resourceTypes: ['AWS::Glue::Job', 'AWS::Glue::Connection'],
  controls: [
    encInTransit('Configure JDBC connections to data stores with SSL.'),
    encAtRest('Pass SSE-S3 (or a security configuration with KMS) to ETL jobs, and enable Data Catalog encryption with a KMS key.'),
  ],
});

export const glueDataBrew = defineService({
  id: 'glue-databrew',
  code: 'DATABREW',
  name: 'AWS Glue DataBrew',
  mayHoldPhi: true,
  summary: 'Visual data preparation; connect to data stores over SSL and encrypt job outputs.',
  resourceTypes: ['AWS::DataBrew::Job'],
  controls: [
    encInTransit('Use JDBC connections with SSL to data stores holding PHI.'),
    encAtRest('Encrypt job outputs written to S3 (SSE-S3 or SSE-KMS).'),
    cloudTrailLogging('AWS Glue DataBrew'),
  ],
});

export const openSearch = defineService({
  id: 'opensearch',
  code: 'OPENSEARCH',
  name: 'Amazon OpenSearch Service',
  mayHoldPhi: true,
  summary:
    'Managed OpenSearch/Elasticsearch (6.0 or later for PHI) in a VPC: encrypt domains at rest with KMS, send data only over HTTPS and turn on node-to-node encryption; configuration API calls go to CloudTrail.',
  resourceTypes: ['AWS::OpenSearch::Domain', 'AWS::Elasticsearch::Domain'],
  controls: [
    encAtRest({
      requirement: 'Enable KMS encryption at rest on domains that hold PHI.',
      sh: ['Opensearch.1', 'ES.1'],
      config: ['OPENSEARCH_ENCRYPTED_AT_REST', 'ELASTICSEARCH_ENCRYPTED_AT_REST'],
    }),
    encInTransit({
      requirement: 'Send PHI to the domain only over HTTPS (TLS 1.2) and enable node-to-node encryption so data stays encrypted as it is distributed in the cluster.',
      sh: ['Opensearch.3', 'Opensearch.8', 'ES.3', 'ES.8'],
      config: ['OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK', 'OPENSEARCH_HTTPS_REQUIRED', 'ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK'],
    }),
    auditLogging({
      requirement: 'Capture configuration API calls in CloudTrail and turn on audit and error logs for the domain.',
      sh: ['CloudTrail.1', 'Opensearch.4', 'Opensearch.5', 'ES.4', 'ES.5'],
      config: ['MULTI_REGION_CLOUD_TRAIL_ENABLED', 'OPENSEARCH_AUDIT_LOGGING_ENABLED', 'OPENSEARCH_LOGS_TO_CLOUDWATCH', 'ELASTICSEARCH_LOGS_TO_CLOUDWATCH'],
    }),
    networkProtection({
      requirement: 'Run domains inside a VPC.',
      sh: ['Opensearch.2', 'ES.2'],
      config: ['OPENSEARCH_IN_VPC_ONLY', 'ELASTICSEARCH_IN_VPC_ONLY'],
      severity: 'CRITICAL',
    }),
    accessControl({
      requirement: 'Enable fine-grained access control on domains that hold PHI.',
      sh: ['Opensearch.7'],
      config: ['OPENSEARCH_ACCESS_CONTROL_ENABLED'],
      origin: 'best-practice',
    }),
    administrative(
      'SUPPORTED-VERSION',
      'Use OpenSearch or Elasticsearch 6.0+',
      'Store PHI only on OpenSearch or Elasticsearch 6.0 or later, where node-to-node encryption is available.',
      [HIPAA.TRANSMISSION_SECURITY],
    ),
  ],
});

export const quickSight = defineService({
  id: 'quicksight',
  code: 'QUICKSIGHT',
  name: 'Amazon QuickSight',
  mayHoldPhi: true,
  summary: 'Business intelligence dashboards; only the Enterprise edition, which encrypts SPICE data at rest with AWS managed keys, may be used with PHI.',
  resourceTypes: [],
  controls: [
    encAtRest('Work with PHI only in the Enterprise edition, whose SPICE in-memory store is encrypted at rest.'),
  ],
});

export const dataExchange = defineService({
  id: 'data-exchange',
  code: 'DATAEXCHANGE',
  name: 'AWS Data Exchange',
  mayHoldPhi: true,
  summary: 'Third-party data subscriptions loaded into S3; products are always encrypted at rest with a service KMS key and transferred over TLS, and listings must follow the publishing guidelines.',
  resourceTypes: [],
  controls: [
    encAtRest({ requirement: 'Data products are encrypted at rest with a service-managed KMS key.', awsManaged: true }),
    encInTransit({ requirement: 'Data is transferred to and from the service over TLS.', awsManaged: true }),
    cloudTrailLogging('AWS Data Exchange'),
  ],
});

export const healthLake = defineService({
  id: 'healthlake',
  code: 'HEALTHLAKE',
  name: 'Amazon HealthLake',
  mayHoldPhi: true,
  summary:
    'FHIR data store built for PHI: data is encrypted at rest by default and in transit with TLS 1.2, deleted resources are retained for versioning, and imports and exports require encrypted S3 buckets.',
  resourceTypes: ['AWS::HealthLake::FHIRDatastore'],
  controls: [
    encAtRest({ requirement: 'Data stores, service data and metadata are encrypted at rest by default.', awsManaged: true }),
    encInTransit('Clients must use TLS (1.2 or later recommended) with perfect-forward-secrecy cipher suites.'),
    encAtRest({
      requirement: 'Export and import only through encrypted S3 buckets.',
      title: 'Use encrypted buckets for import and export',
      safeguard: 'EXPORT-ENC-AT-REST',
      sh: ['S3.4'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    }),
    cloudTrailLogging('Amazon HealthLake'),
  ],
});

export const sageMaker = defineService({
  id: 'sagemaker',
  code: 'SAGEMAKER',
  name: 'Amazon SageMaker',
  mayHoldPhi: true,
  summary: 'Managed machine learning: TLS for the notebook front end and service interactions, KMS keys for endpoint storage, notebooks and training artifacts.',
  resourceTypes: ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig'],
  controls: [
    encInTransit({ requirement: 'Traffic to notebooks and between SageMaker and other services uses SSL/TLS.', awsManaged: true }),
    encAtRest({
      requirement: 'Set a KMS key on endpoint configurations and notebook instances, and on training output (OutputDataConfig) so model artifacts are encrypted.',
      config: ['SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED', 'SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED'],
    }),
    networkProtection({
      requirement: 'Run notebook instances in a VPC without direct internet access.',
      sh: ['SageMaker.1', 'SageMaker.2'],
      config: ['SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS'],
      origin: 'best-practice',
    }),
    accessControl({ requirement: 'Do not give users root access on notebook instances.', sh: ['SageMaker.3'], origin: 'best-practice' }),
    cloudTrailLogging('Amazon SageMaker'),
  ],
});

const comprehendControls = (): ControlSpec[] => [
  encInTransit({ requirement: 'All API calls are encrypted with SSL/TLS; the service keeps no data.', awsManaged: true }),
  encAtRest('For asynchronous jobs, use KMS keys for the job storage volume and for output results written to S3.'),
  cloudTrailLogging('Amazon Comprehend'),
  accessControl({
    requirement: 'Grant Comprehend permissions through least-privilege, role-based IAM policies (or federated roles) and require MFA for users.',
    sh: ['IAM.1', 'IAM.5', 'IAM.19', 'IAM.21'],
    config: ['IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', 'IAM_USER_MFA_ENABLED', 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS'],
    citations: [HIPAA.ACCESS_CONTROL, HIPAA.AUTHENTICATION],
  }),
  networkProtection('Run jobs inside a VPC (subnets and security groups on the job) or reach the service through an interface VPC endpoint so job data does not cross the internet.'),
];

export const comprehend = defineService({
  id: 'comprehend',
  code: 'COMPREHEND',
  name: 'Amazon Comprehend',
  mayHoldPhi: true,
  summary:
    'Natural language processing that keeps no data and encrypts API calls; jobs can use KMS keys for volumes and outputs, run in a VPC, and access is governed by least-privilege IAM with MFA.',
  resourceTypes: [],
  controls: comprehendControls(),
});

export const comprehendMedical = defineService({
  id: 'comprehend-medical',
  code: 'COMPREHEND-MED',
  name: 'Amazon Comprehend Medical',
  mayHoldPhi: true,
  summary: 'Medical NLP that follows the Amazon Comprehend guidance.',
  resourceTypes: [],
  controls: comprehendControls(),
});

export const forecast = defineService({
  id: 'forecast',
  code: 'FORECAST',
  name: 'Amazon Forecast',
  mayHoldPhi: true,
  summary: 'Managed forecasting that encrypts content with KMS keys; it imports from and exports to S3 buckets that must be configured per the guidance.',
  resourceTypes: [],
  controls: [
    encAtRest({ requirement: 'Content is encrypted at rest with KMS keys; the S3 buckets used for import and export must be encrypted too.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    cloudTrailLogging('Amazon Forecast', 'Consider SSE-KMS for the CloudTrail log files.'),
  ],
});

export const lex = defineService({
  id: 'lex',
  code: 'LEX',
  name: 'Amazon Lex',
  mayHoldPhi: true,
  summary: 'Conversational bots over HTTPS with API-driven, least-privilege access; health is monitored in CloudWatch and API calls in CloudTrail.',
  resourceTypes: ['AWS::Lex::Bot'],
  controls: [
    encInTransit({ requirement: 'Lex talks to clients and other services over HTTPS.', awsManaged: true }),
    accessControl({ requirement: 'Enforce least-privilege IAM on the Lex API.', severity: 'MEDIUM' }),
    cloudTrailLogging('Amazon Lex'),
  ],
});

export const polly = defineService({
  id: 'polly',
  code: 'POLLY',
  name: 'Amazon Polly',
  mayHoldPhi: true,
  summary: 'Text-to-speech over HTTPS; synthesized audio stored in S3 must be encrypted, and playback of PHI audio needs care about where it is heard.',
  resourceTypes: [],
  controls: [
    encInTransit({ requirement: 'Polly uses HTTPS with clients.', awsManaged: true }),
    encAtRest({ requirement: 'Send asynchronous synthesis output to an S3 bucket with encryption enabled.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    accessControl({ requirement: 'Enforce least-privilege IAM on the Polly API, and take care where audio containing PHI is played.', severity: 'MEDIUM' }),
  ],
});

export const rekognition = defineService({
  id: 'rekognition',
  code: 'REKOGNITION',
  name: 'Amazon Rekognition',
  mayHoldPhi: true,
  summary: 'Image and video analysis operated as a managed service with no data-handling options; all data is encrypted at rest and in transit.',
  resourceTypes: [],
  controls: [
    encAtRest({ requirement: 'All data is encrypted at rest by the service.', awsManaged: true }),
    encInTransit({ requirement: 'All data is encrypted in transit by the service.', awsManaged: true }),
    cloudTrailLogging('Amazon Rekognition'),
  ],
});

export const textract = defineService({
  id: 'textract',
  code: 'TEXTRACT',
  name: 'Amazon Textract',
  mayHoldPhi: true,
  summary: 'Extracts text and form data from documents such as claims; input documents can use SSE-S3 or SSE-KMS and transfers use TLS.',
  resourceTypes: [],
  controls: [
    encAtRest({ requirement: 'Keep input documents in S3 with SSE-S3 or SSE-KMS.', sh: ['S3.4'], config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'] }),
    encInTransit({ requirement: 'Data in transit between the service and clients uses TLS.', awsManaged: true }),
    cloudTrailLogging('Amazon Textract'),
  ],
});

export const transcribe = defineService({
  id: 'transcribe',
  code: 'TRANSCRIBE',
  name: 'Amazon Transcribe',
  mayHoldPhi: true,
  summary: 'Speech to text that keeps no data; API calls are encrypted with SSL/TLS and logged to CloudTrail.',
  resourceTypes: [],
  controls: [
    encInTransit({ requirement: 'All API calls are encrypted with SSL/TLS; the service does not retain data.', awsManaged: true }),
    cloudTrailLogging('Amazon Transcribe'),
  ],
});

export const translate = defineService({
  id: 'translate',
  code: 'TRANSLATE',
  name: 'Amazon Translate',
  mayHoldPhi: true,
  summary: 'Machine translation of documents that may contain PHI with no extra configuration: traffic uses SSL/TLS and no data stays at rest in the service.',
  resourceTypes: [],
  controls: [
    encInTransit({ requirement: 'Data in transit is encrypted with SSL/TLS and nothing remains at rest in the service.', awsManaged: true }),
    cloudTrailLogging('Amazon Translate'),
  ],
});
