// What the parts under Thaksa can do on their own, measured on the same MariaDB in the same
// run, so that Thaksa's figures can be read as fractions of them: the rows of each bulk path
// written without the API, and the GROUP BY that readiness would need without its aggregates.
#ifndef THAKSA_TOOLS_LOADGEN_BASELINES_H_
#define THAKSA_TOOLS_LOADGEN_BASELINES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

// The rows of one table, for multi-row INSERT statements.
struct TableRows {
  std::string table;
  std::string columns;  // "a, b, c"
  size_t width = 0;     // values per row
  std::vector<SqlValue> values;  // row after row

  size_t rows() const { return values.size() / width; }
};

// The rows some records write, table by table, in the order the tables were first written.
class BatchRows final {
 public:
  // Appends a row to `table`; every row of a table names the same `columns` ("a, b, c"), one
  // value each.
  void Add(const std::string& table, const std::string& columns, std::vector<SqlValue> values);
  const std::vector<TableRows>& tables() const { return tables_; }

 private:
  std::vector<TableRows> tables_;
};

// The writes of a bulk path without its API: `records` records, `per_transaction` to a
// transaction (the size of the server's batches), stored by `writers` connections side by side
// (as many as the load has streams or calls in flight). `rows_of(first, end, rows)` adds what
// records [first, end) write.
struct PathWrites {
  std::string name;
  // What a record is: "rows", "records", "plans".
  std::string unit;
  int64_t records = 0;
  int64_t per_transaction = 1;
  int writers = 1;
  std::function<void(int64_t first, int64_t end, BatchRows& rows)> rows_of;
};

// Writes `path`'s rows with plain multi-row INSERTs (no reads, no checks, no foreign keys) into
// copies of its tables in a scratch schema beside the pool's (its name, cut to 50 characters,
// with "_bench_scratch"),
// made empty before and dropped after, so the data of the run is not touched. The figure counts
// the path's records per second.
absl::StatusOr<Figure> MeasureWrites(ConnectionPool& pool, const PathWrites& path);

// Writes the rows of every table `path` writes with one LOAD DATA INFILE per table, from files
// in `scratch_dir` (which the database server must be able to read), into the same scratch
// schema: the most the database takes in. The figure is called `name`. Values must not be NULL
// or hold tabs or line breaks (INVALID_ARGUMENT).
absl::StatusOr<Figure> MeasureLoadData(ConnectionPool& pool, const PathWrites& path,
                                       const std::string& name, const std::string& scratch_dir);

// Runs, `runs` times, the GROUP BY over the per-person readiness rows that the national figures
// (by ministry, group and skill set) would take without the kept aggregates.
absl::StatusOr<Figure> MeasureNaiveReadiness(ConnectionPool& pool, int runs);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_BASELINES_H_
