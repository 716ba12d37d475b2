#include "common/db/change_log.h"

#include "common/db/sql.h"

namespace thaksa {

std::string SqlDateTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

void AppendChanges(PreparedStatements& statements, absl::Time at,
                   const std::vector<Change>& changes) {
  const std::string occurred_at = SqlDateTime(at);
  std::vector<std::vector<SqlValue>> rows;
  rows.reserve(changes.size());
  for (const Change& change : changes) {
    rows.push_back({occurred_at, change.kind, change.entity_id, change.detail});
  }
  statements.ExecuteRows("INSERT INTO change_log (occurred_at, kind, entity_id, detail) VALUES ", 4,
                         rows);
}

void AppendChanges(sql::Connection& connection, absl::Time at, const std::vector<Change>& changes) {
  PreparedStatements once(connection);
  AppendChanges(once, at, changes);
}

void AppendChange(sql::Connection& connection, absl::Time at, absl::string_view kind,
                  absl::string_view entity_id, absl::string_view detail) {
  AppendChanges(connection, at, {{std::string(kind), std::string(entity_id), std::string(detail)}});
}

}  // namespace thaksa
