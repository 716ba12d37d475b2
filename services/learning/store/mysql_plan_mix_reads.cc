#include "services/learning/store/mysql_plan_mix_reads.h"

#include <cppconn/resultset.h>

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/learning/learning_convert.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::learning {

absl::StatusOr<std::vector<PlanMixInputs>> MySqlPlanMixReads::CurrentPlans(
    const std::string& agency_path, int fiscal_year, absl::CivilDay day) {
  std::vector<PlanMixInputs> plans;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    plans.clear();
    personnel::SqlFragment assigned = personnel::PeopleAssignedUnder(agency_path, day);
    std::vector<SqlValue> params = std::move(assigned.params);
    params.insert(params.end(), {int64_t{fiscal_year}, int64_t{v1::PLAN_STATUS_SUPERSEDED}});
    auto rows = Query(c,
                      absl::StrCat("SELECT id, person_id, status FROM plan WHERE person_id IN (",
                                   assigned.sql, ") AND fiscal_year = ? AND status <> ?"
                                   " ORDER BY id"),
                      params);
    while (rows->next()) {
      plans.push_back({rows->getInt64("id"), rows->getInt64("person_id"),
                       static_cast<v1::PlanStatus>(rows->getInt("status")), {}});
    }
    // The items of every plan, a chunk of plans per query.
    constexpr size_t kPlansPerQuery = 1000;
    absl::flat_hash_map<int64_t, size_t> index_of;  // plan id -> index in plans
    for (size_t i = 0; i < plans.size(); ++i) index_of[plans[i].plan_id] = i;
    for (size_t start = 0; start < plans.size(); start += kPlansPerQuery) {
      const size_t end = std::min(plans.size(), start + kPlansPerQuery);
      std::vector<SqlValue> ids;
      for (size_t i = start; i < end; ++i) ids.push_back(plans[i].plan_id);
      auto items = Query(c,
                         absl::StrCat("SELECT plan_id, definition, achieved_hours FROM plan_item"
                                      " WHERE plan_id IN (", PlaceholderList(ids.size()), ")"
                                      " ORDER BY plan_id, id"),
                         ids);
      while (items->next()) {
        v1::PlanItem item;
        RETURN_IF_ERROR(FromJson(items->getString("definition"), &item));
        item.set_achieved_hours(items->getDouble("achieved_hours"));
        plans[index_of.at(items->getInt64("plan_id"))].items.push_back(
            HoursOf(FromProto(item)));
      }
    }
    return absl::OkStatus();
  }));
  return plans;
}

absl::StatusOr<ActivityCounts> MySqlPlanMixReads::CompletedActivities(
    const std::string& agency_path, int fiscal_year, absl::CivilDay day) {
  // The year's bounds as instants: midnight in Thailand on its first day and after its last.
  const absl::TimeZone thailand = ThailandTimeZone();
  const absl::Time from = absl::FromCivil(FiscalYearStart(fiscal_year), thailand);
  const absl::Time to = absl::FromCivil(FiscalYearEnd(fiscal_year) + 1, thailand);
  ActivityCounts counts;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    counts = {};
    const personnel::SqlFragment assigned = personnel::PeopleAssignedUnder(agency_path, day);
    const auto add = [&](const std::string& select, std::vector<SqlValue> params) {
      params.insert(params.begin(), assigned.params.begin(), assigned.params.end());
      auto row = Query(c, select, params);
      if (!row->next()) return;
      counts.completed += row->getInt64("completed");
      counts.applied += row->getInt64("applied");
    };
    add(absl::StrCat("SELECT COUNT(*) AS completed, COUNT(a.confirmed_at) AS applied"
                     " FROM completion c LEFT JOIN work_application a ON a.completion_id = c.id"
                     " WHERE c.person_id IN (", assigned.sql, ") AND c.state = 1"
                     " AND c.finished_at >= FROM_UNIXTIME(?) AND c.finished_at < FROM_UNIXTIME(?)"),
        {absl::ToUnixSeconds(from), absl::ToUnixSeconds(to)});
    add(absl::StrCat("SELECT COUNT(*) AS completed, COUNT(a.confirmed_at) AS applied"
                     " FROM plan p JOIN plan_item i ON i.plan_id = p.id"
                     " LEFT JOIN work_application a ON a.plan_item_id = i.id"
                     " WHERE p.person_id IN (", assigned.sql, ") AND p.fiscal_year = ?"
                     " AND p.status <> ? AND i.mode IN (?, ?) AND i.status = ?"),
        {int64_t{fiscal_year}, int64_t{v1::PLAN_STATUS_SUPERSEDED},
         int64_t{v1::LEARNING_MODE_EXPERIENTIAL}, int64_t{v1::LEARNING_MODE_SOCIAL},
         int64_t{v1::ITEM_STATUS_DONE}});
    return absl::OkStatus();
  }));
  return counts;
}

}  // namespace thaksa::learning
