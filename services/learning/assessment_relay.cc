#include "services/learning/assessment_relay.h"

#include <algorithm>
#include <map>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/lease.h"
#include "common/log.h"
#include "common/proto_json.h"
#include "common/status.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;

// True for a rejection that may pass when the record is sent again later (the receiver could
// not check it just now); any other rejection is for good.
bool Transient(const std::string& rejection) {
  for (const char* code : {"UNAVAILABLE", "ABORTED", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED",
                           "INTERNAL", "UNKNOWN"}) {
    if (rejection == code) return true;
  }
  return false;
}

// "KIND: field: reason; ..." of a rejected result.
std::string Reasons(const apb::BulkAssessmentResult& result) {
  std::vector<std::string> reasons;
  for (const apb::FieldError& e : result.errors()) {
    reasons.push_back(absl::StrCat(e.field(), ": ", e.reason()));
  }
  return absl::StrCat(result.rejection().empty() ? "REJECTED" : result.rejection(), ": ",
                      absl::StrJoin(reasons, "; "));
}

}  // namespace

// Due rows of one institute attributed to one token: what one call delivers.
struct AssessmentRelay::Batch {
  std::string institute;
  int64_t on_behalf_of_token_id = 0;
  std::vector<const OutboxRow*> rows;
};

AssessmentRelay::AssessmentRelay(LearningOutbox& outbox, const Clock& clock,
                                 AssessmentDelivery& delivery, Options options)
    : outbox_(outbox),
      clock_(clock),
      delivery_(delivery),
      options_(options),
      lease_holder_(NewLeaseHolder()) {
  if (options_.background) thread_ = std::thread([this] { Loop(); });
}

AssessmentRelay::~AssessmentRelay() { Stop(); }

void AssessmentRelay::Stop() {
  bool stopped_before = false;
  {
    absl::MutexLock lock(&mutex_);
    stopped_before = std::exchange(stopping_, true);
    wake_up_.Signal();
  }
  if (thread_.joinable()) thread_.join();
  if (stopped_before) return;
  // Another server's relay takes over at its next pass rather than once the lease lapses. The
  // outbox gives it up only if this relay holds it, even after a renewal that failed.
  {
    absl::MutexLock lock(&mutex_);
    holds_lease_ = false;
  }
  if (absl::Status released = outbox_.ReleaseRelayLease(lease_holder_); !released.ok()) {
    LogEvent("assessment_relay_lease_release_failed", {{"error", released.ToString()}});
  }
}

void AssessmentRelay::Wake() {
  absl::MutexLock lock(&mutex_);
  woken_ = true;
  wake_up_.Signal();
}

absl::Time AssessmentRelay::NextAttempt(int attempts) const {
  absl::Duration wait = options_.first_retry;
  for (int i = 1; i < attempts && wait < options_.longest_retry; ++i) wait *= 2;
  wait = std::min(wait, options_.longest_retry);
  // Between half and all of it, so that rows (and relays) that failed together spread out.
  thread_local std::minstd_rand random(std::random_device{}());
  const double share =
      0.5 + 0.5 * static_cast<double>(random() - std::minstd_rand::min()) /
                static_cast<double>(std::minstd_rand::max() - std::minstd_rand::min());
  return clock_.Now() + wait * share;
}

