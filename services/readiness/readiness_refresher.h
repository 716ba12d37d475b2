// The refresher that keeps the readiness read model current from the change log: one tick
// (RefreshOnce) sweeps the days passed, keeps the month's figures and includes a batch of
// changes; a background thread (RefresherThread) ticks until stopped.
#ifndef THAKSA_SERVICES_READINESS_READINESS_REFRESHER_H_
#define THAKSA_SERVICES_READINESS_READINESS_REFRESHER_H_

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/civil_time.h"
#include "common/clock.h"
#include "common/task_state.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/store/readiness_store.h"
#include "thaksa/ops/v1/ops.pb.h"

namespace thaksa::readiness {

class ReadinessRefresher final {
 public:
  // Changes included per tick.
  static constexpr int kChangesPerBatch = 5000;

  // How long a missing change id holds back the changes after it (its transaction may still
  // be committing) before it is taken as rolled back and passed over, by default.
  static constexpr absl::Duration kMissingChangeWait = absl::Seconds(10);

  // All arguments but the last must outlive the refresher. The clock gives the day; the wait
  // for a missing change is measured in real time.
  ReadinessRefresher(ReadinessStore& store, assessment::StandingReads& standings,
                     const Clock& clock, absl::Duration missing_change_wait = kMissingChangeWait);

  // One tick, on the clock's day: on a new day, marks for recounting everyone whose figures the
  // days passed changed; in a new month, keeps the current figures as the month's; then
  // includes up to kChangesPerBatch changes: the rows of everyone they touch computed together
  // and replaced a chunk (kPeoplePerChunk) per transaction — a change that touches millions (a
  // framework published) leaves the figures answerable meanwhile — and the cursor moved past
  // them last. Returns how many changes were included, or the
  // error of the batch (a failed sweep or month is logged and tried again next tick). Not to
  // be called from two threads at once.
  absl::StatusOr<int> RefreshOnce();

  // How far the refresher got and whether its last tick failed (ops.v1.BackgroundTask).
  void Report(ops::v1::BackgroundTask& task) const;

 private:
  // Includes the next batch of changes; returns how many.
  absl::StatusOr<int> Include(absl::CivilDay today);
  // Computes the rows of `people` on `today` and replaces them, in chunks.
  absl::Status Recount(const std::vector<int64_t>& people, absl::CivilDay today);

  ReadinessStore& store_;
  assessment::StandingReads& standings_;
  const Clock& clock_;
  TaskState state_{"readiness_refresher"};
  const absl::Duration missing_change_wait_;
  // RefreshOnce only: the month whose figures were kept last, the day last swept; the missing
  // change id the batches stop at and since when (real time), and the one given up on.
  absl::CivilDay kept_month_;
  absl::CivilDay swept_day_;
  int64_t missing_change_ = 0;
  absl::Time missing_since_;
  int64_t given_up_change_ = 0;
};

// Calls `refresher.RefreshOnce()` in a thread of its own: again at once after a full batch,
// after a short pause when there was nothing to include, after a second when it failed. Stops
// when destroyed.
class RefresherThread final {
 public:
  explicit RefresherThread(ReadinessRefresher& refresher);
  ~RefresherThread();
  RefresherThread(const RefresherThread&) = delete;
  RefresherThread& operator=(const RefresherThread&) = delete;

 private:
  ReadinessRefresher& refresher_;
  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_REFRESHER_H_
