// Deterministic randomness. Everything the generator produces is a pure function of
// (seed, account, region, index), so any record can be rebuilt on demand without
// storing it: that is what keeps a 1,000,000-finding organization in a few MB.

/** mulberry32: tiny, fast, good enough for synthetic data (not for crypto). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finalizer: spreads the bits of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers into one well-mixed 32-bit hash (order matters). */
export function mixInts(a: number, b: number, c = 0, d = 0): number {
  let h = fmix32((a ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(b | 0, 0xcc9e2d51)) >>> 0);
  h = fmix32((h ^ Math.imul(c | 0, 0x1b873593)) >>> 0);
  h = fmix32((h ^ Math.imul(d | 0, 0xe6546b64)) >>> 0);
  return h;
}

/** FNV-1a over a string, finalized: stable 32-bit hash for names and ids. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** A uniform float in [0, 1) from a hash of the inputs (no state). */
export function unitFloat(a: number, b: number, c = 0, d = 0): number {
  return mixInts(a, b, c, d) / 4294967296;
}

/** Lowercase hex digits from a seeded stream, e.g. for ids and uuids. */
export function hexDigits(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += ((random() * 0x10000) >>> 0).toString(16).padStart(4, '0');
  return out.slice(0, length);
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export function upperAlnum(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += UPPER_ALNUM[Math.floor(random() * UPPER_ALNUM.length)];
  return out;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * A keyed bijection on [0, size): a 4-round Feistel network over the smallest even
 * bit-width covering `size`, with cycle-walking to stay inside the range. It lets
 * "the finding at position p in UpdatedAt order" be a pseudo-random finding while
 * both directions stay O(1) and nothing is stored.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly halfMask: number;
  private readonly keys: number[];

  constructor(readonly size: number, key: number) {
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.halfBits = bits / 2;
    this.halfMask = 2 ** this.halfBits - 1;
    this.keys = [0, 1, 2, 3].map((round) => mixInts(key, round, 0x5bd1e995));
  }

  forward(index: number): number {
    let x = index;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  inverse(value: number): number {
    let x = value;
    do x = this.decrypt(x);
    while (x >= this.size);
    return x;
  }

  private round(half: number, round: number): number {
    return mixInts(half, this.keys[round]) & this.halfMask;
  }

  private encrypt(x: number): number {
    const shift = 2 ** this.halfBits;
    let left = Math.floor(x / shift);
    let right = x % shift;
    for (let r = 0; r < 4; r++) {
      const next = (left ^ this.round(right, r)) & this.halfMask;
      left = right;
      right = next;
    }
    return left * shift + right;
  }

  private decrypt(x: number): number {
    const shift = 2 ** this.halfBits;
    let left = Math.floor(x / shift);
    let right = x % shift;
    for (let r = 3; r >= 0; r--) {
      const prev = (right ^ this.round(left, r)) & this.halfMask;
      right = left;
      left = prev;
    }
    return left * shift + right;
  }
}
