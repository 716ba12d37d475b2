// Integration tests of the database plumbing against a real MariaDB: migrations, Thai text,
// and a pool that survives the database restarting.
#include "common/db/connection_pool.h"
#include "common/db/migrations.h"
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

}  // namespace
}  // namespace thaksa
