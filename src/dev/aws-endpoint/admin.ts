// The admin route, for driving scenarios from outside the process (e2e tests, a shell):
//   GET  /__scenario           -> rules, call counts, clock, organization summary
//   POST /__scenario {action}  -> one ScenarioControls call, e.g.
//        {"action":"add","rule":{"accountId":"...","effect":{"type":"throttle"}}}
//        {"action":"archiveFindings","accountId":"...","region":"us-east-1","count":5}
// Guarded: SDK traffic (anything SigV4-signed) is refused, and the caller must present
// the endpoint's admin token in `x-safeguards-admin-token`.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ManagementPrincipal } from './credentials';
import type { Organization } from './generator';
import type { ServiceResponse } from './http-types';
import type { ScenarioControls } from './scenarios';

export const ADMIN_PATH = '/__scenario';
export const ADMIN_TOKEN_HEADER = 'x-safeguards-admin-token';

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PATH;
}

function json(status: number, value: unknown): ServiceResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export function organizationSummary(org: Organization, management: ManagementPrincipal) {
  return {
    name: org.name,
    seed: org.seed,
    managementAccountId: org.managementAccountId,
    managementPrincipal: { arn: management.arn, accessKeyId: management.accessKeyId, secretAccessKey: management.secretAccessKey },
    totalFindings: org.totalFindings,
    accounts: org.accounts.map((a) => ({ id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions, posture: a.posture, findingsByRegion: a.findingsByRegion })),
  };
}

export async function handleAdmin(params: {
  req: IncomingMessage;
  path: string;
  body: Buffer;
  adminToken: string;
  scenarios: ScenarioControls;
  org: Organization;
  management: ManagementPrincipal;
}): Promise<ServiceResponse> {
  const { req, body, adminToken, scenarios, org, management } = params;
  if (req.headers.authorization !== undefined || req.headers['x-amz-date'] !== undefined) {
    return json(403, { message: 'The admin route does not accept AWS-signed requests.' });
  }
  const presented = req.headers[ADMIN_TOKEN_HEADER];
  const ok = typeof presented === 'string' && presented.length === adminToken.length && timingSafeEqual(Buffer.from(presented), Buffer.from(adminToken));
  if (!ok) return json(403, { message: `Missing or wrong ${ADMIN_TOKEN_HEADER} header.` });

  if (req.method === 'GET') {
    return json(200, { now: scenarios.now().toISOString(), rules: scenarios.list(), callCounts: scenarios.callCounts(), organization: organizationSummary(org, management) });
  }
  if (req.method !== 'POST') return json(405, { message: 'Use GET or POST.' });

  let command: Record<string, unknown>;
  try {
    command = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return json(400, { message: 'Body must be JSON: {"action": ..., ...}' });
  }
  try {
    const a = command as never;
    switch (command.action) {
      case 'add':
        return json(200, { id: scenarios.add(command.rule as Parameters<ScenarioControls['add']>[0]) });
      case 'remove':
        return json(200, { removed: scenarios.remove(String(command.id)) });
      case 'clear':
        scenarios.clear();
        return json(200, { ok: true });
      case 'reset':
        scenarios.reset();
        return json(200, { ok: true });
      case 'setNow':
        scenarios.setNow(command.time as string);
        return json(200, { now: scenarios.now().toISOString() });
      case 'advanceClock':
        scenarios.advanceClock(Number(command.ms));
        return json(200, { now: scenarios.now().toISOString() });
      case 'useRealClock':
        scenarios.useRealClock();
        return json(200, { now: scenarios.now().toISOString() });
      case 'addFindings':
        return json(200, { findings: scenarios.addFindings(a) });
      case 'archiveFindings':
        return json(200, { findings: scenarios.archiveFindings(a) });
      case 'updateFindings':
        return json(200, { findings: scenarios.updateFindings(a) });
      case 'setConfigCompliance':
        scenarios.setConfigCompliance(a);
        return json(200, { ok: true });
      case 'callCounts':
        return json(200, { callCounts: scenarios.callCounts() });
      case 'resetCallCounts':
        scenarios.resetCallCounts();
        return json(200, { ok: true });
      default:
        return json(400, { message: `Unknown action ${String(command.action)}` });
    }
  } catch (error) {
    return json(400, { message: (error as Error).message });
  }
}
