// SDK clients for one member account and region. Endpoints, like everything else,
// come from the SDK's standard configuration (AWS_ENDPOINT_URL_<SERVICE>, …).
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

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

export function securityHubClient(options: ClientOptions): SecurityHubClient {
  return new SecurityHubClient({
    region: options.region,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: requestHandler(options),
  });
}

export function configServiceClient(options: ClientOptions): ConfigServiceClient {
  return new ConfigServiceClient({
    region: options.region,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: requestHandler(options),
  });
}
