-- AlterTable
ALTER TABLE "config_rules" ADD COLUMN     "last_read_evaluation_at" TIMESTAMPTZ(3);
