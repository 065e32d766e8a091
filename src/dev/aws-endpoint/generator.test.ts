import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_MANAGED_RULES, SECURITY_HUB_CONTROLS } from '@/server/catalog/reference';
import { findingId, findingUuid, ordinalFromId, renderFinding, serializeFinding } from './asff';
import { FindingsStore } from './findings-store';
import { demoOrganization, generateOrganization } from './generator';
import { Permutation } from './prng';

const ANCHOR = '2025-01-01T00:00:00Z';

describe('generateOrganization', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateOrganization({ seed: 5, accounts: 4, findingsPerAccountRegion: 300, anchorTime: ANCHOR });
    const b = generateOrganization({ seed: 5, accounts: 4, findingsPerAccountRegion: 300, anchorTime: ANCHOR });
    const c = generateOrganization({ seed: 6, accounts: 4, findingsPerAccountRegion: 300, anchorTime: ANCHOR });
    expect(a.accounts).toEqual(b.accounts);
    expect(a.accounts.map((x) => x.id)).not.toEqual(c.accounts.map((x) => x.id));
    const render = (org: typeof a) => {
      const p = org.partition(org.accounts[2].id, 'us-west-2')!;
      return Array.from({ length: 50 }, (_, i) => renderFinding(p, p.baseFinding(p.ordinalAt(i), i)));
    };
    expect(render(a)).toEqual(render(b));
  });

  it('creates 12-digit accounts with role ARNs and stable ExternalIds', () => {
    const org = generateOrganization({ seed: 1, accounts: 30, anchorTime: ANCHOR });
    expect(new Set(org.accounts.map((a) => a.id)).size).toBe(30);
    for (const a of org.accounts) {
      expect(a.id).toMatch(/^\d{12}$/);
      expect(a.roleArn).toBe(`arn:aws:iam::${a.id}:role/SafeguardsReadOnly`);
      expect(a.externalId).toMatch(/^sg-[0-9a-f]{24}$/);
      expect(org.accountByRoleArn(a.roleArn)).toBe(a);
    }
    expect(org.accounts.map((a) => a.id)).not.toContain(org.managementAccountId);
  });

  it('hits an exact total, split over every account-region', () => {
    const org = generateOrganization({ seed: 3, accounts: 7, regions: ['us-east-1', 'eu-west-1'], totalFindings: 12_345, anchorTime: ANCHOR });
    expect(org.totalFindings).toBe(12_345);
    let sum = 0;
    for (const a of org.accounts) for (const r of a.regions) sum += org.partition(a.id, r)!.size;
    expect(sum).toBe(12_345);
  });

  it('keeps a million findings lazy: partitions are small and fast to build', () => {
    const org = generateOrganization({ seed: 7, accounts: 50, regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'], totalFindings: 1_000_000, anchorTime: ANCHOR });
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    let total = 0;
    for (const a of org.accounts) for (const r of a.regions) total += org.partition(a.id, r)!.size;
    expect(total).toBe(1_000_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    // 200 partitions: layouts and rule lists only, nowhere near 1M records.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
    const p = org.partition(org.accounts[49].id, 'us-west-2')!;
    const last = p.baseFinding(p.ordinalAt(p.size - 1), p.size - 1);
    expect(last.updatedAtMs).toBeLessThanOrEqual(Date.parse(ANCHOR));
  });

  it('uses only real control ids and managed rule identifiers from the reference list', () => {
    const org = demoOrganization({ anchorTime: ANCHOR });
    const controls = new Set(SECURITY_HUB_CONTROLS.map((c) => c.id));
    const rules = new Set(CONFIG_MANAGED_RULES.map((r) => r.identifier));
    const seenSources = new Set<string>();
    for (const a of org.accounts) {
      for (const r of a.regions) {
        const p = org.partition(a.id, r)!;
        for (const rule of p.rules) expect(rules.has(rule.ref.identifier)).toBe(true);
        for (let i = 0; i < p.size; i++) {
          const core = p.baseFinding(p.ordinalAt(i), i);
          seenSources.add(core.source);
          if (core.control) expect(controls.has(core.control.id)).toBe(true);
          else expect(core.source).not.toBe('control');
        }
      }
    }
    expect(seenSources).toEqual(new Set(['control', 'guardduty', 'inspector']));
  });

  it('gives the demo its stories: a strong and a weak account, PHI and sandbox tags, a quiet region', () => {
    const org = demoOrganization({ anchorTime: ANCHOR });
    expect(org.accounts).toHaveLength(6);
    expect(org.totalFindings).toBeGreaterThan(2000);
    expect(org.totalFindings).toBeLessThan(6000);
    const failRate = (name: string) => {
      const a = org.accounts.find((x) => x.name === name)!;
      const p = org.partition(a.id, 'us-east-1')!;
      let failed = 0;
      let controls = 0;
      for (let i = 0; i < p.size; i++) {
        const c = p.baseFinding(p.ordinalAt(i), i);
        if (c.source !== 'control') continue;
        controls++;
        if (c.complianceStatus === 'FAILED') failed++;
      }
      return failed / controls;
    };
    expect(failRate('Legacy EHR Integration')).toBeGreaterThan(failRate('Shared Services') * 3);
    const sandbox = org.accounts.find((a) => a.name === 'Analytics Sandbox')!;
    const sp = org.partition(sandbox.id, 'us-east-1')!;
    const s3 = sp.blockOf('AWS::S3::Bucket');
    expect(sp.resource(s3, 0).tags).toMatchObject({ Environment: 'sandbox', DataClassification: 'non-phi' });
    const dev = org.accounts.find((a) => a.name === 'Data Science Dev')!;
    expect(org.partition(dev.id, 'us-west-2')!.size).toBe(0);
  });
});

describe('finding identity and serialization', () => {
  it('Permutation is a bijection', () => {
    for (const size of [1, 2, 7, 1000, 4097]) {
      const perm = new Permutation(size, 42);
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) {
        const x = perm.forward(i);
        expect(x).toBeLessThan(size);
        expect(perm.inverse(x)).toBe(i);
        seen.add(x);
      }
      expect(seen.size).toBe(size);
    }
  });

  it('finding ids encode their ordinal and resolve back to the finding', () => {
    const org = demoOrganization({ anchorTime: ANCHOR });
    const store = new FindingsStore(org);
    const p = org.partition(org.accounts[3].id, 'us-east-2')!;
    for (const ordinal of [0, 1, 17, p.size - 1]) {
      expect(ordinalFromId(p.seed, findingUuid(p.seed, ordinal))).toBe(ordinal);
      const core = p.baseFinding(ordinal);
      const found = store.findById(findingId(p, core));
      expect(found?.core.ordinal).toBe(ordinal);
    }
    expect(store.findById(findingId(p, p.baseFinding(3)).replace(/.$/, 'x'))).toBeUndefined();
  });

  it('the fast serializer writes exactly what renderFinding builds', () => {
    const org = generateOrganization({ seed: 9, accounts: [{ name: 'Weak', posture: 'weak', containsPhi: true }], regions: ['us-east-1'], findingsPerAccountRegion: 3000, anchorTime: ANCHOR });
    const p = org.partition(org.accounts[0].id, 'us-east-1')!;
    let checked = 0;
    for (let i = 0; i < p.size; i++) {
      const core = p.baseFinding(p.ordinalAt(i), i);
      const fast = JSON.parse(serializeFinding(p, core));
      if (!isDeepStrictEqual(fast, JSON.parse(JSON.stringify(renderFinding(p, core))))) expect(fast).toEqual(renderFinding(p, core));
      checked++;
    }
    expect(checked).toBe(3000);
  });
});
