// The cluster as a national deployment runs it, on loopback: three MariaDB Galera nodes behind
// HAProxy (tools/lib/cluster.sh, deploy/cluster/) and two thaksa-server replicas. People are
// synced through both replicas at once while one Galera node (the one HAProxy sends every
// connection to) and one replica are killed with SIGKILL. Afterwards every acknowledged record
// is stored exactly once, replaying the streams through the other replica completes the data,
// the readiness figures equal a recount, and the killed node rejoins holding the same rows as
// the others (row counts and checksums of every table). The test prints its figures: records
// sent, acknowledged, stored, duplicated and lost, and the time the writes took to fail over.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/notification.h"
#include "common/db/connection_pool.h"
#include "common/db/db_config.h"
#include "common/db/sql.h"
#include "gtest/gtest.h"
#include "tests/support/fault_streams.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/recount_check.h"
#include "tests/support/records.h"
#include "tests/support/server_process.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa {
namespace {

namespace ppb = ::thaksa::personnel::v1;
using cli::CallOptions;
using cli::NewContext;

// 4,000 people through replica A and 2,000 through B, in batches of 1,000. B is killed after
// its first batch; node 1 once B is dead and A has two batches answered, so that each kill
// comes in the middle of its stream and the node's cannot end B's stream first.
constexpr int kRecords = 6000;
constexpr int kThroughA = 4000;
constexpr size_t kKillBAfter = 500;
constexpr size_t kKillNodeAfter = 2000;
constexpr int kBasePort = 25500;  // HAProxy; the nodes on +10..+33 (below the ephemeral ports)

class ClusterFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = ::testing::TempDir() + "thaksa-cluster-XXXXXX";
    ASSERT_NE(mkdtemp(directory_.data()), nullptr);
    // The nodes run as user mysql, which must reach their directories.
    std::filesystem::permissions(directory_, std::filesystem::perms::others_exec,
                                 std::filesystem::perm_options::add);
    ASSERT_EQ(Cluster("thaksa_start_cluster; echo \"$THAKSA_DB_URL\" >\"$THAKSA_CLUSTER_DIR/db_url\""),
              0);
    std::ifstream url_file(directory_ + "/db_url");
    std::string url;
    std::getline(url_file, url);
    absl::StatusOr<DbConfig> db = ParseDbUrl(url);
    ASSERT_TRUE(db.ok()) << db.status();
    for (auto* replica : {&a_, &b_}) {
      const std::string dir = absl::StrCat(directory_, "/replica", replica == &a_ ? "a" : "b");
      std::filesystem::create_directory(dir);
      *replica = std::make_unique<testing::ServerProcess>(
          std::string(THAKSA_BINARY_DIR) + "/services/server/thaksa-server", *db, dir);
      ASSERT_TRUE((*replica)->Start().ok());
    }
    admin_a_.token = a_->admin_token();
    admin_b_.token = b_->admin_token();
    testing::Deployment deployment{a_->channel(), a_->channel(), admin_a_};
    testing::SetUpProgramme(deployment, testing::kMinistryAndDepartment);
  }

  void TearDown() override {
    a_.reset();
    b_.reset();
    Cluster("thaksa_stop_cluster");
    if (HasFailure()) {
      std::cout << "the cluster's and the replicas' logs are kept in " << directory_ << "\n";
    } else {
      std::filesystem::remove_all(directory_);
    }
  }

  // Runs `commands` with tools/lib/cluster.sh's functions on this test's cluster; the exit
  // status.
  int Cluster(const std::string& commands) {
    const std::string script = absl::StrCat(
        "set -e; THAKSA_BUILD_DIR='", THAKSA_BINARY_DIR, "'; source '", THAKSA_SOURCE_DIR,
        "/tools/lib/setup.sh'; source '", THAKSA_SOURCE_DIR, "/tools/lib/cluster.sh'; ",
        "THAKSA_CLUSTER_DIR='", directory_, "'; THAKSA_CLUSTER_BASE_PORT=", kBasePort, "; ",
        commands);
    const std::string command = absl::StrCat("bash -c '", absl::StrReplaceAll(script, {{"'", "'\\''"}}),
                                             "' >>", directory_, "/cluster.log 2>&1");
    return std::system(command.c_str());
  }

  // A connection pool to node `n` itself, not through HAProxy.
  std::unique_ptr<ConnectionPool> Node(int n) {
    DbConfig config;
    config.socket = absl::StrCat(directory_, "/node", n, "/mariadbd.sock");
    config.user = "root";
    config.database = "thaksa";
    return std::make_unique<ConnectionPool>(config);
  }

  // Each table of the schema with its row count and checksum, as node `n` holds them.
  std::vector<std::string> TablesOf(int n) {
    std::unique_ptr<ConnectionPool> node = Node(n);
    std::vector<std::string> tables;
    for (const std::string& table : testing::QueryStrings(
             *node, "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = 'thaksa' AND table_type = 'BASE TABLE'"
                    " ORDER BY table_name")) {
      std::string checksum;
      EXPECT_TRUE(node->Run([&](sql::Connection& c) {
                        auto rows = Query(c, absl::StrCat("CHECKSUM TABLE `", table, "`"));
                        if (rows->next()) checksum = rows->getString(2);
                        return absl::OkStatus();
                      }).ok());
      tables.push_back(absl::StrCat(
          table, " rows=",
          testing::QueryInt(*node, absl::StrCat("SELECT COUNT(*) FROM `", table, "`")),
          " checksum=", checksum));
    }
    return tables;
  }

  std::string directory_;
  std::unique_ptr<testing::ServerProcess> a_, b_;
  CallOptions admin_a_, admin_b_;
};

