// `thaksa agencies import FILE.csv`: creates the agencies of a CSV (parents before children)
// and declares their periods; agencies that already exist are left as they are, but for the
// accountable officer a row names, which replaces theirs.
#ifndef THAKSA_TOOLS_CLI_AGENCY_IMPORT_H_
#define THAKSA_TOOLS_CLI_AGENCY_IMPORT_H_

#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"

namespace thaksa::cli {

// The CSV columns (code, name_th and kind are required; the rest may be left out):
//   code,name_th,name_en,parent_code,kind,officer_name,officer_position,officer_role,
//   officer_email,fiscal_year,period
// fiscal_year (BE) and period, together, are a period to declare.
// Reads `csv` and reports each row (CREATED, UPDATED for an existing agency whose officer the row
// named, UNCHANGED for another existing one, REJECTED with the reason) and the totals. Only errors of the file itself or of the server being
// unreachable are returned.
absl::StatusOr<ImportTotals> ImportAgencies(personnel::v1::PersonnelService::Stub& stub,
                                            std::istream& csv, std::ostream& report,
                                            const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_AGENCY_IMPORT_H_
