// The client side of a bidirectional bulk RPC for generated records: a writer thread sends
// records while the caller reads one result per record and learns how long each took to be
// acknowledged.
#ifndef THAKSA_TOOLS_LOADGEN_RECORD_STREAM_H_
#define THAKSA_TOOLS_LOADGEN_RECORD_STREAM_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa::loadgen {

// Records sent and not yet answered, at most: a few of the server's batches (it must stay above
// the largest, or a stream would wait for a batch the server waits to fill), so that the server
// always has the next batch while nothing waits in buffers (which would stretch a timed mix past
// its time and count the waiting in each acknowledgement).
inline constexpr int64_t kMaxRecordsInFlight = 2000;

// Sends `make(n)` for n = 0, 1, ... until `count` records were sent or `keep_sending()` answers
// false, at most kMaxRecordsInFlight ahead of the results, then closes the sending side; calls
// `on_result(result, ack)` for each result (results carry the 0-based index of their record;
// `ack` is the time since that record was sent). Returns the stream's final status.
template <typename Record, typename Result>
grpc::Status StreamRecords(grpc::ClientReaderWriter<Record, Result>& stream, int64_t count,
                           const std::function<Record(int64_t)>& make,
                           const std::function<void(const Result&, absl::Duration)>& on_result,
                           const std::function<bool()>& keep_sending = [] { return true; }) {
  absl::Mutex mutex;
  std::deque<absl::Time> sent_at;  // by record index, guarded by `mutex`
  int64_t answered = 0;            // guarded by `mutex`
  bool reading = true;             // guarded by `mutex`
  auto room = [&] {
    return static_cast<int64_t>(sent_at.size()) - answered < kMaxRecordsInFlight || !reading;
  };
  std::thread writer([&] {
    for (int64_t n = 0; n < count && keep_sending(); ++n) {
      Record record = make(n);
      {
        absl::MutexLock lock(&mutex);
        mutex.Await(absl::Condition(&room));
        sent_at.push_back(absl::Now());
      }
      if (!stream.Write(record)) break;
    }
    stream.WritesDone();
  });
  Result result;
  while (stream.Read(&result)) {
    absl::Time sent;
    {
      absl::MutexLock lock(&mutex);
      sent = sent_at.at(static_cast<size_t>(result.index()));
      ++answered;
    }
    on_result(result, absl::Now() - sent);
  }
  {
    absl::MutexLock lock(&mutex);
    reading = false;
  }
  writer.join();
  return stream.Finish();
}

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_RECORD_STREAM_H_
