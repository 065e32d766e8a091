// One sync of one account-region: a run per source (Security Hub, Config), each under
// its lease, each failing alone. A failure is recorded on the run and the state with
// AWS's own error; the data synced before stays as it was.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/server/db';
import type { SyncSource } from '@/generated/prisma/enums';
import { countCalls, type CallCounts } from '@/server/aws/call-counter';
import { configServiceClient, securityHubClient } from '@/server/aws/clients';
import { describeAwsError, memberAccountCredentials, type MemberAccountRole } from '@/server/aws/member-credentials';
import { logger } from '@/server/logger';
import { syncConfigEvaluations } from './config-sync';
import { syncSecurityHubFindings } from './securityhub-sync';
import { acquireLease, HEARTBEAT_MS, releaseLease, renewLease, type SyncTarget } from './sync-lease';

export const SYNC_SOURCES: readonly SyncSource[] = ['securityhub', 'config'];

export interface SyncAccountRegionOptions {
  db: Db;
  account: MemberAccountRole;
  region: string;
  sources?: readonly SyncSource[];
  trigger?: string;
  /** SDK attempts per call; tests lower it to see retries run out. */
  maxAttempts?: number;
  /** Per-attempt timeout of AWS calls (default 30 s). */
  requestTimeoutMs?: number;
}

export interface SyncOutcome {
  accountId: string;
  region: string;
  source: SyncSource;
  status: 'succeeded' | 'failed' | 'busy';
  runId?: string;
  error?: string;
}

export async function syncAccountRegion(options: SyncAccountRegionOptions): Promise<SyncOutcome[]> {
  const credentials = memberAccountCredentials(options.account);
  const outcomes: SyncOutcome[] = [];
  for (const source of options.sources ?? SYNC_SOURCES) {
    outcomes.push(await syncOneSource(options, source, credentials));
  }
  return outcomes;
}

async function syncOneSource(
  options: SyncAccountRegionOptions,
  source: SyncSource,
  credentials: ReturnType<typeof memberAccountCredentials>,
): Promise<SyncOutcome> {
  const { db, account, region } = options;
  const target: SyncTarget = { accountId: account.accountId, region, source };
  const base = { accountId: account.accountId, region, source };
  const runId = randomUUID();
  if (!(await acquireLease(db, target, runId))) return { ...base, status: 'busy' };

  await db.syncRun.create({ data: { id: runId, accountId: account.accountId, region, source, trigger: options.trigger ?? 'schedule' } });
  const calls: CallCounts = { apiCalls: 0, throttles: 0 };
  const heartbeat = setInterval(() => void renewLease(db, target, runId).catch(() => {}), HEARTBEAT_MS);
  const clientOptions = { region, credentials, maxAttempts: options.maxAttempts, requestTimeoutMs: options.requestTimeoutMs };
  try {
    let warning: string | null = null;
    if (source === 'securityhub') {
      const state = await db.syncState.findUnique({ where: { accountId_region_source: { accountId: account.accountId, region, source } } });
      const client = countCalls(securityHubClient(clientOptions), calls);
      try {
        const result = await syncSecurityHubFindings({ db, client, target, runId, watermark: state?.watermark ?? null });
        if (result.skipped) warning = `${result.skipped} malformed finding(s) skipped: ${result.skippedReasons.join('; ')}`;
      } finally {
        client.destroy();
      }
    } else {
      const client = countCalls(configServiceClient(clientOptions), calls);
      try {
        const result = await syncConfigEvaluations({ db, client, target, runId });
        if (result.skipped) warning = `${result.skipped} malformed evaluation(s) skipped`;
      } finally {
        client.destroy();
      }
    }
    const finishedAt = new Date();
    await db.$transaction([
      db.syncRun.update({ where: { id: runId }, data: { status: 'succeeded', finishedAt, apiCalls: calls.apiCalls, throttles: calls.throttles, warning } }),
      db.syncState.update({ where: { accountId_region_source: { accountId: account.accountId, region, source } }, data: { lastSuccessAt: finishedAt } }),
    ]);
    return { ...base, status: 'succeeded', runId };
  } catch (error) {
    const message = describeAwsError(error);
    logger.warn({ accountId: account.accountId, region, source, runId, error: message }, 'sync failed');
    const finishedAt = new Date();
    await db.$transaction([
      db.syncRun.update({ where: { id: runId }, data: { status: 'failed', finishedAt, apiCalls: calls.apiCalls, throttles: calls.throttles, error: message } }),
      db.syncState.update({ where: { accountId_region_source: { accountId: account.accountId, region, source } }, data: { lastErrorAt: finishedAt, lastError: message } }),
    ]);
    return { ...base, status: 'failed', runId, error: message };
  } finally {
    clearInterval(heartbeat);
    await releaseLease(db, target, runId);
  }
}
