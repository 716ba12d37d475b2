#include "common/auth/token_records.h"

#include "absl/strings/str_cat.h"

namespace thaksa {

std::vector<TokenRecord> QueryTokens(sql::Connection& connection, const std::string& condition,
                                     std::vector<SqlValue> params, int limit) {
  params.push_back(int64_t{limit});
  auto rows = Query(
      connection,
      absl::StrCat("SELECT t.id, t.role, a.code, t.institute_code, t.person_id, t.description,"
                   " FLOOR(UNIX_TIMESTAMP(t.created_at)) AS created,"
                   " FLOOR(UNIX_TIMESTAMP(t.expires_at)) AS expires,"
                   " FLOOR(UNIX_TIMESTAMP(t.revoked_at)) AS revoked, t.created_by_token_id"
                   " FROM access_token t LEFT JOIN agency a ON a.id = t.agency_id WHERE ",
                   condition, " ORDER BY t.id DESC LIMIT ?"),
      params);
  std::vector<TokenRecord> tokens;
  while (rows->next()) {
    TokenRecord t;
    t.id = rows->getInt64("id");
    t.role = static_cast<Role>(rows->getInt("role"));
    t.agency_code = GetStringOrEmpty(*rows, "code");
    t.institute_code = GetStringOrEmpty(*rows, "institute_code");
    t.person_id = rows->isNull("person_id") ? 0 : rows->getInt64("person_id");
    t.description = rows->getString("description");
    t.created_at = absl::FromUnixSeconds(rows->getInt64("created"));
    t.expires_at = absl::FromUnixSeconds(rows->getInt64("expires"));
    if (!rows->isNull("revoked")) t.revoked_at = absl::FromUnixSeconds(rows->getInt64("revoked"));
    t.created_by_token_id =
        rows->isNull("created_by_token_id") ? 0 : rows->getInt64("created_by_token_id");
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace thaksa
