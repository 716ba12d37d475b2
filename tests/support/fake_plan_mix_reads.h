// An in-memory learning::PlanMixReads for unit tests: plans and activity counts added with the
// agency path of the people's assignment.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_PLAN_MIX_READS_H_
#define THAKSA_TESTS_SUPPORT_FAKE_PLAN_MIX_READS_H_

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "services/learning/store/plan_mix_reads.h"

namespace thaksa::testing {

class FakePlanMixReads final : public learning::PlanMixReads {
 public:
  // A current plan of fiscal year `fiscal_year` of a person working at `agency_path`.
  void AddPlan(const std::string& agency_path, int fiscal_year, learning::PlanMixInputs plan) {
    plans_.push_back({agency_path, fiscal_year, std::move(plan)});
  }

  // The activities of people working at `agency_path` in fiscal year `fiscal_year`.
  void AddActivities(const std::string& agency_path, int fiscal_year,
                     learning::ActivityCounts counts) {
    activities_.push_back({agency_path, fiscal_year, counts});
  }

  absl::StatusOr<learning::ActivityCounts> CompletedActivities(const std::string& agency_path,
                                                               int fiscal_year,
                                                               absl::CivilDay) override {
    learning::ActivityCounts sum;
    for (const HeldActivities& held : activities_) {
      if (held.fiscal_year == fiscal_year && absl::StartsWith(held.agency_path, agency_path)) {
        sum.completed += held.counts.completed;
        sum.applied += held.counts.applied;
      }
    }
    return sum;
  }

  absl::StatusOr<std::vector<learning::PlanMixInputs>> CurrentPlans(
      const std::string& agency_path, int fiscal_year, absl::CivilDay day) override {
    std::vector<learning::PlanMixInputs> found;
    for (const Held& held : plans_) {
      if (held.fiscal_year == fiscal_year && absl::StartsWith(held.agency_path, agency_path)) {
        found.push_back(held.plan);
      }
    }
    return found;
  }

 private:
  struct Held {
    std::string agency_path;
    int fiscal_year;
    learning::PlanMixInputs plan;
  };
  struct HeldActivities {
    std::string agency_path;
    int fiscal_year;
    learning::ActivityCounts counts;
  };
  std::vector<Held> plans_;
  std::vector<HeldActivities> activities_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_PLAN_MIX_READS_H_
