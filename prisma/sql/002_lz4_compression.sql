-- The large values (the raw AWS documents above all, most of the bytes a sync writes) are
-- compressed with LZ4 where the server has it: a COPY of 96,511 findings cost PostgreSQL
-- 28% less CPU with LZ4 than with its default, pglz, for about the same size on disk
-- (bench/RESULTS.md §1). Set on the columns, not per session, so every writer
-- gets it: the sync, a COPY, a restore. Servers built without LZ4 (the embedded cluster's)
-- keep pglz. Values already stored keep theirs; PostgreSQL reads both.
DO $$
DECLARE target record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    RETURN;
  END IF;
  -- Only columns not set yet: ALTER TABLE locks the table, and this runs at every start.
  FOR target IN
    SELECT a.attrelid::regclass AS table_name, a.attname AS column_name
    FROM pg_attribute a
    JOIN (VALUES ('findings', 'raw'), ('config_rules', 'raw'), ('config_evaluations', 'raw'),
                 ('posture_current_resources', 'evidence'), ('attestations', 'file_content')) AS c (table_name, column_name)
      ON a.attrelid = c.table_name::regclass AND a.attname = c.column_name
    WHERE a.attcompression IS DISTINCT FROM 'l'
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION lz4', target.table_name, target.column_name);
  END LOOP;
END $$;
