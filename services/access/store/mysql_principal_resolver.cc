#include "services/access/store/mysql_principal_resolver.h"

#include <cppconn/resultset.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::access {

absl::StatusOr<Principal> MySqlPrincipalResolver::Resolve(absl::string_view token_hash,
                                                          absl::Time now) {
  std::optional<Principal> found;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    auto rows = Query(connection,
                      absl::StrCat("SELECT id, role, agency_id, ",
                                   personnel::AgencyCodeAndPathColumns("agency_id"),
                                   ", institute_code, person_id,"
                                   " FLOOR(UNIX_TIMESTAMP(expires_at)) AS expires, session FROM access_token"
                                   " WHERE token_hash = ? AND revoked_at IS NULL"
                                   " AND expires_at > FROM_UNIXTIME(?)"),
                      {std::string(token_hash), absl::ToUnixSeconds(now)});
    if (!rows->next()) return absl::OkStatus();
    // Only roles a token can be issued with; SERVICE is never stored.
    const int role = rows->getInt("role");
    if (role < static_cast<int>(Role::kAdmin) || role > static_cast<int>(Role::kPerson)) {
      return absl::OkStatus();
    }
    Principal p;
    p.token_id = rows->getInt64("id");
    p.role = static_cast<Role>(role);
    p.agency_id = rows->isNull("agency_id") ? 0 : rows->getInt64("agency_id");
    p.agency_code = GetStringOrEmpty(*rows, "agency_code");
    p.agency_path = GetStringOrEmpty(*rows, "agency_path");
    p.institute_code = GetStringOrEmpty(*rows, "institute_code");
    p.person_id = rows->isNull("person_id") ? 0 : rows->getInt64("person_id");
    p.expires_at = absl::FromUnixSeconds(rows->getInt64("expires"));
    p.session = rows->getBoolean("session");
    found = std::move(p);
    return absl::OkStatus();
  }));
  if (!found.has_value()) {
    return absl::UnauthenticatedError("the token is unknown, expired or revoked");
  }
  return *found;
}

std::unique_ptr<PrincipalResolver> MakePrincipalResolver(ConnectionPool& pool) {
  return std::make_unique<MySqlPrincipalResolver>(pool);
}

}  // namespace thaksa::access
