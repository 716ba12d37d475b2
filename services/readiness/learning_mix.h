// The learning mix of an agency's subtree (GetLearningMix): its people's current plans of a
// fiscal year by status, how many keep the 70:20:10 and 70:30 rules and cover the foundation
// skill sets, the mix of achieved hours over all of them, and how many of the people's completed
// development activities carry an application at work their supervisor confirmed. Plans and
// activities come through learning's published reads (PlanMixReads), foundation sets through
// assessment's, and what each person meets from the readiness read model.
#ifndef THAKSA_SERVICES_READINESS_LEARNING_MIX_H_
#define THAKSA_SERVICES_READINESS_LEARNING_MIX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/assessment/store/standing_reads.h"
#include "services/learning/domain/learning_rules.h"
#include "services/learning/store/plan_mix_reads.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

struct LearningMixFigures {
  AgencyRef agency;
  int fiscal_year = 0;
  int64_t plans = 0;
  std::map<int, int64_t> by_status;  // thaksa.learning.v1.PlanStatus -> plans
  int64_t plans_meeting_mix = 0;           // no 70:20:10 or 70:30 rule broken
  int64_t plans_covering_foundation = 0;  // every foundation set met or developed
  learning::Mix achieved;                  // by achieved hours, over every plan
  learning::ActivityCounts activities;     // completed, and applied at work (confirmed)
};

// The mix of `agency_code`'s subtree (empty: the caller's own) for `fiscal_year` (absent: the
// one of `today`), of people working there `today`, if `principal` may see the agency.
absl::StatusOr<LearningMixFigures> LearningMixOf(ReadinessStore& store,
                                                 learning::PlanMixReads& plans,
                                                 assessment::ProfileInputs& frameworks,
                                                 const Principal& principal,
                                                 const std::string& agency_code,
                                                 std::optional<int> fiscal_year,
                                                 absl::CivilDay today);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_LEARNING_MIX_H_
