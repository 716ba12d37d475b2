// The server side of a bidirectional bulk RPC: records are read one by one, prepared (checked
// and converted), stored in batches, and answered with one result each, in order, as each batch
// is committed. What is acknowledged has been committed.
#ifndef THAKSA_COMMON_BULK_STREAM_H_
#define THAKSA_COMMON_BULK_STREAM_H_

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/contain_exceptions.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa {

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
// an exception, see ContainExceptions).
template <typename Record, typename Result, typename Item>
absl::Status RunBulkStream(grpc::ServerReaderWriter<Result, Record>& stream, size_t batch_size,
                           const BulkStreamHandlers<Record, Result, Item>& handlers) {
  return ContainExceptions("bulk stream", [&]() -> absl::Status {
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
    Record record;
    for (int64_t index = 0; stream.Read(&record); ++index) {
      Result result;
      std::optional<Item> item = handlers.prepare(record, index, result);
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
      if (results.size() >= batch_size) {
        if (absl::Status flushed = flush(); !flushed.ok()) return flushed;
      }
    }
    return flush();
  });
}

}  // namespace thaksa

#endif  // THAKSA_COMMON_BULK_STREAM_H_
