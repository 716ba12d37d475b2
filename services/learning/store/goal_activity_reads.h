// What the learning service publishes for the assessment service's behaviour checklist to read
// of one person's development activities without naming its tables: the plan items and
// completed courses that link to the annex's expected behaviours or competency units, with how
// far they went and whether their application at work was confirmed. Implemented by
// MySqlGoalActivityReads; unit tests use tests/support/fake_goal_activity_reads.h.
#ifndef THAKSA_SERVICES_LEARNING_STORE_GOAL_ACTIVITY_READS_H_
#define THAKSA_SERVICES_LEARNING_STORE_GOAL_ACTIVITY_READS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace thaksa::learning {

// How an activity was applied at work (LearningService.RecordApplication).
enum class ApplicationState { kNone, kRecorded, kConfirmed };

// A development activity that links to goals of the annex.
struct GoalActivity {
  enum class Kind { kPlanItem, kCompletion };
  Kind kind = Kind::kPlanItem;
  int64_t id = 0;     // the plan item's id, or the completion's
  std::string title;  // the item's title, or the completed course's (Thai, else its code)
  std::vector<std::string> behaviour_codes;  // the item's (Behaviour.code); none for completions
  std::vector<std::string> unit_codes;       // the item's, or the completed course's
  bool done = false;  // an item DONE; a counted completion always
  ApplicationState application = ApplicationState::kNone;
};

class GoalActivityReads {
 public:
  virtual ~GoalActivityReads() = default;

  // Person `person_id`'s activities that link to a behaviour or a unit, each by id: the items of
  // their plans (neither SUPERSEDED nor CANCELLED) of fiscal year `fiscal_year`, and the DONE
  // items of earlier years'; then their counted completions of courses that carry unit codes,
  // finished by the end of `day` in Thailand. Applications count as recorded and confirmed by
  // then; plan and item states are today's (they keep no history).
  virtual absl::StatusOr<std::vector<GoalActivity>> ActivitiesOf(int64_t person_id,
                                                                 int fiscal_year,
                                                                 absl::CivilDay day) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_GOAL_ACTIVITY_READS_H_
