-- Plans imported in bulk (LearningService.BulkUpsertPlans) are kept under the importer's key:
-- the caller's key space and the record's external id ("hr:<agency id>:<external id>", up to 200
-- characters), unique and compared byte for byte (keys that differ only in case or accents are
-- different keys), so that the same record again finds its plan; and the SHA-256 (hex) of the
-- record last imported under it, so that a replay is told from a change without reading the
-- items. The key and digest move to a plan's new revision. NULL for plans made one by one.
ALTER TABLE plan ADD COLUMN IF NOT EXISTS
  external_key VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
ALTER TABLE plan ADD COLUMN IF NOT EXISTS import_digest CHAR(64) CHARACTER SET ascii NULL;
ALTER TABLE plan ADD UNIQUE KEY IF NOT EXISTS plan_external_key (external_key);
