// What makes an assessment acceptable, and who may record which kind.
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_ASSESSMENT_RULES_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_ASSESSMENT_RULES_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "common/status.h"
#include "services/assessment/domain/framework_rules.h"

namespace thaksa::assessment {

struct AssessmentInput {
  int64_t person_id = 0;
  std::string skill_set_code;
  int level = 0;
  Source source = Source::kUnspecified;
  std::string instrument;
  std::optional<absl::CivilDay> assessed_on;
  std::optional<absl::CivilDay> valid_until;
  std::string note;
  std::string external_id;
  int64_t supersedes_id = 0;
  std::string supersede_reason;
};

// Adds violations (named under `prefix`) for an assessment that does not fit `rules` (skill set,
// level on the scale), lacks what is required, is dated after `today`, or expires before it was
// assessed.
void ValidateAssessment(const AssessmentInput& input, const FrameworkRules& rules,
                        absl::CivilDay today, absl::string_view prefix, FieldErrors& errors);

// Whether `role` may record assessments of `source`: PERSON self-assessments; SUPERVISOR
// supervisor assessments; TRAINING_INSTITUTE exams and certifications; HR_SYSTEM all but
// self-assessments; ADMIN all.
bool MayRecord(Role role, Source source);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_ASSESSMENT_RULES_H_
