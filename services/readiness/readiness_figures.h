// The figures of an agency (GetReadiness, and the CSV export): current ones from the read
// model, a closed year's frozen ones, or those of a past day worked out from each person's
// records then; filtered by group and skill set, with totals, the agencies whose people have
// no declared target, provisional flags and, for a subtree, the drill-down by direct child.
#ifndef THAKSA_SERVICES_READINESS_READINESS_FIGURES_H_
#define THAKSA_SERVICES_READINESS_READINESS_FIGURES_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/profile_rows.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

// The figures `query` asks for, if `principal` may see them, at time `now`. INVALID_ARGUMENT
// for a day ahead of today or both a day and a closed year; FAILED_PRECONDITION for a fiscal
// year not closed.
absl::StatusOr<ReadinessFigures> ComputeFigures(ReadinessStore& store,
                                                assessment::StandingReads& standings,
                                                const Principal& principal,
                                                const FiguresQuery& query, absl::Time now,
                                                const KeepGoing& keep_going = nullptr);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_FIGURES_H_
