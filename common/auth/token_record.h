// Token metadata as stored (never the secret).
#ifndef THAKSA_COMMON_AUTH_TOKEN_RECORD_H_
#define THAKSA_COMMON_AUTH_TOKEN_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace thaksa {

struct TokenRecord {
  int64_t id = 0;
  Role role = Role::kUnspecified;
  std::string agency_code;
  std::string institute_code;
  int64_t person_id = 0;
  std::string description;
  absl::Time created_at;
  absl::Time expires_at;
  std::optional<absl::Time> revoked_at;
  int64_t created_by_token_id = 0;
  // Made by StartSession: a browser's short-lived token.
  bool session = false;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_TOKEN_RECORD_H_
