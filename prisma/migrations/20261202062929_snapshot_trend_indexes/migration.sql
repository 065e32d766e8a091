-- DropIndex
DROP INDEX "posture_snapshots_control_id_day_idx";

-- DropIndex
DROP INDEX "posture_snapshot_services_service_id_day_idx";

-- CreateIndex
CREATE INDEX "posture_snapshots_control_trend_idx" ON "posture_snapshots"("control_id", "day", "passed", "failed", "excepted", "unknown");

-- CreateIndex
CREATE INDEX "posture_snapshot_services_trend_idx" ON "posture_snapshot_services"("service_id", "day", "passed", "failed", "excepted", "unknown");