TEST_F(ClusterFaultTest, PeopleSyncedThroughTwoReplicasSurviveANodeAndAReplicaKilled) {
  std::vector<ppb::PersonRecord> through_a, through_b;
  for (int i = 1; i <= kRecords; ++i) {
    (i <= kThroughA ? through_a : through_b).push_back(testing::PersonRecordOf(i, "MDES", "TMD"));
  }
  auto stub_a = ppb::PersonnelService::NewStub(a_->channel());
  auto stub_b = ppb::PersonnelService::NewStub(b_->channel());
  auto open_a = [&](grpc::ClientContext* c) { return stub_a->BulkUpsertPeople(c); };
  auto open_b = [&](grpc::ClientContext* c) { return stub_b->BulkUpsertPeople(c); };
  absl::Time node_killed;
  absl::Notification b_killed;
  testing::StreamOutcome<ppb::BulkUpsertResult> outcome_a, outcome_b;
  std::thread stream_a([&] {
    outcome_a = testing::StreamWithKill<ppb::PersonRecord, ppb::BulkUpsertResult>(
        open_a, admin_a_, through_a, kKillNodeAfter, [&] {
          b_killed.WaitForNotificationWithTimeout(absl::Minutes(1));
          node_killed = absl::Now();
          EXPECT_EQ(Cluster("thaksa_kill_galera_node 1"), 0);
        });
  });
  std::thread stream_b([&] {
    outcome_b = testing::StreamWithKill<ppb::PersonRecord, ppb::BulkUpsertResult>(
        open_b, admin_b_, through_b, kKillBAfter, [&] {
          b_->Kill();
          b_killed.Notify();
        });
  });
  stream_a.join();
  stream_b.join();
  EXPECT_TRUE(outcome_a.killed && outcome_b.killed) << "a stream ended before its kill";
  EXPECT_FALSE(outcome_b.status.ok()) << "replica B died under its stream";
  EXPECT_LT(outcome_a.results.size() + outcome_b.results.size(), static_cast<size_t>(kRecords))
      << "the kills came after every record was answered";

  // The writes fail over: the first person stored through replica A after node 1 died.
  ppb::UpsertPersonRequest canary;
  *canary.mutable_person() = testing::PersonRecordOf(kRecords + 1, "MDES", "TMD");
  ppb::UpsertPersonResponse stored;
  while (!stub_a->UpsertPerson(NewContext(admin_a_).get(), canary, &stored).ok() &&
         absl::Now() - node_killed < absl::Minutes(1)) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  const absl::Duration failover = absl::Now() - node_killed;
  ASSERT_NE(stored.person().id(), 0) << "no write went through after the node's death";

  // Both come back: the replica restarts, the node rejoins the cluster.
  ASSERT_TRUE(b_->Start().ok());
  ASSERT_EQ(Cluster("thaksa_start_galera_node 1"), 0);

  auto created = [](const ppb::BulkUpsertResult& r) {
    return r.outcome() == ppb::UPSERT_OUTCOME_CREATED;
  };
  const auto acknowledged_a = testing::Acknowledged(outcome_a.results, created);
  const auto acknowledged_b = testing::Acknowledged(outcome_b.results, created);
  std::vector<int64_t> acknowledged_ids;
  for (const auto* acknowledged : {&acknowledged_a, &acknowledged_b}) {
    for (const auto& result : *acknowledged) acknowledged_ids.push_back(result.person_id());
  }
  std::unique_ptr<ConnectionPool> node2 = Node(2);
  const int64_t stored_before_replay = testing::QueryInt(*node2, "SELECT COUNT(*) FROM person") - 1;
  const int64_t lost =
      static_cast<int64_t>(acknowledged_ids.size()) -
      testing::QueryInt(*node2, absl::StrCat("SELECT COUNT(*) FROM person WHERE id IN (",
                                             absl::StrJoin(acknowledged_ids, ","), ")"));

  // Each stream replayed through the other replica: what was acknowledged is UNCHANGED.
  const auto replay_a = testing::StreamWithKill<ppb::PersonRecord, ppb::BulkUpsertResult>(
      open_b, admin_b_, through_a, 0, [] {});
  const auto replay_b = testing::StreamWithKill<ppb::PersonRecord, ppb::BulkUpsertResult>(
      open_a, admin_a_, through_b, 0, [] {});
  ASSERT_TRUE(replay_a.status.ok()) << replay_a.status.error_message();
  ASSERT_TRUE(replay_b.status.ok()) << replay_b.status.error_message();
  ASSERT_EQ(replay_a.results.size(), through_a.size());
  ASSERT_EQ(replay_b.results.size(), through_b.size());
  for (const auto& [acknowledged, replay] :
       {std::pair{&acknowledged_a, &replay_a}, std::pair{&acknowledged_b, &replay_b}}) {
    for (const auto& result : *acknowledged) {
      EXPECT_EQ(replay->results[result.index()].outcome(), ppb::UPSERT_OUTCOME_UNCHANGED);
      EXPECT_EQ(replay->results[result.index()].person_id(), result.person_id());
    }
  }
  // A person is created once (the keys are unique); a record stored twice would show as a second
  // audit event of its creation.
  const int64_t duplicated = testing::QueryInt(
      *node2,
      "SELECT COUNT(*) - COUNT(DISTINCT entity_id) FROM audit_event"
      " WHERE entity_type = 'person' AND outcome = 'OK'");
  EXPECT_EQ(testing::QueryInt(*node2, "SELECT COUNT(*) FROM person"), kRecords + 1);

  const std::string figures = absl::StrCat(
      "people sync through two replicas, node 1 and replica B killed: sent ", kRecords,
      ", acknowledged ", acknowledged_ids.size(), ", stored before the replay ",
      stored_before_replay, ", duplicated ", duplicated, ", lost ", lost,
      "; writes failed over in ", absl::FormatDuration(failover));
  std::cout << figures << "\n";
  RecordProperty("figures", figures);
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(duplicated, 0);

  // The readiness figures, worked out by whichever replica holds the refresher's lease now,
  // equal a recount.
  testing::ExpectReadinessEqualsARecount(a_->channel(), admin_a_, {"MDES", "TMD"});

  // The rejoined node holds what the others hold. The replicas stop first: their leases are
  // renewed every second, which would keep the nodes' lease rows changing.
  a_.reset();
  b_.reset();
  std::vector<std::string> tables[3];
  for (absl::Time until = absl::Now() + absl::Seconds(30); absl::Now() < until;) {
    for (int n = 1; n <= 3; ++n) tables[n - 1] = TablesOf(n);
    if (tables[0] == tables[1] && tables[1] == tables[2]) break;
    absl::SleepFor(absl::Milliseconds(500));
  }
  EXPECT_GT(tables[0].size(), 20u);
  EXPECT_EQ(tables[0], tables[1]) << "node 1 (rejoined) and node 2";
  EXPECT_EQ(tables[2], tables[1]) << "node 3 and node 2";
}

}  // namespace
}  // namespace thaksa
