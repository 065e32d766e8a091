// Typed TanStack Query keys, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  syncStatus: () => ['sync-status'] as const,
  /** Under syncStatus, so invalidating the status refreshes every summary too. */
  syncSummary: (accountId?: string) => ['sync-status', 'summary', accountId ?? 'all'] as const,
  /** Every page of the findings explorer (invalidate after a sync). */
  findings: () => ['findings'] as const,
  /** One view of the findings explorer, by its canonical query string. */
  findingsView: (queryString: string) => ['findings', queryString] as const,
  /** The failing resources of one account (optionally of a service, control or region), by their query string. */
  failingResources: (queryString: string) => ['failing-resources', queryString] as const,
};
