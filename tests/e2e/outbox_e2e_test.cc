// End-to-end tests of the learning outbox with the services as separate servers, as separate
// binaries run them: the assessment service alone in one server, the other services in another
// whose peer channel leads to it. Assessed levels of completions are queued in the completion's
// transaction and delivered by the relay, as the SERVICE principal, exactly once, also across a
// restart of the assessment service, attributed to the institute's token that recorded the
// completion; a record the assessment service refuses for good is kept, marked failed and
// counted; delivered rows are deleted once old; the assessment service holds what the SERVICE
// principal records for an institute to the institute's registration and trust; the service
// credential is nobody else's and is never stored.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/tokens.h"
#include "common/db/sql.h"
#include "common/proto_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/access/access_module.h"
#include "services/assessment/assessment_module.h"
#include "services/learning/learning_module.h"
#include "services/personnel/personnel_module.h"
#include "services/readiness/readiness_module.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace xpb = ::thaksa::access::v1;
using cli::CallOptions;
using cli::NewContext;
using testing::DateOf;
using testing::kMorning;
using testing::QueryInt;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class OutboxE2eTest : public ::testing::Test {
 protected:
  OutboxE2eTest() : db_(testing::FreshDatabase()) {
    assessment_server_ = StartAssessmentServer(0);
    testing::TestServerOptions options;
    options.services = {access::MakeAccessService, personnel::MakePersonnelService,
                        learning::MakeLearningService, readiness::MakeReadinessService};
    options.peer_address = assessment_server_->address();
    server_ = std::make_unique<testing::TestServer>(db_, options);
    learning_ = lpb::LearningService::NewStub(server_->channel());
  }

  // The assessment service alone, on `port` (0: any).
  std::unique_ptr<testing::TestServer> StartAssessmentServer(int port) {
    testing::TestServerOptions options;
    options.services = {assessment::MakeAssessmentService};
    options.port = port;
    return std::make_unique<testing::TestServer>(db_, options);
  }

  void SetUp() override {
    testing::SetUpProgramme(*server_, testing::kMinistryAndDepartment);
    auto personnel = ppb::PersonnelService::NewStub(server_->channel());
    for (int n = 1; n <= 3; ++n) {
      ppb::UpsertPersonRequest request;
      *request.mutable_person() = testing::PersonRecordOf(n, "TMD", "TMD");
      *request.mutable_person()->mutable_effective_from() = DateOf(2025, 10, 1);
      ppb::UpsertPersonResponse response;
      ASSERT_TRUE(
          personnel->UpsertPerson(NewContext(server_->admin()).get(), request, &response).ok());
      person_[n] = response.person().id();
    }
    testing::RegisterExamCourse(*server_);
    institute_ = Token(xpb::ROLE_TRAINING_INSTITUTE, "TDGA", &institute_token_id_);
  }

  // A new token of `role` for `institute`; its id in `id` if given.
  CallOptions Token(xpb::Role role, const std::string& institute, int64_t* id = nullptr) {
    xpb::CreateTokenRequest request;
    request.mutable_token()->set_role(role);
    request.mutable_token()->set_institute_code(institute);
    xpb::CreateTokenResponse response;
    EXPECT_TRUE(xpb::AccessService::NewStub(server_->channel())
                    ->CreateToken(NewContext(server_->admin()).get(), request, &response)
                    .ok());
    if (id != nullptr) *id = response.info().id();
    return server_->As(response.token());
  }

  // A passed completion of DG-201 (2 skill sets) `day` days after 10 November, with `level`.
  static lpb::CompletionRecord Exam(const std::string& id, int64_t person, int day, int level) {
    return testing::PassedCompletion(id, person, "DG-201", kMorning + day * 86400, level);
  }

  std::vector<lpb::CompletionOutcome> Send(const std::vector<lpb::CompletionRecord>& records) {
    auto context = NewContext(institute_);
    auto stream = learning_->RecordCompletions(context.get());
    for (const auto& r : records) stream->Write(r);
    stream->WritesDone();
    std::vector<lpb::CompletionOutcome> outcomes;
    lpb::CompletionResult result;
    while (stream->Read(&result)) outcomes.push_back(result.outcome());
    grpc::Status status = stream->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return outcomes;
  }

  // The relay's state as OpsService.GetServerStatus shows it to an administrator.
  ops::v1::BackgroundTask Relay() {
    ops::v1::ServerStatus status;
    grpc::Status answered = ops::v1::OpsService::NewStub(server_->channel())->GetServerStatus(
        NewContext(server_->admin()).get(), ops::v1::GetServerStatusRequest(), &status);
    EXPECT_TRUE(answered.ok()) << answered.error_message();
    for (const ops::v1::BackgroundTask& task : status.tasks()) {
      if (task.name() == "assessment_relay") return task;
    }
    ADD_FAILURE() << "the server reports no assessment relay";
    return ops::v1::BackgroundTask();
  }

  // Drives the relay until nothing is pending, each time past every retry's backoff; false if
  // it did not get there within 30 seconds.
  bool DeliverEverything() {
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (absl::Now() < give_up) {
      server_->clock().Set(server_->clock().Now() + absl::Hours(1));
      if (server_->RunTasksOnce().ok() && Relay().pending() == 0) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }

  // The assessments of `person` recorded through completions, as "external_id=level"; each is
  // the institute's, by the token with id `token_id` (by default the one that sent them).
  std::vector<std::string> AssessedLevels(int64_t person, std::optional<int64_t> token_id = {}) {
    apb::ListAssessmentsRequest request;
    request.set_person_id(person);
    apb::ListAssessmentsResponse response;
    grpc::Status status =
        apb::AssessmentService::NewStub(assessment_server_->channel())
            ->ListAssessments(NewContext(server_->admin()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> levels;
    for (const apb::Assessment& a : response.assessments()) {
      EXPECT_EQ(a.assessor_role(), "TRAINING_INSTITUTE");
      EXPECT_EQ(a.assessor_token_id(), token_id.value_or(institute_token_id_));
      levels.push_back(absl::StrCat(a.record().external_id(), "=", a.record().level()));
    }
    return levels;
  }

  // `record` alone through BulkRecordAssessments as `token`, with x-thaksa-institute
  // `institute` and x-thaksa-on-behalf-of-token `on_behalf_of` ("" for none): the call's status
  // and the record's result.
  grpc::Status BulkOne(const std::string& token, const std::string& institute,
                       const std::string& on_behalf_of, const apb::AssessmentRecord& record,
                       apb::BulkAssessmentResult* result) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    if (!institute.empty()) context.AddMetadata("x-thaksa-institute", institute);
    if (!on_behalf_of.empty()) context.AddMetadata("x-thaksa-on-behalf-of-token", on_behalf_of);
    auto stream = apb::AssessmentService::NewStub(assessment_server_->channel())
                      ->BulkRecordAssessments(&context);
    stream->Write(record);
    stream->WritesDone();
    *result = apb::BulkAssessmentResult();
    stream->Read(result);
    return stream->Finish();
  }

  DbConfig db_;
  std::unique_ptr<testing::TestServer> assessment_server_;
  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<lpb::LearningService::Stub> learning_;
  std::map<int, int64_t> person_;
  CallOptions institute_;
  int64_t institute_token_id_ = 0;
};

TEST_F(OutboxE2eTest, LevelsRecordedWhileTheAssessmentServiceIsDownArriveOnceItIsBack) {
  const int port = assessment_server_->port();
  assessment_server_.reset();  // the assessment binary stops

  const std::vector<lpb::CompletionRecord> exams = {Exam("c-1", person_[1], 0, 2),
                                                    Exam("c-2", person_[2], 0, 5),
                                                    Exam("c-3", person_[3], 1, 1)};
  EXPECT_THAT(Send(exams), ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  EXPECT_EQ(Relay().pending(), 6) << "two skill sets each, waiting for the assessment service";
  // Attempts fail (here, or in the relay's own thread, which the completions woke).
  server_->clock().Set(server_->clock().Now() + absl::Hours(1));
  (void)server_->RunTasksOnce();
  const ops::v1::BackgroundTask waiting = Relay();
  EXPECT_EQ(waiting.pending(), 6);
  EXPECT_EQ(waiting.failed(), 0);
  EXPECT_GE(waiting.consecutive_failures(), 1);
  EXPECT_THAT(waiting.last_error(), HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE attempts >= 1"
                     " AND last_error <> '' AND delivered_at IS NULL AND failed_at IS NULL"),
            6);

  assessment_server_ = StartAssessmentServer(port);  // back, at the same address
  ASSERT_TRUE(DeliverEverything());
  EXPECT_THAT(AssessedLevels(person_[1]),
              UnorderedElementsAre("completion:c-1:LITERACY=2", "completion:c-1:GOVERNANCE=2"));
  EXPECT_THAT(AssessedLevels(person_[2]),
              UnorderedElementsAre("completion:c-2:LITERACY=3", "completion:c-2:GOVERNANCE=3"))
      << "capped at the institute's level";
  EXPECT_THAT(AssessedLevels(person_[3]),
              UnorderedElementsAre("completion:c-3:LITERACY=1", "completion:c-3:GOVERNANCE=1"));
  const ops::v1::BackgroundTask delivered = Relay();
  EXPECT_EQ(delivered.pending(), 0);
  EXPECT_EQ(delivered.failed(), 0);
  EXPECT_GE(delivered.progress(), 6);
  // The relay's calls are audited as the SERVICE principal with the institute's token, and
  // only so.
  const std::string relayed_calls = absl::StrCat(
      "SELECT COUNT(*) FROM audit_event WHERE method ="
      " '/thaksa.assessment.v1.AssessmentService/BulkRecordAssessments' AND principal_role = 7");
  EXPECT_EQ(QueryInt(server_->pool(), relayed_calls + " AND entity_type = 'assessment'"), 6);
  EXPECT_EQ(QueryInt(server_->pool(), absl::StrCat(relayed_calls, " AND (principal_token_id IS NULL"
                                                                  " OR principal_token_id <> ",
                                                   institute_token_id_, ")")),
            0);

  // Replays of the completions queue and record nothing more.
  EXPECT_THAT(Send(exams), ::testing::Each(lpb::COMPLETION_OUTCOME_UNCHANGED));
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 6);
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM assessment"), 6);
  EXPECT_EQ(AssessedLevels(person_[2]).size(), 2u);
}

TEST_F(OutboxE2eTest, AssessedLevelsAreQueuedWithTheCompletionThatCounts) {
  lpb::CompletionRecord certified = Exam("c-cert", person_[1], 0, 2);
  certified.set_certificate_id("TDGA-2569-0042");
  lpb::CompletionRecord failed_exam = Exam("c-failed", person_[2], 0, 2);
  failed_exam.set_passed(false);
  const lpb::CompletionRecord no_level = Exam("c-none", person_[3], 0, 0);
  lpb::CompletionRecord too_fast = Exam("c-fast", person_[3], 2, 3);
  too_fast.set_finished_at_unix(too_fast.started_at_unix() + 60);  // held: under 300 minutes
  lpb::CompletionRecord nobody = Exam("c-nobody", 999999, 0, 3);
  EXPECT_THAT(Send({certified, failed_exam, no_level, too_fast, nobody}),
              ::testing::ElementsAre(lpb::COMPLETION_OUTCOME_RECORDED,
                                     lpb::COMPLETION_OUTCOME_RECORDED,
                                     lpb::COMPLETION_OUTCOME_RECORDED, lpb::COMPLETION_OUTCOME_HELD,
                                     lpb::COMPLETION_OUTCOME_REJECTED));

  // Only the passed, counted completion with a level has rows: one per skill set, written with
  // the completion (same time stamp: the same transaction).
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 2);
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox o JOIN completion c"
                     " ON c.institute_code = o.institute_code AND c.recorded_at = o.created_at"
                     " WHERE c.record_id = 'c-cert' AND o.kind = 'assessment'"
                     " AND o.external_id LIKE 'completion:c-cert:%'"),
            2);
  {
    std::vector<apb::AssessmentRecord> queued;
    ASSERT_TRUE(server_->pool().Run([&](sql::Connection& c) {
                      auto rows = Query(c, "SELECT payload FROM learning_outbox ORDER BY id");
                      while (rows->next()) {
                        EXPECT_TRUE(
                            FromJson(rows->getString("payload"), &queued.emplace_back()).ok());
                      }
                      return absl::OkStatus();
                    }).ok());
    ASSERT_EQ(queued.size(), 2u);
    for (const apb::AssessmentRecord& a : queued) {
      EXPECT_EQ(a.person_id(), person_[1]);
      EXPECT_EQ(a.framework_code(), "CS-2018");
      EXPECT_EQ(a.level(), 2);
      EXPECT_EQ(a.source(), apb::ASSESSMENT_SOURCE_CERTIFICATION);
      EXPECT_EQ(a.instrument(), "TDGA DG-201");
      ASSERT_EQ(a.evidence_size(), 1);
      EXPECT_EQ(a.evidence(0).value(), "TDGA-2569-0042");
      EXPECT_EQ(a.external_id(), absl::StrCat("completion:c-cert:", a.skill_set_code()));
    }
  }

  // The held completion queues its levels when a reviewer releases it, not before.
  const int64_t held = QueryInt(server_->pool(),
                                "SELECT id FROM completion WHERE record_id = 'c-fast'");
  lpb::ReviewCompletionRequest release;
  release.set_completion_id(held);
  release.set_release(true);
  lpb::Completion released;
  ASSERT_TRUE(
      learning_->ReviewCompletion(NewContext(server_->admin()).get(), release, &released).ok());
  EXPECT_EQ(QueryInt(server_->pool(),
                     absl::StrCat("SELECT COUNT(*) FROM learning_outbox WHERE"
                                  " external_id LIKE 'completion:c-fast:%' AND"
                                  " on_behalf_of_token_id = ",
                                  institute_token_id_)),
            2)
      << "attributed to the institute's token that recorded it, not the reviewer's";

  ASSERT_TRUE(DeliverEverything());
  EXPECT_THAT(AssessedLevels(person_[3]),
              UnorderedElementsAre("completion:c-fast:LITERACY=3",
                                   "completion:c-fast:GOVERNANCE=3"));
  EXPECT_EQ(Send({certified})[0], lpb::COMPLETION_OUTCOME_UNCHANGED);
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 4);
}

