// Findings = generated base (immutable, lazily computed) + an overlay of mutations.
// The overlay is multi-versioned: every mutation gets a global sequence number, and a
// query reads the organization "as of" a snapshot sequence. A NextToken carries that
// snapshot plus the sort key of the last record it examined, so paging never repeats
// or skips a record that existed when paging began, however the data changes meanwhile.
import type { Organization } from './generator';
import { findingId, ordinalFromId } from './asff';
import type { SecurityHubControlRef } from './catalog';
import type { FindingCore, FindingState, Partition } from './partition';
import { mixInts } from './prng';

/** Overlay sort keys sort after every base position with the same timestamp. */
const OVERLAY_TIE_BASE = 2 ** 40;

export interface SortKey {
  /** UpdatedAt, epoch ms. */
  t: number;
  /** Tie-breaker: base position, or OVERLAY_TIE_BASE + mutation sequence. */
  b: number;
}

interface FindingVersion extends FindingState {
  seq: number;
}

interface OverlayRecord {
  ordinal: number;
  /** Set for findings added by a mutation (no generated base). */
  added?: Omit<FindingCore, keyof FindingState>;
  /** Ascending by seq. */
  versions: FindingVersion[];
}

interface OverlayEntry {
  key: SortKey;
  core: FindingCore;
}

class PartitionOverlay {
  readonly records = new Map<number, OverlayRecord>();
  addedCount = 0;
  readonly addedPerBlock = new Map<number, number>();
  /**
   * Sorted overlay entries per snapshot. A snapshot never changes once taken (later
   * mutations only add versions with higher sequence numbers), so entries stay valid.
   */
  private snapshots = new Map<number, OverlayEntry[]>();

  /** Visible overlay records at `seq`, sorted by key; cached per snapshot. */
  entriesAt(seq: number, partition: Partition): OverlayEntry[] {
    let entries = this.snapshots.get(seq);
    if (entries) return entries;
    entries = [];
    for (const record of this.records.values()) {
      const version = visibleVersion(record, seq);
      if (!version) continue;
      entries.push({ key: { t: version.updatedAtMs, b: OVERLAY_TIE_BASE + version.seq }, core: coreWithState(record, version, partition) });
    }
    entries.sort((a, b) => compareKeys(a.key, b.key));
    if (this.snapshots.size >= 8) this.snapshots.delete(this.snapshots.keys().next().value as number);
    this.snapshots.set(seq, entries);
    return entries;
  }
}

function visibleVersion(record: OverlayRecord, seq: number): FindingVersion | undefined {
  for (let i = record.versions.length - 1; i >= 0; i--) if (record.versions[i].seq <= seq) return record.versions[i];
  return undefined;
}

function coreWithState(record: OverlayRecord, version: FindingVersion, partition: Partition): FindingCore {
  const identity = record.added ?? partition.baseFinding(record.ordinal);
  return {
    ...identity,
    ordinal: record.ordinal,
    updatedAtMs: version.updatedAtMs,
    complianceStatus: version.complianceStatus,
    workflowStatus: version.workflowStatus,
    recordState: version.recordState,
  };
}

export function compareKeys(a: SortKey, b: SortKey): number {
  return a.t !== b.t ? a.t - b.t : a.b - b.b;
}

export interface FindingQuery {
  snapshotSeq: number;
  ascending: boolean;
  /** The last key examined by the previous page. */
  after?: SortKey;
  /** Inclusive UpdatedAt window. */
  loMs: number;
  hiMs: number;
  limit: number;
  /** Most records to examine in one call, to bound latency of selective filters. */
  scanBudget: number;
  predicate: (core: FindingCore) => boolean;
}

export interface FindingPage {
  items: FindingCore[];
  /** Present when more records may follow. */
  next?: SortKey;
}

export interface FindingPatch {
  complianceStatus?: FindingState['complianceStatus'];
  workflowStatus?: FindingState['workflowStatus'];
  recordState?: FindingState['recordState'];
}

export class FindingsStore {
  private seq = 0;
  private readonly overlays = new Map<string, PartitionOverlay>();

  constructor(readonly org: Organization) {}

  /** The sequence number of the latest mutation: a new paging session's snapshot. */
  get currentSeq(): number {
    return this.seq;
  }

