-- Access tokens, the append-only audit trail, and what personal-data retention needs.

CREATE TABLE access_token (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- SHA-256 of the bearer token; the token itself is never stored.
  token_hash BINARY(32) NOT NULL,
  role TINYINT NOT NULL,
  agency_id BIGINT NULL,
  institute_code VARCHAR(32) NULL,
  person_id BIGINT NULL,
  description VARCHAR(255) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  created_by_token_id BIGINT NULL,
  expires_at DATETIME(6) NOT NULL,
  revoked_at DATETIME(6) NULL,
  UNIQUE KEY access_token_hash (token_hash),
  CONSTRAINT access_token_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT access_token_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_event (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at DATETIME(6) NOT NULL,
  principal_token_id BIGINT NULL,
  principal_role TINYINT NOT NULL DEFAULT 0,
  method VARCHAR(160) CHARACTER SET ascii NOT NULL,
  entity_type VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
  entity_id VARCHAR(64) NOT NULL DEFAULT '',
  outcome VARCHAR(32) CHARACTER SET ascii NOT NULL,
  request_id VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  KEY audit_event_time (occurred_at),
  KEY audit_event_principal (principal_token_id, id),
  KEY audit_event_entity (entity_type, entity_id, id),
  KEY audit_event_method (method, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit trail is append-only: the database itself refuses changes to it.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit events are append-only';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit events are append-only';

-- When a person left (for retention) and when their personal fields were cleared.
ALTER TABLE person ADD COLUMN left_on DATE NULL, ADD COLUMN anonymised_at DATETIME(6) NULL, ADD KEY person_left_on (left_on);
