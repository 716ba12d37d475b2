// The server side of a bidirectional bulk RPC: records are read one by one, prepared (checked
// and converted), stored in batches, and answered with one result each, in order, as each batch
// is committed. What is acknowledged has been committed. The records of the next batch are read
// from the stream (on a thread of their own, at most one batch ahead) while a batch is stored.
// A batch holds at most kBulkBatchBytes of records, so a stream holds a bounded amount of
// memory whatever its records' sizes; the limits of CallLimits bound its records and idleness.
#ifndef THAKSA_COMMON_BULK_STREAM_H_
#define THAKSA_COMMON_BULK_STREAM_H_

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/auth/call_limits.h"
#include "common/contain_exceptions.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/status.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa {

// The most bytes of records (as sent) a batch holds before it is handed over or stored.
inline constexpr size_t kBulkBatchBytes = 16 << 20;

// Reads the records of a stream on a thread of its own, a batch at a time, at most one batch
// ahead of the one taking them: the next batch arrives (and is parsed) while the taker stores
// the last one. A batch is handed over when it is full (by count or kBulkBatchBytes) or the
// stream has ended, so the taker wakes once per batch, not once per record. gRPC allows one
// thread reading a stream while another writes to it. A taker waiting while no record arrives
// for `idle_timeout` cancels the call.
template <typename Record, typename Result>
class StreamReadAhead final {
 public:
  StreamReadAhead(grpc::ServerContextBase& context,
                  grpc::ServerReaderWriter<Result, Record>& stream, size_t batch_size,
                  absl::Duration idle_timeout)
      : context_(context),
        stream_(stream),
        batch_size_(std::max<size_t>(batch_size, 1)),
        idle_timeout_(idle_timeout),
        thread_([this] { ReadAll(); }) {}

  // Stops reading and waits for the thread, which first finishes a read in progress; a client
  // that neither sends nor closes its side for idle_timeout has its call cancelled.
  ~StreamReadAhead() {
    {
      absl::MutexLock lock(&mutex_);
      stopped_ = true;
      if (!mutex_.AwaitWithTimeout(absl::Condition(&ended_), idle_timeout_)) context_.TryCancel();
    }
    thread_.join();
  }

  StreamReadAhead(const StreamReadAhead&) = delete;
  StreamReadAhead& operator=(const StreamReadAhead&) = delete;

  // The next records, in order: a full batch, or the last records before the end. Empty once
  // the stream has ended (or reading failed, or went idle: see status).
  std::vector<Record> NextBatch() {
    absl::MutexLock lock(&mutex_);
    while (!mutex_.AwaitWithTimeout(absl::Condition(this, &StreamReadAhead::HasBatchOrEnded),
                                    idle_timeout_)) {
      const absl::Time last_arrival = absl::FromUnixNanos(last_arrival_ns_.load());
      if (absl::Now() - last_arrival >= idle_timeout_ && !idle_) {
        idle_ = true;
        context_.TryCancel();  // ends the read in progress
      }
    }
    return std::exchange(ready_, {});
  }

  // INTERNAL if reading stopped on an unexpected exception (records were lost),
  // DEADLINE_EXCEEDED if the stream went idle, else OK.
  absl::Status status() {
    absl::MutexLock lock(&mutex_);
    if (failed_) return absl::InternalError("internal error");
    if (idle_) {
      return absl::DeadlineExceededError(absl::StrCat(
          "limit stream_idle_timeout: no record arrived for ",
          absl::FormatDuration(idle_timeout_), "; the stream was ended"));
    }
    return absl::OkStatus();
  }

 private:
  bool HasBatchOrEnded() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !ready_.empty() || ended_;
  }
  bool TakenOrStopped() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return ready_.empty() || stopped_;
  }

  void ReadAll() {
    try {
      for (bool more = true; more;) {
        std::vector<Record> batch;
        size_t bytes = 0;
        while (batch.size() < batch_size_ && bytes < kBulkBatchBytes && !stopped_) {
          Record record;
          more = stream_.Read(&record);
          if (!more) break;
          last_arrival_ns_.store(absl::GetCurrentTimeNanos(), std::memory_order_relaxed);
          bytes += record.ByteSizeLong();
          batch.push_back(std::move(record));
        }
        if (batch.empty()) break;
        absl::MutexLock lock(&mutex_);
        mutex_.Await(absl::Condition(this, &StreamReadAhead::TakenOrStopped));
        if (stopped_) break;
        ready_ = std::move(batch);
      }
    } catch (const std::exception& error) {
      LogEvent("unexpected_exception", {{"where", "stream read-ahead"}, {"error", error.what()}});
      absl::MutexLock lock(&mutex_);
      failed_ = true;
    }
    absl::MutexLock lock(&mutex_);
    ended_ = true;
  }

  grpc::ServerContextBase& context_;
  grpc::ServerReaderWriter<Result, Record>& stream_;
  const size_t batch_size_;
  const absl::Duration idle_timeout_;
  absl::Mutex mutex_;
  std::vector<Record> ready_ ABSL_GUARDED_BY(mutex_);  // read, not taken yet
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;          // nothing more will be handed over
  bool failed_ ABSL_GUARDED_BY(mutex_) = false;
  bool idle_ ABSL_GUARDED_BY(mutex_) = false;           // cancelled for want of records
  std::atomic<int64_t> last_arrival_ns_{absl::GetCurrentTimeNanos()};  // of the last record
  // The taker wants no more. Set under `mutex_` (conditions read it) and read between reads
  // without it.
  std::atomic<bool> stopped_{false};
  std::thread thread_;  // last: starts once the rest is ready
};

