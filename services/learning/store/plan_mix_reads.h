// What the learning service publishes for read models (readiness) to read of development plans
// without naming its tables: each current plan's status and the hours of its items, from which
// the learning mix of an agency is summed, and the development activities they completed and
// applied at work. Implemented by MySqlPlanMixReads; tests use the
// in-memory fake in tests/support.
#ifndef THAKSA_SERVICES_LEARNING_STORE_PLAN_MIX_READS_H_
#define THAKSA_SERVICES_LEARNING_STORE_PLAN_MIX_READS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/learning/domain/learning_rules.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

// A plan as the mix figures need it.
struct PlanMixInputs {
  int64_t plan_id = 0;
  int64_t person_id = 0;
  v1::PlanStatus status = v1::PLAN_STATUS_UNSPECIFIED;
  std::vector<ItemHours> items;
};

// Development activities completed, and how many carry an application at work the supervisor
// confirmed.
struct ActivityCounts {
  int64_t completed = 0;
  int64_t applied = 0;
};

class PlanMixReads {
 public:
  virtual ~PlanMixReads() = default;

  // The current revisions (not SUPERSEDED) of fiscal year `fiscal_year`'s plans of people
  // assigned on `day` to agencies under `agency_path`, by plan id.
  virtual absl::StatusOr<std::vector<PlanMixInputs>> CurrentPlans(const std::string& agency_path,
                                                                  int fiscal_year,
                                                                  absl::CivilDay day) = 0;
  // The development activities of fiscal year `fiscal_year` of the same people: their counted
  // completions that finished in the year (in Thailand's time) and the EXPERIENTIAL and SOCIAL
  // items DONE in those plans; with how many of them carry a confirmed application at work.
  virtual absl::StatusOr<ActivityCounts> CompletedActivities(const std::string& agency_path,
                                                             int fiscal_year,
                                                             absl::CivilDay day) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_PLAN_MIX_READS_H_
