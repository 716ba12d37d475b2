#include "services/assessment/assessment_convert.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/auth/principal.h"
#include "common/learning_mix.h"
#include "common/proto_dates.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::assessment {
namespace {

// The required first day of an agency's choice; the epoch, named in `errors`, if absent or invalid.
template <typename Request>
absl::CivilDay FirstDayOf(const Request& request, FieldErrors& errors) {
  return RequiredDayFromProto(request.effective_from(), request.has_effective_from(),
                              "effective_from", errors)
      .value_or(absl::CivilDay());
}

}  // namespace

FrameworkRules RulesOf(const pb::Framework& framework) {
  FrameworkRules rules;
  rules.code = framework.code();
  rules.provisional = framework.provisional();
  for (const pb::SkillSet& s : framework.skill_sets()) {
    rules.skill_sets.push_back({s.code(), s.dimension(), static_cast<SkillSetKind>(s.kind())});
  }
  for (const pb::ProficiencyLevel& level : framework.levels()) rules.levels.push_back(level.level());
  for (const pb::Target& t : framework.targets()) {
    rules.AddTarget({t.role_profile().empty() ? t.personnel_group() : 0, t.role_profile(),
                     t.skill_set_code(), static_cast<Period>(t.period()),
                     TargetLevel{t.level(), t.provisional()}});
  }
  for (const pb::RoleProfile& profile : framework.role_profiles()) {
    rules.role_profiles.push_back(profile.code());
  }
  const auto matching_forms = [](const google::protobuf::RepeatedPtrField<std::string>& words) {
    std::vector<std::string> forms;
    for (const std::string& word : words) forms.push_back(MatchingForm(word));
    return forms;
  };
  for (const pb::GroupProfile& g : framework.group_profiles()) {
    rules.profile_rules.push_back({g.personnel_group(), g.profile(),
                                   matching_forms(g.position_keywords()),
                                   matching_forms(g.grades()), g.provisional()});
  }
  for (int source : framework.precedence()) rules.precedence.push_back(static_cast<Source>(source));
  if (rules.precedence.empty()) rules.precedence = DefaultPrecedence();
  if (framework.has_learning_mix()) {
    const pb::LearningMixPolicy mix = LearningMixRuleOf(framework.learning_mix());
    rules.learning_mix = LearningMixRule{
        mix.experiential_percent(),   mix.social_percent(),         mix.formal_percent(),
        mix.experiential_tolerance(), mix.social_tolerance(),       mix.formal_tolerance(),
        mix.present_percent(),        mix.present_tolerance()};
  }
  return rules;
}

CrosswalkRules RulesOf(const pb::Crosswalk& crosswalk) {
  CrosswalkRules rules;
  rules.from_framework = crosswalk.from_framework();
  rules.to_framework = crosswalk.to_framework();
  for (const auto& m : crosswalk.skill_sets()) rules.skill_sets[m.from_skill_set()] = m.to_skill_set();
  for (const auto& m : crosswalk.levels()) rules.levels[m.from_level()] = m.to_level();
  return rules;
}

absl::StatusOr<pb::Framework> FrameworkOf(const StoredFramework& stored) {
  pb::Framework framework;
  if (absl::Status parsed = FromJson(stored.definition_json, &framework); !parsed.ok()) {
    return absl::InternalError("a stored framework definition does not parse");
  }
  framework.set_status(static_cast<pb::FrameworkStatus>(stored.status));
  framework.set_version(stored.version);
  return framework;
}

AssessmentInput InputOf(const pb::AssessmentRecord& record, FieldErrors& errors,
                        const std::string& prefix) {
  AssessmentInput input;
  input.person_id = record.person_id();
  input.skill_set_code = record.skill_set_code();
  input.level = record.level();
  input.source = static_cast<Source>(record.source());
  input.instrument = record.instrument();
  input.assessed_on = DayFromProto(record.assessed_on(), record.has_assessed_on(),
                             prefix + "assessed_on", errors);
  input.valid_until = DayFromProto(record.valid_until(), record.has_valid_until(),
                             prefix + "valid_until", errors);
  input.note = record.note();
  input.external_id = record.external_id();
  input.supersedes_id = record.supersedes_id();
  input.supersede_reason = record.supersede_reason();
  return input;
}

