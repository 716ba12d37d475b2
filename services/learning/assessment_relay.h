// The relay of the learning outbox (deploy/sql/012_learning_outbox.sql): delivers the
// assessments that institutes' counted completions make to the assessment service, through
// AssessmentService.BulkRecordAssessments, as the SERVICE principal acting for each institute
// (common/auth/service_credential.h).
//
// The outbox rows are written in the transaction of the completion, so none is lost when the
// assessment service is down or restarting; the relay keeps trying until it answers:
// - a row the receiver acknowledged (RECORDED, or UNCHANGED: recorded before with the same
//   content, since delivery is idempotent by external id) is marked delivered;
// - a row it could not take now (the call failed, or the record was REJECTED as UNAVAILABLE and
//   the like) stays pending: its attempts and last error are kept and its next attempt waits
//   longer each time (doubling from 1 s up to 5 min, with jitter);
// - a row it REJECTED for good (validation, permission, an external id recorded with other
//   content) is marked failed with the reason: kept for an operator, counted, never retried.
// Relays of several replicas may deliver the same row at once; idempotency makes that harmless,
// so rows are not claimed. Pending and failed counts show in OpsService.GetServerStatus.
#ifndef THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_
#define THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/service_credential.h"
#include "common/clock.h"
#include "common/server_main.h"
#include "services/learning/store/learning_store.h"
#include "thaksa/ops/v1/ops.pb.h"

namespace thaksa::learning {

class AssessmentRelay final {
 public:
  struct Options {
    // Rows per pass (and at most this many records per stream).
    int batch_size = 100;
    // The deadline of one delivery call.
    absl::Duration call_timeout = absl::Seconds(10);
    // How often the background thread looks for due rows when nobody wakes it.
    absl::Duration idle_pause = absl::Seconds(1);
    // The wait after the first failed attempt, doubled after each further one up to the most.
    absl::Duration first_retry = absl::Seconds(1);
    absl::Duration longest_retry = absl::Minutes(5);
  };

  // Starts the background thread. All arguments must outlive the relay.
  AssessmentRelay(LearningStore& store, const Clock& clock, const PeerChannel& peers,
                  const ServiceCredential& credential, Options options);
  AssessmentRelay(LearningStore& store, const Clock& clock, const PeerChannel& peers,
                  const ServiceCredential& credential)
      : AssessmentRelay(store, clock, peers, credential, Options()) {}
  // Stops the background thread (waiting for a delivery under way).
  ~AssessmentRelay();
  AssessmentRelay(const AssessmentRelay&) = delete;
  AssessmentRelay& operator=(const AssessmentRelay&) = delete;

  // Delivers one batch of the rows due now (by the clock) and records what became of each.
  // Returns how many rows it handled (none before the server has set the peer channel); an
  // error if a delivery call failed (its rows stay pending, scheduled for later) or the store
  // could not be read or written.
  absl::StatusOr<int> DeliverOnce();
  // Delivers batches until no row is due or a batch fails; the first error.
  absl::Status DeliverDue();
  // Tells the background thread that rows were added, so it delivers them at once.
  void Wake();
  // The relay's state: rows delivered since start (progress), pending and failed rows (asked of
  // the store now), and the last failed delivery.
  void Report(ops::v1::BackgroundTask& task) const;

 private:
  // Delivers `rows` (all of `institute`) in one stream and records what became of each; adds
  // the rows the receiver acknowledged to `delivered`. An error if the call failed or the
  // receiver could not take some rows now.
  absl::Status Deliver(const std::string& institute, const std::vector<const OutboxRow*>& rows,
                       int& delivered);
  // When the next attempt of rows that failed `attempts` times in all is due.
  absl::Time NextAttempt(int attempts) const;
  void Loop();
  // Records a delivery pass that delivered `delivered` rows and ended with `error`.
  void Record(const absl::Status& error, int delivered);

  LearningStore& store_;
  const Clock& clock_;
  const PeerChannel& peers_;
  const ServiceCredential& credential_;
  const Options options_;
  mutable absl::Mutex mutex_;
  absl::CondVar wake_up_;
  ops::v1::BackgroundTask state_ ABSL_GUARDED_BY(mutex_);
  // The counts last read, reported while the store cannot be read.
  mutable OutboxCounts counts_ ABSL_GUARDED_BY(mutex_);
  bool woken_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_ASSESSMENT_RELAY_H_
