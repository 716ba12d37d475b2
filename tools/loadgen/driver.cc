#include "tools/loadgen/driver.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace thaksa::loadgen {

Figure RunCalls(const std::string& name, const DriveLimits& limits,
                const std::function<absl::Status(int64_t n)>& call) {
  Figure figure;
  figure.name = name;
  figure.unit = "calls";
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> errors{0};
  absl::Mutex mutex;
  std::string first_error;
  const absl::Time start = absl::Now();
  const absl::Time end = start + limits.duration;
  std::vector<Latencies> latencies(static_cast<size_t>(limits.concurrency));
  std::vector<std::thread> threads;
  for (int t = 0; t < limits.concurrency; ++t) {
    threads.emplace_back([&, t] {
      for (int64_t n = next++; n < limits.max_calls && absl::Now() < end; n = next++) {
        const absl::Time before = absl::Now();
        const absl::Status status = call(n);
        latencies[static_cast<size_t>(t)].Add(absl::Now() - before);
        if (!status.ok()) {
          ++errors;
          absl::MutexLock lock(&mutex);
          if (first_error.empty()) first_error = status.ToString();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  figure.elapsed = absl::Now() - start;
  for (const Latencies& l : latencies) figure.latency.Merge(l);
  figure.count = figure.latency.count();
  figure.errors = errors;
  if (!first_error.empty()) figure.note = "first error: " + first_error;
  return figure;
}

Figure RunStreams(const std::string& name, int streams,
                  const std::function<absl::Status(int s, Latencies& acks)>& stream,
                  absl::Status* error) {
  Figure figure;
  figure.name = name;
  figure.unit = "records";
  std::vector<Latencies> acks(static_cast<size_t>(streams));
  std::vector<absl::Status> statuses(static_cast<size_t>(streams));
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int s = 0; s < streams; ++s) {
    threads.emplace_back([&, s] {
      statuses[static_cast<size_t>(s)] = stream(s, acks[static_cast<size_t>(s)]);
    });
  }
  for (std::thread& thread : threads) thread.join();
  figure.elapsed = absl::Now() - start;
  for (const Latencies& l : acks) figure.latency.Merge(l);
  figure.count = figure.latency.count();
  *error = absl::OkStatus();
  for (const absl::Status& status : statuses) {
    if (!status.ok()) {
      *error = status;
      break;
    }
  }
  return figure;
}

}  // namespace thaksa::loadgen
