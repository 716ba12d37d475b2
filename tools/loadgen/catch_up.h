// Waiting for the server's background work after a load — the assessment relay delivering the
// levels of completions, the readiness refresher taking in every change — and how fast the
// refresher took the changes in while the benchmark waited.
#ifndef THAKSA_TOOLS_LOADGEN_CATCH_UP_H_
#define THAKSA_TOOLS_LOADGEN_CATCH_UP_H_

#include <cstdint>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/cli/call_options.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

// The ops service of every replica of the server (one stub for a single server): the readiness
// refresher runs in one replica at a time, and each reports only its own progress.
using OpsOfReplicas = std::vector<ops::v1::OpsService::Stub*>;

// The background work of the server at one moment.
struct ServerWork {
  // Changes recorded but not yet in the readiness figures (Readiness.pending_changes).
  int64_t pending_changes = 0;
  // Assessed levels waiting in the learning outbox.
  int64_t outbox = 0;
  // Change-log entries the readiness refreshers of the replicas have taken in since they
  // started; absent when no replica reports its refresher.
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
                                       const OpsOfReplicas& ops,
                                       const cli::CallOptions& admin, absl::Duration timeout);

// How fast the readiness refresher takes changes in when it has work, from samples of the
// server's background work in time order: the changes it consumed over the intervals that began
// and ended with a backlog (at least kBacklog changes pending, two of the refresher's batches),
// when it was behind throughout; its progress moves a batch at a time, and intervals chosen by
// their start alone would be those that catch it moving. The catch-up after a load cannot show
// the rate when the refresher kept up during the load.
class BacklogRate final {
 public:
  static constexpr int64_t kBacklog = 10000;

  // A sample taken at `at`; nullopt (or no refresher progress) for one that failed, which ends
  // the interval before it, as does progress going back (a restarted server).
  void Add(absl::Time at, const std::optional<ServerWork>& work);
  // The figure kBacklogConsumption: the changes consumed over the seconds with a backlog (none:
  // elapsed zero, nothing to judge).
  Figure figure() const;

 private:
  std::optional<std::pair<absl::Time, ServerWork>> last_;
  int64_t consumed_ = 0;
  absl::Duration busy_;
  int64_t largest_backlog_ = 0;
  int failed_samples_ = 0;
};

// Samples the server's background work once a second from construction until Finish into a
// BacklogRate.
class BacklogWatch final {
 public:
  // The stubs must outlive the watch; its calls carry `admin`'s token with a short deadline.
  BacklogWatch(readiness::v1::ReadinessService::Stub& readiness, OpsOfReplicas ops,
               const cli::CallOptions& admin);
  ~BacklogWatch();
  BacklogWatch(const BacklogWatch&) = delete;
  BacklogWatch& operator=(const BacklogWatch&) = delete;

  // Stops sampling; the rate's figure.
  Figure Finish();

 private:
  void Stop();

  readiness::v1::ReadinessService::Stub& readiness_;
  const OpsOfReplicas ops_;
  cli::CallOptions admin_;
  absl::Notification stop_;
  BacklogRate rate_;  // the sampling thread's alone until it is joined
  std::thread thread_;
};

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_CATCH_UP_H_
