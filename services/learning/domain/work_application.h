// How a completed development activity was applied at work (guideline §4.8.4: organisers record
// how learning is applied), and the rules of recording and confirming it.
#ifndef THAKSA_SERVICES_LEARNING_DOMAIN_WORK_APPLICATION_H_
#define THAKSA_SERVICES_LEARNING_DOMAIN_WORK_APPLICATION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/learning/domain/plan.h"

namespace thaksa::learning {

// An application at work (thaksa.learning.v1.WorkApplication): of a completion or a plan item.
struct WorkApplication {
  int64_t id = 0;
  int64_t completion_id = 0;
  int64_t plan_item_id = 0;
  int64_t person_id = 0;
  std::string description;
  std::string evidence;
  absl::CivilDay applied_on;
  bool confirmed = false;
  int64_t confirmed_at_unix = 0;
  int64_t version = 0;

  // Whether `other` says the same of the same activity (ids, confirmation and version aside).
  bool SameContent(const WorkApplication& other) const;
};

// What an application's activity is, as stored.
struct ApplicationActivity {
  int64_t person_id = 0;
  // A completion: whether it counts (not held, in conflict or rejected).
  bool counted = false;
  // A plan item: its mode and status, and whether its plan is a current revision.
  Mode mode = Mode::kUnspecified;
  ItemStatus status = ItemStatus::kUnspecified;
  bool current_plan = false;
  // A completion: the day it finished, in Thailand.
  std::optional<absl::CivilDay> finished_on;
};

// OK if the activity is one an application may be recorded for: a counted completion, or an
// experiential or social item of a current plan, reported or confirmed done. FAILED_PRECONDITION
// saying why not otherwise; INVALID_ARGUMENT on "application.applied_on" for a day before the
// completion finished.
absl::Status CheckActivityDone(const WorkApplication& application,
                               const ApplicationActivity& activity);

// What recording `given` does where `stored` is the activity's application, if it has one.
enum class ApplicationChange { kCreate, kUnchanged, kReplace };

// kCreate without one; kUnchanged for the same content; kReplace otherwise, unless the stored
// one was confirmed (FAILED_PRECONDITION: it is final).
absl::StatusOr<ApplicationChange> DecideApplication(const std::optional<WorkApplication>& stored,
                                                    const WorkApplication& given);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_DOMAIN_WORK_APPLICATION_H_
