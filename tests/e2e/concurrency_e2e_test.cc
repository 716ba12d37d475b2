// End-to-end tests of callers that retry and race: for each write that can be retried (people,
// agencies, assessments, completions, plans and plan imports, tokens), N parallel identical
// calls and N parallel calls with the same expected version give exactly the documented
// outcome, never UNKNOWN or INTERNAL (racing completion streams queue each assessed level once,
// racing assessment streams record each record once, racing plan imports create each plan
// once), and afterwards the server's connection pool is idle and its readiness refresher still
// advances (ops.v1.OpsService.GetServerStatus).
#include <algorithm>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
using ::testing::UnorderedElementsAreArray;

constexpr int kCallers = 8;

// Runs `call(i)` for i in [0, kCallers) at once and returns what each answered.
template <typename Call>
std::vector<grpc::StatusCode> InParallel(Call call) {
  std::vector<grpc::StatusCode> codes(kCallers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) threads.emplace_back([&, i] { codes[i] = call(i); });
  for (std::thread& t : threads) t.join();
  return codes;
}

// Streams `records` through a bulk RPC, opened by `open(context)`, from kCallers callers at once
// as `caller`; `answers[i]` gets the results caller i was sent. Returns what each call answered.
template <typename Record, typename Result, typename Open>
std::vector<grpc::StatusCode> StreamInParallel(const CallOptions& caller, Open open,
                                               const std::vector<Record>& records,
                                               std::vector<std::vector<Result>>& answers) {
  answers.assign(kCallers, {});
  return InParallel([&](int i) {
    auto context = NewContext(caller);
    auto stream = open(context.get());
    for (const Record& record : records) stream->Write(record);
    stream->WritesDone();
    Result result;
    while (stream->Read(&result)) answers[i].push_back(result);
    return stream->Finish().error_code();
  });
}

// `first` once and `rest` for every other caller.
std::vector<grpc::StatusCode> OneAndRest(grpc::StatusCode first, grpc::StatusCode rest) {
  std::vector<grpc::StatusCode> codes(kCallers, rest);
  codes[0] = first;
  return codes;
}

class ConcurrencyE2eTest : public ::testing::Test {
 protected:
  ConcurrencyE2eTest()
      : server_(testing::FreshDatabase()),
        personnel_(ppb::PersonnelService::NewStub(server_.channel())),
        assessment_(apb::AssessmentService::NewStub(server_.channel())),
        learning_(lpb::LearningService::NewStub(server_.channel())),
        access_(xpb::AccessService::NewStub(server_.channel())),
        ops_(ops::v1::OpsService::NewStub(server_.channel())) {}

  void SetUp() override {
    testing::SetUpProgramme(server_, testing::kMinistryAndDepartment);
    person_ = UpsertPerson(Record(1), nullptr);
    ASSERT_GT(person_, 0);
    lpb::Course course;
    course.set_institute_code("TDGA");
    course.set_code("DL-101");
    course.mutable_title()->set_th("การรู้ดิจิทัล");
    course.add_skill_set_codes("LITERACY");
    course.set_framework_code("CS-2018");
    course.set_delivery(lpb::DELIVERY_ONLINE);
    course.set_total_hours(6);
    lpb::Course stored;
    ASSERT_TRUE(learning_->UpsertCourse(NewContext(server_.admin()).get(), course, &stored).ok());
    xpb::CreateTokenRequest request;
    request.mutable_token()->set_role(xpb::ROLE_TRAINING_INSTITUTE);
    request.mutable_token()->set_institute_code("TDGA");
    xpb::CreateTokenResponse token;
    ASSERT_TRUE(access_->CreateToken(NewContext(server_.admin()).get(), request, &token).ok());
    institute_ = server_.As(token.token());
  }

