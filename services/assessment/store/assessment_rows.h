// How the MySQL store reads assessment rows back: the columns it selects and a row as a
// StoredAssessment.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_

#include <cppconn/resultset.h>

#include "services/assessment/store/standing_reads.h"

namespace thaksa::assessment {

// "SELECT <columns> FROM assessment a JOIN framework f ... ", for a WHERE clause to follow; the
// columns include a.person_id and a.framework_id besides what ReadAssessment reads.
extern const char kAssessmentColumns[];

StoredAssessment ReadAssessment(sql::ResultSet& row);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_ROWS_H_
