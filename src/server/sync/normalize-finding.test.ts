import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { normalizeFinding } from './normalize-finding';

const finding = (extra: Record<string, unknown> = {}) =>
  ({
    Id: 'arn:aws:securityhub:us-east-1:123456789012:finding/1',
    AwsAccountId: '123456789012',
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
    CreatedAt: '2026-01-01T00:00:00.000Z',
    UpdatedAt: '2026-01-02T00:00:00.000Z',
    Resources: [{ Id: 'arn:aws:s3:::bucket', Type: 'AwsS3Bucket' }],
    Severity: { Label: 'HIGH' },
    ...extra,
  }) as unknown as AwsSecurityFinding;

describe('normalizeFinding', () => {
  it('accepts a finding and keeps its raw ASFF as JSON', () => {
    const f = finding({ Description: 'fine \u001e "quoted"' });
    const n = normalizeFinding(f, 'us-east-1');
    expect(n.ok && JSON.parse(n.row.rawJson)).toEqual(f);
  });

  it('rejects, with a reason, a finding holding U+0000 or an unpaired surrogate anywhere (PostgreSQL text cannot)', () => {
    for (const extra of [{ Description: 'a\0b' }, { Note: { Text: ['x', 'y\0'] } }, { UserDefinedFields: { ['k\0']: 'v' } }, { Title: 'half \ud83d' }, { Title: '\ude91 half' }]) {
      expect(normalizeFinding(finding(extra), 'us-east-1')).toEqual({ ok: false, id: finding().Id, reason: expect.stringContaining('U+0000') });
    }
    // The six characters \u0000 are no NUL.
    expect(normalizeFinding(finding({ Description: '\\u0000 🚑' }), 'us-east-1').ok).toBe(true);
  });
});
