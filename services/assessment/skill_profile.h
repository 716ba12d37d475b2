// A person's skill profile on a date: for every skill set that applies to them, the counted
// level (read through crosswalks when assessed under another version), the present and future
// targets, the gap and the status. Used by the assessment RPCs and by read models.
#ifndef THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_
#define THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/store/standing_reads.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// FAILED_PRECONDITION if the person had no assignment on `on`, or their agency followed no
// framework then.
absl::StatusOr<v1::SkillProfile> ComputeSkillProfile(ProfileInputs& store,
                                                     const PersonContext& person,
                                                     absl::CivilDay on);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_
