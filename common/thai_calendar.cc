#include "common/thai_calendar.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace thaksa {

absl::TimeZone ThailandTimeZone() { return absl::FixedTimeZone(7 * 60 * 60); }

absl::CivilDay ThaiDate(absl::Time t) { return absl::ToCivilDay(t, ThailandTimeZone()); }

int FiscalYearOf(absl::CivilDay day) {
  const int ce_year = static_cast<int>(day.year());
  return ToBuddhistEra(day.month() >= 10 ? ce_year + 1 : ce_year);
}

absl::CivilDay FiscalYearStart(int be_year) {
  return absl::CivilDay(be_year - kBuddhistEraOffset - 1, 10, 1);
}

absl::CivilDay FiscalYearEnd(int be_year) {
  return absl::CivilDay(be_year - kBuddhistEraOffset, 9, 30);
}

std::string FormatIsoDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const absl::CivilDay normalized(year, month, day);
  return normalized.year() == year && normalized.month() == month && normalized.day() == day;
}

absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !absl::SimpleAtoi(text.substr(0, 4), &year) || !absl::SimpleAtoi(text.substr(5, 2), &month) ||
      !absl::SimpleAtoi(text.substr(8, 2), &day) || !IsValidDate(year, month, day)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("'%s' is not a date of the form YYYY-MM-DD", text));
  }
  return absl::CivilDay(year, month, day);
}

}  // namespace thaksa
