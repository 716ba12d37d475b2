// One measured line of a benchmark: how many calls or rows, in how long, how many failed, and
// (where each was timed) their latencies.
#ifndef THAKSA_TOOLS_LOADGEN_FIGURE_H_
#define THAKSA_TOOLS_LOADGEN_FIGURE_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "tools/loadgen/latency.h"

namespace thaksa::loadgen {

struct Figure {
  std::string name;
  // What `count` counts: "calls", "rows", "records", "plans", "queries".
  std::string unit;
  int64_t count = 0;
  int64_t errors = 0;
  absl::Duration elapsed;
  Latencies latency;
  // What else a reader should know: outcomes, the first error.
  std::string note;

  double PerSecond() const {
    const double seconds = absl::ToDoubleSeconds(elapsed);
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
  }
};

// Names of the figures the targets are judged on.
inline constexpr char kPeopleSync[] = "people bulk sync";
inline constexpr char kHealthCeiling[] = "gRPC ceiling: health check";
inline constexpr char kGetPerson[] = "GetPerson";
inline constexpr char kNationalReadiness[] = "GetReadiness national";
inline constexpr char kCompletionIngestion[] = "completion ingestion";
inline constexpr char kMultiRowInsert[] = "store: multi-row INSERT";
inline constexpr char kNaiveReadiness[] = "naive national GROUP BY";

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_FIGURE_H_
