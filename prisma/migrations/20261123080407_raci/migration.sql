-- CreateTable
CREATE TABLE "raci_parties" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "raci_parties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "raci_changes" (
    "id" UUID NOT NULL,
    "control_id" TEXT NOT NULL,
    "party_id" TEXT NOT NULL,
    "letters" TEXT NOT NULL,
    "reason" TEXT,
    "changed_by_id" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "raci_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "raci_changes_control_id_changed_at_idx" ON "raci_changes"("control_id", "changed_at");

-- CreateIndex
CREATE INDEX "raci_changes_changed_at_idx" ON "raci_changes"("changed_at");

-- AddForeignKey
ALTER TABLE "raci_changes" ADD CONSTRAINT "raci_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

