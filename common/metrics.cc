#include "common/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/log.h"

namespace thaksa {
namespace {

struct Family {
  const char* name;
  const char* type;  // "counter", "gauge" or "histogram"
  const char* help;
  std::vector<double> buckets;  // histograms: upper bounds, ascending
};

const std::vector<double> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                             0.25,  0.5,    1,     2.5,  5,     10,   30, 60};

const std::vector<Family>& Families() {
  static const auto* families = new std::vector<Family>{
      {"thaksa_rpc_calls_total", "counter", "RPCs answered, by method and status code.", {}},
      {"thaksa_rpc_duration_seconds", "histogram", "Time from a call's start to its status, by method.",
       kLatencyBuckets},
      {"thaksa_bulk_records_total", "counter",
       "Records of bulk streams answered, by result type and outcome.", {}},
      {"thaksa_db_transaction_retries_total", "counter",
       "Transactions attempted again after a conflict (deadlock, lock wait timeout, a cluster's "
       "certification failure) or a duplicate key another caller had just inserted.", {}},
      {"thaksa_db_pool_connections", "gauge",
       "Database connections of the pool: open, lent to work (in_use), and the most it opens.", {}},
      {"thaksa_db_pool_waiting", "gauge", "Work waiting for a database connection now.", {}},
      {"thaksa_task_progress_total", "counter",
       "Units of work a background task did since the process started.", {}},
      {"thaksa_task_pending", "gauge", "Work waiting for a background task.", {}},
      {"thaksa_task_oldest_pending_age_seconds", "gauge",
       "Age of the oldest work waiting for a background task (0 when none waits).", {}},
      {"thaksa_task_failed", "gauge", "Work a background task gave up on, kept for an operator.", {}},
      {"thaksa_task_consecutive_failures", "gauge", "Passes of a background task that failed in a row.",
       {}},
      {"thaksa_task_last_success_timestamp_seconds", "gauge",
       "When a background task's last pass succeeded (Unix time; 0: none yet).", {}},
      {"thaksa_task_holds_lease", "gauge",
       "1 if this process runs the background task now (holds its lease in the database).", {}},
  };
  return *families;
}

const Family* FindFamily(absl::string_view name) {
  static const auto* by_name = [] {
    auto* map = new absl::flat_hash_map<absl::string_view, const Family*>();
    for (const Family& family : Families()) map->emplace(family.name, &family);
    return map;
  }();
  if (const auto found = by_name->find(name); found != by_name->end()) return found->second;
  LogEvent("metric_undeclared", {{"name", std::string(name)}});
  return nullptr;
}

std::string Escaped(absl::string_view value) {
  return absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}});
}

std::string LabelText(const MetricLabels& labels, const std::string& le = "") {
  std::vector<std::string> parts;
  for (const auto& [name, value] : labels) parts.push_back(absl::StrCat(name, "=\"", Escaped(value), "\""));
  if (!le.empty()) parts.push_back(absl::StrCat("le=\"", le, "\""));
  return parts.empty() ? "" : absl::StrCat("{", absl::StrJoin(parts, ","), "}");
}

// The shortest text that reads back as `value` (timestamps and large counts keep every digit).
std::string Number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  char text[32];
  const auto written = std::to_chars(text, text + sizeof text, value);
  return std::string(text, written.ptr);
}

}  // namespace

void Metrics::Add(absl::string_view name, const MetricLabels& labels, double by) {
  if (FindFamily(name) == nullptr) return;
  absl::MutexLock lock(&mutex_);
  auto family = values_.find(name);
  if (family == values_.end()) family = values_.emplace(std::string(name), Series()).first;
  family->second[labels] += by;
}

void Metrics::Set(absl::string_view name, const MetricLabels& labels, double value) {
  if (FindFamily(name) == nullptr) return;
  absl::MutexLock lock(&mutex_);
  auto family = values_.find(name);
  if (family == values_.end()) family = values_.emplace(std::string(name), Series()).first;
  family->second[labels] = value;
}

void Metrics::Observe(absl::string_view name, const MetricLabels& labels, double value) {
  const Family* family = FindFamily(name);
  if (family == nullptr) return;
  absl::MutexLock lock(&mutex_);
  auto series = histograms_.find(name);
  if (series == histograms_.end()) {
    series = histograms_.emplace(std::string(name), std::map<MetricLabels, Histogram>()).first;
  }
  Histogram& histogram = series->second[labels];
  histogram.counts.resize(family->buckets.size() + 1);
  const size_t bucket = std::lower_bound(family->buckets.begin(), family->buckets.end(), value) -
                        family->buckets.begin();
  histogram.counts[bucket] += 1;
  histogram.sum += value;
  histogram.count += 1;
}

std::string Metrics::Render() const {
  absl::MutexLock lock(&mutex_);
  std::string text;
  for (const Family& family : Families()) {
    const auto values = values_.find(family.name);
    const auto histograms = histograms_.find(family.name);
    const bool any = (values != values_.end() && !values->second.empty()) ||
                     (histograms != histograms_.end() && !histograms->second.empty());
    if (!any) continue;
    absl::StrAppend(&text, "# HELP ", family.name, " ", family.help, "\n# TYPE ", family.name, " ",
                    family.type, "\n");
    if (values != values_.end()) {
      for (const auto& [labels, value] : values->second) {
        absl::StrAppend(&text, family.name, LabelText(labels), " ", Number(value), "\n");
      }
    }
    if (histograms == histograms_.end()) continue;
    for (const auto& [labels, histogram] : histograms->second) {
      double cumulative = 0;
      for (size_t i = 0; i <= family.buckets.size(); ++i) {
        cumulative += histogram.counts[i];
        const std::string le = i < family.buckets.size() ? Number(family.buckets[i]) : "+Inf";
        absl::StrAppend(&text, family.name, "_bucket", LabelText(labels, le), " ",
                        Number(cumulative), "\n");
      }
      absl::StrAppend(&text, family.name, "_sum", LabelText(labels), " ", Number(histogram.sum),
                      "\n", family.name, "_count", LabelText(labels), " ",
                      Number(histogram.count), "\n");
    }
  }
  return text;
}

Metrics& ProcessMetrics() {
  static auto* metrics = new Metrics();
  return *metrics;
}

void CountBulkResults(const std::vector<const google::protobuf::Message*>& results) {
  if (results.empty()) return;
  const google::protobuf::Descriptor& type = *results.front()->GetDescriptor();
  const google::protobuf::FieldDescriptor* field = type.FindFieldByName("outcome");
  const bool has_outcome =
      field != nullptr && field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM;
  std::map<std::string, int> counts;
  for (const google::protobuf::Message* result : results) {
    ++counts[has_outcome ? result->GetReflection()->GetEnum(*result, field)->name() : "UNKNOWN"];
  }
  for (const auto& [outcome, count] : counts) {
    ProcessMetrics().Add("thaksa_bulk_records_total",
                         {{"record", type.name()}, {"outcome", outcome}}, count);
  }
}

}  // namespace thaksa
