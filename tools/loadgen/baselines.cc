#include "tools/loadgen/baselines.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/proto_json.h"
#include "common/status.h"

namespace thaksa::loadgen {
namespace {

constexpr char kScratchTable[] = "bench_scratch_completion";
constexpr char kColumns[] =
    "(institute_code, record_id, person_id, course_code, started_at, finished_at, hours, record,"
    " state, reason, recorded_at)";
constexpr size_t kRowsPerStatement = 1000;

std::string SqlSeconds(int64_t unix_seconds) {
  return SqlDateTime(absl::FromUnixSeconds(unix_seconds)).substr(0, 19);
}

}  // namespace

absl::StatusOr<StoreCeiling> MeasureStoreCeiling(
    ConnectionPool& pool, const std::vector<learning::v1::CompletionRecord>& records,
    const std::string& institute, const std::string& scratch_dir) {
  auto recreate = [&](sql::Connection& c) {
    Execute(c, absl::StrCat("DROP TABLE IF EXISTS ", kScratchTable));
    Execute(c, absl::StrCat("CREATE TABLE ", kScratchTable, " LIKE completion"));
    return absl::OkStatus();
  };
  const std::string now = SqlDateTime(absl::Now());
  StoreCeiling ceiling;

  RETURN_IF_ERROR(pool.Run(recreate));
  ceiling.multi_row_insert.name = "store: multi-row INSERT";
  ceiling.multi_row_insert.unit = "rows";
  absl::Time start = absl::Now();
  for (size_t first = 0; first < records.size(); first += kRowsPerStatement) {
    const size_t rows = std::min(kRowsPerStatement, records.size() - first);
    std::vector<SqlValue> params;
    params.reserve(rows * 11);
    for (size_t i = first; i < first + rows; ++i) {
      const learning::v1::CompletionRecord& r = records[i];
      params.insert(params.end(),
                    {institute, r.record_id(), r.person_id(), r.course_code(),
                     SqlSeconds(r.started_at_unix()), SqlSeconds(r.finished_at_unix()),
                     std::to_string(r.hours()), ToJson(r), int64_t{1}, std::string(), now});
    }
    RETURN_IF_ERROR(pool.Transaction([&](sql::Connection& c) {
      Execute(c,
              absl::StrCat("INSERT INTO ", kScratchTable, " ", kColumns, " VALUES ",
                           PlaceholderRows(rows, 11)),
              params);
      return absl::OkStatus();
    }));
  }
  ceiling.multi_row_insert.elapsed = absl::Now() - start;
  ceiling.multi_row_insert.count = static_cast<int64_t>(records.size());

  const std::string file = absl::StrCat(scratch_dir, "/bench-load-data.tsv");
  {
    std::ofstream out(file, std::ios::trunc);
    for (const learning::v1::CompletionRecord& r : records) {
      out << institute << '\t' << r.record_id() << '\t' << r.person_id() << '\t' << r.course_code()
          << '\t' << SqlSeconds(r.started_at_unix()) << '\t' << SqlSeconds(r.finished_at_unix())
          << '\t' << r.hours() << '\t' << ToJson(r) << "\t1\t\t" << now << '\n';
    }
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", file));
  }
  RETURN_IF_ERROR(pool.Run(recreate));
  ceiling.load_data.name = "store: LOAD DATA";
  ceiling.load_data.unit = "rows";
  start = absl::Now();
  RETURN_IF_ERROR(pool.Run([&](sql::Connection& c) {
    Execute(c, absl::StrCat("LOAD DATA INFILE '", file, "' INTO TABLE ", kScratchTable,
                            " FIELDS TERMINATED BY '\\t' ESCAPED BY '' ", kColumns));
    return absl::OkStatus();
  }));
  ceiling.load_data.elapsed = absl::Now() - start;
  ceiling.load_data.count = static_cast<int64_t>(records.size());
  std::remove(file.c_str());
  RETURN_IF_ERROR(pool.Run([&](sql::Connection& c) {
    Execute(c, absl::StrCat("DROP TABLE ", kScratchTable));
    return absl::OkStatus();
  }));
  return ceiling;
}

absl::StatusOr<Figure> MeasureNaiveReadiness(ConnectionPool& pool, int runs) {
  Figure figure;
  figure.name = "naive national GROUP BY";
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
