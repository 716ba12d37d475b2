-- Closed fiscal years and their frozen figures (never changed once written).
CREATE TABLE readiness_closed_year (
  fiscal_year SMALLINT NOT NULL PRIMARY KEY,
  closed_at DATETIME(6) NOT NULL,
  people BIGINT NOT NULL,
  -- Assessments with higher ids were recorded after closing (adjustments).
  last_assessment_id BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE readiness_snapshot_cell (
  fiscal_year SMALLINT NOT NULL,
  agency_id BIGINT NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  personnel_group TINYINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  headcount BIGINT NOT NULL,
  assessed BIGINT NOT NULL,
  meets_present BIGINT NOT NULL,
  meets_future BIGINT NOT NULL,
  expired BIGINT NOT NULL,
  gap_sum BIGINT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, framework_code, personnel_group, skill_set_code),
  CONSTRAINT readiness_snapshot_year_fk FOREIGN KEY (fiscal_year) REFERENCES readiness_closed_year (fiscal_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
