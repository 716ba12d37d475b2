#include "tools/loadgen/baselines.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/status.h"

namespace thaksa::loadgen {
namespace {

// Rows per INSERT statement, as the server's stores write them.
constexpr size_t kRowsPerStatement = 500;

// The pool's schema name (cut to fit the 64 characters of a name) and "_bench_scratch".
std::string ScratchSchema(const ConnectionPool& pool) {
  return absl::StrCat(pool.config().database.substr(0, 50), "_bench_scratch");
}

// `table` in the scratch schema, quoted.
std::string ScratchTable(const ConnectionPool& pool, const std::string& table) {
  return absl::StrCat("`", ScratchSchema(pool), "`.`", table, "`");
}

// Makes the scratch schema with an empty copy of each table `path` writes (learnt from the rows
// of its first record); runs `measure`; drops the schema whatever happened.
absl::StatusOr<Figure> WithScratchTables(ConnectionPool& pool, const PathWrites& path,
                                         const std::function<absl::StatusOr<Figure>()>& measure) {
  BatchRows sample;
  path.rows_of(0, std::min<int64_t>(1, path.records), sample);
  const std::string schema = absl::StrCat("`", ScratchSchema(pool), "`");
  auto drop = [&] {
    return pool.Run([&](sql::Connection& c) {
      Execute(c, absl::StrCat("DROP DATABASE IF EXISTS ", schema));
      return absl::OkStatus();
    });
  };
  RETURN_IF_ERROR(drop());
  RETURN_IF_ERROR(pool.Run([&](sql::Connection& c) {
    Execute(c, absl::StrCat("CREATE DATABASE ", schema));
    for (const TableRows& t : sample.tables()) {
      Execute(c, absl::StrCat("CREATE TABLE ", ScratchTable(pool, t.table), " LIKE `", t.table, "`"));
    }
    return absl::OkStatus();
  }));
  absl::StatusOr<Figure> figure = measure();
  const absl::Status dropped = drop();
  if (figure.ok() && !dropped.ok()) return dropped;
  return figure;
}

// Stores one batch's rows in one transaction, a multi-row INSERT per kRowsPerStatement rows.
absl::Status StoreBatch(ConnectionPool& pool, const BatchRows& batch) {
  return pool.Transaction([&](sql::Connection& c) {
    for (const TableRows& t : batch.tables()) {
      for (size_t first = 0; first < t.rows(); first += kRowsPerStatement) {
        const size_t rows = std::min(kRowsPerStatement, t.rows() - first);
        const auto begin = t.values.begin() + static_cast<std::ptrdiff_t>(first * t.width);
        Execute(c,
                absl::StrCat("INSERT INTO ", ScratchTable(pool, t.table), " (", t.columns,
                             ") VALUES ", PlaceholderRows(rows, t.width)),
                std::vector<SqlValue>(begin, begin + static_cast<std::ptrdiff_t>(rows * t.width)));
      }
    }
    return absl::OkStatus();
  });
}

Figure NewFigure(const PathWrites& path, const std::string& name) {
  Figure figure;
  figure.name = name;
  figure.unit = path.unit;
  figure.count = path.records;
  return figure;
}

// One line of a LOAD DATA file; INVALID_ARGUMENT for a value the format cannot carry.
absl::Status AppendTsvLine(const TableRows& t, size_t row, std::ostream& out) {
  for (size_t k = 0; k < t.width; ++k) {
    const SqlValue& value = t.values[row * t.width + k];
    if (k > 0) out << '\t';
    if (const int64_t* number = std::get_if<int64_t>(&value)) {
      out << *number;
    } else if (const std::string* text = std::get_if<std::string>(&value);
               text != nullptr && !absl::StrContains(*text, '\t') &&
               !absl::StrContains(*text, '\n')) {
      out << *text;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(t.table, ": LOAD DATA takes no NULL, tab or line break (column ", k, ")"));
    }
  }
  out << '\n';
  return absl::OkStatus();
}

}  // namespace

void BatchRows::Add(const std::string& table, const std::string& columns,
                    std::vector<SqlValue> values) {
  auto found = std::find_if(tables_.begin(), tables_.end(),
                            [&](const TableRows& t) { return t.table == table; });
  if (found == tables_.end()) {
    found = tables_.insert(tables_.end(), TableRows{table, columns, values.size(), {}});
  }
  found->values.insert(found->values.end(), std::make_move_iterator(values.begin()),
                       std::make_move_iterator(values.end()));
}

