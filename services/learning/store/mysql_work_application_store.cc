#include "services/learning/store/mysql_work_application_store.h"

#include <cppconn/resultset.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "common/thai_calendar.h"

namespace thaksa::learning {
namespace {

constexpr int kCountedCompletion = 1;
constexpr int kSupersededPlan = 7;

constexpr char kColumns[] =
    "SELECT id, person_id, completion_id, plan_item_id, description, evidence, applied_on,"
    " UNIX_TIMESTAMP(confirmed_at) AS confirmed_at, version FROM work_application";

WorkApplication ReadApplication(sql::ResultSet& row) {
  WorkApplication a;
  a.id = row.getInt64("id");
  a.person_id = row.getInt64("person_id");
  a.completion_id = row.isNull("completion_id") ? 0 : row.getInt64("completion_id");
  a.plan_item_id = row.isNull("plan_item_id") ? 0 : row.getInt64("plan_item_id");
  a.description = row.getString("description");
  a.evidence = row.getString("evidence");
  a.applied_on = ReadDate(row, "applied_on");
  a.confirmed = !row.isNull("confirmed_at");
  a.confirmed_at_unix = a.confirmed ? row.getInt64("confirmed_at") : 0;
  a.version = row.getInt64("version");
  return a;
}

// The application of the activity `of` names, if any (`suffix`: e.g. " FOR UPDATE").
std::optional<WorkApplication> ApplicationOfActivity(sql::Connection& c,
                                                     const WorkApplication& of,
                                                     const std::string& suffix) {
  const bool completion = of.completion_id != 0;
  auto rows = Query(c,
                    absl::StrCat(kColumns, completion ? " WHERE completion_id = ?"
                                                      : " WHERE plan_item_id = ?",
                                 suffix),
                    {completion ? of.completion_id : of.plan_item_id});
  if (!rows->next()) return std::nullopt;
  return ReadApplication(*rows);
}

absl::StatusOr<WorkApplication> ApplicationById(sql::Connection& c, int64_t id,
                                                const std::string& suffix) {
  auto rows = Query(c, absl::StrCat(kColumns, " WHERE id = ?", suffix), {id});
  if (!rows->next()) {
    return FieldStatus(absl::StatusCode::kNotFound, "application_id",
                       "no application has this id");
  }
  return ReadApplication(*rows);
}

// The activity `application` names, read under `suffix` (e.g. " LOCK IN SHARE MODE").
absl::StatusOr<ApplicationActivity> ReadActivity(sql::Connection& c,
                                                 const WorkApplication& application,
                                                 const std::string& suffix) {
  ApplicationActivity activity;
  if (application.completion_id != 0) {
    auto row = Query(c,
                     absl::StrCat("SELECT person_id, state, UNIX_TIMESTAMP(finished_at) AS finished"
                                  " FROM completion WHERE id = ?",
                                  suffix),
                     {application.completion_id});
    if (!row->next()) {
      return InvalidField("application.completion_id", "no completion has this id");
    }
    activity.person_id = row->getInt64("person_id");
    activity.counted = row->getInt("state") == kCountedCompletion;
    activity.finished_on = ThaiDate(absl::FromUnixSeconds(row->getInt64("finished")));
    return activity;
  }
  auto row = Query(c,
                   absl::StrCat("SELECT p.person_id, p.status AS plan_status, i.mode, i.status"
                                " FROM plan_item i JOIN plan p ON p.id = i.plan_id WHERE i.id = ?",
                                suffix),
                   {application.plan_item_id});
  if (!row->next()) return InvalidField("application.plan_item_id", "no plan item has this id");
  activity.person_id = row->getInt64("person_id");
  activity.mode = static_cast<Mode>(row->getInt("mode"));
  activity.status = static_cast<ItemStatus>(row->getInt("status"));
  activity.current_plan = row->getInt("plan_status") != kSupersededPlan;
  return activity;
}

void Audit(sql::Connection& c, const AuditCall& audit, int64_t id) {
  AppendAuditEvents(c, audit, {{"work_application", absl::StrCat(id), "OK"}});
}

}  // namespace

absl::StatusOr<ApplicationActivity> MySqlWorkApplicationStore::ActivityOf(
    const WorkApplication& application) {
  ApplicationActivity activity;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(activity, ReadActivity(c, application, ""));
    return absl::OkStatus();
  }));
  return activity;
}

