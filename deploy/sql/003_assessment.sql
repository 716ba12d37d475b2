-- Assessment: framework versions as data, agencies' choices, assessments, standing, and the
-- change log (outbox) that read models consume.

CREATE TABLE framework (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  status TINYINT NOT NULL,
  -- The whole definition (skill sets, scale, targets, precedence) as the API message, JSON.
  definition MEDIUMTEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  published_at DATETIME(6) NULL,
  UNIQUE KEY framework_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE crosswalk (
  from_framework_id BIGINT NOT NULL,
  to_framework_id BIGINT NOT NULL,
  definition MEDIUMTEXT NOT NULL,
  PRIMARY KEY (from_framework_id, to_framework_id),
  CONSTRAINT crosswalk_from_fk FOREIGN KEY (from_framework_id) REFERENCES framework (id),
  CONSTRAINT crosswalk_to_fk FOREIGN KEY (to_framework_id) REFERENCES framework (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE behaviour (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  driver VARCHAR(255) NOT NULL,
  stage VARCHAR(255) NOT NULL,
  personnel_group TINYINT NOT NULL,
  text_th TEXT NOT NULL,
  text_en TEXT NOT NULL,
  unit_codes VARCHAR(255) NOT NULL DEFAULT '',
  skill_set_code VARCHAR(32) NOT NULL DEFAULT '',
  KEY behaviour_skill_set (skill_set_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The framework an agency follows from a date (inherited by agencies below that choose none).
CREATE TABLE agency_framework (
  agency_id BIGINT NOT NULL,
  effective_from DATE NOT NULL,
  framework_id BIGINT NOT NULL,
  PRIMARY KEY (agency_id, effective_from),
  CONSTRAINT agency_framework_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT agency_framework_framework_fk FOREIGN KEY (framework_id) REFERENCES framework (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Adoption (adopted = 1) or dropping (0) of an optional skill set from a date.
CREATE TABLE agency_optional_skill_set (
  agency_id BIGINT NOT NULL,
  framework_id BIGINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  effective_from DATE NOT NULL,
  adopted TINYINT NOT NULL,
  PRIMARY KEY (agency_id, framework_id, skill_set_code, effective_from),
  CONSTRAINT agency_optional_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT agency_optional_framework_fk FOREIGN KEY (framework_id) REFERENCES framework (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only: a correction is a new row that supersedes an earlier one.
CREATE TABLE assessment (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT NOT NULL,
  framework_id BIGINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  level TINYINT NOT NULL,
  source TINYINT NOT NULL,
  instrument VARCHAR(255) NOT NULL DEFAULT '',
  assessed_on DATE NOT NULL,
  valid_until DATE NULL,
  -- Evidence, note and the rest of the record as the API message, JSON.
  record MEDIUMTEXT NOT NULL,
  assessor_token_id BIGINT NULL,
  assessor_role TINYINT NOT NULL,
  -- Idempotency key: the recording principal's own id for the record.
  external_key VARCHAR(160) NULL,
  supersedes_id BIGINT NULL,
  superseded_by_id BIGINT NULL,
  recorded_at DATETIME(6) NOT NULL,
  UNIQUE KEY assessment_external_key (external_key),
  KEY assessment_person (person_id, framework_id, skill_set_code),
  CONSTRAINT assessment_person_fk FOREIGN KEY (person_id) REFERENCES person (id),
  CONSTRAINT assessment_framework_fk FOREIGN KEY (framework_id) REFERENCES framework (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each person's counted level per skill set, kept in the transaction of every assessment.
CREATE TABLE person_standing (
  person_id BIGINT NOT NULL,
  framework_id BIGINT NOT NULL,
  skill_set_code VARCHAR(32) NOT NULL,
  level TINYINT NOT NULL,
  assessment_id BIGINT NOT NULL,
  valid_until DATE NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (person_id, framework_id, skill_set_code),
  CONSTRAINT person_standing_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Outbox: every change read models must follow, in commit order of its id.
CREATE TABLE change_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at DATETIME(6) NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  entity_id VARCHAR(64) NOT NULL,
  detail VARCHAR(255) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
