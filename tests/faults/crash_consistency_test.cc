// Crash consistency: thaksa-server, or the database under it, is killed (SIGKILL, no shutdown)
// in the middle of a people sync, an assessment batch and a completion stream, then started
// again and the stream replayed. Every record acknowledged before the kill is stored exactly
// once, nothing is half stored (each stored row has its audit event, change and dependent rows,
// and none of those is without its row), the replay completes the data and a second replay
// changes nothing, and the readiness figures equal a recount. Each test prints its figures:
// records sent, acknowledged, stored after the restart, duplicated and lost.
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"
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

enum class Victim { kServer, kDatabase };

// A server process on a fresh database of a durable MariaDB, with the programme set up; Kill and
// Recover act on `victim_`.
class FaultTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { testing::MakeSharedMariaDbDurable(); }

  void SetUp() override {
    db_ = testing::FreshDatabase();
    pool_ = std::make_unique<ConnectionPool>(db_);
    directory_ = ::testing::TempDir() + "thaksa-faults-XXXXXX";
    ASSERT_NE(mkdtemp(directory_.data()), nullptr);
    server_ = std::make_unique<testing::ServerProcess>(
        std::string(THAKSA_BINARY_DIR) + "/services/server/thaksa-server", db_, directory_);
    ASSERT_TRUE(server_->Start().ok());
    admin_.token = server_->admin_token();
    deployment_ = {server_->channel(), server_->channel(), admin_};
    testing::SetUpProgramme(deployment_, testing::kMinistryAndDepartment);
  }

  void TearDown() override {
    server_.reset();
    if (HasFailure()) {
      std::cout << "the server's log is kept in " << directory_ << "\n";
    } else {
      std::filesystem::remove_all(directory_);
    }
  }

  int64_t Count(const std::string& statement) { return testing::QueryInt(*pool_, statement); }

  void Kill() {
    if (victim_ == Victim::kServer) {
      server_->Kill();
    } else {
      testing::SharedMariaDb().Kill();
    }
  }

  void Recover() {
    if (victim_ == Victim::kServer) {
      ASSERT_TRUE(server_->Start().ok());
    } else {
      ASSERT_TRUE(testing::SharedMariaDb().Restart().ok());
    }
  }

  // Streams `records` through the stream `open` opens, as `caller`; kills the victim
  // kKillDelay after `kill_after` results have arrived (never when 0), while the server goes on
  // storing. Returns the results that arrived.
  template <typename Record, typename Result, typename Open>
  std::vector<Result> Stream(Open open, const CallOptions& caller,
                             const std::vector<Record>& records, size_t kill_after) {
    testing::StreamOutcome<Result> outcome = testing::StreamWithKill<Record, Result>(
        open, caller, records, kill_after, [this] { Kill(); });
    if (kill_after > 0) {
      // The stream ends with an error, or (with the database gone) answers the rest of its
      // records as rejected for now (UNAVAILABLE: not stored, to be sent again).
      EXPECT_TRUE(outcome.killed) << "the stream ended before the kill";
    } else {
      EXPECT_TRUE(outcome.status.ok()) << outcome.status.error_message();
    }
    return outcome.results;
  }

  // The ids of `results` (by `id_of`) that `table` lacks.
  template <typename Result, typename IdOf>
  int64_t Lost(const std::vector<Result>& results, IdOf id_of, const std::string& table) {
    return testing::MissingIds(*pool_, table, testing::IdsOf(results, id_of));
  }

  // Waits for the relay and the refresher, then recounts the readiness of the ministry and its
  // department from scratch through the API.
  void ExpectReadinessEqualsARecount() {
    testing::ExpectReadinessEqualsARecount(server_->channel(), admin_, {"MDES", "TMD"});
  }

  std::string Describe(const std::string& path, const testing::StreamFigures& figures) {
    return figures.Describe(
        absl::StrCat(path, ", ", victim_ == Victim::kServer ? "server" : "database", " killed"));
  }

  void Print(const std::string& path, const testing::StreamFigures& figures) {
    const std::string line = Describe(path, figures);
    std::cout << line << "\n";
    RecordProperty("figures", line);
  }

  // Loads people 1..n, without a kill; returns their ids by n - 1.
  std::vector<int64_t> LoadPeople(int n) {
    auto personnel = ppb::PersonnelService::NewStub(server_->channel());
    std::vector<ppb::PersonRecord> records;
    for (int i = 1; i <= n; ++i) records.push_back(testing::PersonRecordOf(i, "MDES", "TMD"));
    const auto results = Stream<ppb::PersonRecord, ppb::BulkUpsertResult>(
        [&](grpc::ClientContext* c) { return personnel->BulkUpsertPeople(c); }, admin_, records,
        0);
    std::vector<int64_t> ids;
    for (const auto& result : results) ids.push_back(result.person_id());
    EXPECT_EQ(ids.size(), static_cast<size_t>(n));
    return ids;
  }

  Victim victim_ = Victim::kDatabase;
  DbConfig db_;
  std::unique_ptr<ConnectionPool> pool_;
  std::string directory_;
  std::unique_ptr<testing::ServerProcess> server_;
  CallOptions admin_;
  testing::Deployment deployment_;
};

