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
}

const DEFAULT_MAX_ATTEMPTS = 8;

export function securityHubClient(options: ClientOptions): SecurityHubClient {
  return new SecurityHubClient({
    region: options.region,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

export function configServiceClient(options: ClientOptions): ConfigServiceClient {
  return new ConfigServiceClient({
    region: options.region,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}
