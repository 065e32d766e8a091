import { describe, expect, it } from 'vitest';
import { catalogIndex, isManualControl, mapEvidenceToControls } from './map-evidence';
import { catalogOf, configEvaluation, control, finding, service, TEST_CATALOG } from './test-support';
import type { EvidenceRecord } from './types';

const controlIds = (records: EvidenceRecord[]) =>
  mapEvidenceToControls(records, TEST_CATALOG).mapped.map(({ controls }) => controls.map((c) => c.id));

describe('mapEvidenceToControls', () => {
  it.each([
    ['a Security Hub control id', finding({ evidenceKey: 'S3.5' }), ['S3-TLS']],
    ['a Config rule identifier', configEvaluation({ evidenceKey: 'S3_BUCKET_SSL_REQUESTS_ONLY' }), ['S3-TLS']],
    ['one of two Security Hub ids of a control', finding({ evidenceKey: 'S3.22' }), ['S3-LOG']],
    ['a check two controls share', finding({ evidenceKey: 'SQS.1' }), ['SQS-ENC', 'SQS-ENC-KMS']],
  ])('maps %s to its controls', (_label, record, expected) => {
    expect(controlIds([record])).toEqual([expected]);
  });

  it.each([
    ['a finding without a control (GuardDuty)', finding({ evidenceKey: null, title: 'Recon:EC2/PortProbe' })],
    ['a Security Hub control id no control lists', finding({ evidenceKey: 'EC2.19' })],
    ['a Config identifier sent as a Security Hub id', finding({ evidenceKey: 'S3_BUCKET_SSL_REQUESTS_ONLY' })],
    ['a Security Hub id sent as a Config identifier', configEvaluation({ evidenceKey: 'S3.5' })],
    ['an id in the wrong case', finding({ evidenceKey: 's3.5' })],
  ])('keeps %s as unmapped', (_label, record) => {
    const mapping = mapEvidenceToControls([record], TEST_CATALOG);
    expect(mapping.mapped).toEqual([]);
    expect(mapping.unmapped).toEqual([record]);
  });

  it('keeps every record, mapped or not, in input order', () => {
    const records = [
      finding({ evidenceKey: null }),
      finding({ evidenceKey: 'S3.4' }),
      finding({ evidenceKey: 'EC2.19', archived: true }),
      configEvaluation(),
    ];
    const mapping = mapEvidenceToControls(records, TEST_CATALOG);
    expect(mapping.mapped.map(({ record }) => record)).toEqual([records[1], records[3]]);
    expect(mapping.unmapped).toEqual([records[0], records[2]]);
  });

  it('lists a control once even if it names the same check twice', () => {
    const catalog = catalogOf([service('x', [control('X-1', 'x', { securityHub: ['X.1', 'X.1'] })])]);
    const mapping = mapEvidenceToControls([finding({ evidenceKey: 'X.1' })], catalog);
    expect(mapping.mapped[0].controls.map((c) => c.id)).toEqual(['X-1']);
  });
});

describe('catalogIndex', () => {
  it('is built once per catalog', () => {
    expect(catalogIndex(TEST_CATALOG)).toBe(catalogIndex(TEST_CATALOG));
  });

  it('rejects a catalog with a duplicate control id', () => {
    const catalog = catalogOf([service('x', [control('X-1', 'x')]), service('y', [control('X-1', 'y')])]);
    expect(() => catalogIndex(catalog)).toThrow(/duplicate control id X-1/);
  });

  it('rejects a control listed under another service than its own', () => {
    const catalog = catalogOf([service('x', [control('Y-1', 'y')])]);
    expect(() => catalogIndex(catalog)).toThrow(/Y-1 is listed under x/);
  });
});

describe('isManualControl', () => {
  it.each([
    ['no evidence', control('M', 'm'), true],
    ['a Security Hub control', control('SH', 'm', { securityHub: ['A.1'] }), false],
    ['a Config rule', control('CFG', 'm', { config: ['A_RULE'] }), false],
  ])('a control with %s → manual: %s', (_label, c, expected) => {
    expect(isManualControl(c)).toBe(expected);
  });
});