absl::StatusOr<Figure> MeasureWrites(ConnectionPool& pool, const PathWrites& path) {
  return WithScratchTables(pool, path, [&]() -> absl::StatusOr<Figure> {
    Figure figure = NewFigure(path, path.name);
    const int64_t batches = (path.records + path.per_transaction - 1) / path.per_transaction;
    std::atomic<int64_t> next{0};
    absl::Mutex mutex;
    absl::Status error;
    const absl::Time start = absl::Now();
    std::vector<std::thread> writers;
    for (int w = 0; w < std::max(1, path.writers); ++w) {
      writers.emplace_back([&] {
        for (int64_t batch = next++; batch < batches; batch = next++) {
          const int64_t first = batch * path.per_transaction;
          BatchRows rows;
          path.rows_of(first, std::min(path.records, first + path.per_transaction), rows);
          if (absl::Status stored = StoreBatch(pool, rows); !stored.ok()) {
            absl::MutexLock lock(&mutex);
            if (error.ok()) error = stored;
            next = batches;
          }
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    figure.elapsed = absl::Now() - start;
    RETURN_IF_ERROR(error);
    figure.note = absl::StrCat(path.per_transaction, " per transaction, ", path.writers,
                               " connection", path.writers == 1 ? "" : "s");
    return figure;
  });
}

absl::StatusOr<Figure> MeasureLoadData(ConnectionPool& pool, const PathWrites& path,
                                       const std::string& name, const std::string& scratch_dir) {
  BatchRows rows;
  path.rows_of(0, path.records, rows);
  std::vector<std::string> files;
  auto write_and_load = [&]() -> absl::StatusOr<Figure> {
    for (const TableRows& t : rows.tables()) {
      files.push_back(absl::StrCat(scratch_dir, "/bench-load-data-", t.table, ".tsv"));
      std::ofstream out(files.back(), std::ios::trunc);
      for (size_t row = 0; row < t.rows(); ++row) RETURN_IF_ERROR(AppendTsvLine(t, row, out));
      if (!out) return absl::InternalError(absl::StrCat("cannot write ", files.back()));
    }
    return WithScratchTables(pool, path, [&]() -> absl::StatusOr<Figure> {
      Figure loaded = NewFigure(path, name);
      const absl::Time start = absl::Now();
      RETURN_IF_ERROR(pool.Run([&](sql::Connection& c) {
        for (size_t k = 0; k < files.size(); ++k) {
          const TableRows& t = rows.tables()[k];
          Execute(c, absl::StrCat("LOAD DATA INFILE '", files[k], "' INTO TABLE ",
                                  ScratchTable(pool, t.table),
                                  " FIELDS TERMINATED BY '\\t' ESCAPED BY '' (", t.columns, ")"));
        }
        return absl::OkStatus();
      }));
      loaded.elapsed = absl::Now() - start;
      return loaded;
    });
  };
  absl::StatusOr<Figure> figure = write_and_load();
  for (const std::string& file : files) std::remove(file.c_str());
  return figure;
}

absl::StatusOr<Figure> MeasureNaiveReadiness(ConnectionPool& pool, int runs) {
  Figure figure;
  figure.name = kNaiveReadiness;
  figure.unit = "queries";
  const absl::Time start = absl::Now();
  for (int run = 0; run < runs; ++run) {
    const absl::Time before = absl::Now();
    RETURN_IF_ERROR(pool.Run([&](sql::Connection& c) {
      auto rows = Query(
          c,
          "SELECT CAST(SUBSTRING_INDEX(SUBSTRING(a.path, 2), '/', 1) AS UNSIGNED) AS ministry,"
          " p.personnel_group, p.skill_set_code, p.framework_code, COUNT(*) AS headcount,"
          " SUM(p.level >= 0) AS assessed, SUM(p.status = 1) AS meets_present,"
          " SUM(p.level >= 0 AND (p.future_target < 0 OR p.level >= p.future_target))"
          " AS meets_future, SUM(p.status = 4) AS expired, SUM(p.gap) AS gap_sum"
          " FROM readiness_person p JOIN agency a ON a.id = p.agency_id WHERE a.path LIKE '/%'"
          " GROUP BY ministry, p.personnel_group, p.skill_set_code, p.framework_code");
      int64_t cells = 0;
      while (rows->next()) ++cells;
      figure.note = absl::StrCat(cells, " cells");
      return absl::OkStatus();
    }));
    figure.latency.Add(absl::Now() - before);
  }
  figure.elapsed = absl::Now() - start;
  figure.count = runs;
  return figure;
}

}  // namespace thaksa::loadgen