  // After every test: no connection stays lent, and the refresher includes a new change.
  void TearDown() override {
    ops::v1::ServerStatus status = Status();
    for (int i = 0; i < 100 && status.pool().in_use() > 0; ++i) {
      absl::SleepFor(absl::Milliseconds(50));
      status = Status();
    }
    EXPECT_EQ(status.pool().in_use(), 0) << "a connection was not returned";
    EXPECT_LE(status.pool().open(), status.pool().size());
    ASSERT_EQ(status.tasks_size(), 2);
    const int64_t before = Task(status, "readiness_refresher").progress();
    ppb::PersonRecord touched = Record(99);
    ASSERT_GT(UpsertPerson(touched, nullptr), 0);
    for (int i = 0; i < 100 && Task(Status(), "readiness_refresher").progress() == before; ++i) {
      absl::SleepFor(absl::Milliseconds(50));
    }
    status = Status();
    EXPECT_GT(Task(status, "readiness_refresher").progress(), before)
        << "the readiness refresher stopped";
    EXPECT_EQ(Task(status, "readiness_refresher").last_error(), "");
    EXPECT_EQ(Task(status, "assessment_relay").last_error(), "");
  }

  ops::v1::ServerStatus Status() {
    ops::v1::ServerStatus status;
    grpc::Status answered = ops_->GetServerStatus(NewContext(server_.admin()).get(),
                                                  ops::v1::GetServerStatusRequest(), &status);
    EXPECT_TRUE(answered.ok()) << answered.error_message();
    return status;
  }

  static ops::v1::BackgroundTask Task(const ops::v1::ServerStatus& status,
                                      const std::string& name) {
    for (const ops::v1::BackgroundTask& task : status.tasks()) {
      if (task.name() == name) return task;
    }
    ADD_FAILURE() << "no background task " << name;
    return ops::v1::BackgroundTask();
  }

  static ppb::PersonRecord Record(int n) {
    ppb::PersonRecord record = testing::PersonRecordOf(n, "TMD", "TMD");
    *record.mutable_effective_from() = DateOf(2025, 10, 1);
    return record;
  }

  int64_t UpsertPerson(const ppb::PersonRecord& record, ppb::UpsertPersonResponse* out,
                       grpc::StatusCode* code = nullptr) {
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    ppb::UpsertPersonResponse response;
    grpc::Status status = personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response);
    if (code != nullptr) *code = status.error_code();
    if (out != nullptr) *out = response;
    return status.ok() ? response.person().id() : 0;
  }

  testing::TestServer server_;
  std::unique_ptr<ppb::PersonnelService::Stub> personnel_;
  std::unique_ptr<apb::AssessmentService::Stub> assessment_;
  std::unique_ptr<lpb::LearningService::Stub> learning_;
  std::unique_ptr<xpb::AccessService::Stub> access_;
  std::unique_ptr<ops::v1::OpsService::Stub> ops_;
  int64_t person_ = 0;
  CallOptions institute_;
};

