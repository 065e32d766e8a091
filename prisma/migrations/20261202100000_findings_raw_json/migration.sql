-- The raw ASFF as json (its text): the page write of the sync no longer builds jsonb for every
-- finding (src/server/sync/finding-store.ts). This rewrites the table once, and rows stored
-- before keep the text form of their jsonb.
-- AlterTable
ALTER TABLE "findings" ALTER COLUMN "raw" SET DATA TYPE JSON;
