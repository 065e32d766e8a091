// The authorization matrix: every page, route handler and server action × every role (and
// signed out), with the outcome expected, walked against the running app. A new page, route or
// exported server action that is not in the table fails the coverage tests, so nothing ships
// unlisted.
//
// Server actions are called the way the browser calls them (a POST to the page whose form uses
// the action, `Next-Action: <id>` from the build's manifest, the arguments in React's reply
// encoding), for every role, whether or not its page shows that role the form: hiding a button
// is not authorization. Each call gets fresh data to act on; "ok" means the change is in the
// database afterwards, every other outcome that nothing changed.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { appDatabase, buildServerActions, postServerAction, seedUser, signIn, type SeededUser } from './support';
import type { Role } from '../src/server/auth/roles';
import { findService, isManual } from '../src/server/catalog';
import type { Db } from '../src/server/db';
import { addParty, archiveParty } from '../src/server/raci';

type Who = Role | 'signed_out';
/**
 * Pages and routes: ok: 2xx · invalid: 400 (allowed, input refused) · forbidden: 403 · notfound: 404 · unauth: 401 · signin: sent to /signin.
 * Server actions: ok: the change is made · forbidden: "not allowed" (runAction's or the domain's) · notfound: "Unknown …"
 * (another owner's record) · signin: "Your session has ended. Sign in again."; all three change nothing.
 */
type Outcome = 'ok' | 'invalid' | 'forbidden' | 'notfound' | 'unauth' | 'signin';
type Expect = Record<Who, Outcome>;

const WHO: Who[] = ['admin', 'compliance_officer', 'account_owner', 'auditor', 'signed_out'];
const all = (outcome: Outcome, signedOut: Outcome): Expect => ({ admin: outcome, compliance_officer: outcome, account_owner: outcome, auditor: outcome, signed_out: signedOut });
const by = (admin: Outcome, co: Outcome, owner: Outcome, auditor: Outcome, signedOut: Outcome): Expect => ({
  admin,
  compliance_officer: co,
  account_owner: owner,
  auditor,
  signed_out: signedOut,
});

interface Ids {
  own: string; // an account the account owner owns
  other: string; // one they do not
  controlId: string;
  serviceId: string;
  exclusionOnOther: string;
  attestation: string;
}

interface HttpRow {
  /** The route file's path under src/app, e.g. `accounts/[accountId]/page.tsx`. */
  file: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (ids: Ids) => string;
  body?: unknown;
  expect: Expect;
}

interface ActionRow {
  /** The 'use server' module's path under src/app, e.g. `exclusions/actions.ts`. */
  file: string;
  /** The exported action. */
  action: string;
  /** What it is called on: fresh data for every call (the cases below the table). */
  on: ActionCase;
  expect: Expect;
}

type Row = HttpRow | ActionRow;
const isAction = (row: Row): row is ActionRow => 'action' in row;

// ---------------------------------------------------------------------------------------------
// Server action cases: each call gets data of its own (so an allowed call by one role does not
// change what the next role is tried on), the form the page would post, and a check that reads
// the database for the change.

interface Fixtures {
  db: Db;
  ids: Ids;
  /** A second compliance officer: requested the exclusions and recorded the attestations that are decided. */
  requester: SeededUser;
}

interface Attempt {
  /** The page whose form posts the action: the POST goes there, as from the browser. */
  page: string;
  form: Record<string, string>;
  /** Whether the action's change is in the database. */
  changed: () => Promise<boolean>;
  /** Removes what must not outlive the test (accounts, parties), whatever happened. */
  cleanup?: () => Promise<void>;
}

interface ActionCase {
  label: string;
  arrange: (fixtures: Fixtures) => Promise<Attempt>;
}

type Whose = 'own' | 'other' | 'organization';
const WHOSE: Record<Whose, string> = { own: "on the owner's account", other: "on another owner's account", organization: 'organization-wide' };
const accountOf = (f: Fixtures, whose: Whose) => (whose === 'own' ? f.ids.own : whose === 'other' ? f.ids.other : null);
const unique = () => randomBytes(5).toString('hex');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const raciActor = (f: Fixtures) => ({ id: f.requester.id, email: f.requester.email, name: 'Matrix requester', role: 'compliance_officer' as const });
/** An automated control no other spec looks at: RACI letters and account-wide exclusions go there. */
const quietControl = () => findService('dynamodb')!.controls.find((c) => !isManual(c))!.id;

