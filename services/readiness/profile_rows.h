// The rows a person gives the readiness read model on a day, from their skill profile as the
// assessment service computes it (through its published reads).
#ifndef THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_
#define THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/domain/figures.h"

namespace thaksa::readiness {

// None if the person is unknown, had no assignment on `day` or their agency followed no
// framework then.
absl::StatusOr<std::vector<ReadinessRow>> RowsFromProfile(assessment::ProfileInputs& inputs,
                                                          int64_t person_id, absl::CivilDay day);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_PROFILE_ROWS_H_
