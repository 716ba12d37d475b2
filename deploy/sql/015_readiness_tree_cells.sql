-- Subtree figures read from a bounded number of rows: per agency (0: the whole country) the
-- aggregates of the people under each of its direct children (child 0: attached to the agency
-- itself), kept current with the per-agency cells. Each person's rows remember the agency path
-- they were counted under, so that when an agency moves, their old contributions are taken from
-- the old ancestors and added to the new ones.
ALTER TABLE readiness_person
  ADD COLUMN agency_path VARCHAR(768) CHARACTER SET ascii NOT NULL DEFAULT '' AFTER agency_id,
  ADD KEY readiness_person_path (agency_path);

UPDATE readiness_person rp JOIN agency a ON a.id = rp.agency_id SET rp.agency_path = a.path;

CREATE TABLE readiness_tree_cell (
  ancestor_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  personnel_group TINYINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  headcount BIGINT NOT NULL DEFAULT 0,
  assessed BIGINT NOT NULL DEFAULT 0,
  meets_present BIGINT NOT NULL DEFAULT 0,
  meets_future BIGINT NOT NULL DEFAULT 0,
  expired BIGINT NOT NULL DEFAULT 0,
  gap_sum BIGINT NOT NULL DEFAULT 0,
  target_not_declared BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (ancestor_id, child_id, framework_code, personnel_group, skill_set_code),
  -- The agencies with people without a declared period, found without reading every cell.
  KEY readiness_tree_cell_undeclared (target_not_declared, child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- From the per-agency cells: under every agency on each cell's path, and under the whole country.
INSERT INTO readiness_tree_cell (ancestor_id, child_id, framework_code, personnel_group,
  skill_set_code, headcount, assessed, meets_present, meets_future, expired, gap_sum,
  target_not_declared)
SELECT anc.id,
  IF(anc.id = a.id, 0, CAST(SUBSTRING_INDEX(SUBSTRING(a.path, LENGTH(anc.path) + 1), '/', 1) AS UNSIGNED)),
  c.framework_code, c.personnel_group, c.skill_set_code, SUM(c.headcount), SUM(c.assessed),
  SUM(c.meets_present), SUM(c.meets_future), SUM(c.expired), SUM(c.gap_sum),
  SUM(c.target_not_declared)
FROM readiness_cell c JOIN agency a ON a.id = c.agency_id
  JOIN agency anc ON a.path LIKE CONCAT(anc.path, '%')
GROUP BY 1, 2, c.framework_code, c.personnel_group, c.skill_set_code;

INSERT INTO readiness_tree_cell (ancestor_id, child_id, framework_code, personnel_group,
  skill_set_code, headcount, assessed, meets_present, meets_future, expired, gap_sum,
  target_not_declared)
SELECT 0, CAST(SUBSTRING_INDEX(SUBSTRING(a.path, 2), '/', 1) AS UNSIGNED),
  c.framework_code, c.personnel_group, c.skill_set_code, SUM(c.headcount), SUM(c.assessed),
  SUM(c.meets_present), SUM(c.meets_future), SUM(c.expired), SUM(c.gap_sum),
  SUM(c.target_not_declared)
FROM readiness_cell c JOIN agency a ON a.id = c.agency_id
GROUP BY 1, 2, c.framework_code, c.personnel_group, c.skill_set_code;
