-- CreateTable
CREATE TABLE "posture_current_accounts" (
    "account_id" VARCHAR(12) NOT NULL,
    "inputs_version" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "stale_after" TIMESTAMPTZ(3),
    "has_current_evidence" BOOLEAN NOT NULL,

    CONSTRAINT "posture_current_accounts_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "posture_current_controls" (
    "account_id" VARCHAR(12) NOT NULL,
    "control_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "excepted" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "max_severity" TEXT,
    "failed_suppressed" INTEGER NOT NULL,

    CONSTRAINT "posture_current_controls_pkey" PRIMARY KEY ("account_id","control_id")
);

-- CreateTable
CREATE TABLE "posture_current_resources" (
    "account_id" VARCHAR(12) NOT NULL,
    "control_id" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT,
    "severity_rank" SMALLINT NOT NULL,
    "suppressed" BOOLEAN NOT NULL,
    "exclusion_id" UUID,
    "evidence" JSONB NOT NULL,

    CONSTRAINT "posture_current_resources_pkey" PRIMARY KEY ("account_id","control_id","resource_id")
);

-- CreateIndex
CREATE INDEX "posture_current_controls_control_id_idx" ON "posture_current_controls"("control_id");

-- CreateIndex
CREATE INDEX "posture_current_controls_service_id_idx" ON "posture_current_controls"("service_id");

-- CreateIndex
CREATE INDEX "posture_current_resources_account_id_status_region_idx" ON "posture_current_resources"("account_id", "status", "region");

-- CreateIndex
CREATE INDEX "posture_current_resources_control_id_status_idx" ON "posture_current_resources"("control_id", "status");

-- CreateIndex
CREATE INDEX "posture_current_resources_service_id_status_idx" ON "posture_current_resources"("service_id", "status");

