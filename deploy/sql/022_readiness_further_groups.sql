-- People count in every group they serve in (§4.6.3): a person has rows per group and skill set,
-- their own group's and those of the further groups they hold (approved secondary groups), the
-- latter marked. Everyone with a secondary group is recounted.
ALTER TABLE readiness_person
  ADD COLUMN IF NOT EXISTS further_group BOOLEAN NOT NULL DEFAULT FALSE,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (person_id, personnel_group, skill_set_code);

INSERT INTO change_log (occurred_at, kind, entity_id, detail)
SELECT UTC_TIMESTAMP(6), 'person', CAST(person_id AS CHAR), 'further groups counted'
FROM person_secondary_group GROUP BY person_id ORDER BY person_id;
