#include "tools/loadgen/path_writes.h"

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/principal.h"
#include "common/auth/tokens.h"
#include "common/citizen_id.h"
#include "common/db/change_log.h"
#include "common/proto_json.h"
#include "common/thai_calendar.h"
#include "services/assessment/assessment_service.h"
#include "services/learning/learning_service.h"
#include "services/personnel/personnel_service.h"
#include "tools/loadgen/loader.h"

namespace thaksa::loadgen {
namespace {

namespace ppb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;

// The ids the baselines' rows refer to: agencies by their position in the dataset (as a fresh
// database numbers them), the seeded framework, the token of the caller.
constexpr int64_t kFrameworkId = 1;
constexpr int64_t kTokenId = 1;
constexpr char kRequestId[] = "bench-baseline-00000000000000000";
constexpr char kOpenEnd[] = "9999-12-31";

constexpr char kAuditColumns[] =
    "occurred_at, principal_token_id, principal_role, method, entity_type, entity_id, outcome,"
    " request_id";
constexpr char kChangeColumns[] = "occurred_at, kind, entity_id, detail";
constexpr char kCompletionColumns[] =
    "id, institute_code, record_id, person_id, course_code, started_at, finished_at, hours,"
    " record, state, reason, recorded_at, recorded_by_token_id";

std::string Method(const std::string& service, const char* rpc) {
  return absl::StrCat("/", service, "/", rpc);
}

std::string Day(const common::v1::Date& date) {
  return FormatIsoDate(absl::CivilDay(date.year(), date.month(), date.day()));
}

std::string SqlSeconds(int64_t unix_seconds) {
  return SqlDateTime(absl::FromUnixSeconds(unix_seconds)).substr(0, 19);
}

// The audit event of one entity written by `method`, stamped `at`.
void AddAudit(BatchRows& rows, const std::string& at, const std::string& method,
              const char* entity_type, int64_t entity_id) {
  rows.Add("audit_event", kAuditColumns,
           {at, kTokenId, int64_t{static_cast<int>(Role::kAdmin)}, method,
            std::string(entity_type), absl::StrCat(entity_id), std::string("OK"),
            std::string(kRequestId)});
}

std::map<std::string, int64_t> AgencyIds(const Dataset& dataset) {
  std::map<std::string, int64_t> ids;
  for (const ppb::Agency& agency : dataset.agencies()) {
    ids.emplace(agency.code(), static_cast<int64_t>(ids.size()) + 1);
  }
  return ids;
}

// A completion's rows (with `id`): its own, and with `audited` its audit event.
void AddCompletion(const lpb::CompletionRecord& r, int64_t id, const std::string& at,
                   bool audited, BatchRows& rows) {
  rows.Add("completion", kCompletionColumns,
           {id, std::string(kInstituteCode), r.record_id(), r.person_id(), r.course_code(),
            SqlSeconds(r.started_at_unix()), SqlSeconds(r.finished_at_unix()),
            std::to_string(r.hours()), ToJson(r), int64_t{1}, std::string(), at, kTokenId});
  if (audited) {
    AddAudit(rows, at, Method(lpb::LearningService::service_full_name(), "RecordCompletions"),
             "completion", id);
  }
}

PathWrites CompletionPath(const PathInputs& inputs, int64_t records, bool audited) {
  PathWrites path;
  path.name = BaselineOf(kCompletionIngestion);
  path.unit = "records";
  path.records = records;
  path.rows_of = [inputs, audited](int64_t first, int64_t end, BatchRows& rows) {
    const std::string at = SqlDateTime(absl::Now());
    const std::vector<int64_t>& people = *inputs.person_ids;
    for (int64_t n = first; n < end; ++n) {
      const lpb::CompletionRecord record = inputs.dataset->LaterCompletion(
          "baseline", n, people[SpreadIndex(n, people.size())]);
      AddCompletion(record, n + 1, at, audited, rows);
    }
  };
  return path;
}

}  // namespace

PathWrites PeopleWrites(const PathInputs& inputs, int64_t people, int writers) {
  PathWrites path;
  path.name = BaselineOf(kPeopleSync);
  path.unit = "rows";
  path.records = people;
  path.per_transaction = personnel::PersonnelService::kBulkBatchSize;
  path.writers = writers;
  auto agencies = std::make_shared<const std::map<std::string, int64_t>>(AgencyIds(*inputs.dataset));
  path.rows_of = [inputs, agencies](int64_t first, int64_t end, BatchRows& rows) {
    const std::string at = SqlDateTime(absl::Now());
    const std::string method =
        Method(ppb::PersonnelService::service_full_name(), "BulkUpsertPeople");
    const CitizenIdHasher hasher("baseline");
    for (int64_t index = first; index < end; ++index) {
      const ppb::PersonRecord p = inputs.dataset->Person(index);
      const int64_t id = index + 1;
      rows.Add("person",
               "id, citizen_id_hash, citizen_id_masked, name_th, name_en, email, status, left_on,"
               " supervisor_id, record_agency_id, employee_number",
               {id, hasher.Hash(p.citizen_id()), MaskCitizenId(p.citizen_id()), p.name().th(),
                p.name().en(), p.email(), int64_t{p.status()}, nullptr, nullptr,
                agencies->at(p.agency_of_record_code()), p.employee_number()});
      AddAudit(rows, at, method, "person", id);
      rows.Add("change_log", kChangeColumns,
               {at, std::string("person"), absl::StrCat(id), std::string()});
      rows.Add("person_assignment",
               "person_id, effective_from, effective_to, agency_id, position_title, grade,"
               " personnel_group",
               {id, Day(p.effective_from()), std::string(kOpenEnd), agencies->at(p.agency_code()),
                p.position_title(), p.grade(), int64_t{p.personnel_group()}});
    }
  };
  return path;
}

PathWrites AssessmentWrites(const PathInputs& inputs, int64_t records, int writers) {
  auto all = std::make_shared<std::vector<apb::AssessmentRecord>>();
  for (int64_t index = 0;
       static_cast<int64_t>(all->size()) < records && index < inputs.dataset->scale().people;
       ++index) {
    for (apb::AssessmentRecord& a : inputs.dataset->Assessments(
             index, (*inputs.person_ids)[static_cast<size_t>(index)], *inputs.skill_set_codes)) {
      all->push_back(std::move(a));
    }
  }
  all->resize(std::min<size_t>(all->size(), static_cast<size_t>(records)));
  PathWrites path;
  path.name = BaselineOf(kAssessmentsBulk);
  path.unit = "records";
  path.records = static_cast<int64_t>(all->size());
  path.per_transaction = assessment::AssessmentService::kBulkBatchSize;
  path.writers = writers;
  path.rows_of = [all](int64_t first, int64_t end, BatchRows& rows) {
    const std::string at = SqlDateTime(absl::Now());
    const std::string method =
        Method(apb::AssessmentService::service_full_name(), "BulkRecordAssessments");
    for (int64_t n = first; n < end; ++n) {
      const apb::AssessmentRecord& a = (*all)[static_cast<size_t>(n)];
      const int64_t id = n + 1;
      rows.Add("assessment",
               "id, person_id, framework_id, skill_set_code, level, source, instrument,"
               " assessed_on, valid_until, record, assessor_token_id, assessor_role,"
               " external_key, supersedes_id, recorded_at",
               {id, a.person_id(), kFrameworkId, a.skill_set_code(), int64_t{a.level()},
                int64_t{a.source()}, a.instrument(), Day(a.assessed_on()), nullptr, ToJson(a),
                kTokenId, int64_t{static_cast<int>(Role::kAdmin)},
                absl::StrCat("token:", kTokenId, ":", a.external_id()), nullptr, at});
      rows.Add("person_standing",
               "person_id, framework_id, skill_set_code, level, assessment_id, valid_until,"
               " updated_at",
               {a.person_id(), kFrameworkId, a.skill_set_code(), int64_t{a.level()}, id, nullptr,
                at});
      rows.Add("change_log", kChangeColumns,
               {at, std::string("standing"), absl::StrCat(a.person_id()),
                absl::StrCat(a.framework_code(), "/", a.skill_set_code())});
      AddAudit(rows, at, method, "assessment", id);
    }
  };
  return path;
}

PathWrites PlanWrites(const PathInputs& inputs, int64_t plans, int writers) {
  PathWrites path;
  path.name = BaselineOf(kPlanLoad);
  path.unit = "plans";
  path.records = plans;
  path.per_transaction = kPlanPath.plans_per_transaction;
  path.writers = writers;
  path.rows_of = [inputs](int64_t first, int64_t end, BatchRows& rows) {
    const std::string at = SqlDateTime(absl::Now());
    const std::string method =
        Method(lpb::LearningService::service_full_name(), "BulkUpsertPlans");
    for (int64_t index = first; index < end; ++index) {
      const int64_t id = index + 1;
      const int64_t person = (*inputs.person_ids)[static_cast<size_t>(index)];
      rows.Add("plan",
               "id, person_id, fiscal_year, revision, status, external_key, import_digest",
               {id, person, int64_t{kFiscalYear}, int64_t{1}, int64_t{lpb::PLAN_STATUS_DRAFT},
                absl::StrCat("admin:bench-plan-", person), Sha256Hex(absl::StrCat(person))});
      for (const lpb::PlanItem& item : inputs.dataset->PlanItems(index, *inputs.skill_set_codes)) {
        rows.Add("plan_item",
                 "plan_id, definition, mode, horizon, planned_hours, achieved_hours, status,"
                 " institute_code, course_code",
                 {id, ToJson(item), int64_t{item.mode()}, int64_t{item.horizon()},
                  std::to_string(item.planned_hours()), std::to_string(0.0),
                  int64_t{lpb::ITEM_STATUS_PLANNED}, NullIfEmpty(item.institute_code()),
                  NullIfEmpty(item.course_code())});
      }
      for (int k = 0; k < kPlanPath.audit_events_per_plan; ++k) AddAudit(rows, at, method, "plan", id);
      for (int k = 0; k < kPlanPath.changes_per_plan; ++k) {
        rows.Add("change_log", kChangeColumns,
                 {at, std::string("plan"), absl::StrCat(id), std::string("PLAN_STATUS_DRAFT")});
      }
    }
  };
  return path;
}

PathWrites CompletionWrites(const PathInputs& inputs, int64_t records, int writers) {
  PathWrites path = CompletionPath(inputs, records, /*audited=*/true);
  path.per_transaction = learning::LearningService::kBulkBatchSize;
  path.writers = writers;
  return path;
}

PathWrites CompletionTableWrites(const PathInputs& inputs, int64_t records) {
  PathWrites path = CompletionPath(inputs, records, /*audited=*/false);
  path.name = "store: completion rows, INSERT";
  path.per_transaction = 1000;
  return path;
}

}  // namespace thaksa::loadgen