TEST_F(ConcurrencyE2eTest, RacingRetriesOfOneCompletionRecordItOnce) {
  for (int round = 0; round < 5; ++round) {
    lpb::CompletionRecord record;
    record.set_record_id(absl::StrCat("retry-", round));
    record.set_person_id(person_);
    record.set_course_code("DL-101");
    record.set_started_at_unix(kMorning + round * 86400);
    record.set_finished_at_unix(kMorning + round * 86400 + 6 * 3600);
    record.set_hours(6);
    std::vector<lpb::CompletionOutcome> outcomes(kCallers);
    const auto codes = InParallel([&](int i) {
      auto context = NewContext(institute_);
      auto stream = learning_->RecordCompletions(context.get());
      stream->Write(record);
      stream->WritesDone();
      lpb::CompletionResult result;
      if (stream->Read(&result)) outcomes[i] = result.outcome();
      return stream->Finish().error_code();
    });
    EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
    EXPECT_THAT(outcomes, UnorderedElementsAreArray(std::vector<lpb::CompletionOutcome>{
                              lpb::COMPLETION_OUTCOME_RECORDED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                              lpb::COMPLETION_OUTCOME_UNCHANGED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                              lpb::COMPLETION_OUTCOME_UNCHANGED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                              lpb::COMPLETION_OUTCOME_UNCHANGED, lpb::COMPLETION_OUTCOME_UNCHANGED}))
        << "round " << round;
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion"), 5);
}

TEST_F(ConcurrencyE2eTest, OverlappingCompletionBatchesInAnyOrderRecordEachRecordOnce) {
  constexpr int kRecords = 6;
  std::vector<lpb::CompletionRecord> records;
  for (int r = 0; r < kRecords; ++r) {
    lpb::CompletionRecord record;
    record.set_record_id(absl::StrCat("batch-", r));
    if (r % 2 == 0) {
      record.set_person_id(person_);
    } else {
      record.set_citizen_id(testing::CitizenId(1));  // the same person, by citizen ID
    }
    record.set_course_code("DL-101");
    record.set_started_at_unix(kMorning + r * 86400);
    record.set_finished_at_unix(kMorning + r * 86400 + 6 * 3600);
    record.set_hours(6);
    records.push_back(record);
  }
  std::vector<std::map<std::string, lpb::CompletionOutcome>> seen(kCallers);
  const auto codes = InParallel([&](int i) {
    auto context = NewContext(institute_);
    auto stream = learning_->RecordCompletions(context.get());
    for (int k = 0; k < kRecords; ++k) stream->Write(records[(i + k) % kRecords]);  // rotated
    stream->WritesDone();
    lpb::CompletionResult result;
    while (stream->Read(&result)) seen[i][result.record_id()] = result.outcome();
    return stream->Finish().error_code();
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  for (const lpb::CompletionRecord& record : records) {
    int recorded = 0, unchanged = 0;
    for (const auto& answers : seen) {
      auto outcome = answers.find(record.record_id());
      if (outcome == answers.end()) continue;
      recorded += outcome->second == lpb::COMPLETION_OUTCOME_RECORDED;
      unchanged += outcome->second == lpb::COMPLETION_OUTCOME_UNCHANGED;
    }
    EXPECT_EQ(recorded, 1) << record.record_id();
    EXPECT_EQ(unchanged, kCallers - 1) << record.record_id();
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion"), kRecords);
}

TEST_F(ConcurrencyE2eTest, ParallelIdenticalCompletionStreamsQueueOneAssessmentPerSkillSet) {
  testing::RegisterExamCourse(server_);
  constexpr int kRecords = 4;
  std::vector<lpb::CompletionRecord> records;
  for (int r = 0; r < kRecords; ++r) {
    records.push_back(testing::PassedCompletion(absl::StrCat("exam-", r), person_, "DG-201",
                                                kMorning + r * 86400, 2));
  }
  std::vector<std::vector<lpb::CompletionResult>> answers;
  const auto codes = StreamInParallel(
      institute_, [&](grpc::ClientContext* c) { return learning_->RecordCompletions(c); }, records,
      answers);
  EXPECT_THAT(codes,
              UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM learning_outbox"),
            kRecords * 2);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(DISTINCT institute_code, external_id)"
                              " FROM learning_outbox"),
            kRecords * 2);
  // Delivered (here or by the relay's own thread, both at once if it so happens): one
  // assessment each.
  ASSERT_TRUE(server_.RunTasksOnce().ok());
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NULL"),
            0);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM assessment WHERE external_key LIKE"
                              " 'institute:TDGA:completion:exam-%'"),
            kRecords * 2);
}

TEST_F(ConcurrencyE2eTest, OverlappingPeopleBatchesInAnyOrderCreateEachPersonOnce) {
  // Six people, the second of each pair supervised by the first (in the same batch), streamed by
  // every caller in a rotated order: each is created once and unchanged for everyone else.
  constexpr int kPeople = 6;
  std::vector<ppb::PersonRecord> records;
  for (int n = 10; n < 10 + kPeople; ++n) {
    ppb::PersonRecord record = Record(n);
    if (n % 2 == 1) record.set_supervisor_employee_number(absl::StrCat("E", n - 1));
    records.push_back(record);
  }
  std::vector<std::map<std::string, ppb::UpsertOutcome>> seen(kCallers);
  const auto codes = InParallel([&](int i) {
    auto context = NewContext(server_.admin());
    auto stream = personnel_->BulkUpsertPeople(context.get());
    for (int k = 0; k < kPeople; ++k) stream->Write(records[(i + k) % kPeople]);  // rotated
    stream->WritesDone();
    ppb::BulkUpsertResult result;
    while (stream->Read(&result)) seen[i][result.employee_number()] = result.outcome();
    return stream->Finish().error_code();
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  for (const ppb::PersonRecord& record : records) {
    int created = 0, unchanged = 0;
    for (const auto& answers : seen) {
      auto outcome = answers.find(record.employee_number());
      if (outcome == answers.end()) continue;
      created += outcome->second == ppb::UPSERT_OUTCOME_CREATED;
      unchanged += outcome->second == ppb::UPSERT_OUTCOME_UNCHANGED;
    }
    EXPECT_EQ(created, 1) << record.employee_number();
    EXPECT_EQ(unchanged, kCallers - 1) << record.employee_number();
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person WHERE employee_number IN"
                              " ('E10', 'E11', 'E12', 'E13', 'E14', 'E15')"),
            kPeople);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person p JOIN person s ON s.id = p.supervisor_id"
                              " WHERE (p.employee_number, s.employee_number) IN"
                              " (('E11', 'E10'), ('E13', 'E12'), ('E15', 'E14'))"),
            3)
      << "each supervised by the one before";
}

