// Where applications at work (domain/work_application.h) are kept, beside the completions and
// plan items they are of. Implemented by MySqlWorkApplicationStore.
#ifndef THAKSA_SERVICES_LEARNING_STORE_WORK_APPLICATION_STORE_H_
#define THAKSA_SERVICES_LEARNING_STORE_WORK_APPLICATION_STORE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "services/learning/domain/work_application.h"

namespace thaksa::learning {

class WorkApplicationStore {
 public:
  virtual ~WorkApplicationStore() = default;

  // The activity `application` names (its completion_id or plan_item_id); INVALID_ARGUMENT
  // naming "application.completion_id" or "application.plan_item_id" when there is none.
  virtual absl::StatusOr<ApplicationActivity> ActivityOf(const WorkApplication& application) = 0;
  // Records `given` (its person_id the activity's) in one transaction: the activity is read
  // again and must be done (CheckActivityDone), and its application, if any, locked; then
  // DecideApplication says whether it is created, left unchanged or replaced (the version moves
  // on), with an audit event for a change. Parallel identical calls store it once. Returns the
  // application as stored.
  virtual absl::StatusOr<WorkApplication> Record(const WorkApplication& given,
                                                 const AuditCall& audit) = 0;
  // NOT_FOUND naming "application_id".
  virtual absl::StatusOr<WorkApplication> Get(int64_t id) = 0;
  // Confirms the application at `expected_version` (ABORTED at another), with an audit event;
  // a confirmed one is returned unchanged.
  virtual absl::StatusOr<WorkApplication> Confirm(int64_t id, int64_t expected_version,
                                                  const AuditCall& audit) = 0;
  // Every application of the person, the newest activity first.
  virtual absl::StatusOr<std::vector<WorkApplication>> OfPerson(int64_t person_id) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_WORK_APPLICATION_STORE_H_
