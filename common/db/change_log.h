// The change log (outbox): one row per change that read models must follow, written in the
// transaction of the change, consumed in id order.
#ifndef THAKSA_COMMON_DB_CHANGE_LOG_H_
#define THAKSA_COMMON_DB_CHANGE_LOG_H_

#include <cppconn/connection.h>

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/prepared_statements.h"

namespace thaksa {

// A change of `kind` ("standing", "person", "agency", "framework", "plan") to `entity_id`.
struct Change {
  std::string kind;
  std::string entity_id;
  std::string detail;
};

// Appends `changes`, in order, with multi-row statements. May throw sql::SQLException (inside
// ConnectionPool work), as may the others.
void AppendChanges(PreparedStatements& statements, absl::Time at,
                   const std::vector<Change>& changes);
// The same on a connection that keeps no statements.
void AppendChanges(sql::Connection& connection, absl::Time at, const std::vector<Change>& changes);

// Appends one change.
void AppendChange(sql::Connection& connection, absl::Time at, absl::string_view kind,
                  absl::string_view entity_id, absl::string_view detail = "");

// `t` as a MySQL DATETIME(6) literal in UTC (sessions run with time_zone '+00:00').
std::string SqlDateTime(absl::Time t);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_CHANGE_LOG_H_
