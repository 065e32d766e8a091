// Structured logging (pino). Secrets and AWS credentials are redacted wherever they
// appear in a logged object.
import pino from 'pino';

export const REDACTED_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'secretAccessKey',
  '*.secretAccessKey',
  '*.SecretAccessKey',
  'sessionToken',
  '*.sessionToken',
  '*.SessionToken',
  'credentials',
  '*.credentials',
  'authorization',
  '*.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'externalId',
  '*.externalId',
  'databaseUrl',
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  base: { app: 'safeguards' },
});
