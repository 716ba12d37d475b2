-- The learning service's outbox: writes it owes other services, kept in the transaction of the
-- change that causes them and delivered by a relay until acknowledged. Kind 'assessment': the
-- level an institute assessed with a counted completion, one row per skill set of the course, as
-- a thaksa.assessment.v1.AssessmentRecord (JSON, proto field names) for
-- AssessmentService.BulkRecordAssessments on behalf of the institute. One row per (institute,
-- external id): a replay adds none.
CREATE TABLE IF NOT EXISTS learning_outbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  institute_code VARCHAR(32) NOT NULL,
  -- "completion:<record id>:<skill set>", the record's external id at the assessment service.
  external_id VARCHAR(200) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  -- Delivery attempts that failed, and when the next one is due (backoff with jitter).
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error VARCHAR(1000) NOT NULL DEFAULT '',
  -- Acknowledged by the receiver (recorded, or recorded before with the same content).
  delivered_at DATETIME(6) NULL,
  -- Rejected by the receiver for good (last_error says why): kept for an operator, not retried.
  failed_at DATETIME(6) NULL,
  UNIQUE KEY learning_outbox_key (institute_code, external_id),
  KEY learning_outbox_due (delivered_at, failed_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
