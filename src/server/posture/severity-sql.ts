// Severity order in SQL, from the one ranking in TypeScript (SEVERITY_RANK), so a page's
// ORDER BY and a database max() rank severities as the posture computation does.
import { Prisma } from '@/generated/prisma/client';
import { SEVERITY_RANK } from './evaluate';

const WHENS = Object.entries(SEVERITY_RANK)
  .map(([severity, rank]) => `WHEN '${severity}' THEN ${rank}`)
  .join(' ');

/** `CASE <column> WHEN 'INFORMATIONAL' THEN 0 … WHEN 'CRITICAL' THEN 4 END` (NULL otherwise); `column` is ours, never input. */
export function severityRankSql(column: string): Prisma.Sql {
  return Prisma.raw(`CASE ${column} ${WHENS} END`);
}
