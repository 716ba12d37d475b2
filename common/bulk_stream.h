// The server side of a bidirectional bulk RPC: records are read one by one, prepared (checked
// and converted), stored in batches, and answered with one result each, in order, as each batch
// is committed. What is acknowledged has been committed. The records of the next batch are read
// from the stream (on a thread of their own, at most one batch ahead) while a batch is stored.
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
#include "absl/synchronization/mutex.h"
#include "common/contain_exceptions.h"
#include "common/log.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa {

// Reads the records of a stream on a thread of its own, a batch at a time, at most one batch
// ahead of the one taking them: the next batch arrives (and is parsed) while the taker stores
// the last one. A batch is handed over when it is full or the stream has ended, so the taker
// wakes once per batch, not once per record. gRPC allows one thread reading a stream while
// another writes to it.
template <typename Record, typename Result>
class StreamReadAhead final {
 public:
  StreamReadAhead(grpc::ServerReaderWriter<Result, Record>& stream, size_t batch_size)
      : stream_(stream),
        batch_size_(std::max<size_t>(batch_size, 1)),
        thread_([this] { ReadAll(); }) {}

  // Stops reading and waits for the thread, which first finishes a read in progress: a client
  // that neither sends nor closes its side keeps it waiting until the call ends (its deadline).
  ~StreamReadAhead() {
    {
      absl::MutexLock lock(&mutex_);
      stopped_ = true;
    }
    thread_.join();
  }

  StreamReadAhead(const StreamReadAhead&) = delete;
  StreamReadAhead& operator=(const StreamReadAhead&) = delete;

  // The next records, in order: a full batch, or the last records before the end. Empty once
  // the stream has ended (or reading failed, see status).
  std::vector<Record> NextBatch() {
    absl::MutexLock lock(&mutex_);
    mutex_.Await(absl::Condition(this, &StreamReadAhead::HasBatchOrEnded));
    return std::exchange(ready_, {});
  }

  // INTERNAL if reading stopped on an unexpected exception (records were lost), else OK.
  absl::Status status() {
    absl::MutexLock lock(&mutex_);
    return failed_ ? absl::InternalError("internal error") : absl::OkStatus();
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
        while (batch.size() < batch_size_ && !stopped_) {
          Record record;
          more = stream_.Read(&record);
          if (!more) break;
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

  grpc::ServerReaderWriter<Result, Record>& stream_;
  const size_t batch_size_;
  absl::Mutex mutex_;
  std::vector<Record> ready_ ABSL_GUARDED_BY(mutex_);  // read, not taken yet
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;          // nothing more will be handed over
  bool failed_ ABSL_GUARDED_BY(mutex_) = false;
  // The taker wants no more. Set under `mutex_` (conditions read it) and read between reads
  // without it.
  std::atomic<bool> stopped_{false};
  std::thread thread_;  // last: starts once the rest is ready
};

template <typename Record, typename Result, typename Item>
struct BulkStreamHandlers {
  // Fills the result of record number `index`; returns the item to store, or nullopt when the
  // record is already answered (rejected).
  std::function<std::optional<Item>(Record& record, int64_t index, Result& result)> prepare;
  // Stores `items` in one go and completes their results (`results[i]` belongs to `items[i]`).
  std::function<absl::Status(std::vector<Item>& items, const std::vector<Result*>& results)> store;
  // Optional: keys no two items of a batch may share (e.g. a record key); an item repeating a
  // key of its batch starts a new batch, so that it applies on top of the earlier one.
  std::function<std::vector<std::string>(const Item& item)> batch_keys;
  // Optional: called with every result of a batch before they are sent (e.g. to audit).
  std::function<void(const std::vector<Result>& results)> before_send;
};

// Runs the stream to its end; returns the first error of `store` or of the client (INTERNAL for
// an exception, see ContainExceptions). The handlers all run on the calling thread, one at a
// time; the records of the next batch are read meanwhile (StreamReadAhead).
template <typename Record, typename Result, typename Item>
absl::Status RunBulkStream(grpc::ServerReaderWriter<Result, Record>& stream, size_t batch_size,
                           const BulkStreamHandlers<Record, Result, Item>& handlers) {
  return ContainExceptions("bulk stream", [&]() -> absl::Status {
    StreamReadAhead<Record, Result> records(stream, batch_size);
    std::vector<Result> results;
    std::vector<Item> items;
    std::vector<size_t> slots;  // the result of items[i] is results[slots[i]]
    std::set<std::string> keys;  // batch_keys of the items of this batch
    auto flush = [&]() -> absl::Status {
      if (!items.empty()) {
        std::vector<Result*> item_results;
        for (size_t slot : slots) item_results.push_back(&results[slot]);
        if (absl::Status stored = handlers.store(items, item_results); !stored.ok()) return stored;
      }
      if (handlers.before_send) handlers.before_send(results);
      for (const Result& result : results) {
        if (!stream.Write(result)) return absl::CancelledError("the client went away");
      }
      results.clear();
      items.clear();
      slots.clear();
      keys.clear();
      return absl::OkStatus();
    };
    int64_t index = 0;
    auto take = [&](Record& record) -> absl::Status {
      Result result;
      std::optional<Item> item = handlers.prepare(record, index++, result);
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
      return results.size() >= batch_size ? flush() : absl::OkStatus();
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
