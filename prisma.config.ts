import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// Migrations run on Prisma's WebAssembly schema engine through the pg adapter, so no
// native engine is ever downloaded (see scripts/prisma.mjs).
export default defineConfig({
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});
