-- The competency-unit catalogue (AssessmentService.PutCompetencyUnits): the units of the TPQI
-- annex that unit codes of behaviours, courses and assessments are checked against, by their one
-- form ("DTr200", "DS404.2", "PM*"), compared byte for byte. Owned by assessment; learning reads it
-- (services/assessment/units/unit_catalogue.h) to check courses.
CREATE TABLE IF NOT EXISTS competency_unit (
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  skill_set_code VARCHAR(32) NOT NULL,
  provisional BOOLEAN NOT NULL DEFAULT FALSE,
  name_th VARCHAR(255) NOT NULL DEFAULT '',
  name_en VARCHAR(255) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The parts of the competency (knowledge, ability, experience, attribute) the annex says a
-- behaviour shows: thaksa.assessment.v1.UnitComponent numbers, separated by spaces.
ALTER TABLE behaviour ADD COLUMN IF NOT EXISTS components VARCHAR(64) NOT NULL DEFAULT '';
