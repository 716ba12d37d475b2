// What every CSV import reports: one tab-separated line per row and the totals at the end.
#ifndef THAKSA_TOOLS_CLI_IMPORT_REPORT_H_
#define THAKSA_TOOLS_CLI_IMPORT_REPORT_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/strings/string_view.h"

namespace thaksa::cli {

// Counts of the rows an import sent, by outcome.
struct ImportTotals {
  int64_t rows = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;

  // "rows=N created=N updated=N unchanged=N rejected=N".
  std::string Summary() const;
};

// Starts a row's line: "line N<TAB>key<TAB>OUTCOME", then "<TAB>id=N" when the row has an id.
// The caller appends any errors and ends the line.
void WriteRowResult(std::ostream& report, int line, absl::string_view key,
                    absl::string_view outcome, int64_t id);

// Appends "<TAB>field: reason" for each error of a row.
template <typename FieldErrors>
void WriteFieldErrors(std::ostream& report, const FieldErrors& errors) {
  for (const auto& error : errors) report << "\t" << error.field() << ": " << error.reason();
}

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_IMPORT_REPORT_H_
