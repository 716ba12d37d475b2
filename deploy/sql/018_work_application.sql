-- How a completed development activity was applied at work (LearningService.RecordApplication):
-- one row per activity, a counted completion or an experiential or social plan item, kept by
-- the activity's id (an item's application moves to its copy when the plan is revised or the
-- item replaced; an item that carries one is not removed). confirmed_at is set once, when the
-- supervisor (or HR) confirms it; the row is final from then.
CREATE TABLE IF NOT EXISTS work_application (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT NOT NULL,
  completion_id BIGINT NULL,
  plan_item_id BIGINT NULL,
  description TEXT NOT NULL,
  evidence VARCHAR(1000) NOT NULL DEFAULT '',
  applied_on DATE NOT NULL,
  recorded_by_token_id BIGINT NULL,
  recorded_at DATETIME(6) NOT NULL,
  confirmed_by_token_id BIGINT NULL,
  confirmed_at DATETIME(6) NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CONSTRAINT work_application_one_activity CHECK ((completion_id IS NULL) <> (plan_item_id IS NULL)),
  UNIQUE KEY work_application_completion (completion_id),
  UNIQUE KEY work_application_item (plan_item_id),
  KEY work_application_person (person_id),
  CONSTRAINT work_application_person_fk FOREIGN KEY (person_id) REFERENCES person (id),
  CONSTRAINT work_application_completion_fk FOREIGN KEY (completion_id) REFERENCES completion (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
