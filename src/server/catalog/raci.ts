// Shared-responsibility (RACI) model: who is Responsible, Accountable, Consulted and Informed for
// each catalog control.
//
// The defaults follow the managed-platform vendor's SQS safeguard page, whose RACI table splits
// work between the team that runs the automated safeguards and the customer that owns the account:
//   - enforcing the automated safeguards:              vendor RA, customer IC
//   - making every client connection use HTTPS:        vendor C,  customer RA
//   - keeping PHI out of resources excluded from
//     automated remediation:                           vendor IC, customer RA
// Here the vendor role is played by the organization's platform team and the customer role by the
// account owner. AWS is the third party: per the whitepaper's shared responsibility model it runs
// the physical facilities, the hypervisor and the service infrastructure, and it carries out the
// safeguards a HIPAA-eligible service performs by itself (e.g. service-side encryption).

import type { CatalogControl, CatalogVersion } from './types';

export type RaciLetter = 'R' | 'A' | 'C' | 'I';

/** A set of RACI letters in canonical R, A, C, I order; '' means not involved. */
export type RaciLetters =
  | ''
  | 'R'
  | 'A'
  | 'C'
  | 'I'
  | 'RA'
  | 'RC'
  | 'RI'
  | 'AC'
  | 'AI'
  | 'CI'
  | 'RAC'
  | 'RAI'
  | 'RCI'
  | 'ACI'
  | 'RACI';

const ORDER: readonly RaciLetter[] = ['R', 'A', 'C', 'I'];

export interface RaciParty {
  id: string;
  name: string;
}

export const DEFAULT_PARTIES: readonly RaciParty[] = [
  { id: 'aws', name: 'AWS' },
  { id: 'platform', name: 'Platform team' },
  { id: 'account-owner', name: 'Account owner' },
];

/** Letters per party for one control. Parties that are not listed are not involved. */
export type RaciAssignment = Readonly<Record<string, RaciLetters>>;

/** Control id -> assignment. */
export type RaciMatrix = Readonly<Record<string, RaciAssignment>>;

