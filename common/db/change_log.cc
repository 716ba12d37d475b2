#include "common/db/change_log.h"

#include "common/db/sql.h"

namespace thaksa {

std::string SqlDateTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

void AppendChange(sql::Connection& connection, absl::Time at, absl::string_view kind,
                  absl::string_view entity_id, absl::string_view detail) {
  Execute(connection,
          "INSERT INTO change_log (occurred_at, kind, entity_id, detail) VALUES (?, ?, ?, ?)",
          {SqlDateTime(at), std::string(kind), std::string(entity_id), std::string(detail)});
}

}  // namespace thaksa
