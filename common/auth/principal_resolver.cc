#include "common/auth/principal_resolver.h"

#include "common/db/sql.h"
#include "common/status.h"

namespace thaksa {

absl::StatusOr<Principal> MySqlPrincipalResolver::Resolve(absl::string_view token_hash,
                                                          absl::Time now) {
  std::optional<Principal> found;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    auto rows = Query(connection,
                      "SELECT t.id, t.role, t.agency_id, a.code, a.path, t.institute_code,"
                      " t.person_id FROM access_token t LEFT JOIN agency a ON a.id = t.agency_id"
                      " WHERE t.token_hash = ? AND t.revoked_at IS NULL"
                      " AND t.expires_at > FROM_UNIXTIME(?)",
                      {std::string(token_hash), absl::ToUnixSeconds(now)});
    if (!rows->next()) return absl::OkStatus();
    Principal p;
    p.token_id = rows->getInt64("id");
    p.role = static_cast<Role>(rows->getInt("role"));
    p.agency_id = rows->isNull("agency_id") ? 0 : rows->getInt64("agency_id");
    p.agency_code = GetStringOrEmpty(*rows, "code");
    p.agency_path = GetStringOrEmpty(*rows, "path");
    p.institute_code = GetStringOrEmpty(*rows, "institute_code");
    p.person_id = rows->isNull("person_id") ? 0 : rows->getInt64("person_id");
    found = std::move(p);
    return absl::OkStatus();
  }));
  if (!found.has_value()) {
    return absl::UnauthenticatedError("the token is unknown, expired or revoked");
  }
  return *found;
}

}  // namespace thaksa
