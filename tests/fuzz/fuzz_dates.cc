// Dates from outside: ISO text and the API's year/month/day. A parsed date is a real day that
// formats back to text parsing to the same day, and falls inside its fiscal year.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "common/proto_dates.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void CheckDay(absl::CivilDay day) {
  FUZZ_CHECK(thaksa::IsValidDate(static_cast<int>(day.year()), day.month(), day.day()),
             "a parsed day exists");
  const absl::StatusOr<absl::CivilDay> again = thaksa::ParseIsoDate(thaksa::FormatIsoDate(day));
  FUZZ_CHECK(again.ok() && *again == day, "a day formatted and parsed again is the same day");
  const int fiscal_year = thaksa::FiscalYearOf(day);
  FUZZ_CHECK(thaksa::FiscalYearStart(fiscal_year) <= day &&
                 day <= thaksa::FiscalYearEnd(fiscal_year),
             "a day lies in its fiscal year");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (absl::StatusOr<absl::CivilDay> day = thaksa::ParseIsoDate(text); day.ok()) CheckDay(*day);

  int32_t parts[3] = {0, 0, 0};
  std::memcpy(parts, data, std::min(size, sizeof(parts)));
  thaksa::common::v1::Date date;
  date.set_year(parts[0]);
  date.set_month(parts[1]);
  date.set_day(parts[2]);
  thaksa::FieldErrors errors;
  const std::optional<absl::CivilDay> day = thaksa::RequiredDayFromProto(date, true, "date", errors);
  FUZZ_CHECK(day.has_value() == errors.empty(), "a date is a day or an error, not both");
  if (day.has_value()) {
    CheckDay(*day);
    thaksa::common::v1::Date back;
    thaksa::DayToProto(*day, &back);
    FUZZ_CHECK(back.year() == date.year() && back.month() == date.month() &&
                   back.day() == date.day(),
               "a day converted back is the date given");
  }
  return 0;
}
