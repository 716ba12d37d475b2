// The refresher that keeps the readiness read model current from the change log: one tick
// (RefreshOnce) sweeps the days passed, keeps the month's figures and includes a batch of
// changes; a background thread (RefresherThread) ticks until stopped.
#ifndef THAKSA_SERVICES_READINESS_READINESS_REFRESHER_H_
#define THAKSA_SERVICES_READINESS_READINESS_REFRESHER_H_

#include <atomic>
#include <map>
#include <thread>
#include <vector>

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

  // How long the refresher's lease lasts unless renewed: when its server dies, another takes
  // over within this.
  static constexpr absl::Duration kLease = absl::Seconds(30);
  // How long (by the clock) a missing change id is looked for again: its transaction may still
  // be committing, or it rolled back and never comes. At most kMostMissing are kept.
  static constexpr absl::Duration kMissingChangeWait = absl::Minutes(10);
  static constexpr size_t kMostMissing = 100000;
  // Changes before the cursor included again when the lease is taken (a start, or a takeover):
  // those whose transactions were still committing while the last holder passed them.
  static constexpr int kChangesLookedBackOnTakeover = 5000;

  // All arguments must outlive the refresher.
  ReadinessRefresher(ReadinessStore& store, assessment::StandingReads& standings,
                     const Clock& clock);

  // One tick, on the clock's day: on a new day, marks for recounting everyone whose figures the
  // days passed changed; in a new month, keeps the current figures as the month's; then
  // if it holds the lease (else it does nothing more), includes up to kChangesPerBatch changes
  // after the cursor and those missing earlier that came since: the rows of everyone they touch
  // computed together and replaced a chunk (kPeoplePerChunk) per transaction — a change that
  // touches millions (a framework published) leaves the figures answerable meanwhile — and the
  // cursor moved past them last. Returns how many changes were included, or the
  // error of the batch (a failed sweep or month is logged and tried again next tick). Not to
  // be called from two threads at once.
  absl::StatusOr<int> RefreshOnce();

  // Gives the lease up if this refresher holds it, even unreported after a failed renewal (its
  // server is stopping), so that another server's refresher takes over at its next tick rather
  // than once the lease lapses. Not to be called while RefreshOnce runs.
  void GiveUpLease();

  // How far the refresher got and whether its last tick failed (ops.v1.BackgroundTask).
  void Report(ops::v1::BackgroundTask& task) const;

 private:
  // Includes the next batch of changes; returns how many.
  absl::StatusOr<int> Include(absl::CivilDay today);
  // Recomputes the rows on `today` of everyone `changes` touch and replaces them, in chunks.
  absl::Status Recount(const std::vector<ChangeBatch>& changes, absl::CivilDay today);

  ReadinessStore& store_;
  assessment::StandingReads& standings_;
  const Clock& clock_;
  TaskState state_{"readiness_refresher"};
  const Lease lease_;
  // Whether the lease was held at the last tick (written by RefreshOnce, read by Report).
  std::atomic<bool> holding_{false};
  // RefreshOnce only: when (by the clock, before asking) the lease was last taken or renewed.
  absl::Time renewed_ = absl::InfinitePast();
  // RefreshOnce only: the month whose figures were kept last, the day last swept, and the
  // missing change ids with when they were first missed.
  absl::CivilDay kept_month_;
  absl::CivilDay swept_day_;
  std::map<int64_t, absl::Time> missing_;
};

// Calls `refresher.RefreshOnce()` in a thread of its own: again at once after a full batch,
// after a short pause when there was nothing to include, after a second when it failed. Stops
// when destroyed, giving the lease up.
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
