import { describe, expect, it } from 'vitest';
import { catalog2019, catalog2022, findControl } from './index';
import {
  AWS_INFRASTRUCTURE_RESPONSIBILITIES,
  DEFAULT_PARTIES,
  RaciParseError,
  defaultRaciFor,
  defaultRaciMatrix,
  parseRaciLetters,
  raciAsOf,
  raciRuleFor,
  validateOneAccountable,
  type RaciChange,
  type RaciMatrix,
} from './raci';

describe('parseRaciLetters', () => {
  it.each([
    ['RA', 'RA'],
    ['ar', 'RA'],
    ['I C', 'CI'],
    ['R, A, C, I', 'RACI'],
    ['icar', 'RACI'],
    ['c', 'C'],
    ['', ''],
    ['  ', ''],
  ])('normalizes %j to %j', (input, expected) => {
    expect(parseRaciLetters(input)).toBe(expected);
  });

  it.each(['X', 'RAX', 'R-A', 'ROLE'])('rejects the invalid letter in %j', (input) => {
    expect(() => parseRaciLetters(input)).toThrow(RaciParseError);
    expect(() => parseRaciLetters(input)).toThrow(/not one of R, A, C, I/);
  });

  it.each(['RR', 'rar', 'I, i'])('rejects the repeated letter in %j', (input) => {
    expect(() => parseRaciLetters(input)).toThrow(/more than once/);
  });
});

describe('defaults', () => {
  it('has the three default parties', () => {
    expect(DEFAULT_PARTIES.map((p) => p.id)).toEqual(['aws', 'platform', 'account-owner']);
  });

  it('follows the SQS safeguard RACI rows', () => {
    // Enforcing an automated safeguard: platform RA, account owner IC.
    expect(defaultRaciFor(findControl('SQS-ENC-AT-REST')!)).toEqual({ aws: '', platform: 'RA', 'account-owner': 'CI' });
    // Making every connection use HTTPS: platform C, account owner RA.
    expect(defaultRaciFor(findControl('SQS-ENC-IN-TRANSIT')!)).toEqual({ aws: '', platform: 'C', 'account-owner': 'RA' });
    // Keeping PHI out of excluded resources / metadata: platform IC, account owner RA.
    expect(defaultRaciFor(findControl('S3-NO-PHI-IN-METADATA')!)).toEqual({ aws: '', platform: 'CI', 'account-owner': 'RA' });
  });

  it('makes AWS responsible for safeguards the service performs itself', () => {
    const control = findControl('REKOGNITION-ENC-AT-REST')!;
    expect(control.awsManaged).toBe(true);
    expect(raciRuleFor(control)).toBe('aws-performs');
    expect(defaultRaciFor(control).aws).toBe('RA');
  });

  it('returns a fresh object per call', () => {
    const control = findControl('S3-ENC-AT-REST')!;
    expect(defaultRaciFor(control)).not.toBe(defaultRaciFor(control));
  });

  it.each([catalog2022, catalog2019])('gives every control in $version exactly one accountable party', (catalog) => {
    const matrix = defaultRaciMatrix(catalog);
    expect(Object.keys(matrix).length).toBe(catalog.services.reduce((n, s) => n + s.controls.length, 0));
    expect(validateOneAccountable(matrix)).toEqual([]);
  });

  it('keeps AWS infrastructure rows valid too', () => {
    const matrix = Object.fromEntries(AWS_INFRASTRUCTURE_RESPONSIBILITIES.map((r) => [r.item, r.assignment]));
    expect(validateOneAccountable(matrix)).toEqual([]);
  });
});

