#include "services/learning/learning_convert.h"

#include "common/learning_mix.h"
#include "common/proto_dates.h"
#include "common/status.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::learning {
namespace {

void ToProto(const Mix& mix, v1::Mix* out) {
  out->set_experiential_hours(mix.experiential_hours);
  out->set_social_hours(mix.social_hours);
  out->set_formal_hours(mix.formal_hours);
  out->set_experiential_percent(mix.experiential_percent);
  out->set_social_percent(mix.social_percent);
  out->set_formal_percent(mix.formal_percent);
  out->set_present_percent(mix.present_percent);
  out->set_future_percent(mix.future_percent);
}

void ToProto(const std::vector<RuleViolation>& violations,
             google::protobuf::RepeatedPtrField<v1::Violation>* out) {
  for (const RuleViolation& v : violations) {
    v1::Violation* violation = out->Add();
    violation->set_rule(v.rule);
    violation->set_reason(v.reason);
  }
}

}  // namespace

MixPolicy MixPolicyOf(const assessment::v1::LearningMixPolicy& given) {
  const assessment::v1::LearningMixPolicy policy = LearningMixRuleOf(given);
  MixPolicy mix;
  mix.experiential = policy.experiential_percent();
  mix.social = policy.social_percent();
  mix.formal = policy.formal_percent();
  mix.experiential_tolerance = policy.experiential_tolerance();
  mix.social_tolerance = policy.social_tolerance();
  mix.formal_tolerance = policy.formal_tolerance();
  mix.present = policy.present_percent();
  mix.horizon_tolerance = policy.present_tolerance();
  return mix;
}

PlanItem FromProto(const v1::PlanItem& item) {
  PlanItem out;
  out.id = item.id();
  out.title = item.title();
  out.mode = static_cast<Mode>(item.mode());
  out.skill_set_codes.assign(item.skill_set_codes().begin(), item.skill_set_codes().end());
  out.planned_hours = item.planned_hours();
  out.horizon = static_cast<Horizon>(item.horizon());
  FieldErrors ignored;  // impossible dates are refused by CheckPlanItem before this
  out.due = DayFromProto(item.due(), item.has_due(), "item.due", ignored);
  out.institute_code = item.institute_code();
  out.course_code = item.course_code();
  out.status = static_cast<ItemStatus>(item.status());
  out.achieved_hours = item.achieved_hours();
  out.evidence = item.evidence();
  out.behaviour_codes.assign(item.behaviour_codes().begin(), item.behaviour_codes().end());
  for (const std::string& given : item.unit_codes()) {
    // A code that is none is refused by CheckPlanItem before this.
    const absl::StatusOr<assessment::UnitCode> unit = assessment::NormaliseUnitCode(given);
    out.unit_codes.push_back(unit.ok() ? unit->code : given);
  }
  return out;
}

v1::PlanItem ToProto(const PlanItem& item) {
  v1::PlanItem out;
  out.set_id(item.id);
  out.set_title(item.title);
  out.set_mode(static_cast<v1::LearningMode>(item.mode));
  for (const std::string& code : item.skill_set_codes) out.add_skill_set_codes(code);
  out.set_planned_hours(item.planned_hours);
  out.set_horizon(static_cast<v1::Horizon>(item.horizon));
  if (item.due.has_value()) DayToProto(*item.due, out.mutable_due());
  out.set_institute_code(item.institute_code);
  out.set_course_code(item.course_code);
  out.set_status(static_cast<v1::ItemStatus>(item.status));
  out.set_achieved_hours(item.achieved_hours);
  out.set_evidence(item.evidence);
  for (const std::string& code : item.behaviour_codes) out.add_behaviour_codes(code);
  for (const std::string& code : item.unit_codes) out.add_unit_codes(code);
  return out;
}

PlanStatus FromProto(v1::PlanStatus status) { return static_cast<PlanStatus>(status); }

v1::PlanStatus ToProto(PlanStatus status) { return static_cast<v1::PlanStatus>(status); }

v1::Plan ToProto(const Plan& plan) {
  v1::Plan out;
  out.set_id(plan.id);
  out.set_person_id(plan.person_id);
  out.mutable_fiscal_year()->set_be_year(plan.fiscal_year);
  out.set_revision(plan.revision);
  out.set_status(ToProto(plan.status));
  for (const PlanItem& item : plan.items) *out.add_items() = ToProto(item);
  out.set_waiver_reason(plan.waiver_reason);
  out.set_approved_by_token_id(plan.approved_by_token_id);
  out.set_version(plan.version);
  return out;
}

v1::Plan ToProto(const DescribedPlan& plan) {
  v1::Plan out = ToProto(plan.plan);
  ToProto(plan.planned, out.mutable_planned());
  ToProto(plan.achieved, out.mutable_achieved());
  ToProto(plan.violations, out.mutable_violations());
  ToProto(plan.warnings, out.mutable_warnings());
  return out;
}

void ToProto(const PlanImportResult& result, const DescribedPlan& described,
             v1::BulkPlanResult* out) {
  switch (result.outcome) {
    case ImportOutcome::kCreated: out->set_outcome(v1::PLAN_IMPORT_OUTCOME_CREATED); break;
    case ImportOutcome::kUpdated: out->set_outcome(v1::PLAN_IMPORT_OUTCOME_UPDATED); break;
    case ImportOutcome::kUnchanged: out->set_outcome(v1::PLAN_IMPORT_OUTCOME_UNCHANGED); break;
    case ImportOutcome::kRejected: out->set_outcome(v1::PLAN_IMPORT_OUTCOME_REJECTED); break;
  }
  out->set_plan_id(result.plan_id);
  out->set_version(result.version);
  if (result.outcome == ImportOutcome::kCreated || result.outcome == ImportOutcome::kUpdated) {
    ToProto(described.planned, out->mutable_planned());
    ToProto(described.violations, out->mutable_violations());
    ToProto(described.warnings, out->mutable_warnings());
  }
  if (result.outcome == ImportOutcome::kRejected) {
    out->set_rejection(absl::StatusCodeToString(result.refusal.code()));
    for (const FieldViolation& v : FieldViolationsOr(result.refusal, "person_id")) {
      v1::FieldError* error = out->add_errors();
      error->set_field(v.field);
      error->set_reason(v.description);
    }
  }
}

WorkApplication FromProto(const v1::WorkApplication& application) {
  WorkApplication out;
  out.completion_id = application.completion_id();
  out.plan_item_id = application.plan_item_id();
  out.description = application.description();
  out.evidence = application.evidence();
  FieldErrors ignored;
  out.applied_on = DayFromProto(application.applied_on(), application.has_applied_on(),
                                "applied_on", ignored)
                       .value_or(absl::CivilDay());
  return out;
}

v1::WorkApplication ToProto(const WorkApplication& application) {
  v1::WorkApplication out;
  out.set_id(application.id);
  out.set_completion_id(application.completion_id);
  out.set_plan_item_id(application.plan_item_id);
  out.set_person_id(application.person_id);
  out.set_description(application.description);
  out.set_evidence(application.evidence);
  DayToProto(application.applied_on, out.mutable_applied_on());
  out.set_confirmed(application.confirmed);
  out.set_confirmed_at_unix(application.confirmed_at_unix);
  out.set_version(application.version);
  return out;
}

}  // namespace thaksa::learning
