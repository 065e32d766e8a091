// Security Hub → findings. The first run pulls every ACTIVE finding; later runs pull
// what changed since the watermark (minus an overlap, for findings that become visible
// late), archived ones included. Pages are sorted by UpdatedAt ascending and each page
// is written, with the watermark, in one transaction: an interrupted run resumes from
// the last page it wrote and a re-run writes nothing new. The next page is fetched
// while the previous one is being written. An empty page (nothing changed) writes
// nothing: it is counted when the run finishes.
import { paginateGetFindings, type AwsSecurityFindingFilters, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { prepareFindingsPage, writeFindingsPage, type PreparedFindingsPage } from './finding-store';
import { normalizeFinding, type FindingRow } from './normalize-finding';
import type { Queryable, SyncTarget } from './sync-lease';

/** How far before the watermark an incremental run starts reading again. */
export const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;
export const PAGE_SIZE = 100;

export interface SecurityHubSyncContext {
  /** The pg pool (src/server/db.ts pgPool): pages are written without Prisma. */
  db: Queryable;
  client: SecurityHubClient;
  target: SyncTarget;
  runId: string;
  /** The newest UpdatedAt already ingested; null for the first (full) pull. */
  watermark: Date | null;
  now?: () => Date;
}

export interface SecurityHubSyncResult {
  mode: 'full' | 'incremental';
  pages: number;
  /** Pages with no findings, not written (so not yet in the run's counters). */
  emptyPages: number;
  fetched: number;
  inserted: number;
  updated: number;
  archived: number;
  skipped: number;
  skippedReasons: string[];
  watermark: Date | null;
}

export function findingFilters(target: SyncTarget, watermark: Date | null, now: Date): AwsSecurityFindingFilters {
  const filters: AwsSecurityFindingFilters = {
    AwsAccountId: [{ Value: target.accountId, Comparison: 'EQUALS' }],
    Region: [{ Value: target.region, Comparison: 'EQUALS' }],
  };
  if (watermark) {
    const start = new Date(watermark.getTime() - WATERMARK_OVERLAP_MS);
    // End a day ahead: a bound is required with Start, and clocks drift.
    const end = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    filters.UpdatedAt = [{ Start: start.toISOString(), End: end.toISOString() }];
  } else {
    filters.RecordState = [{ Value: 'ACTIVE', Comparison: 'EQUALS' }];
  }
  return filters;
}

export async function syncSecurityHubFindings(ctx: SecurityHubSyncContext): Promise<SecurityHubSyncResult> {
  const now = ctx.now ?? (() => new Date());
  const result: SecurityHubSyncResult = {
    mode: ctx.watermark ? 'incremental' : 'full',
    pages: 0,
    emptyPages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    archived: 0,
    skipped: 0,
    skippedReasons: [],
    watermark: ctx.watermark,
  };

  const writePage = async (page: PreparedFindingsPage) => {
    const counts = await writeFindingsPage(ctx.db, page);
    result.inserted += counts.inserted;
    result.updated += counts.updated;
    result.archived += counts.archived;
    if (counts.newest && (!result.watermark || new Date(counts.newest) > result.watermark)) result.watermark = new Date(counts.newest);
  };

  const pages = paginateGetFindings(
    { client: ctx.client, pageSize: PAGE_SIZE },
    { Filters: findingFilters(ctx.target, ctx.watermark, now()), SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }], MaxResults: PAGE_SIZE },
  );

  let pendingWrite: Promise<void> = Promise.resolve();
  try {
    for await (const page of pages) {
      const rows: FindingRow[] = [];
      let skipped = 0;
      for (const finding of page.Findings ?? []) {
        const normalized = normalizeFinding(finding, ctx.target.region);
        if (normalized.ok) rows.push(normalized.row);
        else {
          skipped++;
          if (result.skippedReasons.length < 10) result.skippedReasons.push(`${normalized.id ?? '(no id)'}: ${normalized.reason}`);
        }
      }
      result.pages++;
      result.fetched += page.Findings?.length ?? 0;
      result.skipped += skipped;
      if (!page.Findings?.length) {
        result.emptyPages++;
        continue;
      }
      // Its parameters now, so the rows and the response can be collected during the wait.
      const prepared = prepareFindingsPage({ target: ctx.target, runId: ctx.runId, rows, fetched: page.Findings.length, skipped });
      // One write in flight while the paginator fetches the next page.
      await pendingWrite;
      pendingWrite = writePage(prepared);
      // Marked handled now; its error surfaces at the next await of it.
      pendingWrite.catch(() => {});
    }
  } catch (error) {
    // A page already fetched is still written before the run reports the failure.
    await pendingWrite.catch(() => {});
    throw error;
  }
  await pendingWrite;
  return result;
}
