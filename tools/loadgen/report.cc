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

// The load or call figure named `name`.
Figure* FindMeasured(BenchRun& run, const std::string& name) {
  Figure* found = FindFigure(run.loads, name);
  return found != nullptr ? found : FindFigure(run.calls, name);
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

// `f`'s rate as a multiple of its baseline's.
Measured BaselineRatio(BenchRun& run, const Figure* f) {
  if (f == nullptr || f->baseline.empty()) return std::nullopt;
  return Ratio(Rate(f), Rate(FindFigure(run.baselines, f->baseline)));
}

// A bulk path's targets: an absolute rate and half its baseline.
struct PathTarget {
  const char* name;
  const char* rate;  // the absolute target as text
  double per_second;
};
constexpr PathTarget kPathTargets[] = {{kPeopleSync, "20,000 rows/s", 20000},
                                       {kAssessmentsBulk, "20,000 records/s", 20000},
                                       {kPlanLoad, "5,000 plans/s (of 4 items)", 5000},
                                       {kCompletionIngestion, "20,000 records/s", 20000}};

std::vector<Target> Targets(BenchRun& run) {
  std::vector<Target> targets;
  for (const PathTarget& path : kPathTargets) {
    Figure* f = FindMeasured(run, path.name);
    targets.push_back(
        {absl::StrCat(path.name, " >= ", path.rate), Rate(f), path.per_second, true, "/s"});
    targets.push_back({absl::StrCat(path.name, " >= 0.5 x its baseline"), BaselineRatio(run, f),
                       0.5, true, "x"});
  }
  Figure* consumption = FindFigure(run.loads, kBacklogConsumption);
  Figure* national = FindFigure(run.calls, kNationalReadiness);
  Figure* person = FindFigure(run.calls, kGetPerson);
  const Measured peak_rss_mib =
      run.server_peak_rss_bytes > 0
          ? Measured(static_cast<double>(run.server_peak_rss_bytes) / (1 << 20))
          : std::nullopt;
  const Measured recount_differences =
      run.recount.skipped.empty() ? Measured(static_cast<double>(run.recount.differences.size()))
                                  : std::nullopt;
  targets.insert(
      targets.end(),
      {{"readiness consumes >= 20,000 changes/s with a backlog",
        consumption != nullptr && consumption->elapsed > absl::ZeroDuration() ? Rate(consumption)
                                                                               : std::nullopt,
        20000, true, "/s"},
       {"national GetReadiness p99 <= 50 ms", PercentileMillis(national, 0.99), 50, false, "ms"},
       {"national GetReadiness >= 100x faster than naive GROUP BY (p50)",
        Ratio(PercentileMillis(FindFigure(run.baselines, kNaiveReadiness), 0.5),
              PercentileMillis(national, 0.5)),
        100, true, "x"},
       {"GetPerson >= 0.3 x gRPC ceiling (calls/s)",
        Ratio(Rate(person), Rate(FindFigure(run.calls, kHealthCeiling))), 0.3, true, "x"},
       {"GetPerson p99 <= 10 ms", PercentileMillis(person, 0.99), 10, false, "ms"},
       {"server peak RSS <= 1 GiB", peak_rss_mib, 1024, false, "MiB"},
       {"recount of sampled agencies equals readiness", recount_differences, 0, false,
        "differences"}});
  return targets;
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

std::string OptionalJson(Measured value) {
  return value.has_value() ? absl::StrFormat("%.3f", *value) : "null";
}

std::string FigureJson(BenchRun& run, Figure& f) {
  return absl::StrFormat(
      "{\"name\": %s, \"unit\": %s, \"count\": %d, \"errors\": %d, \"seconds\": %.3f, "
      "\"per_second\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, "
      "\"baseline\": %s, \"baseline_ratio\": %s, \"note\": %s}",
      JsonString(f.name), JsonString(f.unit), f.count, f.errors, absl::ToDoubleSeconds(f.elapsed),
      f.PerSecond(), Millis(f.latency.Percentile(0.5)), Millis(f.latency.Percentile(0.9)),
      Millis(f.latency.Percentile(0.99)), JsonString(f.baseline),
      OptionalJson(BaselineRatio(run, &f)), JsonString(f.note));
}

std::string FiguresJson(BenchRun& run, std::vector<Figure>& figures) {
  std::vector<std::string> items;
  for (Figure& f : figures) items.push_back(FigureJson(run, f));
  return absl::StrCat("[\n    ", absl::StrJoin(items, ",\n    "), "\n  ]");
}

std::string RecountJson(const RecountOutcome& recount) {
  std::vector<std::string> differences;
  for (const std::string& d : recount.differences) differences.push_back(JsonString(d));
  return absl::StrFormat(
      "{\"agencies\": %d, \"people\": %d, \"skipped\": %s, \"differences\": [%s]}",
      recount.agencies, recount.people, JsonString(recount.skipped),
      absl::StrJoin(differences, ", "));
}

void PrintFigures(BenchRun& run, const std::string& title, std::vector<Figure>& figures,
                  std::ostream& out) {
  if (figures.empty()) return;
  out << absl::StrFormat("\n%-34s %12s %9s %12s %8s %9s %9s %9s %7s  %s\n", title, "count",
                         "seconds", "per second", "x base", "p50 ms", "p90 ms", "p99 ms", "errors",
                         "note");
  for (Figure& f : figures) {
    const Measured ratio = BaselineRatio(run, &f);
    out << absl::StrFormat("%-34s %12d %9.2f %12.0f %8s %9.2f %9.2f %9.2f %7d  %s\n", f.name,
                           f.count, absl::ToDoubleSeconds(f.elapsed), f.PerSecond(),
                           ratio.has_value() ? absl::StrFormat("%.2fx", *ratio) : "",
                           Millis(f.latency.Percentile(0.5)), Millis(f.latency.Percentile(0.9)),
                           Millis(f.latency.Percentile(0.99)), f.errors, f.note);
  }
}

// At most this many of the recount's differences are printed (the JSON has them all).
constexpr size_t kPrintedDifferences = 20;

void PrintRecount(const RecountOutcome& recount, std::ostream& out) {
  if (!recount.skipped.empty()) {
    out << "\nrecount: not run (" << recount.skipped << ")\n";
    return;
  }
  out << absl::StrFormat("\nrecount: %d agencies (%d people), ", recount.agencies, recount.people)
      << (recount.differences.empty()
              ? std::string("all equal")
              : absl::StrCat(recount.differences.size(), " differences from readiness:"))
      << "\n";
  for (size_t i = 0; i < recount.differences.size() && i < kPrintedDifferences; ++i) {
    out << "  " << recount.differences[i] << "\n";
  }
  if (recount.differences.size() > kPrintedDifferences) out << "  ...\n";
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
  PrintFigures(run, "loading through the API", run.loads, out);
  PrintFigures(run, "calls", run.calls, out);
  PrintFigures(run, "baselines", run.baselines, out);
  PrintRecount(run.recount, out);
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
        OptionalJson(t.value), JsonString(t.unit), t.met() ? "true" : "false"));
  }
  return absl::StrFormat(
      "{\n  \"scale\": %s,\n  \"people\": %d,\n  \"commit\": %s,\n  \"started\": %s,\n"
      "  \"cores\": %d,\n  \"memory_gib\": %.1f,\n  \"concurrency\": %d,\n"
      "  \"server_rss_bytes\": %d,\n  \"server_peak_rss_bytes\": %d,\n"
      "  \"loads\": %s,\n  \"calls\": %s,\n  \"baselines\": %s,\n  \"recount\": %s,\n"
      "  \"targets\": [\n    %s\n  ]\n}\n",
      JsonString(run.scale), run.people, JsonString(run.commit), JsonString(run.started), run.cores,
      run.memory_gib, run.concurrency, run.server_rss_bytes, run.server_peak_rss_bytes,
      FiguresJson(run, run.loads), FiguresJson(run, run.calls), FiguresJson(run, run.baselines),
      RecountJson(run.recount), absl::StrJoin(targets, ",\n    "));
}

}  // namespace thaksa::loadgen
