import { describe, expect, it } from 'vitest';
import { containsPattern, COUNT_LIMIT, evidenceKeysFor, pageCounts, parseExplorerParams } from './findings-explorer';
import { defaultExplorerFilters, explorerQueryString, hasFilters, parseExplorerFilters } from './explorer-filters';

const parse = (query: string) => parseExplorerFilters(new URLSearchParams(query));

describe('explorer filters in the URL', () => {
  it('defaults to current findings, most severe first, 50 a page', () => {
    expect(parse('')).toEqual({ filters: defaultExplorerFilters(), errors: {} });
    expect(explorerQueryString(defaultExplorerFilters())).toBe('');
    expect(hasFilters(defaultExplorerFilters())).toBe(false);
  });

  it('reads every filter and writes them back the same (canonical order, defaults left out)', () => {
    const query = 'account=123456789012&region=us-east-1&service=sqs&control=SQS-ENC-AT-REST&citation=164.312(a)&status=FAILED&severity=HIGH,CRITICAL&product=Security+Hub&q=queue&resource=arn%3Aaws%3Asqs%3Aus-east-1%3A1%3Aq&state=all&sort=updated&dir=asc&page=3&size=100';
    const { filters, errors } = parse(query);
    expect(errors).toEqual({});
    expect(filters).toMatchObject({ account: '123456789012', service: 'sqs', severity: ['CRITICAL', 'HIGH'], state: 'all', sort: 'updated', dir: 'asc', page: 3, size: 100, resource: 'arn:aws:sqs:us-east-1:1:q' });
    const written = explorerQueryString(filters);
    expect(parse(written).filters).toEqual(filters);
    expect(explorerQueryString(parse(written).filters)).toBe(written);
    expect(hasFilters(filters)).toBe(true);
  });

  it('accepts a page object from Next (arrays take their first value)', () => {
    expect(parseExplorerFilters({ account: ['123456789012', '999999999999'], status: 'failed' }).filters).toMatchObject({ account: '123456789012', status: 'FAILED' });
  });

  it('leaves out invalid values and says why', () => {
    const { filters, errors } = parse('account=12&severity=HIGH,SEVERE&page=0&size=7&sort=colour&status=BROKEN&tab=nope&state=x&citation=1');
    expect(filters).toEqual({ ...defaultExplorerFilters(), severity: ['HIGH'] });
    expect(Object.keys(errors).sort()).toEqual(['account', 'citation', 'page', 'severity', 'size', 'sort', 'state', 'status', 'tab']);
    // HIGH was fine and is kept.
    expect(parse('severity=HIGH,SEVERE').filters.severity).toEqual(['HIGH']);
  });

  it('leaves out text holding U+0000, which PostgreSQL cannot compare with', () => {
    const { filters, errors } = parse('q=bucket%00&product=Security%00Hub&resource=arn%00&citation=164.312(a)%00&severity=HIGH');
    expect(filters).toEqual({ ...defaultExplorerFilters(), severity: ['HIGH'] });
    expect(errors).toEqual(Object.fromEntries(['citation', 'product', 'q', 'resource'].map((k) => [k, ['Text may not contain the NUL character (U+0000).']])));
  });

  it('has statuses and sorts of its own on the Config tab', () => {
    expect(parse('tab=config').filters).toMatchObject({ tab: 'config', sort: 'recorded', dir: 'desc' });
    expect(parse('tab=config&status=NON_COMPLIANT&sort=rule').errors).toEqual({});
    expect(Object.keys(parse('tab=config&status=FAILED&sort=severity').errors)).toEqual(['status', 'sort']);
    expect(explorerQueryString(parse('tab=config').filters)).toBe('tab=config');
  });

  it('checks service and control ids against the catalog on the server', () => {
    expect(parseExplorerParams(new URLSearchParams('service=sqs&control=SQS-ENC-AT-REST')).errors).toEqual({});
    expect(Object.keys(parseExplorerParams(new URLSearchParams('service=no-such&control=NOPE-1')).errors)).toEqual(['service', 'control']);
    // Without the catalog (in the browser) any well-formed id passes; the server decides.
    expect(parse('service=no-such').errors).toEqual({});
  });
});

describe('catalog filters to evidence keys', () => {
  it('is null without catalog filters', () => {
    expect(evidenceKeysFor({})).toBeNull();
  });

  it('gives the Security Hub controls and Config rules of a service, a control, or a citation, combined', () => {
    const sqs = evidenceKeysFor({ service: 'sqs' })!;
    expect(sqs.securityHub).toContain('SQS.1');
    const control = evidenceKeysFor({ control: 'SQS-ENC-AT-REST' })!;
    expect(control.securityHub.every((id) => sqs.securityHub.includes(id))).toBe(true);
    const cited = evidenceKeysFor({ citation: '45 CFR 164.312(a)(2)(iv)' })!;
    expect(cited.securityHub.length).toBeGreaterThan(0);
    // A service and a control of another service match nothing.
    expect(evidenceKeysFor({ service: 's3', control: 'SQS-ENC-AT-REST' })).toEqual({ securityHub: [], config: [] });
  });
});

describe('text search pattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('capped counts', () => {
  it('is exact up to the limit', () => {
    expect(pageCounts(0, 1, 50, 0)).toEqual({ total: 0, totalCapped: false, pages: 0 });
    expect(pageCounts(COUNT_LIMIT, 1, 50, 50)).toEqual({ total: COUNT_LIMIT, totalCapped: false, pages: COUNT_LIMIT / 50 });
  });
  it('past the limit, counts the pages known to exist', () => {
    expect(pageCounts(COUNT_LIMIT + 1, 1, 50, 50)).toEqual({ total: COUNT_LIMIT, totalCapped: true, pages: COUNT_LIMIT / 50 });
    expect(pageCounts(COUNT_LIMIT + 1, 250, 50, 50)).toEqual({ total: COUNT_LIMIT, totalCapped: true, pages: 251 });
    expect(pageCounts(COUNT_LIMIT + 1, 250, 50, 20)).toEqual({ total: COUNT_LIMIT, totalCapped: true, pages: 250 });
  });
});
