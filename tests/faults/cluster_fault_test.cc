// The cluster as a national deployment runs it, on loopback: three MariaDB Galera nodes behind
// HAProxy (tools/lib/cluster.sh, deploy/cluster/) and two thaksa-server replicas. Records are
// streamed through both replicas at once (people in one test; assessments through one replica
// and an institute's completions through the other in the second) while one Galera node (the
// one HAProxy sends every connection to) and one replica are killed with SIGKILL, then both are
// brought back. Afterwards every acknowledged record is stored exactly once, replaying the
// streams through the other replica completes the data, the readiness figures equal a recount,
// and the killed node rejoins holding the same rows as the others (row counts and checksums of
// every table). Each test prints its figures: records sent, acknowledged, stored, duplicated and
// lost, and the time the writes took to fail over.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
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
#include "tests/support/stored_once.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;
namespace ppb = ::thaksa::personnel::v1;
using cli::CallOptions;
using cli::NewContext;

// 4,000 records through replica A and 2,000 through B at once, in batches of 1,000 (500
// completions). B is killed after its first batch; node 1 once B is dead and A has two batches
// answered, so that each kill comes in the middle of its stream and the node's cannot end B's
// stream first.
constexpr int kThroughA = 4000;
constexpr int kThroughB = 2000;
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
    deployment_ = {a_->channel(), a_->channel(), admin_a_};
    testing::SetUpProgramme(deployment_, testing::kMinistryAndDepartment);
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

  // Streams `records_a` through replica A and `records_b` through replica B at once, and kills
  // replica B after kKillBAfter results of its stream and node 1 once B is dead and A's stream
  // has kKillNodeAfter results. While A's stream goes on, measures how long a write through A
  // (person `canary`) takes to go through after node 1's death: the failover.
  template <typename RecordA, typename ResultA, typename RecordB, typename ResultB,
            typename OpenA, typename OpenB>
  void StreamThroughBothWithKills(OpenA open_a, const CallOptions& caller_a,
                                  const std::vector<RecordA>& records_a,
                                  testing::StreamOutcome<ResultA>& outcome_a, OpenB open_b,
                                  const CallOptions& caller_b,
                                  const std::vector<RecordB>& records_b,
                                  testing::StreamOutcome<ResultB>& outcome_b, int canary) {
    absl::Notification b_killed;
    std::thread stream_a([&] {
      outcome_a = testing::StreamWithKill<RecordA, ResultA>(
          open_a, caller_a, records_a, kKillNodeAfter,
          [&] {
            const absl::Time killed = absl::Now();
            EXPECT_EQ(Cluster("thaksa_kill_galera_node 1"), 0);
            failover_ = FirstWriteAfter(killed, canary);
          },
          [&] { b_killed.WaitForNotificationWithTimeout(absl::Minutes(1)); });
    });
    std::thread stream_b([&] {
      outcome_b = testing::StreamWithKill<RecordB, ResultB>(open_b, caller_b, records_b,
                                                            kKillBAfter, [&] {
                                                              b_->Kill();
                                                              b_killed.Notify();
                                                            });
    });
    stream_a.join();
    stream_b.join();
    EXPECT_TRUE(outcome_a.killed && outcome_b.killed) << "a stream ended before its kill";
    EXPECT_FALSE(outcome_b.status.ok()) << "replica B died under its stream";
    EXPECT_LT(outcome_a.results.size() + outcome_b.results.size(),
              records_a.size() + records_b.size())
        << "the kills came after every record was answered";
  }

  // How long after `killed` a write through replica A (person `n`, tried every 50 ms for up to
  // a minute) first went through.
  absl::Duration FirstWriteAfter(absl::Time killed, int n) {
    auto personnel = ppb::PersonnelService::NewStub(a_->channel());
    ppb::UpsertPersonRequest canary;
    *canary.mutable_person() = testing::PersonRecordOf(n, "MDES", "TMD");
    ppb::UpsertPersonResponse stored;
    while (!personnel->UpsertPerson(NewContext(admin_a_).get(), canary, &stored).ok() &&
           absl::Now() - killed < absl::Minutes(1)) {
      absl::SleepFor(absl::Milliseconds(50));
    }
    EXPECT_NE(stored.person().id(), 0) << "no write went through after the node's death";
    return absl::Now() - killed;
  }

  // Both come back: replica B restarts, node 1 rejoins the cluster.
  void BringBackTheKilled() {
    ASSERT_TRUE(b_->Start().ok());
    ASSERT_EQ(Cluster("thaksa_start_galera_node 1"), 0);
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

  // The rejoined node 1 holds what the others hold (waiting up to 30 s for the cluster to
  // settle). The replicas stop first: their leases are renewed every second, which would keep
  // the nodes' lease rows changing.
  void ExpectTheNodesHoldTheSameRows() {
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

  void Print(const std::string& figures) {
    std::cout << figures << "\n";
    RecordProperty("figures", figures);
  }

  std::string directory_;
  std::unique_ptr<testing::ServerProcess> a_, b_;
  CallOptions admin_a_, admin_b_;
  testing::Deployment deployment_;
  // How long writes took to go through again after node 1's death.
  absl::Duration failover_;
};

using testing::IdsOf;

TEST_F(ClusterFaultTest, PeopleSyncedThroughTwoReplicasSurviveANodeAndAReplicaKilled) {
  std::vector<ppb::PersonRecord> through_a, through_b;
  for (int i = 1; i <= kThroughA + kThroughB; ++i) {
    (i <= kThroughA ? through_a : through_b).push_back(testing::PersonRecordOf(i, "MDES", "TMD"));
  }
  auto stub_a = ppb::PersonnelService::NewStub(a_->channel());
  auto stub_b = ppb::PersonnelService::NewStub(b_->channel());
  auto open_a = [&](grpc::ClientContext* c) { return stub_a->BulkUpsertPeople(c); };
  auto open_b = [&](grpc::ClientContext* c) { return stub_b->BulkUpsertPeople(c); };
  testing::StreamOutcome<ppb::BulkUpsertResult> outcome_a, outcome_b;
  StreamThroughBothWithKills(open_a, admin_a_, through_a, outcome_a, open_b, admin_b_, through_b,
                             outcome_b, kThroughA + kThroughB + 1);
  BringBackTheKilled();

  auto created = [](const ppb::BulkUpsertResult& r) {
    return r.outcome() == ppb::UPSERT_OUTCOME_CREATED;
  };
  const auto acknowledged_a = testing::Acknowledged(outcome_a.results, created);
  const auto acknowledged_b = testing::Acknowledged(outcome_b.results, created);
  auto person_id = [](const ppb::BulkUpsertResult& r) { return r.person_id(); };
  std::unique_ptr<ConnectionPool> node2 = Node(2);
  testing::StreamFigures figures;
  figures.sent = kThroughA + kThroughB;
  figures.acknowledged = static_cast<int64_t>(acknowledged_a.size() + acknowledged_b.size());
  figures.stored_before_replay = testing::QueryInt(*node2, "SELECT COUNT(*) FROM person") - 1;
  figures.lost = testing::MissingIds(*node2, "person", IdsOf(acknowledged_a, person_id)) +
                 testing::MissingIds(*node2, "person", IdsOf(acknowledged_b, person_id));

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
  figures.duplicated = testing::QueryInt(
      *node2,
      "SELECT COUNT(*) - COUNT(DISTINCT entity_id) FROM audit_event"
      " WHERE entity_type = 'person' AND outcome = 'OK'");
  EXPECT_EQ(testing::QueryInt(*node2, "SELECT COUNT(*) FROM person"), kThroughA + kThroughB + 1);

  Print(absl::StrCat(
      figures.Describe("people sync through two replicas, node 1 and replica B killed"),
      "; writes failed over in ", absl::FormatDuration(failover_)));
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.duplicated, 0);

  // The readiness figures, worked out by whichever replica holds the refresher's lease now,
  // equal a recount.
  testing::ExpectReadinessEqualsARecount(a_->channel(), admin_a_, {"MDES", "TMD"});
  ExpectTheNodesHoldTheSameRows();
}