pb::Assessment ToProto(const StoredAssessment& stored) {
  pb::Assessment out;
  out.set_id(stored.fact.id);
  (void)FromJson(stored.record_json, out.mutable_record());
  out.set_assessor_token_id(stored.assessor_token_id);
  out.set_assessor_role(std::string(RoleName(static_cast<Role>(stored.assessor_role))));
  out.set_recorded_at_unix(stored.recorded_at_unix);
  out.set_superseded_by_id(stored.fact.superseded_by_id);
  return out;
}

void ToProto(const RecordResult& stored, pb::BulkAssessmentResult* result) {
  if (stored.outcome != RecordOutcome::kRejected) {
    result->set_outcome(static_cast<pb::RecordOutcome>(stored.outcome));
    result->set_assessment_id(stored.assessment_id);
    return;
  }
  result->set_outcome(pb::RECORD_OUTCOME_REJECTED);
  result->set_rejection(absl::StatusCodeToString(stored.rejection));
  for (const FieldViolation& v : stored.errors) {
    auto* error = result->add_errors();
    error->set_field(v.field);
    error->set_reason(v.description);
  }
}

pb::AgencyFramework ToProto(const AgencyChoice& choice) {
  pb::AgencyFramework out;
  out.set_agency_code(choice.agency_code);
  out.set_framework_code(choice.framework_code);
  out.set_chosen_by_agency_code(choice.chosen_by);
  for (const std::string& code : choice.adopted) out.add_adopted_skill_sets(code);
  return out;
}

FrameworkChoice ChoiceOf(const pb::SetAgencyFrameworkRequest& request, FieldErrors& errors) {
  FrameworkChoice choice;
  choice.agency_code = request.agency_code();
  choice.framework_code = request.framework_code();
  choice.effective_from = FirstDayOf(request, errors);
  return choice;
}

OptionalSkillSetChoice ChoiceOf(const pb::SetOptionalSkillSetRequest& request,
                                FieldErrors& errors) {
  OptionalSkillSetChoice choice;
  choice.agency_code = request.agency_code();
  choice.framework_code = request.framework_code();
  choice.skill_set_code = request.skill_set_code();
  choice.adopted = request.adopted();
  choice.effective_from = FirstDayOf(request, errors);
  return choice;
}

BehaviourRow BehaviourRowOf(const pb::Behaviour& b) {
  BehaviourRow row{b.driver(),
                   b.stage(),
                   b.personnel_group(),
                   b.text().th(),
                   b.text().en(),
                   absl::StrJoin(b.unit_codes(), " "),
                   b.skill_set_code(),
                   absl::StrJoin(b.components(), " "),
                   b.code(),
                   b.period()};
  if (row.skill_set_code.empty() && b.unit_codes_size() > 0) {
    row.skill_set_code = SkillSetOfUnitCode(b.unit_codes(0));
  }
  return row;
}

pb::Behaviour ToProto(const BehaviourRow& row) {
  pb::Behaviour b;
  b.set_driver(row.driver);
  b.set_stage(row.stage);
  b.set_personnel_group(static_cast<common::v1::PersonnelGroup>(row.personnel_group));
  b.mutable_text()->set_th(row.text_th);
  b.mutable_text()->set_en(row.text_en);
  for (absl::string_view code : absl::StrSplit(row.unit_codes, ' ', absl::SkipEmpty())) {
    b.add_unit_codes(std::string(code));
  }
  b.set_skill_set_code(row.skill_set_code);
  b.set_code(row.code);
  b.set_period(static_cast<common::v1::Period>(row.period));
  for (absl::string_view component : absl::StrSplit(row.components, ' ', absl::SkipEmpty())) {
    int number = 0;
    if (absl::SimpleAtoi(component, &number)) {
      b.add_components(static_cast<pb::UnitComponent>(number));
    }
  }
  return b;
}

}  // namespace thaksa::assessment
