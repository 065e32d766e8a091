import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { configServiceClient, SDK_LOGGER_MIDDLEWARE, securityHubClient } from './clients';

const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' });
const names = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);

describe('member account clients', () => {
  it('the installed SDK names its logging middleware as we remove it', () => {
    // If an SDK upgrade renames it, removing by name silently does nothing: this fails instead.
    expect(names(new SecurityHubClient({ region: 'us-east-1', credentials }))).toContain(SDK_LOGGER_MIDDLEWARE);
    expect(names(new ConfigServiceClient({ region: 'us-east-1', credentials }))).toContain(SDK_LOGGER_MIDDLEWARE);
  });

  it('run without the SDK logging middleware', () => {
    const options = { region: 'us-east-1', credentials };
    expect(names(securityHubClient(options))).not.toContain(SDK_LOGGER_MIDDLEWARE);
    expect(names(configServiceClient(options))).not.toContain(SDK_LOGGER_MIDDLEWARE);
  });
});
