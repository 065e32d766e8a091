import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '@/server/validation';
import { ValidationError } from '@/server/errors';
import { raciChangeRequestSchema, toEdits } from './schema';

const parse = (body: unknown) => parseOrThrow(raciChangeRequestSchema, body);

describe('POST /api/raci/changes body', () => {
  it('takes one party and its letters', () => {
    const body = parse({ controlId: 'S3-ENC-AT-REST', partyId: 'aws', letters: 'I', reason: 'why' });
    expect(toEdits(body)).toEqual([{ partyId: 'aws', letters: 'I' }]);
  });

  it('takes several parties at once', () => {
    const body = parse({ controlId: 'S3-ENC-AT-REST', letters: { platform: 'R', 'account-owner': 'RA' }, reason: 'why' });
    expect(toEdits(body)).toEqual([
      { partyId: 'platform', letters: 'R' },
      { partyId: 'account-owner', letters: 'RA' },
    ]);
  });

  it.each([
    [{ controlId: 'X', letters: 'I', reason: 'why' }, /partyId: Give the party/],
    [{ controlId: 'X', partyId: 'aws', letters: { aws: 'I' }, reason: 'why' }, /Leave partyId out/],
    [{ controlId: 'X', partyId: 'aws', letters: 3, reason: 'why' }, /letters: Give the letters/],
    [{ controlId: 'X', partyId: 'aws', letters: 'I' }, /reason: Say why/],
    [{ partyId: 'aws', letters: 'I', reason: 'why' }, /controlId: Give the control id/],
    [{ controlId: 'X', partyId: 'aws', letters: 'I', reason: 'why', changedById: 'someone-else' }, /changedById/],
  ])('refuses %j with a clear message', (body, message) => {
    expect(() => parse(body)).toThrow(ValidationError);
    expect(() => parse(body)).toThrow(message);
  });
});
