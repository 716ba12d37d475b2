#include "services/assessment/assessment_checks.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/field_checks.h"

namespace thaksa::assessment {
namespace {

namespace pb = ::thaksa::assessment::v1;

void CheckName(const common::v1::LocalizedText& name, const std::string& field,
               FieldErrors& errors) {
  CheckRequiredText(name.th(), kMaxNameLength, field + ".th", errors);
  CheckOptionalText(name.en(), kMaxNameLength, field + ".en", errors);
}

// A short list of words, each one not blank; false when the list is too long.
bool CheckWords(const google::protobuf::RepeatedPtrField<std::string>& words,
                const std::string& field, FieldErrors& errors) {
  if (!CheckCount(words, kMaxProfileWords, field, errors)) return false;
  for (int i = 0; i < words.size(); ++i) {
    CheckRequiredText(words[i], kMaxNameLength, absl::StrCat(field, "[", i, "]"), errors);
  }
  return true;
}

}  // namespace

bool CheckFrameworkText(const pb::Framework& framework, FieldErrors& errors) {
  CheckCode(framework.code(), "framework.code", errors);
  CheckName(framework.name(), "framework.name", errors);
  CheckOptionalText(framework.source(), kMaxDescriptionLength, "framework.source", errors);
  bool within_limits = true;
  // Whether one list is within its limit, noted for the answer.
  const auto counted = [&](bool within) {
    within_limits = within_limits && within;
    return within;
  };
  if (counted(CheckCount(framework.skill_sets(), kMaxSkillSets, "framework.skill_sets", errors))) {
    for (int i = 0; i < framework.skill_sets_size(); ++i) {
      const std::string field = absl::StrCat("framework.skill_sets[", i, "]");
      CheckCode(framework.skill_sets(i).code(), field + ".code", errors);
      CheckName(framework.skill_sets(i).name(), field + ".name", errors);
    }
  }
  if (counted(CheckCount(framework.levels(), kMaxLevels, "framework.levels", errors))) {
    for (int i = 0; i < framework.levels_size(); ++i) {
      const std::string field = absl::StrCat("framework.levels[", i, "]");
      CheckName(framework.levels(i).name(), field + ".name", errors);
      CheckOptionalText(framework.levels(i).description().th(), kMaxDescriptionLength,
                        field + ".description.th", errors);
      CheckOptionalText(framework.levels(i).description().en(), kMaxDescriptionLength,
                        field + ".description.en", errors);
    }
  }
  if (counted(CheckCount(framework.targets(), kMaxTargets, "framework.targets", errors))) {
    for (int i = 0; i < framework.targets_size(); ++i) {
      const pb::Target& target = framework.targets(i);
      if (target.role_profile().empty()) continue;
      const std::string field = absl::StrCat("framework.targets[", i, "]");
      CheckCode(target.role_profile(), field + ".role_profile", errors);
      if (target.personnel_group() != common::v1::PERSONNEL_GROUP_UNSPECIFIED) {
        errors.Add(field, "names a personnel group and a role profile; a target is one's");
      }
    }
  }
  if (counted(CheckCount(framework.role_profiles(), kMaxSkillSets, "framework.role_profiles",
                         errors))) {
    for (int i = 0; i < framework.role_profiles_size(); ++i) {
      const std::string field = absl::StrCat("framework.role_profiles[", i, "]");
      CheckCode(framework.role_profiles(i).code(), field + ".code", errors);
      CheckName(framework.role_profiles(i).name(), field + ".name", errors);
    }
  }
  if (counted(CheckCount(framework.group_profiles(), kMaxSkillSets, "framework.group_profiles",
                         errors))) {
    for (int i = 0; i < framework.group_profiles_size(); ++i) {
      const pb::GroupProfile& mapping = framework.group_profiles(i);
      const std::string field = absl::StrCat("framework.group_profiles[", i, "]");
      if (framework.role_profiles().empty()) {
        CheckOptionalText(mapping.profile(), kMaxNameLength, field + ".profile", errors);
      } else {
        CheckCode(mapping.profile(), field + ".profile", errors);
      }
      counted(CheckWords(mapping.position_keywords(), field + ".position_keywords", errors));
      counted(CheckWords(mapping.grades(), field + ".grades", errors));
    }
  }
  return within_limits;
}

void CheckAssessmentText(const pb::AssessmentRecord& record, const std::string& prefix,
                         FieldErrors& errors) {
  CheckOptionalCode(record.framework_code(), prefix + "framework_code", errors);
  CheckCode(record.skill_set_code(), prefix + "skill_set_code", errors);
  CheckOptionalText(record.instrument(), kMaxNameLength, prefix + "instrument", errors);
  CheckOptionalText(record.note(), kMaxNoteLength, prefix + "note", errors);
  if (!record.external_id().empty()) {
    CheckRequiredText(record.external_id(), kMaxExternalIdLength, prefix + "external_id", errors);
  }
  CheckOptionalText(record.supersede_reason(), kMaxReasonLength, prefix + "supersede_reason",
                    errors);
  CheckCount(record.unit_codes(), kMaxUnitCodes, prefix + "unit_codes", errors);
  if (!CheckCount(record.evidence(), kMaxEvidence, prefix + "evidence", errors)) return;
  for (int i = 0; i < record.evidence_size(); ++i) {
    const std::string field = absl::StrCat(prefix, "evidence[", i, "]");
    CheckRequiredText(record.evidence(i).kind(), kMaxCodeLength, field + ".kind", errors);
    CheckRequiredText(record.evidence(i).value(), kMaxEvidenceValueLength, field + ".value",
                      errors);
  }
}

void CheckBehaviour(const pb::Behaviour& behaviour, const std::string& prefix,
                    FieldErrors& errors) {
  CheckCode(behaviour.code(), prefix + "code", errors);
  if (behaviour.period() == common::v1::PERIOD_UNSPECIFIED ||
      !common::v1::Period_IsValid(behaviour.period())) {
    errors.Add(prefix + "period", "is required: EARLY, DEVELOPING or MATURING");
  }
  CheckRequiredText(behaviour.driver(), kMaxNameLength, prefix + "driver", errors);
  CheckRequiredText(behaviour.stage(), kMaxNameLength, prefix + "stage", errors);
  CheckRequiredText(behaviour.text().th(), kMaxBehaviourTextLength, prefix + "text.th", errors);
  CheckOptionalText(behaviour.text().en(), kMaxBehaviourTextLength, prefix + "text.en", errors);
  // Stored together, separated by spaces, in a column of 255 characters.
  CheckOptionalText(absl::StrJoin(behaviour.unit_codes(), " "), kMaxNameLength,
                    prefix + "unit_codes", errors);
  CheckOptionalCode(behaviour.skill_set_code(), prefix + "skill_set_code", errors);
  for (int component : behaviour.components()) {
    if (!pb::UnitComponent_IsValid(component) || component == pb::UNIT_COMPONENT_UNSPECIFIED) {
      errors.Add(prefix + "components", "KNOWLEDGE, ABILITY, EXPERIENCE or ATTRIBUTE");
      break;
    }
  }
}

}  // namespace thaksa::assessment
