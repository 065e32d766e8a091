-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'compliance_officer', 'account_owner', 'auditor');

-- CreateEnum
CREATE TYPE "SyncSource" AS ENUM ('securityhub', 'config');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "aws_accounts" (
    "id" VARCHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "role_arn" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "regions" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "aws_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_owners" (
    "user_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_owners_pkey" PRIMARY KEY ("user_id","account_id")
);

-- CreateTable
CREATE TABLE "sync_states" (
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "source" "SyncSource" NOT NULL,
    "watermark" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "lease_run_id" UUID,
    "lease_until" TIMESTAMPTZ(3),

    CONSTRAINT "sync_states_pkey" PRIMARY KEY ("account_id","region","source")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "source" "SyncSource" NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'running',
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "archived" INTEGER NOT NULL DEFAULT 0,
    "api_calls" INTEGER NOT NULL DEFAULT 0,
    "throttles" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "warning" TEXT,
    "error" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" TEXT NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "product_arn" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "generator_id" TEXT NOT NULL,
    "security_control_id" TEXT,
    "compliance_status" TEXT,
    "severity" TEXT NOT NULL,
    "workflow_status" TEXT NOT NULL,
    "record_state" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "first_observed_at" TIMESTAMPTZ(3),
    "last_observed_at" TIMESTAMPTZ(3),
    "aws_created_at" TIMESTAMPTZ(3) NOT NULL,
    "aws_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "raw" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_rules" (
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "source_owner" TEXT NOT NULL,
    "source_identifier" TEXT NOT NULL,
    "compliance_type" TEXT,
    "raw" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_rules_pkey" PRIMARY KEY ("account_id","region","name")
);

-- CreateTable
CREATE TABLE "config_evaluations" (
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rule_name" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "compliance_type" TEXT NOT NULL,
    "result_recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "config_rule_invoked_at" TIMESTAMPTZ(3),
    "annotation" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "raw" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_evaluations_pkey" PRIMARY KEY ("account_id","region","rule_name","resource_type","resource_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

-- CreateIndex
CREATE INDEX "account_owners_account_id_idx" ON "account_owners"("account_id");

-- CreateIndex
CREATE INDEX "sync_runs_account_id_region_source_started_at_idx" ON "sync_runs"("account_id", "region", "source", "started_at" DESC);

-- CreateIndex
CREATE INDEX "sync_runs_status_idx" ON "sync_runs"("status");

-- CreateIndex
CREATE INDEX "findings_account_id_region_idx" ON "findings"("account_id", "region");

-- CreateIndex
CREATE INDEX "findings_security_control_id_idx" ON "findings"("security_control_id");

-- CreateIndex
CREATE INDEX "findings_resource_id_idx" ON "findings"("resource_id");

-- CreateIndex
CREATE INDEX "findings_aws_updated_at_idx" ON "findings"("aws_updated_at");

-- CreateIndex
CREATE INDEX "config_rules_source_identifier_idx" ON "config_rules"("source_identifier");

-- CreateIndex
CREATE INDEX "config_evaluations_resource_id_idx" ON "config_evaluations"("resource_id");

-- AddForeignKey
ALTER TABLE "account_owners" ADD CONSTRAINT "account_owners_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_owners" ADD CONSTRAINT "account_owners_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

