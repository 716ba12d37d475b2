// A person's skill profile on a date: for every skill set that applies to them, the counted
// level (read through crosswalks when assessed under another version), the present and future
// targets, the gap and the status. Used by the assessment RPCs and by read models.
#ifndef THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_
#define THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/assessment/store/standing_reads.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// FAILED_PRECONDITION if the person had no assignment on `on`, or their agency followed no
// framework then. With `with_further_groups`, the profile also measures them in each further
// group they held on `on` (SkillProfile.further_groups, read with ProfileInputs::FurtherGroupsOn).
absl::StatusOr<v1::SkillProfile> ComputeSkillProfile(ProfileInputs& store,
                                                     const PersonContext& person,
                                                     absl::CivilDay on,
                                                     bool with_further_groups = false);

// As ComputeSkillProfile (with the further groups `person` carries), from `stored`: every
// assessment of the person as ProfileInputs::AssessmentsOf reads them, for callers that read
// them already.
absl::StatusOr<v1::SkillProfile> SkillProfileFrom(ProfileInputs& store,
                                                  const PersonContext& person,
                                                  const std::vector<StoredAssessment>& stored,
                                                  absl::CivilDay on);

// A person as they stood on a date, and their profile then.
struct PersonProfile {
  PersonContext person;
  v1::SkillProfile profile;
};

// The profiles of `person_ids` on `on`, computed together by the same rules as
// ComputeSkillProfile: the people, their agencies' choices and their assessments each read with
// one batch read for all, each framework and its crosswalks read and parsed once. People who
// are unknown, had no assignment on `on` or whose agency followed no framework then are left
// out.
absl::StatusOr<std::vector<PersonProfile>> ComputeSkillProfiles(
    ProfileInputs& store, const std::vector<int64_t>& person_ids, absl::CivilDay on,
    bool with_further_groups = false);

// The profiles of `person_ids` on `on` as `principal` may read them, each as GetSkillProfile
// answers it: PERMISSION_DENIED for a person outside the caller's scope (or unknown, but to
// ADMIN: NOT_FOUND), FAILED_PRECONDITION for one without an assignment or a framework on `on`,
// the profile otherwise. One entry per distinct id, in the order first asked. Computed together
// (ComputeSkillProfiles); the people it leaves out are looked at one by one for their error. A
// store error of the batch is every person's.
std::vector<std::pair<int64_t, absl::StatusOr<v1::SkillProfile>>> VisibleSkillProfiles(
    ProfileInputs& store, const Principal& principal, const std::vector<int64_t>& person_ids,
    absl::CivilDay on, bool with_further_groups = false);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_SKILL_PROFILE_H_
