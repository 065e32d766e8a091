// The defaults every RACI view starts from: the latest catalog revision's default matrix,
// computed once (the catalog is static data).
import { catalog2022, findControl, type CatalogControl, type CatalogVersion } from '@/server/catalog';
import { defaultRaciMatrix, type RaciAssignment, type RaciMatrix } from '@/server/catalog/raci';

/** RACI is kept against the latest revision of the catalog. */
export const RACI_CATALOG: CatalogVersion = catalog2022;

export const RACI_DEFAULTS: RaciMatrix = defaultRaciMatrix(RACI_CATALOG);

export function raciControl(controlId: string): CatalogControl | undefined {
  return findControl(controlId, RACI_CATALOG.version);
}

/** The defaults restricted to some controls (all when `controlIds` is undefined). */
export function defaultsFor(controlIds?: readonly string[]): RaciMatrix {
  if (!controlIds) return RACI_DEFAULTS;
  const subset: Record<string, RaciAssignment> = {};
  for (const id of controlIds) if (RACI_DEFAULTS[id]) subset[id] = RACI_DEFAULTS[id];
  return subset;
}
