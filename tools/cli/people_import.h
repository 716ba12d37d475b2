// `thaksa people import FILE.csv`: streams a CSV of people through BulkUpsertPeople and reports
// every row and the totals.
#ifndef THAKSA_TOOLS_CLI_PEOPLE_IMPORT_H_
#define THAKSA_TOOLS_CLI_PEOPLE_IMPORT_H_

#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa::cli {

// The CSV header: one column per PersonRecord field; secondary_groups is a list like
// "ACADEMIC:E17:2026-03-02;SERVICE:E17:2026-03-02" (group, approver's employee number, day of
// the approval); dates are YYYY-MM-DD.
inline constexpr char kPeopleCsvHeader[] =
    "agency_of_record_code,employee_number,citizen_id,name_th,name_en,email,status,"
    "supervisor_employee_number,agency_code,position_title,grade,personnel_group,"
    "effective_from,secondary_groups";

// Reads `csv` (header row first), streams its rows and writes one report line per row to
// `report`, then the totals. Errors of the file itself (a broken quote, a missing required
// column) or of the call are returned; rejected rows are not errors.
absl::StatusOr<ImportTotals> ImportPeople(personnel::v1::PersonnelService::Stub& stub, std::istream& csv,
                                          std::ostream& report, const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_PEOPLE_IMPORT_H_
