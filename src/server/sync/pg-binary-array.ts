// One-dimensional PostgreSQL arrays in the binary wire format (what array_recv reads), for
// the page write's parameters: pg sends a Buffer parameter as binary, so the server reads
// each element by its length instead of parsing an array literal character by character
// (array_in, with its quoting and escapes, and text input for every timestamp). Layout:
// ndim, has-nulls flag, element type oid, then per dimension its length and lower bound,
// then each element as a byte length (-1 for NULL) and its bytes; all integers big-endian.

/** Element types the page write sends (pg_type oids). */
export const PG_TYPE = { text: 25, json: 114, timestamptz: 1184 } as const;

/** timestamptz on the wire: microseconds since 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

const HEADER_BYTES = 12;
const DIMENSION_BYTES = 8;

function writeHeader(out: Buffer, elementOid: number, count: number, hasNulls: boolean): number {
  // An empty array has no dimension (ndim 0), as PostgreSQL writes it.
  out.writeInt32BE(count === 0 ? 0 : 1, 0);
  out.writeInt32BE(hasNulls ? 1 : 0, 4);
  out.writeUInt32BE(elementOid, 8);
  if (count === 0) return HEADER_BYTES;
  out.writeInt32BE(count, 12);
  out.writeInt32BE(1, 16);
  return HEADER_BYTES + DIMENSION_BYTES;
}

const headerBytes = (count: number) => HEADER_BYTES + (count === 0 ? 0 : DIMENSION_BYTES);

/** A text-like array (text, json, varchar...): each element in UTF-8. */
export function binaryTextArray(values: readonly (string | null)[], elementOid: number = PG_TYPE.text): Buffer {
  const lengths = values.map((v) => (v === null ? -1 : Buffer.byteLength(v)));
  const out = Buffer.allocUnsafe(lengths.reduce((size, n) => size + 4 + Math.max(n, 0), headerBytes(values.length)));
  let offset = writeHeader(out, elementOid, values.length, lengths.includes(-1));
  values.forEach((value, i) => {
    offset = out.writeInt32BE(lengths[i], offset);
    if (value !== null) offset += out.write(value, offset, lengths[i]);
  });
  return out;
}

/** A timestamptz array from ISO 8601 instants (or NULLs); millisecond precision, as Date keeps. */
export function binaryTimestamptzArray(values: readonly (string | null)[]): Buffer {
  const nulls = values.reduce((n, v) => n + (v === null ? 1 : 0), 0);
  const out = Buffer.allocUnsafe(headerBytes(values.length) + 12 * values.length - 8 * nulls);
  let offset = writeHeader(out, PG_TYPE.timestamptz, values.length, nulls > 0);
  for (const value of values) {
    if (value === null) {
      offset = out.writeInt32BE(-1, offset);
      continue;
    }
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${value}`);
    offset = out.writeInt32BE(8, offset);
    offset = out.writeBigInt64BE(BigInt(ms - POSTGRES_EPOCH_MS) * 1000n, offset);
  }
  return out;
}
