/**
 * The 31st, at noon UTC, of the first month after `from` that has no 31st: a timestamp of a
 * day that does not exist (which `new Date` rolls over into the next month), always within
 * four months of `from`.
 */
export function nonexistentDayAfter(from: Date): string {
  for (let months = 1; ; months++) {
    const first = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
    const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    if (days < 31) return `${first.toISOString().slice(0, 8)}31T12:00:00Z`;
  }
}
