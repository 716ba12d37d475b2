-- Learning: institutes, courses, development plans and completions.

CREATE TABLE institute (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  name_th VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT '',
  accreditation VARCHAR(255) NOT NULL DEFAULT '',
  max_assessed_level TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE course (
  institute_code VARCHAR(32) NOT NULL,
  code VARCHAR(32) NOT NULL,
  -- The whole course as the API message, JSON (compliance included).
  definition MEDIUMTEXT NOT NULL,
  compliant TINYINT NOT NULL,
  PRIMARY KEY (institute_code, code),
  CONSTRAINT course_institute_fk FOREIGN KEY (institute_code) REFERENCES institute (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE plan (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT NOT NULL,
  fiscal_year SMALLINT NOT NULL,
  revision INT NOT NULL,
  status TINYINT NOT NULL,
  waiver_reason VARCHAR(1000) NOT NULL DEFAULT '',
  approved_by_token_id BIGINT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE KEY plan_person_year (person_id, fiscal_year, revision),
  KEY plan_status (status, fiscal_year),
  CONSTRAINT plan_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE plan_item (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  -- The item as the API message, JSON; mode, horizon and hours are columns for reports.
  definition MEDIUMTEXT NOT NULL,
  mode TINYINT NOT NULL,
  horizon TINYINT NOT NULL,
  planned_hours DOUBLE NOT NULL,
  achieved_hours DOUBLE NOT NULL DEFAULT 0,
  status TINYINT NOT NULL,
  institute_code VARCHAR(32) NULL,
  course_code VARCHAR(32) NULL,
  KEY plan_item_plan (plan_id),
  KEY plan_item_course (institute_code, course_code),
  CONSTRAINT plan_item_plan_fk FOREIGN KEY (plan_id) REFERENCES plan (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotent by (institute, record id): a replay finds its row, a conflict never overwrites it.
CREATE TABLE completion (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  institute_code VARCHAR(32) NOT NULL,
  record_id VARCHAR(128) NOT NULL,
  person_id BIGINT NOT NULL,
  course_code VARCHAR(32) NOT NULL,
  started_at DATETIME NOT NULL,
  finished_at DATETIME NOT NULL,
  hours DOUBLE NOT NULL,
  record MEDIUMTEXT NOT NULL,
  -- 1 counted, 2 held, 4 rejected by a reviewer.
  state TINYINT NOT NULL,
  reason VARCHAR(500) NOT NULL DEFAULT '',
  recorded_at DATETIME(6) NOT NULL,
  UNIQUE KEY completion_record (institute_code, record_id),
  KEY completion_person (person_id, finished_at),
  CONSTRAINT completion_institute_fk FOREIGN KEY (institute_code) REFERENCES institute (code),
  CONSTRAINT completion_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Records that came again with the same id but different content: kept for review.
CREATE TABLE completion_conflict (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  completion_id BIGINT NOT NULL,
  record MEDIUMTEXT NOT NULL,
  received_at DATETIME(6) NOT NULL,
  CONSTRAINT completion_conflict_fk FOREIGN KEY (completion_id) REFERENCES completion (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
