import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WHITEPAPER_2019_SECTIONS, WHITEPAPER_2022_EXTRA_SECTIONS, WHITEPAPER_2022_TOPICS } from './__fixtures__/whitepaper-sections';
import {
  catalog2019,
  catalog2022,
  catalogVersions,
  controlsForConfigRule,
  controlsForSecurityHubControl,
  diffCatalogs,
  findControl,
  findService,
  getCatalog,
  isManual,
  searchCatalog,
  type CatalogVersion,
} from './index';
import { CONFIG_RULES_BY_IDENTIFIER, SECURITY_HUB_CONTROLS_BY_ID } from './reference';

/** Headings compared without punctuation and dash variants ("AWS WAF – Web…" vs "AWS WAF Web…"). */
const key = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9@]+/g, ' ').trim();
const sectionKeys = (c: CatalogVersion) => new Set(c.services.map((s) => key(s.whitepaperSection)));
const allControls = (c: CatalogVersion) => c.services.flatMap((s) => s.controls);

const CITATION = /^45 CFR 164\.\d{3}(\([a-zA-Z0-9]+\))+$/;
const SECURITY_HUB_ID = /^[A-Za-z0-9]+\.\d+$/;
const CONFIG_IDENTIFIER = /^[A-Z0-9_]+$/;
const CONTROL_ID = /^[A-Z0-9]+(-[A-Z0-9]+)+$/;
const SERVICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe.each([catalog2022, catalog2019])('catalog $version', (catalog) => {
  it('has unique service ids and control ids', () => {
    const serviceIds = catalog.services.map((s) => s.id);
    expect(new Set(serviceIds).size).toBe(serviceIds.length);
    const controlIds = allControls(catalog).map((c) => c.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  it('uses well-formed ids, with each control id prefixed by its service code', () => {
    for (const service of catalog.services) {
      expect(service.id).toMatch(SERVICE_ID);
      const prefixes = new Set(service.controls.map((c) => c.id.split('-')[0]));
      expect(prefixes.size, `${service.id} controls share one prefix`).toBeLessThanOrEqual(1);
      for (const control of service.controls) {
        expect(control.id).toMatch(CONTROL_ID);
        expect(control.serviceId).toBe(service.id);
      }
    }
  });

  it('gives every control at least one HIPAA citation of the form 45 CFR 164.xxx(...)', () => {
    for (const control of allControls(catalog)) {
      expect(control.hipaaCitations.length, control.id).toBeGreaterThan(0);
      for (const citation of control.hipaaCitations) expect(citation, control.id).toMatch(CITATION);
    }
  });

  it('cites only evidence that is well-formed and listed in reference.ts with a source URL', () => {
    for (const control of allControls(catalog)) {
      for (const id of control.evidence.securityHubControlIds) {
        expect(id, control.id).toMatch(SECURITY_HUB_ID);
        const ref = SECURITY_HUB_CONTROLS_BY_ID.get(id);
        expect(ref, `${control.id} cites unknown Security Hub control ${id}`).toBeDefined();
        expect(ref?.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      }
      for (const identifier of control.evidence.configRuleIdentifiers) {
        expect(identifier, control.id).toMatch(CONFIG_IDENTIFIER);
        const ref = CONFIG_RULES_BY_IDENTIFIER.get(identifier);
        expect(ref, `${control.id} cites unknown Config rule ${identifier}`).toBeDefined();
        expect(ref?.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      }
    }
  });

  it('fills every field a control needs', () => {
    for (const service of catalog.services) {
      expect(service.name.length).toBeGreaterThan(0);
      expect(service.summary.length, service.id).toBeGreaterThan(20);
      expect(service.controls.length, `${service.id} has controls`).toBeGreaterThan(0);
      for (const control of service.controls) {
        expect(control.title.length).toBeGreaterThan(0);
        expect(control.requirement.length, control.id).toBeGreaterThan(20);
        expect(control.whitepaperSection.length).toBeGreaterThan(0);
      }
    }
  });

  it('points every control at a section of the same revision', () => {
    const sections = new Set(catalog.services.map((s) => s.whitepaperSection));
    for (const control of allControls(catalog)) expect(sections.has(control.whitepaperSection), control.id).toBe(true);
  });
});

describe('catalog coverage of the whitepaper sections', () => {
  it('has one 2022 entry for every 2022 section and no other', () => {
    const expected = new Set([...WHITEPAPER_2022_TOPICS, ...WHITEPAPER_2022_EXTRA_SECTIONS].map(key));
    const actual = sectionKeys(catalog2022);
    expect([...expected].filter((k) => !actual.has(k)), 'sections without an entry').toEqual([]);
    expect([...actual].filter((k) => !expected.has(k)), 'entries without a section').toEqual([]);
    expect(catalog2022.services.length).toBe(expected.size);
  });

  it('has one 2019 entry for every 2019 section and no other', () => {
    const expected = new Set(WHITEPAPER_2019_SECTIONS.map(key));
    const actual = sectionKeys(catalog2019);
    expect([...expected].filter((k) => !actual.has(k)), 'sections without an entry').toEqual([]);
    expect([...actual].filter((k) => !expected.has(k)), 'entries without a section').toEqual([]);
  });

  it('includes the cross-cutting KMS and auditing sections and Lambda@Edge', () => {
    expect(findService('kms')?.whitepaperSection).toBe('Using AWS KMS for Encryption of PHI');
    expect(findService('auditing-backups-dr')?.whitepaperSection).toBe('Auditing, backups, and disaster recovery');
    expect(findService('lambda-at-edge')?.whitepaperSection).toBe('Lambda@Edge');
  });
});

// The section lists above are a fixture; these tests re-derive them from the source documents so
// the fixture cannot drift from the papers. Point SAFEGUARDS_SEEDS_DIR at the documents to run them.
const SEEDS_DIR = process.env.SAFEGUARDS_SEEDS_DIR ?? '/work/shared/seeds';
const SEED_2022 = path.join(SEEDS_DIR, '001_5fe51a284e099ac9.txt');
const SEED_2019 = path.join(SEEDS_DIR, '003_1d6d87616392c5c2.txt');
const seedsAvailable = fs.existsSync(SEED_2022) && fs.existsSync(SEED_2019);

describe.skipIf(!seedsAvailable)('section lists against the source documents', () => {
  const lines = (file: string) => fs.readFileSync(file, 'utf8').split(/\r?\n/);

  it('2022: the topic list in the paper matches the fixture, and every catalog heading is a heading line of the paper', () => {
    const text = lines(SEED_2022);
    // The topic list ("- Amazon SQS (p. 29)") precedes the first service section's body text.
    const bodyStart = text.findIndex((l) => l.startsWith('Alexa for Business makes it easy'));
    expect(bodyStart).toBeGreaterThan(0);
    const topics = text
      .slice(0, bodyStart)
      .map((l) => /^- (.+) \(p\. \d+\)$/.exec(l)?.[1])
      .filter((t): t is string => Boolean(t));
    expect(topics).toEqual([...WHITEPAPER_2022_TOPICS]);

    // The first heading sits just above the first body paragraph.
    const headingLines = new Set(text.slice(bodyStart - 5).map((l) => l.trim()));
    for (const service of catalog2022.services) {
      expect(headingLines.has(service.whitepaperSection), `"${service.whitepaperSection}" is a line of the 2022 paper`).toBe(true);
    }
  });

  it('2019: the Contents list matches the fixture, and every catalog heading is a heading line of the paper', () => {
    const text = lines(SEED_2019);
    const start = text.indexOf('Contents');
    const end = text.findIndex((l) => l.startsWith('Abstract'));
    expect(start).toBeGreaterThan(0);
    const contents = text
      .slice(start + 1, end)
      .map((l) => l.replace(/\s+\d+\s*$/, '').trim())
      .filter((l) => l && !['Introduction', 'Encryption and Protection of PHI in AWS', 'Document Revisions'].includes(l));
    expect(contents).toEqual([...WHITEPAPER_2019_SECTIONS]);

    const headingLines = new Set(text.slice(end).map((l) => l.trim()));
    for (const service of catalog2019.services) {
      expect(headingLines.has(service.whitepaperSection), `"${service.whitepaperSection}" is a line of the 2019 paper`).toBe(true);
    }
  });
});

describe('lookups', () => {
  it('lists versions newest first and finds them by version', () => {
    expect(catalogVersions.map((c) => c.version)).toEqual(['2022-09', '2019-01']);
    expect(getCatalog('2019-01')).toBe(catalog2019);
    expect(getCatalog('2000-01')).toBeUndefined();
  });

  it('finds services and controls in the latest version by default, or in a given one', () => {
    expect(findService('sqs')?.whitepaperSection).toBe('Amazon Simple Queue Service (Amazon SQS)');
    expect(findService('sqs', '2019-01')?.whitepaperSection).toBe('Amazon SQS');
    expect(findService('aurora-postgresql', '2019-01')).toBeUndefined();
    expect(findControl('SQS-ENC-AT-REST')?.evidence.securityHubControlIds).toContain('SQS.1');
    expect(findControl('NOPE-ENC-AT-REST')).toBeUndefined();
    expect(() => findService('sqs', '1999-01')).toThrow(/Unknown catalog version/);
  });

  it('maps evidence back to every control it supports', () => {
    const rds3 = controlsForSecurityHubControl('RDS.3').map((c) => c.id);
    expect(rds3).toEqual(expect.arrayContaining(['RDS-MYSQL-ENC-AT-REST', 'RDS-SQLSERVER-ENC-AT-REST', 'AURORA-ENC-AT-REST']));
    expect(controlsForSecurityHubControl('rds.3').map((c) => c.id)).toEqual(rds3);
    expect(controlsForConfigRule('S3_BUCKET_SSL_REQUESTS_ONLY').map((c) => c.id)).toContain('S3-ENC-IN-TRANSIT');
    expect(controlsForSecurityHubControl('XYZ.99')).toEqual([]);
    // Every mapped control really lists the evidence.
    for (const control of controlsForConfigRule('ENCRYPTED_VOLUMES')) expect(control.evidence.configRuleIdentifiers).toContain('ENCRYPTED_VOLUMES');
  });

  it('treats a control without any automated evidence as manual', () => {
    expect(isManual(findControl('SQS-ENC-IN-TRANSIT')!)).toBe(true);
    expect(isManual(findControl('SQS-ENC-AT-REST')!)).toBe(false);
    const controls = allControls(catalog2022);
    expect(controls.some(isManual)).toBe(true);
    expect(controls.filter((c) => !isManual(c)).length).toBeGreaterThan(controls.length / 3);
  });

  it('gives the large PHI services automated evidence for encryption at rest and in transit', () => {
    const automated = (id: string) => !isManual(findControl(id)!);
    for (const id of ['S3-ENC-AT-REST', 'S3-ENC-IN-TRANSIT', 'EBS-ENC-AT-REST', 'RDS-MYSQL-ENC-AT-REST', 'DYNAMODB-ENC-AT-REST', 'ELB-ENC-IN-TRANSIT', 'CLOUDFRONT-ENC-IN-TRANSIT', 'REDSHIFT-ENC-IN-TRANSIT', 'OPENSEARCH-ENC-AT-REST', 'KINESIS-ENC-AT-REST', 'ELASTICACHE-ENC-IN-TRANSIT', 'CLOUDTRAIL-AUDIT-LOGGING', 'KMS-KEY-ROTATION']) {
      expect(automated(id), id).toBe(true);
    }
  });
});

describe('searchCatalog', () => {
  it('finds a service by name', () => {
    expect(searchCatalog('queue service').some((h) => h.service.id === 'sqs' && !h.control)).toBe(true);
  });

  it('finds a control by id, exact match first', () => {
    const hits = searchCatalog('sqs-enc-at-rest');
    expect(hits[0].control?.id).toBe('SQS-ENC-AT-REST');
  });

  it('finds controls by Security Hub control id and by Config rule', () => {
    expect(searchCatalog('SNS.1').map((h) => h.control?.id)).toEqual(['SNS-ENC-AT-REST']);
    expect(searchCatalog('cmk_backing_key_rotation_enabled').map((h) => h.control?.id)).toContain('KMS-KEY-ROTATION');
  });

  it('finds controls by HIPAA citation, with or without the "45 CFR" prefix', () => {
    const withPrefix = searchCatalog('45 CFR 164.308(a)(7)(ii)(A)');
    const without = searchCatalog('164.308(a)(7)(ii)(A)');
    expect(withPrefix.length).toBeGreaterThan(0);
    expect(without.map((h) => h.control?.id)).toEqual(withPrefix.map((h) => h.control?.id));
    for (const hit of without) expect(hit.control?.hipaaCitations).toContain('45 CFR 164.308(a)(7)(ii)(A)');
  });

  it('returns nothing for blank or unknown queries', () => {
    expect(searchCatalog('   ')).toEqual([]);
    expect(searchCatalog('zzzz-no-such-thing')).toEqual([]);
  });
});

describe('diffCatalogs 2019 -> 2022', () => {
  const diff = diffCatalogs(catalog2019, catalog2022);

  it('lists services the 2022 revision added and removed', () => {
    const added = diff.addedServices.map((s) => s.id);
    expect(added).toEqual(expect.arrayContaining(['healthlake', 'aurora-postgresql', 'lambda-at-edge', 'cloudwatch-logs', 'network-firewall']));
    expect(diff.removedServices.map((s) => s.id)).toEqual(['macie']);
    expect(added.length + catalog2019.services.length - diff.removedServices.length).toBe(catalog2022.services.length);
  });

  it('reports renamed section headings for services in both', () => {
    expect(diff.renamedSections).toContainEqual({ serviceId: 'ecs', from: 'Amazon ECS', to: 'Amazon Elastic Container Service' });
    expect(diff.renamedSections.find((r) => r.serviceId === 'lambda')).toBeUndefined();
  });

  it('reports added, removed and changed controls consistently', () => {
    const addedIds = diff.addedControls.map((c) => c.id);
    expect(addedIds).toContain('ECS-LOG-PHI-HANDLING');
    expect(addedIds).toContain('HEALTHLAKE-ENC-AT-REST');
    expect(diff.removedControls.map((c) => c.id)).toEqual(expect.arrayContaining(['MACIE-MONITORING', 'CLOUDWATCH-ENC-AT-REST']));
    const changed = diff.changedControls.find((c) => c.id === 'ELASTICACHE-SUPPORTED-ENGINE');
    expect(changed?.fields).toEqual(['requirement']);
    expect(changed?.before.requirement).toMatch(/3\.2\.6/);

    // Control counts reconcile: everything in 2022 is either new or was already in 2019.
    const before = allControls(catalog2019).length;
    const after = allControls(catalog2022).length;
    expect(before + diff.addedControls.length - diff.removedControls.length).toBe(after);
    // A service added in 2022 brings all of its controls as additions.
    for (const service of diff.addedServices) for (const c of service.controls) expect(addedIds).toContain(c.id);
  });

  it('is empty between a revision and itself, and mirrored when reversed', () => {
    const same = diffCatalogs(catalog2022, catalog2022);
    expect([same.addedServices, same.removedServices, same.addedControls, same.removedControls, same.changedControls, same.renamedSections].every((l) => l.length === 0)).toBe(true);
    const back = diffCatalogs(catalog2022, catalog2019);
    expect(back.removedServices.map((s) => s.id).sort()).toEqual(diff.addedServices.map((s) => s.id).sort());
    expect(back.changedControls.map((c) => c.id).sort()).toEqual(diff.changedControls.map((c) => c.id).sort());
  });
});
