// Who may call what. The management principal (a long-term IAM user key) may only call
// STS; AssumeRole hands out temporary credentials bound to one member account, and
// those are the only credentials Config and Security Hub accept for that account.
import { randomBytes } from 'node:crypto';
import { hashString, mulberry32, upperAlnum } from './prng';

export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ManagementPrincipal extends AccessKeyPair {
  accountId: string;
  userName: string;
  /** `arn:aws:iam::<account>:user/<name>` */
  arn: string;
  /** IAM unique id of the user (`AIDA...`). */
  userId: string;
}

/** Demo caller keys: fixed so docs and `.env` examples can quote them. Not secrets. */
export const DEMO_MANAGEMENT_KEYS: AccessKeyPair = {
  accessKeyId: 'AKIASAFEGUARDSLOCAL1',
  secretAccessKey: 'safeguardsLocalDemoSecretKey000000000000',
};

export function managementPrincipal(accountId: string, keys: AccessKeyPair = DEMO_MANAGEMENT_KEYS, userName = 'safeguards-sync'): ManagementPrincipal {
  const random = mulberry32(hashString(`${accountId}/${userName}`));
  return {
    ...keys,
    accountId,
    userName,
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    userId: `AIDA${upperAlnum(random, 17)}`,
  };
}

/** The IAM role id (`AROA...`) of a role: stable per ARN, like AWS's. */
export function roleIdFor(roleArn: string): string {
  return `AROA${upperAlnum(mulberry32(hashString(roleArn)), 17)}`;
}

export interface SessionCredentials extends AccessKeyPair {
  sessionToken: string;
  /** Epoch ms, on the scenario clock. */
  expiresAtMs: number;
  accountId: string;
  roleArn: string;
  roleName: string;
  sessionName: string;
  /** `AROA...:<session>` */
  assumedRoleId: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` */
  assumedRoleArn: string;
}

export type Caller =
  | { kind: 'management'; principal: ManagementPrincipal }
  | { kind: 'session'; session: SessionCredentials };

/** Keeps expired sessions this long so callers get ExpiredToken rather than "invalid". */
const EXPIRED_RETENTION_MS = 6 * 60 * 60 * 1000;

export class CredentialStore {
  private readonly sessions = new Map<string, SessionCredentials>();

  constructor(readonly management: ManagementPrincipal) {}

  issue(params: { accountId: string; roleArn: string; sessionName: string; durationSeconds: number; nowMs: number }): SessionCredentials {
    this.purge(params.nowMs);
    const roleName = params.roleArn.slice(params.roleArn.lastIndexOf('/') + 1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const keyBytes = randomBytes(16);
    let keySuffix = '';
    for (const byte of keyBytes) keySuffix += alphabet[byte & 31];
    const session: SessionCredentials = {
      accessKeyId: `ASIA${keySuffix}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real session tokens are long opaque base64 blobs; length matters to header sizes.
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`,
      expiresAtMs: params.nowMs + params.durationSeconds * 1000,
      accountId: params.accountId,
      roleArn: params.roleArn,
      roleName,
      sessionName: params.sessionName,
      assumedRoleId: `${roleIdFor(params.roleArn)}:${params.sessionName}`,
      assumedRoleArn: `arn:aws:sts::${params.accountId}:assumed-role/${roleName}/${params.sessionName}`,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  lookup(accessKeyId: string): Caller | undefined {
    if (accessKeyId === this.management.accessKeyId) return { kind: 'management', principal: this.management };
    const session = this.sessions.get(accessKeyId);
    return session ? { kind: 'session', session } : undefined;
  }

  /** Number of live (unexpired, as of `nowMs`) sessions: handy in tests. */
  activeSessions(nowMs: number): number {
    let count = 0;
    for (const s of this.sessions.values()) if (s.expiresAtMs > nowMs) count++;
    return count;
  }

  private purge(nowMs: number): void {
    if (this.sessions.size < 1000) return;
    for (const [key, s] of this.sessions) if (s.expiresAtMs + EXPIRED_RETENTION_MS < nowMs) this.sessions.delete(key);
  }
}
