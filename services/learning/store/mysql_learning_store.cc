#include "services/learning/store/mysql_learning_store.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/auth/tokens.h"
#include "common/db/change_log.h"
#include "common/db/lease.h"
#include "common/db/sql.h"
#include "common/field_checks.h"
#include "common/proto_dates.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/learning/catalogue/catalogue_sql.h"
#include "services/learning/domain/learning_rules.h"
#include "services/learning/domain/plan_import.h"
#include "services/learning/learning_convert.h"
#include "services/learning/store/plan_rows.h"
#include "services/personnel/directory/directory_sql.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;

enum State { kCounted = 1, kHeld = 2, kRejectedByReviewer = 4 };

// learning_outbox.kind of an assessment to record at the assessment service.
constexpr char kAssessmentKind[] = "assessment";

// A completion that counts from now on, with its course.
struct NewlyCounted {
  const pb::CompletionRecord* record;
  const pb::Course* course;
};

// The most characters AssessmentRecord.external_id may have (assessment.proto's limits table).
constexpr size_t kAssessmentExternalIdLimit = 128;

// The external id of the assessment a completion with `record_id` makes for `skill_set`:
// "completion:<record id>:<skill set>", or, where that would not fit the limit (record ids may
// be 128 characters), "completion:#<the first 32 hex digits of the record id's SHA-256>:<skill
// set>" — the same for every replay.
std::string AssessmentExternalId(const std::string& record_id, const std::string& skill_set) {
  std::string id = absl::StrCat("completion:", record_id, ":", skill_set);
  if (Utf8Prefix(id, kAssessmentExternalIdLimit).size() == id.size()) return id;
  return absl::StrCat("completion:#", Sha256Hex(record_id).substr(0, 32), ":", skill_set);
}

// The assessments a counted completion of `institute` makes: for a passed one with an assessed
// level, one per skill set of its course, at that level capped by the institute's trust
// (`max_level`), an institute exam or (with a certificate) a certification; none otherwise.
std::vector<apb::AssessmentRecord> AssessedLevels(const pb::CompletionRecord& record,
                                                  const pb::Course& course,
                                                  const std::string& institute, int max_level) {
  std::vector<apb::AssessmentRecord> assessments;
  const int level = std::min(record.assessed_level(), max_level);
  if (!record.passed() || level <= 0) return assessments;
  for (const std::string& skill_set : course.skill_set_codes()) {
    apb::AssessmentRecord& a = assessments.emplace_back();
    a.set_person_id(record.person_id());
    a.set_framework_code(course.framework_code());
    a.set_skill_set_code(skill_set);
    a.set_level(level);
    a.set_source(record.certificate_id().empty() ? apb::ASSESSMENT_SOURCE_INSTITUTE_EXAM
                                                 : apb::ASSESSMENT_SOURCE_CERTIFICATION);
    a.set_instrument(absl::StrCat(institute, " ", course.code()));
    DayToProto(ThaiDate(absl::FromUnixSeconds(record.finished_at_unix())),
               a.mutable_assessed_on());
    if (!record.certificate_id().empty()) {
      apb::Evidence* evidence = a.add_evidence();
      evidence->set_kind("certificate");
      evidence->set_value(record.certificate_id());
    }
    a.set_external_id(AssessmentExternalId(record.record_id(), skill_set));
  }
  return assessments;
}

// Queues in the outbox, in the transaction that makes `counted` completions of `institute`
// count, the assessments they make (AssessedLevels, capped by the institute's level as it is
// now), attributed to the token that recorded the completions (`recorded_by`, 0 if not known).
// A row already queued for the same institute and external id stays as it is, so a replay
// queues nothing.
void QueueAssessedLevels(sql::Connection& c, const std::string& institute,
                         const std::vector<NewlyCounted>& counted, int64_t recorded_by,
                         absl::Time at) {
  if (std::none_of(counted.begin(), counted.end(), [](const NewlyCounted& k) {
        return k.record->passed() && k.record->assessed_level() > 0;
      })) {
    return;
  }
  const int max_level = InstituteMaxAssessedLevel(c, institute).value_or(0);
  std::vector<std::vector<SqlValue>> rows;
  for (const NewlyCounted& k : counted) {
    for (const apb::AssessmentRecord& a :
         AssessedLevels(*k.record, *k.course, institute, max_level)) {
      rows.push_back({std::string(kAssessmentKind), institute, a.external_id(), ToJson(a),
                      SqlDateTime(at), SqlDateTime(at), NullIfZero(recorded_by)});
    }
  }
  ExecuteRows(c,
              "INSERT INTO learning_outbox (kind, institute_code, external_id, payload,"
              " created_at, next_attempt_at, on_behalf_of_token_id) VALUES ",
              7, rows, " ON DUPLICATE KEY UPDATE id = id");
}

