// Integration tests of the database plumbing against a real MariaDB: migrations, Thai text,
// statements kept prepared per connection, and a pool that survives the database restarting.
#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/connection_pool.h"
#include "common/db/lease.h"
#include "common/db/migrations.h"
#include "common/db/prepared_statements.h"
#include "common/db/sql.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"

namespace thaksa {
namespace {

using ::testing::HasSubstr;

TEST(MigrationsTest, AppliesEachMigrationOnceAndInOrder) {
  ConnectionPool pool(testing::FreshDatabase());  // already migrated once
  ASSERT_TRUE(ApplyMigrations(pool, BundledMigrations()).ok());
  EXPECT_EQ(*SchemaVersion(pool), BundledMigrations().back().version);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM schema_migration"),
            static_cast<int64_t>(BundledMigrations().size()));
}

TEST(MigrationsTest, RefusesASchemaNewerThanTheBinary) {
  ConnectionPool pool(testing::FreshDatabase());
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "INSERT INTO schema_migration (version, name) VALUES (999, 'future')");
                    return absl::OkStatus();
                  }).ok());
  absl::Status status = ApplyMigrations(pool, BundledMigrations());
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("version 999"));
}

TEST(MigrationsTest, NewMigrationIsAppliedAfterTheBundledOnes) {
  ConnectionPool pool(testing::FreshDatabase());
  std::vector<Migration> migrations = BundledMigrations();
  const int next = migrations.back().version + 1;
  migrations.push_back({next, "extra.sql", "CREATE TABLE extra (id INT PRIMARY KEY);\n"});
  ASSERT_TRUE(ApplyMigrations(pool, migrations).ok());
  EXPECT_EQ(*SchemaVersion(pool), next);
}

TEST(LeaseTest, OneHolderAtATimeUntilItsTimeLapses) {
  ConnectionPool pool(testing::FreshDatabase());
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    EXPECT_TRUE(TakeLease(c, "task", "a", absl::Minutes(1)));
                    EXPECT_FALSE(TakeLease(c, "task", "b", absl::Minutes(1)));
                    EXPECT_TRUE(TakeLease(c, "task", "a", absl::Minutes(1))) << "renewed";
                    EXPECT_TRUE(TakeLease(c, "other task", "b", absl::Minutes(1)));
                    EXPECT_EQ(LeaseHolder(c, "task"), "a");
                    ReleaseLease(c, "task", "b");
                    EXPECT_EQ(LeaseHolder(c, "task"), "a") << "only the holder gives it up";
                    ReleaseLease(c, "task", "a");
                    EXPECT_EQ(LeaseHolder(c, "task"), "");
                    EXPECT_TRUE(TakeLease(c, "task", "b", absl::Milliseconds(1)));
                    absl::SleepFor(absl::Milliseconds(20));
                    EXPECT_EQ(LeaseHolder(c, "task"), "") << "lapsed";
                    EXPECT_TRUE(TakeLease(c, "task", "a", absl::Minutes(1)));
                    return absl::OkStatus();
                  }).ok());
}

TEST(MigrationsTest, ProcessesMigratingAtOnceApplyEachMigrationOnce) {
  const DbConfig config = testing::FreshDatabase();
  std::vector<Migration> migrations = BundledMigrations();
  for (int i = 1; i <= 5; ++i) {
    const int version = BundledMigrations().back().version + i;
    migrations.push_back({version, absl::StrCat("extra_", i, ".sql"),
                          absl::StrCat("CREATE TABLE extra_", i, " (id INT PRIMARY KEY);\n",
                                       "INSERT INTO extra_", i, " VALUES (", i, ");\n")});
  }
  std::vector<absl::Status> outcomes(4);
  std::vector<std::thread> processes;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    processes.emplace_back([&, i] {
      ConnectionPool pool(config);
      outcomes[i] = ApplyMigrations(pool, migrations);
    });
  }
  for (std::thread& process : processes) process.join();
  for (const absl::Status& outcome : outcomes) EXPECT_TRUE(outcome.ok()) << outcome;
  ConnectionPool pool(config);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM schema_migration"),
            static_cast<int64_t>(migrations.size()));
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(testing::QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM extra_", i)), 1);
  }
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM lease WHERE holder IS NOT NULL"), 0)
      << "every process gave the lease up";
}

