import { describe, expect, it } from 'vitest';
import { findControl, findService, isManual } from '@/server/catalog';
import { resolveExclusionTarget } from './exclusion-target';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:claims';

describe('exclusion target', () => {
  it('one resource, one control: the service comes from the control', () => {
    const result = resolveExclusionTarget({ scope: 'resource_control', resourceId: QUEUE, controlId: 'SQS-ENC-AT-REST' });
    expect(result).toMatchObject({ ok: true, target: { resourceId: QUEUE, controlId: 'SQS-ENC-AT-REST', serviceId: 'sqs' } });
    if (result.ok) expect(result.target.controls.map((c) => c.id)).toEqual(['SQS-ENC-AT-REST']);
  });

  it('one resource, every control of its service: only the automated ones count', () => {
    const result = resolveExclusionTarget({ scope: 'resource_service', resourceId: QUEUE, serviceId: 'sqs', controlId: 'SQS-ENC-AT-REST' });
    expect(result).toMatchObject({ ok: true, target: { controlId: null, serviceId: 'sqs' } });
    const automated = findService('sqs')!.controls.filter((c) => !isManual(c)).map((c) => c.id);
    if (result.ok) expect(result.target.controls.map((c) => c.id)).toEqual(automated);
  });

  it('derives the service from the control for a service-wide scope', () => {
    expect(resolveExclusionTarget({ scope: 'resource_service', resourceId: QUEUE, controlId: 'SQS-ENC-AT-REST' })).toMatchObject({ ok: true, target: { serviceId: 'sqs' } });
  });

  it('a control across an account names no resource, even when one was sent', () => {
    expect(resolveExclusionTarget({ scope: 'account_control', resourceId: QUEUE, controlId: 'SQS-ENC-AT-REST' })).toMatchObject({
      ok: true,
      target: { resourceId: null, controlId: 'SQS-ENC-AT-REST' },
    });
  });

  it.each([
    [{ scope: 'resource_control', controlId: 'SQS-ENC-AT-REST' }, 'resourceId', /Name the resource/],
    [{ scope: 'resource_control', resourceId: '  ', controlId: 'SQS-ENC-AT-REST' }, 'resourceId', /Name the resource/],
    [{ scope: 'resource_control', resourceId: QUEUE }, 'controlId', /Choose the control/],
    [{ scope: 'resource_control', resourceId: QUEUE, controlId: 'NOPE-1' }, 'controlId', /no control "NOPE-1"/],
    [{ scope: 'resource_control', resourceId: QUEUE, controlId: 'SQS-ENC-AT-REST', serviceId: 's3' }, 'serviceId', /belongs to service "sqs"/],
    [{ scope: 'resource_control', resourceId: QUEUE, controlId: 'SQS-KEY-MANAGEMENT' }, 'controlId', /manual control/],
    [{ scope: 'resource_service', resourceId: QUEUE }, 'serviceId', /Choose the service/],
    [{ scope: 'resource_service', resourceId: QUEUE, serviceId: 'nope' }, 'serviceId', /no service "nope"/],
    [{ scope: 'account_control' }, 'controlId', /Choose the control/],
  ] as const)('refuses %o (%s)', (input, field, message) => {
    expect(resolveExclusionTarget(input)).toMatchObject({ ok: false, field, message: expect.stringMatching(message) });
  });

  it('the catalog facts these tests rely on hold', () => {
    expect(findControl('SQS-ENC-AT-REST')?.phiRelated).toBe(true);
    expect(isManual(findControl('SQS-KEY-MANAGEMENT')!)).toBe(true);
  });
});
