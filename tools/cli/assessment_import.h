// `thaksa assessments import FILE.csv`: streams a CSV of assessments through
// BulkRecordAssessments and reports every row and the totals.
#ifndef THAKSA_TOOLS_CLI_ASSESSMENT_IMPORT_H_
#define THAKSA_TOOLS_CLI_ASSESSMENT_IMPORT_H_

#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"

namespace thaksa::cli {

// The CSV header; framework_code may be empty (the person's agency's framework), dates are
// YYYY-MM-DD, source is SELF, SUPERVISOR, INSTITUTE_EXAM or CERTIFICATION, unit_codes a list
// like "DTr200;DL402".
inline constexpr char kAssessmentCsvHeader[] =
    "person_id,framework_code,skill_set_code,level,source,instrument,assessed_on,valid_until,"
    "external_id,note,unit_codes";

// Totals count RECORDED as created and UNCHANGED as unchanged.
absl::StatusOr<ImportTotals> ImportAssessments(assessment::v1::AssessmentService::Stub& stub,
                                               std::istream& csv, std::ostream& report,
                                               const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_ASSESSMENT_IMPORT_H_
