-- People whose agency (nor any agency above it) declared no development period have no target:
-- counted apart, never as meeting one. Existing rows counted them as meeting (or not assessed);
-- those with no present target are recounted.
ALTER TABLE readiness_cell ADD COLUMN IF NOT EXISTS target_not_declared BIGINT NOT NULL DEFAULT 0;
ALTER TABLE readiness_snapshot_cell ADD COLUMN IF NOT EXISTS target_not_declared BIGINT NOT NULL DEFAULT 0;
ALTER TABLE readiness_month_cell ADD COLUMN IF NOT EXISTS target_not_declared BIGINT NOT NULL DEFAULT 0;

INSERT INTO change_log (occurred_at, kind, entity_id, detail)
SELECT UTC_TIMESTAMP(6), 'standing', CAST(person_id AS CHAR), 'target not declared'
FROM readiness_person WHERE present_target = -1 GROUP BY person_id ORDER BY person_id;
