// The load driver: calls made as fast as the server answers them from several threads, bounded
// by time and by count, each call timed; and bulk streams run side by side.
#ifndef THAKSA_TOOLS_LOADGEN_DRIVER_H_
#define THAKSA_TOOLS_LOADGEN_DRIVER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

struct DriveLimits {
  absl::Duration duration = absl::Seconds(10);
  int64_t max_calls = 1'000'000;
  // Threads, each with one call in flight.
  int concurrency = 8;
};

// Calls `call(n)` for n = 0, 1, ... from `limits.concurrency` threads until `limits.duration`
// has passed or `limits.max_calls` calls were made. A call that returns an error counts as an
// error (the first one is kept in the figure's note).
Figure RunCalls(const std::string& name, const DriveLimits& limits,
                const std::function<absl::Status(int64_t n)>& call);

// Runs `stream(s, acks)` for s = 0 .. streams - 1, each on a thread of its own (one bulk stream
// each, adding the acknowledgement time of every record to `acks`). The figure has all the acks
// as its latencies and count; `error` gets the first stream's error (OK when none failed).
Figure RunStreams(const std::string& name, int streams,
                  const std::function<absl::Status(int s, Latencies& acks)>& stream,
                  absl::Status* error);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_DRIVER_H_
