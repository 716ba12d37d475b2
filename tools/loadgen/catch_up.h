// Waiting for the server's background work after a load — the assessment relay delivering the
// levels of completions, the readiness refresher taking in every change — and how fast the
// refresher took the changes in while the benchmark waited.
#ifndef THAKSA_TOOLS_LOADGEN_CATCH_UP_H_
#define THAKSA_TOOLS_LOADGEN_CATCH_UP_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

// The background work of the server at one moment.
struct ServerWork {
  // Changes recorded but not yet in the readiness figures (Readiness.pending_changes).
  int64_t pending_changes = 0;
  // Assessed levels waiting in the learning outbox.
  int64_t outbox = 0;
  // Change-log entries the readiness refresher has taken in since the server started; absent
  // when the server does not report its refresher.
  std::optional<int64_t> refresher_progress;
};

struct CatchUp {
  Figure figure;
  // Nothing was left pending when the wait ended.
  bool finished = false;
};

// The catch-up figure of a wait of `waited` from `before` to `after`: the changes consumed
// (the refresher's progress; without it, the fall in pending changes, a lower bound) per
// second, and a note saying whether it finished and what was pending before and after.
// Nothing pending before: nothing to measure (count 0).
CatchUp CatchUpOf(const ServerWork& before, const ServerWork& after, absl::Duration waited);

// Polls the server until nothing is pending or `timeout` has passed.
absl::StatusOr<CatchUp> WaitForCatchUp(readiness::v1::ReadinessService::Stub& readiness,
                                       ops::v1::OpsService::Stub& ops,
                                       const cli::CallOptions& admin, absl::Duration timeout);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_CATCH_UP_H_