absl::StatusOr<Plan> LoadPlan(sql::Connection& c, int64_t plan_id, bool for_update) {
  auto rows = Query(c,
                    absl::StrCat("SELECT id, person_id, fiscal_year, revision, status, waiver_reason,"
                                 " approved_by_token_id, version FROM plan WHERE id = ?",
                                 for_update ? " FOR UPDATE" : ""),
                    {plan_id});
  if (!rows->next()) return absl::NotFoundError(absl::StrCat("no plan ", plan_id));
  Plan plan;
  plan.id = rows->getInt64("id");
  plan.person_id = rows->getInt64("person_id");
  plan.fiscal_year = rows->getInt("fiscal_year");
  plan.revision = rows->getInt("revision");
  plan.status = static_cast<PlanStatus>(rows->getInt("status"));
  plan.waiver_reason = rows->getString("waiver_reason");
  plan.approved_by_token_id =
      rows->isNull("approved_by_token_id") ? 0 : rows->getInt64("approved_by_token_id");
  plan.version = rows->getInt64("version");
  auto items = Query(c,
                     "SELECT id, definition, achieved_hours, status FROM plan_item"
                     " WHERE plan_id = ? ORDER BY id",
                     {plan_id});
  while (items->next()) {
    pb::PlanItem definition;
    (void)FromJson(items->getString("definition"), &definition);
    PlanItem& item = plan.items.emplace_back(FromProto(definition));
    item.id = items->getInt64("id");
    item.achieved_hours = items->getDouble("achieved_hours");
    item.status = static_cast<ItemStatus>(items->getInt("status"));
  }
  return plan;
}

// Loads a DRAFT plan for change, checking its version.
absl::StatusOr<Plan> DraftForChange(sql::Connection& c, int64_t plan_id,
                                    int64_t expected_version) {
  ASSIGN_OR_RETURN(Plan plan, LoadPlan(c, plan_id, true));
  if (plan.status != PlanStatus::kDraft) return NotADraft(plan.status);
  if (plan.version != expected_version) {
    return absl::AbortedError(absl::StrCat("the plan is at version ", plan.version,
                                           "; read it again and retry"));
  }
  return plan;
}

// Inserts `items` into plan `plan_id` (see PlanItemRow).
void InsertItems(sql::Connection& c, int64_t plan_id, const std::vector<PlanItem>& items) {
  std::vector<std::vector<SqlValue>> rows;
  rows.reserve(items.size());
  for (const PlanItem& item : items) rows.push_back(PlanItemRow(plan_id, item));
  InsertRows(c, kInsertPlanItems, kPlanItemColumns, rows);
}

// Whether the item of the plan carries an application at work.
bool CarriesApplication(sql::Connection& c, int64_t plan_id, int64_t item_id) {
  return Query(c,
               "SELECT 1 FROM work_application a JOIN plan_item i ON i.id = a.plan_item_id"
               " WHERE i.id = ? AND i.plan_id = ?",
               {item_id, plan_id})
      ->next();
}

// Moves the applications at work of items to their copies (`copy_of`: item id -> its copy's),
// each with its version moved on and an audit event.
void MoveApplications(sql::Connection& c, const std::map<int64_t, int64_t>& copy_of,
                      const AuditCall& audit) {
  std::vector<SqlValue> ids;
  for (const auto& [old_id, new_id] : copy_of) ids.push_back(old_id);
  std::vector<std::pair<int64_t, int64_t>> applied;  // application id, item id
  QueryIn(c, "SELECT id, plan_item_id FROM work_application WHERE plan_item_id", ids, "",
          [&](sql::ResultSet& row) {
            applied.emplace_back(row.getInt64("id"), row.getInt64("plan_item_id"));
          });
  std::vector<AuditEntry> moved;
  for (const auto& [application_id, item_id] : applied) {
    Execute(c, "UPDATE work_application SET plan_item_id = ?, version = version + 1 WHERE id = ?",
            {copy_of.at(item_id), application_id});
    moved.push_back({"work_application", absl::StrCat(application_id), "OK"});
  }
  if (!moved.empty()) AppendAuditEvents(c, audit, moved);
}

// The revision's copies of `from`'s items (`to`, the same items in the same order), by item id.
std::map<int64_t, int64_t> CopiesOf(const std::vector<PlanItem>& from,
                                    const std::vector<PlanItem>& to) {
  std::map<int64_t, int64_t> copy_of;
  for (size_t i = 0; i < from.size() && i < to.size(); ++i) copy_of[from[i].id] = to[i].id;
  return copy_of;
}

void Touch(sql::Connection& c, int64_t plan_id) {
  Execute(c, "UPDATE plan SET version = version + 1 WHERE id = ?", {plan_id});
}

// Marks the FORMAL items of each counted completion's course done in its person's approved or
// active plan of the completion's fiscal year, adding the hours. One query finds the people with
// such items; only their completions are applied.
void CountTowardsPlans(sql::Connection& c, const std::vector<const pb::CompletionRecord*>& counted,
                       const std::string& institute) {
  if (counted.empty()) return;
  std::vector<SqlValue> params = {institute};
  for (const pb::CompletionRecord* record : counted) params.push_back(record->person_id());
  auto rows = Query(c,
                    absl::StrCat("SELECT DISTINCT p.person_id, i.course_code FROM plan p"
                                 " JOIN plan_item i ON i.plan_id = p.id WHERE p.status IN (3, 4)"
                                 " AND i.mode = 3 AND i.institute_code = ? AND p.person_id IN (",
                                 PlaceholderList(counted.size()), ")"),
                    params);
  std::set<std::pair<int64_t, std::string>> planned;
  while (rows->next()) planned.insert({rows->getInt64("person_id"), rows->getString("course_code")});
  for (const pb::CompletionRecord* record : counted) {
    if (planned.count({record->person_id(), record->course_code()}) == 0) continue;
    const int fiscal_year =
        FiscalYearOf(ThaiDate(absl::FromUnixSeconds(record->finished_at_unix())));
    Execute(c,
            "UPDATE plan_item i JOIN plan p ON p.id = i.plan_id"
            " SET i.status = 3, i.achieved_hours = i.achieved_hours + ?, p.version = p.version + 1"
            " WHERE p.person_id = ? AND p.fiscal_year = ? AND p.status IN (3, 4)"
            " AND i.mode = 3 AND i.institute_code = ? AND i.course_code = ?",
            {std::to_string(record->hours()), record->person_id(), int64_t{fiscal_year}, institute,
             record->course_code()});
  }
}

