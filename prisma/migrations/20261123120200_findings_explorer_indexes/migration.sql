-- The findings explorer at 1,000,000 findings (bench/RESULTS.md, benchmark 4).

-- DropIndex: replaced by the composite below, which serves the same lookups by control id.
DROP INDEX "findings_security_control_id_idx";

-- CreateIndex: counting a filtered view (service/control, severity, current or archived) from the index alone.
CREATE INDEX "findings_security_control_id_severity_record_state_idx" ON "findings"("security_control_id", "severity", "record_state");

-- CreateIndex: the default sort (most severe first, then newest) read in order, one severity at a time.
CREATE INDEX "findings_severity_aws_updated_at_id_idx" ON "findings"("severity", "aws_updated_at" DESC, "id");

-- CreateIndex: the product filter's menu by skip scan, without reading every finding.
CREATE INDEX "findings_product_name_account_id_idx" ON "findings"("product_name", "account_id");
