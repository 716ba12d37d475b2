#include "services/learning/plan_workflow.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/auth/call_guard.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/assessment/domain/competency_units.h"
#include "services/learning/learning_checks.h"

namespace thaksa::learning {
namespace {

// The item of `plan` with id `item_id`; INVALID_ARGUMENT on "item_id" if none.
absl::StatusOr<const PlanItem*> ItemOf(const Plan& plan, int64_t item_id) {
  for (const PlanItem& item : plan.items) {
    if (item.id == item_id) return &item;
  }
  return InvalidField("item_id", "no item of this plan has this id");
}

absl::Status Unacceptable(const DescribedPlan& plan) {
  std::vector<std::string> reasons;
  for (const RuleViolation& v : plan.violations) reasons.push_back(v.rule + ": " + v.reason);
  return absl::FailedPreconditionError(
      absl::StrCat("the plan breaks the rules (", absl::StrJoin(reasons, "; "),
                   "); fix them, or approve with a waiver reason"));
}

// The plan with its mix by planned and by achieved hours and its goal warnings, without
// violations.
DescribedPlan WithMix(Plan plan) {
  DescribedPlan described;
  const std::vector<ItemHours> items = HoursOf(plan);
  described.planned = MixOf(items, /*achieved=*/false);
  described.achieved = MixOf(items, /*achieved=*/true);
  described.warnings = GoalWarnings(plan);
  described.plan = std::move(plan);
  return described;
}

// Whether a plan may go from `from` to `to`, and the access that takes.
struct Move {
  bool allowed = false;
  PlanAccess access = PlanAccess::kEdit;
};

Move MoveOf(PlanStatus from, PlanStatus to) {
  switch (to) {
    case PlanStatus::kDraft:  // returned
      return {from == PlanStatus::kSubmitted, PlanAccess::kEdit};
    case PlanStatus::kSubmitted:
      return {from == PlanStatus::kDraft, PlanAccess::kSubmit};
    case PlanStatus::kApproved:
      return {from == PlanStatus::kSubmitted, PlanAccess::kApprove};
    case PlanStatus::kActive:
      return {from == PlanStatus::kApproved, PlanAccess::kEdit};
    case PlanStatus::kCompleted:
      return {from == PlanStatus::kActive, PlanAccess::kApprove};
    case PlanStatus::kCancelled:
      return {from != PlanStatus::kCompleted && from != PlanStatus::kCancelled &&
                  from != PlanStatus::kSuperseded,
              from == PlanStatus::kApproved || from == PlanStatus::kActive ? PlanAccess::kApprove
                                                                          : PlanAccess::kEdit};
    default:
      return {};
  }
}

// `plan` described with its person's skill profile as the caller may read it.
DescribedPlan Described(const PlanCall& call, Plan plan) {
  const absl::StatusOr<SkillProfile> profile = call.profiles.Of(plan.person_id);
  return Describe(std::move(plan), profile);
}

}  // namespace

DescribedPlan Describe(Plan plan, const absl::StatusOr<SkillProfile>& profile) {
  DescribedPlan described = WithMix(std::move(plan));
  static const SkillProfile kNone;
  const SkillProfile& known = profile.ok() ? *profile : kNone;
  if (!profile.ok()) {
    described.violations.push_back(
        {"foundation", absl::StrCat("the person's skill profile is not available: ",
                                    profile.status().message())});
  }
  for (RuleViolation& v : CheckPlan(HoursOf(described.plan), known.mix_policy,
                                    known.foundation_sets, known.met_sets)) {
    described.violations.push_back(std::move(v));
  }
  return described;
}

absl::StatusOr<std::set<std::string>> SkillSetsFor(SkillProfiles& profiles,
                                                   const absl::StatusOr<SkillProfile>& profile) {
  if (absl::IsFailedPrecondition(profile.status())) return std::set<std::string>();
  RETURN_IF_ERROR(profile.status());
  return profiles.SkillSetsOf(profile->framework_code);
}

void CheckItemReferences(const PlanItem& item, const std::string& field,
                         const ItemReferences& references, FieldErrors& errors) {
  for (size_t i = 0; i < item.skill_set_codes.size(); ++i) {
    if (!references.skill_sets.empty() &&
        references.skill_sets.count(item.skill_set_codes[i]) == 0) {
      errors.Add(absl::StrCat(field, ".skill_set_codes[", i, "]"),
                 "is not a skill set of the person's framework");
    }
  }
  if (!item.course_code.empty() || !item.institute_code.empty()) {
    if (item.mode != Mode::kFormal) {
      errors.Add(field + ".course_code", "only FORMAL items take a course");
    } else if (!references.course_exists(item.institute_code, item.course_code)) {
      errors.Add(field + ".course_code", "no course of that institute has this code");
    }
  }
  static const std::vector<std::string> kNone;
  const std::vector<std::string>& behaviours =
      references.behaviour_codes != nullptr ? *references.behaviour_codes : kNone;
  for (size_t i = 0; i < item.behaviour_codes.size(); ++i) {
    if (!std::binary_search(behaviours.begin(), behaviours.end(), item.behaviour_codes[i])) {
      errors.Add(absl::StrCat(field, ".behaviour_codes[", i, "]"),
                 behaviours.empty()
                     ? "no expected behaviour has this code (none with codes is loaded: load the "
                       "annex's behaviours)"
                     : "no expected behaviour of the annex has this code");
    }
  }
  if (!item.unit_codes.empty()) {
    assessment::UnitCodesOf(item.unit_codes, field + ".unit_codes", errors,
                            references.unit_codes != nullptr ? references.unit_codes : &kNone);
  }
}

absl::Status ReadGoals(assessment::AnnexReferences& annex, const std::vector<PlanItem>& items,
                       GoalCodes& goals, ItemReferences& references) {
  bool behaviours = false, units = false;
  for (const PlanItem& item : items) {
    behaviours = behaviours || !item.behaviour_codes.empty();
    units = units || !item.unit_codes.empty();
  }
  if (behaviours && !goals.behaviour_codes.has_value()) {
    ASSIGN_OR_RETURN(goals.behaviour_codes, annex.BehaviourCodes());
  }
  if (units && !goals.unit_codes.has_value()) {
    ASSIGN_OR_RETURN(goals.unit_codes, annex.UnitCodes());
  }
  if (goals.behaviour_codes.has_value()) references.behaviour_codes = &*goals.behaviour_codes;
  if (goals.unit_codes.has_value()) references.unit_codes = &*goals.unit_codes;
  return absl::OkStatus();
}

absl::Status PlanWorkflow::Require(const PlanCall& call, int64_t person_id, PlanAccess access) {
  return RequirePlanAccess(directory_, ThaiDate(clock_.Now()), call.principal, person_id, access);
}

absl::Status PlanWorkflow::Validate(const PlanCall& call,
                                    const absl::StatusOr<SkillProfile>& profile,
                                    const PlanItem& item) {
  ItemReferences references;
  ASSIGN_OR_RETURN(references.skill_sets, SkillSetsFor(call.profiles, profile));
  references.course_exists = [&](const std::string& institute, const std::string& course) {
    return store_.GetCourse(institute, course).ok();
  };
  GoalCodes goals;
  RETURN_IF_ERROR(ReadGoals(call.annex, {item}, goals, references));
  FieldErrors errors;
  CheckItemReferences(item, "item", references, errors);
  return errors.ToStatus();
}

absl::StatusOr<DescribedPlan> PlanWorkflow::Create(const PlanCall& call, int64_t person_id,
                                                   int fiscal_year) {
  RETURN_IF_ERROR(Require(call, person_id, PlanAccess::kEdit));
  ASSIGN_OR_RETURN(Plan plan, store_.CreatePlan(person_id, fiscal_year, call.audit));
  return Described(call, std::move(plan));
}

absl::StatusOr<DescribedPlan> PlanWorkflow::PutItem(const PlanCall& call, int64_t plan_id,
                                                    const PlanItem& item,
                                                    int64_t expected_version) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  RETURN_IF_ERROR(Require(call, plan.person_id, PlanAccess::kEdit));
  const absl::StatusOr<SkillProfile> profile = call.profiles.Of(plan.person_id);
  RETURN_IF_ERROR(Validate(call, profile, item));
  PlanItem stored = item;
  // Progress is not the caller's to set: a new item starts PLANNED, a changed one keeps its own.
  stored.status = ItemStatus::kUnspecified;
  stored.achieved_hours = 0;
  if (item.id != 0) {
    if (absl::StatusOr<const PlanItem*> current = ItemOf(plan, item.id); current.ok()) {
      stored.status = (*current)->status;
      stored.achieved_hours = (*current)->achieved_hours;
    }
  }
  ASSIGN_OR_RETURN(plan, store_.PutPlanItem(plan.id, stored, expected_version, call.audit));
  return Describe(std::move(plan), profile);
}

