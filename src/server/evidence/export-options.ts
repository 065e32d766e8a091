// What the evidence page offers to choose from: the registered accounts, and the services,
// controls and HIPAA citations of the catalog the bundles use.
import type { Db } from '@/server/db';
import { BUNDLE_CATALOG } from './bundle-scope';

export interface ExportOptions {
  accounts: { id: string; name: string }[];
  services: { id: string; name: string }[];
  controls: { id: string; title: string; serviceId: string }[];
  citations: { citation: string; controls: number }[];
}

export async function evidenceExportOptions(db: Db): Promise<ExportOptions> {
  const accounts = await db.awsAccount.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const controls = BUNDLE_CATALOG.services.flatMap((s) => s.controls.map((c) => ({ id: c.id, title: c.title, serviceId: s.id })));
  const citations = new Map<string, number>();
  for (const s of BUNDLE_CATALOG.services) for (const c of s.controls) for (const h of c.hipaaCitations) citations.set(h, (citations.get(h) ?? 0) + 1);
  return {
    accounts,
    services: BUNDLE_CATALOG.services.map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, 'en')),
    controls,
    citations: [...citations.entries()].map(([citation, n]) => ({ citation, controls: n })).sort((a, b) => a.citation.localeCompare(b.citation, 'en', { numeric: true })),
  };
}
