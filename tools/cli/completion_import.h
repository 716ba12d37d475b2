// `thaksa completions import FILE.csv`: streams an institute's completions through
// RecordCompletions and reports every row and the totals.
#ifndef THAKSA_TOOLS_CLI_COMPLETION_IMPORT_H_
#define THAKSA_TOOLS_CLI_COMPLETION_IMPORT_H_

#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"

namespace thaksa::cli {

// Times are "YYYY-MM-DD HH:MM" in Thailand; person by person_id or citizen_id; passed is
// "true"/"false"; assessed_level and score may be empty.
inline constexpr char kCompletionCsvHeader[] =
    "record_id,person_id,citizen_id,course_code,started_at,finished_at,hours,passed,score,"
    "assessed_level,certificate_id";

// Totals: RECORDED as created, UNCHANGED as unchanged, HELD and CONFLICT as updated (kept for
// review), REJECTED as rejected.
absl::StatusOr<ImportTotals> ImportCompletions(learning::v1::LearningService::Stub& stub,
                                               std::istream& csv, std::ostream& report,
                                               const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_COMPLETION_IMPORT_H_
