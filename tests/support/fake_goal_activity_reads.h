// An in-memory learning::GoalActivityReads for unit tests: each person's activities as added,
// whatever the year and day asked (which are remembered), or an error for every read.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_GOAL_ACTIVITY_READS_H_
#define THAKSA_TESTS_SUPPORT_FAKE_GOAL_ACTIVITY_READS_H_

#include <map>
#include <vector>

#include "services/learning/store/goal_activity_reads.h"

namespace thaksa::testing {

class FakeGoalActivityReads final : public learning::GoalActivityReads {
 public:
  void Add(int64_t person_id, learning::GoalActivity activity) {
    activities_[person_id].push_back(std::move(activity));
  }
  // Every read fails with `error` (OK again to stop).
  void Fail(absl::Status error) { error_ = std::move(error); }

  absl::StatusOr<std::vector<learning::GoalActivity>> ActivitiesOf(int64_t person_id,
                                                                   int fiscal_year,
                                                                   absl::CivilDay day) override {
    if (!error_.ok()) return error_;
    asked_fiscal_year = fiscal_year;
    asked_day = day;
    return activities_[person_id];
  }

  int asked_fiscal_year = 0;
  absl::CivilDay asked_day;

 private:
  std::map<int64_t, std::vector<learning::GoalActivity>> activities_;
  absl::Status error_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_GOAL_ACTIVITY_READS_H_
