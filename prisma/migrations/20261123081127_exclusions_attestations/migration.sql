-- CreateEnum
CREATE TYPE "ExclusionScope" AS ENUM ('resource_control', 'resource_service', 'account_control');

-- CreateEnum
CREATE TYPE "ExclusionStatus" AS ENUM ('pending', 'approved', 'rejected', 'revoked', 'expired');

-- CreateEnum
CREATE TYPE "AttestationStatus" AS ENUM ('pending', 'confirmed', 'rejected', 'revoked');

-- CreateTable
CREATE TABLE "exclusions" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "scope" "ExclusionScope" NOT NULL,
    "resource_id" TEXT,
    "resource_type" TEXT,
    "service_id" TEXT NOT NULL,
    "control_id" TEXT,
    "justification" TEXT NOT NULL,
    "no_phi_attested" BOOLEAN NOT NULL,
    "ticket_ref" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ExclusionStatus" NOT NULL DEFAULT 'pending',
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "stale_since" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "exclusions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion_events" (
    "id" UUID NOT NULL,
    "exclusion_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attestations" (
    "id" UUID NOT NULL,
    "control_id" TEXT NOT NULL,
    "account_id" VARCHAR(12),
    "statement" TEXT NOT NULL,
    "valid_until" TIMESTAMPTZ(3) NOT NULL,
    "status" "AttestationStatus" NOT NULL DEFAULT 'pending',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "file_name" TEXT,
    "file_type" TEXT,
    "file_size" INTEGER,
    "file_sha256" TEXT,
    "file_content" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "attestations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attestation_events" (
    "id" UUID NOT NULL,
    "attestation_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attestation_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exclusions_account_id_status_idx" ON "exclusions"("account_id", "status");

-- CreateIndex
CREATE INDEX "exclusions_status_expires_at_idx" ON "exclusions"("status", "expires_at");

-- CreateIndex
CREATE INDEX "exclusions_resource_id_idx" ON "exclusions"("resource_id");

-- CreateIndex
CREATE INDEX "exclusion_events_exclusion_id_at_idx" ON "exclusion_events"("exclusion_id", "at");

-- CreateIndex
CREATE INDEX "attestations_control_id_status_idx" ON "attestations"("control_id", "status");

-- CreateIndex
CREATE INDEX "attestation_events_attestation_id_at_idx" ON "attestation_events"("attestation_id", "at");

-- AddForeignKey
ALTER TABLE "exclusions" ADD CONSTRAINT "exclusions_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_events" ADD CONSTRAINT "exclusion_events_exclusion_id_fkey" FOREIGN KEY ("exclusion_id") REFERENCES "exclusions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_events" ADD CONSTRAINT "exclusion_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestation_events" ADD CONSTRAINT "attestation_events_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestation_events" ADD CONSTRAINT "attestation_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