  private overlay(p: Partition): PartitionOverlay {
    const key = `${p.account.id}/${p.region}`;
    let o = this.overlays.get(key);
    if (!o) {
      o = new PartitionOverlay();
      this.overlays.set(key, o);
    }
    return o;
  }

  /** The finding with this ordinal as of `seq` (latest when omitted). */
  core(p: Partition, ordinal: number, seq = this.seq): FindingCore | undefined {
    const record = this.overlays.get(`${p.account.id}/${p.region}`)?.records.get(ordinal);
    if (record) {
      const version = visibleVersion(record, seq);
      if (version) return coreWithState(record, version, p);
      if (record.added) return undefined;
    }
    return ordinal < p.size ? p.baseFinding(ordinal) : undefined;
  }

  /** Resolves a finding Id (any product) to its partition and current state. */
  findById(id: string): { partition: Partition; core: FindingCore } | undefined {
    const m = /^arn:aws:[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/.exec(id);
    if (!m) return undefined;
    const partition = this.org.partition(m[2], m[1]);
    if (!partition) return undefined;
    const ordinal = ordinalFromId(partition.seed, id);
    if (ordinal === undefined) return undefined;
    const core = this.core(partition, ordinal);
    if (!core || findingId(partition, core) !== id) return undefined;
    return { partition, core };
  }

  /** Records a new state for an existing finding, UpdatedAt = nowMs. */
  update(p: Partition, ordinal: number, patch: FindingPatch, nowMs: number): FindingCore {
    const current = this.core(p, ordinal);
    if (!current) throw new Error(`No finding ${ordinal} in ${p.account.id}/${p.region}`);
    const overlay = this.overlay(p);
    let record = overlay.records.get(ordinal);
    if (!record) {
      record = { ordinal, versions: [] };
      overlay.records.set(ordinal, record);
    }
    const complianceStatus = current.source === 'control' ? (patch.complianceStatus ?? current.complianceStatus) : undefined;
    const version: FindingVersion = {
      seq: ++this.seq,
      updatedAtMs: nowMs,
      complianceStatus,
      // Security Hub resolves a control finding's workflow when it passes, and reopens it when it fails again.
      workflowStatus:
        patch.workflowStatus ??
        (patch.complianceStatus === 'PASSED' ? 'RESOLVED' : patch.complianceStatus && current.workflowStatus === 'RESOLVED' ? 'NEW' : current.workflowStatus),
      recordState: patch.recordState ?? current.recordState,
    };
    record.versions.push(version);
    return coreWithState(record, version, p);
  }

  /** Adds a new control finding on a new resource of the control's type. */
  add(
    p: Partition,
    control: SecurityHubControlRef,
    state: { complianceStatus: NonNullable<FindingState['complianceStatus']>; workflowStatus?: FindingState['workflowStatus']; recordState?: FindingState['recordState'] },
    nowMs: number,
  ): FindingCore {
    const block = p.blockOf(control.resourceType);
    if (block < 0) throw new Error(`${control.id} (${control.resourceType}) is not evaluated in ${p.account.id}/${p.region}`);
    const overlay = this.overlay(p);
    const perBlock = overlay.addedPerBlock.get(block) ?? 0;
    overlay.addedPerBlock.set(block, perBlock + 1);
    const ordinal = p.size + overlay.addedCount++;
    const record: OverlayRecord = {
      ordinal,
      added: {
        ordinal,
        source: 'control',
        block,
        resourceIndex: p.blocks[block].count + perBlock,
        control,
        createdAtMs: nowMs,
        variant: mixInts(p.seed, ordinal, 0xf1),
      },
      versions: [],
    };
    const version: FindingVersion = {
      seq: ++this.seq,
      updatedAtMs: nowMs,
      complianceStatus: state.complianceStatus,
      workflowStatus: state.workflowStatus ?? (state.complianceStatus === 'PASSED' ? 'RESOLVED' : 'NEW'),
      recordState: state.recordState ?? 'ACTIVE',
    };
    record.versions.push(version);
    overlay.records.set(ordinal, record);
    return coreWithState(record, version, p);
  }

  /** One page of a partition's findings in UpdatedAt order, as of query.snapshotSeq. */
  query(p: Partition, q: FindingQuery): FindingPage {
    const overlay = this.overlays.get(`${p.account.id}/${p.region}`);
    const entries = overlay ? overlay.entriesAt(q.snapshotSeq, p) : [];
    const shadowed = (ordinal: number) => {
      if (!overlay) return false;
      const record = overlay.records.get(ordinal);
      return record !== undefined && visibleVersion(record, q.snapshotSeq) !== undefined;
    };
    return q.ascending ? this.scanAscending(p, q, entries, shadowed) : this.scanDescending(p, q, entries, shadowed);
  }

  private scanAscending(p: Partition, q: FindingQuery, entries: OverlayEntry[], shadowed: (o: number) => boolean): FindingPage {
    let pos = p.firstPositionAtOrAfter(q.loMs);
    let oi = lowerBound(entries, { t: q.loMs, b: -1 });
    if (q.after) {
      const a = q.after;
      pos = Math.max(pos, a.b < OVERLAY_TIE_BASE ? a.b + 1 : p.firstPositionAtOrAfter(a.t + 1));
      oi = Math.max(oi, upperBound(entries, a));
    }
    const items: FindingCore[] = [];
    let scanned = 0;
    let last: SortKey | undefined;
    while (items.length < q.limit && scanned < q.scanBudget) {
      // Next visible base position inside the window.
      let baseCore: FindingCore | undefined;
      while (pos < p.size && p.updatedAtAt(pos) <= q.hiMs) {
        const ordinal = p.ordinalAt(pos);
        if (!shadowed(ordinal)) {
          baseCore = p.baseFinding(ordinal, pos);
          break;
        }
        pos++;
      }
      const entry = oi < entries.length && entries[oi].key.t <= q.hiMs ? entries[oi] : undefined;
      if (!baseCore && !entry) return { items };
      const baseKey: SortKey | undefined = baseCore ? { t: baseCore.updatedAtMs, b: pos } : undefined;
      let core: FindingCore;
      if (entry && (!baseKey || compareKeys(entry.key, baseKey) < 0)) {
        core = entry.core;
        last = entry.key;
        oi++;
      } else {
        core = baseCore!;
        last = baseKey!;
        pos++;
      }
      scanned++;
      if (q.predicate(core)) items.push(core);
    }
    const more = (pos < p.size && p.updatedAtAt(pos) <= q.hiMs) || (oi < entries.length && entries[oi].key.t <= q.hiMs);
    return more && last ? { items, next: last } : { items };
  }

  private scanDescending(p: Partition, q: FindingQuery, entries: OverlayEntry[], shadowed: (o: number) => boolean): FindingPage {
    let pos = p.firstPositionAtOrAfter(q.hiMs + 1) - 1;
    let oi = upperBound(entries, { t: q.hiMs, b: Number.MAX_SAFE_INTEGER }) - 1;
    if (q.after) {
      const a = q.after;
      pos = Math.min(pos, a.b < OVERLAY_TIE_BASE ? a.b - 1 : p.firstPositionAtOrAfter(a.t + 1) - 1);
      oi = Math.min(oi, lowerBound(entries, a) - 1);
    }
    const items: FindingCore[] = [];
    let scanned = 0;
    let last: SortKey | undefined;
    while (items.length < q.limit && scanned < q.scanBudget) {
      let baseCore: FindingCore | undefined;
      while (pos >= 0 && p.updatedAtAt(pos) >= q.loMs) {
        const ordinal = p.ordinalAt(pos);
        if (!shadowed(ordinal)) {
          baseCore = p.baseFinding(ordinal, pos);
          break;
        }
        pos--;
      }
      const entry = oi >= 0 && entries[oi].key.t >= q.loMs ? entries[oi] : undefined;
      if (!baseCore && !entry) return { items };
      const baseKey: SortKey | undefined = baseCore ? { t: baseCore.updatedAtMs, b: pos } : undefined;
      let core: FindingCore;
      if (entry && (!baseKey || compareKeys(entry.key, baseKey) > 0)) {
        core = entry.core;
        last = entry.key;
        oi--;
      } else {
        core = baseCore!;
        last = baseKey!;
        pos--;
      }
      scanned++;
      if (q.predicate(core)) items.push(core);
    }
    const more = (pos >= 0 && p.updatedAtAt(pos) >= q.loMs) || (oi >= 0 && entries[oi].key.t >= q.loMs);
    return more && last ? { items, next: last } : { items };
  }
}

/** First index whose key is >= k. */
function lowerBound(entries: OverlayEntry[], k: SortKey): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(entries[mid].key, k) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > k. */
function upperBound(entries: OverlayEntry[], k: SortKey): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(entries[mid].key, k) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