// The counted completions of these people, by person.
std::map<int64_t, std::vector<Attendance>> CountedAttendance(sql::Connection& c,
                                                             const std::vector<int64_t>& people) {
  std::map<int64_t, std::vector<Attendance>> attendance;
  QueryIn(c,
          "SELECT person_id, UNIX_TIMESTAMP(started_at) AS s, UNIX_TIMESTAMP(finished_at) AS f"
          " FROM completion WHERE state = 1 AND person_id",
          std::vector<SqlValue>(people.begin(), people.end()), "", [&](sql::ResultSet& row) {
            attendance[row.getInt64("person_id")].push_back({absl::FromUnixSeconds(row.getInt64("s")),
                                                             absl::FromUnixSeconds(row.getInt64("f"))});
          });
  return attendance;
}

// A completion as stored: its id and the record first reported.
struct StoredCompletion {
  int64_t id = 0;
  std::string record;
};

// The institute's stored completions with these record ids, by record id.
std::map<std::string, StoredCompletion> StoredCompletions(sql::Connection& c,
                                                          const std::string& institute,
                                                          const std::vector<std::string>& record_ids) {
  std::map<std::string, StoredCompletion> stored;
  QueryIn(c, "SELECT id, record_id, record FROM completion WHERE institute_code = ? AND record_id",
          std::vector<SqlValue>(record_ids.begin(), record_ids.end()), "",
          [&](sql::ResultSet& row) {
            stored[row.getString("record_id")] = {row.getInt64("id"), row.getString("record")};
          },
          {institute});
  return stored;
}

// The outcome of a record whose id is stored already: UNCHANGED with the same content, else
// CONFLICT, queued for review once per distinct content.
void Compare(sql::Connection& c, const StoredCompletion& stored, const std::string& json,
             const AuditCall& audit, CompletionOutcome& outcome, std::vector<AuditEntry>& audited) {
  outcome.completion_id = stored.id;
  if (stored.record == json) {
    outcome.outcome = pb::COMPLETION_OUTCOME_UNCHANGED;
    return;
  }
  outcome.outcome = pb::COMPLETION_OUTCOME_CONFLICT;
  outcome.reason = "this record id was reported before with different content; the first report "
                   "stands and this one awaits review";
  if (!Query(c, "SELECT id FROM completion_conflict WHERE completion_id = ? AND record = ?",
             {stored.id, json})->next()) {
    Execute(c,
            "INSERT INTO completion_conflict (completion_id, record, received_at) VALUES (?, ?, ?)",
            {stored.id, json, SqlDateTime(audit.at)});
    audited.push_back({"completion", absl::StrCat(stored.id), "ALREADY_EXISTS"});
  }
}

pb::Completion ReadCompletion(sql::ResultSet& row) {
  pb::Completion completion;
  completion.set_id(row.getInt64("id"));
  completion.set_institute_code(row.getString("institute_code"));
  (void)FromJson(row.getString("record"), completion.mutable_record());
  const int state = row.getInt("state");
  completion.set_state(state == kCounted ? pb::REVIEW_STATE_COUNTED
                       : state == kHeld  ? pb::REVIEW_STATE_HELD
                                         : pb::REVIEW_STATE_REJECTED);
  completion.set_reason(row.getString("reason"));
  completion.set_recorded_at_unix(row.getInt64("recorded_at_unix"));
  return completion;
}

constexpr char kInstituteColumns[] =
    "SELECT code, name_th, name_en, accreditation, max_assessed_level FROM institute ";

pb::Institute ReadInstitute(sql::ResultSet& row) {
  pb::Institute i;
  i.set_code(row.getString("code"));
  i.mutable_name()->set_th(row.getString("name_th"));
  i.mutable_name()->set_en(row.getString("name_en"));
  i.set_accreditation(row.getString("accreditation"));
  i.set_max_assessed_level(row.getInt("max_assessed_level"));
  return i;
}

constexpr char kCompletionColumns[] =
    "SELECT id, institute_code, record, state, reason, recorded_by_token_id,"
    " UNIX_TIMESTAMP(recorded_at) AS recorded_at_unix FROM completion ";

// The course `code` of `institute` as stored, or NOT_FOUND.
absl::StatusOr<pb::Course> FindCourse(sql::Connection& c, const std::string& institute,
                                      const std::string& code) {
  auto rows = Query(c, "SELECT definition FROM course WHERE institute_code = ? AND code = ?",
                    {institute, code});
  if (!rows->next()) return absl::NotFoundError(absl::StrCat("no course ", institute, "/", code));
  pb::Course course;
  RETURN_IF_ERROR(FromJson(rows->getString("definition"), &course));
  return course;
}

}  // namespace

