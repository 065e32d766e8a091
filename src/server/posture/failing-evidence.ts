// A constant of the failing-resource lists, on its own so the browser's bundle can use it
// without the catalog that posture-views.ts brings along.

/**
 * Findings listed per failing control of a resource; the rest are one link away (the
 * explorer). A resource can fail a control through dozens of findings, and listing them all
 * made a page of 15 resources a megabyte (bench/RESULTS.md).
 */
export const FAILING_EVIDENCE_LISTED = 3;
