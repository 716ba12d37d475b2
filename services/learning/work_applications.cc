#include "services/learning/work_applications.h"

#include "common/status.h"
#include "common/thai_calendar.h"

namespace thaksa::learning {

absl::Status WorkApplications::Require(const Principal& principal, int64_t person_id,
                                       PlanAccess access) {
  return RequirePlanAccess(directory_, ThaiDate(clock_.Now()), principal, person_id, access);
}

absl::StatusOr<WorkApplication> WorkApplications::Record(const Principal& principal,
                                                         const AuditCall& audit,
                                                         WorkApplication given) {
  ASSIGN_OR_RETURN(const ApplicationActivity activity, store_.ActivityOf(given));
  RETURN_IF_ERROR(Require(principal, activity.person_id, PlanAccess::kEdit));
  given.person_id = activity.person_id;
  return store_.Record(given, audit);
}

absl::StatusOr<WorkApplication> WorkApplications::Confirm(const Principal& principal,
                                                          const AuditCall& audit,
                                                          int64_t application_id) {
  ASSIGN_OR_RETURN(const WorkApplication application, store_.Get(application_id));
  RETURN_IF_ERROR(Require(principal, application.person_id, PlanAccess::kApprove));
  return store_.Confirm(application_id, audit);
}

absl::StatusOr<std::vector<WorkApplication>> WorkApplications::OfPerson(
    const Principal& principal, int64_t person_id) {
  RETURN_IF_ERROR(Require(principal, person_id, PlanAccess::kRead));
  return store_.OfPerson(person_id);
}

}  // namespace thaksa::learning