// Assessments and an institute's completions streamed at once, one kind through each replica:
// with the parameter true, assessments through A (which lives through node 1's death) and
// completions through B (which is killed); false, the other way round.
class AssessmentsAndCompletionsTest : public ClusterFaultTest,
                                      public ::testing::WithParamInterface<bool> {};

TEST_P(AssessmentsAndCompletionsTest, ThroughTwoReplicasSurviveANodeAndAReplicaKilled) {
  const bool assessments_through_a = GetParam();
  const int assessment_count = assessments_through_a ? kThroughA : kThroughB;
  const int completion_count = assessments_through_a ? kThroughB : kThroughA;
  std::vector<ppb::PersonRecord> people;
  for (int i = 1; i <= kThroughA; ++i) people.push_back(testing::PersonRecordOf(i, "MDES", "TMD"));
  auto personnel = ppb::PersonnelService::NewStub(a_->channel());
  const auto loaded = testing::StreamWithKill<ppb::PersonRecord, ppb::BulkUpsertResult>(
      [&](grpc::ClientContext* c) { return personnel->BulkUpsertPeople(c); }, admin_a_, people,
      0, [] {});
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.error_message();
  const std::vector<int64_t> ids =
      IdsOf(loaded.results, [](const ppb::BulkUpsertResult& r) { return r.person_id(); });
  ASSERT_EQ(ids.size(), people.size());
  testing::RegisterExamCourse(deployment_);
  const CallOptions institute =
      testing::NewToken(deployment_, access::v1::ROLE_TRAINING_INSTITUTE, "", "TDGA");

  // Each completion carries a level in the course's two skill sets.
  const std::vector<apb::AssessmentRecord> assessments =
      testing::SupervisorAssessments(ids, assessment_count, "cluster-");
  std::vector<lpb::CompletionRecord> completions;
  for (int i = 0; i < completion_count; ++i) {
    completions.push_back(testing::PassedCompletion(absl::StrCat("cluster-", i), ids[i], "DG-201",
                                                    testing::kMorning, 2));
  }
  auto assessment_a = apb::AssessmentService::NewStub(a_->channel());
  auto assessment_b = apb::AssessmentService::NewStub(b_->channel());
  auto learning_a = lpb::LearningService::NewStub(a_->channel());
  auto learning_b = lpb::LearningService::NewStub(b_->channel());
  auto assess_through = [](auto& stub) {
    return [&stub](grpc::ClientContext* c) { return stub->BulkRecordAssessments(c); };
  };
  auto complete_through = [](auto& stub) {
    return [&stub](grpc::ClientContext* c) { return stub->RecordCompletions(c); };
  };
  testing::StreamOutcome<apb::BulkAssessmentResult> assessed;
  testing::StreamOutcome<lpb::CompletionResult> completed;
  if (assessments_through_a) {
    StreamThroughBothWithKills(assess_through(assessment_a), admin_a_, assessments, assessed,
                               complete_through(learning_b), institute, completions, completed,
                               kThroughA + 1);
  } else {
    StreamThroughBothWithKills(complete_through(learning_a), institute, completions, completed,
                               assess_through(assessment_b), admin_b_, assessments, assessed,
                               kThroughA + 1);
  }
  BringBackTheKilled();

  const auto acknowledged_assessments =
      testing::Acknowledged(assessed.results, [](const apb::BulkAssessmentResult& r) {
        return r.outcome() == apb::RECORD_OUTCOME_RECORDED;
      });
  const auto acknowledged_completions =
      testing::Acknowledged(completed.results, [](const lpb::CompletionResult& r) {
        return r.outcome() == lpb::COMPLETION_OUTCOME_RECORDED;
      });
  std::unique_ptr<ConnectionPool> node2 = Node(2);
  // Nothing is half stored: each assessment with its standing and audit event, each counted
  // completion with its two levels queued, and neither without the other.
  EXPECT_EQ(testing::QueryInt(*node2, testing::kHalfStoredAssessments), 0);
  EXPECT_EQ(testing::QueryInt(*node2, testing::kOrphanAssessmentEvents), 0);
  EXPECT_EQ(testing::QueryInt(*node2, testing::HalfStoredCompletions(2)), 0);
  EXPECT_EQ(testing::QueryInt(*node2, testing::OrphanOutboxRows()), 0);
  // The assessments sent, not those relayed from completions.
  const std::string sent_assessments =
      "SELECT COUNT(*) FROM assessment WHERE external_key NOT LIKE '%completion:%'";
  const std::string counted_completions = "SELECT COUNT(*) FROM completion WHERE state = 1";
  testing::StreamFigures assessment_figures{
      assessment_count, static_cast<int64_t>(acknowledged_assessments.size())};
  assessment_figures.stored_before_replay = testing::QueryInt(*node2, sent_assessments);
  assessment_figures.lost = testing::MissingIds(
      *node2, "assessment",
      IdsOf(acknowledged_assessments,
            [](const apb::BulkAssessmentResult& r) { return r.assessment_id(); }));
  testing::StreamFigures completion_figures{
      completion_count, static_cast<int64_t>(acknowledged_completions.size())};
  completion_figures.stored_before_replay = testing::QueryInt(*node2, counted_completions);
  completion_figures.lost = testing::MissingIds(
      *node2, "completion",
      IdsOf(acknowledged_completions,
            [](const lpb::CompletionResult& r) { return r.completion_id(); }));

  // Each stream replayed through the other replica: what was acknowledged is UNCHANGED.
  const auto assessments_again =
      testing::StreamWithKill<apb::AssessmentRecord, apb::BulkAssessmentResult>(
          assess_through(assessments_through_a ? assessment_b : assessment_a),
          assessments_through_a ? admin_b_ : admin_a_, assessments, 0, [] {});
  const auto completions_again =
      testing::StreamWithKill<lpb::CompletionRecord, lpb::CompletionResult>(
          complete_through(assessments_through_a ? learning_a : learning_b), institute,
          completions, 0, [] {});
  ASSERT_TRUE(assessments_again.status.ok()) << assessments_again.status.error_message();
  ASSERT_TRUE(completions_again.status.ok()) << completions_again.status.error_message();
  ASSERT_EQ(assessments_again.results.size(), assessments.size());
  ASSERT_EQ(completions_again.results.size(), completions.size());
  for (const auto& result : acknowledged_assessments) {
    const auto& again = assessments_again.results[result.index()];
    EXPECT_EQ(again.outcome(), apb::RECORD_OUTCOME_UNCHANGED) << result.index();
    EXPECT_EQ(again.assessment_id(), result.assessment_id());
  }
  for (const auto& result : acknowledged_completions) {
    const auto& again = completions_again.results[result.index()];
    EXPECT_EQ(again.outcome(), lpb::COMPLETION_OUTCOME_UNCHANGED) << result.index();
    EXPECT_EQ(again.completion_id(), result.completion_id());
  }
  EXPECT_EQ(testing::QueryInt(*node2, sent_assessments), assessment_count);
  EXPECT_EQ(testing::QueryInt(*node2, counted_completions), completion_count);

  // The readiness figures equal a recount once the relay has brought every completion's levels
  // to the assessment service, once.
  testing::ExpectReadinessEqualsARecount(a_->channel(), admin_a_, {"MDES", "TMD"});
  EXPECT_EQ(testing::QueryInt(*node2,
                              "SELECT COUNT(*) FROM assessment"
                              " WHERE external_key LIKE '%completion:cluster-%'"),
            2 * completion_count);
  assessment_figures.duplicated = testing::QueryInt(*node2, testing::kDuplicatedAssessments);
  completion_figures.duplicated =
      testing::QueryInt(*node2, testing::DuplicatedCompletions("cluster-"));
  const std::string a = "replica A (node 1 killed under it)", b = "replica B (killed)";
  Print(absl::StrCat(
      assessment_figures.Describe("assessments through " + (assessments_through_a ? a : b)), "; ",
      completion_figures.Describe("completions through " + (assessments_through_a ? b : a)),
      "; writes failed over in ", absl::FormatDuration(failover_)));
  EXPECT_EQ(assessment_figures.lost, 0);
  EXPECT_EQ(assessment_figures.duplicated, 0);
  EXPECT_EQ(completion_figures.lost, 0);
  EXPECT_EQ(completion_figures.duplicated, 0);
  ExpectTheNodesHoldTheSameRows();
}

INSTANTIATE_TEST_SUITE_P(Cluster, AssessmentsAndCompletionsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "AssessmentsThroughA" : "CompletionsThroughA";
                         });

}  // namespace
}  // namespace thaksa
