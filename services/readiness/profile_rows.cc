#include "services/readiness/profile_rows.h"

#include <algorithm>
#include <future>

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
                   assessment::ComputeSkillProfiles(inputs, person_ids, day,
                                                    /*with_further_groups=*/true));
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
  const auto rows_from = [&](size_t start) {
    const size_t end = std::min(person_ids.size(), start + kPeoplePerChunk);
    return RowsOfPeople(inputs,
                        std::vector<int64_t>(person_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                             person_ids.begin() + static_cast<std::ptrdiff_t>(end)),
                        day);
  };
  if (person_ids.empty()) return absl::OkStatus();
  absl::StatusOr<PeopleRows> rows = rows_from(0);
  for (size_t start = 0; start < person_ids.size(); start += kPeoplePerChunk) {
    RETURN_IF_ERROR(rows.status());
    // The next chunk is read and computed in a thread of its own while `use` takes this one, so
    // that the database and the computation work at once. (Leaving early waits for it: the
    // destructor of std::async's future does.)
    std::future<absl::StatusOr<PeopleRows>> next;
    if (start + kPeoplePerChunk < person_ids.size()) {
      next = std::async(std::launch::async, rows_from, start + kPeoplePerChunk);
    }
    RETURN_IF_ERROR(use(*rows));
    if (next.valid()) rows = next.get();
  }
  return absl::OkStatus();
}

}  // namespace thaksa::readiness
