#include "services/learning/work_applications.h"

#include "common/auth/call_guard.h"
#include "common/status.h"
#include "common/thai_calendar.h"

namespace thaksa::learning {

absl::Status WorkApplications::Require(const Principal& principal, int64_t person_id,
                                       PlanAccess access) {
  return RequirePlanAccess(directory_, ThaiDate(clock_.Now()), principal, person_id, access);
}

namespace {

// `status` as `principal` is told it: a record that does not exist (`absent`) is, but to ADMIN,
// one outside their scope.
absl::Status AsSeenBy(const Principal& principal, absl::Status status, absl::StatusCode absent) {
  if (status.code() == absent && principal.role != Role::kAdmin) return OutsideScope();
  return status;
}

}  // namespace

absl::StatusOr<WorkApplication> WorkApplications::Record(const Principal& principal,
                                                         const AuditCall& audit,
                                                         WorkApplication given) {
  absl::StatusOr<ApplicationActivity> activity = store_.ActivityOf(given);
  if (!activity.ok()) {
    return AsSeenBy(principal, activity.status(), absl::StatusCode::kInvalidArgument);
  }
  RETURN_IF_ERROR(Require(principal, activity->person_id, PlanAccess::kEdit));
  given.person_id = activity->person_id;
  return store_.Record(given, audit);
}

absl::StatusOr<WorkApplication> WorkApplications::Confirm(const Principal& principal,
                                                          const AuditCall& audit,
                                                          int64_t application_id,
                                                          int64_t expected_version) {
  absl::StatusOr<WorkApplication> application = store_.Get(application_id);
  if (!application.ok()) {
    return AsSeenBy(principal, application.status(), absl::StatusCode::kNotFound);
  }
  RETURN_IF_ERROR(Require(principal, application->person_id, PlanAccess::kApprove));
  return store_.Confirm(application_id, expected_version, audit);
}

absl::StatusOr<std::vector<WorkApplication>> WorkApplications::OfPerson(
    const Principal& principal, int64_t person_id) {
  RETURN_IF_ERROR(Require(principal, person_id, PlanAccess::kRead));
  return store_.OfPerson(person_id);
}

}  // namespace thaksa::learning
