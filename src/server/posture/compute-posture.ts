// Posture for a user: the evidence of the accounts they may see, the catalog, and
// the exclusions and attestations in force at `asOf`, evaluated by the rules in
// evaluate.ts. Reads only; the same inputs always give the same result.
import type { Db } from '@/server/db';
import type { SessionUser } from '@/server/auth/users';
import { visibleAccountIds } from '@/server/accounts/account-scope';
import { catalog2022 } from '@/server/catalog';
import type { CatalogVersion } from '@/server/catalog/types';
import { evaluatePosture } from './evaluate';
import { loadEvidence, type AccountFilter } from './load-evidence';
import type { Attestation, Exclusion, PostureEvaluation } from './types';

export interface PostureOptions {
  asOf?: Date;
  catalog?: CatalogVersion;
  exclusions?: Exclusion[];
  attestations?: Attestation[];
}

export async function computePostureForAccounts(db: Db, accounts: AccountFilter, options: PostureOptions = {}): Promise<PostureEvaluation> {
  const [records, registered] = await Promise.all([
    loadEvidence(db, accounts),
    db.awsAccount.findMany({ where: accounts === 'all' ? {} : { id: { in: accounts } }, select: { id: true } }),
  ]);
  return evaluatePosture({
    catalog: options.catalog ?? catalog2022,
    records,
    exclusions: options.exclusions ?? [],
    attestations: options.attestations ?? [],
    accountIds: registered.map((a) => a.id),
    asOf: options.asOf ?? new Date(),
  });
}

export async function computePosture(db: Db, user: SessionUser, options: PostureOptions = {}): Promise<PostureEvaluation> {
  return computePostureForAccounts(db, await visibleAccountIds(db, user), options);
}