absl::Status MySqlLearningStore::UpsertInstitute(const pb::Institute& i, const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) {
    Execute(c,
            "INSERT INTO institute (code, name_th, name_en, accreditation, max_assessed_level)"
            " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name_th = VALUES(name_th),"
            " name_en = VALUES(name_en), accreditation = VALUES(accreditation),"
            " max_assessed_level = VALUES(max_assessed_level)",
            {i.code(), i.name().th(), i.name().en(), i.accreditation(),
             int64_t{i.max_assessed_level()}});
    AppendAuditEvents(c, audit, {{"institute", i.code(), "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<pb::Institute>> MySqlLearningStore::ListInstitutes() {
  std::vector<pb::Institute> institutes;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c, absl::StrCat(kInstituteColumns, "ORDER BY code"));
    while (rows->next()) institutes.push_back(ReadInstitute(*rows));
    return absl::OkStatus();
  }));
  return institutes;
}

absl::StatusOr<pb::Institute> MySqlLearningStore::GetInstitute(const std::string& code) {
  pb::Institute institute;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c, absl::StrCat(kInstituteColumns, "WHERE code = ?"), {code});
    if (!rows->next()) return absl::NotFoundError(absl::StrCat("no institute '", code, "'"));
    institute = ReadInstitute(*rows);
    return absl::OkStatus();
  }));
  return institute;
}

absl::Status MySqlLearningStore::UpsertCourse(const pb::Course& course, const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    if (!InstituteExists(c, course.institute_code())) {
      return InvalidField("institute_code", "no institute has this code");
    }
    Execute(c,
            "INSERT INTO course (institute_code, code, definition, compliant) VALUES (?, ?, ?, ?)"
            " ON DUPLICATE KEY UPDATE definition = VALUES(definition),"
            " compliant = VALUES(compliant)",
            {course.institute_code(), course.code(), ToJson(course),
             int64_t{course.compliant() ? 1 : 0}});
    AppendAuditEvents(c, audit,
                      {{"course", absl::StrCat(course.institute_code(), "/", course.code()), "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<pb::Course> MySqlLearningStore::GetCourse(const std::string& institute,
                                                         const std::string& code) {
  absl::StatusOr<pb::Course> course;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    course = FindCourse(c, institute, code);
    return absl::OkStatus();
  }));
  return course;
}

absl::StatusOr<std::vector<pb::Course>> MySqlLearningStore::ListCourses(
    const std::string& institute, bool non_compliant_only) {
  std::vector<pb::Course> courses;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c,
                      "SELECT definition FROM course WHERE (? = '' OR institute_code = ?)"
                      " AND (? = 0 OR compliant = 0) ORDER BY institute_code, code",
                      {institute, institute, int64_t{non_compliant_only ? 1 : 0}});
    while (rows->next()) RETURN_IF_ERROR(FromJson(rows->getString("definition"), &courses.emplace_back()));
    return absl::OkStatus();
  }));
  return courses;
}

