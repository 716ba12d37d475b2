// thaksa.common.v1.Date <-> absl::CivilDay.
#ifndef THAKSA_COMMON_PROTO_DATES_H_
#define THAKSA_COMMON_PROTO_DATES_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "common/status.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa {

// The date, or nullopt if the message is absent or all zero. A set but impossible date (e.g.
// 2026-02-30) adds a violation on `field` and gives nullopt.
std::optional<absl::CivilDay> DayFromProto(const common::v1::Date& date, bool present,
                                           const std::string& field, FieldErrors& errors);

// As DayFromProto, but an absent date is a violation too ("is required").
std::optional<absl::CivilDay> RequiredDayFromProto(const common::v1::Date& date, bool present,
                                                   const std::string& field, FieldErrors& errors);

void DayToProto(absl::CivilDay day, common::v1::Date* out);

}  // namespace thaksa

#endif  // THAKSA_COMMON_PROTO_DATES_H_
