// Streams for the fault tests: a bulk stream whose records are sent while its results are read,
// with a kill of something (a server, a database node) shortly after a number of results came.
#ifndef THAKSA_TESTS_SUPPORT_FAULT_STREAMS_H_
#define THAKSA_TESTS_SUPPORT_FAULT_STREAMS_H_

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "tools/cli/call_options.h"

namespace thaksa::testing {

// A kill comes this long after its trigger: while the next batches are stored.
inline constexpr absl::Duration kKillDelay = absl::Milliseconds(120);

// What a stream answered, and how it ended.
template <typename Result>
struct StreamOutcome {
  std::vector<Result> results;
  grpc::Status status;
  bool killed = false;  // the kill came while the stream was still answering
};

// Streams `records` through the stream `open` opens, as `caller`; runs `kill` kKillDelay after
// `kill_after` results have arrived (never when 0), while the server goes on storing. When
// given, `before_kill` runs first (waiting for something else to happen): the kill counts as
// mid-stream only if the stream still answers once it has returned.
template <typename Record, typename Result, typename Open>
StreamOutcome<Result> StreamWithKill(Open open, const cli::CallOptions& caller,
                                     const std::vector<Record>& records, size_t kill_after,
                                     const std::function<void()>& kill,
                                     const std::function<void()>& before_kill = nullptr) {
  auto context = cli::NewContext(caller);
  auto stream = open(context.get());
  std::thread writer([&] {
    for (const Record& record : records) {
      if (!stream->Write(record)) break;
    }
    stream->WritesDone();
  });
  StreamOutcome<Result> outcome;
  Result result;
  std::thread killer;
  std::atomic<bool> answered{false};  // the stream gave its last result
  std::atomic<bool> killed_mid_stream{false};
  while (stream->Read(&result)) {
    outcome.results.push_back(result);
    if (kill_after > 0 && !killer.joinable() && outcome.results.size() >= kill_after) {
      killer = std::thread([&] {
        absl::SleepFor(kKillDelay);
        if (before_kill) before_kill();
        killed_mid_stream = !answered;
        kill();
      });
    }
  }
  answered = true;
  if (killer.joinable()) killer.join();
  outcome.killed = killed_mid_stream;
  writer.join();
  outcome.status = stream->Finish();
  return outcome;
}

// The results that say their record is stored.
template <typename Result, typename Stored>
std::vector<Result> Acknowledged(const std::vector<Result>& results, Stored stored) {
  std::vector<Result> acknowledged;
  for (const Result& result : results) {
    if (stored(result)) acknowledged.push_back(result);
  }
  return acknowledged;
}

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAULT_STREAMS_H_
