#include "services/learning/domain/work_application.h"

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "common/thai_calendar.h"

namespace thaksa::learning {

bool WorkApplication::SameContent(const WorkApplication& other) const {
  return completion_id == other.completion_id && plan_item_id == other.plan_item_id &&
         description == other.description && evidence == other.evidence &&
         applied_on == other.applied_on;
}

absl::Status CheckActivityDone(const WorkApplication& application,
                               const ApplicationActivity& activity) {
  if (application.completion_id != 0) {
    if (!activity.counted) {
      return absl::FailedPreconditionError(
          "the completion does not count (it is held for review, in conflict or rejected)");
    }
    if (activity.finished_on.has_value() && application.applied_on < *activity.finished_on) {
      return InvalidField("application.applied_on",
                          absl::StrCat("is before the completion finished, on ",
                                       FormatIsoDate(*activity.finished_on)));
    }
    return absl::OkStatus();
  }
  if (activity.mode == Mode::kFormal) {
    return absl::FailedPreconditionError(
        "a formal item is done by an institute completion: record how it was applied on the "
        "completion (completion_id)");
  }
  if (!activity.current_plan) {
    return absl::FailedPreconditionError(
        "the item's plan was revised: record it on the item of the current revision");
  }
  if (activity.status != ItemStatus::kReported && activity.status != ItemStatus::kDone) {
    return absl::FailedPreconditionError("the item is not done yet: report it done first");
  }
  return absl::OkStatus();
}

absl::StatusOr<ApplicationChange> DecideApplication(const std::optional<WorkApplication>& stored,
                                                    const WorkApplication& given) {
  if (!stored.has_value()) return ApplicationChange::kCreate;
  if (stored->SameContent(given)) return ApplicationChange::kUnchanged;
  if (stored->confirmed) {
    return absl::FailedPreconditionError(
        "the supervisor confirmed how this activity was applied; the application is final");
  }
  return ApplicationChange::kReplace;
}

}  // namespace thaksa::learning
