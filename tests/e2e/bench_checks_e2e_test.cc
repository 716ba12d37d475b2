// End-to-end tests of the benchmark's checks against a real server: the wait for the catch-up
// counts what the refresher consumed, and the recount of agencies equals readiness unless the
// figures missed a change.
#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/loadgen/catch_up.h"
#include "tools/loadgen/recount.h"

namespace thaksa::loadgen {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace rpb = ::thaksa::readiness::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kAgencies[] =
    "code,name_th,kind,parent_code,fiscal_year,period,officer_name,officer_role\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,MINISTRY,,2570,DEVELOPING,นายสมชาย ใจดี,CIO\n"
    "TMD,กรมอุตุนิยมวิทยา,DEPARTMENT,MDES,,\n"
    "TMD-IT,ศูนย์ดิจิทัลอุตุนิยมวิทยา,DIVISION,TMD,,\n"
    "NSO,สำนักงานสถิติแห่งชาติ,DEPARTMENT,MDES,,\n";

class BenchChecksE2eTest : public ::testing::Test {
 protected:
  BenchChecksE2eTest() : server_(testing::FreshDatabase()) {}

  void SetUp() override {
    testing::SetUpProgramme(server_, kAgencies);
    const int64_t p1 = Person(1, "TMD-IT", common::v1::PERSONNEL_GROUP_TECHNOLOGY);
    p2_ = Person(2, "TMD-IT", common::v1::PERSONNEL_GROUP_ACADEMIC);
    Person(3, "TMD", common::v1::PERSONNEL_GROUP_SERVICE);
    const int64_t p4 = Person(4, "NSO", common::v1::PERSONNEL_GROUP_ACADEMIC);
    Assess(p1, "LITERACY", 2);
    Assess(p1, "GOVERNANCE", 1);
    Assess(p2_, "LITERACY", 3);
    Assess(p4, "LITERACY", 1);
  }

  int64_t Person(int n, const std::string& agency, common::v1::PersonnelGroup group) {
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = testing::PersonRecordOf(n, "TMD", agency);
    request.mutable_person()->set_personnel_group(group);
    ppb::UpsertPersonResponse response;
    auto personnel = ppb::PersonnelService::NewStub(server_.channel());
    EXPECT_TRUE(
        personnel->UpsertPerson(cli::NewContext(server_.admin()).get(), request, &response).ok());
    return response.person().id();
  }

  void Assess(int64_t person, const std::string& skill_set, int level) {
    apb::RecordAssessmentRequest request;
    *request.mutable_assessment() = testing::AssessmentRecordOf(
        person, skill_set, level, apb::ASSESSMENT_SOURCE_SUPERVISOR, testing::DateOf(2026, 6, 1));
    apb::RecordAssessmentResponse response;
    auto assessment = apb::AssessmentService::NewStub(server_.channel());
    const grpc::Status status =
        assessment->RecordAssessment(cli::NewContext(server_.admin()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  CatchUp WaitForCatchUp() {
    auto readiness = rpb::ReadinessService::NewStub(server_.channel());
    auto ops = ops::v1::OpsService::NewStub(server_.channel());
    absl::StatusOr<CatchUp> caught_up =
        loadgen::WaitForCatchUp(*readiness, {ops.get()}, server_.admin(), absl::Seconds(30));
    EXPECT_TRUE(caught_up.ok()) << caught_up.status();
    return caught_up.value_or(CatchUp());
  }

  testing::TestServer server_;
  int64_t p2_ = 0;
};

TEST_F(BenchChecksE2eTest, TheCatchUpCountsTheChangesTheRefresherConsumed) {
  const CatchUp caught_up = WaitForCatchUp();
  EXPECT_TRUE(caught_up.finished);
  EXPECT_EQ(caught_up.figure.name, kCatchUp);
  // Whatever was still pending when the wait began was consumed, and nothing is left.
  EXPECT_GE(caught_up.figure.count, 0);
  EXPECT_THAT(caught_up.figure.note,
              ::testing::AnyOf(HasSubstr("nothing was pending"),
                               HasSubstr("finished; pending: ")));
  EXPECT_EQ(WaitForCatchUp().figure.note, "nothing was pending after the load");
}

TEST_F(BenchChecksE2eTest, TheRecountOfFreshFiguresIsEqual) {
  ASSERT_TRUE(WaitForCatchUp().finished);
  absl::StatusOr<RecountOutcome> recount =
      Recount(server_.channel(), server_.admin(), {"TMD-IT", "TMD", "MDES"}, 2, nullptr);
  ASSERT_TRUE(recount.ok()) << recount.status();
  EXPECT_EQ(recount->agencies, 3);
  EXPECT_EQ(recount->people, 2 + 3 + 4);
  EXPECT_THAT(recount->differences, IsEmpty());
}

TEST_F(BenchChecksE2eTest, TheRecountFindsFiguresThatMissedAChange) {
  ASSERT_TRUE(WaitForCatchUp().finished);
  // P2's LITERACY level falls from 3 to 0 behind readiness's back: no change is logged.
  ASSERT_TRUE(server_.pool()
                  .Run([&](sql::Connection& c) {
                    Execute(c, "UPDATE assessment SET level = 0 WHERE person_id = ?", {p2_});
                    Execute(c, "UPDATE person_standing SET level = 0 WHERE person_id = ?", {p2_});
                    return absl::OkStatus();
                  })
                  .ok());
  absl::StatusOr<RecountOutcome> recount =
      Recount(server_.channel(), server_.admin(), {"TMD-IT"}, 2, nullptr);
  ASSERT_TRUE(recount.ok()) << recount.status();
  EXPECT_THAT(recount->differences,
              ElementsAre("TMD-IT ACADEMIC LITERACY CS-2018: meets_present 0 recounted, 1 in "
                          "readiness",
                          "TMD-IT ACADEMIC LITERACY CS-2018: meets_future 0 recounted, 1 in "
                          "readiness",
                          "TMD-IT ACADEMIC LITERACY CS-2018: gap sum 2 recounted, 0 in readiness"));
}

}  // namespace
}  // namespace thaksa::loadgen
