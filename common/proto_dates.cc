#include "common/proto_dates.h"

#include "common/thai_calendar.h"

namespace thaksa {

std::optional<absl::CivilDay> DayFromProto(const common::v1::Date& date, bool present,
                                           const std::string& field, FieldErrors& errors) {
  if (!present || (date.year() == 0 && date.month() == 0 && date.day() == 0)) return std::nullopt;
  if (!IsValidDate(date.year(), date.month(), date.day())) {
    errors.Add(field, "is not a real date");
    return std::nullopt;
  }
  return absl::CivilDay(date.year(), date.month(), date.day());
}

std::optional<absl::CivilDay> RequiredDayFromProto(const common::v1::Date& date, bool present,
                                                   const std::string& field, FieldErrors& errors) {
  const size_t before = errors.violations().size();
  std::optional<absl::CivilDay> day = DayFromProto(date, present, field, errors);
  if (!day.has_value() && errors.violations().size() == before) errors.Add(field, "is required");
  return day;
}

void DayToProto(absl::CivilDay day, common::v1::Date* out) {
  out->set_year(static_cast<int>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

}  // namespace thaksa
