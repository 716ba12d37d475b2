#include "services/access/store/token_queries.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::access {

std::vector<TokenRecord> QueryTokens(sql::Connection& connection, const std::string& condition,
                                     std::vector<SqlValue> params, int limit) {
  params.push_back(int64_t{limit});
  auto rows = Query(
      connection,
      absl::StrCat("SELECT t.id, t.role, ", personnel::AgencyCodeAndPathColumns("t.agency_id"),
                   ", t.institute_code, t.person_id, t.description,"
                   " FLOOR(UNIX_TIMESTAMP(t.created_at)) AS created,"
                   " FLOOR(UNIX_TIMESTAMP(t.expires_at)) AS expires,"
                   " FLOOR(UNIX_TIMESTAMP(t.revoked_at)) AS revoked, t.created_by_token_id, t.session"
                   " FROM access_token t WHERE ",
                   condition, " ORDER BY t.id DESC LIMIT ?"),
      params);
  std::vector<TokenRecord> tokens;
  while (rows->next()) {
    TokenRecord t;
    t.id = rows->getInt64("id");
    t.role = static_cast<Role>(rows->getInt("role"));
    t.agency_code = GetStringOrEmpty(*rows, "agency_code");
    t.institute_code = GetStringOrEmpty(*rows, "institute_code");
    t.person_id = rows->isNull("person_id") ? 0 : rows->getInt64("person_id");
    t.description = rows->getString("description");
    t.created_at = absl::FromUnixSeconds(rows->getInt64("created"));
    t.expires_at = absl::FromUnixSeconds(rows->getInt64("expires"));
    if (!rows->isNull("revoked")) t.revoked_at = absl::FromUnixSeconds(rows->getInt64("revoked"));
    t.created_by_token_id =
        rows->isNull("created_by_token_id") ? 0 : rows->getInt64("created_by_token_id");
    t.session = rows->getBoolean("session");
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace thaksa::access
