// `thaksa plans import FILE.csv`: streams development plans through BulkUpsertPlans, one record
// per plan made of its item rows, and reports every plan and the totals.
#ifndef THAKSA_TOOLS_CLI_PLAN_IMPORT_H_
#define THAKSA_TOOLS_CLI_PLAN_IMPORT_H_

#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"

namespace thaksa::cli {

// One row per plan item; the rows of one plan (its external_id, the caller's own key of the
// plan) follow each other and name the same person and fiscal year (BE). skill_sets is a list
// like "LITERACY;GOVERNANCE", and so are behaviour_codes ("T1S1-EXEC-1") and unit_codes
// ("DL402;DTr200"), the item's goals; institute_code and course_code only for FORMAL items.
inline constexpr char kPlanCsvHeader[] =
    "external_id,person_id,fiscal_year,title,mode,hours,horizon,skill_sets,institute_code,"
    "course_code,behaviour_codes,unit_codes";

// Reads `csv` (header row first), streams its plans and writes one report line per plan to
// `report` (at the line of its first row: CREATED, UPDATED or UNCHANGED with the plan's id and
// the rules it breaks, or REJECTED with the fields at fault), then the totals. Errors of the
// file itself or of the call are returned; rejected plans are not errors.
absl::StatusOr<ImportTotals> ImportPlans(learning::v1::LearningService::Stub& stub,
                                         std::istream& csv, std::ostream& report,
                                         const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_PLAN_IMPORT_H_
