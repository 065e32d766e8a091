// The posture an evidence bundle reports, as (account, control) rows — the shape both a live
// evaluation and a daily snapshot have (posture/posture-views.ts), so the summary and
// controls.csv are built the same way for "now" and for a past day.
//
// Live (now or today): the evidence is read one account at a time, and a large account's
// records are evaluated in slices by resource (every record of a resource in the same slice).
// Resource-controls never span accounts or resources, so summing the slices' counts and
// combining their statuses by the rules of evaluate.ts gives exactly the whole evaluation,
// while memory holds one account's records and one slice's results (a whole evaluation keeps
// every resource-control with its evidence: ~3 KB each).
// A past day: each account's latest snapshot on or before that day.
import type { Db } from '@/server/db';
import { evaluatePosture } from '@/server/posture/evaluate';
import { loadEvidence } from '@/server/posture/load-evidence';
import { postureInputsAsOf } from '@/server/posture/posture-inputs';
import { accountControlRows, maxSeverity, type AccountControlRow } from '@/server/posture/posture-views';
import { postureAsOf } from '@/server/posture/snapshots';
import type { EvidenceRecord } from '@/server/posture/types';
import { BUNDLE_CATALOG, type ResolvedScope } from './bundle-scope';

/** Evidence records evaluated at once; larger accounts are sliced by resource. */
export const RECORDS_PER_EVALUATION = 4000;

export interface BundlePosture {
  mode: 'live' | 'snapshot';
  /** Rows of the accounts and controls in scope. */
  rows: AccountControlRow[];
  /** Snapshot mode: the snapshot day used per account. */
  snapshotDays: { accountId: string; day: string }[];
  /** Snapshot mode: accounts in scope with no snapshot on or before the day (no posture shown for them). */
  accountsWithoutSnapshot: string[];
}

/** FNV-1a: a stable, well-spread slice number for a resource id. */
function sliceOf(resourceId: string, slices: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < resourceId.length; i++) h = Math.imul(h ^ resourceId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % slices;
}

/** Splits records so all records of one resource land in the same slice. */
export function sliceByResource(records: readonly EvidenceRecord[], perSlice: number = RECORDS_PER_EVALUATION): EvidenceRecord[][] {
  const slices = Math.max(1, Math.ceil(records.length / perSlice));
  const out: EvidenceRecord[][] = Array.from({ length: slices }, () => []);
  for (const r of records) out[sliceOf(r.resourceId, slices)].push(r);
  return out;
}

/**
 * One account's rows from the rows of disjoint resource slices: counts add up, the highest
 * failure severity wins, and an automated control is failed if any resource failed, else
 * passed, else excepted, else not evaluated (evaluate.ts); a manual control's status does not
 * depend on resources, so every slice has the same.
 */
export function mergeSliceRows(slices: readonly (readonly AccountControlRow[])[]): AccountControlRow[] {
  const merged = new Map<string, AccountControlRow>();
  for (const rows of slices) {
    for (const row of rows) {
      const seen = merged.get(`${row.accountId}\u0000${row.controlId}`);
      if (!seen) {
        merged.set(`${row.accountId}\u0000${row.controlId}`, { ...row });
        continue;
      }
      seen.passed += row.passed;
      seen.failed += row.failed;
      seen.excepted += row.excepted;
      seen.unknown += row.unknown;
      seen.maxSeverity = maxSeverity(seen.maxSeverity, row.maxSeverity);
      if (seen.status !== 'manual' && seen.status !== 'attested') {
        seen.status = seen.failed > 0 ? 'failed' : seen.passed > 0 ? 'passed' : seen.excepted > 0 ? 'excepted' : 'not_evaluated';
      }
    }
  }
  return [...merged.values()];
}

export async function bundlePosture(db: Db, scope: ResolvedScope, options: { recordsPerEvaluation?: number } = {}): Promise<BundlePosture> {
  const inScope = (r: AccountControlRow) => scope.controlIds.has(r.controlId);
  if (scope.asOf.posture === 'snapshot') {
    const snapshot = await postureAsOf(db, { accountIds: scope.accountIds, day: scope.asOf.day });
    const covered = new Set(snapshot.accounts.map((a) => a.accountId));
    return {
      mode: 'snapshot',
      rows: snapshot.rows.filter(inScope),
      snapshotDays: snapshot.accounts.map((a) => ({ accountId: a.accountId, day: a.day })).sort((a, b) => a.accountId.localeCompare(b.accountId)),
      accountsWithoutSnapshot: scope.accountIds.filter((id) => !covered.has(id)),
    };
  }
  const asOf = scope.asOf.instant;
  const rows: AccountControlRow[] = [];
  for (const accountId of scope.accountIds) {
    const [records, inputs] = await Promise.all([loadEvidence(db, [accountId]), postureInputsAsOf(db, asOf, [accountId])]);
    const sliceRows = sliceByResource(records, options.recordsPerEvaluation).map((slice) =>
      accountControlRows(evaluatePosture({ catalog: BUNDLE_CATALOG, records: slice, ...inputs, accountIds: [accountId], asOf })).filter(
        (r) => r.accountId === accountId && inScope(r),
      ),
    );
    rows.push(...mergeSliceRows(sliceRows));
  }
  return { mode: 'live', rows, snapshotDays: [], accountsWithoutSnapshot: [] };
}
