#include "tools/loadgen/latency.h"

#include <algorithm>
#include <cmath>

namespace thaksa::loadgen {

void Latencies::Merge(const Latencies& other) {
  micros_.insert(micros_.end(), other.micros_.begin(), other.micros_.end());
  sorted_ = false;
}

absl::Duration Latencies::Percentile(double fraction) {
  if (micros_.empty()) return absl::ZeroDuration();
  if (!sorted_ || !std::is_sorted(micros_.begin(), micros_.end())) {
    std::sort(micros_.begin(), micros_.end());
  }
  sorted_ = true;
  const double rank = std::ceil(fraction * static_cast<double>(micros_.size()));
  const size_t at = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(micros_.size()))) - 1;
  return absl::Microseconds(micros_[at]);
}

}  // namespace thaksa::loadgen