const newUser: ActionCase = {
  label: 'a new user',
  arrange: async ({ db }) => {
    const email = `matrix-new-${unique()}@e2e.test`;
    return { page: '/admin/users', form: { name: 'Matrix New', email, role: 'auditor' }, changed: async () => (await db.user.count({ where: { email } })) > 0 };
  },
};

const plainUser = (db: Db) => db.user.create({ data: { email: `matrix-user-${unique()}@e2e.test`, name: 'Matrix User', role: 'auditor' } });

const userRole: ActionCase = {
  label: "an auditor's role",
  arrange: async ({ db }) => {
    const user = await plainUser(db);
    return {
      page: '/admin/users',
      form: { userId: user.id, role: 'compliance_officer' },
      changed: async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).role !== 'auditor',
    };
  },
};

const userPassword: ActionCase = {
  label: "a user's password",
  arrange: async ({ db }) => {
    const user = await plainUser(db);
    return { page: '/admin/users', form: { userId: user.id }, changed: async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash !== null };
  },
};

const accountId = () => `99${String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000).padStart(10, '0')}`;
const roleArn = (id: string) => `arn:aws:iam::${id}:role/SafeguardsReadOnly`;

const newAccount: ActionCase = {
  label: 'a new AWS account',
  arrange: async ({ db }) => {
    const id = accountId();
    return {
      page: '/admin/accounts',
      form: { id, name: `Matrix ${id}`, roleArn: roleArn(id), externalId: 'matrix-external-id', regions: 'us-east-1' },
      changed: async () => (await db.awsAccount.count({ where: { id } })) > 0,
      cleanup: async () => void (await db.awsAccount.deleteMany({ where: { id } })),
    };
  },
};

const accountSettings: ActionCase = {
  label: "an account's regions",
  arrange: async ({ db }) => {
    const id = accountId();
    await db.awsAccount.create({ data: { id, name: `Matrix ${id}`, roleArn: roleArn(id), externalId: 'matrix-external-id', regions: ['us-east-1'], enabled: false } });
    return {
      page: '/admin/accounts',
      form: { accountId: id, regions: 'eu-west-1' },
      changed: async () => (await db.awsAccount.findUniqueOrThrow({ where: { id } })).regions.join() !== 'us-east-1',
      cleanup: async () => void (await db.awsAccount.deleteMany({ where: { id } })),
    };
  },
};

/** A party of our own, archived afterwards so the matrix other specs read is unchanged. */
async function freshParty(f: Fixtures) {
  const party = await addParty(f.db, { actor: raciActor(f), name: `Matrix party ${unique()}` });
  return { party, cleanup: () => archiveLeftover(f, party.id) };
}

async function archiveLeftover(f: Fixtures, partyId: string | undefined) {
  const party = partyId ? await f.db.raciParty.findUnique({ where: { id: partyId } }) : null;
  if (party && !party.archivedAt) await archiveParty(f.db, { actor: raciActor(f), partyId: party.id, reason: 'Matrix walk done' });
}

const newParty: ActionCase = {
  label: 'a new party',
  arrange: async (f) => {
    const name = `Matrix party ${unique()}`;
    const find = () => f.db.raciParty.findFirst({ where: { name } });
    return { page: '/raci', form: { name }, changed: async () => (await find()) !== null, cleanup: async () => archiveLeftover(f, (await find())?.id) };
  },
};

const partyName: ActionCase = {
  label: "a party's name",
  arrange: async (f) => {
    const { party, cleanup } = await freshParty(f);
    const name = `Matrix renamed ${unique()}`;
    return { page: '/raci', form: { partyId: party.id, name }, changed: async () => (await f.db.raciParty.findUniqueOrThrow({ where: { id: party.id } })).name === name, cleanup };
  },
};

