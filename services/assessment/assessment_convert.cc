#include "services/assessment/assessment_convert.h"

#include "common/proto_dates.h"

namespace thaksa::assessment {
FrameworkRules RulesOf(const pb::Framework& framework) {
  FrameworkRules rules;
  rules.code = framework.code();
  rules.provisional = framework.provisional();
  for (const pb::SkillSet& s : framework.skill_sets()) {
    rules.skill_sets.push_back({s.code(), s.dimension(), static_cast<SkillSetKind>(s.kind())});
  }
  for (const pb::ProficiencyLevel& level : framework.levels()) rules.levels.push_back(level.level());
  for (const pb::Target& t : framework.targets()) {
    rules.targets[{t.personnel_group(), t.skill_set_code(), static_cast<Period>(t.period())}] =
        t.level();
  }
  for (int source : framework.precedence()) rules.precedence.push_back(static_cast<Source>(source));
  if (rules.precedence.empty()) rules.precedence = DefaultPrecedence();
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

}  // namespace thaksa::assessment
