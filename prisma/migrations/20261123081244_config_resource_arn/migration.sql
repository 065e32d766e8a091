-- AlterTable
ALTER TABLE "config_evaluations" ADD COLUMN     "resource_arn" TEXT;

-- CreateIndex
CREATE INDEX "config_evaluations_resource_arn_idx" ON "config_evaluations"("resource_arn");