export class RaciParseError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid RACI letters "${input}": ${reason}`);
    this.name = 'RaciParseError';
  }
}

/**
 * Parses RACI letters as people type them ("ar", "R, A", "I C") into canonical order ("RA", "CI").
 * Throws RaciParseError on any other character or on a repeated letter.
 */
export function parseRaciLetters(input: string): RaciLetters {
  const letters = input.toUpperCase().replace(/[\s,/+]/g, '');
  const seen = new Set<RaciLetter>();
  for (const ch of letters) {
    if (!(ORDER as readonly string[]).includes(ch)) throw new RaciParseError(input, `"${ch}" is not one of R, A, C, I`);
    if (seen.has(ch as RaciLetter)) throw new RaciParseError(input, `"${ch}" appears more than once`);
    seen.add(ch as RaciLetter);
  }
  return ORDER.filter((l) => seen.has(l)).join('') as RaciLetters;
}

export function hasLetter(letters: RaciLetters, letter: RaciLetter): boolean {
  return letters.includes(letter);
}

// ---------------------------------------------------------------------------------------------
// Defaults

const isAutomated = (c: CatalogControl) => c.evidence.securityHubControlIds.length > 0 || c.evidence.configRuleIdentifiers.length > 0;

/** Which row of the shared-responsibility model a control falls under, and why. */
export type RaciRule = 'aws-performs' | 'platform-enforces' | 'owner-connections' | 'owner-no-phi' | 'owner-manual';

export function raciRuleFor(control: CatalogControl): RaciRule {
  if (control.awsManaged) return 'aws-performs';
  // Keeping PHI out of a service, its names or its excluded resources is the account owner's attestation.
  if (control.family === 'administrative' && control.phiRelated && !isAutomated(control)) return 'owner-no-phi';
  // Nothing can enforce that every client connects over TLS; the account owner's applications must.
  if (control.family === 'encryption-in-transit' && !isAutomated(control)) return 'owner-connections';
  if (isAutomated(control)) return 'platform-enforces';
  return 'owner-manual';
}

const DEFAULTS_BY_RULE: Record<RaciRule, RaciAssignment> = {
  'aws-performs': { aws: 'RA', platform: 'I', 'account-owner': 'I' },
  'platform-enforces': { aws: '', platform: 'RA', 'account-owner': 'CI' },
  'owner-connections': { aws: '', platform: 'C', 'account-owner': 'RA' },
  'owner-no-phi': { aws: '', platform: 'CI', 'account-owner': 'RA' },
  'owner-manual': { aws: '', platform: 'C', 'account-owner': 'RA' },
};

/** The default assignment for a control across DEFAULT_PARTIES. */
export function defaultRaciFor(control: CatalogControl): RaciAssignment {
  return { ...DEFAULTS_BY_RULE[raciRuleFor(control)] };
}

export function defaultRaciMatrix(catalog: CatalogVersion): RaciMatrix {
  const matrix: Record<string, RaciAssignment> = {};
  for (const service of catalog.services) for (const control of service.controls) matrix[control.id] = defaultRaciFor(control);
  return matrix;
}

/** AWS's own part of the shared responsibility model, which no catalog control covers. */
export const AWS_INFRASTRUCTURE_RESPONSIBILITIES: readonly { item: string; assignment: RaciAssignment }[] = [
  { item: 'Physical security of data centers and hardware', assignment: { aws: 'RA', platform: '', 'account-owner': '' } },
  { item: 'Hypervisor and host isolation', assignment: { aws: 'RA', platform: '', 'account-owner': '' } },
  { item: 'Operating the infrastructure of HIPAA-eligible services', assignment: { aws: 'RA', platform: 'I', 'account-owner': 'I' } },
  { item: 'Signing the Business Associate Addendum and using only eligible services for PHI', assignment: { aws: 'C', platform: 'C', 'account-owner': 'RA' } },
];

// ---------------------------------------------------------------------------------------------
// History

export interface RaciChange {
  controlId: string;
  partyId: string;
  /** Letters as entered; normalized with parseRaciLetters when replayed. */
  letters: string;
  changedAt: Date;
}

/**
 * The matrix as it stood at `asOf`: the defaults with every change made at or before that instant
 * applied in time order (changes at the same instant apply in the order given). Pure: inputs are
 * not modified. Invalid letters in the history throw, since a stored history should be valid.
 */
export function raciAsOf(defaults: RaciMatrix, changes: readonly RaciChange[], asOf: Date): RaciMatrix {
  const cutoff = asOf.getTime();
  const applicable = changes
    .map((change, i) => ({ change, i }))
    .filter(({ change }) => change.changedAt.getTime() <= cutoff)
    .sort((x, y) => x.change.changedAt.getTime() - y.change.changedAt.getTime() || x.i - y.i);

  const result: Record<string, Record<string, RaciLetters>> = {};
  for (const [controlId, assignment] of Object.entries(defaults)) result[controlId] = { ...assignment };
  for (const { change } of applicable) {
    const row = (result[change.controlId] ??= {});
    row[change.partyId] = parseRaciLetters(change.letters);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface RaciProblem {
  controlId: string;
  /** Parties holding A; a valid row has exactly one. */
  accountable: string[];
  message: string;
}

/** Every control must have exactly one Accountable party. */
export function validateOneAccountable(matrix: RaciMatrix): RaciProblem[] {
  const problems: RaciProblem[] = [];
  for (const [controlId, assignment] of Object.entries(matrix)) {
    const accountable = Object.entries(assignment)
      .filter(([, letters]) => hasLetter(letters, 'A'))
      .map(([partyId]) => partyId);
    if (accountable.length !== 1) {
      problems.push({
        controlId,
        accountable,
        message: accountable.length === 0 ? `${controlId} has no accountable party` : `${controlId} has ${accountable.length} accountable parties (${accountable.join(', ')})`,
      });
    }
  }
  return problems;
}
