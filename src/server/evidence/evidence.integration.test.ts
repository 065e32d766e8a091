// Evidence bundles end to end: a generated organization synced through the local AWS endpoint
// into a real PostgreSQL, exported as a zip stream, unzipped, every hash and the signature
// checked, row counts compared with the database; then tampering, scoping, as-of and cancel.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEndpoint } from '@/dev/aws-endpoint';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { registerOrganizationAccounts, startTestOrganization } from '@/test/aws-organization';
import { createUser, type SessionUser } from '@/server/auth/users';
import { ForbiddenError, TooManyRequestsError, ValidationError } from '@/server/errors';
import { computePostureForAccounts } from '@/server/posture/compute-posture';
import { catalogIndex } from '@/server/posture/map-evidence';
import { accountControlRows, formatScore } from '@/server/posture/posture-views';
import { postureInputsAsOf } from '@/server/posture/posture-inputs';
import { syncOrganization } from '@/server/sync/sync-organization';
import { bundlePosture } from './bundle-posture';
import { BUNDLE_CATALOG, parseBundleScope, resolveBundleScope } from './bundle-scope';
import { parseCsv } from './csv';
import { MAX_CONCURRENT_EXPORTS, startEvidenceExport } from './export-evidence';
import type { EvidenceManifest } from './manifest';
import { evidenceSigningKey } from './signing';
import { sha256, unzipEntries, zipEntries } from './test-support';
import { formatProblem, verifyEvidenceBundle } from './verify-evidence-bundle';

let t: TestDatabase;
let endpoint: AwsEndpoint;
let auditor: SessionUser;
let owner: SessionUser;
let officer: SessionUser;
let accountIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  endpoint = await startTestOrganization({ seed: 808, accounts: 3, regions: ['us-east-1', 'us-west-2'], findingsPerAccountRegion: 120 });
  await registerOrganizationAccounts(t.prisma, endpoint);
  const outcomes = await syncOrganization(t.prisma, { trigger: 'test' });
  expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  accountIds = endpoint.org.accounts.map((a) => a.id).sort();
  auditor = (await createUser(t.prisma, { email: 'auditor@evidence.test', name: 'Audrey Auditor', role: 'auditor' })).user;
  owner = (await createUser(t.prisma, { email: 'owner@evidence.test', name: 'Owen Owner', role: 'account_owner' })).user;
  officer = (await createUser(t.prisma, { email: 'officer@evidence.test', name: 'Olga Officer', role: 'compliance_officer' })).user;
  await t.prisma.accountOwner.create({ data: { userId: owner.id, accountId: accountIds[0] } });
});
afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

async function exportBundle(query: string, options: { actor?: SessionUser; now?: Date } = {}) {
  const exp = await startEvidenceExport(t.prisma, { actor: options.actor ?? auditor, scope: parseBundleScope(new URLSearchParams(query)), now: options.now, batchSize: 37 });
  const chunks: Buffer[] = [];
  for await (const chunk of exp.stream) chunks.push(chunk as Buffer);
  const built = await exp.done;
  expect(built).not.toBeNull();
  const zip = Buffer.concat(chunks);
  const entries = await unzipEntries(zip);
  const file = (name: string) => entries.find((e) => e.name === name)?.data ?? Buffer.alloc(0);
  const manifest = JSON.parse(file('manifest.json').toString('utf8')) as EvidenceManifest;
  return { exp, zip, entries, file, manifest, built: built! };
}

const lines = (data: Buffer) => data.toString('utf8').split('\n').filter(Boolean);
const csvRecords = (data: Buffer) => parseCsv(data.toString('utf8')).slice(1);
const column = (data: Buffer, name: string) => {
  const [header, ...rows] = parseCsv(data.toString('utf8'));
  const i = header.indexOf(name);
  expect(i).toBeGreaterThanOrEqual(0);
  return rows.map((r) => r[i]);
};