template <typename Record, typename Result, typename Item>
struct BulkStreamHandlers {
  // Fills the result of record number `index`; returns the item to store, or nullopt when the
  // record is already answered (rejected), or an error when the record cannot be checked now
  // (e.g. the database is unreachable): the stream ends with it, its batch unanswered.
  std::function<absl::StatusOr<std::optional<Item>>(Record& record, int64_t index,
                                                    Result& result)>
      prepare;
  // Stores `items` in one go and completes their results (`results[i]` belongs to `items[i]`).
  std::function<absl::Status(std::vector<Item>& items, const std::vector<Result*>& results)> store;
  // Optional: keys no two items of a batch may share (e.g. a record key); an item repeating a
  // key of its batch starts a new batch, so that it applies on top of the earlier one.
  std::function<std::vector<std::string>(const Item& item)> batch_keys;
  // Optional: called with every result of a batch before they are sent (e.g. to audit).
  std::function<void(const std::vector<Result>& results)> before_send;
};

// Runs the stream to its end; returns the first error of `store` or of the client (INTERNAL for
// an exception, see ContainExceptions), or RESOURCE_EXHAUSTED naming max_stream_records once the
// records before the limit are stored and answered. The handlers all run on the calling thread,
// one at a time; the records of the next batch are read meanwhile (StreamReadAhead).
template <typename Record, typename Result, typename Item>
absl::Status RunBulkStream(grpc::ServerContextBase& context,
                           grpc::ServerReaderWriter<Result, Record>& stream,
                           const CallLimits& limits, size_t batch_size,
                           const BulkStreamHandlers<Record, Result, Item>& handlers) {
  return ContainExceptions("bulk stream", [&]() -> absl::Status {
    StreamReadAhead<Record, Result> records(context, stream, batch_size,
                                            limits.stream_idle_timeout);
    std::vector<Result> results;
    std::vector<Item> items;
    std::vector<size_t> slots;  // the result of items[i] is results[slots[i]]
    std::set<std::string> keys;  // batch_keys of the items of this batch
    size_t batch_bytes = 0;      // of the records of this batch
    auto flush = [&]() -> absl::Status {
      if (!items.empty()) {
        std::vector<Result*> item_results;
        for (size_t slot : slots) item_results.push_back(&results[slot]);
        if (absl::Status stored = handlers.store(items, item_results); !stored.ok()) return stored;
      }
      if (handlers.before_send) handlers.before_send(results);
      std::vector<const google::protobuf::Message*> answered;
      answered.reserve(results.size());
      for (const Result& result : results) answered.push_back(&result);
      CountBulkResults(answered);
      for (const Result& result : results) {
        if (!stream.Write(result)) return absl::CancelledError("the client went away");
      }
      results.clear();
      items.clear();
      slots.clear();
      keys.clear();
      batch_bytes = 0;
      return absl::OkStatus();
    };
    int64_t index = 0;
    auto take = [&](Record& record) -> absl::Status {
      if (index >= limits.max_stream_records) {
        RETURN_IF_ERROR(flush());
        return absl::ResourceExhaustedError(absl::StrCat(
            "limit max_stream_records: a stream may send ", limits.max_stream_records,
            " records; those before are stored and answered, send the rest on another stream"));
      }
      const size_t record_bytes = record.ByteSizeLong();
      Result result;
      ASSIGN_OR_RETURN(std::optional<Item> item, handlers.prepare(record, index++, result));
      if (item.has_value() && handlers.batch_keys) {
        const std::vector<std::string> item_keys = handlers.batch_keys(*item);
        const bool repeats = std::any_of(item_keys.begin(), item_keys.end(),
                                         [&](const std::string& key) { return keys.count(key) > 0; });
        if (repeats) {
          if (absl::Status flushed = flush(); !flushed.ok()) return flushed;
        }
        keys.insert(item_keys.begin(), item_keys.end());
      }
      if (item.has_value()) {
        slots.push_back(results.size());
        items.push_back(*std::move(item));
      }
      results.push_back(std::move(result));
      batch_bytes += record_bytes;
      const bool full = results.size() >= batch_size || batch_bytes >= kBulkBatchBytes;
      return full ? flush() : absl::OkStatus();
    };
    for (std::vector<Record> batch = records.NextBatch(); !batch.empty();
         batch = records.NextBatch()) {
      for (Record& record : batch) {
        if (absl::Status taken = take(record); !taken.ok()) return taken;
      }
    }
    if (absl::Status read = records.status(); !read.ok()) return read;
    return flush();
  });
}

}  // namespace thaksa

#endif  // THAKSA_COMMON_BULK_STREAM_H_
