#include "tools/loadgen/report.h"

#include <fstream>
#include <optional>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace thaksa::loadgen {
namespace {

struct Target {
  std::string goal;
  std::optional<double> value;  // absent: not measured in this run
  double bound;
  bool at_least;
  std::string unit;

  bool met() const { return value.has_value() && (at_least ? *value >= bound : *value <= bound); }
};

Figure* Find(std::vector<Figure>& figures, const std::string& name) {
  for (Figure& f : figures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

double Millis(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

// Figures that may be missing from a run: absent means "not measured".
using Measured = std::optional<double>;

Measured Rate(const Figure* f) { return f != nullptr ? Measured(f->PerSecond()) : std::nullopt; }

Measured PercentileMillis(Figure* f, double fraction) {
  if (f == nullptr || f->latency.count() == 0) return std::nullopt;
  return Millis(f->latency.Percentile(fraction));
}

Measured Ratio(Measured numerator, Measured denominator) {
  if (!numerator || !denominator || *denominator <= 0) return std::nullopt;
  return *numerator / *denominator;
}

std::vector<Target> Targets(BenchRun& run) {
  Figure* ingestion = Find(run.calls, kCompletionIngestion);
  Figure* national = Find(run.calls, kNationalReadiness);
  Figure* person = Find(run.calls, kGetPerson);
  const Measured peak_rss_mib =
      run.server_peak_rss_bytes > 0
          ? Measured(static_cast<double>(run.server_peak_rss_bytes) / (1 << 20))
          : std::nullopt;
  return {
      {"completion ingestion >= 20,000 records/s", Rate(ingestion), 20000, true, "/s"},
      {"completion ingestion >= 0.3 x multi-row INSERT",
       Ratio(Rate(ingestion), Rate(Find(run.baselines, kMultiRowInsert))), 0.3, true, "x"},
      {"people bulk sync >= 20,000 rows/s", Rate(Find(run.loads, kPeopleSync)), 20000, true, "/s"},
      {"national GetReadiness p99 <= 50 ms", PercentileMillis(national, 0.99), 50, false, "ms"},
      {"national GetReadiness >= 100x faster than naive GROUP BY (p50)",
       Ratio(PercentileMillis(Find(run.baselines, kNaiveReadiness), 0.5),
             PercentileMillis(national, 0.5)),
       100, true, "x"},
      {"GetPerson >= 0.3 x gRPC ceiling (calls/s)",
       Ratio(Rate(person), Rate(Find(run.calls, kHealthCeiling))), 0.3, true, "x"},
      {"GetPerson p99 <= 10 ms", PercentileMillis(person, 0.99), 10, false, "ms"},
      {"server peak RSS <= 1 GiB", peak_rss_mib, 1024, false, "MiB"},
  };
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string FigureJson(Figure& f) {
  return absl::StrFormat(
      "{\"name\": %s, \"unit\": %s, \"count\": %d, \"errors\": %d, \"seconds\": %.3f, "
      "\"per_second\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"note\": %s}",
      JsonString(f.name), JsonString(f.unit), f.count, f.errors, absl::ToDoubleSeconds(f.elapsed),
      f.PerSecond(), Millis(f.latency.Percentile(0.5)), Millis(f.latency.Percentile(0.9)),
      Millis(f.latency.Percentile(0.99)), JsonString(f.note));
}

std::string FiguresJson(std::vector<Figure>& figures) {
  std::vector<std::string> items;
  for (Figure& f : figures) items.push_back(FigureJson(f));
  return absl::StrCat("[\n    ", absl::StrJoin(items, ",\n    "), "\n  ]");
}

void PrintFigures(const std::string& title, std::vector<Figure>& figures, std::ostream& out) {
  if (figures.empty()) return;
  out << absl::StrFormat("\n%-34s %12s %9s %12s %9s %9s %9s %7s  %s\n", title, "count", "seconds",
                         "per second", "p50 ms", "p90 ms", "p99 ms", "errors", "note");
  for (Figure& f : figures) {
    out << absl::StrFormat("%-34s %12d %9.2f %12.0f %9.2f %9.2f %9.2f %7d  %s\n", f.name, f.count,
                           absl::ToDoubleSeconds(f.elapsed), f.PerSecond(),
                           Millis(f.latency.Percentile(0.5)), Millis(f.latency.Percentile(0.9)),
                           Millis(f.latency.Percentile(0.99)), f.errors, f.note);
  }
}

}  // namespace

void DescribeMachine(BenchRun& run) {
  run.cores = static_cast<int>(std::thread::hardware_concurrency());
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  int64_t kib = 0;
  while (meminfo >> key >> kib) {
    if (key == "MemTotal:") run.memory_gib = static_cast<double>(kib) / (1 << 20);
    meminfo.ignore(64, '\n');
  }
}

void ReadServerMemory(int pid, BenchRun& run) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipWhitespace());
    int64_t kib = 0;
    if (parts.size() < 2 || !absl::SimpleAtoi(parts[1], &kib)) continue;
    if (parts[0] == "VmRSS:") run.server_rss_bytes = kib * 1024;
    if (parts[0] == "VmHWM:") run.server_peak_rss_bytes = kib * 1024;
  }
}

void PrintReport(BenchRun& run, std::ostream& out) {
  out << absl::StrFormat(
      "\nThaksa benchmark: scale %s (%d people), commit %s, %s\n"
      "machine: %d cores, %.1f GiB memory; calls from %d client threads\n",
      run.scale, run.people, run.commit, run.started, run.cores, run.memory_gib, run.concurrency);
  PrintFigures("loading through the API", run.loads, out);
  PrintFigures("calls", run.calls, out);
  PrintFigures("baselines", run.baselines, out);
  if (run.server_rss_bytes > 0) {
    out << absl::StrFormat("\nserver memory: RSS %.0f MiB now, %.0f MiB at peak\n",
                           static_cast<double>(run.server_rss_bytes) / (1 << 20),
                           static_cast<double>(run.server_peak_rss_bytes) / (1 << 20));
  }
  out << absl::StrFormat("\n%-66s %14s  %s\n", "target", "measured", "");
  for (const Target& t : Targets(run)) {
    out << absl::StrFormat("%-66s %14s  %s\n", t.goal,
                           t.value.has_value() ? absl::StrFormat("%.2f %s", *t.value, t.unit)
                                               : std::string("-"),
                           !t.value.has_value() ? "not measured" : t.met() ? "MET" : "MISSED");
  }
}

std::string ReportJson(BenchRun& run) {
  std::vector<std::string> targets;
  for (const Target& t : Targets(run)) {
    targets.push_back(absl::StrFormat(
        "{\"goal\": %s, \"value\": %s, \"unit\": %s, \"met\": %s}", JsonString(t.goal),
        t.value.has_value() ? absl::StrFormat("%.3f", *t.value) : "null", JsonString(t.unit),
        t.met() ? "true" : "false"));
  }
  return absl::StrFormat(
      "{\n  \"scale\": %s,\n  \"people\": %d,\n  \"commit\": %s,\n  \"started\": %s,\n"
      "  \"cores\": %d,\n  \"memory_gib\": %.1f,\n  \"concurrency\": %d,\n"
      "  \"server_rss_bytes\": %d,\n  \"server_peak_rss_bytes\": %d,\n"
      "  \"loads\": %s,\n  \"calls\": %s,\n  \"baselines\": %s,\n  \"targets\": [\n    %s\n  ]\n}\n",
      JsonString(run.scale), run.people, JsonString(run.commit), JsonString(run.started), run.cores,
      run.memory_gib, run.concurrency, run.server_rss_bytes, run.server_peak_rss_bytes,
      FiguresJson(run.loads), FiguresJson(run.calls), FiguresJson(run.baselines),
      absl::StrJoin(targets, ",\n    "));
}

}  // namespace thaksa::loadgen