absl::StatusOr<DescribedPlan> PlanWorkflow::AddItem(const PlanCall& call, int64_t plan_id,
                                                    PlanItem item, int64_t expected_version) {
  item.id = 0;
  return PutItem(call, plan_id, item, expected_version);
}

absl::StatusOr<DescribedPlan> PlanWorkflow::UpdateItem(const PlanCall& call, int64_t plan_id,
                                                       PlanItem item, int64_t expected_version) {
  return PutItem(call, plan_id, item, expected_version);
}

absl::StatusOr<DescribedPlan> PlanWorkflow::RemoveItem(const PlanCall& call, int64_t plan_id,
                                                       int64_t item_id,
                                                       int64_t expected_version) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  RETURN_IF_ERROR(Require(call, plan.person_id, PlanAccess::kEdit));
  ASSIGN_OR_RETURN(plan, store_.RemovePlanItem(plan.id, item_id, expected_version, call.audit));
  return Described(call, std::move(plan));
}

absl::StatusOr<DescribedPlan> PlanWorkflow::Get(const PlanCall& call, int64_t plan_id) {
  absl::StatusOr<Plan> plan = store_.GetPlan(plan_id);
  if (!plan.ok() && !IsAdmin(call.principal)) return OutsideScope();
  RETURN_IF_ERROR(plan.status());
  RETURN_IF_ERROR(Require(call, plan->person_id, PlanAccess::kRead));
  return Described(call, *std::move(plan));
}

