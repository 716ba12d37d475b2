// People sync as a caller may make it: the rows of one batch outside the caller's agency subtree
// are refused one by one, the rest are stored together.
#ifndef THAKSA_SERVICES_PERSONNEL_PEOPLE_SYNC_H_
#define THAKSA_SERVICES_PERSONNEL_PEOPLE_SYNC_H_

#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "services/personnel/store/personnel_store.h"

namespace thaksa::personnel {

// Stores the validated rows `upserts` for `principal` and returns one result per row, in order.
// A row whose agency of record or assignment agency is not in the principal's subtree (or does
// not exist) is REJECTED with PERMISSION_DENIED naming the field(s); ADMIN covers every agency.
// The other rows go to `store.UpsertPeople` in one call, whose results they take. An error is a
// failure of the whole batch (the store's own).
absl::StatusOr<std::vector<UpsertResult>> StorePeopleInScope(PersonnelStore& store,
                                                             const Principal& principal,
                                                             std::vector<PersonUpsert> upserts,
                                                             const AuditCall& audit);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_PEOPLE_SYNC_H_
