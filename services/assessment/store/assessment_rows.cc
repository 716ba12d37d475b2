#include "services/assessment/store/assessment_rows.h"

#include <string>

#include "common/db/sql.h"

namespace thaksa::assessment {

#define THAKSA_FACT_COLUMNS                                                                \
  "a.id, a.person_id, a.framework_id, a.skill_set_code, a.level, a.source, a.assessed_on," \
  " a.valid_until, a.superseded_by_id"

const char kFactColumns[] = THAKSA_FACT_COLUMNS;

const char kAssessmentColumns[] =
    "SELECT " THAKSA_FACT_COLUMNS ", f.code AS framework_code, a.record, a.assessor_token_id,"
    " a.assessor_role, FLOOR(UNIX_TIMESTAMP(a.recorded_at)) AS recorded FROM assessment a"
    " JOIN framework f ON f.id = a.framework_id ";

#undef THAKSA_FACT_COLUMNS

AssessmentFact ReadFact(sql::ResultSet& row) {
  AssessmentFact f;
  f.id = row.getInt64("id");
  f.skill_set_code = row.getString("skill_set_code");
  f.level = row.getInt("level");
  f.source = static_cast<Source>(row.getInt("source"));
  f.assessed_on = ReadDate(row, "assessed_on");
  f.valid_until = ReadOptionalDate(row, "valid_until");
  f.superseded_by_id = row.isNull("superseded_by_id") ? 0 : row.getInt64("superseded_by_id");
  return f;
}

StoredAssessment ReadAssessment(sql::ResultSet& row) {
  StoredAssessment stored;
  stored.fact = ReadFact(row);
  stored.fact.framework_code = row.getString("framework_code");
  stored.record_json = row.getString("record");
  stored.assessor_token_id =
      row.isNull("assessor_token_id") ? 0 : row.getInt64("assessor_token_id");
  stored.assessor_role = row.getInt("assessor_role");
  stored.recorded_at_unix = row.getInt64("recorded");
  return stored;
}

}  // namespace thaksa::assessment
