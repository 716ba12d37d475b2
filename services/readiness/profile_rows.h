// The rows people give the readiness read model on a day, from their skill profiles as the
// assessment service computes them (through its published reads).
#ifndef THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_
#define THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/domain/figures.h"

namespace thaksa::readiness {

// The rows of some people by person id: every one of them, with no rows for those unknown, with
// no assignment on the day or whose agency followed no framework then; rows in their own group
// and in each further group they held that day.
using PeopleRows = std::map<int64_t, std::vector<ReadinessRow>>;

// People whose rows are computed together (ComputeSkillProfiles) and used at once.
inline constexpr size_t kPeoplePerChunk = 2000;

// Asked between chunks of work done for one call: OK while the call may go on, else why not
// (the caller gave up, or the call ran past the server's limit). Empty: always go on.
using KeepGoing = std::function<absl::Status()>;

// Calls `use` with the rows of `person_ids` on `day`, kPeoplePerChunk people at a time, in
// order, in the calling thread; stops at the first error. The next chunk is computed (reading
// through `inputs`, which must allow calls from another thread) while `use` runs.
absl::Status ForRowsOfPeople(assessment::ProfileInputs& inputs,
                             const std::vector<int64_t>& person_ids, absl::CivilDay day,
                             const std::function<absl::Status(const PeopleRows&)>& use);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_
