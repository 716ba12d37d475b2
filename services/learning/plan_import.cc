#include "services/learning/plan_import.h"

#include "absl/strings/str_cat.h"
#include "common/auth/tokens.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/learning/learning_convert.h"
#include "services/learning/plan_access.h"

namespace thaksa::learning {
namespace {

PlanImportResult Refused(const absl::Status& refusal) {
  PlanImportResult result;
  result.refusal = refusal;
  return result;
}

}  // namespace

PlanImport ImportOf(const Principal& principal, const v1::PlanRecord& record) {
  PlanImport plan;
  plan.external_key = absl::StrCat(RecorderKey(principal), ":", record.external_id());
  plan.person_id = record.person_id();
  plan.fiscal_year = record.fiscal_year().be_year();
  v1::PlanRecord content;  // what the digest covers: the record as it is stored
  content.set_person_id(plan.person_id);
  content.mutable_fiscal_year()->set_be_year(plan.fiscal_year);
  for (const v1::PlanItem& given : record.items()) {
    PlanItem item = FromProto(given);
    item.id = 0;
    item.status = ItemStatus::kUnspecified;
    item.achieved_hours = 0;
    *content.add_items() = ToProto(item);
    plan.items.push_back(std::move(item));
  }
  plan.digest = Sha256Hex(ToJson(content));
  return plan;
}

absl::StatusOr<std::vector<absl::Status>> PlanImporter::CheckAccess(
    const std::vector<PlanImport>& plans) {
  std::vector<int64_t> people;
  for (const PlanImport& plan : plans) people.push_back(plan.person_id);
  ASSIGN_OR_RETURN(const auto placements,
                   directory_.PlacementsOn(people, ThaiDate(clock_.Now())));
  std::vector<absl::Status> refusals;
  for (const PlanImport& plan : plans) {
    auto found = placements.find(plan.person_id);
    const absl::StatusOr<personnel::PersonPlacement> person =
        found == placements.end() ? absl::NotFoundError("no such person")
                                  : absl::StatusOr<personnel::PersonPlacement>(found->second);
    refusals.push_back(PlanAccessOf(person, call_.principal, PlanAccess::kEdit));
  }
  return refusals;
}

absl::StatusOr<ItemReferences> PlanImporter::ReferencesFor(
    const absl::StatusOr<SkillProfile>& profile) {
  ItemReferences references;
  if (profile.ok()) {
    auto known = framework_skill_sets_.find(profile->framework_code);
    if (known == framework_skill_sets_.end()) {
      ASSIGN_OR_RETURN(std::set<std::string> skill_sets, SkillSetsFor(call_.profiles, profile));
      known = framework_skill_sets_.emplace(profile->framework_code, std::move(skill_sets)).first;
    }
    references.skill_sets = known->second;
  } else {
    ASSIGN_OR_RETURN(references.skill_sets, SkillSetsFor(call_.profiles, profile));
  }
  references.course_exists = [this](const std::string& institute, const std::string& course) {
    auto known = courses_.find({institute, course});
    if (known == courses_.end()) {
      known = courses_.emplace(std::make_pair(institute, course),
                               store_.GetCourse(institute, course).ok()).first;
    }
    return known->second;
  };
  return references;
}

absl::Status PlanImporter::CheckReferences(const PlanImport& plan,
                                           const absl::StatusOr<SkillProfile>& profile) {
  ASSIGN_OR_RETURN(ItemReferences references, ReferencesFor(profile));
  RETURN_IF_ERROR(ReadGoals(call_.annex, plan.items, goals_, references));
  FieldErrors errors;
  for (size_t k = 0; k < plan.items.size(); ++k) {
    CheckItemReferences(plan.items[k], absl::StrCat("items[", k, "]"), references, errors);
  }
  return errors.ToStatus();
}

absl::StatusOr<std::vector<ImportedPlan>> PlanImporter::Import(
    const std::vector<PlanImport>& plans) {
  std::vector<ImportedPlan> answers(plans.size());
  ASSIGN_OR_RETURN(const std::vector<absl::Status> refusals, CheckAccess(plans));
  std::vector<std::string> keys;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (refusals[i].ok()) keys.push_back(plans[i].external_key);
  }
  ASSIGN_OR_RETURN(const auto stored, store_.FindImports(keys));

  // Replays are answered as they are; the rest are checked against their people's profiles.
  std::vector<size_t> to_check;
  std::vector<int64_t> people;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!refusals[i].ok()) {
      answers[i].result = Refused(refusals[i]);
      continue;
    }
    auto found = stored.find(plans[i].external_key);
    if (found != stored.end() &&
        DecideImport(plans[i], found->second, /*year_taken=*/true).outcome ==
            ImportOutcome::kUnchanged) {
      answers[i].result = {ImportOutcome::kUnchanged, found->second.plan_id,
                           found->second.version, absl::OkStatus()};
      continue;
    }
    to_check.push_back(i);
    people.push_back(plans[i].person_id);
  }
  const std::map<int64_t, absl::StatusOr<SkillProfile>> profiles = call_.profiles.OfEach(people);

  std::vector<size_t> to_store;
  std::vector<PlanImport> batch;
  for (size_t i : to_check) {
    const absl::StatusOr<SkillProfile>& profile = profiles.at(plans[i].person_id);
    if (absl::Status valid = CheckReferences(plans[i], profile); !valid.ok()) {
      answers[i].result = Refused(valid);
      continue;
    }
    Plan draft;
    draft.person_id = plans[i].person_id;
    draft.fiscal_year = plans[i].fiscal_year;
    draft.status = PlanStatus::kDraft;
    draft.items = plans[i].items;
    answers[i].described = Describe(std::move(draft), profile);
    to_store.push_back(i);
    batch.push_back(plans[i]);
  }
  ASSIGN_OR_RETURN(std::vector<PlanImportResult> results, store_.ImportPlans(batch, call_.audit));
  for (size_t k = 0; k < to_store.size(); ++k) {
    ImportedPlan& answer = answers[to_store[k]];
    answer.result = std::move(results[k]);
    const bool written = answer.result.outcome == ImportOutcome::kCreated ||
                         answer.result.outcome == ImportOutcome::kUpdated;
    if (!written) answer.described = DescribedPlan();
  }
  return answers;
}

}  // namespace thaksa::learning
