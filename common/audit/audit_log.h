// The audit trail: one append-only row per write, failed attempt, or read of personal data.
// Successful writes are appended by the store in the transaction of the change
// (AppendAuditEvents); failures and reads through AuditLog.
#ifndef THAKSA_COMMON_AUDIT_AUDIT_LOG_H_
#define THAKSA_COMMON_AUDIT_AUDIT_LOG_H_

#include <cppconn/connection.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/db/connection_pool.h"
#include "common/db/prepared_statements.h"

namespace thaksa {

// The call an audit event belongs to.
struct AuditCall {
  int64_t token_id = 0;
  Role role = Role::kUnspecified;
  std::string method;
  std::string request_id;
  absl::Time at;
};

// What the call did to one entity.
struct AuditEntry {
  std::string entity_type;  // "agency", "person", "token", ...
  std::string entity_id;
  std::string outcome = "OK";  // a gRPC status code name
};

// An entity id as the audit trail keeps it: whatever the caller named (Thai, emoji, invalid
// bytes), cut to the column's 64 characters rather than refused, so every attempt is audited.
// Searches of the trail cut the id they look for the same way.
std::string AuditEntityId(absl::string_view entity_id);

// Appends events on the connection of `statements`, inside whatever transaction it is in, with
// multi-row statements. May throw sql::SQLException (inside ConnectionPool work).
void AppendAuditEvents(PreparedStatements& statements, const AuditCall& call,
                       const std::vector<AuditEntry>& entries);
// The same on a connection that keeps no statements.
void AppendAuditEvents(sql::Connection& connection, const AuditCall& call,
                       const std::vector<AuditEntry>& entries);

// Appends events in their own transaction.
class AuditLog final {
 public:
  explicit AuditLog(ConnectionPool& pool) : pool_(pool) {}
  absl::Status Append(const AuditCall& call, const std::vector<AuditEntry>& entries);

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUDIT_AUDIT_LOG_H_
