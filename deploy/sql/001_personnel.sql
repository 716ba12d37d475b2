-- Personnel: the agency tree, period declarations, people and their effective-dated assignments.

CREATE TABLE agency (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name_th VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT '',
  parent_id BIGINT NULL,
  -- Materialized path of ids from the root, e.g. '/1/7/42/': a subtree is a prefix range.
  path VARCHAR(768) CHARACTER SET ascii NOT NULL,
  kind TINYINT NOT NULL,
  officer_name VARCHAR(255) NOT NULL DEFAULT '',
  officer_position VARCHAR(255) NOT NULL DEFAULT '',
  officer_role TINYINT NOT NULL DEFAULT 0,
  officer_email VARCHAR(255) NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY agency_code (code),
  KEY agency_parent (parent_id, id),
  KEY agency_path (path),
  CONSTRAINT agency_parent_fk FOREIGN KEY (parent_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every period declaration ever made; for a fiscal year the latest one counts.
CREATE TABLE agency_period (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agency_id BIGINT NOT NULL,
  fiscal_year SMALLINT NOT NULL,
  period TINYINT NOT NULL,
  declared_at DATETIME(6) NOT NULL,
  KEY agency_period_year (agency_id, fiscal_year, id),
  CONSTRAINT agency_period_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE person (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_agency_id BIGINT NOT NULL,
  employee_number VARCHAR(32) NOT NULL,
  -- HMAC-SHA256 of the citizen ID under the deployment's key; the clear ID is never stored.
  citizen_id_hash BINARY(32) NOT NULL,
  citizen_id_masked CHAR(17) CHARACTER SET ascii NOT NULL,
  name_th VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT '',
  email VARCHAR(255) NOT NULL DEFAULT '',
  status TINYINT NOT NULL,
  supervisor_id BIGINT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY person_hr_key (record_agency_id, employee_number),
  UNIQUE KEY person_citizen_id (citizen_id_hash),
  KEY person_supervisor (supervisor_id),
  CONSTRAINT person_record_agency_fk FOREIGN KEY (record_agency_id) REFERENCES agency (id),
  CONSTRAINT person_supervisor_fk FOREIGN KEY (supervisor_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where a person works, as what and in which group, over time: [effective_from, effective_to).
-- The open assignment has effective_to = '9999-12-31'.
CREATE TABLE person_assignment (
  person_id BIGINT NOT NULL,
  effective_from DATE NOT NULL,
  effective_to DATE NOT NULL,
  agency_id BIGINT NOT NULL,
  position_title VARCHAR(255) NOT NULL,
  grade VARCHAR(64) NOT NULL,
  personnel_group TINYINT NOT NULL,
  PRIMARY KEY (person_id, effective_from),
  KEY person_assignment_agency (agency_id, effective_to, effective_from),
  CONSTRAINT person_assignment_person_fk FOREIGN KEY (person_id) REFERENCES person (id),
  CONSTRAINT person_assignment_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE person_secondary_group (
  person_id BIGINT NOT NULL,
  personnel_group TINYINT NOT NULL,
  approved_by VARCHAR(255) NOT NULL,
  PRIMARY KEY (person_id, personnel_group),
  CONSTRAINT person_secondary_group_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
