// Colour bands of scores, in a module of its own (no imports) so the heatmap's client
// component can use it without bundling the catalog.

export type ScoreBand = 'none' | 'good' | 'fair' | 'poor' | 'bad';

/** Colour bands of the heatmap (the percentage is always printed too). */
export function scoreBand(score: number | null): ScoreBand {
  if (score === null) return 'none';
  if (score >= 0.9) return 'good';
  if (score >= 0.7) return 'fair';
  if (score >= 0.5) return 'poor';
  return 'bad';
}
