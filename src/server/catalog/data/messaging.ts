// Messaging, streaming and integration services.

import {
  accessControl,
  cloudTrailLogging,
  defineService,
  encAtRest,
  encInTransit,
  keyManagement,
  monitoring,
  noPhi,
  noPhiInMetadata,
  CLOUDTRAIL_EVIDENCE,
  auditLogging,
} from '../builders';

export const sqs = defineService({
  id: 'sqs',
  code: 'SQS',
  name: 'Amazon SQS',
  mayHoldPhi: true,
  summary:
    'Message queues that can carry PHI when the Query API is used over HTTPS and messages are protected by SSE with KMS (or encrypted by the client before sending); API calls are logged to CloudTrail.',
  resourceTypes: ['AWS::SQS::Queue'],
  controls: [
    encAtRest({
      requirement: 'Turn on server-side encryption with KMS for queues carrying PHI; without it, encrypt each message payload before sending (e.g. the SQS Extended Client with the S3 encryption client).',
      sh: ['SQS.1'],
    }),
    encInTransit(
      'Send all Query API requests over HTTPS; a queue policy denying requests where aws:SecureTransport is false makes this enforceable.',
    ),
    cloudTrailLogging('Amazon SQS', 'CloudTrail data events can additionally record message-level API activity.'),
    keyManagement({
      requirement: 'Encrypt queues with a customer managed KMS key whose key policy lets only the producing and consuming roles use it.',
      title: 'Use a customer managed key with a narrow key policy',
      origin: 'companion-blog',
    }),
    accessControl({
      requirement: 'Restrict with IAM and queue policies who may send, receive and delete messages.',
      title: 'Restrict who can send and receive',
      origin: 'companion-blog',
      severity: 'MEDIUM',
    }),
  ],
});

export const sns = defineService({
  id: 'sns',
  code: 'SNS',
  name: 'Amazon SNS',
  mayHoldPhi: true,
  summary: 'Pub/sub notifications that may carry PHI only through the HTTPS API endpoints; topics should use SSE with KMS and API calls are logged to CloudTrail.',
  resourceTypes: ['AWS::SNS::Topic'],
  controls: [
    encInTransit('Use only the HTTPS API endpoint in each Region for messages carrying PHI.'),
    encAtRest({
      requirement: 'Switch on server-side encryption with a KMS key for topics carrying PHI (it is not on by default).',
      sh: ['SNS.1'],
      config: ['SNS_ENCRYPTED_KMS'],
      origin: 'companion-blog',
    }),
    cloudTrailLogging('Amazon SNS'),
    keyManagement({
      requirement: 'Use a customer managed KMS key whose key policy grants only the publishing and subscribing principals.',
      title: 'Use a customer managed key with a narrow key policy',
      origin: 'companion-blog',
    }),
    accessControl({
      requirement: 'Restrict with IAM and topic policies who may publish and subscribe; message data protection policies can detect and block PHI where it should not flow.',
      title: 'Restrict who can publish and subscribe',
      origin: 'companion-blog',
      severity: 'MEDIUM',
    }),
    monitoring({
      requirement: 'Log delivery status for notifications so failed or unexpected deliveries can be reviewed.',
      title: 'Log delivery status',
      sh: ['SNS.2'],
      config: ['SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED'],
      origin: 'best-practice',
    }),
  ],
});

export const ses = defineService({
  id: 'ses',
  code: 'SES',
  name: 'Amazon Simple Email Service (Amazon SES)',
  mayHoldPhi: true,
  summary: 'Email sending and receiving over TLS 1.2; delivery to recipients falls back to plain text unless TLS is required, and stored messages go to an encrypted S3 bucket.',
  resourceTypes: ['AWS::SES::ConfigurationSet'],
  controls: [
    encInTransit('Require TLS for delivery (a configuration set with TlsPolicy set to Require); otherwise SES sends unencrypted when the receiving server cannot negotiate TLS. S/MIME or PGP adds end-to-end protection.'),
    encAtRest({
      requirement: 'Store received messages encrypted, by having SES encrypt them into an encrypted S3 bucket.',
      sh: ['S3.4'],
      config: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    }),
  ],
});

export const mq = defineService({
  id: 'mq',
  code: 'MQ',
  name: 'Amazon MQ',
  mayHoldPhi: true,
  summary: 'Managed ActiveMQ brokers that encrypt messages at rest and in transit with service-managed keys; clients must use the TLS variants of the supported protocols.',
  resourceTypes: ['AWS::AmazonMQ::Broker'],
  controls: [
    encInTransit('Connect to brokers only with TLS-enabled protocols (AMQP, MQTT, MQTT over WebSocket, OpenWire, STOMP, STOMP over WebSocket).'),
    encAtRest({ requirement: 'Messages are encrypted at rest with keys the service manages.', awsManaged: true }),
    cloudTrailLogging('Amazon MQ'),
  ],
});

