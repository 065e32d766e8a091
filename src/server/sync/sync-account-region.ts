// One sync of one account-region: a run per source (Security Hub, Config), each under
// its lease, each failing alone. A failure is recorded on the run and the state with
// AWS's own error; the data synced before stays as it was.
import { randomUUID } from 'node:crypto';
import { pgPool, type Db } from '@/server/db';
import type { SyncSource } from '@/generated/prisma/enums';
import { countCalls, type CallCounts } from '@/server/aws/call-counter';
import { configServiceClient, securityHubClient } from '@/server/aws/clients';
import { describeAwsError, memberAccountCredentials, type MemberAccountRole } from '@/server/aws/member-credentials';
import { logger } from '@/server/logger';
import { syncConfigEvaluations } from './config-sync';
import { syncSecurityHubFindings } from './securityhub-sync';
import { beginRun, finishRun, HEARTBEAT_MS, renewLease, type RunOutcome, type SyncTarget } from './sync-lease';

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
  // The sources at once: each has its own lease, run and client, and an incremental sync
  // is mostly waiting on round trips.
  return Promise.all((options.sources ?? SYNC_SOURCES).map((source) => syncOneSource(options, source, credentials)));
}

async function syncOneSource(
  options: SyncAccountRegionOptions,
  source: SyncSource,
  credentials: ReturnType<typeof memberAccountCredentials>,
): Promise<SyncOutcome> {
  const { account, region } = options;
  // The sync's statements go through pg, not Prisma (see src/server/db.ts).
  const pool = pgPool(options.db);
  const target: SyncTarget = { accountId: account.accountId, region, source };
  const base = { accountId: account.accountId, region, source };
  const runId = randomUUID();
  const begun = await beginRun(pool, target, runId, options.trigger ?? 'schedule');
  if (!begun) return { ...base, status: 'busy' };

  const calls: CallCounts = { apiCalls: 0, throttles: 0 };
  const heartbeat = setInterval(() => void renewLease(pool, target, runId).catch(() => {}), HEARTBEAT_MS);
  const clientOptions = { region, credentials, maxAttempts: options.maxAttempts, requestTimeoutMs: options.requestTimeoutMs };
  let outcome: RunOutcome;
  try {
    if (source === 'securityhub') {
      const client = countCalls(securityHubClient(clientOptions), calls);
      try {
        const result = await syncSecurityHubFindings({ db: pool, client, target, runId, watermark: begun.watermark });
        outcome = {
          status: 'succeeded',
          ...calls,
          warning: result.skipped ? `${result.skipped} malformed finding(s) skipped: ${result.skippedReasons.join('; ')}` : null,
          add: { pages: result.emptyPages },
        };
      } finally {
        client.destroy();
      }
    } else {
      const client = countCalls(configServiceClient(clientOptions), calls);
      try {
        const result = await syncConfigEvaluations({ db: pool, client, target, runId });
        outcome = {
          status: 'succeeded',
          ...calls,
          warning: result.skipped ? `${result.skipped} malformed evaluation(s) skipped` : null,
          add: { archived: result.resolved, skipped: result.skipped },
        };
      } finally {
        client.destroy();
      }
    }
  } catch (error) {
    const message = describeAwsError(error);
    logger.warn({ accountId: account.accountId, region, source, runId, error: message }, 'sync failed');
    outcome = { status: 'failed', ...calls, error: message };
  } finally {
    clearInterval(heartbeat);
  }
  // Recording the outcome also releases the lease; if even that fails (the database is
  // gone), the lease runs out by itself.
  await finishRun(pool, target, runId, outcome);
  return outcome.status === 'succeeded' ? { ...base, status: 'succeeded', runId } : { ...base, status: 'failed', runId, error: outcome.error ?? undefined };
}