absl::StatusOr<Plan> MySqlLearningStore::CreatePlan(int64_t person_id, int fiscal_year,
                                                    const AuditCall& audit) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    Execute(c,
            "INSERT INTO plan (person_id, fiscal_year, revision, status) VALUES (?, ?, 1, ?)",
            {person_id, int64_t{fiscal_year}, Number(PlanStatus::kDraft)});
    const int64_t id = LastInsertId(c);
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(id), "OK"}});
    ASSIGN_OR_RETURN(plan, LoadPlan(c, id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<Plan> MySqlLearningStore::GetPlan(int64_t plan_id) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(plan, LoadPlan(c, plan_id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<Plan> MySqlLearningStore::PutPlanItem(int64_t plan_id, const PlanItem& item,
                                                     int64_t expected_version,
                                                     const AuditCall& audit) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Plan draft, DraftForChange(c, plan_id, expected_version));
    if (item.id != 0 && item.mode == Mode::kFormal && CarriesApplication(c, plan_id, item.id)) {
      // Applications are of experiential and social activities (a course's, of its completion).
      return FieldStatus(absl::StatusCode::kFailedPrecondition, "item.mode",
                         "the item carries an application at work, so it stays EXPERIENTIAL or "
                         "SOCIAL");
    }
    if (item.id != 0) {
      if (Execute(c, "DELETE FROM plan_item WHERE id = ? AND plan_id = ?", {item.id, plan_id}) == 0) {
        return InvalidField("item.id", "no item of this plan has this id");
      }
    }
    InsertItems(c, plan_id, {item});
    // The replaced item's application at work follows it.
    if (item.id != 0) MoveApplications(c, {{item.id, LastInsertId(c)}}, audit);
    Touch(c, plan_id);
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(plan_id), "OK"}});
    ASSIGN_OR_RETURN(plan, LoadPlan(c, plan_id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<Plan> MySqlLearningStore::RemovePlanItem(int64_t plan_id, int64_t item_id,
                                                        int64_t expected_version,
                                                        const AuditCall& audit) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Plan draft, DraftForChange(c, plan_id, expected_version));
    if (CarriesApplication(c, plan_id, item_id)) {
      return FieldStatus(absl::StatusCode::kFailedPrecondition, "item_id",
                         "the item carries an application at work, which stays with it");
    }
    if (Execute(c, "DELETE FROM plan_item WHERE id = ? AND plan_id = ?", {item_id, plan_id}) == 0) {
      return InvalidField("item_id", "no item of this plan has this id");
    }
    Touch(c, plan_id);
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(plan_id), "OK"}});
    ASSIGN_OR_RETURN(plan, LoadPlan(c, plan_id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<Plan> MySqlLearningStore::SetPlanStatus(int64_t plan_id, PlanStatus from,
                                                       PlanStatus to, int64_t expected_version,
                                                       const std::string& waiver_reason,
                                                       int64_t approver_token_id,
                                                       const AuditCall& audit) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    const int64_t changed = Execute(
        c,
        "UPDATE plan SET status = ?, version = version + 1,"
        " waiver_reason = IF(? = '', waiver_reason, ?),"
        " approved_by_token_id = IF(? = 0, approved_by_token_id, ?)"
        " WHERE id = ? AND status = ? AND version = ?",
        {Number(to), waiver_reason, waiver_reason, approver_token_id, approver_token_id, plan_id,
         Number(from), expected_version});
    if (changed == 0) {
      return absl::AbortedError("the plan changed meanwhile; read it again and retry");
    }
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(plan_id), "OK"}});
    AppendChange(c, audit.at, "plan", absl::StrCat(plan_id), PlanStatusName(to));
    ASSIGN_OR_RETURN(plan, LoadPlan(c, plan_id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<Plan> MySqlLearningStore::RevisePlan(int64_t plan_id, const AuditCall& audit) {
  Plan revised;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Plan current, LoadPlan(c, plan_id, true));
    if (current.status != PlanStatus::kApproved && current.status != PlanStatus::kActive) {
      return absl::FailedPreconditionError("only an approved or active plan is revised");
    }
    // The external key of an imported plan moves to the new revision, with its digest.
    auto imported =
        Query(c, "SELECT external_key, import_digest FROM plan WHERE id = ?", {plan_id});
    imported->next();
    const SqlValue key = NullIfEmpty(GetStringOrEmpty(*imported, "external_key"));
    const SqlValue digest = NullIfEmpty(GetStringOrEmpty(*imported, "import_digest"));
    Execute(c,
            "UPDATE plan SET status = ?, version = version + 1, external_key = NULL,"
            " import_digest = NULL WHERE id = ?",
            {Number(PlanStatus::kSuperseded), plan_id});
    Execute(c,
            "INSERT INTO plan (person_id, fiscal_year, revision, status, external_key,"
            " import_digest) VALUES (?, ?, ?, ?, ?, ?)",
            {current.person_id, int64_t{current.fiscal_year}, int64_t{current.revision + 1},
             Number(PlanStatus::kDraft), key, digest});
    const int64_t id = LastInsertId(c);
    InsertItems(c, id, current.items);
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(plan_id), "OK"},
                                 {"plan", absl::StrCat(id), "OK"}});
    ASSIGN_OR_RETURN(revised, LoadPlan(c, id, false));
    MoveApplications(c, CopiesOf(current.items, revised.items), audit);
    return absl::OkStatus();
  }));
  return revised;
}

absl::StatusOr<Plan> MySqlLearningStore::SetItemProgress(int64_t plan_id, int64_t item_id,
                                                         ItemStatus status, double achieved_hours,
                                                         const std::string& evidence,
                                                         const AuditCall& audit) {
  Plan plan;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    auto item = Query(c, "SELECT definition FROM plan_item WHERE id = ? AND plan_id = ? FOR UPDATE",
                      {item_id, plan_id});
    if (!item->next()) return InvalidField("item_id", "no item of this plan has this id");
    pb::PlanItem definition;
    RETURN_IF_ERROR(FromJson(item->getString("definition"), &definition));
    if (!evidence.empty()) definition.set_evidence(evidence);
    Execute(c,
            "UPDATE plan_item SET status = ?, achieved_hours = ?, definition = ? WHERE id = ?",
            {Number(status), std::to_string(achieved_hours), ToJson(definition), item_id});
    Touch(c, plan_id);
    AppendAuditEvents(c, audit, {{"plan", absl::StrCat(plan_id), "OK"}});
    ASSIGN_OR_RETURN(plan, LoadPlan(c, plan_id, false));
    return absl::OkStatus();
  }));
  return plan;
}

absl::StatusOr<std::vector<Plan>> MySqlLearningStore::ListPlans(const std::string& agency_path,
                                                                PlanStatus status,
                                                                int fiscal_year) {
  std::vector<Plan> plans;
  const absl::CivilDay today = ThaiDate(clock_.Now());
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    personnel::SqlFragment assigned = personnel::PeopleAssignedUnder(agency_path, today);
    std::vector<SqlValue> params = std::move(assigned.params);
    params.insert(params.end(), {Number(PlanStatus::kSuperseded), Number(status),
                                 Number(status), int64_t{fiscal_year}, int64_t{fiscal_year}});
    auto rows = Query(c,
                      absl::StrCat("SELECT id FROM plan WHERE person_id IN (", assigned.sql,
                                   ") AND status <> ? AND (? = 0 OR status = ?)"
                                   " AND (? = 0 OR fiscal_year = ?) ORDER BY id LIMIT 1000"),
                      params);
    std::vector<int64_t> ids;
    while (rows->next()) ids.push_back(rows->getInt64("id"));
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(plans.emplace_back(), LoadPlan(c, id, false));
    }
    return absl::OkStatus();
  }));
  return plans;
}

