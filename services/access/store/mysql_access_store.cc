#include "services/access/store/mysql_access_store.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "services/access/store/token_queries.h"
#include "services/learning/catalogue/catalogue_sql.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::access {
namespace {

absl::StatusOr<TokenRecord> TokenById(sql::Connection& connection, int64_t id) {
  std::vector<TokenRecord> found = QueryTokens(connection, "t.id = ?", {id}, 1);
  if (found.empty()) return absl::NotFoundError(absl::StrCat("no token with id ", id));
  return found.front();
}

}  // namespace

absl::StatusOr<TokenRecord> MySqlAccessStore::CreateToken(const TokenRecord& token,
                                                         const std::string& token_hash,
                                                         const AuditCall& audit) {
  TokenRecord created;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) -> absl::Status {
    SqlValue agency_id = nullptr;
    if (!token.agency_code.empty()) {
      std::optional<personnel::AgencyKey> agency = personnel::FindAgency(connection, token.agency_code);
      if (!agency) return InvalidField("token.agency_code", "no agency has this code");
      agency_id = agency->id;
    }
    if (!token.institute_code.empty() &&
        !learning::InstituteExists(connection, token.institute_code)) {
      return InvalidField("token.institute_code", "no institute has this code");
    }
    if (token.person_id != 0 && !personnel::PersonExists(connection, token.person_id)) {
      return InvalidField("token.person_id", "no person has this id");
    }
    Execute(connection,
            "INSERT INTO access_token (token_hash, role, agency_id, institute_code, person_id,"
            " description, created_at, created_by_token_id, expires_at, session)"
            " VALUES (?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), ?, FROM_UNIXTIME(?), ?)",
            {token_hash, int64_t{static_cast<int>(token.role)}, agency_id,
             NullIfEmpty(token.institute_code), NullIfZero(token.person_id), token.description,
             absl::ToUnixSeconds(audit.at), NullIfZero(audit.token_id),
             absl::ToUnixSeconds(token.expires_at), token.session});
    const int64_t id = LastInsertId(connection);
    AppendAuditEvents(connection, audit, {{"token", absl::StrCat(id), "OK"}});
    ASSIGN_OR_RETURN(created, TokenById(connection, id));
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<std::vector<TokenRecord>> MySqlAccessStore::ListTokens(bool include_inactive,
                                                                      absl::Time now, int limit,
                                                                      int64_t before_id) {
  std::vector<TokenRecord> tokens;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    std::string condition = "TRUE";
    std::vector<SqlValue> params;
    if (!include_inactive) {
      condition = "t.revoked_at IS NULL AND t.expires_at > FROM_UNIXTIME(?)";
      params.push_back(absl::ToUnixSeconds(now));
    }
    if (before_id != 0) {
      absl::StrAppend(&condition, " AND t.id < ?");
      params.push_back(before_id);
    }
    tokens = QueryTokens(connection, condition, params, limit);
    return absl::OkStatus();
  }));
  return tokens;
}

absl::StatusOr<TokenRecord> MySqlAccessStore::GetToken(int64_t id) {
  TokenRecord token;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(token, TokenById(connection, id));
    return absl::OkStatus();
  }));
  return token;
}

absl::StatusOr<Revocation> MySqlAccessStore::RevokeToken(int64_t id, const AuditCall& audit) {
  Revocation revocation;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) -> absl::Status {
    RETURN_IF_ERROR(TokenById(connection, id).status());
    revocation.sessions_ended.clear();
    auto sessions = Query(connection,
                          "SELECT id FROM access_token WHERE created_by_token_id = ? AND session"
                          " AND revoked_at IS NULL FOR UPDATE",
                          {id});
    while (sessions->next()) revocation.sessions_ended.push_back(sessions->getInt64("id"));
    Execute(connection,
            "UPDATE access_token SET revoked_at = FROM_UNIXTIME(?)"
            " WHERE (id = ? OR (created_by_token_id = ? AND session)) AND revoked_at IS NULL",
            {absl::ToUnixSeconds(audit.at), id, id});
    AppendAuditEvents(connection, audit, {{"token", absl::StrCat(id), "OK"}});
    ASSIGN_OR_RETURN(revocation.token, TokenById(connection, id));
    return absl::OkStatus();
  }));
  return revocation;
}

absl::StatusOr<std::vector<AuditEventRecord>> MySqlAccessStore::ListAuditEvents(
    const AuditQuery& query) {
  std::vector<AuditEventRecord> events;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    events = QueryAuditEvents(connection, query);
    return absl::OkStatus();
  }));
  return events;
}

}  // namespace thaksa::access
