// How the MySQL store reads assessment rows back: the columns it selects and a row as the rules
// (AssessmentFact) or the API (StoredAssessment) need it.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_

#include <cppconn/resultset.h>

#include "services/assessment/store/standing_reads.h"

namespace thaksa::assessment {

// The columns of the assessment table (alias `a`) ReadFact reads, with a.person_id and
// a.framework_id; for a select list.
extern const char kFactColumns[];

// "SELECT <columns> FROM assessment a JOIN framework f ... ": what ReadAssessment reads, for a
// WHERE clause to follow.
extern const char kAssessmentColumns[];

// The fact of a row selected with kFactColumns, but its framework_code.
AssessmentFact ReadFact(sql::ResultSet& row);

// A row selected with kAssessmentColumns.
StoredAssessment ReadAssessment(sql::ResultSet& row);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_
