// Token metadata as stored (never the secret): for the access service and for a person's
// subject-access export.
#ifndef THAKSA_COMMON_AUTH_TOKEN_RECORDS_H_
#define THAKSA_COMMON_AUTH_TOKEN_RECORDS_H_

#include <cppconn/connection.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/db/sql.h"

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
};

// Tokens matching `condition` (SQL over alias t, with `params`), newest first, at most `limit`.
// May throw sql::SQLException.
std::vector<TokenRecord> QueryTokens(sql::Connection& connection, const std::string& condition,
                                     std::vector<SqlValue> params, int limit);

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_TOKEN_RECORDS_H_
