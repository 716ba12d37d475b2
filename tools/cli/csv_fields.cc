#include "tools/cli/csv_fields.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace thaksa::cli {

void SetCsvDate(absl::string_view text, common::v1::Date* date) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    year = 0, month = 13, day = 0;
  }
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

std::vector<std::string> CsvList(absl::string_view list) {
  std::vector<std::string> parts;
  for (absl::string_view part : absl::StrSplit(list, ';', absl::SkipWhitespace())) {
    parts.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return parts;
}

}  // namespace thaksa::cli
