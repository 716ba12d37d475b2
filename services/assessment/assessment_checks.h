// The checks of assessment-service requests before anything is stored: codes of the one shape,
// text within its documented length in characters, bounded lists (see the limits in
// proto/thaksa/assessment/v1/assessment.proto). Rules that need a framework (skill set, level on
// the scale, targets) are in domain/.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CHECKS_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CHECKS_H_

#include <string>

#include "common/status.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// Limits of the assessment API.
inline constexpr size_t kMaxNameLength = 255;
inline constexpr size_t kMaxDescriptionLength = 2000;
inline constexpr size_t kMaxNoteLength = 2000;
inline constexpr size_t kMaxReasonLength = 1000;
inline constexpr size_t kMaxExternalIdLength = 128;
inline constexpr size_t kMaxEvidenceValueLength = 1000;
inline constexpr size_t kMaxBehaviourTextLength = 4000;
inline constexpr int kMaxSkillSets = 50;
inline constexpr int kMaxLevels = 21;
inline constexpr int kMaxTargets = 1000;
inline constexpr int kMaxEvidence = 20;
inline constexpr int kMaxUnitCodes = 20;
// Position keywords or grades of one group mapping.
inline constexpr int kMaxProfileWords = 20;

// The text and list sizes of a framework version, named under "framework."; false when a list
// is longer than its limit (the definition is then not judged further).
bool CheckFrameworkText(const ::thaksa::assessment::v1::Framework& framework, FieldErrors& errors);

// The codes and text of an assessment record, named under `prefix` (e.g. "assessment.").
void CheckAssessmentText(const ::thaksa::assessment::v1::AssessmentRecord& record,
                         const std::string& prefix, FieldErrors& errors);

// One competency-unit behaviour, named under `prefix` (e.g. "behaviours[3].").
void CheckBehaviour(const ::thaksa::assessment::v1::Behaviour& behaviour,
                    const std::string& prefix, FieldErrors& errors);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CHECKS_H_