class CrashConsistencyTest : public FaultTest, public ::testing::WithParamInterface<Victim> {
 protected:
  CrashConsistencyTest() { victim_ = GetParam(); }
};

constexpr int kRecords = 4000;  // batches of 1,000 people or assessments, 500 completions
constexpr size_t kKillAfter = 1000;

TEST_P(CrashConsistencyTest, PeopleSync) {
  auto personnel = [&] { return ppb::PersonnelService::NewStub(server_->channel()); };
  std::vector<ppb::PersonRecord> records;
  for (int i = 1; i <= kRecords; ++i) records.push_back(testing::PersonRecordOf(i, "MDES", "TMD"));
  auto stub = personnel();
  auto open = [&](grpc::ClientContext* c) { return stub->BulkUpsertPeople(c); };
  const auto acknowledged = testing::Acknowledged(
      Stream<ppb::PersonRecord, ppb::BulkUpsertResult>(open, admin_, records, kKillAfter),
      [](const auto& r) { return r.outcome() == ppb::UPSERT_OUTCOME_CREATED; });
  Recover();

  testing::StreamFigures figures{kRecords, static_cast<int64_t>(acknowledged.size())};
  EXPECT_LT(figures.acknowledged, figures.sent) << "the kill came after the stream ended";
  figures.stored_before_replay = Count("SELECT COUNT(*) FROM person");
  figures.lost = Lost(acknowledged, [](const auto& r) { return r.person_id(); }, "person");
  SCOPED_TRACE(Describe("people sync", figures));
  // People without their assignment, audit event or change; changes without their person.
  const std::string half_stored =
      "SELECT COUNT(*) FROM person p "
      "LEFT JOIN (SELECT DISTINCT person_id FROM person_assignment) a ON a.person_id = p.id "
      "LEFT JOIN (SELECT DISTINCT CAST(entity_id AS SIGNED) AS id FROM audit_event "
      "           WHERE entity_type = 'person' AND outcome = 'OK') e ON e.id = p.id "
      "LEFT JOIN (SELECT DISTINCT CAST(entity_id AS SIGNED) AS id FROM change_log "
      "           WHERE kind = 'person') c ON c.id = p.id "
      "WHERE a.person_id IS NULL OR e.id IS NULL OR c.id IS NULL";
  const std::string orphans =
      "SELECT COUNT(*) FROM (SELECT DISTINCT CAST(entity_id AS SIGNED) AS id FROM change_log "
      "WHERE kind = 'person') c LEFT JOIN person p ON p.id = c.id WHERE p.id IS NULL";
  // Rows of a person beyond the first, by the HR key and by the citizen ID, and audit events of
  // a person's creation beyond the first (every record here creates its person once).
  const std::string duplicates =
      "SELECT (SELECT COUNT(*) - COUNT(DISTINCT record_agency_id, employee_number) FROM person)"
      " + (SELECT COUNT(*) - COUNT(DISTINCT citizen_id_hash) FROM person)"
      " + (SELECT COUNT(*) - COUNT(DISTINCT entity_id) FROM audit_event "
      "    WHERE entity_type = 'person' AND outcome = 'OK')";
  EXPECT_EQ(Count(half_stored), 0);
  EXPECT_EQ(Count(orphans), 0);

  stub = personnel();
  const auto replayed = Stream<ppb::PersonRecord, ppb::BulkUpsertResult>(open, admin_, records, 0);
  ASSERT_EQ(replayed.size(), records.size());
  for (const auto& result : acknowledged) {
    EXPECT_EQ(replayed[result.index()].outcome(), ppb::UPSERT_OUTCOME_UNCHANGED) << result.index();
    EXPECT_EQ(replayed[result.index()].person_id(), result.person_id());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person"), kRecords);
  figures.duplicated = Count(duplicates);
  EXPECT_EQ(Count(half_stored), 0);
  for (const auto& result :
       Stream<ppb::PersonRecord, ppb::BulkUpsertResult>(open, admin_, records, 0)) {
    EXPECT_EQ(result.outcome(), ppb::UPSERT_OUTCOME_UNCHANGED) << result.index();
  }
  EXPECT_EQ(Count(duplicates), 0);
  Print("people sync", figures);
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.duplicated, 0);
  ExpectReadinessEqualsARecount();
}

