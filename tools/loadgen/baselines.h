// What the parts under Thaksa can do on their own, measured on the same MariaDB in the same
// run, so that Thaksa's figures can be read as fractions of them.
#ifndef THAKSA_TOOLS_LOADGEN_BASELINES_H_
#define THAKSA_TOOLS_LOADGEN_BASELINES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

struct StoreCeiling {
  Figure multi_row_insert;
  Figure load_data;
};

// Writes `records` as the completion ingestion stores them (for `institute`) into a scratch copy
// of the completion table (same columns and keys): once as 1,000-row INSERT statements, each
// committed, and once with LOAD DATA INFILE from a file in `scratch_dir`, which the database
// server must be able to read. The scratch table is dropped afterwards.
absl::StatusOr<StoreCeiling> MeasureStoreCeiling(ConnectionPool& pool,
                                                 const std::vector<learning::v1::CompletionRecord>& records,
                                                 const std::string& institute,
                                                 const std::string& scratch_dir);

// Runs, `runs` times, the GROUP BY over the per-person readiness rows that the national figures
// (by ministry, group and skill set) would take without the kept aggregates.
absl::StatusOr<Figure> MeasureNaiveReadiness(ConnectionPool& pool, int runs);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_BASELINES_H_