TEST_F(OutboxE2eTest, RowsQueuedWithoutATokenAreDeliveredAsTheInstitutes) {
  // Rows queued before migration 013 kept no token: delivered all the same, the institute's
  // without a token. (The assessment service is away while the row is made to look old.)
  const int port = assessment_server_->port();
  assessment_server_.reset();
  ASSERT_THAT(Send({Exam("c-old", person_[1], 0, 2)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(server_->pool().Run([&](sql::Connection& c) {
                    Execute(c, "UPDATE learning_outbox SET on_behalf_of_token_id = NULL");
                    return absl::OkStatus();
                  }).ok());
  // The relay's thread, woken by the completion, may have read the rows with their token before
  // the update: once it has tried (and failed) it holds none, and the rows are not due again
  // until the test moves the clock.
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (QueryInt(server_->pool(), "SELECT MIN(attempts) FROM learning_outbox") < 1) {
    ASSERT_LT(absl::Now(), give_up) << "the relay never tried while the assessment service was away";
    absl::SleepFor(absl::Milliseconds(50));
  }
  assessment_server_ = StartAssessmentServer(port);
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(Relay().failed(), 0);
  EXPECT_THAT(AssessedLevels(person_[1], 0),
              UnorderedElementsAre("completion:c-old:LITERACY=2", "completion:c-old:GOVERNANCE=2"));
}

TEST_F(OutboxE2eTest, ThaiRecordIdsAreMeasuredInCharactersAtTheExternalIdLimit) {
  // "completion:" + id + ":GOVERNANCE" is 128 characters for an id of 106 Thai characters (318
  // bytes): kept as it is; 129 for 107: the digest form. ":LITERACY" is two shorter: kept.
  auto thai = [](int characters) {
    std::string id;
    for (int i = 0; i < characters; ++i) id += "ก";
    return id;
  };
  const std::string fits = thai(106), passes = thai(107);
  ASSERT_THAT(Send({Exam(fits, person_[1], 0, 2), Exam(passes, person_[2], 0, 2)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(Relay().failed(), 0);
  EXPECT_THAT(AssessedLevels(person_[1]),
              UnorderedElementsAre("completion:" + fits + ":LITERACY=2",
                                   "completion:" + fits + ":GOVERNANCE=2"));
  EXPECT_THAT(AssessedLevels(person_[2]),
              UnorderedElementsAre("completion:" + passes + ":LITERACY=2",
                                   "completion:#" + Sha256Hex(passes).substr(0, 32) +
                                       ":GOVERNANCE=2"));
  EXPECT_THAT(Send({Exam(fits, person_[1], 0, 2), Exam(passes, person_[2], 0, 2)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_UNCHANGED));
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 4);
}

TEST_F(OutboxE2eTest, ALongRecordIdStillGetsItsLevelsOnceUnderADigestOfTheId) {
  // "completion:<128 characters>:<skill set>" is longer than an assessment's external id may
  // be: the levels go under a digest of the record id instead, the same on every replay.
  const std::string long_id(128, 'x');
  ASSERT_THAT(Send({Exam(long_id, person_[1], 0, 2)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(Relay().failed(), 0);
  const std::string digest = "completion:#" + Sha256Hex(long_id).substr(0, 32);
  EXPECT_THAT(AssessedLevels(person_[1]),
              UnorderedElementsAre(digest + ":LITERACY=2", digest + ":GOVERNANCE=2"));
  EXPECT_EQ(Send({Exam(long_id, person_[1], 0, 2)})[0], lpb::COMPLETION_OUTCOME_UNCHANGED);
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 2);
  EXPECT_EQ(AssessedLevels(person_[1]).size(), 2u);
}

TEST_F(OutboxE2eTest, ADeliveryReplayedAfterTheInstitutesTrustWasLoweredIsStillDelivered) {
  ASSERT_THAT(Send({Exam("c-lost", person_[1], 0, 3)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(DeliverEverything());
  ASSERT_THAT(AssessedLevels(person_[1]),
              UnorderedElementsAre("completion:c-lost:LITERACY=3", "completion:c-lost:GOVERNANCE=3"));

  // The institute's trust lowered below the levels delivered; then the rows' deliveries are
  // replayed, as after a commit whose answer was lost (the rows made pending again).
  lpb::Institute tdga;
  tdga.set_code("TDGA");
  tdga.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
  tdga.set_max_assessed_level(2);
  ASSERT_TRUE(learning_->UpsertInstitute(NewContext(server_->admin()).get(), tdga, &tdga).ok());
  ASSERT_TRUE(server_->pool().Run([&](sql::Connection& c) {
                    Execute(c, "UPDATE learning_outbox SET delivered_at = NULL, attempts = 1,"
                               " last_error = 'DEADLINE_EXCEEDED: answer lost'");
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(DeliverEverything());
  const ops::v1::BackgroundTask relay = Relay();
  EXPECT_EQ(relay.pending(), 0);
  EXPECT_EQ(relay.failed(), 0) << "the assessments exist: UNCHANGED, not refused on the new trust";
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NOT NULL"
                     " AND failed_at IS NULL"),
            2);
  EXPECT_THAT(AssessedLevels(person_[1]),
              UnorderedElementsAre("completion:c-lost:LITERACY=3", "completion:c-lost:GOVERNANCE=3"));

  // A new completion at that level is held to the lowered trust: capped at 2 when queued.
  ASSERT_THAT(Send({Exam("c-new", person_[2], 0, 3)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(Relay().failed(), 0);
  EXPECT_THAT(AssessedLevels(person_[2]),
              UnorderedElementsAre("completion:c-new:LITERACY=2", "completion:c-new:GOVERNANCE=2"));
}

TEST_F(OutboxE2eTest, ARecordTheAssessmentServiceRefusesIsKeptFailedAndCounted) {
  // Levels on a retired framework version are refused for good, for both skill sets of DG-201;
  // the good completion of the same batch, of a course on the current version, is delivered
  // all the same.
  lpb::Course current;
  current.set_institute_code("TDGA");
  current.set_code("DG-301");
  current.mutable_title()->set_th("ธรรมาภิบาลข้อมูล");
  current.add_skill_set_codes("GOVERNANCE");
  current.set_framework_code("TPQI-2024");
  current.set_delivery(lpb::DELIVERY_ONLINE);
  current.set_total_hours(6);
  current.set_min_duration_minutes(300);
  ASSERT_TRUE(learning_->UpsertCourse(NewContext(server_->admin()).get(), current, &current).ok());
  apb::SetFrameworkStatusRequest retire;
  retire.set_code("CS-2018");
  retire.set_status(apb::FRAMEWORK_STATUS_RETIRED);
  apb::Framework retired;
  ASSERT_TRUE(apb::AssessmentService::NewStub(assessment_server_->channel())
                  ->SetFrameworkStatus(NewContext(server_->admin()).get(), retire, &retired)
                  .ok());
  EXPECT_THAT(Send({Exam("c-retired", person_[1], 0, 2),
                    testing::PassedCompletion("c-ok", person_[2], "DG-301", kMorning, 2)}),
              ::testing::Each(lpb::COMPLETION_OUTCOME_RECORDED));
  ASSERT_TRUE(DeliverEverything());
  const ops::v1::BackgroundTask relay = Relay();
  EXPECT_EQ(relay.pending(), 0);
  EXPECT_EQ(relay.failed(), 2);
  EXPECT_EQ(relay.last_error(), "") << "a refusal is not a failed delivery";
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE failed_at IS NOT NULL"
                     " AND delivered_at IS NULL AND attempts = 1"
                     " AND last_error LIKE 'INVALID_ARGUMENT: framework_code:%'"),
            2);
  EXPECT_EQ(AssessedLevels(person_[1]).size(), 0u);
  EXPECT_THAT(AssessedLevels(person_[2]), UnorderedElementsAre("completion:c-ok:GOVERNANCE=2"));

  // Never retried, never deleted; the delivered row goes once 30 days old.
  ASSERT_TRUE(DeliverEverything());
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE failed_at IS NOT NULL"
                     " AND attempts = 1"),
            2);
  EXPECT_EQ(Relay().failed(), 2);
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NOT NULL"),
            1);
  server_->clock().Set(server_->clock().Now() + absl::Hours(24 * 31));
  ASSERT_TRUE(server_->RunTasksOnce().ok());
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NOT NULL"),
            0);
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM learning_outbox"), 2);
  EXPECT_EQ(Relay().failed(), 2);
  EXPECT_THAT(AssessedLevels(person_[2]), UnorderedElementsAre("completion:c-ok:GOVERNANCE=2"))
      << "the assessment itself stays";
}

TEST_F(OutboxE2eTest, WhatTheServiceRecordsForAnInstituteIsHeldToItsRegistrationAndTrust) {
  const std::string service_token = server_->service_credential().token();
  apb::AssessmentRecord record;
  record.set_person_id(person_[1]);
  record.set_framework_code("CS-2018");
  record.set_skill_set_code("LITERACY");
  record.set_level(4);  // on the framework's scale, above TDGA's max_assessed_level of 3
  record.set_source(apb::ASSESSMENT_SOURCE_INSTITUTE_EXAM);
  *record.mutable_assessed_on() = DateOf(2026, 11, 10);
  record.set_external_id("trust-1");
  const std::string on_behalf = absl::StrCat(institute_token_id_);
  apb::BulkAssessmentResult result;

  // Above the institute's trust: refused on level, naming the cap, for the relay as for the
  // institute's own token.
  for (const std::string& token : {service_token, institute_.token}) {
    ASSERT_TRUE(BulkOne(token, "TDGA", on_behalf, record, &result).ok());
    EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_REJECTED);
    EXPECT_EQ(result.rejection(), "INVALID_ARGUMENT");
    ASSERT_EQ(result.errors_size(), 1);
    EXPECT_EQ(result.errors(0).field(), "level");
    EXPECT_THAT(result.errors(0).reason(), HasSubstr("max_assessed_level is 3"));
  }
  // An institute nobody registered: refused.
  record.set_level(2);
  ASSERT_TRUE(BulkOne(service_token, "NOBODY", on_behalf, record, &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection(), "PERMISSION_DENIED");
  ASSERT_EQ(result.errors_size(), 1);
  EXPECT_EQ(result.errors(0).field(), "institute_code");
  EXPECT_EQ(QueryInt(server_->pool(), "SELECT COUNT(*) FROM assessment"), 0);

  // Within the trust of a registered institute: the institute's, by the token it names.
  ASSERT_TRUE(BulkOne(service_token, "TDGA", on_behalf, record, &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_RECORDED);
  EXPECT_THAT(AssessedLevels(person_[1]), UnorderedElementsAre("trust-1=2"));
  EXPECT_EQ(QueryInt(server_->pool(),
                     absl::StrCat("SELECT COUNT(*) FROM audit_event WHERE principal_role = 7"
                                  " AND entity_type = 'assessment' AND principal_token_id = ",
                                  institute_token_id_, " AND outcome = 'OK'")),
            1)
      << "audited as the SERVICE principal acting for the institute's token";
  EXPECT_EQ(QueryInt(server_->pool(),
                     absl::StrCat("SELECT COUNT(*) FROM audit_event WHERE principal_role = 7"
                                  " AND entity_type = 'assessment' AND principal_token_id = ",
                                  institute_token_id_, " AND outcome <> 'OK'")),
            2)
      << "the refused attempts too";

  // The token named means nothing from anyone but the SERVICE principal: an administrator
  // records as itself.
  int64_t admin_token_id = 0;
  const CallOptions admin = Token(xpb::ROLE_ADMIN, "", &admin_token_id);
  record.set_external_id("trust-2");
  ASSERT_TRUE(BulkOne(admin.token, "TDGA", on_behalf, record, &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_RECORDED);
  EXPECT_EQ(QueryInt(server_->pool(),
                     absl::StrCat("SELECT COUNT(*) FROM assessment WHERE external_key ="
                                  " 'admin:trust-2' AND assessor_role = 1 AND"
                                  " assessor_token_id = ",
                                  admin_token_id)),
            1);
}

TEST_F(OutboxE2eTest, TheServiceCredentialIsTheDeploymentsAloneAndNeverStored) {
  auto assessment = apb::AssessmentService::NewStub(assessment_server_->channel());
  const std::string service_token = server_->service_credential().token();
  apb::AssessmentRecord record;
  record.set_person_id(person_[1]);
  record.set_framework_code("CS-2018");
  record.set_skill_set_code("LITERACY");
  record.set_level(2);
  record.set_source(apb::ASSESSMENT_SOURCE_INSTITUTE_EXAM);
  *record.mutable_assessed_on() = DateOf(2026, 11, 10);
  record.set_external_id("by-hand-1");
  // One record through BulkRecordAssessments as `token`, with x-thaksa-institute `institute`
  // ("" for none): the call's status and the record's result.
  auto bulk = [&](const std::string& token, const std::string& institute,
                  apb::BulkAssessmentResult* result) {
    return BulkOne(token, institute, "", record, result);
  };

  apb::BulkAssessmentResult result;
  ASSERT_TRUE(bulk(service_token, "TDGA", &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_RECORDED);
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM assessment WHERE assessor_role = 3 AND"
                     " external_key = 'institute:TDGA:by-hand-1' AND assessor_token_id IS NULL"),
            1)
      << "recorded as the institute's, in its idempotency keys, naming no token";
  EXPECT_GE(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM audit_event WHERE principal_role = 7"
                     " AND principal_token_id IS NULL AND method ="
                     " '/thaksa.assessment.v1.AssessmentService/BulkRecordAssessments'"),
            1)
      << "audited as the SERVICE principal";

  // Without an institute it records nothing.
  record.set_external_id("by-hand-2");
  ASSERT_TRUE(bulk(service_token, "", &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection(), "PERMISSION_DENIED");

  // Nothing else is open to it.
  apb::RecordAssessmentRequest single;
  *single.mutable_assessment() = record;
  apb::RecordAssessmentResponse recorded;
  EXPECT_EQ(assessment->RecordAssessment(NewContext(server_->As(service_token)).get(), single,
                                         &recorded)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ppb::GetPersonRequest get;
  get.set_id(person_[1]);
  ppb::Person person;
  EXPECT_EQ(ppb::PersonnelService::NewStub(server_->channel())
                ->GetPerson(NewContext(server_->As(service_token)).get(), get, &person)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A token of another deployment, or a look-alike, is nobody.
  EXPECT_EQ(bulk(ServiceCredential("another-deployment-key-0123").token(), "TDGA", &result)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(bulk(absl::StrCat(service_token, "x"), "TDGA", &result).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // Stored tokens stay themselves whatever metadata they send: an institute records as itself,
  // an administrator as an administrator.
  record.set_external_id("by-hand-3");
  ASSERT_TRUE(bulk(institute_.token, "OTHER", &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_RECORDED);
  record.set_external_id("by-hand-4");
  ASSERT_TRUE(bulk(server_->admin().token, "TDGA", &result).ok());
  EXPECT_EQ(result.outcome(), apb::RECORD_OUTCOME_RECORDED);
  EXPECT_EQ(QueryInt(server_->pool(),
                     "SELECT COUNT(*) FROM assessment WHERE (external_key ="
                     " 'institute:TDGA:by-hand-3' AND assessor_role = 3) OR (external_key ="
                     " 'admin:by-hand-4' AND assessor_role = 1)"),
            2);

  // A stored row claiming the SERVICE role (written by hand) is nobody either.
  CallOptions forged = Token(xpb::ROLE_TRAINING_INSTITUTE, "TDGA");
  ASSERT_TRUE(server_->pool().Run([&](sql::Connection& c) {
                    Execute(c, "UPDATE access_token SET role = 7 WHERE token_hash = ?",
                            {HashBearerToken(forged.token)});
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(bulk(forged.token, "TDGA", &result).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // The derived token is in no table: not as a token, nor in the audit trail or the outbox.
  ASSERT_TRUE(DeliverEverything());
  int64_t stored = -1;
  ASSERT_TRUE(server_->pool().Run([&](sql::Connection& c) {
                    auto rows = Query(c,
                                      "SELECT (SELECT COUNT(*) FROM access_token WHERE"
                                      " token_hash = ?) + (SELECT COUNT(*) FROM audit_event WHERE"
                                      " LOCATE(?, CONCAT(entity_id, request_id)) > 0)"
                                      " + (SELECT COUNT(*) FROM learning_outbox WHERE"
                                      " LOCATE(?, CONCAT(payload, last_error)) > 0) AS n",
                                      {HashBearerToken(service_token), service_token,
                                       service_token});
                    if (rows->next()) stored = rows->getInt64("n");
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(stored, 0);
}

}  // namespace
}  // namespace thaksa