TEST_P(CrashConsistencyTest, AssessmentBatch) {
  const std::vector<int64_t> people = LoadPeople(kRecords / 4);
  const std::vector<apb::AssessmentRecord> records =
      testing::SupervisorAssessments(people, kRecords, "crash-");
  auto stub = apb::AssessmentService::NewStub(server_->channel());
  auto open = [&](grpc::ClientContext* c) { return stub->BulkRecordAssessments(c); };
  const auto acknowledged = testing::Acknowledged(
      Stream<apb::AssessmentRecord, apb::BulkAssessmentResult>(open, admin_, records, kKillAfter),
      [](const auto& r) { return r.outcome() == apb::RECORD_OUTCOME_RECORDED; });
  Recover();

  testing::StreamFigures figures{kRecords, static_cast<int64_t>(acknowledged.size())};
  EXPECT_LT(figures.acknowledged, figures.sent) << "the kill came after the stream ended";
  figures.stored_before_replay = Count("SELECT COUNT(*) FROM assessment");
  figures.lost = Lost(acknowledged, [](const auto& r) { return r.assessment_id(); }, "assessment");
  SCOPED_TRACE(Describe("assessment batch", figures));
  EXPECT_EQ(Count(testing::kHalfStoredAssessments), 0);
  EXPECT_EQ(Count(testing::kOrphanAssessmentEvents), 0);

  stub = apb::AssessmentService::NewStub(server_->channel());
  const auto replayed =
      Stream<apb::AssessmentRecord, apb::BulkAssessmentResult>(open, admin_, records, 0);
  ASSERT_EQ(replayed.size(), records.size());
  for (const auto& result : acknowledged) {
    EXPECT_EQ(replayed[result.index()].outcome(), apb::RECORD_OUTCOME_UNCHANGED) << result.index();
    EXPECT_EQ(replayed[result.index()].assessment_id(), result.assessment_id());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assessment"), kRecords);
  figures.duplicated = Count(testing::kDuplicatedAssessments);
  EXPECT_EQ(Count(testing::kHalfStoredAssessments), 0);
  for (const auto& result :
       Stream<apb::AssessmentRecord, apb::BulkAssessmentResult>(open, admin_, records, 0)) {
    EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_UNCHANGED) << result.index();
  }
  Print("assessment batch", figures);
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.duplicated, 0);
  ExpectReadinessEqualsARecount();
}

