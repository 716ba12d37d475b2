// Fields of the CSV files the imports read, as their messages take them.
#ifndef THAKSA_TOOLS_CLI_CSV_FIELDS_H_
#define THAKSA_TOOLS_CLI_CSV_FIELDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa::cli {

// Fills `date` from "YYYY-MM-DD"; text that is not a date becomes an impossible date (month
// 13), so that the server refuses the row naming the field.
void SetCsvDate(absl::string_view text, common::v1::Date* date);

// The parts of a list like "A; B;C", without the blanks around them (copies, so that the list
// may be a temporary).
std::vector<std::string> CsvList(absl::string_view list);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_CSV_FIELDS_H_
