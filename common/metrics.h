// The process's metrics, for /metrics in the Prometheus text format (0.0.4): counters and
// histograms that the code adds to as things happen, and gauges set when they are read. No
// metrics library is packaged for C++ in Debian, so this is a small registry behind a mutex.
// Every family is declared in metrics.cc, with its type and help text; using an undeclared name
// is a defect the unit test catches.
#ifndef THAKSA_COMMON_METRICS_H_
#define THAKSA_COMMON_METRICS_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/message.h"

namespace thaksa {

// Label names and values, in the order they are written.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class Metrics final {
 public:
  // Adds `by` to counter `name` with `labels`.
  void Add(absl::string_view name, const MetricLabels& labels, double by = 1);
  // Counts `value` in histogram `name` with `labels` (its buckets are the family's).
  void Observe(absl::string_view name, const MetricLabels& labels, double value);
  // Sets gauge `name` with `labels`.
  void Set(absl::string_view name, const MetricLabels& labels, double value);
  // Every family with values, in the text format.
  std::string Render() const;

 private:
  struct Histogram {
    std::vector<double> counts;  // per bucket, not cumulative
    double sum = 0;
    double count = 0;
  };
  using Series = std::map<MetricLabels, double>;

  mutable absl::Mutex mutex_;
  std::map<std::string, Series, std::less<>> values_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, std::map<MetricLabels, Histogram>, std::less<>> histograms_
      ABSL_GUARDED_BY(mutex_);
};

// The metrics of this process.
Metrics& ProcessMetrics();

// Counts a batch of a bulk stream's answers in thaksa_bulk_records_total, by the answers' message
// type and the name of their `outcome` enum: one addition per outcome, not per record.
void CountBulkResults(const std::vector<const google::protobuf::Message*>& results);

}  // namespace thaksa

#endif  // THAKSA_COMMON_METRICS_H_
