#include "common/audit/audit_log.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/field_checks.h"

namespace thaksa {
namespace {

constexpr size_t kRowsPerStatement = 500;

}  // namespace

std::string AuditEntityId(absl::string_view entity_id) { return Utf8Prefix(entity_id, 64); }

void AppendAuditEvents(sql::Connection& connection, const AuditCall& call,
                       const std::vector<AuditEntry>& entries) {
  const std::string at = SqlDateTime(call.at);
  std::string request_id = call.request_id.substr(0, 64);
  for (char& c : request_id) {
    if (!absl::ascii_isprint(static_cast<unsigned char>(c))) c = '?';
  }
  for (size_t start = 0; start < entries.size(); start += kRowsPerStatement) {
    const size_t end = std::min(entries.size(), start + kRowsPerStatement);
    std::vector<SqlValue> params;
    params.reserve((end - start) * 8);
    for (size_t i = start; i < end; ++i) {
      params.insert(params.end(), {at, NullIfZero(call.token_id),
                                   int64_t{static_cast<int>(call.role)}, call.method,
                                   entries[i].entity_type, AuditEntityId(entries[i].entity_id),
                                   entries[i].outcome, request_id});
    }
    Execute(connection,
            absl::StrCat("INSERT INTO audit_event (occurred_at, principal_token_id, "
                         "principal_role, method, entity_type, entity_id, outcome, request_id) "
                         "VALUES ", PlaceholderRows(end - start, 8)),
            params);
  }
}

absl::Status AuditLog::Append(const AuditCall& call, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return absl::OkStatus();
  return pool_.Transaction([&](sql::Connection& connection) {
    AppendAuditEvents(connection, call, entries);
    return absl::OkStatus();
  });
}

}  // namespace thaksa
