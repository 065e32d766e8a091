import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/server/errors';
import { describeLetters, planRowEdit, type PartyRef } from './plan-row-edit';

const parties: PartyRef[] = [
  { id: 'aws', name: 'AWS' },
  { id: 'platform', name: 'Platform team' },
  { id: 'account-owner', name: 'Account owner' },
  { id: 'old', name: 'Old vendor', archivedAt: new Date('2024-01-01T00:00:00Z') },
];
const row = { aws: '', platform: 'RA', 'account-owner': 'CI' } as const;

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('planRowEdit', () => {
  it('normalizes letters and lists only real changes', () => {
    const plan = planRowEdit('S3-ENC-AT-REST', row, parties, [
      { partyId: 'platform', letters: 'ar' },
      { partyId: 'account-owner', letters: 'i, c' },
      { partyId: 'aws', letters: 'c' },
    ]);
    expect(plan.changes).toEqual([{ partyId: 'aws', partyName: 'AWS', from: '', to: 'C' }]);
    expect(plan.next).toEqual({ aws: 'C', platform: 'RA', 'account-owner': 'CI' });
  });

  it('moves Accountable between parties in one edit', () => {
    const plan = planRowEdit('S3-ENC-AT-REST', row, parties, [
      { partyId: 'platform', letters: 'R' },
      { partyId: 'account-owner', letters: 'AI' },
    ]);
    expect(plan.changes.map((c) => `${c.partyId}:${c.from}>${c.to}`)).toEqual(['platform:RA>R', 'account-owner:CI>AI']);
  });

  it('treats empty letters as "not involved"', () => {
    const plan = planRowEdit('X', row, parties, [{ partyId: 'account-owner', letters: ' ' }]);
    expect(plan.next['account-owner']).toBe('');
  });

  it('refuses a row with no Accountable party', () => {
    const error = validationError(() => planRowEdit('S3-ENC-AT-REST', row, parties, [{ partyId: 'platform', letters: 'R' }]));
    expect(error.message).toMatch(/S3-ENC-AT-REST would have no Accountable party/);
    expect(error.status).toBe(400);
  });

  it('refuses a row with two Accountable parties, naming them', () => {
    const error = validationError(() => planRowEdit('S3-ENC-AT-REST', row, parties, [{ partyId: 'account-owner', letters: 'A' }]));
    expect(error.message).toMatch(/would have 2 Accountable parties \(Platform team, Account owner\)/);
  });

  it('refuses invalid and repeated letters with a field error per party', () => {
    const error = validationError(() =>
      planRowEdit('X', row, parties, [
        { partyId: 'platform', letters: 'RX' },
        { partyId: 'aws', letters: 'rr' },
      ]),
    );
    expect(error.message).toBe('Platform team: "X" is not one of R, A, C, I. Use R, A, C and I, each at most once.');
    expect(error.fieldErrors['letters.platform']).toHaveLength(1);
    expect(error.fieldErrors['letters.aws'][0]).toMatch(/appears more than once/);
  });

  it('refuses unknown, archived and repeated parties', () => {
    expect(() => planRowEdit('X', row, parties, [{ partyId: 'nobody', letters: 'A' }])).toThrow(/no party "nobody"/);
    expect(() => planRowEdit('X', row, parties, [{ partyId: 'old', letters: 'C' }])).toThrow(/Old vendor is archived/);
    expect(() =>
      planRowEdit('X', row, parties, [
        { partyId: 'aws', letters: 'C' },
        { partyId: 'aws', letters: 'I' },
      ]),
    ).toThrow(/listed more than once/);
  });

  it('refuses an edit that changes nothing, or names no party', () => {
    expect(() => planRowEdit('X', row, parties, [{ partyId: 'platform', letters: 'a r' }])).toThrow(/Nothing changed/);
    expect(() => planRowEdit('X', row, parties, [])).toThrow(ValidationError);
  });

  it('does not modify the current row', () => {
    const current = { ...row };
    planRowEdit('X', current, parties, [{ partyId: 'aws', letters: 'I' }]);
    expect(current).toEqual(row);
  });
});

describe('describeLetters', () => {
  it('spells out letters', () => {
    expect(describeLetters('RA')).toBe('R, A');
    expect(describeLetters('')).toBe('not involved');
  });
});
