#include "services/readiness/profile_rows.h"

#include <algorithm>

#include "common/status.h"
#include "services/assessment/skill_profile.h"
#include "services/personnel/domain/agency.h"
#include "services/readiness/readiness_convert.h"

namespace thaksa::readiness {

namespace {

absl::StatusOr<PeopleRows> RowsOfPeople(assessment::ProfileInputs& inputs,
                                        const std::vector<int64_t>& person_ids,
                                        absl::CivilDay day) {
  PeopleRows rows;
  for (int64_t id : person_ids) rows[id];
  ASSIGN_OR_RETURN(const std::vector<assessment::PersonProfile> profiles,
                   assessment::ComputeSkillProfiles(inputs, person_ids, day));
  for (const assessment::PersonProfile& p : profiles) {
    const std::vector<int64_t> path = personnel::AncestorIds(p.person.agency_path);
    if (path.empty()) continue;
    rows[p.person.person_id] = RowsOf(p.profile, path.back(), p.person.agency_path);
  }
  return rows;
}

}  // namespace

absl::Status ForRowsOfPeople(assessment::ProfileInputs& inputs,
                             const std::vector<int64_t>& person_ids, absl::CivilDay day,
                             const std::function<absl::Status(const PeopleRows&)>& use) {
  for (size_t start = 0; start < person_ids.size(); start += kPeoplePerChunk) {
    const size_t end = std::min(person_ids.size(), start + kPeoplePerChunk);
    ASSIGN_OR_RETURN(const PeopleRows rows,
                     RowsOfPeople(inputs,
                                  std::vector<int64_t>(
                                      person_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                      person_ids.begin() + static_cast<std::ptrdiff_t>(end)),
                                  day));
    RETURN_IF_ERROR(use(rows));
  }
  return absl::OkStatus();
}

}  // namespace thaksa::readiness
