// The benchmark's report: a table of absolute figures with each bulk path's ratio to its
// baseline, the recount check, where each target stands, and the machine and commit; also as
// JSON for comparing commits.
#ifndef THAKSA_TOOLS_LOADGEN_REPORT_H_
#define THAKSA_TOOLS_LOADGEN_REPORT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "tools/loadgen/figure.h"
#include "tools/loadgen/recount.h"

namespace thaksa::loadgen {

struct BenchRun {
  std::string scale;
  int64_t people = 0;
  std::string commit;
  std::string started;  // ISO time
  int cores = 0;
  double memory_gib = 0;
  int concurrency = 0;
  std::vector<Figure> loads;
  std::vector<Figure> calls;
  std::vector<Figure> baselines;
  RecountOutcome recount;
  // The server's resident memory after the run and its peak; zero when not known.
  int64_t server_rss_bytes = 0;
  int64_t server_peak_rss_bytes = 0;
};

// Cores and memory of this machine.
void DescribeMachine(BenchRun& run);
// VmRSS and VmHWM of process `pid`, in bytes.
void ReadServerMemory(int pid, BenchRun& run);

void PrintReport(BenchRun& run, std::ostream& out);
std::string ReportJson(BenchRun& run);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_REPORT_H_
