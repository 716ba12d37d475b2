#include "common/audit/audit_log.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/field_checks.h"

namespace thaksa {

std::string AuditEntityId(absl::string_view entity_id) { return Utf8Prefix(entity_id, 64); }

void AppendAuditEvents(PreparedStatements& statements, const AuditCall& call,
                       const std::vector<AuditEntry>& entries) {
  const std::string at = SqlDateTime(call.at);
  std::string request_id = call.request_id.substr(0, 64);
  for (char& c : request_id) {
    if (!absl::ascii_isprint(static_cast<unsigned char>(c))) c = '?';
  }
  std::vector<std::vector<SqlValue>> rows;
  rows.reserve(entries.size());
  for (const AuditEntry& entry : entries) {
    rows.push_back({at, NullIfZero(call.token_id), int64_t{static_cast<int>(call.role)},
                    call.method, entry.entity_type, AuditEntityId(entry.entity_id), entry.outcome,
                    request_id});
  }
  statements.ExecuteRows(
      "INSERT INTO audit_event (occurred_at, principal_token_id, principal_role, method,"
      " entity_type, entity_id, outcome, request_id) VALUES ",
      8, rows);
}

void AppendAuditEvents(sql::Connection& connection, const AuditCall& call,
                       const std::vector<AuditEntry>& entries) {
  PreparedStatements once(connection);
  AppendAuditEvents(once, call, entries);
}

absl::Status AuditLog::Append(const AuditCall& call, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return absl::OkStatus();
  return pool_.Transaction([&](sql::Connection& connection) {
    AppendAuditEvents(connection, call, entries);
    return absl::OkStatus();
  });
}

}  // namespace thaksa