absl::StatusOr<std::vector<DescribedPlan>> PlanWorkflow::List(const PlanCall& call,
                                                              const PlanQuery& query) {
  std::string agency = query.agency_code;
  if (agency.empty() && !IsAdmin(call.principal)) agency = call.principal.agency_code;
  std::string path;  // empty: every agency (ADMIN without a filter)
  if (!agency.empty()) {
    absl::StatusOr<std::string> found = directory_.AgencyPath(agency);
    if (!found.ok() || !CoversAgency(call.principal, *found)) return OutsideScope();
    path = *found;
  } else if (!IsAdmin(call.principal)) {
    return OutsideScope();  // a caller without a subtree lists nobody's plans
  }
  ASSIGN_OR_RETURN(std::vector<Plan> plans,
                   store_.ListPlans(path, query.status, query.fiscal_year));
  std::vector<DescribedPlan> described;
  described.reserve(plans.size());
  for (Plan& plan : plans) described.push_back(WithMix(std::move(plan)));
  return described;
}

absl::StatusOr<DescribedPlan> PlanWorkflow::Transition(const PlanCall& call, int64_t plan_id,
                                                       PlanStatus to, int64_t expected_version,
                                                       const std::string& waiver_reason) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  const PlanStatus from = plan.status;
  const Move move = MoveOf(from, to);
  RETURN_IF_ERROR(Require(call, plan.person_id, move.access));
  if (!move.allowed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "a plan cannot go from ", PlanStatusName(from), " to ", PlanStatusName(to)));
  }
  FieldErrors errors;
  CheckWaiverReason(waiver_reason, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  const absl::StatusOr<SkillProfile> profile = call.profiles.Of(plan.person_id);
  std::string waiver;
  if (to == PlanStatus::kApproved) {
    const DescribedPlan described = Describe(plan, profile);
    if (!described.violations.empty()) {
      if (waiver_reason.empty()) return Unacceptable(described);
      waiver = waiver_reason;
    }
  }
  ASSIGN_OR_RETURN(plan, store_.SetPlanStatus(
                             plan.id, from, to, expected_version, waiver,
                             to == PlanStatus::kApproved ? call.principal.token_id : 0,
                             call.audit));
  return Describe(std::move(plan), profile);
}

absl::StatusOr<DescribedPlan> PlanWorkflow::Revise(const PlanCall& call, int64_t plan_id) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  RETURN_IF_ERROR(Require(call, plan.person_id, PlanAccess::kEdit));
  ASSIGN_OR_RETURN(plan, store_.RevisePlan(plan.id, call.audit));
  return Described(call, std::move(plan));
}

absl::StatusOr<DescribedPlan> PlanWorkflow::CompleteItem(const PlanCall& call, int64_t plan_id,
                                                         int64_t item_id, double achieved_hours,
                                                         const std::string& evidence) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  RETURN_IF_ERROR(Require(call, plan.person_id, PlanAccess::kEdit));
  if (plan.status != PlanStatus::kActive) {
    return absl::FailedPreconditionError("items are completed in an ACTIVE plan");
  }
  ASSIGN_OR_RETURN(const PlanItem* item, ItemOf(plan, item_id));
  if (item->mode == Mode::kFormal) {
    return absl::FailedPreconditionError("formal items are completed by institute completions");
  }
  FieldErrors errors;
  CheckProgressReport(achieved_hours, evidence, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  ASSIGN_OR_RETURN(plan, store_.SetItemProgress(plan.id, item->id, ItemStatus::kReported,
                                                achieved_hours, evidence, call.audit));
  return Described(call, std::move(plan));
}

absl::StatusOr<DescribedPlan> PlanWorkflow::ConfirmItem(const PlanCall& call, int64_t plan_id,
                                                        int64_t item_id) {
  ASSIGN_OR_RETURN(Plan plan, store_.GetPlan(plan_id));
  RETURN_IF_ERROR(Require(call, plan.person_id, PlanAccess::kApprove));
  ASSIGN_OR_RETURN(const PlanItem* item, ItemOf(plan, item_id));
  if (item->status != ItemStatus::kReported) {
    return absl::FailedPreconditionError("only an item the person reported done is confirmed");
  }
  ASSIGN_OR_RETURN(plan, store_.SetItemProgress(plan.id, item->id, ItemStatus::kDone,
                                                item->achieved_hours, "", call.audit));
  return Described(call, std::move(plan));
}

}  // namespace thaksa::learning
