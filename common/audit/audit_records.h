// Reading the audit trail back: for administrators (ListAuditEvents) and for a person's
// subject-access export.
#ifndef THAKSA_COMMON_AUDIT_AUDIT_RECORDS_H_
#define THAKSA_COMMON_AUDIT_AUDIT_RECORDS_H_

#include <cppconn/connection.h>

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace thaksa {

struct AuditEventRecord {
  int64_t id = 0;
  absl::Time occurred_at;
  int64_t token_id = 0;
  Role role = Role::kUnspecified;
  std::string method;
  std::string entity_type;
  std::string entity_id;
  std::string outcome;
  std::string request_id;
};

struct AuditQuery {
  absl::Time since = absl::InfinitePast();
  absl::Time until = absl::InfiniteFuture();
  int64_t token_id = 0;     // 0: any
  std::string entity_type;  // empty: any
  std::string entity_id;    // empty: any
  std::string method;       // empty: any
  int limit = 100;
  int64_t before_id = 0;    // keyset position, newest first: ids below this; 0: from the newest
};

// Events matching `query`, newest first, at most query.limit. May throw sql::SQLException.
std::vector<AuditEventRecord> QueryAuditEvents(sql::Connection& connection,
                                               const AuditQuery& query);

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUDIT_AUDIT_RECORDS_H_