TEST(MigrationsTest, WaitForAnotherProcessesLeaseAndTakeOverOneThatLapsed) {
  ConnectionPool pool(testing::FreshDatabase());
  std::vector<Migration> migrations = BundledMigrations();
  const int next = migrations.back().version + 1;
  migrations.push_back({next, "extra.sql", "CREATE TABLE extra (id INT PRIMARY KEY);\n"});
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    EXPECT_TRUE(TakeLease(c, "schema_migration", "host-b:42:1", absl::Hours(1)));
                    return absl::OkStatus();
                  }).ok());
  absl::Status waited = ApplyMigrations(pool, migrations, absl::Milliseconds(500));
  EXPECT_EQ(waited.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(waited.message(), HasSubstr("host-b:42:1"));
  EXPECT_EQ(*SchemaVersion(pool), next - 1) << "nothing applied meanwhile";

  // The holder died: its lease lapses and the next process takes over.
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "UPDATE lease SET held_until = NOW(6) - INTERVAL 1 SECOND");
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(ApplyMigrations(pool, migrations, absl::Milliseconds(500)).ok());
  EXPECT_EQ(*SchemaVersion(pool), next);
}

TEST(MigrationsTest, LeaversStoredStillAssignedEndOnTheirLeavingDay) {
  ConnectionPool pool(testing::FreshDatabase());
  // A leaver as the upsert stored them before: LEFT on 2026-11-11, yet assigned on and after it.
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "INSERT INTO agency (id, code, name_th, path, kind)"
                               " VALUES (1, 'TMD', 'กรมอุตุนิยมวิทยา', '/1/', 2)");
                    Execute(c, "INSERT INTO person (id, record_agency_id, employee_number,"
                               " citizen_id_hash, citizen_id_masked, name_th, status, left_on)"
                               " VALUES (7, 1, 'E7', REPEAT('x', 32), 'x-xxxx-xxxx7-03-0',"
                               " 'พนักงาน', 3, '2026-11-11')");
                    Execute(c, "INSERT INTO person_assignment (person_id, effective_from,"
                               " effective_to, agency_id, position_title, grade, personnel_group)"
                               " VALUES (7, '2020-01-01', '2027-01-01', 1, 'นักวิชาการ', 'ก', 5),"
                               " (7, '2027-01-01', '9999-12-31', 1, 'นักวิชาการ', 'ข', 5)");
                    return absl::OkStatus();
                  }).ok());
  const Migration* mend = nullptr;
  for (const Migration& m : BundledMigrations()) {
    if (m.name == "009_leavers_end_assignments.sql") mend = &m;
  }
  ASSERT_NE(mend, nullptr);
  ASSERT_TRUE(pool.Run([&](sql::Connection& c) {
                    for (const std::string& statement : SplitStatements(mend->sql)) {
                      Execute(c, statement);
                    }
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM person_assignment WHERE person_id = 7"), 1);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM person_assignment WHERE person_id = 7"
                                    " AND effective_to = '2026-11-11'"),
            1);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM change_log WHERE kind = 'person'"
                                    " AND entity_id = '7'"),
            1) << "readiness recounts them";
}

TEST(MigrationsTest, ReadinessCellsBecomeCellsOfEveryAncestorByChild) {
  const DbConfig config = testing::FreshDatabase();
  ASSERT_TRUE(DropDatabase(config).ok());
  ASSERT_TRUE(CreateDatabaseIfMissing(config).ok());
  ConnectionPool pool(config);
  std::vector<Migration> before_trees;
  for (const Migration& m : BundledMigrations()) {
    if (m.version < 15) before_trees.push_back(m);
  }
  ASSERT_TRUE(ApplyMigrations(pool, before_trees).ok());
  // MDES > TMD > TMD-IT: two people counted in TMD-IT (one meets), one in TMD; the month and
  // the closed year kept TMD-IT's two.
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "INSERT INTO agency (id, code, name_th, path, kind) VALUES"
                               " (1, 'MDES', 'กระทรวง', '/1/', 1), (2, 'TMD', 'กรม', '/1/2/', 2),"
                               " (3, 'TMD-IT', 'ศูนย์', '/1/2/3/', 3)");
                    Execute(c, "INSERT INTO readiness_person (person_id, skill_set_code,"
                               " framework_code, agency_id, personnel_group, level, present_target,"
                               " future_target, status, gap) VALUES"
                               " (7, 'LITERACY', 'CS', 3, 2, 2, 2, 3, 1, 0)");
                    Execute(c, "INSERT INTO readiness_cell (agency_id, framework_code,"
                               " personnel_group, skill_set_code, headcount, meets_present) VALUES"
                               " (3, 'CS', 2, 'LITERACY', 2, 1), (2, 'CS', 2, 'LITERACY', 1, 0)");
                    Execute(c, "INSERT INTO readiness_month (month, taken_at)"
                               " VALUES ('2026-10-01', NOW())");
                    Execute(c, "INSERT INTO readiness_month_cell (month, agency_id, framework_code,"
                               " personnel_group, skill_set_code, headcount, meets_present)"
                               " VALUES ('2026-10-01', 3, 'CS', 2, 'LITERACY', 2, 1)");
                    Execute(c, "INSERT INTO readiness_closed_year (fiscal_year, closed_at, people,"
                               " last_assessment_id) VALUES (2569, NOW(), 2, 0)");
                    Execute(c, "INSERT INTO readiness_snapshot_cell (fiscal_year, agency_id,"
                               " framework_code, personnel_group, skill_set_code, headcount,"
                               " assessed, meets_present, meets_future, expired, gap_sum)"
                               " VALUES (2569, 3, 'CS', 2, 'LITERACY', 2, 2, 1, 0, 0, 1)");
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(ApplyMigrations(pool, BundledMigrations()).ok());

  auto headcount = [&](const std::string& table, int ancestor, int child) {
    return testing::QueryInt(pool, absl::StrCat("SELECT SUM(headcount) FROM ", table,
                                                " WHERE ancestor_id = ", ancestor,
                                                " AND child_id = ", child));
  };
  EXPECT_EQ(headcount("readiness_tree_cell", 0, 1), 3) << "the country, by ministry";
  EXPECT_EQ(headcount("readiness_tree_cell", 1, 2), 3);
  EXPECT_EQ(headcount("readiness_tree_cell", 2, 0), 1) << "TMD's own";
  EXPECT_EQ(headcount("readiness_tree_cell", 2, 3), 2);
  EXPECT_EQ(headcount("readiness_tree_cell", 3, 0), 2);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT meets_present FROM readiness_tree_cell"
                                    " WHERE ancestor_id = 1 AND child_id = 2"),
            1);
  for (const std::string table : {"readiness_month_tree_cell", "readiness_snapshot_tree_cell"}) {
    EXPECT_EQ(headcount(table, 0, 1), 2) << table;
    EXPECT_EQ(headcount(table, 2, 3), 2) << table;
    EXPECT_EQ(testing::QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM ", table)), 4) << table;
  }
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM readiness_person"
                                    " WHERE agency_path = '/1/2/3/'"),
            1);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM information_schema.tables WHERE"
                                    " table_schema = DATABASE() AND table_name IN"
                                    " ('readiness_cell', 'readiness_month_cell',"
                                    " 'readiness_snapshot_cell')"),
            0);
}