/** evaluations.csv's expected row count: every stored record times the in-scope controls it evidences. */
async function expectedEvaluationRows(where: { accountIds: string[]; controlIds: Set<string>; asOf?: Date }) {
  const index = catalogIndex(BUNDLE_CATALOG);
  const asOf = where.asOf ?? new Date('9999-12-31T00:00:00Z');
  const findings = await t.prisma.finding.findMany({ where: { accountId: { in: where.accountIds }, awsUpdatedAt: { lte: asOf } }, select: { securityControlId: true } });
  const evaluations = await t.prisma.$queryRaw<{ source_identifier: string | null }[]>`
    SELECT r.source_identifier FROM config_evaluations e
    LEFT JOIN config_rules r ON r.account_id = e.account_id AND r.region = e.region AND r.name = e.rule_name
    WHERE e.account_id = ANY(${where.accountIds}::text[]) AND e.result_recorded_at <= ${asOf}`;
  const inScope = (controls: readonly { id: string }[] | undefined) => (controls ?? []).filter((c) => where.controlIds.has(c.id)).length;
  return (
    findings.reduce((n, f) => n + inScope(index.controlsByEvidenceKey.securityhub.get(f.securityControlId ?? '')), 0) +
    evaluations.reduce((n, e) => n + inScope(index.controlsByEvidenceKey.config.get(e.source_identifier ?? '')), 0)
  );
}