absl::Status AssessmentRelay::Deliver(const Batch& batch, int& delivered) {
  const std::vector<const OutboxRow*>& rows = batch.rows;
  // What became of each row; a row left pending is tried again later.
  enum class Fate { kPending, kDelivered, kFailed };
  std::vector<Fate> fates(rows.size(), Fate::kPending);
  std::vector<std::string> reasons(rows.size());
  absl::Status not_taken;  // why pending rows were not taken

  std::vector<apb::AssessmentRecord> records;
  std::vector<size_t> sent;  // record index -> row index
  for (size_t i = 0; i < rows.size(); ++i) {
    apb::AssessmentRecord record;
    if (absl::Status read = FromJson(rows[i]->payload, &record); !read.ok()) {
      fates[i] = Fate::kFailed;
      reasons[i] = absl::StrCat("the queued record cannot be read: ", read.message());
      continue;
    }
    records.push_back(std::move(record));
    sent.push_back(i);
  }
  if (!records.empty()) {
    const DeliveryAnswer answer =
        delivery_.Send(batch.institute, batch.on_behalf_of_token_id, records);
    for (const apb::BulkAssessmentResult& result : answer.results) {
      if (result.index() < 0 || static_cast<size_t>(result.index()) >= sent.size()) continue;
      const size_t i = sent[result.index()];
      if (result.outcome() == apb::RECORD_OUTCOME_RECORDED ||
          result.outcome() == apb::RECORD_OUTCOME_UNCHANGED) {
        fates[i] = Fate::kDelivered;
      } else if (Transient(result.rejection())) {
        fates[i] = Fate::kPending;
        not_taken = absl::UnavailableError(Reasons(result));
      } else {
        fates[i] = Fate::kFailed;
        reasons[i] = Reasons(result);
      }
    }
    if (!answer.call.ok()) not_taken = answer.call;
  }

  std::vector<int64_t> acknowledged, pending;
  std::vector<size_t> failed;
  int fewest_attempts = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    switch (fates[i]) {
      case Fate::kDelivered:
        acknowledged.push_back(rows[i]->id);
        break;
      case Fate::kFailed:
        failed.push_back(i);
        break;
      case Fate::kPending:
        if (pending.empty() || rows[i]->attempts < fewest_attempts) {
          fewest_attempts = rows[i]->attempts;
        }
        pending.push_back(rows[i]->id);
        break;
    }
  }
  // Every kind of row is recorded even if recording another kind failed, so that an
  // acknowledged row is not sent again for want of a failed row's mark; the first error counts.
  absl::Status recorded;
  absl::StatusOr<int> marked = outbox_.MarkOutboxDelivered(acknowledged, clock_.Now());
  // Only the rows this relay marked count as progress (another replica may have marked some).
  if (marked.ok()) delivered += *marked;
  recorded.Update(marked.status());
  for (size_t i : failed) {
    LogEvent("assessment_relay_rejected", {{"institute", batch.institute},
                                           {"external_id", rows[i]->external_id},
                                           {"reason", reasons[i]}});
    recorded.Update(outbox_.MarkOutboxFailed(rows[i]->id, reasons[i], clock_.Now()));
  }
  if (!pending.empty()) {
    if (not_taken.ok()) not_taken = absl::UnavailableError("the assessment service did not answer");
    recorded.Update(outbox_.RetryOutboxLater(pending, not_taken.ToString(),
                                             NextAttempt(fewest_attempts + 1)));
  }
  RETURN_IF_ERROR(recorded);
  return pending.empty() ? absl::OkStatus() : not_taken;
}

absl::StatusOr<int> AssessmentRelay::DeliverOnce() {
  // Until the server runs there is nowhere to deliver: nothing is attempted (nor counted failed).
  if (!delivery_.Ready()) return 0;
  ASSIGN_OR_RETURN(const std::vector<OutboxRow> due,
                   outbox_.DueOutbox(clock_.Now(), options_.batch_size));
  if (due.empty()) return 0;
  std::map<std::pair<std::string, int64_t>, Batch> batches;
  for (const OutboxRow& row : due) {
    Batch& batch = batches[{row.institute_code, row.on_behalf_of_token_id}];
    batch.institute = row.institute_code;
    batch.on_behalf_of_token_id = row.on_behalf_of_token_id;
    batch.rows.push_back(&row);
  }
  int delivered = 0;
  absl::Status first_error;
  for (const auto& [key, batch] : batches) {
    absl::Status status = Deliver(batch, delivered);
    if (first_error.ok()) first_error = status;
  }
  state_.Record(first_error, delivered, clock_.Now());
  RETURN_IF_ERROR(first_error);
  return static_cast<int>(due.size());
}