TEST_F(ConcurrencyE2eTest, TwoCallsClosingOneSupervisionLoopFromBothEndsCannotBothSucceed) {
  ASSERT_GT(UpsertPerson(Record(2), nullptr), 0);
  ASSERT_GT(UpsertPerson(Record(3), nullptr), 0);
  const auto codes = InParallel([&](int i) {
    // Half the callers make E2 report to E3, the other half E3 to E2.
    ppb::PersonRecord record = Record(i % 2 == 0 ? 2 : 3);
    record.set_supervisor_employee_number(i % 2 == 0 ? "E3" : "E2");
    grpc::StatusCode code;
    UpsertPerson(record, nullptr, &code);
    return code;
  });
  for (grpc::StatusCode code : codes) {
    EXPECT_TRUE(code == grpc::StatusCode::OK || code == grpc::StatusCode::FAILED_PRECONDITION)
        << code;
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person p JOIN person s ON s.id = p.supervisor_id"
                              " WHERE s.supervisor_id = p.id"),
            0) << "a loop of supervision was stored";
  EXPECT_THAT(codes, ::testing::Contains(grpc::StatusCode::OK)) << "the first direction stands";
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person WHERE employee_number IN ('E2', 'E3')"
                              " AND supervisor_id IS NOT NULL"),
            1)
      << "exactly one of the two reports to the other";
}

TEST_F(ConcurrencyE2eTest, IdenticalPeopleCreatesGiveOneCreatedAndTheRestUnchanged) {
  std::vector<ppb::UpsertOutcome> outcomes(kCallers);
  const auto codes = InParallel([&](int i) {
    ppb::UpsertPersonResponse response;
    grpc::StatusCode code;
    UpsertPerson(Record(2), &response, &code);
    outcomes[i] = response.outcome();
    return code;
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  std::vector<ppb::UpsertOutcome> expected(kCallers, ppb::UPSERT_OUTCOME_UNCHANGED);
  expected[0] = ppb::UPSERT_OUTCOME_CREATED;
  EXPECT_THAT(outcomes, UnorderedElementsAreArray(expected));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM person WHERE employee_number = 'E2'"), 1);
}

TEST_F(ConcurrencyE2eTest, PeopleUpdatesWithOneExpectedVersionGiveOneOkAndTheRestAborted) {
  ppb::UpsertPersonResponse current;
  ASSERT_GT(UpsertPerson(Record(1), &current), 0);
  const int64_t version = current.person().version();
  const auto codes = InParallel([&](int i) {
    ppb::PersonRecord changed = Record(1);
    changed.mutable_name()->set_th(absl::StrCat("สมชาย รุ่นที่ ", i));
    changed.set_expected_version(version);
    grpc::StatusCode code;
    UpsertPerson(changed, nullptr, &code);
    return code;
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::ABORTED)));
  EXPECT_EQ(testing::QueryInt(server_.pool(), absl::StrCat("SELECT version FROM person WHERE id = ", person_)),
            version + 1);
}

TEST_F(ConcurrencyE2eTest, AgenciesCreatedOnceAndUpdatedOncePerVersion) {
  const auto created = InParallel([&](int) {
    ppb::CreateAgencyRequest request;
    request.mutable_agency()->set_code("TMD-NEW");
    request.mutable_agency()->mutable_name()->set_th("กองใหม่");
    request.mutable_agency()->set_parent_code("TMD");
    request.mutable_agency()->set_kind(ppb::AGENCY_KIND_DIVISION);
    ppb::Agency agency;
    return personnel_->CreateAgency(NewContext(server_.admin()).get(), request, &agency).error_code();
  });
  EXPECT_THAT(created, UnorderedElementsAreArray(
                           OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::ALREADY_EXISTS)));
  ppb::GetAgencyRequest get;
  get.set_code("TMD-NEW");
  ppb::Agency agency;
  ASSERT_TRUE(personnel_->GetAgency(NewContext(server_.admin()).get(), get, &agency).ok());
  const auto updated = InParallel([&](int i) {
    ppb::UpdateAgencyRequest request;
    *request.mutable_agency() = agency;
    request.mutable_agency()->mutable_name()->set_th(absl::StrCat("กองใหม่ ", i));
    request.set_expected_version(agency.version());
    ppb::Agency answer;
    return personnel_->UpdateAgency(NewContext(server_.admin()).get(), request, &answer).error_code();
  });
  EXPECT_THAT(updated, UnorderedElementsAreArray(
                           OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::ABORTED)));
}

