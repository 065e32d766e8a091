-- CreateTable
CREATE TABLE "posture_snapshots" (
    "day" DATE NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "control_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "excepted" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "max_severity" TEXT,
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posture_snapshots_pkey" PRIMARY KEY ("day","account_id","control_id")
);

-- CreateIndex
CREATE INDEX "posture_snapshots_account_id_day_idx" ON "posture_snapshots"("account_id", "day");

-- CreateIndex
CREATE INDEX "posture_snapshots_service_id_day_idx" ON "posture_snapshots"("service_id", "day");

