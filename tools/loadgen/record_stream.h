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

// Sends `make(n)` for n = 0, 1, ... until `count` records were sent or `keep_sending()` answers
// false, then closes the sending side; calls `on_result(result, ack)` for each result (results
// carry the 0-based index of their record; `ack` is the time since that record was sent).
// Returns the stream's final status.
template <typename Record, typename Result>
grpc::Status StreamRecords(grpc::ClientReaderWriter<Record, Result>& stream, int64_t count,
                           const std::function<Record(int64_t)>& make,
                           const std::function<void(const Result&, absl::Duration)>& on_result,
                           const std::function<bool()>& keep_sending = [] { return true; }) {
  absl::Mutex mutex;
  std::deque<absl::Time> sent_at;  // by record index, guarded by `mutex`
  std::thread writer([&] {
    for (int64_t n = 0; n < count && keep_sending(); ++n) {
      Record record = make(n);
      {
        absl::MutexLock lock(&mutex);
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
    }
    on_result(result, absl::Now() - sent);
  }
  writer.join();
  return stream.Finish();
}

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_RECORD_STREAM_H_
