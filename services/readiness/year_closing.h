// Closing a fiscal year (CloseFiscalYear): everyone's figures as of its last day, frozen.
#ifndef THAKSA_SERVICES_READINESS_YEAR_CLOSING_H_
#define THAKSA_SERVICES_READINESS_YEAR_CLOSING_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_log.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/profile_rows.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

// Freezes Buddhist-era fiscal year `fiscal_year` (2561 to 2700: INVALID_ARGUMENT otherwise),
// which must have ended before `today` (FAILED_PRECONDITION otherwise); ALREADY_EXISTS if it
// was closed; `keep_going`'s error if it stops the work.
absl::StatusOr<ClosedYear> CloseYear(ReadinessStore& store, assessment::StandingReads& standings,
                                     int fiscal_year, absl::CivilDay today,
                                     const AuditCall& audit, const KeepGoing& keep_going = nullptr);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_YEAR_CLOSING_H_