absl::StatusOr<std::vector<CompletionOutcome>> MySqlLearningStore::RecordCompletions(
    const std::string& institute, std::vector<PreparedCompletion>& completions,
    const AuditCall& audit) {
  std::vector<CompletionOutcome> outcomes;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& c) -> absl::Status {
    outcomes.assign(completions.size(), CompletionOutcome());
    std::vector<AuditEntry> audited;
    ResolvePeople(c, completions, outcomes);
    std::vector<std::string> record_ids;
    std::vector<int64_t> person_ids;
    for (const PreparedCompletion& p : completions) {
      record_ids.push_back(p.record.record_id());
      if (p.record.person_id() > 0) person_ids.push_back(p.record.person_id());
    }
    const std::map<std::string, StoredCompletion> stored = StoredCompletions(c, institute, record_ids);
    std::map<int64_t, std::vector<Attendance>> attendance = CountedAttendance(c, person_ids);

    std::vector<size_t> inserted;  // indexes of the completions new to the store
    std::vector<std::string> inserted_json;
    for (size_t i = 0; i < completions.size(); ++i) {
      const pb::CompletionRecord& record = completions[i].record;
      CompletionOutcome& outcome = outcomes[i];
      if (outcome.outcome == pb::COMPLETION_OUTCOME_REJECTED) {
        audited.push_back({"completion", record.record_id(), "INVALID_ARGUMENT"});
        continue;
      }
      std::string json = ToJson(record);
      if (auto seen = stored.find(record.record_id()); seen != stored.end()) {
        Compare(c, seen->second, json, audit, outcome, audited);
        continue;
      }
      const Attendance attended{absl::FromUnixSeconds(record.started_at_unix()),
                                absl::FromUnixSeconds(record.finished_at_unix())};
      std::vector<Attendance>& others = attendance[record.person_id()];
      std::optional<std::string> implausible = ImplausibleBecause(
          attended, absl::Minutes(completions[i].course.min_duration_minutes()), others);
      if (implausible.has_value()) {
        outcome.outcome = pb::COMPLETION_OUTCOME_HELD;
        outcome.reason = *implausible;
      } else {
        outcome.outcome = pb::COMPLETION_OUTCOME_RECORDED;
        others.push_back(attended);
      }
      inserted.push_back(i);
      inserted_json.push_back(std::move(json));
    }
    if (inserted.empty()) {
      AppendAuditEvents(c, audit, audited);
      return absl::OkStatus();
    }

    std::vector<SqlValue> params;
    std::vector<std::string> inserted_ids;
    for (size_t k = 0; k < inserted.size(); ++k) {
      const pb::CompletionRecord& record = completions[inserted[k]].record;
      const CompletionOutcome& outcome = outcomes[inserted[k]];
      params.insert(params.end(),
                    {institute, record.record_id(), record.person_id(), record.course_code(),
                     record.started_at_unix(), record.finished_at_unix(),
                     std::to_string(record.hours()), inserted_json[k],
                     int64_t{outcome.outcome == pb::COMPLETION_OUTCOME_HELD ? kHeld : kCounted},
                     outcome.reason, SqlDateTime(audit.at), NullIfZero(audit.token_id)});
      inserted_ids.push_back(record.record_id());
    }
    // Another call may store the same record id meanwhile: the unique key then refuses this
    // insert, and UpsertTransaction runs the batch again, comparing with that call's row.
    Execute(c,
            absl::StrCat("INSERT INTO completion (institute_code, record_id, person_id,"
                         " course_code, started_at, finished_at, hours, record, state, reason,"
                         " recorded_at, recorded_by_token_id) VALUES ",
                         PlaceholderRowsWith(inserted.size(),
                                             "?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?,"
                                             " ?, ?, ?, ?, ?")),
            params);
    const std::map<std::string, StoredCompletion> now_stored =
        StoredCompletions(c, institute, inserted_ids);
    std::vector<const pb::CompletionRecord*> counted;
    std::vector<NewlyCounted> counted_with_courses;
    for (size_t k = 0; k < inserted.size(); ++k) {
      const PreparedCompletion& prepared = completions[inserted[k]];
      const pb::CompletionRecord& record = prepared.record;
      CompletionOutcome& outcome = outcomes[inserted[k]];
      auto row = now_stored.find(record.record_id());
      if (row == now_stored.end()) return absl::InternalError("an inserted completion is missing");
      outcome.completion_id = row->second.id;
      if (outcome.outcome == pb::COMPLETION_OUTCOME_RECORDED) {
        outcome.newly_counted = true;
        counted.push_back(&record);
        counted_with_courses.push_back({&record, &prepared.course});
      }
      audited.push_back({"completion", absl::StrCat(outcome.completion_id), "OK"});
    }
    CountTowardsPlans(c, counted, institute);
    QueueAssessedLevels(c, institute, counted_with_courses, audit.token_id, audit.at);
    AppendAuditEvents(c, audit, audited);
    return absl::OkStatus();
  }));
  return outcomes;
}