TEST_F(ConcurrencyE2eTest, IdenticalAssessmentsAreRecordedOnce) {
  std::vector<apb::RecordOutcome> outcomes(kCallers);
  const auto codes = InParallel([&](int i) {
    apb::RecordAssessmentRequest request;
    apb::AssessmentRecord* a = request.mutable_assessment();
    a->set_person_id(person_);
    a->set_framework_code("CS-2018");
    a->set_skill_set_code("LITERACY");
    a->set_level(2);
    a->set_source(apb::ASSESSMENT_SOURCE_SUPERVISOR);
    a->set_instrument("แบบประเมิน");
    *a->mutable_assessed_on() = DateOf(2026, 11, 1);
    a->set_external_id("hr-7");
    apb::RecordAssessmentResponse response;
    grpc::Status status = assessment_->RecordAssessment(NewContext(server_.admin()).get(), request, &response);
    outcomes[i] = response.outcome();
    return status.error_code();
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  std::vector<apb::RecordOutcome> expected(kCallers, apb::RECORD_OUTCOME_UNCHANGED);
  expected[0] = apb::RECORD_OUTCOME_RECORDED;
  EXPECT_THAT(outcomes, UnorderedElementsAreArray(expected));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), 1);
}

TEST_F(ConcurrencyE2eTest, ParallelIdenticalAssessmentStreamsRecordEachRecordOnce) {
  constexpr int kRecords = 60;
  std::vector<apb::AssessmentRecord> records;
  for (int r = 0; r < kRecords; ++r) {
    apb::AssessmentRecord& a = records.emplace_back();
    a.set_person_id(person_);
    a.set_framework_code("CS-2018");
    a.set_skill_set_code(r % 2 == 0 ? "LITERACY" : "GOVERNANCE");
    a.set_level(r % 4);
    a.set_source(apb::ASSESSMENT_SOURCE_SUPERVISOR);
    a.set_instrument("แบบประเมิน");
    *a.mutable_assessed_on() = DateOf(2026, 1 + r / 28, 1 + r % 28);
    a.set_external_id(absl::StrCat("bulk-", r));
  }
  std::vector<std::vector<apb::BulkAssessmentResult>> answers;
  const auto codes = StreamInParallel(
      server_.admin(),
      [&](grpc::ClientContext* c) { return assessment_->BulkRecordAssessments(c); }, records,
      answers);
  EXPECT_THAT(codes,
              UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  for (int r = 0; r < kRecords; ++r) {
    std::vector<apb::RecordOutcome> outcomes;
    for (int i = 0; i < kCallers; ++i) {
      ASSERT_EQ(answers[i].size(), static_cast<size_t>(kRecords));
      outcomes.push_back(answers[i][r].outcome());
      EXPECT_EQ(answers[i][r].assessment_id(), answers[0][r].assessment_id()) << r;
    }
    std::vector<apb::RecordOutcome> expected(kCallers, apb::RECORD_OUTCOME_UNCHANGED);
    expected[0] = apb::RECORD_OUTCOME_RECORDED;
    EXPECT_THAT(outcomes, UnorderedElementsAreArray(expected)) << "record " << r;
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), kRecords);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT level FROM person_standing WHERE"
                                              " skill_set_code = 'LITERACY'"),
            (kRecords - 2) % 4)
      << "the latest supervisor assessment counts";
}

