// One measured line of a benchmark: how many calls or rows, in how long, how many failed, and
// (where each was timed) their latencies.
#ifndef THAKSA_TOOLS_LOADGEN_FIGURE_H_
#define THAKSA_TOOLS_LOADGEN_FIGURE_H_

#include <cstdint>
#include <string>
#include <vector>

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
  // The name of the baseline figure this one is compared with; empty: none.
  std::string baseline;

  double PerSecond() const {
    const double seconds = absl::ToDoubleSeconds(elapsed);
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
  }
};

// The figure named `name` in `figures`; nullptr if there is none.
inline Figure* FindFigure(std::vector<Figure>& figures, const std::string& name) {
  for (Figure& f : figures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// Names of the figures the targets are judged on.
inline constexpr char kPeopleSync[] = "people bulk sync";
inline constexpr char kAssessmentsBulk[] = "assessments bulk";
inline constexpr char kPlanLoad[] = "plans";
inline constexpr char kCatchUp[] = "readiness catch-up after load";
inline constexpr char kBacklogConsumption[] = "readiness consumption with a backlog";
inline constexpr char kHealthCeiling[] = "gRPC ceiling: health check";
inline constexpr char kGetPerson[] = "GetPerson";
inline constexpr char kNationalReadiness[] = "GetReadiness national";
inline constexpr char kCompletionIngestion[] = "completion ingestion";
inline constexpr char kNaiveReadiness[] = "naive national GROUP BY";

// The name of the baseline of the bulk path whose figure is named `path`.
inline std::string BaselineOf(const std::string& path) { return "baseline: " + path; }

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_FIGURE_H_
