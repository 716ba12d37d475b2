#include "tests/support/fake_outbox.h"

#include <algorithm>

namespace thaksa::testing {
namespace {

namespace apb = ::thaksa::assessment::v1;

bool Pending(const FakeOutbox::Row& r) { return !r.delivered_at && !r.failed_at; }

}  // namespace

int64_t FakeOutbox::Add(const std::string& institute, const std::string& external_id,
                        const std::string& payload, absl::Time at,
                        int64_t on_behalf_of_token_id) {
  const int64_t id = next_id_++;
  Row& r = rows_[id];
  r.row.id = id;
  r.row.institute_code = institute;
  r.row.external_id = external_id;
  r.row.payload = payload;
  r.row.on_behalf_of_token_id = on_behalf_of_token_id;
  r.next_attempt_at = at;
  return id;
}

absl::StatusOr<std::vector<learning::OutboxRow>> FakeOutbox::DueOutbox(absl::Time now,
                                                                       int limit) {
  if (!error_.ok()) return error_;
  std::vector<learning::OutboxRow> due;
  for (const auto& [id, r] : rows_) {  // by id: oldest first
    if (static_cast<int>(due.size()) >= std::max(limit, 1)) break;
    if (Pending(r) && r.next_attempt_at <= now) due.push_back(r.row);
  }
  return due;
}

absl::StatusOr<int> FakeOutbox::MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                                    absl::Time at) {
  if (!error_.ok()) return error_;
  int marked = 0;
  for (int64_t id : ids) {
    auto found = rows_.find(id);
    if (found == rows_.end() || !Pending(found->second)) continue;
    found->second.delivered_at = at;
    ++marked;
  }
  return marked;
}

absl::Status FakeOutbox::RetryOutboxLater(const std::vector<int64_t>& ids,
                                          const std::string& error, absl::Time next) {
  if (!error_.ok()) return error_;
  for (int64_t id : ids) {
    auto found = rows_.find(id);
    if (found == rows_.end() || !Pending(found->second)) continue;
    ++found->second.row.attempts;
    found->second.last_error = error.substr(0, 1000);
    found->second.next_attempt_at = next;
  }
  return absl::OkStatus();
}

absl::Status FakeOutbox::MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) {
  if (!error_.ok()) return error_;
  if (!mark_failed_error_.ok()) return mark_failed_error_;
  auto found = rows_.find(id);
  if (found == rows_.end() || !Pending(found->second)) return absl::OkStatus();
  ++found->second.row.attempts;
  found->second.failed_at = at;
  found->second.last_error = reason.substr(0, 1000);
  return absl::OkStatus();
}

absl::StatusOr<learning::OutboxCounts> FakeOutbox::CountOutbox() {
  if (!error_.ok()) return error_;
  learning::OutboxCounts counts;
  for (const auto& [id, r] : rows_) {
    if (Pending(r)) ++counts.pending;
    if (!r.delivered_at && r.failed_at) ++counts.failed;
  }
  return counts;
}

absl::StatusOr<int> FakeOutbox::PruneDeliveredOutbox(absl::Time delivered_before, int limit) {
  if (!error_.ok()) return error_;
  prune_limits_.push_back(limit);
  int deleted = 0;
  for (auto it = rows_.begin(); it != rows_.end() && deleted < std::max(limit, 1);) {
    if (it->second.delivered_at && *it->second.delivered_at < delivered_before) {
      it = rows_.erase(it);
      ++deleted;
    } else {
      ++it;
    }
  }
  return deleted;
}

absl::StatusOr<bool> FakeOutbox::HoldRelayLease(const std::string& holder, absl::Duration) {
  if (!error_.ok()) return error_;
  if (lease_holder_.empty()) lease_holder_ = holder;
  return lease_holder_ == holder;
}

absl::Status FakeOutbox::ReleaseRelayLease(const std::string& holder) {
  if (!error_.ok()) return error_;
  if (lease_holder_ == holder) lease_holder_.clear();
  return absl::OkStatus();
}

learning::DeliveryAnswer FakeDelivery::Send(const std::string& institute,
                                            int64_t on_behalf_of_token_id,
                                            const std::vector<apb::AssessmentRecord>& records) {
  sent_.push_back({institute, on_behalf_of_token_id, records});
  if (answer_) return answer_(sent_.back());
  learning::DeliveryAnswer answer;
  for (size_t i = 0; i < records.size(); ++i) {
    answer.results.push_back(Result(static_cast<int>(i), apb::RECORD_OUTCOME_RECORDED));
  }
  return answer;
}

apb::BulkAssessmentResult FakeDelivery::Result(int index, apb::RecordOutcome outcome,
                                               const std::string& rejection,
                                               const std::string& field,
                                               const std::string& reason) {
  apb::BulkAssessmentResult result;
  result.set_index(index);
  result.set_outcome(outcome);
  result.set_rejection(rejection);
  if (!field.empty() || !reason.empty()) {
    apb::FieldError* error = result.add_errors();
    error->set_field(field);
    error->set_reason(reason);
  }
  return result;
}

}  // namespace thaksa::testing
