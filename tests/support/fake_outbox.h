// In-memory fakes of the assessment relay's ports for unit tests: a learning::LearningOutbox
// keeping the contract of learning_outbox.h (the MySQL store is held to the same behaviour by
// e2e_outbox), and a learning::AssessmentDelivery answering what each test scripts.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_OUTBOX_H_
#define THAKSA_TESTS_SUPPORT_FAKE_OUTBOX_H_

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/learning/assessment_delivery.h"
#include "services/learning/store/learning_outbox.h"

namespace thaksa::testing {

class FakeOutbox final : public learning::LearningOutbox {
 public:
  // A row as the fake keeps it.
  struct Row {
    learning::OutboxRow row;
    absl::Time next_attempt_at;
    std::string last_error;
    std::optional<absl::Time> delivered_at;
    std::optional<absl::Time> failed_at;
  };

  // Queues a row due at `at` (as the store does in the completion's transaction); its id.
  int64_t Add(const std::string& institute, const std::string& external_id,
              const std::string& payload, absl::Time at, int64_t on_behalf_of_token_id = 0);
  // The row with `id` (which must exist).
  const Row& Get(int64_t id) const { return rows_.at(id); }
  // Marks a row delivered as another relay would, between this one's reads and writes.
  void DeliverElsewhere(int64_t id, absl::Time at) { rows_.at(id).delivered_at = at; }
  // Makes every call fail with `error` (OK: work again).
  void FailWith(absl::Status error) { error_ = std::move(error); }
  // Makes only MarkOutboxFailed fail with `error` (OK: work again).
  void FailMarkingFailedWith(absl::Status error) { mark_failed_error_ = std::move(error); }
  size_t size() const { return rows_.size(); }
  // The limits PruneDeliveredOutbox was called with, in order.
  const std::vector<int>& prune_limits() const { return prune_limits_; }
  // Gives the relay's lease to `holder`, as another replica's relay would take it ("": free).
  void GiveLeaseTo(const std::string& holder) { lease_holder_ = holder; }
  // Who holds the relay's lease ("": nobody).
  const std::string& lease_holder() const { return lease_holder_; }

  absl::StatusOr<std::vector<learning::OutboxRow>> DueOutbox(absl::Time now, int limit) override;
  absl::StatusOr<int> MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                          absl::Time at) override;
  absl::Status RetryOutboxLater(const std::vector<int64_t>& ids, const std::string& error,
                                absl::Time next) override;
  absl::Status MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) override;
  absl::StatusOr<learning::OutboxCounts> CountOutbox() override;
  absl::StatusOr<int> PruneDeliveredOutbox(absl::Time delivered_before, int limit) override;
  // The lease never lapses here: another holder keeps it until GiveLeaseTo.
  absl::StatusOr<bool> HoldRelayLease(const std::string& holder, absl::Duration duration) override;
  absl::Status ReleaseRelayLease(const std::string& holder) override;

 private:
  std::map<int64_t, Row> rows_;
  int64_t next_id_ = 1;
  absl::Status error_;
  absl::Status mark_failed_error_;
  std::vector<int> prune_limits_;
  std::string lease_holder_;
};

// A delivery whose answers the test scripts: by default every record is RECORDED and the call
// ends OK; `answer` may say otherwise per call.
class FakeDelivery final : public learning::AssessmentDelivery {
 public:
  // One call as the fake saw it.
  struct Sent {
    std::string institute;
    int64_t on_behalf_of_token_id = 0;
    std::vector<::thaksa::assessment::v1::AssessmentRecord> records;
  };
  using Answerer = std::function<learning::DeliveryAnswer(const Sent&)>;

  void set_ready(bool ready) { ready_ = ready; }
  // How the next calls are answered (nullptr: every record RECORDED, call OK).
  void set_answer(Answerer answer) { answer_ = std::move(answer); }
  const std::vector<Sent>& sent() const { return sent_; }

  bool Ready() const override { return ready_; }
  learning::DeliveryAnswer Send(
      const std::string& institute, int64_t on_behalf_of_token_id,
      const std::vector<::thaksa::assessment::v1::AssessmentRecord>& records) override;

  // A result for record `index`: `outcome`, and for a rejection its code and one reason.
  static ::thaksa::assessment::v1::BulkAssessmentResult Result(
      int index, ::thaksa::assessment::v1::RecordOutcome outcome,
      const std::string& rejection = "", const std::string& field = "",
      const std::string& reason = "");

 private:
  bool ready_ = true;
  Answerer answer_;
  std::vector<Sent> sent_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_OUTBOX_H_