absl::Status AssessmentRelay::DeliverDue() {
  while (true) {
    ASSIGN_OR_RETURN(const int taken, DeliverOnce());
    if (taken < options_.batch_size || Stopping()) return absl::OkStatus();
    // A long backlog outlasts the lease: renewed between batches, or given up when lost.
    ASSIGN_OR_RETURN(const bool mine, TakeTurn());
    if (!mine) return absl::OkStatus();
  }
}

bool AssessmentRelay::Stopping() const {
  absl::MutexLock lock(&mutex_);
  return stopping_;
}

absl::StatusOr<int> AssessmentRelay::PruneDelivered() {
  if (options_.keep_delivered <= absl::ZeroDuration()) return 0;
  const absl::Time before = clock_.Now() - options_.keep_delivered;
  int deleted = 0;
  for (int pass = 0; pass < options_.prune_batches_per_pass; ++pass) {
    ASSIGN_OR_RETURN(const int batch, outbox_.PruneDeliveredOutbox(before, options_.prune_batch));
    deleted += batch;
    if (batch < options_.prune_batch) break;
  }
  if (deleted > 0) {
    LogEvent("assessment_relay_pruned", {{"rows", absl::StrCat(deleted)},
                                         {"delivered_before", absl::FormatTime(before)}});
  }
  return deleted;
}

absl::StatusOr<bool> AssessmentRelay::TakeTurn() {
  const absl::StatusOr<bool> held = outbox_.HoldRelayLease(lease_holder_, options_.lease_time);
  absl::MutexLock lock(&mutex_);
  holds_lease_ = held.ok() && *held;
  return held;
}

absl::Status AssessmentRelay::RunOnce() {
  ASSIGN_OR_RETURN(const bool mine, TakeTurn());
  if (!mine) return absl::OkStatus();
  absl::Status delivered = DeliverDue();
  absl::StatusOr<int> pruned = PruneDelivered();
  RETURN_IF_ERROR(delivered);
  return pruned.status();
}

void AssessmentRelay::Loop() {
  while (true) {
    const absl::StatusOr<bool> mine = TakeTurn();
    if (!mine.ok()) LogEvent("assessment_relay_failed", {{"error", mine.status().ToString()}});
    const bool turn = mine.ok() && *mine;
    if (absl::Status delivered = turn ? DeliverDue() : absl::OkStatus(); !delivered.ok()) {
      LogEvent("assessment_relay_failed", {{"error", delivered.ToString()}});
    }
    if (turn && !Stopping() && clock_.Now() - last_pruned_ >= options_.prune_every) {
      if (absl::StatusOr<int> pruned = PruneDelivered(); pruned.ok()) {
        last_pruned_ = clock_.Now();
      } else {
        LogEvent("assessment_relay_prune_failed", {{"error", pruned.status().ToString()}});
      }
    }
    absl::MutexLock lock(&mutex_);
    const absl::Time deadline = absl::Now() + options_.idle_pause;
    while (!woken_ && !stopping_ && !wake_up_.WaitWithDeadline(&mutex_, deadline)) {
    }
    if (stopping_) return;
    woken_ = false;
  }
}

void AssessmentRelay::Report(ops::v1::BackgroundTask& task) const {
  const absl::StatusOr<OutboxCounts> counts = outbox_.CountOutbox();
  absl::MutexLock lock(&mutex_);
  if (counts.ok()) counts_ = *counts;
  task = state_.Snapshot();
  task.set_pending(counts_.pending);
  task.set_failed(counts_.failed);
  task.set_holds_lease(holds_lease_);
  if (counts_.oldest_pending.has_value()) {
    task.set_oldest_pending_age_seconds(absl::ToDoubleSeconds(clock_.Now() - *counts_.oldest_pending));
  }
}

}  // namespace thaksa::learning
