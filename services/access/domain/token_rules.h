// What a token must say: a role and exactly the scope that role needs.
#ifndef THAKSA_SERVICES_ACCESS_DOMAIN_TOKEN_RULES_H_
#define THAKSA_SERVICES_ACCESS_DOMAIN_TOKEN_RULES_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token_record.h"
#include "common/status.h"

namespace thaksa::access {

// Days a token is valid when the request says 0, and at most.
inline constexpr int kDefaultValidDays = 365;
inline constexpr int kMaxValidDays = 3650;

// Hours a session lasts when StartSession says 0, and at most.
inline constexpr int kDefaultSessionHours = 8;
inline constexpr int kMaxSessionHours = 12;

// Adds a violation (fields named under "token.") for a missing role, a missing scope the role
// needs, a scope the role does not take, or `valid_days` outside 0-kMaxValidDays.
void ValidateTokenSpec(const TokenRecord& token, int valid_days, FieldErrors& errors);

// When a session started at `now` by a token expiring at `caller_expires_at` ends: `hours`
// (0: the default) later, but not after the calling token. INVALID_ARGUMENT on "hours" outside
// 0-kMaxSessionHours.
absl::StatusOr<absl::Time> SessionExpiry(int hours, absl::Time now, absl::Time caller_expires_at);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_DOMAIN_TOKEN_RULES_H_
