// Latencies of many calls and their percentiles.
#ifndef THAKSA_TOOLS_LOADGEN_LATENCY_H_
#define THAKSA_TOOLS_LOADGEN_LATENCY_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace thaksa::loadgen {

class Latencies final {
 public:
  void Add(absl::Duration latency) { micros_.push_back(absl::ToInt64Microseconds(latency)); }
  void Merge(const Latencies& other);
  int64_t count() const { return static_cast<int64_t>(micros_.size()); }
  // The latency below which `fraction` (0..1) of the calls fall (nearest rank); zero when empty.
  absl::Duration Percentile(double fraction);

 private:
  std::vector<int64_t> micros_;
  bool sorted_ = true;
};

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_LATENCY_H_
