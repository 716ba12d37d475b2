#include "services/learning/store/mysql_goal_activity_reads.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {
namespace {

constexpr int64_t kCountedCompletion = 1;  // completion.state

// The application state the joined work_application columns `recorded` and `confirmed` give.
ApplicationState ApplicationOf(sql::ResultSet& row) {
  if (row.getBoolean("confirmed")) return ApplicationState::kConfirmed;
  return row.getBoolean("recorded") ? ApplicationState::kRecorded : ApplicationState::kNone;
}

// The joined application (`a`) as it stood at an instant: both placeholders, the first two of
// the query, are bound to it (Unix seconds).
constexpr char kApplicationColumns[] =
    "a.recorded_at IS NOT NULL AND a.recorded_at < FROM_UNIXTIME(?) AS recorded,"
    " a.confirmed_at IS NOT NULL AND a.confirmed_at < FROM_UNIXTIME(?) AS confirmed";

}  // namespace

absl::StatusOr<std::vector<GoalActivity>> MySqlGoalActivityReads::ActivitiesOf(
    int64_t person_id, int fiscal_year, absl::CivilDay day) {
  // By the end of `day` in Thailand: before midnight there after it.
  const int64_t end_of_day = absl::ToUnixSeconds(absl::FromCivil(day + 1, ThailandTimeZone()));
  std::vector<GoalActivity> activities;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    activities.clear();
    auto items = Query(c,
                       absl::StrCat("SELECT i.id, i.definition, i.status, ", kApplicationColumns,
                                    " FROM plan p JOIN plan_item i ON i.plan_id = p.id"
                                    " LEFT JOIN work_application a ON a.plan_item_id = i.id"
                                    " WHERE p.person_id = ? AND p.status NOT IN (?, ?)"
                                    " AND (p.fiscal_year = ? OR (p.fiscal_year < ? AND i.status = ?))"
                                    " ORDER BY i.id"),
                       {end_of_day, end_of_day, person_id, int64_t{v1::PLAN_STATUS_SUPERSEDED},
                        int64_t{v1::PLAN_STATUS_CANCELLED}, int64_t{fiscal_year},
                        int64_t{fiscal_year}, int64_t{v1::ITEM_STATUS_DONE}});
    while (items->next()) {
      v1::PlanItem item;
      RETURN_IF_ERROR(FromStoredJson(items->getString("definition"),
                                     absl::StrCat("plan item ", items->getInt64("id")), &item));
      if (item.behaviour_codes().empty() && item.unit_codes().empty()) continue;
      GoalActivity activity;
      activity.kind = GoalActivity::Kind::kPlanItem;
      activity.id = items->getInt64("id");
      activity.title = item.title();
      activity.behaviour_codes.assign(item.behaviour_codes().begin(), item.behaviour_codes().end());
      activity.unit_codes.assign(item.unit_codes().begin(), item.unit_codes().end());
      activity.done = items->getInt("status") == v1::ITEM_STATUS_DONE;
      activity.application = ApplicationOf(*items);
      activities.push_back(std::move(activity));
    }
    auto completions = Query(
        c,
        absl::StrCat("SELECT c.id, c.course_code, co.definition, ", kApplicationColumns,
                     " FROM completion c JOIN course co"
                     " ON co.institute_code = c.institute_code AND co.code = c.course_code"
                     " LEFT JOIN work_application a ON a.completion_id = c.id"
                     " WHERE c.person_id = ? AND c.state = ? AND c.finished_at < FROM_UNIXTIME(?)"
                     " ORDER BY c.id"),
        {end_of_day, end_of_day, person_id, kCountedCompletion, end_of_day});
    while (completions->next()) {
      v1::Course course;
      RETURN_IF_ERROR(FromStoredJson(
          completions->getString("definition"),
          absl::StrCat("course ", std::string(completions->getString("course_code"))), &course));
      if (course.unit_codes().empty()) continue;
      GoalActivity activity;
      activity.kind = GoalActivity::Kind::kCompletion;
      activity.id = completions->getInt64("id");
      activity.title = course.title().th().empty()
                           ? std::string(completions->getString("course_code"))
                           : course.title().th();
      activity.unit_codes.assign(course.unit_codes().begin(), course.unit_codes().end());
      activity.done = true;
      activity.application = ApplicationOf(*completions);
      activities.push_back(std::move(activity));
    }
    return absl::OkStatus();
  }));
  return activities;
}

}  // namespace thaksa::learning