describe('exporting the whole organization', () => {
  let bundle: Awaited<ReturnType<typeof exportBundle>>;
  const allControlIds = new Set(BUNDLE_CATALOG.services.flatMap((s) => s.controls.map((c) => c.id)));

  beforeAll(async () => {
    // An approved exclusion (two history entries) and a confirmed attestation with a file.
    // On a failing resource-control, so it is in force and turns a failure into `excepted`.
    const failing = (await computePostureForAccounts(t.prisma, 'all')).resourceControls.find((rc) => rc.status === 'failed')!;
    const exclusion = await t.prisma.exclusion.create({
      data: {
        accountId: failing.accountId,
        scope: 'resource_control',
        resourceId: failing.resourceId,
        serviceId: failing.serviceId,
        controlId: failing.controlId,
        justification: '=cmd|" /C calc"!A0 holds no PHI',
        noPhiAttested: true,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        status: 'approved',
        requestedById: owner.id,
        requestedAt: new Date(Date.now() - 3600_000),
      },
    });
    await t.prisma.exclusionEvent.createMany({
      data: [
        { exclusionId: exclusion.id, action: 'requested', toStatus: 'pending', actorId: owner.id, at: new Date(Date.now() - 3600_000) },
        { exclusionId: exclusion.id, action: 'approved', fromStatus: 'pending', toStatus: 'approved', actorId: officer.id, reason: 'Scratch data', at: new Date(Date.now() - 1800_000) },
      ],
    });
    const manual = BUNDLE_CATALOG.services.flatMap((s) => s.controls).find((c) => c.evidence.securityHubControlIds.length === 0 && c.evidence.configRuleIdentifiers.length === 0)!;
    const content = Buffer.from('%PDF-1.4 signed policy');
    const attestation = await t.prisma.attestation.create({
      data: {
        controlId: manual.id,
        statement: 'Workforce training is done yearly.',
        validUntil: new Date(Date.now() + 90 * 86_400_000),
        status: 'confirmed',
        createdById: officer.id,
        createdAt: new Date(Date.now() - 7200_000),
        fileName: '../policy (2026).pdf',
        fileType: 'application/pdf',
        fileSize: content.length,
        fileSha256: sha256(content),
        fileContent: content,
      },
    });
    await t.prisma.attestationEvent.createMany({
      data: [
        { attestationId: attestation.id, action: 'recorded', toStatus: 'pending', actorId: officer.id, at: new Date(Date.now() - 7200_000) },
        { attestationId: attestation.id, action: 'confirmed', fromStatus: 'pending', toStatus: 'confirmed', actorId: owner.id, at: new Date(Date.now() - 3600_000) },
      ],
    });
    bundle = await exportBundle('');
  });

  it('is a valid bundle: every hash and the signature check out, under the app’s own key', async () => {
    const key = await evidenceSigningKey(t.prisma);
    const result = await verifyEvidenceBundle(bundle.zip, { expectedPublicKeyPem: key.publicKeyPem });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signedByExpectedKey).toBe(true);

    // Independently of the verifier: each listed file's size and SHA-256, and the signature with node:crypto.
    const names = bundle.entries.map((e) => e.name);
    expect(names[0]).toBe('README.txt');
    expect(names.slice(-3)).toEqual(['manifest.json', 'manifest.sig', 'public-key.pem']);
    expect(bundle.manifest.files.map((f) => f.path)).toEqual(names.slice(0, -3));
    for (const f of bundle.manifest.files) {
      expect(bundle.file(f.path).length, f.path).toBe(f.size);
      expect(sha256(bundle.file(f.path)), f.path).toBe(f.sha256);
    }
    const publicKey = createPublicKey(bundle.file('public-key.pem').toString());
    expect(verify(null, bundle.file('manifest.json'), publicKey, Buffer.from(bundle.file('manifest.sig').toString(), 'base64'))).toBe(true);
    expect(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')).toBe(key.fingerprint);
    expect(bundle.manifest).toMatchObject({ format: 'safeguards-evidence/1', generatedBy: { email: 'auditor@evidence.test', role: 'auditor' }, asOf: { requested: 'now', posture: 'live' } });
    expect(bundle.manifest.resolved.accounts).toEqual(accountIds);
  });

  it('holds as many rows as the database has in scope', async () => {
    const records = (path: string) => bundle.manifest.files.find((f) => f.path === path)?.records;
    const findings = lines(bundle.file('findings.jsonl'));
    expect(findings.length).toBe(await t.prisma.finding.count());
    expect(new Set(findings.map((l) => (JSON.parse(l) as { Id: string }).Id))).toEqual(new Set((await t.prisma.finding.findMany({ select: { id: true } })).map((f) => f.id)));
    expect(records('findings.jsonl')).toBe(findings.length);

    const evaluations = lines(bundle.file('config-evaluations.jsonl'));
    expect(evaluations.length).toBe(await t.prisma.configEvaluation.count());
    expect(JSON.parse(evaluations[0])).toMatchObject({ accountId: expect.any(String), region: expect.any(String), evaluation: { EvaluationResultIdentifier: expect.any(Object) } });

    const evaluationRows = csvRecords(bundle.file('evaluations.csv'));
    expect(evaluationRows.length).toBe(await expectedEvaluationRows({ accountIds, controlIds: allControlIds }));
    expect(records('evaluations.csv')).toBe(evaluationRows.length);
    expect(new Set(column(bundle.file('evaluations.csv'), 'source'))).toEqual(new Set(['securityhub', 'config']));

    expect(csvRecords(bundle.file('controls.csv')).length).toBe(allControlIds.size);
    expect(csvRecords(bundle.file('raci.csv')).length).toBe(allControlIds.size);
    const regions = (await t.prisma.awsAccount.findMany({ select: { regions: true } })).reduce((n, a) => n + a.regions.length, 0);
    expect(csvRecords(bundle.file('accounts.csv')).length).toBe(regions);
    expect(column(bundle.file('accounts.csv'), 'securityhub_last_success_at').every((v) => /^\d{4}-\d\d-\d\dT/.test(v))).toBe(true);

    const instant = new Date(bundle.manifest.asOf.instant);
    expect(lines(bundle.file('audit-log.jsonl')).length).toBe(await t.prisma.auditEvent.count({ where: { at: { lte: instant } } }));
  });

  it('holds an audit chain an auditor can recompute with README.txt’s formula alone', async () => {
    expect(bundle.file('README.txt').toString('utf8')).toContain('prevHash|id|at|actorId|actorEmail|action|targetType|targetId|accountId|details');
    const entries = lines(bundle.file('audit-log.jsonl'));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    let previous = '';
    for (const line of entries) {
      const e = JSON.parse(line) as Record<string, string | null>;
      const details = line.slice(line.indexOf('"details":') + '"details":'.length, -1);
      const fields = [e.prevHash, e.id, e.at, e.actorId, e.actorEmail, e.action, e.targetType, e.targetId, e.accountId].map((v) => v ?? '');
      expect(e.prevHash).toBe(previous);
      expect(createHash('sha256').update([...fields, details].join('|'), 'utf8').digest('hex')).toBe(e.hash);
      previous = e.hash!;
    }
  });

  it('lists exclusions with their full history and attestations with their files, neutralising formulas', async () => {
    const exclusions = csvRecords(bundle.file('exclusions.csv'));
    expect(exclusions).toHaveLength(2);
    expect(column(bundle.file('exclusions.csv'), 'event_action')).toEqual(['requested', 'approved']);
    expect(column(bundle.file('exclusions.csv'), 'event_actor')).toEqual(['owner@evidence.test', 'officer@evidence.test']);
    expect(column(bundle.file('exclusions.csv'), 'justification')[0]).toBe(`'=cmd|" /C calc"!A0 holds no PHI`);
    expect(column(bundle.file('exclusions.csv'), 'active_as_of')).toEqual(['true', 'true']);

    const attestations = bundle.file('attestations.csv');
    expect(csvRecords(attestations)).toHaveLength(2);
    const path = column(attestations, 'file_in_bundle')[0];
    expect(path).toMatch(/^attestation-files\/[0-9a-f-]{36}\/__policy_2026_\.pdf$/);
    expect(bundle.file(path).toString()).toBe('%PDF-1.4 signed policy');
    expect(bundle.manifest.files.find((f) => f.path === path)?.sha256).toBe(column(attestations, 'file_sha256')[0]);
  });

  it('reports the posture the app computes, in summary.html and summary.pdf', async () => {
    const asOf = new Date(bundle.manifest.asOf.instant);
    const posture = await computePostureForAccounts(t.prisma, 'all', { asOf, ...(await postureInputsAsOf(t.prisma, asOf)) });
    expect(posture.organization.resourceControls.excepted).toBe(1);
    const html = bundle.file('summary.html').toString('utf8');
    expect(html).toContain(`data-testid="overall-score">${formatScore(posture.organization.score)}<`);
    expect(html).toContain('<svg');
    expect(html).toContain('Audrey Auditor');
    const failing = posture.organization.controls.filter((c) => c.status === 'failed');
    expect(html).toContain(`Failing controls (${failing.length})`);
    expect(html).toContain('Active exclusions (1)');
    expect(html).toContain('Active attestations (1)');
    const controls = bundle.file('controls.csv');
    const statuses = column(controls, 'status');
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(failing.length);
    expect(bundle.file('summary.pdf').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('evaluates large accounts in slices by resource with exactly the result of one whole evaluation', async () => {
    const scope = await resolveBundleScope(t.prisma, parseBundleScope(new URLSearchParams('')));
    const whole = await computePostureForAccounts(t.prisma, 'all', { asOf: scope.asOf.instant, ...(await postureInputsAsOf(t.prisma, scope.asOf.instant)) });
    const sorted = <T extends { accountId: string; controlId: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.controlId.localeCompare(b.controlId));
    const sliced = await bundlePosture(t.prisma, scope, { recordsPerEvaluation: 25 });
    expect(sorted(sliced.rows)).toEqual(sorted(accountControlRows(whole)));
    expect(sliced.rows.some((r) => r.status === 'failed')).toBe(true);
    expect(sliced.rows.filter((r) => r.excepted > 0)).toHaveLength(1);
  });

  it('records who exported what, and the manifest’s SHA-256, in the audit trail', async () => {
    const events = await t.prisma.auditEvent.findMany({ where: { action: 'evidence.export', targetId: bundle.manifest.bundleId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => (e.details as { status: string }).status)).toEqual(['started', 'completed']);
    expect(events[0]).toMatchObject({ actorEmail: 'auditor@evidence.test', targetType: 'evidence_bundle' });
    expect(events[1].details).toMatchObject({ manifestSha256: sha256(bundle.file('manifest.json')), bytes: bundle.zip.length });
    expect(bundle.built.manifestSha256).toBe(sha256(bundle.file('manifest.json')));
  });

  it('fails verification naming the file when one byte of its content changes', async () => {
    const flipped = bundle.entries.map((e) => {
      if (e.name !== 'evaluations.csv') return e;
      const data = Buffer.from(e.data);
      data[Math.floor(data.length / 2)] ^= 0x01;
      return { name: e.name, data };
    });
    const result = await verifyEvidenceBundle(await zipEntries(flipped));
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([{ file: 'evaluations.csv', message: expect.stringMatching(/^has SHA-256 [0-9a-f]{64}; manifest\.json says [0-9a-f]{64}/) }]);
  });

  it('fails verification naming the file when one stored byte of the zip changes', async () => {
    const at = bundle.zip.indexOf(Buffer.from('findings.jsonl'));
    const damaged = Buffer.from(bundle.zip);
    damaged[at + 'findings.jsonl'.length + 1000] ^= 0x10;
    const result = await verifyEvidenceBundle(damaged);
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.file === 'findings.jsonl')).toBe(true);
  });
});

describe('scopes and errors', () => {
  it('exports only the chosen account and service', async () => {
    const [account] = accountIds;
    const s3 = BUNDLE_CATALOG.services.find((s) => s.id === 's3')!;
    const { zip, file, manifest } = await exportBundle(`account=${account}&service=s3`);
    expect((await verifyEvidenceBundle(zip)).valid).toBe(true);
    const shIds = [...new Set(s3.controls.flatMap((c) => c.evidence.securityHubControlIds))];
    const findings = lines(file('findings.jsonl'));
    expect(findings.length).toBe(await t.prisma.finding.count({ where: { accountId: account, securityControlId: { in: shIds } } }));
    expect(findings.every((l) => (JSON.parse(l) as { AwsAccountId: string }).AwsAccountId === account)).toBe(true);
    expect(csvRecords(file('controls.csv')).length).toBe(s3.controls.length);
    expect(csvRecords(file('evaluations.csv')).length).toBe(await expectedEvaluationRows({ accountIds: [account], controlIds: new Set(s3.controls.map((c) => c.id)) }));
    expect(new Set(column(file('accounts.csv'), 'account_id'))).toEqual(new Set([account]));
    expect(manifest.scope).toEqual({ accounts: [account], services: ['s3'], controls: [], hipaaCitations: [] });
    // Scoped to one account, the audit entries are that account's and the organization-wide ones.
    const audit = lines(file('audit-log.jsonl')).map((l) => JSON.parse(l) as { accountId: string | null });
    expect(audit.every((e) => e.accountId === null || e.accountId === account)).toBe(true);
  });

  it('refuses unknown accounts and scopes that select nothing before sending anything, and account owners', async () => {
    await expect(startEvidenceExport(t.prisma, { actor: auditor, scope: parseBundleScope(new URLSearchParams('account=999999999999')) })).rejects.toThrow(ValidationError);
    const sqsControl = BUNDLE_CATALOG.services.find((s) => s.id === 'sqs')!.controls[0].id;
    await expect(startEvidenceExport(t.prisma, { actor: auditor, scope: parseBundleScope(new URLSearchParams(`service=s3&control=${sqsControl}`)) })).rejects.toThrow(
      /No control matches/,
    );
    await expect(startEvidenceExport(t.prisma, { actor: owner, scope: parseBundleScope(new URLSearchParams('')) })).rejects.toThrow(ForbiddenError);
  });

  it('ends and records a cancelled export when the reader goes away', async () => {
    const exp = await startEvidenceExport(t.prisma, { actor: auditor, scope: parseBundleScope(new URLSearchParams('')), batchSize: 5 });
    let received = 0;
    for await (const chunk of exp.stream) {
      received += (chunk as Buffer).length;
      if (received > 20_000) break; // for-await's return() destroys the stream
    }
    expect(await exp.done).toBeNull();
    const events = await t.prisma.auditEvent.findMany({ where: { targetId: exp.bundleId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => (e.details as { status: string }).status)).toEqual(['started', 'cancelled']);
  });

  it(`streams at most ${MAX_CONCURRENT_EXPORTS} exports at once per app instance`, async () => {
    const start = () => startEvidenceExport(t.prisma, { actor: auditor, scope: parseBundleScope(new URLSearchParams('')) });
    const running = await Promise.all(Array.from({ length: MAX_CONCURRENT_EXPORTS }, start));
    await expect(start()).rejects.toThrow(TooManyRequestsError);
    for (const r of running) r.stream.destroy();
    expect(await Promise.all(running.map((r) => r.done))).toEqual(running.map(() => null));
    const again = await start();
    again.stream.destroy();
    await again.done;
  });
});

describe('an export as of yesterday', () => {
  it('reflects yesterday’s snapshot and evidence, not today’s', async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const today = await computePostureForAccounts(t.prisma, accountIds);
    const failing = today.accounts[0].controls.find((c) => c.status === 'failed')!;
    expect(failing).toBeDefined();
    // Yesterday's snapshot: that control passed everywhere.
    await t.prisma.postureSnapshot.createMany({
      data: accountIds.map((accountId) => ({ day: new Date(`${yesterday}T00:00:00Z`), accountId, controlId: failing.controlId, serviceId: failing.serviceId, status: 'passed', passed: 7 })),
    });
    // The organization was synced two days ago; since then one finding changed, and one older
    // finding was first collected today. Yesterday's bundle held neither version then: both are left out.
    const twoDaysAgo = new Date(now.getTime() - 2 * 86_400_000);
    await t.prisma.finding.updateMany({ data: { syncedAt: twoDaysAgo } });
    await t.prisma.configEvaluation.updateMany({ data: { syncedAt: twoDaysAgo } });
    const [changed, collectedToday] = await t.prisma.finding.findMany({ where: { securityControlId: { not: null } }, orderBy: { id: 'asc' }, take: 2 });
    await t.prisma.finding.update({ where: { id: changed.id }, data: { awsUpdatedAt: now, complianceStatus: 'FAILED', syncedAt: now } });
    await t.prisma.finding.update({ where: { id: collectedToday.id }, data: { awsUpdatedAt: new Date(now.getTime() - 3 * 86_400_000), syncedAt: now } });

    const past = await exportBundle(`asOf=${yesterday}`, { now });
    expect((await verifyEvidenceBundle(past.zip)).valid).toBe(true);
    expect(past.manifest.asOf).toEqual({ requested: yesterday, instant: `${yesterday}T23:59:59.999Z`, posture: 'snapshot' });
    const controls = past.file('controls.csv');
    const row = csvRecords(controls).find((r) => r[0] === failing.controlId)!;
    const header = parseCsv(controls.toString('utf8'))[0];
    expect(row[header.indexOf('status')]).toBe('passed');
    expect(row[header.indexOf('resources_passed')]).toBe(String(7 * accountIds.length));
    expect(row[header.indexOf('resources_failed')]).toBe('0');
    expect(column(controls, 'status').filter((s) => s === 'failed')).toEqual([]);
    const ids = lines(past.file('findings.jsonl')).map((l) => (JSON.parse(l) as { Id: string }).Id);
    expect(ids).not.toContain(changed.id);
    expect(ids).not.toContain(collectedToday.id);
    expect(ids.length).toBe((await t.prisma.finding.count()) - 2);
    expect(column(past.file('evaluations.csv'), 'finding_id')).not.toContain(changed.id);
    expect(column(past.file('evaluations.csv'), 'finding_id')).not.toContain(collectedToday.id);
    expect(lines(past.file('config-evaluations.jsonl'))).toHaveLength(await t.prisma.configEvaluation.count());
    expect(past.manifest.notes.some((n) => n.startsWith('2 finding(s) and 0 Config evaluation(s) in scope reached Safeguards after the as-of time'))).toBe(true);

    const current = await exportBundle('', { now });
    const currentRow = csvRecords(current.file('controls.csv')).find((r) => r[0] === failing.controlId)!;
    expect(currentRow[header.indexOf('status')]).toBe('failed');
    expect(lines(current.file('findings.jsonl'))).toHaveLength(await t.prisma.finding.count());
  });
});