void MySqlLearningStore::ResolvePeople(sql::Connection& c,
                                       std::vector<PreparedCompletion>& completions,
                                       std::vector<CompletionOutcome>& unresolved) {
  std::vector<int64_t> ids;
  std::vector<std::string> hashes;
  for (const PreparedCompletion& p : completions) {
    if (p.record.person_id() > 0) {
      ids.push_back(p.record.person_id());
    } else if (!p.citizen_id_hash.empty()) {
      hashes.push_back(p.citizen_id_hash);
    }
  }
  // "" for a person whose citizen ID was erased
  const std::map<int64_t, std::string> hash_of_id = personnel::CitizenIdHashesOf(c, ids);
  const std::map<std::string, int64_t> id_of_hash = personnel::PeopleWithCitizenIdHashes(c, hashes);
  for (size_t i = 0; i < completions.size(); ++i) {
    PreparedCompletion& p = completions[i];
    auto unresolvable = [&](const char* field, const char* reason) {
      unresolved[i].outcome = pb::COMPLETION_OUTCOME_REJECTED;
      unresolved[i].field = field;
      unresolved[i].reason = reason;
    };
    if (p.record.person_id() > 0) {
      auto known = hash_of_id.find(p.record.person_id());
      if (known == hash_of_id.end()) {
        unresolvable("person_id", "no person has this id");
      } else if (!p.citizen_id_hash.empty() && known->second != p.citizen_id_hash) {
        unresolvable("citizen_id", "is not the citizen ID of the person with this person_id");
      }
      continue;
    }
    auto found = id_of_hash.find(p.citizen_id_hash);
    if (found == id_of_hash.end()) {
      unresolvable("citizen_id", "no person has this citizen ID");
    } else {
      p.record.set_person_id(found->second);
    }
  }
}

absl::StatusOr<pb::Completion> MySqlLearningStore::GetCompletion(const std::string& institute,
                                                                const std::string& record_id) {
  pb::Completion completion;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto row = Query(c, absl::StrCat(kCompletionColumns, "WHERE institute_code = ? AND record_id = ?"),
                     {institute, record_id});
    if (!row->next()) {
      return FieldStatus(absl::StatusCode::kNotFound, "record_id",
                         absl::StrCat("institute ", institute, " has reported no such record"));
    }
    completion = ReadCompletion(*row);
    return absl::OkStatus();
  }));
  return completion;
}

absl::StatusOr<std::vector<pb::Completion>> MySqlLearningStore::ListReviews(
    const std::string& institute) {
  std::vector<pb::Completion> reviews;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto held = Query(c,
                      absl::StrCat(kCompletionColumns,
                                   "WHERE (? = '' OR institute_code = ?) AND state = 2 ORDER BY id"),
                      {institute, institute});
    while (held->next()) reviews.push_back(ReadCompletion(*held));
    auto conflicts = Query(c,
                           "SELECT c.id, c.institute_code, x.record, c.state, c.reason,"
                           " UNIX_TIMESTAMP(c.recorded_at) AS recorded_at_unix"
                           " FROM completion_conflict x JOIN completion c ON c.id = x.completion_id"
                           " WHERE (? = '' OR c.institute_code = ?) ORDER BY x.id",
                           {institute, institute});
    while (conflicts->next()) {
      pb::Completion completion = ReadCompletion(*conflicts);
      completion.set_state(pb::REVIEW_STATE_CONFLICT);
      completion.set_reason("reported again with different content");
      reviews.push_back(std::move(completion));
    }
    return absl::OkStatus();
  }));
  return reviews;
}

absl::StatusOr<pb::Completion> MySqlLearningStore::ReviewCompletion(int64_t completion_id,
                                                                   bool release,
                                                                   const AuditCall& audit,
                                                                   bool* newly_counted) {
  pb::Completion completion;
  *newly_counted = false;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c, absl::StrCat(kCompletionColumns, "WHERE id = ? FOR UPDATE"),
                      {completion_id});
    if (!rows->next()) return absl::NotFoundError(absl::StrCat("no completion ", completion_id));
    completion = ReadCompletion(*rows);
    // Levels a release queues are the recording institute's, by its token (0: not known).
    const int64_t recorder =
        rows->isNull("recorded_by_token_id") ? 0 : rows->getInt64("recorded_by_token_id");
    if (completion.state() != pb::REVIEW_STATE_HELD) {
      return absl::FailedPreconditionError("only a held completion is reviewed");
    }
    Execute(c, "UPDATE completion SET state = ? WHERE id = ?",
            {int64_t{release ? kCounted : kRejectedByReviewer}, completion_id});
    if (release) {
      CountTowardsPlans(c, {&completion.record()}, completion.institute_code());
      absl::StatusOr<pb::Course> course =
          FindCourse(c, completion.institute_code(), completion.record().course_code());
      if (!course.ok() && !absl::IsNotFound(course.status())) return course.status();
      // A course removed since queues nothing (it has no skill sets to give levels to).
      const pb::Course definition = course.value_or(pb::Course());
      QueueAssessedLevels(c, completion.institute_code(), {{&completion.record(), &definition}},
                          recorder, audit.at);
      *newly_counted = true;
    }
    AppendAuditEvents(c, audit, {{"completion", absl::StrCat(completion_id), "OK"}});
    completion.set_state(release ? pb::REVIEW_STATE_COUNTED : pb::REVIEW_STATE_REJECTED);
    return absl::OkStatus();
  }));
  return completion;
}

