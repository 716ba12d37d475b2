// The benchmark's baselines against a real MariaDB: every path's rows fit the tables they copy,
// and the data of the run is left as it was.
#include <stdlib.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tools/loadgen/path_writes.h"

namespace thaksa::loadgen {
namespace {

using ::thaksa::testing::FreshDatabase;
using ::thaksa::testing::QueryInt;

class BenchBaselines : public ::testing::Test {
 protected:
  BenchBaselines() : dataset_(*ScaleNamed("small"), 1) {
    for (int64_t i = 0; i < dataset_.scale().people; ++i) ids_.push_back(i + 1);
  }

  int64_t ScratchSchemas(ConnectionPool& pool) {
    return QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM information_schema.schemata WHERE"
                                       " schema_name = '", pool.config().database.substr(0, 50),
                                       "_bench_scratch'"));
  }

  // Rows in the tables the baselines copy.
  int64_t RunRows(ConnectionPool& pool) {
    int64_t rows = 0;
    for (const char* table : {"person", "person_assignment", "assessment", "person_standing",
                              "plan", "plan_item", "completion", "audit_event", "change_log"}) {
      rows += QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM ", table));
    }
    return rows;
  }

  Dataset dataset_;
  std::vector<int64_t> ids_;
  std::vector<std::string> skill_sets_ = {"LITERACY", "GOVERNANCE", "TECHNOLOGY"};
  PathInputs inputs_{&dataset_, &ids_, &skill_sets_};
};

TEST_F(BenchBaselines, EveryPathWritesIntoAScratchSchemaDroppedAfter) {
  ConnectionPool pool(FreshDatabase());
  const int64_t before = RunRows(pool);
  for (const PathWrites& path :
       {PeopleWrites(inputs_, 2500, 2), AssessmentWrites(inputs_, 1200, 2),
        PlanWrites(inputs_, 40, 4), CompletionWrites(inputs_, 1100, 2),
        CompletionTableWrites(inputs_, 1500)}) {
    absl::StatusOr<Figure> figure = MeasureWrites(pool, path);
    ASSERT_TRUE(figure.ok()) << path.name << ": " << figure.status();
    EXPECT_EQ(figure->name, path.name);
    EXPECT_EQ(figure->count, path.records);
    EXPECT_GT(figure->PerSecond(), 0);
    EXPECT_EQ(ScratchSchemas(pool), 0) << path.name;
  }
  EXPECT_EQ(RunRows(pool), before);
}

TEST_F(BenchBaselines, ALeftoverScratchSchemaIsReplaced) {
  ConnectionPool pool(FreshDatabase());
  ASSERT_TRUE(pool.Run([&](sql::Connection& c) {
                    const std::string schema =
                        absl::StrCat(pool.config().database.substr(0, 50), "_bench_scratch");
                    Execute(c, absl::StrCat("CREATE DATABASE `", schema, "`"));
                    Execute(c, absl::StrCat("CREATE TABLE `", schema, "`.person (id INT)"));
                    return absl::OkStatus();
                  }).ok());
  EXPECT_TRUE(MeasureWrites(pool, PeopleWrites(inputs_, 10, 1)).ok());
  EXPECT_EQ(ScratchSchemas(pool), 0);
}

TEST_F(BenchBaselines, LoadDataTakesTheCompletionTable) {
  ConnectionPool pool(FreshDatabase());
  char directory[] = "/tmp/bench-baselines-XXXXXX";
  ASSERT_NE(mkdtemp(directory), nullptr);
  absl::StatusOr<Figure> figure =
      MeasureLoadData(pool, CompletionTableWrites(inputs_, 3000), "by LOAD DATA", directory);
  ASSERT_TRUE(figure.ok()) << figure.status();
  EXPECT_EQ(figure->count, 3000);
  EXPECT_EQ(figure->name, "by LOAD DATA");
  EXPECT_EQ(ScratchSchemas(pool), 0);
  EXPECT_EQ(rmdir(directory), 0);  // its files removed
}

TEST_F(BenchBaselines, LoadDataRefusesValuesItCannotCarry) {
  ConnectionPool pool(FreshDatabase());
  PathWrites people = PeopleWrites(inputs_, 3, 1);  // a person's left_on is NULL
  absl::StatusOr<Figure> figure = MeasureLoadData(pool, people, "by LOAD DATA", "/tmp");
  EXPECT_EQ(figure.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace thaksa::loadgen
