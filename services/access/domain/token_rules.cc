#include "services/access/domain/token_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"

namespace thaksa::access {

void ValidateTokenSpec(const TokenRecord& token, int valid_days, FieldErrors& errors) {
  const Role role = token.role;
  if (static_cast<int>(role) < static_cast<int>(Role::kAdmin) ||
      static_cast<int>(role) > static_cast<int>(Role::kPerson)) {
    errors.Add("token.role", "is required: ADMIN, HR_SYSTEM, TRAINING_INSTITUTE, CIO_OFFICE, "
                             "SUPERVISOR or PERSON");
    return;
  }
  const bool needs_agency = role == Role::kHrSystem || role == Role::kCioOffice;
  const bool needs_institute = role == Role::kTrainingInstitute;
  const bool needs_person = role == Role::kSupervisor || role == Role::kPerson;
  const std::string role_name(RoleName(role));
  auto check = [&](bool needed, bool given, const char* field) {
    if (needed && !given) errors.Add(field, absl::StrCat("is required for role ", role_name));
    if (!needed && given) errors.Add(field, absl::StrCat("does not apply to role ", role_name));
  };
  check(needs_agency, !token.agency_code.empty(), "token.agency_code");
  check(needs_institute, !token.institute_code.empty(), "token.institute_code");
  check(needs_person, token.person_id != 0, "token.person_id");
  if (token.person_id < 0) errors.Add("token.person_id", "must be a person id");
  CheckOptionalCode(token.agency_code, "token.agency_code", errors);
  CheckOptionalCode(token.institute_code, "token.institute_code", errors);
  CheckOptionalText(token.description, 255, "token.description", errors);
  if (valid_days < 0 || valid_days > kMaxValidDays) {
    errors.Add("valid_days", absl::StrCat("must be from 0 (meaning ", kDefaultValidDays,
                                          ") to ", kMaxValidDays));
  }
}

absl::StatusOr<absl::Time> SessionExpiry(int hours, absl::Time now,
                                         absl::Time caller_expires_at) {
  if (hours < 0 || hours > kMaxSessionHours) {
    return InvalidField("hours", absl::StrCat("must be from 0 (meaning ", kDefaultSessionHours,
                                              ") to ", kMaxSessionHours));
  }
  return std::min(now + absl::Hours(hours == 0 ? kDefaultSessionHours : hours),
                  caller_expires_at);
}

}  // namespace thaksa::access