absl::StatusOr<std::vector<OutboxRow>> MySqlLearningStore::DueOutbox(absl::Time now, int limit) {
  std::vector<OutboxRow> due;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c,
                      absl::StrCat("SELECT id, institute_code, external_id, payload, attempts,"
                                   " on_behalf_of_token_id FROM learning_outbox WHERE delivered_at IS NULL"
                                   " AND failed_at IS NULL AND next_attempt_at <= ?"
                                   " ORDER BY id LIMIT ",
                                   std::max(limit, 1)),
                      {SqlDateTime(now)});
    while (rows->next()) {
      due.push_back({rows->getInt64("id"), rows->getString("institute_code"),
                     rows->getString("external_id"), rows->getString("payload"),
                     rows->getInt("attempts"),
                     rows->isNull("on_behalf_of_token_id")
                         ? int64_t{0}
                         : rows->getInt64("on_behalf_of_token_id")});
    }
    return absl::OkStatus();
  }));
  return due;
}

absl::StatusOr<int> MySqlLearningStore::MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                                            absl::Time at) {
  if (ids.empty()) return 0;
  std::vector<SqlValue> params = {SqlDateTime(at)};
  params.insert(params.end(), ids.begin(), ids.end());
  int64_t marked = 0;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    marked = Execute(c,
                     absl::StrCat("UPDATE learning_outbox SET delivered_at = ? WHERE id IN (",
                                  PlaceholderList(ids.size()),
                                  ") AND delivered_at IS NULL AND failed_at IS NULL"),
                     params);
    return absl::OkStatus();
  }));
  return static_cast<int>(marked);
}

absl::Status MySqlLearningStore::RetryOutboxLater(const std::vector<int64_t>& ids,
                                                  const std::string& error, absl::Time next) {
  if (ids.empty()) return absl::OkStatus();
  std::vector<SqlValue> params = {error, SqlDateTime(next)};
  params.insert(params.end(), ids.begin(), ids.end());
  return pool_.Run([&](sql::Connection& c) {
    Execute(c,
            absl::StrCat("UPDATE learning_outbox SET attempts = attempts + 1,"
                         " last_error = LEFT(?, 1000), next_attempt_at = ? WHERE id IN (",
                         PlaceholderList(ids.size()),
                         ") AND delivered_at IS NULL AND failed_at IS NULL"),
            params);
    return absl::OkStatus();
  });
}

absl::Status MySqlLearningStore::MarkOutboxFailed(int64_t id, const std::string& reason,
                                                  absl::Time at) {
  return pool_.Run([&](sql::Connection& c) {
    Execute(c,
            "UPDATE learning_outbox SET attempts = attempts + 1, failed_at = ?,"
            " last_error = LEFT(?, 1000) WHERE id = ? AND delivered_at IS NULL"
            " AND failed_at IS NULL",
            {SqlDateTime(at), reason, id});
    return absl::OkStatus();
  });
}

absl::StatusOr<OutboxCounts> MySqlLearningStore::CountOutbox() {
  OutboxCounts counts;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    // Both halves read the due index by its first column (delivered rows are never counted).
    auto rows = Query(c,
                      "SELECT (SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NULL"
                      " AND failed_at IS NULL) AS pending, (SELECT COUNT(*) FROM learning_outbox"
                      " WHERE delivered_at IS NULL AND failed_at IS NOT NULL) AS failed,"
                      " (SELECT FLOOR(UNIX_TIMESTAMP(MIN(created_at)) * 1000000) FROM learning_outbox"
                      " WHERE delivered_at IS NULL AND failed_at IS NULL) AS oldest_micros");
    if (rows->next()) {
      counts.pending = rows->getInt64("pending");
      counts.failed = rows->getInt64("failed");
      if (!rows->isNull("oldest_micros")) {
        counts.oldest_pending = absl::FromUnixMicros(rows->getInt64("oldest_micros"));
      }
    }
    return absl::OkStatus();
  }));
  return counts;
}

absl::StatusOr<int> MySqlLearningStore::PruneDeliveredOutbox(absl::Time delivered_before,
                                                             int limit) {
  int64_t deleted = 0;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    // A range of the due index's first column (NULL, pending or failed, is never in it).
    deleted = Execute(c,
                      absl::StrCat("DELETE FROM learning_outbox WHERE delivered_at < ?"
                                   " ORDER BY delivered_at LIMIT ",
                                   std::max(limit, 1)),
                      {SqlDateTime(delivered_before)});
    return absl::OkStatus();
  }));
  return static_cast<int>(deleted);
}

absl::StatusOr<bool> MySqlLearningStore::HoldRelayLease(const std::string& holder,
                                                        absl::Duration duration) {
  bool held = false;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    held = TakeLease(c, "assessment_relay", holder, duration);
    return absl::OkStatus();
  }));
  return held;
}

absl::Status MySqlLearningStore::ReleaseRelayLease(const std::string& holder) {
  return pool_.Run([&](sql::Connection& c) {
    ReleaseLease(c, "assessment_relay", holder);
    return absl::OkStatus();
  });
}

}  // namespace thaksa::learning
