// SDK clients for one member account and region. Endpoints, like everything else,
// come from the SDK's standard configuration (AWS_ENDPOINT_URL_<SERVICE>, …).
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentityProvider, MiddlewareStack } from '@smithy/types';

export interface ClientOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** Attempts per call, including the first (adaptive retry absorbs throttling). */
  maxAttempts?: number;
  /** Per attempt: a response not complete by then counts as failed (and is retried). */
  requestTimeoutMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

function requestHandler(options: ClientOptions) {
  // throwOnRequestTimeout: without it the SDK only logs a breached request timeout.
  return { connectionTimeout: 5_000, requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true };
}

/** The name @aws-sdk/core gives the SDK's logging middleware (checked by clients.test.ts). */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * Removes the SDK's logging middleware. With no logger configured the SDK still logs to
 * a NoOpLogger, and to do so copies every response through its sensitive-data filter
 * (schemaLogFilter): about 5% of the sync's CPU for output nobody sees. We log AWS
 * errors ourselves (describeAwsError).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withoutSdkLogging<C extends { middlewareStack: MiddlewareStack<any, any> }>(client: C): C {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}

export function securityHubClient(options: ClientOptions): SecurityHubClient {
  return withoutSdkLogging(
    new SecurityHubClient({
      region: options.region,
      credentials: options.credentials,
      retryMode: 'adaptive',
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      requestHandler: requestHandler(options),
    }),
  );
}

export function configServiceClient(options: ClientOptions): ConfigServiceClient {
  return withoutSdkLogging(
    new ConfigServiceClient({
      region: options.region,
      credentials: options.credentials,
      retryMode: 'adaptive',
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      requestHandler: requestHandler(options),
    }),
  );
}
