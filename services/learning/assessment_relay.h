// The relay of the learning outbox (deploy/sql/012_learning_outbox.sql, 013): delivers the
// assessments that institutes' counted completions make to the assessment service, through an
// AssessmentDelivery port (GrpcAssessmentDelivery: AssessmentService.BulkRecordAssessments as
// the SERVICE principal acting for each institute, on behalf of the institute's token that
// recorded the completion; common/auth/service_credential.h). It reads and writes the outbox
// through the LearningOutbox port (store/learning_outbox.h), so its logic is tested alone
// (tests/unit/assessment_relay_test.cc).
//
// The outbox rows are written in the transaction of the completion, so none is lost when the
// assessment service is down or restarting; the relay keeps trying until it answers:
// - a row the receiver acknowledged (RECORDED, or UNCHANGED: recorded before with the same
//   content, since delivery is idempotent by external id) is marked delivered;
// - a row it could not take now (the call failed, or the record was REJECTED as UNAVAILABLE,
//   ABORTED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL or UNKNOWN) stays pending: its
//   attempts and last error are kept and its next attempt waits longer each time (doubling from
//   `first_retry` up to `longest_retry`, each wait drawn between half and all of it). Transient
//   errors are retried without limit: such a row shows as pending, with its attempts and
//   last_error in the table, and the relay's last error in OpsService.GetServerStatus;
// - a row it REJECTED for good (validation, permission, an external id recorded with other
//   content), or whose payload cannot be read, is marked failed with the reason: kept for an
//   operator, counted, never retried.
// The relay runs in one replica at a time: the one holding the lease "assessment_relay"
// (common/db/lease.h), renewed at every pass; when its replica dies, another's relay takes over
// once the lease lapses (lease_time). Should two ever deliver the same row (a takeover while a
// pass is under way), idempotency makes that harmless, so rows are not claimed. Pending and
// failed counts, and whether this replica holds the lease, show in OpsService.GetServerStatus.
//
// Requeueing failed rows. There is no RPC for it yet: once the cause is mended (say the
// framework version was published again), an operator makes failed rows pending again with
//
//   UPDATE learning_outbox SET failed_at = NULL, attempts = 0, last_error = '',
//          next_attempt_at = NOW(6)
//    WHERE failed_at IS NOT NULL AND delivered_at IS NULL [AND institute_code = '...'];
//
// and the relay delivers them within its idle pause (ids and external ids are as they were, so
// a row delivered meanwhile by hand is answered UNCHANGED).
//
// Retention. Delivered rows are deleted once older than `keep_delivered` (their payloads name
// people), in batches, by the background thread once per `prune_every`; pending and failed rows
// are never deleted.
#ifndef THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_
#define THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_

#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/task_state.h"
#include "services/learning/assessment_delivery.h"
#include "services/learning/store/learning_outbox.h"
#include "thaksa/ops/v1/ops.pb.h"

namespace thaksa::learning {

class AssessmentRelay final {
 public:
  struct Options {
    // Rows per pass (and at most this many records per call).
    int batch_size = 100;
    // How often the background thread looks for due rows when nobody wakes it.
    absl::Duration idle_pause = absl::Seconds(1);
    // The wait after the first failed attempt, doubled after each further one up to the most.
    absl::Duration first_retry = absl::Seconds(1);
    absl::Duration longest_retry = absl::Minutes(5);
    // Delivered rows older than this are deleted; zero or less keeps them.
    absl::Duration keep_delivered = absl::Hours(30 * 24);
    // Delivered rows deleted per statement, and statements per pass; the background thread
    // prunes at most once per prune_every.
    int prune_batch = 500;
    int prune_batches_per_pass = 10;
    absl::Duration prune_every = absl::Hours(1);
    // How long the relay's lease lasts unless renewed: a dead replica's relay is taken over
    // within it.
    absl::Duration lease_time = absl::Seconds(30);
    // Run the background thread; false: the owner drives the relay (DeliverOnce, RunOnce).
    bool background = true;
  };

  // Starts the background thread (unless options.background is false). All arguments must
  // outlive the relay.
  AssessmentRelay(LearningOutbox& outbox, const Clock& clock, AssessmentDelivery& delivery,
                  Options options);
  // Stops the background thread (waiting for a delivery under way).
  ~AssessmentRelay();
  AssessmentRelay(const AssessmentRelay&) = delete;
  AssessmentRelay& operator=(const AssessmentRelay&) = delete;

  // Delivers one batch of the rows due now (by the clock) and records what became of each.
  // Returns how many rows it handled (none while the delivery is not ready); an error if a
  // delivery call failed or the receiver could not take some rows now (those rows stay
  // pending, scheduled for later), or the outbox could not be read or written.
  absl::StatusOr<int> DeliverOnce();
  // Delivers batches until no row is due, a batch fails or the relay is stopping; the first
  // error.
  absl::Status DeliverDue();
  // Deletes delivered rows older than keep_delivered, at most prune_batches_per_pass batches;
  // how many it deleted.
  absl::StatusOr<int> PruneDelivered();
  // Takes or renews the relay's lease; true if this relay holds it now.
  absl::StatusOr<bool> TakeTurn();
  // The idle pass of the relay holding the lease: DeliverDue, then PruneDelivered; the first
  // error. Nothing while another relay holds it.
  absl::Status RunOnce();
  // Tells the background thread that rows were added, so it delivers them at once.
  void Wake();
  // Stops the background thread, waiting for the batch under way, and gives the lease up if it
  // holds it, so that another server's relay takes over at its next pass; the destructor stops
  // it too.
  void Stop();
  // The relay's state: rows this relay marked delivered since start (progress), pending and
  // failed rows (asked of the outbox now), and the last failed delivery.
  void Report(ops::v1::BackgroundTask& task) const;

 private:
  struct Batch;
  // Delivers one batch (rows of one institute and token) in one call and records what became
  // of each; adds the rows it marked delivered to `delivered`. An error if the call failed or
  // the receiver could not take some rows now.
  absl::Status Deliver(const Batch& batch, int& delivered);
  // When the next attempt of rows that failed `attempts` times in all is due.
  absl::Time NextAttempt(int attempts) const;
  bool Stopping() const;
  void Loop();

  LearningOutbox& outbox_;
  const Clock& clock_;
  AssessmentDelivery& delivery_;
  const Options options_;
  mutable absl::Mutex mutex_;
  absl::CondVar wake_up_;
  TaskState state_{"assessment_relay"};
  // The counts last read, reported while the outbox cannot be read.
  mutable OutboxCounts counts_ ABSL_GUARDED_BY(mutex_);
  const std::string lease_holder_;
  bool holds_lease_ ABSL_GUARDED_BY(mutex_) = false;
  bool woken_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Time last_pruned_ = absl::InfinitePast();  // the background thread's alone
  std::thread thread_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_
