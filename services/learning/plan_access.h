// Who may do what with a person's development plan. Everyone must cover the person (ADMIN;
// HR_SYSTEM and CIO_OFFICE in the subtree where the person is recorded or works; SUPERVISOR for
// themself and their reports; PERSON for themself); then
// - read: anyone who covers the person;
// - edit (create, change items, revise, report progress, return, activate, cancel a draft or
//   submitted plan): all but CIO_OFFICE, which only reads;
// - submit: the person (or their own plan as a supervisor), HR or ADMIN for them — never the
//   supervisor, who approves it;
// - approve (approve, complete, confirm items, cancel an approved or active plan): the
//   supervisor, HR or ADMIN — never the person for their own plan.
#ifndef THAKSA_SERVICES_LEARNING_PLAN_ACCESS_H_
#define THAKSA_SERVICES_LEARNING_PLAN_ACCESS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::learning {

enum class PlanAccess { kRead, kEdit, kSubmit, kApprove };

// OK if `principal` may have `access` to the plans of person `person_id`, placed as `directory`
// says on `today`. PERMISSION_DENIED otherwise: the generic "outside your scope" when the person
// is not theirs (or, for all but ADMIN, unknown), a reason when the role may not do it. ADMIN
// sees the directory's error for an unknown person (NOT_FOUND).
absl::Status RequirePlanAccess(personnel::Directory& directory, absl::CivilDay today,
                               const Principal& principal, int64_t person_id, PlanAccess access);

// As RequirePlanAccess, with the person's placement already read (`person`: the directory's
// answer for them, NOT_FOUND for no such person).
absl::Status PlanAccessOf(const absl::StatusOr<personnel::PersonPlacement>& person,
                          const Principal& principal, PlanAccess access);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_PLAN_ACCESS_H_