TEST(DatabaseTest, ThaiTextRoundTripsExactly) {
  ConnectionPool pool(testing::FreshDatabase());
  const std::string thai = "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ๑๒๓ 😀";
  std::string read;
  ASSERT_TRUE(pool.Run([&](sql::Connection& c) {
                    Execute(c, "CREATE TABLE t (s VARCHAR(255)) DEFAULT CHARSET=utf8mb4");
                    Execute(c, "INSERT INTO t VALUES (?)", {thai});
                    auto rows = Query(c, "SELECT s FROM t");
                    rows->next();
                    read = rows->getString(1);
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(read, thai);
}

// How many statements this connection's session has prepared so far.
int64_t StatementsPrepared(sql::Connection& connection) {
  auto rows = Query(connection, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
  rows->next();
  return rows->getInt64(2);
}

TEST(PreparedStatementsTest, AStatementThatRepeatsIsPreparedOncePerConnection) {
  ConnectionPool pool(testing::FreshDatabase());
  int64_t prepared = -1;
  ASSERT_TRUE(pool.Run([&](PreparedStatements& statements) {
                    sql::Connection& c = statements.connection();
                    Execute(c, "CREATE TABLE t (n INT, s VARCHAR(255)) DEFAULT CHARSET=utf8mb4");
                    const int64_t before = StatementsPrepared(c);
                    for (int n = 0; n < 5; ++n) {
                      statements.Execute("INSERT INTO t VALUES (?, ?)", {int64_t{n}, "ไทย"});
                    }
                    prepared = StatementsPrepared(c) - before - 1;  // less the count's own
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(prepared, 1);
  int64_t sum = 0;
  ASSERT_TRUE(pool.Run([&](PreparedStatements& statements) {
                    statements.Query("SELECT n FROM t WHERE s = ?", {"ไทย"},
                                     [&](sql::ResultSet& row) { sum += row.getInt64("n"); });
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(sum, 0 + 1 + 2 + 3 + 4);
}

TEST(PreparedStatementsTest, KeepsTheMostRecentlyUsedWithinItsCapacity) {
  ConnectionPool pool(testing::FreshDatabase());
  int64_t prepared = -1;
  ASSERT_TRUE(pool.Run([&](sql::Connection& c) {
                    PreparedStatements statements(c, /*capacity=*/2);
                    auto select = [&](int n) {
                      statements.Query(absl::StrCat("SELECT ", n), {}, [](sql::ResultSet&) {});
                    };
                    const int64_t before = StatementsPrepared(c);
                    select(1);
                    select(2);
                    select(1);  // kept
                    select(3);  // closes 2, the least recently used
                    select(1);  // kept
                    select(2);  // prepared again
                    prepared = StatementsPrepared(c) - before - 1;
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(prepared, 4);
}

TEST(PreparedStatementsTest, RowsAndKeysSpanSeveralStatements) {
  ConnectionPool pool(testing::FreshDatabase());
  constexpr int kRows = 1234;  // two full statements and a part
  std::vector<std::vector<SqlValue>> rows, pair_keys, single_keys;
  std::vector<SqlValue> values;
  for (int n = 0; n < kRows; ++n) {
    rows.push_back({int64_t{n % 7}, absl::StrCat("รหัส-", n)});
    if (n % 2 == 0) pair_keys.push_back(rows.back());
    if (n % 3 == 0) single_keys.push_back({absl::StrCat("รหัส-", n)});
    if (n % 5 == 0) values.push_back(absl::StrCat("รหัส-", n));
  }
  int64_t by_pairs = 0, by_values = 0;
  std::vector<int64_t> ids;
  ASSERT_TRUE(pool.Transaction([&](sql::Connection& c) {
                    Execute(c, "CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, a INT,"
                               " b VARCHAR(64), UNIQUE KEY (a, b)) DEFAULT CHARSET=utf8mb4");
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(pool.UpsertTransaction([&](PreparedStatements& statements) {
                    ids = statements.InsertRowsReturningIds("INSERT INTO t (a, b) VALUES ", 2,
                                                            rows);
                    by_pairs = by_values = 0;
                    statements.QueryRows("SELECT id FROM t WHERE (a, b) IN (", 2, pair_keys, ")",
                                         [&](sql::ResultSet&) { ++by_pairs; });
                    statements.QueryIn("SELECT id FROM t WHERE a = ? AND b", values, "",
                                       [&](sql::ResultSet&) { ++by_values; }, {int64_t{0}});
                    statements.ExecuteRows("DELETE FROM t WHERE b IN (", 1, single_keys, ")");
                    return absl::OkStatus();
                  }).ok());
  ASSERT_EQ(ids.size(), static_cast<size_t>(kRows));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << "in the order of the rows";
  EXPECT_EQ(by_pairs, (kRows + 1) / 2);
  EXPECT_EQ(by_values, (kRows + 34) / 35) << "n % 5 == 0 and n % 7 == 0";
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM t"), kRows - (kRows + 2) / 3);
}

TEST(ConnectionPoolTest, UnavailableWhileDatabaseIsDownAndHealsAfter) {
  auto server = testing::MariaDbServer::Start();
  ASSERT_TRUE(server.ok()) << server.status();
  DbConfig config = (*server)->Config("mysql");
  ConnectionPool pool(config);
  auto ping = [&] {
    return pool.Run([](sql::Connection& c) {
      Query(c, "SELECT 1");
      return absl::OkStatus();
    });
  };
  ASSERT_TRUE(ping().ok());
  ASSERT_TRUE((*server)->Stop().ok());
  const absl::Time start = absl::Now();
  EXPECT_EQ(ping().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(pool.Transaction([](sql::Connection&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, config.connect_timeout * 4) << "answers promptly";
  ASSERT_TRUE((*server)->Restart().ok());
  EXPECT_TRUE(ping().ok());
}

TEST(ConnectionPoolTest, FailedTransactionIsRolledBack) {
  ConnectionPool pool(testing::FreshDatabase());
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB");
                    return absl::OkStatus();
                  }).ok());
  absl::Status status = pool.Transaction([](sql::Connection& c) {
    Execute(c, "INSERT INTO t VALUES (1)");
    Execute(c, "INSERT INTO t VALUES (1)");  // duplicate key
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM t"), 0);
}

TEST(ConnectionPoolTest, ACommitLostWithItsConnectionIsNeitherReportedStoredNorRunAgain) {
  const DbConfig config = testing::FreshDatabase();
  ConnectionPool pool(config);
  ConnectionPool other(config);
  ASSERT_TRUE(pool.Run([](sql::Connection& c) {
                    Execute(c, "CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB");
                    return absl::OkStatus();
                  }).ok());
  int runs = 0;
  absl::Status status = pool.Transaction([&](sql::Connection& c) {
    ++runs;
    Execute(c, "INSERT INTO t VALUES (1)");
    auto id = Query(c, "SELECT CONNECTION_ID()");
    id->next();
    const int64_t connection_id = id->getInt64(1);
    // The connection breaks after the work is done and before its COMMIT arrives.
    EXPECT_TRUE(other.Run([connection_id](sql::Connection& killer) {
                       Execute(killer, absl::StrCat("KILL ", connection_id));
                       return absl::OkStatus();
                     }).ok());
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("may or may not be stored"));
  EXPECT_EQ(runs, 1) << "a commit of unknown outcome is not run again by the pool";
  EXPECT_EQ(testing::QueryInt(pool, "SELECT COUNT(*) FROM t"), 0);
  EXPECT_EQ(pool.Stats().in_use, 0);
}

}  // namespace
}  // namespace thaksa
