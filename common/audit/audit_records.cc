#include "common/audit/audit_records.h"

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"

namespace thaksa {

std::vector<AuditEventRecord> QueryAuditEvents(sql::Connection& connection,
                                               const AuditQuery& query) {
  std::string where = "TRUE";
  std::vector<SqlValue> params;
  auto add = [&](absl::string_view condition, SqlValue value) {
    absl::StrAppend(&where, " AND ", condition);
    params.push_back(std::move(value));
  };
  if (query.since != absl::InfinitePast()) {
    add("occurred_at >= FROM_UNIXTIME(?)", absl::ToUnixSeconds(query.since));
  }
  if (query.until != absl::InfiniteFuture()) {
    add("occurred_at < FROM_UNIXTIME(?)", absl::ToUnixSeconds(query.until));
  }
  if (query.token_id != 0) add("principal_token_id = ?", query.token_id);
  if (!query.entity_type.empty()) add("entity_type = ?", query.entity_type);
  if (!query.entity_id.empty()) add("entity_id = ?", query.entity_id);
  if (!query.method.empty()) add("method = ?", query.method);
  if (query.before_id != 0) add("id < ?", query.before_id);
  params.push_back(int64_t{query.limit});
  auto rows = Query(connection,
                    absl::StrCat("SELECT id, CAST(UNIX_TIMESTAMP(occurred_at) * 1000000 AS SIGNED) AS at_micros,"
                                 " principal_token_id, principal_role, method, entity_type,"
                                 " entity_id, outcome, request_id FROM audit_event WHERE ",
                                 where, " ORDER BY id DESC LIMIT ?"),
                    params);
  std::vector<AuditEventRecord> events;
  while (rows->next()) {
    AuditEventRecord e;
    e.id = rows->getInt64("id");
    e.occurred_at = absl::FromUnixMicros(rows->getInt64("at_micros"));
    e.token_id = rows->isNull("principal_token_id") ? 0 : rows->getInt64("principal_token_id");
    e.role = static_cast<Role>(rows->getInt("principal_role"));
    e.method = rows->getString("method");
    e.entity_type = rows->getString("entity_type");
    e.entity_id = rows->getString("entity_id");
    e.outcome = rows->getString("outcome");
    e.request_id = rows->getString("request_id");
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace thaksa