const partyArchive: ActionCase = {
  label: 'a party',
  arrange: async (f) => {
    const { party, cleanup } = await freshParty(f);
    return {
      page: '/raci',
      form: { partyId: party.id, reason: 'Matrix walk' },
      changed: async () => (await f.db.raciParty.findUniqueOrThrow({ where: { id: party.id } })).archivedAt !== null,
      cleanup,
    };
  },
};

const raciLetters: ActionCase = {
  label: "a party's letters on a control",
  arrange: async (f) => {
    const { party, cleanup } = await freshParty(f);
    const controlId = quietControl();
    return {
      page: `/catalog/controls/${controlId}`,
      form: { controlId, [`letters.${party.id}`]: 'I', [`expected.${party.id}`]: '', reason: 'Matrix walk' },
      changed: async () => (await f.db.raciChange.count({ where: { controlId, partyId: party.id } })) > 0,
      cleanup,
    };
  },
};

/** One resource of `whose` account, excluded from every S3 control (a made-up bucket: posture is untouched). */
const exclusionRequest = (whose: 'own' | 'other', scope: 'resource_service' | 'account_control' = 'resource_service'): ActionCase => ({
  label: scope === 'account_control' ? `a control across the owner's account` : WHOSE[whose],
  arrange: async (f) => {
    const accountId = accountOf(f, whose)!;
    const justification = `Matrix walk ${unique()}: knowingly outside the control`;
    const target: Record<string, string> =
      scope === 'account_control'
        ? { controlId: quietControl() }
        : { resourceId: `arn:aws:s3:::matrix-${unique()}`, resourceType: 'AwsS3Bucket', serviceId: 's3' };
    const made = { justification };
    return {
      page: `/exclusions/new?accountId=${accountId}`,
      form: { accountId, scope, ...target, justification, noPhiAttested: 'on' },
      changed: async () => (await f.db.exclusion.count({ where: made })) > 0,
      // An account-wide request would block the same request elsewhere; it is rejected once tested.
      cleanup: async () => void (await f.db.exclusion.updateMany({ where: made, data: { status: 'rejected' } })),
    };
  },
});

const exclusionIn = (f: Fixtures, whose: 'own' | 'other', status: 'pending' | 'approved') =>
  f.db.exclusion.create({
    data: {
      accountId: accountOf(f, whose)!, scope: 'resource_service', resourceId: `arn:aws:s3:::matrix-${unique()}`, resourceType: 'AwsS3Bucket', serviceId: 's3',
      justification: 'Matrix walk', noPhiAttested: true, expiresAt: inDays(30), requestedById: f.requester.id, status, decidedAt: status === 'approved' ? new Date() : null,
    },
  });

const exclusionDecision = (whose: 'own' | 'other'): ActionCase => ({
  label: `a pending exclusion ${WHOSE[whose]}`,
  arrange: async (f) => {
    const x = await exclusionIn(f, whose, 'pending');
    return {
      page: `/exclusions/${x.id}`,
      form: { exclusionId: x.id, decision: 'approve', reason: '', expectedVersion: String(x.version) },
      changed: async () => (await f.db.exclusion.findUniqueOrThrow({ where: { id: x.id } })).status !== 'pending',
    };
  },
});

const exclusionRevocation = (whose: 'own' | 'other'): ActionCase => ({
  label: `an approved exclusion ${WHOSE[whose]}`,
  arrange: async (f) => {
    const x = await exclusionIn(f, whose, 'approved');
    return {
      page: `/exclusions/${x.id}`,
      form: { exclusionId: x.id, reason: 'Matrix walk', expectedVersion: String(x.version) },
      changed: async () => (await f.db.exclusion.findUniqueOrThrow({ where: { id: x.id } })).status !== 'approved',
    };
  },
});

const attestationIn = (f: Fixtures, whose: Whose, status: 'pending' | 'confirmed') =>
  f.db.attestation.create({
    data: {
      controlId: 'AUDIT-DR-DISASTER-RECOVERY', accountId: accountOf(f, whose), statement: 'Matrix walk', validUntil: inDays(1),
      createdById: f.requester.id, status, decidedAt: status === 'confirmed' ? new Date() : null,
    },
  });

