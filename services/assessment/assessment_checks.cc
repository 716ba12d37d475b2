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

}  // namespace

void CheckFrameworkText(const pb::Framework& framework, FieldErrors& errors) {
  CheckCode(framework.code(), "framework.code", errors);
  CheckName(framework.name(), "framework.name", errors);
  CheckOptionalText(framework.source(), kMaxDescriptionLength, "framework.source", errors);
  if (CheckCount(framework.skill_sets(), kMaxSkillSets, "framework.skill_sets", errors)) {
    for (int i = 0; i < framework.skill_sets_size(); ++i) {
      const std::string field = absl::StrCat("framework.skill_sets[", i, "]");
      CheckCode(framework.skill_sets(i).code(), field + ".code", errors);
      CheckName(framework.skill_sets(i).name(), field + ".name", errors);
    }
  }
  if (CheckCount(framework.levels(), kMaxLevels, "framework.levels", errors)) {
    for (int i = 0; i < framework.levels_size(); ++i) {
      const std::string field = absl::StrCat("framework.levels[", i, "]");
      CheckName(framework.levels(i).name(), field + ".name", errors);
      CheckOptionalText(framework.levels(i).description().th(), kMaxDescriptionLength,
                        field + ".description.th", errors);
      CheckOptionalText(framework.levels(i).description().en(), kMaxDescriptionLength,
                        field + ".description.en", errors);
    }
  }
  CheckCount(framework.targets(), kMaxTargets, "framework.targets", errors);
  if (CheckCount(framework.group_profiles(), kMaxSkillSets, "framework.group_profiles", errors)) {
    for (int i = 0; i < framework.group_profiles_size(); ++i) {
      CheckOptionalText(framework.group_profiles(i).profile(), kMaxNameLength,
                        absl::StrCat("framework.group_profiles[", i, "].profile"), errors);
    }
  }
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
  CheckRequiredText(behaviour.driver(), kMaxNameLength, prefix + "driver", errors);
  CheckRequiredText(behaviour.stage(), kMaxNameLength, prefix + "stage", errors);
  CheckRequiredText(behaviour.text().th(), kMaxBehaviourTextLength, prefix + "text.th", errors);
  CheckOptionalText(behaviour.text().en(), kMaxBehaviourTextLength, prefix + "text.en", errors);
  // Stored together, separated by spaces, in a column of 255 characters.
  CheckOptionalText(absl::StrJoin(behaviour.unit_codes(), " "), kMaxNameLength,
                    prefix + "unit_codes", errors);
  CheckOptionalCode(behaviour.skill_set_code(), prefix + "skill_set_code", errors);
}

}  // namespace thaksa::assessment
