// The hook every posture computation of the pages and snapshots goes through for its
// exclusions and attestations: those in force at `asOf`.
import type { Db } from '@/server/db';
import { activeAttestations } from '@/server/attestations/active-attestations';
import { activeExclusions } from '@/server/exclusions/active-exclusions';
import type { AccountFilter } from './load-evidence';
import type { Attestation, Exclusion } from './types';

export interface PostureInputs {
  exclusions: Exclusion[];
  attestations: Attestation[];
}

/** Exclusions (approved, not expired) and attestations (confirmed, still valid) at `asOf`, for the accounts evaluated. */
export async function postureInputsAsOf(db: Db, asOf: Date, accounts: AccountFilter = 'all'): Promise<PostureInputs> {
  const accountIds = accounts === 'all' ? undefined : accounts;
  const [exclusions, attestations] = await Promise.all([activeExclusions(db, { accountIds, asOf }), activeAttestations(db, asOf, { accountIds })]);
  return { exclusions, attestations };
}