TEST_P(CrashConsistencyTest, CompletionStream) {
  const std::vector<int64_t> people = LoadPeople(kRecords);
  testing::RegisterExamCourse(deployment_);
  const CallOptions institute =
      testing::NewToken(deployment_, access::v1::ROLE_TRAINING_INSTITUTE, "", "TDGA");
  std::vector<lpb::CompletionRecord> records;
  for (int i = 0; i < kRecords; ++i) {
    records.push_back(testing::PassedCompletion(absl::StrCat("crash-", i), people[i], "DG-201",
                                                testing::kMorning, 2));
  }
  auto stub = lpb::LearningService::NewStub(server_->channel());
  auto open = [&](grpc::ClientContext* c) { return stub->RecordCompletions(c); };
  const auto acknowledged = testing::Acknowledged(
      Stream<lpb::CompletionRecord, lpb::CompletionResult>(open, institute, records, kKillAfter),
      [](const auto& r) { return r.outcome() == lpb::COMPLETION_OUTCOME_RECORDED; });
  Recover();

  testing::StreamFigures figures{kRecords, static_cast<int64_t>(acknowledged.size())};
  EXPECT_LT(figures.acknowledged, figures.sent) << "the kill came after the stream ended";
  figures.stored_before_replay = Count("SELECT COUNT(*) FROM completion");
  figures.lost = Lost(acknowledged, [](const auto& r) { return r.completion_id(); }, "completion");
  SCOPED_TRACE(Describe("completion stream", figures));
  EXPECT_EQ(Count(testing::HalfStoredCompletions(2)), 0);
  EXPECT_EQ(Count(testing::OrphanOutboxRows()), 0);

  stub = lpb::LearningService::NewStub(server_->channel());
  const auto replayed =
      Stream<lpb::CompletionRecord, lpb::CompletionResult>(open, institute, records, 0);
  ASSERT_EQ(replayed.size(), records.size());
  for (const auto& result : acknowledged) {
    EXPECT_EQ(replayed[result.index()].outcome(), lpb::COMPLETION_OUTCOME_UNCHANGED)
        << result.index();
    EXPECT_EQ(replayed[result.index()].completion_id(), result.completion_id());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM completion WHERE state = 1"), kRecords);
  EXPECT_EQ(Count(testing::HalfStoredCompletions(2)), 0);
  for (const auto& result :
       Stream<lpb::CompletionRecord, lpb::CompletionResult>(open, institute, records, 0)) {
    EXPECT_EQ(result.outcome(), lpb::COMPLETION_OUTCOME_UNCHANGED) << result.index();
  }
  ExpectReadinessEqualsARecount();
  // Every level the completions carry arrived at the assessment service once.
  const std::string relayed =
      "SELECT COUNT(*) FROM assessment WHERE external_key LIKE '%completion:crash-%'";
  EXPECT_EQ(Count(relayed), 2 * kRecords);
  figures.duplicated = Count(testing::DuplicatedCompletions("crash-"));
  Print("completion stream", figures);
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.duplicated, 0);
}

// With the database down, a completion stream is not answered record by record as refused
// (which a sender would take as final): it ends UNAVAILABLE, and once the database is back the
// records are taken.
TEST_F(FaultTest, CompletionsSentWhileTheDatabaseIsDownAreNotRefused) {
  const std::vector<int64_t> people = LoadPeople(3);
  testing::RegisterExamCourse(deployment_);
  const CallOptions institute =
      testing::NewToken(deployment_, access::v1::ROLE_TRAINING_INSTITUTE, "", "TDGA");
  std::vector<lpb::CompletionRecord> records;
  for (int i = 0; i < 3; ++i) {
    records.push_back(testing::PassedCompletion(absl::StrCat("down-", i), people[i], "DG-201",
                                                testing::kMorning, 2));
  }
  auto stub = lpb::LearningService::NewStub(server_->channel());
  auto send = [&] {
    auto context = NewContext(institute);
    auto stream = stub->RecordCompletions(context.get());
    for (const auto& record : records) stream->Write(record);
    stream->WritesDone();
    std::vector<lpb::CompletionResult> results;
    lpb::CompletionResult result;
    while (stream->Read(&result)) results.push_back(result);
    return std::make_pair(stream->Finish(), results);
  };
  Kill();
  const auto [down, answered] = send();
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();
  EXPECT_TRUE(answered.empty()) << answered.front().ShortDebugString();
  Recover();
  const auto [back, taken] = send();
  ASSERT_TRUE(back.ok()) << back.error_message();
  ASSERT_EQ(taken.size(), records.size());
  for (const auto& result : taken) {
    EXPECT_EQ(result.outcome(), lpb::COMPLETION_OUTCOME_RECORDED) << result.ShortDebugString();
  }
}

INSTANTIATE_TEST_SUITE_P(Kills, CrashConsistencyTest,
                         ::testing::Values(Victim::kServer, Victim::kDatabase),
                         [](const ::testing::TestParamInfo<Victim>& info) {
                           return info.param == Victim::kServer ? "Server" : "Database";
                         });

}  // namespace
}  // namespace thaksa
