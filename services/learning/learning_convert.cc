#include "services/learning/learning_convert.h"

#include "common/proto_dates.h"

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

}  // namespace

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
  for (const RuleViolation& v : plan.violations) {
    v1::Violation* violation = out.add_violations();
    violation->set_rule(v.rule);
    violation->set_reason(v.reason);
  }
  return out;
}

}  // namespace thaksa::learning