const attestationDecision = (whose: Whose): ActionCase => ({
  label: `a pending attestation ${WHOSE[whose]}`,
  arrange: async (f) => {
    const a = await attestationIn(f, whose, 'pending');
    return {
      page: `/attestations/${a.id}`,
      // Rejected, not confirmed: a confirmed attestation would change the posture other specs read.
      form: { attestationId: a.id, decision: 'reject', reason: 'Matrix walk', expectedVersion: String(a.version) },
      changed: async () => (await f.db.attestation.findUniqueOrThrow({ where: { id: a.id } })).status !== 'pending',
    };
  },
});

const attestationRevocation = (whose: Whose): ActionCase => ({
  label: `a confirmed attestation ${WHOSE[whose]}`,
  arrange: async (f) => {
    const a = await attestationIn(f, whose, 'confirmed');
    const current = () => f.db.attestation.findUniqueOrThrow({ where: { id: a.id } });
    return {
      page: `/attestations/${a.id}`,
      form: { attestationId: a.id, reason: 'Matrix walk', expectedVersion: String(a.version) },
      changed: async () => (await current()).status !== 'confirmed',
      // One left confirmed would make its control attested for the specs that follow.
      cleanup: async () => void (await f.db.attestation.updateMany({ where: { id: a.id, status: 'confirmed' }, data: { status: 'revoked' } })),
    };
  },
});

const ADMIN_ONLY = by('ok', 'forbidden', 'forbidden', 'forbidden', 'signin');
const OFFICER_ONLY = by('forbidden', 'ok', 'forbidden', 'forbidden', 'signin');

