-- The readiness figures as they stood at the start of each month, for trends.

CREATE TABLE readiness_month (
  month DATE NOT NULL PRIMARY KEY,
  taken_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE readiness_month_cell (
  month DATE NOT NULL,
  agency_id BIGINT NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  personnel_group TINYINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  headcount BIGINT NOT NULL,
  meets_present BIGINT NOT NULL,
  PRIMARY KEY (month, agency_id, framework_code, personnel_group, skill_set_code),
  CONSTRAINT readiness_month_cell_month_fk FOREIGN KEY (month) REFERENCES readiness_month (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
