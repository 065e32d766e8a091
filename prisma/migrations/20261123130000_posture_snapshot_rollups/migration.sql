-- Posture trends at 200 accounts × ~180 controls × 90 days (bench/RESULTS.md): the overview's
-- and a service's trend read per-(day, account[, service]) sums instead of every snapshot row;
-- a control's trend reads posture_snapshots by control. writePostureSnapshot recomputes both
-- rollups for the day and accounts it writes, in the same transaction.

-- CreateTable
CREATE TABLE "posture_snapshot_accounts" (
    "day" DATE NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "excepted" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,

    CONSTRAINT "posture_snapshot_accounts_pkey" PRIMARY KEY ("day","account_id")
);

-- CreateTable
CREATE TABLE "posture_snapshot_services" (
    "day" DATE NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "service_id" TEXT NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "excepted" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,

    CONSTRAINT "posture_snapshot_services_pkey" PRIMARY KEY ("day","account_id","service_id")
);

-- CreateIndex
CREATE INDEX "posture_snapshot_services_service_id_day_idx" ON "posture_snapshot_services"("service_id", "day");

-- CreateIndex: a control's trend.
CREATE INDEX "posture_snapshots_control_id_day_idx" ON "posture_snapshots"("control_id", "day");

-- Backfill from the snapshots stored so far.
INSERT INTO "posture_snapshot_accounts" ("day", "account_id", "passed", "failed", "excepted", "unknown")
SELECT "day", "account_id", sum("passed")::int, sum("failed")::int, sum("excepted")::int, sum("unknown")::int
FROM "posture_snapshots"
GROUP BY "day", "account_id";

INSERT INTO "posture_snapshot_services" ("day", "account_id", "service_id", "passed", "failed", "excepted", "unknown")
SELECT "day", "account_id", "service_id", sum("passed")::int, sum("failed")::int, sum("excepted")::int, sum("unknown")::int
FROM "posture_snapshots"
GROUP BY "day", "account_id", "service_id";