const PAGE_SIGNED_OUT: Outcome = 'signin';
const MATRIX: Row[] = [
  { file: 'page.tsx', method: 'GET', url: () => '/', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'signin/page.tsx', method: 'GET', url: () => '/signin', expect: all('ok', 'signin') },
  { file: 'overview/page.tsx', method: 'GET', url: () => '/overview', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/page.tsx', method: 'GET', url: () => '/accounts', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/[accountId]/page.tsx', method: 'GET', url: (i) => `/accounts/${i.own}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/[accountId]/page.tsx', method: 'GET', url: (i) => `/accounts/${i.other}`, expect: by('ok', 'ok', 'notfound', 'ok', PAGE_SIGNED_OUT) },
  { file: 'admin/accounts/page.tsx', method: 'GET', url: () => '/admin/accounts', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'admin/audit/page.tsx', method: 'GET', url: () => '/admin/audit', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'admin/users/page.tsx', method: 'GET', url: () => '/admin/users', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'attestations/page.tsx', method: 'GET', url: () => '/attestations', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'attestations/[id]/page.tsx', method: 'GET', url: (i) => `/attestations/${i.attestation}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/page.tsx', method: 'GET', url: () => '/catalog?q=S3.5', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/changes/page.tsx', method: 'GET', url: () => '/catalog/changes', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/controls/[controlId]/page.tsx', method: 'GET', url: (i) => `/catalog/controls/${i.controlId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/services/[serviceId]/page.tsx', method: 'GET', url: (i) => `/catalog/services/${i.serviceId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'controls/[controlId]/page.tsx', method: 'GET', url: (i) => `/controls/${i.controlId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'evidence/page.tsx', method: 'GET', url: () => '/evidence', expect: by('ok', 'ok', 'forbidden', 'ok', PAGE_SIGNED_OUT) },
  { file: 'evidence/verify/page.tsx', method: 'GET', url: () => '/evidence/verify', expect: by('ok', 'ok', 'forbidden', 'ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/page.tsx', method: 'GET', url: () => '/exclusions', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/[id]/page.tsx', method: 'GET', url: (i) => `/exclusions/${i.exclusionOnOther}`, expect: by('ok', 'ok', 'notfound', 'ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/new/page.tsx', method: 'GET', url: (i) => `/exclusions/new?accountId=${i.own}`, expect: by('forbidden', 'ok', 'ok', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'findings/page.tsx', method: 'GET', url: () => '/findings?status=FAILED', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'raci/page.tsx', method: 'GET', url: () => '/raci', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'services/[serviceId]/page.tsx', method: 'GET', url: (i) => `/services/${i.serviceId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'sync/page.tsx', method: 'GET', url: () => '/sync', expect: all('ok', PAGE_SIGNED_OUT) },

  { file: 'api/health/route.ts', method: 'GET', url: () => '/api/health', expect: all('ok', 'ok') },
  { file: 'api/me/route.ts', method: 'GET', url: () => '/api/me', expect: all('ok', 'unauth') },
  { file: 'api/auth/[...nextauth]/route.ts', method: 'GET', url: () => '/api/auth/csrf', expect: all('ok', 'ok') },
  { file: 'api/accounts/route.ts', method: 'GET', url: () => '/api/accounts', expect: all('ok', 'unauth') },
  { file: 'api/accounts/route.ts', method: 'POST', url: () => '/api/accounts', body: {}, expect: by('invalid', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/accounts/[accountId]/route.ts', method: 'PATCH', url: (i) => `/api/accounts/${i.own}`, body: { enabled: 'yes' }, expect: by('invalid', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/accounts/[accountId]/test-access/route.ts', method: 'POST', url: (i) => `/api/accounts/${i.own}/test-access`, expect: by('ok', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/sync/route.ts', method: 'POST', url: () => '/api/sync', body: { accountId: 'x' }, expect: by('invalid', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/sync/status/route.ts', method: 'GET', url: () => '/api/sync/status', expect: all('ok', 'unauth') },
  { file: 'api/sync/summary/route.ts', method: 'GET', url: (i) => `/api/sync/summary?account=${i.other}`, expect: all('ok', 'unauth') },
  { file: 'api/sync/summary/route.ts', method: 'GET', url: () => '/api/sync/summary?account=12345', expect: all('invalid', 'unauth') },
  { file: 'api/raci/route.ts', method: 'GET', url: () => '/api/raci', expect: all('ok', 'unauth') },
  { file: 'api/raci/changes/route.ts', method: 'POST', url: () => '/api/raci/changes', body: {}, expect: by('forbidden', 'invalid', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/findings/route.ts', method: 'GET', url: () => '/api/findings?status=FAILED', expect: all('ok', 'unauth') },
  { file: 'api/posture/failing/route.ts', method: 'GET', url: (i) => `/api/posture/failing?account=${i.other}&service=${i.serviceId}`, expect: by('ok', 'ok', 'notfound', 'ok', 'unauth') },
  { file: 'api/posture/failing/route.ts', method: 'GET', url: (i) => `/api/posture/failing?account=${i.own}&region=not%20a%20region`, expect: all('invalid', 'unauth') },
  { file: 'api/findings.csv/route.ts', method: 'GET', url: () => '/api/findings.csv?status=FAILED', expect: all('ok', 'unauth') },
  { file: 'api/exclusions/route.ts', method: 'GET', url: () => '/api/exclusions', expect: all('ok', 'unauth') },
  { file: 'api/exclusions/route.ts', method: 'POST', url: () => '/api/exclusions', body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/exclusions/[id]/route.ts', method: 'GET', url: (i) => `/api/exclusions/${i.exclusionOnOther}`, expect: by('ok', 'ok', 'notfound', 'ok', 'unauth') },
  { file: 'api/exclusions/[id]/decision/route.ts', method: 'POST', url: (i) => `/api/exclusions/${i.exclusionOnOther}/decision`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/exclusions/[id]/revoke/route.ts', method: 'POST', url: (i) => `/api/exclusions/${i.exclusionOnOther}/revoke`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/attestations/route.ts', method: 'GET', url: () => '/api/attestations', expect: all('ok', 'unauth') },
  { file: 'api/attestations/route.ts', method: 'POST', url: () => '/api/attestations', body: {}, expect: by('forbidden', 'invalid', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/attestations/[id]/route.ts', method: 'GET', url: (i) => `/api/attestations/${i.attestation}`, expect: all('ok', 'unauth') },
  { file: 'api/attestations/[id]/decision/route.ts', method: 'POST', url: (i) => `/api/attestations/${i.attestation}/decision`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  // Owners may revoke attestations of their accounts: the route lets them through to validation.
  { file: 'api/attestations/[id]/revoke/route.ts', method: 'POST', url: (i) => `/api/attestations/${i.attestation}/revoke`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/attestations/[id]/file/route.ts', method: 'GET', url: (i) => `/api/attestations/${i.attestation}/file`, expect: all('notfound', 'unauth') },
  { file: 'api/evidence/public-key/route.ts', method: 'GET', url: () => '/api/evidence/public-key', expect: by('ok', 'ok', 'forbidden', 'ok', 'unauth') },
  { file: 'api/evidence/bundle/route.ts', method: 'GET', url: (i) => `/api/evidence/bundle?account=${i.own}&service=${i.serviceId}`, expect: by('ok', 'ok', 'forbidden', 'ok', 'unauth') },
  { file: 'api/evidence/verify/route.ts', method: 'POST', url: () => '/api/evidence/verify', body: {}, expect: by('invalid', 'invalid', 'forbidden', 'invalid', 'unauth') },

  // Server actions: POSTed with Next-Action to the page whose form uses them, for every role.
  { file: 'admin/users/actions.ts', action: 'createUserAction', on: newUser, expect: ADMIN_ONLY },
  { file: 'admin/users/actions.ts', action: 'setUserRoleAction', on: userRole, expect: ADMIN_ONLY },
  { file: 'admin/users/actions.ts', action: 'resetPasswordAction', on: userPassword, expect: ADMIN_ONLY },
  { file: 'admin/accounts/actions.ts', action: 'createAccountAction', on: newAccount, expect: ADMIN_ONLY },
  { file: 'admin/accounts/actions.ts', action: 'updateAccountAction', on: accountSettings, expect: ADMIN_ONLY },
  { file: 'raci/actions.ts', action: 'addPartyAction', on: newParty, expect: OFFICER_ONLY },
  { file: 'raci/actions.ts', action: 'renamePartyAction', on: partyName, expect: OFFICER_ONLY },
  { file: 'raci/actions.ts', action: 'archivePartyAction', on: partyArchive, expect: OFFICER_ONLY },
  { file: 'catalog/controls/[controlId]/actions.ts', action: 'saveRaciAction', on: raciLetters, expect: OFFICER_ONLY },
  { file: 'exclusions/actions.ts', action: 'requestExclusionAction', on: exclusionRequest('own'), expect: by('forbidden', 'ok', 'ok', 'forbidden', 'signin') },
  { file: 'exclusions/actions.ts', action: 'requestExclusionAction', on: exclusionRequest('other'), expect: by('forbidden', 'ok', 'notfound', 'forbidden', 'signin') },
  { file: 'exclusions/actions.ts', action: 'requestExclusionAction', on: exclusionRequest('own', 'account_control'), expect: by('forbidden', 'ok', 'forbidden', 'forbidden', 'signin') },
  // A compliance officer decides only where no other owner can: the owner's account has one, the other none.
  { file: 'exclusions/actions.ts', action: 'decideExclusionAction', on: exclusionDecision('own'), expect: by('forbidden', 'forbidden', 'ok', 'forbidden', 'signin') },
  { file: 'exclusions/actions.ts', action: 'decideExclusionAction', on: exclusionDecision('other'), expect: by('forbidden', 'ok', 'notfound', 'forbidden', 'signin') },
  { file: 'exclusions/actions.ts', action: 'revokeExclusionAction', on: exclusionRevocation('own'), expect: by('forbidden', 'ok', 'ok', 'forbidden', 'signin') },
  { file: 'exclusions/actions.ts', action: 'revokeExclusionAction', on: exclusionRevocation('other'), expect: by('forbidden', 'ok', 'notfound', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'decideAttestationAction', on: attestationDecision('own'), expect: by('forbidden', 'ok', 'ok', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'decideAttestationAction', on: attestationDecision('other'), expect: by('forbidden', 'ok', 'notfound', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'decideAttestationAction', on: attestationDecision('organization'), expect: by('forbidden', 'ok', 'forbidden', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'revokeAttestationAction', on: attestationRevocation('own'), expect: by('forbidden', 'ok', 'ok', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'revokeAttestationAction', on: attestationRevocation('other'), expect: by('forbidden', 'ok', 'notfound', 'forbidden', 'signin') },
  { file: 'attestations/actions.ts', action: 'revokeAttestationAction', on: attestationRevocation('organization'), expect: by('forbidden', 'ok', 'forbidden', 'forbidden', 'signin') },
];

function routeFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(full).isDirectory()) return routeFiles(full, relative);
    return entry === 'page.tsx' || entry === 'route.ts' ? [relative] : [];
  });
}

test('every page and route handler is in the matrix', () => {
  const listed = new Set(MATRIX.map((row) => row.file));
  const missing = routeFiles(path.resolve(import.meta.dirname, '..', 'src', 'app')).filter((f) => !listed.has(f));
  expect(missing).toEqual([]);
});

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const actionKey = (file: string, name: string) => `${file}#${name}`;
/** A module path as the table names it: under src/app, or from the repository root when elsewhere. */
const tableFile = (relativeToRoot: string) => relativeToRoot.replace(/^src\/app\//, '');

/** Every export of every 'use server' module under src/, as `file#name`. */
function serverActionExports(dir = SRC): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'generated' ? [] : serverActionExports(full);
    if (!/\.(ts|tsx)$/.test(entry)) return [];
    const source = readFileSync(full, 'utf8');
    if (!/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*['"]use server['"]/.test(source)) return [];
    const file = tableFile(path.relative(path.resolve(SRC, '..'), full).split(path.sep).join('/'));
    const names = [
      ...[...source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+(\w+)/gm)].map((m) => m[1]),
      ...[...source.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((m) => m[1].split(',').map((part) => part.trim().split(/\s+as\s+/).pop()!).filter(Boolean)),
      ...(/^export\s+default\b/m.test(source) ? ['default'] : []),
    ];
    return names.map((name) => actionKey(file, name));
  });
}

test('every server action is in the matrix', () => {
  const listed = new Set(MATRIX.filter(isAction).map((row) => actionKey(row.file, row.action)));
  // Every export of a 'use server' module is callable from the browser: each must be listed.
  expect(serverActionExports().filter((key) => !listed.has(key))).toEqual([]);
  // So must every action the production build registers (inline 'use server' functions included),
  // and every listed one must exist there.
  const built = buildServerActions().map((a) => actionKey(tableFile(a.file), a.name));
  expect(built.filter((key) => !listed.has(key))).toEqual([]);
  expect([...listed].filter((key) => !built.includes(key))).toEqual([]);
});

async function statusOf(request: APIRequestContext, row: HttpRow, ids: Ids): Promise<{ status: number; url: string }> {
  const url = row.url(ids);
  const response =
    row.method === 'GET'
      ? await request.get(url, { maxRedirects: 5 })
      : await request.fetch(url, { method: row.method, data: row.body ?? {}, headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}` } });
  return { status: response.status(), url: response.url() };
}

function outcomeOf(status: number, finalUrl: string): Outcome {
  if (new URL(finalUrl).pathname === '/signin' && status === 200) return 'signin';
  if (status >= 200 && status < 300) return 'ok';
  return ({ 400: 'invalid', 401: 'unauth', 403: 'forbidden', 404: 'notfound' } as Record<number, Outcome>)[status] ?? (`HTTP ${status}` as Outcome);
}

const SESSION_ENDED = 'Your session has ended. Sign in again.';
/** Refusals: runAction's permission check, and the domain's separation-of-duties rules. */
const REFUSED = /^Your role does not allow this\.$|^Only |only (for|of) accounts you own|decide only when no other owner can/;

/** What the action answered, in the table's words (anything unexpected is spelled out). */
function answerOf(response: Awaited<ReturnType<typeof postServerAction>>): string {
  if (response.redirect) return response.redirect.startsWith('/signin') ? 'signin' : 'ok';
  const result = response.result as { status?: unknown; message?: unknown } | undefined;
  if (!result || typeof result !== 'object') return `HTTP ${response.status} without an action result`;
  if (result.status === 'ok') return 'ok';
  const message = String(result.message);
  if (message === SESSION_ENDED) return 'signin';
  if (/^Unknown \w+\.$/.test(message)) return 'notfound';
  if (REFUSED.test(message)) return 'forbidden';
  return `error "${message}"`;
}

async function actionOutcomeOf(request: APIRequestContext, row: ActionRow, fixtures: Fixtures, ids: Map<string, string>): Promise<string> {
  const actionId = ids.get(actionKey(row.file, row.action));
  if (!actionId) return 'not in the build';
  const attempt = await row.on.arrange(fixtures);
  try {
    const form = new FormData();
    for (const [name, value] of Object.entries(attempt.form)) form.append(name, value);
    // useActionState's actions get (previous state, form data); the first state is idle.
    const answer = answerOf(await postServerAction(request, { page: attempt.page, actionId, args: [{ status: 'idle' }, form] }));
    const changed = await attempt.changed();
    if (answer === 'ok') return changed ? 'ok' : 'ok, but nothing changed';
    return changed ? `${answer}, but the change was made` : answer;
  } finally {
    await attempt.cleanup?.();
  }
}

async function contextFor(browser: Browser, who: Who, users: Record<Role, SeededUser>) {
  const context = await browser.newContext();
  if (who !== 'signed_out') {
    const page = await context.newPage();
    await signIn(page, users[who]);
    await page.close();
  }
  return context;
}

test('each role gets exactly the expected outcome everywhere', async ({ browser }) => {
  test.setTimeout(600_000);
  const db = appDatabase();
  const [own, other] = await db.awsAccount.findMany({ orderBy: { id: 'asc' }, take: 2 });
  const users = {
    admin: await seedUser('admin'),
    compliance_officer: await seedUser('compliance_officer'),
    account_owner: await seedUser('account_owner'),
    auditor: await seedUser('auditor'),
  };
  await db.accountOwner.create({ data: { userId: users.account_owner.id, accountId: own.id } });
  // The other account must have no owner, so a compliance officer may decide its exclusions.
  expect(await db.accountOwner.count({ where: { accountId: other.id } })).toBe(0);
  const failing = await db.finding.findFirstOrThrow({ where: { accountId: other.id, complianceStatus: 'FAILED', securityControlId: { startsWith: 'S3.' } } });
  const exclusion = await db.exclusion.create({
    data: {
      accountId: other.id, scope: 'resource_service', resourceId: failing.resourceId, resourceType: failing.resourceType, serviceId: 's3',
      justification: 'Matrix test', noPhiAttested: true, expiresAt: new Date(Date.now() + 30 * 86_400_000), requestedById: users.compliance_officer.id,
    },
  });
  const attestation = await db.attestation.create({
    data: { controlId: 'AUDIT-DR-DISASTER-RECOVERY', statement: 'Matrix test', validUntil: new Date(Date.now() + 86_400_000), createdById: users.compliance_officer.id },
  });
  const ids: Ids = { own: own.id, other: other.id, controlId: 'S3-ENC-IN-TRANSIT', serviceId: 's3', exclusionOnOther: exclusion.id, attestation: attestation.id };
  const fixtures: Fixtures = { db, ids, requester: await seedUser('compliance_officer', 'Matrix requester') };
  const actionIds = new Map(buildServerActions().map((a) => [actionKey(tableFile(a.file), a.name), a.id]));

  const mismatches: string[] = [];
  for (const who of WHO) {
    const context = await contextFor(browser, who, users);
    for (const row of MATRIX) {
      if (isAction(row)) {
        const got = await actionOutcomeOf(context.request, row, fixtures, actionIds);
        if (got !== row.expect[who]) mismatches.push(`${who} ${row.action} on ${row.on.label}: expected ${row.expect[who]}, got ${got}`);
        continue;
      }
      const { status, url } = await statusOf(context.request, row, ids);
      const got = outcomeOf(status, url);
      if (got !== row.expect[who]) mismatches.push(`${who} ${row.method} ${row.url(ids)}: expected ${row.expect[who]}, got ${got}`);
    }
    await context.close();
  }
  expect(mismatches).toEqual([]);
});
