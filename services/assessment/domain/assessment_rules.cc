#include "services/assessment/domain/assessment_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace thaksa::assessment {

void ValidateAssessment(const AssessmentInput& input, const FrameworkRules& rules,
                        absl::CivilDay today, absl::string_view prefix, FieldErrors& errors) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, name); };
  if (input.person_id <= 0) errors.Add(field("person_id"), "is required");
  if (rules.FindSkillSet(input.skill_set_code) == nullptr) {
    errors.Add(field("skill_set_code"),
               absl::StrCat("is not a skill set of framework ", rules.code));
  }
  if (!rules.HasLevel(input.level)) {
    errors.Add(field("level"), absl::StrCat("is not on the scale of framework ", rules.code,
                                            " (0-", rules.levels.empty() ? 0 : rules.levels.back(),
                                            ")"));
  }
  if (input.source == Source::kUnspecified || static_cast<int>(input.source) > 4) {
    errors.Add(field("source"), "is required: SELF, SUPERVISOR, INSTITUTE_EXAM or CERTIFICATION");
  }
  if (!input.assessed_on.has_value()) {
    errors.Add(field("assessed_on"), "is required");
  } else {
    if (*input.assessed_on > today) errors.Add(field("assessed_on"), "must not be in the future");
    if (input.valid_until.has_value() && *input.valid_until < *input.assessed_on) {
      errors.Add(field("valid_until"), "must not be before assessed_on");
    }
  }
  if (input.supersedes_id < 0) errors.Add(field("supersedes_id"), "must be an assessment id");
  if (input.supersedes_id > 0 && absl::StripAsciiWhitespace(input.supersede_reason).empty()) {
    errors.Add(field("supersede_reason"), "is required when superseding an assessment");
  }
}

bool MayRecord(Role role, Source source) {
  switch (role) {
    case Role::kAdmin: return true;
    case Role::kHrSystem: return source != Source::kSelf;
    case Role::kTrainingInstitute:
    case Role::kService:  // only ever for an institute (see AssessmentRecorder::Prepare)
      return source == Source::kInstituteExam || source == Source::kCertification;
    case Role::kSupervisor: return source == Source::kSupervisor;
    case Role::kPerson: return source == Source::kSelf;
    default: return false;
  }
}

}  // namespace thaksa::assessment
