// The demo AWS organization: when no real AWS account is registered, the local
// AWS-compatible endpoint serves a generated organization and the app is pointed at it
// through the SDK's standard variables (AWS_ENDPOINT_URL, AWS_REGION, credentials).
import type { Db } from '../../src/server/db';

export interface DemoOrganization {
  awsEnvironment: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDemoOrganization(_db: Db, _options: { enabled: boolean; log: (m: string) => void }): Promise<DemoOrganization | null> {
  return null;
}
