// Thailand's calendar conventions: the Buddhist era, the fiscal year (1 Oct - 30 Sep) and the
// country's time zone (UTC+7, no daylight saving).
#ifndef THAKSA_COMMON_THAI_CALENDAR_H_
#define THAKSA_COMMON_THAI_CALENDAR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace thaksa {

// Years between the Common Era and the Buddhist Era: BE = CE + 543.
inline constexpr int kBuddhistEraOffset = 543;

// Thailand's time zone (Asia/Bangkok, fixed UTC+7).
absl::TimeZone ThailandTimeZone();

// The date in Thailand at instant `t`.
absl::CivilDay ThaiDate(absl::Time t);

// The Buddhist-era year of a CE year.
inline int ToBuddhistEra(int ce_year) { return ce_year + kBuddhistEraOffset; }

// The fiscal year (BE) that contains `day`: FY N runs 1 Oct of CE N-544 to 30 Sep of CE N-543.
int FiscalYearOf(absl::CivilDay day);

// First and last day of fiscal year `be_year`.
absl::CivilDay FiscalYearStart(int be_year);
absl::CivilDay FiscalYearEnd(int be_year);

// Formats a date as ISO 8601, "YYYY-MM-DD".
std::string FormatIsoDate(absl::CivilDay day);

// Parses "YYYY-MM-DD" (CE), rejecting dates that do not exist (e.g. 2026-02-30).
absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text);

// True if (year, month, day) names a real CE date.
bool IsValidDate(int year, int month, int day);

}  // namespace thaksa

#endif  // THAKSA_COMMON_THAI_CALENDAR_H_