export const msk = defineService({
  id: 'msk',
  code: 'MSK',
  name: 'Amazon Managed Streaming for Apache Kafka (Amazon MSK)',
  mayHoldPhi: true,
  summary: 'Managed Kafka with EBS/KMS encryption at rest and TLS between brokers; clients need TLS configured, and the bundled ZooKeeper traffic (metadata only) is not encrypted.',
  resourceTypes: ['AWS::MSK::Cluster'],
  controls: [
    encAtRest({ requirement: 'Broker storage is encrypted with EBS encryption under KMS keys chosen at cluster creation.', awsManaged: true }),
    encInTransit('Keep TLS on for broker-to-broker traffic and configure clients to use TLS (not plaintext) when producing or consuming PHI.'),
    monitoring('Monitor clusters through CloudWatch or Open Monitoring with Prometheus.'),
  ],
});

export const eventBridge = defineService({
  id: 'eventbridge',
  code: 'EVENTBRIDGE',
  name: 'Amazon EventBridge',
  mayHoldPhi: true,
  summary: 'Serverless event bus that encrypts events at rest (AES-256, AWS owned key); sources that emit events about PHI must themselves be configured per the guidance.',
  resourceTypes: ['AWS::Events::EventBus'],
  controls: [
    encAtRest({ requirement: 'Events are encrypted at rest with an AWS owned key.', awsManaged: true }),
    noPhiInMetadata({ requirement: 'Ensure resources that emit events while handling PHI are configured per the guidance, and keep PHI out of rule names and event patterns.', title: 'Configure event sources for PHI' }),
    cloudTrailLogging('Amazon EventBridge'),
  ],
});

export const cloudWatchEvents = defineService({
  id: 'cloudwatch-events',
  code: 'CWEVENTS',
  name: 'Amazon CloudWatch Events',
  mayHoldPhi: false,
  summary: 'Stream of system events about resource changes; PHI must not flow into it, and resources that emit events while handling PHI must follow the guidance.',
  resourceTypes: ['AWS::Events::Rule'],
  controls: [
    noPhi('Make sure PHI does not flow into CloudWatch Events.'),
    auditLogging({ requirement: 'Rules can be registered to react to AWS API calls recorded by CloudTrail.', ...CLOUDTRAIL_EVIDENCE }),
  ],
});

export const stepFunctions = defineService({
  id: 'step-functions',
  code: 'STEPFN',
  name: 'AWS Step Functions',
  mayHoldPhi: false,
  summary: 'Workflow coordination that cannot store, transmit or process PHI; PHI must stay out of state machine definitions, task metadata and inputs.',
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  controls: [
    noPhi('Keep PHI out of Step Functions metadata and out of any task or state machine definition.'),
    cloudTrailLogging('AWS Step Functions'),
    monitoring({
      requirement: 'Turn on state machine logging to CloudWatch Logs (without execution data that could contain PHI).',
      config: ['STEP_FUNCTIONS_STATE_MACHINE_LOGGING_ENABLED'],
      origin: 'best-practice',
    }),
  ],
});

export const swf = defineService({
  id: 'swf',
  code: 'SWF',
  name: 'Amazon Simple Workflow Service',
  mayHoldPhi: false,
  summary: 'Workflow state tracker that cannot store or transmit data; PHI must not appear in its metadata or task descriptions.',
  resourceTypes: [],
  controls: [noPhi('Do not put PHI in Amazon SWF metadata or task descriptions.'), cloudTrailLogging('Amazon SWF')],
});

export const appFlow = defineService({
  id: 'appflow',
  code: 'APPFLOW',
  name: 'Amazon AppFlow',
  mayHoldPhi: true,
  summary: 'Managed transfers between SaaS applications and AWS; TLS 1.2 in transit by default, KMS encryption for S3 destinations, and other destinations must encrypt PHI themselves.',
  resourceTypes: ['AWS::AppFlow::Flow'],
  controls: [
    encInTransit({ requirement: 'Transfers between AppFlow and sources or destinations use TLS 1.2 or later.', awsManaged: true }),
    encAtRest('Data written to S3 is encrypted with the KMS key chosen for the flow; for other destinations make sure their storage encrypts PHI.'),
    cloudTrailLogging('Amazon AppFlow', 'Flow runs are also reported to EventBridge.'),
  ],
});

