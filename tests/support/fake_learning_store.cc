#include "tests/support/fake_learning_store.h"

#include <algorithm>
#include <optional>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "common/thai_calendar.h"

namespace thaksa::testing {
namespace {

using learning::ItemStatus;
using learning::Plan;
using learning::PlanItem;
using learning::PlanStatus;

absl::Status NotFaked() {
  return absl::UnimplementedError("completions and the outbox are not in the fake learning store");
}

}  // namespace

absl::Status FakeLearningStore::UpsertInstitute(const learning::pb::Institute& institute,
                                                const AuditCall&) {
  institutes_[institute.code()] = institute;
  audited_.push_back(absl::StrCat("institute/", institute.code()));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<learning::pb::Institute>> FakeLearningStore::ListInstitutes() {
  std::vector<learning::pb::Institute> institutes;
  for (const auto& [code, institute] : institutes_) institutes.push_back(institute);
  return institutes;
}

absl::StatusOr<learning::pb::Institute> FakeLearningStore::GetInstitute(const std::string& code) {
  auto found = institutes_.find(code);
  if (found == institutes_.end()) return absl::NotFoundError(absl::StrCat("no institute ", code));
  return found->second;
}

absl::Status FakeLearningStore::UpsertCourse(const learning::pb::Course& course,
                                             const AuditCall&) {
  if (institutes_.count(course.institute_code()) == 0) {
    return InvalidField("institute_code", "no institute has this code");
  }
  courses_[{course.institute_code(), course.code()}] = course;
  audited_.push_back(absl::StrCat("course/", course.institute_code(), "/", course.code()));
  return absl::OkStatus();
}

absl::StatusOr<learning::pb::Course> FakeLearningStore::GetCourse(const std::string& institute,
                                                                  const std::string& code) {
  auto found = courses_.find({institute, code});
  if (found == courses_.end()) return absl::NotFoundError(absl::StrCat("no course ", code));
  return found->second;
}

absl::StatusOr<std::vector<learning::pb::Course>> FakeLearningStore::ListCourses(
    const std::string& institute, bool non_compliant_only) {
  std::vector<learning::pb::Course> courses;
  for (const auto& [key, course] : courses_) {
    if (!institute.empty() && key.first != institute) continue;
    if (non_compliant_only && course.compliant()) continue;
    courses.push_back(course);
  }
  return courses;
}

absl::StatusOr<Plan> FakeLearningStore::CreatePlan(int64_t person_id, int fiscal_year,
                                                   const AuditCall&) {
  for (const auto& [id, plan] : plans_) {
    if (plan.person_id == person_id && plan.fiscal_year == fiscal_year) {
      return absl::AlreadyExistsError("the person has a plan for this fiscal year");
    }
  }
  const Plan& plan = NewDraft(person_id, fiscal_year);
  audited_.push_back(absl::StrCat("plan/", plan.id));
  return plan;
}

Plan& FakeLearningStore::NewDraft(int64_t person_id, int fiscal_year) {
  Plan& plan = plans_[next_plan_id_];
  plan.id = next_plan_id_++;
  plan.person_id = person_id;
  plan.fiscal_year = fiscal_year;
  plan.revision = 1;
  plan.status = PlanStatus::kDraft;
  plan.version = 1;
  return plan;
}

absl::StatusOr<Plan> FakeLearningStore::GetPlan(int64_t plan_id) {
  auto found = plans_.find(plan_id);
  if (found == plans_.end()) return absl::NotFoundError(absl::StrCat("no plan ", plan_id));
  return found->second;
}

absl::StatusOr<Plan*> FakeLearningStore::DraftForChange(int64_t plan_id,
                                                        int64_t expected_version) {
  auto found = plans_.find(plan_id);
  if (found == plans_.end()) return absl::NotFoundError(absl::StrCat("no plan ", plan_id));
  Plan& plan = found->second;
  if (plan.status != PlanStatus::kDraft) return learning::NotADraft(plan.status);
  if (plan.version != expected_version) {
    return absl::AbortedError(absl::StrCat("the plan is at version ", plan.version,
                                           "; read it again and retry"));
  }
  return &plan;
}

Plan FakeLearningStore::Changed(Plan& plan) {
  ++plan.version;
  audited_.push_back(absl::StrCat("plan/", plan.id));
  return plan;
}

absl::StatusOr<Plan> FakeLearningStore::PutPlanItem(int64_t plan_id, const PlanItem& item,
                                                    int64_t expected_version, const AuditCall&) {
  ASSIGN_OR_RETURN(Plan* plan, DraftForChange(plan_id, expected_version));
  PlanItem stored = item;
  if (stored.status == ItemStatus::kUnspecified) stored.status = ItemStatus::kPlanned;
  stored.id = next_item_id_++;  // as the MySQL store, a replaced item gets a new id
  if (item.id != 0) {
    auto it = std::find_if(plan->items.begin(), plan->items.end(),
                           [&](const PlanItem& i) { return i.id == item.id; });
    if (it == plan->items.end()) return InvalidField("item.id", "no item of this plan has this id");
    plan->items.erase(it);
  }
  plan->items.push_back(std::move(stored));
  return Changed(*plan);
}

absl::StatusOr<Plan> FakeLearningStore::RemovePlanItem(int64_t plan_id, int64_t item_id,
                                                       int64_t expected_version,
                                                       const AuditCall&) {
  ASSIGN_OR_RETURN(Plan* plan, DraftForChange(plan_id, expected_version));
  auto it = std::find_if(plan->items.begin(), plan->items.end(),
                         [&](const PlanItem& i) { return i.id == item_id; });
  if (it == plan->items.end()) return InvalidField("item_id", "no item of this plan has this id");
  plan->items.erase(it);
  return Changed(*plan);
}

absl::StatusOr<Plan> FakeLearningStore::SetPlanStatus(int64_t plan_id, PlanStatus from,
                                                      PlanStatus to, int64_t expected_version,
                                                      const std::string& waiver_reason,
                                                      int64_t approver_token_id,
                                                      const AuditCall&) {
  auto found = plans_.find(plan_id);
  if (found == plans_.end() || found->second.status != from ||
      found->second.version != expected_version) {
    return absl::AbortedError("the plan changed meanwhile; read it again and retry");
  }
  Plan& plan = found->second;
  plan.status = to;
  if (!waiver_reason.empty()) plan.waiver_reason = waiver_reason;
  if (approver_token_id != 0) plan.approved_by_token_id = approver_token_id;
  changes_.push_back(absl::StrCat("plan/", plan_id, " ", learning::PlanStatusName(to)));
  return Changed(plan);
}

absl::StatusOr<Plan> FakeLearningStore::RevisePlan(int64_t plan_id, const AuditCall&) {
  auto found = plans_.find(plan_id);
  if (found == plans_.end()) return absl::NotFoundError(absl::StrCat("no plan ", plan_id));
  Plan& current = found->second;
  if (current.status != PlanStatus::kApproved && current.status != PlanStatus::kActive) {
    return absl::FailedPreconditionError("only an approved or active plan is revised");
  }
  current.status = PlanStatus::kSuperseded;
  Changed(current);
  Plan revised = current;
  revised.id = next_plan_id_++;
  revised.revision = current.revision + 1;
  revised.status = PlanStatus::kDraft;
  revised.waiver_reason.clear();
  revised.approved_by_token_id = 0;
  revised.version = 1;
  for (PlanItem& item : revised.items) item.id = next_item_id_++;
  plans_[revised.id] = revised;
  for (auto& [key, imported] : imports_) {
    if (imported.first == plan_id) imported.first = revised.id;
  }
  audited_.push_back(absl::StrCat("plan/", revised.id));
  return revised;
}

absl::StatusOr<std::map<std::string, learning::StoredImport>> FakeLearningStore::FindImports(
    const std::vector<std::string>& external_keys) {
  std::map<std::string, learning::StoredImport> stored;
  for (const std::string& key : external_keys) {
    auto found = imports_.find(key);
    if (found == imports_.end()) continue;
    const Plan& plan = plans_.at(found->second.first);
    stored[key] = {plan.id,           plan.person_id, plan.fiscal_year,
                   plan.status,       found->second.second, plan.version};
  }
  return stored;
}

absl::StatusOr<std::vector<learning::PlanImportResult>> FakeLearningStore::ImportPlans(
    const std::vector<learning::PlanImport>& imports, const AuditCall&) {
  ++import_batches_;
  std::vector<learning::PlanImportResult> results;
  std::set<std::string> seen;
  for (const learning::PlanImport& plan : imports) {
    if (!seen.insert(plan.external_key).second) {
      results.push_back({learning::ImportOutcome::kRejected, 0, 0,
                         InvalidField("external_id", "is repeated in this batch")});
      continue;
    }
    ASSIGN_OR_RETURN(const auto stored, FindImports({plan.external_key}));
    std::optional<learning::StoredImport> under_key;
    if (!stored.empty()) under_key = stored.begin()->second;
    const bool year_taken = std::any_of(plans_.begin(), plans_.end(), [&](const auto& entry) {
      return entry.second.person_id == plan.person_id &&
             entry.second.fiscal_year == plan.fiscal_year;
    });
    learning::PlanImportResult result = learning::DecideImport(plan, under_key, year_taken);
    Plan* written = nullptr;
    if (result.outcome == learning::ImportOutcome::kCreated) {
      written = &NewDraft(plan.person_id, plan.fiscal_year);
    } else if (result.outcome == learning::ImportOutcome::kUpdated) {
      written = &plans_.at(under_key->plan_id);
      ++written->version;
    }
    if (written != nullptr) {
      written->items.clear();
      for (PlanItem item : plan.items) {
        item.id = next_item_id_++;
        item.status = ItemStatus::kPlanned;
        written->items.push_back(std::move(item));
      }
      imports_[plan.external_key] = {written->id, plan.digest};
      audited_.push_back(absl::StrCat("plan/", written->id));
      changes_.push_back(absl::StrCat("plan/", written->id, " PLAN_STATUS_DRAFT"));
      result.plan_id = written->id;
      result.version = written->version;
    } else if (result.outcome == learning::ImportOutcome::kUnchanged) {
      result.plan_id = under_key->plan_id;
      result.version = under_key->version;
    }
    results.push_back(std::move(result));
  }
  return results;
}

absl::StatusOr<Plan> FakeLearningStore::SetItemProgress(int64_t plan_id, int64_t item_id,
                                                        ItemStatus status, double achieved_hours,
                                                        const std::string& evidence,
                                                        const AuditCall&) {
  auto found = plans_.find(plan_id);
  if (found == plans_.end()) return InvalidField("item_id", "no item of this plan has this id");
  for (PlanItem& item : found->second.items) {
    if (item.id != item_id) continue;
    item.status = status;
    item.achieved_hours = achieved_hours;
    if (!evidence.empty()) item.evidence = evidence;
    return Changed(found->second);
  }
  return InvalidField("item_id", "no item of this plan has this id");
}

absl::StatusOr<std::vector<Plan>> FakeLearningStore::ListPlans(const std::string& agency_path,
                                                               PlanStatus status,
                                                               int fiscal_year) {
  const absl::CivilDay today = ThaiDate(clock_.Now());
  std::vector<Plan> plans;
  for (const auto& [id, plan] : plans_) {
    if (plan.status == PlanStatus::kSuperseded) continue;
    if (status != PlanStatus::kUnspecified && plan.status != status) continue;
    if (fiscal_year != 0 && plan.fiscal_year != fiscal_year) continue;
    absl::StatusOr<personnel::PersonPlacement> placement =
        directory_.PlacementOn(plan.person_id, today);
    if (!placement.ok() || placement->agency_path.empty() ||
        !absl::StartsWith(placement->agency_path, agency_path)) {
      continue;
    }
    plans.push_back(plan);
    if (plans.size() == 1000) break;
  }
  return plans;
}

absl::StatusOr<std::vector<learning::CompletionOutcome>> FakeLearningStore::RecordCompletions(
    const std::string&, std::vector<learning::PreparedCompletion>&, const AuditCall&) {
  return NotFaked();
}

absl::StatusOr<learning::pb::Completion> FakeLearningStore::GetCompletion(const std::string&,
                                                                          const std::string&) {
  return NotFaked();
}

absl::StatusOr<std::vector<learning::pb::Completion>> FakeLearningStore::ListReviews(
    const std::string&) {
  return NotFaked();
}

absl::StatusOr<learning::pb::Completion> FakeLearningStore::ReviewCompletion(int64_t, bool,
                                                                             const AuditCall&,
                                                                             bool*) {
  return NotFaked();
}

absl::StatusOr<std::vector<learning::OutboxRow>> FakeLearningStore::DueOutbox(absl::Time, int) {
  return NotFaked();
}

absl::StatusOr<int> FakeLearningStore::MarkOutboxDelivered(const std::vector<int64_t>&,
                                                           absl::Time) {
  return NotFaked();
}

absl::Status FakeLearningStore::RetryOutboxLater(const std::vector<int64_t>&, const std::string&,
                                                 absl::Time) {
  return NotFaked();
}

absl::Status FakeLearningStore::MarkOutboxFailed(int64_t, const std::string&, absl::Time) {
  return NotFaked();
}

absl::StatusOr<learning::OutboxCounts> FakeLearningStore::CountOutbox() { return NotFaked(); }

absl::StatusOr<int> FakeLearningStore::PruneDeliveredOutbox(absl::Time, int) {
  return NotFaked();
}

absl::StatusOr<bool> FakeLearningStore::HoldRelayLease(const std::string&, absl::Duration) {
  return NotFaked();
}

absl::Status FakeLearningStore::ReleaseRelayLease(const std::string&) { return NotFaked(); }

absl::StatusOr<learning::SkillProfile> FakeSkillProfiles::Of(int64_t person_id) {
  ++asked_;
  return ProfileOf(person_id);
}

std::map<int64_t, absl::StatusOr<learning::SkillProfile>> FakeSkillProfiles::OfEach(
    const std::vector<int64_t>& person_ids) {
  ++batches_asked_;
  std::map<int64_t, absl::StatusOr<learning::SkillProfile>> profiles;
  for (int64_t id : person_ids) profiles.insert_or_assign(id, ProfileOf(id));
  return profiles;
}

absl::StatusOr<learning::SkillProfile> FakeSkillProfiles::ProfileOf(int64_t person_id) const {
  auto found = profiles_.find(person_id);
  if (found == profiles_.end()) {
    return absl::FailedPreconditionError("the person follows no framework today");
  }
  return found->second;
}

absl::StatusOr<std::set<std::string>> FakeSkillProfiles::SkillSetsOf(
    const std::string& framework_code) {
  auto found = frameworks_.find(framework_code);
  if (found == frameworks_.end()) return absl::NotFoundError("no framework with this code");
  return found->second;
}

}  // namespace thaksa::testing