TEST_F(ConcurrencyE2eTest, PlansCreatedOnceAndChangedOncePerVersion) {
  const auto created = InParallel([&](int) {
    lpb::CreatePlanRequest request;
    request.set_person_id(person_);
    request.mutable_fiscal_year()->set_be_year(2570);
    lpb::Plan plan;
    return learning_->CreatePlan(NewContext(server_.admin()).get(), request, &plan).error_code();
  });
  EXPECT_THAT(created, UnorderedElementsAreArray(
                           OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::ALREADY_EXISTS)));
  const int64_t plan_id = testing::QueryInt(server_.pool(), "SELECT id FROM plan");
  const int64_t version = testing::QueryInt(server_.pool(), "SELECT version FROM plan");
  const auto added = InParallel([&](int i) {
    lpb::AddPlanItemRequest request;
    request.set_plan_id(plan_id);
    request.set_expected_version(version);
    lpb::PlanItem* item = request.mutable_item();
    item->set_title(absl::StrCat("โครงการ ", i));
    item->set_mode(lpb::LEARNING_MODE_EXPERIENTIAL);
    item->set_horizon(lpb::HORIZON_PRESENT);
    item->set_planned_hours(10);
    item->add_skill_set_codes("LITERACY");
    lpb::Plan plan;
    return learning_->AddPlanItem(NewContext(server_.admin()).get(), request, &plan).error_code();
  });
  EXPECT_THAT(added, UnorderedElementsAreArray(
                         OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::ABORTED)));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan_item"), 1);
}

TEST_F(ConcurrencyE2eTest, ParallelIdenticalPlanStreamsCreateEachPlanOnce) {
  constexpr int kPlans = 6;
  std::vector<lpb::PlanRecord> records;
  for (int n = 0; n < kPlans; ++n) {
    const int64_t person = n == 0 ? person_ : UpsertPerson(Record(10 + n), nullptr);
    ASSERT_GT(person, 0);
    records.push_back(testing::PlanRecordOf(absl::StrCat("แผนพัฒนา-", n), person));
  }
  std::vector<std::vector<lpb::BulkPlanResult>> answers;
  const auto codes = StreamInParallel(
      server_.admin(), [&](grpc::ClientContext* c) { return learning_->BulkUpsertPlans(c); },
      records, answers);
  EXPECT_THAT(codes,
              UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  for (int n = 0; n < kPlans; ++n) {
    int created = 0, unchanged = 0;
    for (const std::vector<lpb::BulkPlanResult>& answer : answers) {
      ASSERT_EQ(answer.size(), static_cast<size_t>(kPlans));
      EXPECT_EQ(answer[n].plan_id(), answers[0][n].plan_id()) << answer[n].ShortDebugString();
      created += answer[n].outcome() == lpb::PLAN_IMPORT_OUTCOME_CREATED;
      unchanged += answer[n].outcome() == lpb::PLAN_IMPORT_OUTCOME_UNCHANGED;
    }
    EXPECT_EQ(created, 1) << records[n].external_id();
    EXPECT_EQ(unchanged, kCallers - 1) << records[n].external_id();
  }
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan"), kPlans);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan_item"), kPlans * 4);
}

TEST_F(ConcurrencyE2eTest, ParallelTokenCreationsEachGetTheirOwnToken) {
  std::vector<int64_t> ids(kCallers);
  const auto codes = InParallel([&](int i) {
    xpb::CreateTokenRequest request;
    request.mutable_token()->set_role(xpb::ROLE_PERSON);
    request.mutable_token()->set_person_id(person_);
    xpb::CreateTokenResponse response;
    grpc::Status status = access_->CreateToken(NewContext(server_.admin()).get(), request, &response);
    ids[i] = response.info().id();
    return status.error_code();
  });
  EXPECT_THAT(codes, UnorderedElementsAreArray(OneAndRest(grpc::StatusCode::OK, grpc::StatusCode::OK)));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << "every call made a token of its own";
}

}  // namespace
}  // namespace thaksa