export const pinpoint = defineService({
  id: 'pinpoint',
  code: 'PINPOINT',
  name: 'Amazon Pinpoint',
  mayHoldPhi: true,
  summary: 'Multichannel user messaging that encrypts its data at rest and in transit, but the final channel (SMS, email) may not be encrypted.',
  resourceTypes: ['AWS::Pinpoint::App'],
  controls: [
    encAtRest({ requirement: 'User, endpoint and event data are encrypted at rest by the service.', awsManaged: true }),
    encInTransit('Configure each delivery channel consistently with the Guidance; send PHI by SMS only from a dedicated short code, or send a link to PHI served over HTTPS instead.'),
    cloudTrailLogging('Amazon Pinpoint'),
  ],
});

export const connect = defineService({
  id: 'connect',
  code: 'CONNECT',
  name: 'Amazon Connect',
  mayHoldPhi: true,
  summary: 'Cloud contact center; PHI must stay out of user, security profile and contact flow fields, and Customer Profiles domains and object keys must not be named with PHI.',
  resourceTypes: ['AWS::Connect::Instance'],
  controls: [
    noPhiInMetadata('Keep PHI out of fields used to manage users, security profiles and contact flows, and out of Customer Profiles domain names and object keys.'),
    encAtRest({ requirement: 'Customer Profiles domain and object contents are encrypted by the service.', awsManaged: true }),
  ],
});

export const kinesisStreams = defineService({
  id: 'kinesis-streams',
  code: 'KINESIS',
  name: 'Amazon Kinesis Streams',
  mayHoldPhi: true,
  summary: 'Streaming data service whose server-side encryption uses a KMS key before data reaches disk; producers and consumers connect over HTTPS.',
  resourceTypes: ['AWS::Kinesis::Stream'],
  controls: [
    encAtRest({ requirement: 'Enable server-side encryption with a KMS key on streams carrying PHI.', sh: ['Kinesis.1'], config: ['KINESIS_STREAM_ENCRYPTED'] }),
    encInTransit('Connect to streams only through HTTPS endpoints.'),
  ],
});

export const kinesisDataFirehose = defineService({
  id: 'kinesis-data-firehose',
  code: 'FIREHOSE',
  name: 'Amazon Kinesis Data Firehose',
  mayHoldPhi: true,
  summary: 'Delivers streaming data to destinations, buffering in memory without storing it unencrypted; source streams and destinations must encrypt PHI.',
  resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
  controls: [
    encAtRest({
      requirement: 'Encrypt the source Kinesis stream with KMS and make sure every destination encrypts PHI at rest; Firehose itself only buffers data in memory.',
      sh: ['Kinesis.1'],
      config: ['KINESIS_STREAM_ENCRYPTED'],
    }),
    monitoring('Monitor delivery streams with CloudWatch metrics and logs, and API calls with CloudTrail.'),
  ],
});

export const kinesisDataAnalytics = defineService({
  id: 'kinesis-data-analytics',
  code: 'KDA',
  name: 'Amazon Kinesis Data Analytics',
  mayHoldPhi: true,
  summary: 'Runs SQL over streaming data from Kinesis Data Streams and Firehose; encryption follows the input streams, and monitoring goes through CloudTrail and CloudWatch Logs.',
  resourceTypes: ['AWS::KinesisAnalytics::Application'],
  controls: [
    encAtRest({ requirement: 'Read only from input streams that are encrypted, and write results to encrypted destinations.', sh: ['Kinesis.1'], config: ['KINESIS_STREAM_ENCRYPTED'] }),
    cloudTrailLogging('Amazon Kinesis Data Analytics', 'Application logs can go to CloudWatch Logs.'),
  ],
});

export const kinesisVideoStreams = defineService({
  id: 'kinesis-video-streams',
  code: 'KVS',
  name: 'Amazon Kinesis Video Streams',
  mayHoldPhi: true,
  summary: 'Video ingestion with server-side encryption under a customer-chosen KMS key; the producer SDK sends frames over TLS.',
  resourceTypes: ['AWS::KinesisVideo::Stream'],
  controls: [
    encAtRest('Server-side encryption with the KMS key chosen for the stream encrypts video before it is written; choose a customer managed key where control is needed.'),
    encInTransit({ requirement: 'The producer SDK encrypts frames and fragments with TLS.', awsManaged: true }),
    cloudTrailLogging('Amazon Kinesis Video Streams'),
  ],
});
