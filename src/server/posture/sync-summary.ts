// Sync health as the posture pages summarize it: the newest good sync, what runs now, and
// the account-region-sources whose last attempt failed. Pure: the account page summarizes
// the rows it lists; syncSummaryFor sums the same in SQL for the overview and the live widget.

export interface SyncHealthRow {
  accountId: string;
  accountName: string;
  region: string;
  source: 'securityhub' | 'config';
  health: 'ok' | 'failing' | 'never-synced' | 'running';
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
}

export interface SyncSummary {
  total: number;
  /** Newest successful sync over every account-region-source. */
  lastSuccessAt: string | null;
  running: number;
  neverSynced: number;
  /** How many account-region-sources' last attempt failed. */
  failingCount: number;
  /** The first of them (FAILING_SYNCS_LISTED): with hundreds failing, the page lists a few and links to the Sync status page. */
  failing: SyncHealthRow[];
}

export const FAILING_SYNCS_LISTED = 6;

export function summarizeSync(rows: readonly SyncHealthRow[]): SyncSummary {
  const failing = rows.filter((r) => r.health === 'failing');
  let last: string | null = null;
  for (const r of rows) if (r.lastSuccessAt && (!last || r.lastSuccessAt > last)) last = r.lastSuccessAt;
  return {
    total: rows.length,
    lastSuccessAt: last,
    running: rows.filter((r) => r.health === 'running').length,
    neverSynced: rows.filter((r) => r.health === 'never-synced').length,
    failingCount: failing.length,
    failing: failing.slice(0, FAILING_SYNCS_LISTED),
  };
}
