-- Subtree figures read from a bounded number of rows: the aggregates are kept per agency (0:
-- the whole country) and direct child (0: the people attached to the agency itself), so that
-- the figures of any subtree — current, of a kept month or of a closed year — are the asked
-- agency's rows, as many as it has children. They replace the per-agency cells, whose subtree
-- sums read every agency below. Each person's rows remember the agency path they were counted
-- under, so that when an agency moves, their old contributions leave the old ancestors.
ALTER TABLE readiness_person
  ADD COLUMN IF NOT EXISTS agency_path VARCHAR(768) CHARACTER SET ascii NOT NULL DEFAULT ''
    AFTER agency_id,
  ADD KEY IF NOT EXISTS readiness_person_path (agency_path);

UPDATE readiness_person rp JOIN agency a ON a.id = rp.agency_id SET rp.agency_path = a.path;

CREATE TABLE IF NOT EXISTS readiness_tree_cell (
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

CREATE TABLE IF NOT EXISTS readiness_month_tree_cell (
  month DATE NOT NULL,
  ancestor_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  personnel_group TINYINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  headcount BIGINT NOT NULL,
  meets_present BIGINT NOT NULL,
  target_not_declared BIGINT NOT NULL,
  PRIMARY KEY (month, ancestor_id, child_id, framework_code, personnel_group, skill_set_code),
  CONSTRAINT readiness_month_tree_cell_month_fk FOREIGN KEY (month) REFERENCES readiness_month (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS readiness_snapshot_tree_cell (
  fiscal_year SMALLINT NOT NULL,
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
  PRIMARY KEY (fiscal_year, ancestor_id, child_id, framework_code, personnel_group, skill_set_code),
  CONSTRAINT readiness_snapshot_tree_cell_year_fk FOREIGN KEY (fiscal_year)
    REFERENCES readiness_closed_year (fiscal_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Where each agency counts: under every agency on its path by the child it is in, and under
-- the whole country by its ministry.
CREATE TEMPORARY TABLE readiness_ancestry (KEY (agency_id)) AS
SELECT a.id AS agency_id, anc.id AS ancestor_id,
  IF(anc.id = a.id, 0,
     CAST(SUBSTRING_INDEX(SUBSTRING(a.path, LENGTH(anc.path) + 1), '/', 1) AS UNSIGNED)) AS child_id
FROM agency a JOIN agency anc ON a.path LIKE CONCAT(anc.path, '%')
UNION ALL
SELECT a.id, 0, CAST(SUBSTRING_INDEX(SUBSTRING(a.path, 2), '/', 1) AS UNSIGNED) FROM agency a;

INSERT INTO readiness_tree_cell (ancestor_id, child_id, framework_code, personnel_group,
  skill_set_code, headcount, assessed, meets_present, meets_future, expired, gap_sum,
  target_not_declared)
SELECT t.ancestor_id, t.child_id, c.framework_code, c.personnel_group, c.skill_set_code,
  SUM(c.headcount), SUM(c.assessed), SUM(c.meets_present), SUM(c.meets_future), SUM(c.expired),
  SUM(c.gap_sum), SUM(c.target_not_declared)
FROM readiness_cell c JOIN readiness_ancestry t ON t.agency_id = c.agency_id
GROUP BY t.ancestor_id, t.child_id, c.framework_code, c.personnel_group, c.skill_set_code;

INSERT INTO readiness_month_tree_cell (month, ancestor_id, child_id, framework_code,
  personnel_group, skill_set_code, headcount, meets_present, target_not_declared)
SELECT c.month, t.ancestor_id, t.child_id, c.framework_code, c.personnel_group, c.skill_set_code,
  SUM(c.headcount), SUM(c.meets_present), SUM(c.target_not_declared)
FROM readiness_month_cell c JOIN readiness_ancestry t ON t.agency_id = c.agency_id
GROUP BY c.month, t.ancestor_id, t.child_id, c.framework_code, c.personnel_group,
  c.skill_set_code;

INSERT INTO readiness_snapshot_tree_cell (fiscal_year, ancestor_id, child_id, framework_code,
  personnel_group, skill_set_code, headcount, assessed, meets_present, meets_future, expired,
  gap_sum, target_not_declared)
SELECT c.fiscal_year, t.ancestor_id, t.child_id, c.framework_code, c.personnel_group,
  c.skill_set_code, SUM(c.headcount), SUM(c.assessed), SUM(c.meets_present),
  SUM(c.meets_future), SUM(c.expired), SUM(c.gap_sum), SUM(c.target_not_declared)
FROM readiness_snapshot_cell c JOIN readiness_ancestry t ON t.agency_id = c.agency_id
GROUP BY c.fiscal_year, t.ancestor_id, t.child_id, c.framework_code, c.personnel_group,
  c.skill_set_code;

DROP TEMPORARY TABLE readiness_ancestry;
DROP TABLE IF EXISTS readiness_cell;
DROP TABLE IF EXISTS readiness_month_cell;
DROP TABLE IF EXISTS readiness_snapshot_cell;

-- One refresher at a time includes changes (several servers may share the database): the
-- holder of a lease that it renews as it works; another takes over once it lapses.
ALTER TABLE readiness_cursor
  ADD COLUMN IF NOT EXISTS holder VARCHAR(96) NULL,
  ADD COLUMN IF NOT EXISTS held_until DATETIME(6) NULL;
