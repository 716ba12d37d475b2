// The learning outbox as its relay sees it (table learning_outbox, deploy/sql/012 and 013): the
// writes the learning service owes the assessment service, queued by the store in the
// transaction of the change that causes them. MySqlLearningStore implements it; the relay's unit
// tests use tests/support/fake_outbox.h.
#ifndef THAKSA_SERVICES_LEARNING_STORE_LEARNING_OUTBOX_H_
#define THAKSA_SERVICES_LEARNING_STORE_LEARNING_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace thaksa::learning {

// A write the learning service owes the assessment service: the assessment an institute's
// counted completion makes, recorded on the institute's behalf.
struct OutboxRow {
  int64_t id = 0;
  std::string institute_code;
  std::string external_id;
  std::string payload;  // a thaksa.assessment.v1.AssessmentRecord as JSON
  int attempts = 0;     // failed so far
  // The token that recorded the completion (the institute's), to which the assessment is
  // attributed; 0 if not known (rows queued before migration 013).
  int64_t on_behalf_of_token_id = 0;
};

// Rows waiting for delivery (new or to be retried) and rows rejected for good.
struct OutboxCounts {
  int64_t pending = 0;
  int64_t failed = 0;
  // When the oldest pending row was queued; absent when none is pending.
  std::optional<absl::Time> oldest_pending;
};

class LearningOutbox {
 public:
  virtual ~LearningOutbox() = default;

  // The outbox rows neither delivered nor failed whose next attempt is due at `now`, oldest
  // first, at most `limit`.
  virtual absl::StatusOr<std::vector<OutboxRow>> DueOutbox(absl::Time now, int limit) = 0;
  // Marks rows acknowledged by the receiver; a row already delivered or failed stays as it is.
  // Returns how many rows this call marked (not those another relay had marked already).
  virtual absl::StatusOr<int> MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                                  absl::Time at) = 0;
  // Counts a failed attempt of each row still pending, keeps `error` as its last error and puts
  // its next attempt at `next`.
  virtual absl::Status RetryOutboxLater(const std::vector<int64_t>& ids, const std::string& error,
                                        absl::Time next) = 0;
  // Marks a pending row rejected for good, with the reason; it is kept and no longer retried.
  virtual absl::Status MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) = 0;
  virtual absl::StatusOr<OutboxCounts> CountOutbox() = 0;
  // Deletes at most `limit` rows delivered before `delivered_before` (their payloads name
  // people, and nothing needs them once delivered); pending and failed rows are never deleted.
  // Returns how many it deleted.
  virtual absl::StatusOr<int> PruneDeliveredOutbox(absl::Time delivered_before, int limit) = 0;
  // Takes or renews the relay's lease for `holder` for `duration` (common/db/lease.h): true if
  // `holder` has it now, false while another relay's lease has not lapsed.
  virtual absl::StatusOr<bool> HoldRelayLease(const std::string& holder,
                                              absl::Duration duration) = 0;
  // Gives the relay's lease up if `holder` has it, so that another relay takes it at its next
  // pass.
  virtual absl::Status ReleaseRelayLease(const std::string& holder) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_LEARNING_OUTBOX_H_