describe('validateOneAccountable', () => {
  it('reports rows with no or several accountable parties', () => {
    const matrix: RaciMatrix = {
      OK: { aws: 'I', platform: 'RA' },
      NONE: { aws: 'R', platform: 'C' },
      TWO: { aws: 'A', platform: 'RA', 'account-owner': 'C' },
    };
    const problems = validateOneAccountable(matrix);
    expect(problems.map((p) => p.controlId)).toEqual(['NONE', 'TWO']);
    expect(problems[0].accountable).toEqual([]);
    expect(problems[1].accountable).toEqual(['aws', 'platform']);
  });
});

describe('raciAsOf', () => {
  const defaults: RaciMatrix = {
    'SQS-ENC-AT-REST': { aws: '', platform: 'RA', 'account-owner': 'CI' },
    'SQS-ENC-IN-TRANSIT': { aws: '', platform: 'C', 'account-owner': 'RA' },
  };
  const at = (iso: string) => new Date(iso);
  const changes: RaciChange[] = [
    // Deliberately out of order: replay must sort by time.
    { controlId: 'SQS-ENC-AT-REST', partyId: 'platform', letters: 'r', changedAt: at('2024-03-01T00:00:00Z') },
    { controlId: 'SQS-ENC-AT-REST', partyId: 'account-owner', letters: 'ai', changedAt: at('2024-02-01T00:00:00Z') },
    { controlId: 'SQS-ENC-AT-REST', partyId: 'account-owner', letters: 'A', changedAt: at('2024-03-01T00:00:00Z') },
    { controlId: 'NEW-CONTROL', partyId: 'platform', letters: 'RA', changedAt: at('2024-04-01T00:00:00Z') },
  ];

  it('returns the defaults before any change', () => {
    expect(raciAsOf(defaults, changes, at('2024-01-01T00:00:00Z'))).toEqual(defaults);
  });

  it('applies the changes made up to and including the instant asked for', () => {
    const feb = raciAsOf(defaults, changes, at('2024-02-01T00:00:00Z'));
    expect(feb['SQS-ENC-AT-REST']).toEqual({ aws: '', platform: 'RA', 'account-owner': 'AI' });
    // Two accountable parties in February: the validation catches the interim state.
    expect(validateOneAccountable(feb).map((p) => p.controlId)).toEqual(['SQS-ENC-AT-REST']);

    const march = raciAsOf(defaults, changes, at('2024-03-15T00:00:00Z'));
    expect(march['SQS-ENC-AT-REST']).toEqual({ aws: '', platform: 'R', 'account-owner': 'A' });
    expect(march['SQS-ENC-IN-TRANSIT']).toEqual(defaults['SQS-ENC-IN-TRANSIT']);
    expect(march['NEW-CONTROL']).toBeUndefined();
    expect(validateOneAccountable(march)).toEqual([]);

    expect(raciAsOf(defaults, changes, at('2024-05-01T00:00:00Z'))['NEW-CONTROL']).toEqual({ platform: 'RA' });
  });

  it('applies same-instant changes in the order given', () => {
    const t = at('2024-06-01T00:00:00Z');
    const result = raciAsOf(
      defaults,
      [
        { controlId: 'SQS-ENC-IN-TRANSIT', partyId: 'platform', letters: 'I', changedAt: t },
        { controlId: 'SQS-ENC-IN-TRANSIT', partyId: 'platform', letters: 'CI', changedAt: t },
      ],
      t,
    );
    expect(result['SQS-ENC-IN-TRANSIT'].platform).toBe('CI');
  });

  it('does not modify its inputs', () => {
    const snapshot = JSON.stringify({ defaults, changes });
    raciAsOf(defaults, changes, at('2030-01-01T00:00:00Z'));
    expect(JSON.stringify({ defaults, changes })).toBe(snapshot);
  });

  it('rejects invalid letters in the history', () => {
    expect(() =>
      raciAsOf(defaults, [{ controlId: 'SQS-ENC-AT-REST', partyId: 'aws', letters: 'RZ', changedAt: at('2024-01-01T00:00:00Z') }], at('2024-12-01T00:00:00Z')),
    ).toThrow(RaciParseError);
  });
});
