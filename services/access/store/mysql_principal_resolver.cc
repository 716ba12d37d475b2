#include "services/access/store/mysql_principal_resolver.h"

#include <cppconn/resultset.h>

#include <optional>

#include "common/db/sql.h"
#include "common/status.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::access {

absl::StatusOr<Principal> MySqlPrincipalResolver::Resolve(absl::string_view token_hash,
                                                          absl::Time now) {
  std::optional<Principal> found;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    auto rows = Query(connection,
                      "SELECT id, role, agency_id, institute_code, person_id FROM access_token"
                      " WHERE token_hash = ? AND revoked_at IS NULL"
                      " AND expires_at > FROM_UNIXTIME(?)",
                      {std::string(token_hash), absl::ToUnixSeconds(now)});
    if (!rows->next()) return absl::OkStatus();
    Principal p;
    p.token_id = rows->getInt64("id");
    p.role = static_cast<Role>(rows->getInt("role"));
    p.agency_id = rows->isNull("agency_id") ? 0 : rows->getInt64("agency_id");
    p.institute_code = GetStringOrEmpty(*rows, "institute_code");
    p.person_id = rows->isNull("person_id") ? 0 : rows->getInt64("person_id");
    if (p.agency_id != 0) {
      std::map<int64_t, personnel::AgencyKey> agency =
          personnel::AgenciesById(connection, {p.agency_id});
      if (auto it = agency.find(p.agency_id); it != agency.end()) {
        p.agency_code = it->second.code;
        p.agency_path = it->second.path;
      }
    }
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
