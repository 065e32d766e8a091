// The one Prisma client of the app. Connections go through the pg driver adapter
// (no native query engine; see README "Database").
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

const globalForPrisma = globalThis as unknown as { safeguardsPrisma?: PrismaClient };

/** The process-wide client, created on first use from DATABASE_URL. */
export function db(): PrismaClient {
  if (!globalForPrisma.safeguardsPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
    globalForPrisma.safeguardsPrisma = createPrismaClient(url);
  }
  return globalForPrisma.safeguardsPrisma;
}