absl::StatusOr<WorkApplication> MySqlWorkApplicationStore::Record(const WorkApplication& given,
                                                                  const AuditCall& audit) {
  WorkApplication stored;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(const ApplicationActivity activity,
                     ReadActivity(c, given, " LOCK IN SHARE MODE"));
    RETURN_IF_ERROR(CheckActivityDone(given, activity));
    const std::optional<WorkApplication> existing =
        ApplicationOfActivity(c, given, " FOR UPDATE");
    ASSIGN_OR_RETURN(const ApplicationChange change, DecideApplication(existing, given));
    int64_t id = existing.has_value() ? existing->id : 0;
    if (change == ApplicationChange::kCreate) {
      Execute(c,
              "INSERT INTO work_application (person_id, completion_id, plan_item_id, description,"
              " evidence, applied_on, recorded_by_token_id, recorded_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {activity.person_id, NullIfZero(given.completion_id),
               NullIfZero(given.plan_item_id), given.description, given.evidence,
               FormatIsoDate(given.applied_on), NullIfZero(audit.token_id),
               SqlDateTime(audit.at)});
      id = LastInsertId(c);
      Audit(c, audit, id);
    } else if (change == ApplicationChange::kReplace) {
      Execute(c,
              "UPDATE work_application SET description = ?, evidence = ?, applied_on = ?,"
              " recorded_by_token_id = ?, recorded_at = ?, version = version + 1 WHERE id = ?",
              {given.description, given.evidence, FormatIsoDate(given.applied_on),
               NullIfZero(audit.token_id), SqlDateTime(audit.at), id});
      Audit(c, audit, id);
    }
    ASSIGN_OR_RETURN(stored, ApplicationById(c, id, ""));
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<WorkApplication> MySqlWorkApplicationStore::Get(int64_t id) {
  WorkApplication application;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(application, ApplicationById(c, id, ""));
    return absl::OkStatus();
  }));
  return application;
}

absl::StatusOr<WorkApplication> MySqlWorkApplicationStore::Confirm(int64_t id,
                                                                   int64_t expected_version,
                                                                   const AuditCall& audit) {
  WorkApplication application;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(application, ApplicationById(c, id, " FOR UPDATE"));
    if (application.confirmed) return absl::OkStatus();
    if (application.version != expected_version) {
      return absl::AbortedError(absl::StrCat("the application changed since it was read: it is at ",
                                             "version ", application.version, " now"));
    }
    Execute(c,
            "UPDATE work_application SET confirmed_at = ?, confirmed_by_token_id = ?,"
            " version = version + 1 WHERE id = ?",
            {SqlDateTime(audit.at), NullIfZero(audit.token_id), id});
    Audit(c, audit, id);
    ASSIGN_OR_RETURN(application, ApplicationById(c, id, ""));
    return absl::OkStatus();
  }));
  return application;
}

absl::StatusOr<std::vector<WorkApplication>> MySqlWorkApplicationStore::OfPerson(
    int64_t person_id) {
  std::vector<WorkApplication> applications;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    applications.clear();
    auto rows = Query(c,
                      absl::StrCat(kColumns,
                                   " WHERE person_id = ? ORDER BY applied_on DESC, id DESC"),
                      {person_id});
    while (rows->next()) applications.push_back(ReadApplication(*rows));
    return absl::OkStatus();
  }));
  return applications;
}

}  // namespace thaksa::learning
