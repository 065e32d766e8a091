// Typed TanStack Query keys, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  syncStatus: () => ['sync-status'] as const,
};
