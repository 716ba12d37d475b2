// Recording how a completed development activity was applied at work, and its confirmation:
// who may (plan_access.h: the person, their supervisor or HR record an application and anyone
// covering the person reads them; the supervisor or HR, never the person, confirm one) and the
// rules (domain/work_application.h). The request's own fields are checked by the adapter first.
// An activity or application that does not exist is, but to ADMIN, refused as one outside the
// caller's scope, so that ids tell nobody what exists.
#ifndef THAKSA_SERVICES_LEARNING_WORK_APPLICATIONS_H_
#define THAKSA_SERVICES_LEARNING_WORK_APPLICATIONS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "services/learning/domain/work_application.h"
#include "services/learning/plan_access.h"
#include "services/learning/store/work_application_store.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::learning {

class WorkApplications {
 public:
  WorkApplications(WorkApplicationStore& store, personnel::Directory& directory,
                   const Clock& clock)
      : store_(store), directory_(directory), clock_(clock) {}

  // Records `given` for the person whose activity it names (see WorkApplicationStore::Record).
  absl::StatusOr<WorkApplication> Record(const Principal& principal, const AuditCall& audit,
                                         WorkApplication given);
  absl::StatusOr<WorkApplication> Confirm(const Principal& principal, const AuditCall& audit,
                                          int64_t application_id, int64_t expected_version);
  absl::StatusOr<std::vector<WorkApplication>> OfPerson(const Principal& principal,
                                                        int64_t person_id);

 private:
  absl::Status Require(const Principal& principal, int64_t person_id, PlanAccess access);

  WorkApplicationStore& store_;
  personnel::Directory& directory_;
  const Clock& clock_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_WORK_APPLICATIONS_H_
