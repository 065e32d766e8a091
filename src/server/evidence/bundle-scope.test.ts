import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/server/errors';
import { bundleScopeQuery, citesCitation, controlsInScope, parseBundleScope, resolveAsOf, BUNDLE_CATALOG } from './bundle-scope';

const params = (q: string) => new URLSearchParams(q);
const allControls = BUNDLE_CATALOG.services.flatMap((s) => s.controls);

describe('evidence bundle scope', () => {
  it('reads repeated parameters, removes duplicates and round-trips through the query string', () => {
    const scope = parseBundleScope(params('account=111111111111&account=111111111111&account=222222222222&service=s3&citation=164.312(b)&asOf=2026-01-31'));
    expect(scope).toEqual({ accounts: ['111111111111', '222222222222'], services: ['s3'], controls: [], citations: ['164.312(b)'], asOf: '2026-01-31' });
    expect(parseBundleScope(params(bundleScopeQuery(scope)))).toEqual(scope);
    expect(parseBundleScope(params(''))).toEqual({ accounts: [], services: [], controls: [], citations: [], asOf: '' });
  });

  it('refuses malformed accounts, unknown catalog ids and impossible days with field messages', () => {
    const fails = (q: string) => {
      try {
        parseBundleScope(params(q));
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).message;
      }
      throw new Error('no error');
    };
    expect(fails('account=12345')).toBe('accounts.0: An AWS account id has 12 digits.');
    expect(fails('service=no-such-service')).toBe('services.0: There is no service "no-such-service" in the catalog.');
    expect(fails('control=NOPE-1')).toBe('controls.0: There is no control "NOPE-1" in the catalog.');
    expect(fails('citation=164.999')).toBe('citations.0: No control of the catalog cites "164.999".');
    expect(fails('asOf=2026-02-30')).toMatch(/^asOf: Use a date like/);
    expect(fails('asOf=yesterday')).toMatch(/^asOf: /);
  });

  it('matches citations with or without "45 CFR", and a paragraph covers its sub-paragraphs', () => {
    const control = allControls.find((c) => c.hipaaCitations.includes('45 CFR 164.312(e)(2)(ii)'))!;
    expect(citesCitation(control, '45 CFR 164.312(e)(2)(ii)')).toBe(true);
    expect(citesCitation(control, '164.312(e)(2)(ii)')).toBe(true);
    expect(citesCitation(control, '164.312(e)')).toBe(true);
    expect(citesCitation(control, '164.312')).toBe(true);
    expect(citesCitation(control, '164.31')).toBe(false);
    expect(citesCitation(control, '164.312(e)(2)(i)')).toBe(false);
  });

  it('narrows across dimensions and keeps alternatives within one', () => {
    expect(controlsInScope({ services: [], controls: [], citations: [] })).toHaveLength(allControls.length);
    const s3 = controlsInScope({ services: ['s3'], controls: [], citations: [] });
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((c) => c.serviceId === 's3')).toBe(true);
    const s3AndSqs = controlsInScope({ services: ['s3', 'sqs'], controls: [], citations: [] });
    expect(s3AndSqs.length).toBeGreaterThan(s3.length);
    const s3Audit = controlsInScope({ services: ['s3'], controls: [], citations: ['164.312(b)'] });
    expect(s3Audit.length).toBeGreaterThan(0);
    expect(s3Audit.length).toBeLessThan(s3.length);
    expect(s3Audit.every((c) => c.serviceId === 's3' && c.hipaaCitations.includes('45 CFR 164.312(b)'))).toBe(true);
    const sqsControl = allControls.find((c) => c.serviceId === 'sqs')!;
    expect(controlsInScope({ services: ['s3'], controls: [sqsControl.id], citations: [] })).toEqual([]);
  });

  it('reads the as-of day: now and today are live, a past day is the end of that day from snapshots, the future is refused', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(resolveAsOf('', now)).toEqual({ requested: 'now', instant: now, posture: 'live', day: '2026-03-10' });
    expect(resolveAsOf('2026-03-10', now)).toEqual({ requested: '2026-03-10', instant: now, posture: 'live', day: '2026-03-10' });
    expect(resolveAsOf('2026-03-09', now)).toEqual({ requested: '2026-03-09', instant: new Date('2026-03-09T23:59:59.999Z'), posture: 'snapshot', day: '2026-03-09' });
    expect(() => resolveAsOf('2026-03-11', now)).toThrow(/in the future/);
  });
});
