import { describe, expect, it } from 'vitest';
import { catalog2022 } from '@/server/catalog';
import { defaultRaciMatrix } from '@/server/catalog/raci';
import { filterRaciRows, parseRaciRowFilter, raciRows } from './matrix-rows';

const matrix = defaultRaciMatrix(catalog2022);
const rows = raciRows(catalog2022, matrix, ['S3-ENC-AT-REST']);
const total = catalog2022.services.reduce((n, s) => n + s.controls.length, 0);

describe('raciRows', () => {
  it('has one row per control, in catalog order, marking edited ones', () => {
    expect(rows).toHaveLength(total);
    expect(rows[0].service.id).toBe(catalog2022.services[0].id);
    expect(rows.filter((r) => r.edited).map((r) => r.control.id)).toEqual(['S3-ENC-AT-REST']);
  });
});

describe('filterRaciRows', () => {
  it('filters by service', () => {
    const s3 = filterRaciRows(rows, { serviceId: 's3' });
    expect(s3.length).toBe(catalog2022.services.find((s) => s.id === 's3')!.controls.length);
    expect(s3.every((r) => r.service.id === 's3')).toBe(true);
  });

  it('filters by a party holding a letter', () => {
    const awsAccountable = filterRaciRows(rows, { partyId: 'aws', letter: 'A' });
    expect(awsAccountable.length).toBeGreaterThan(0);
    expect(awsAccountable.length).toBeLessThan(total);
    expect(awsAccountable.every((r) => r.letters.aws.includes('A'))).toBe(true);
    const awsNotInvolved = filterRaciRows(rows, { partyId: 'aws', letter: 'none' });
    expect(awsNotInvolved.length + filterRaciRows(rows, { partyId: 'aws' }).length).toBe(total);
  });

  it('with a letter but no party, keeps rows where any party holds it', () => {
    expect(filterRaciRows(rows, { letter: 'A' })).toHaveLength(total);
    const consulted = filterRaciRows(rows, { letter: 'C' });
    expect(consulted.every((r) => Object.values(r.letters).some((l) => l.includes('C')))).toBe(true);
    expect(consulted.length).toBeLessThan(total);
  });

  it('combines service and party filters', () => {
    const result = filterRaciRows(rows, { serviceId: 's3', partyId: 'account-owner', letter: 'R' });
    expect(result.map((r) => r.control.id)).toContain('S3-NO-PHI-IN-METADATA');
    expect(result.map((r) => r.control.id)).not.toContain('S3-ENC-AT-REST');
  });
});

describe('parseRaciRowFilter', () => {
  const known = { serviceIds: new Set(['s3']), partyIds: new Set(['aws']) };
  it('keeps known values and drops the rest', () => {
    expect(parseRaciRowFilter({ service: 's3', party: 'aws', letter: 'A' }, known)).toEqual({ serviceId: 's3', partyId: 'aws', letter: 'A' });
    expect(parseRaciRowFilter({ service: 'nope', party: ['x'], letter: 'Z' }, known)).toEqual({ serviceId: undefined, partyId: undefined, letter: undefined });
    expect(parseRaciRowFilter({}, known)).toEqual({ serviceId: undefined, partyId: undefined, letter: undefined });
  });
});
