-- Readiness read model: one row per person and applicable skill set, aggregates per agency
-- (people attached directly), and how far the change log has been consumed.

CREATE TABLE readiness_person (
  person_id BIGINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  agency_id BIGINT NOT NULL,
  personnel_group TINYINT NOT NULL,
  level TINYINT NOT NULL,
  present_target TINYINT NOT NULL,
  future_target TINYINT NOT NULL,
  status TINYINT NOT NULL,
  gap TINYINT NOT NULL,
  last_assessed DATE NULL,
  PRIMARY KEY (person_id, skill_set_code),
  KEY readiness_person_gaps (agency_id, status, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE readiness_cell (
  agency_id BIGINT NOT NULL,
  framework_code VARCHAR(32) NOT NULL,
  personnel_group TINYINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  headcount BIGINT NOT NULL DEFAULT 0,
  assessed BIGINT NOT NULL DEFAULT 0,
  meets_present BIGINT NOT NULL DEFAULT 0,
  meets_future BIGINT NOT NULL DEFAULT 0,
  expired BIGINT NOT NULL DEFAULT 0,
  gap_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, framework_code, personnel_group, skill_set_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE readiness_cursor (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  last_change_id BIGINT NOT NULL,
  consumed_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO readiness_cursor (name, last_change_id, consumed_at) VALUES ('readiness', 0, CURRENT_TIMESTAMP(6));

