#include "tools/cli/import_report.h"

#include "absl/strings/str_cat.h"

namespace thaksa::cli {

std::string ImportTotals::Summary() const {
  return absl::StrCat("rows=", rows, " created=", created, " updated=", updated,
                      " unchanged=", unchanged, " rejected=", rejected);
}

void WriteRowResult(std::ostream& report, int line, absl::string_view key,
                    absl::string_view outcome, int64_t id) {
  report << "line " << line << "\t" << key << "\t" << outcome;
  if (id != 0) report << "\tid=" << id;
}

}  // namespace thaksa::cli
