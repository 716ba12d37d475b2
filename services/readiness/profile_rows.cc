#include "services/readiness/profile_rows.h"

#include "common/status.h"
#include "services/assessment/skill_profile.h"
#include "services/personnel/domain/agency.h"
#include "services/readiness/readiness_convert.h"

namespace thaksa::readiness {

absl::StatusOr<std::vector<ReadinessRow>> RowsFromProfile(assessment::ProfileInputs& inputs,
                                                          int64_t person_id, absl::CivilDay day) {
  absl::StatusOr<assessment::PersonContext> person = inputs.PersonContextOn(person_id, day);
  if (absl::IsNotFound(person.status())) return std::vector<ReadinessRow>();
  RETURN_IF_ERROR(person.status());
  absl::StatusOr<assessment::v1::SkillProfile> profile =
      assessment::ComputeSkillProfile(inputs, *person, day);
  // No assignment or no framework that day: the person counts nowhere.
  if (absl::IsFailedPrecondition(profile.status())) return std::vector<ReadinessRow>();
  RETURN_IF_ERROR(profile.status());
  const std::vector<int64_t> path = personnel::AncestorIds(person->agency_path);
  if (path.empty()) return std::vector<ReadinessRow>();
  return RowsOf(*profile, path.back());
}

}  // namespace thaksa::readiness
