// End-to-end tests of readiness: figures computed by hand for a small tree, drill-down that adds
// up, a move between agencies, freshness within two seconds, people counted in each group they
// serve in, and gaps within scope.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/cli/readiness_report.h"

namespace thaksa {
namespace {

namespace rpb = ::thaksa::readiness::v1;
namespace apb = ::thaksa::assessment::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace xpb = ::thaksa::access::v1;
using cli::CallOptions;
using cli::NewContext;
using testing::DateOf;


class ReadinessE2eTest : public ::testing::Test {
 protected:
  ReadinessE2eTest()
      : server_(testing::FreshDatabase()),
        personnel_(ppb::PersonnelService::NewStub(server_.channel())),
        assessment_(apb::AssessmentService::NewStub(server_.channel())),
        readiness_(rpb::ReadinessService::NewStub(server_.channel())) {}

  void SetUp() override {
    testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
    p1_ = Person(1, "TMD-IT", common::v1::PERSONNEL_GROUP_TECHNOLOGY);
    p2_ = Person(2, "TMD-IT", common::v1::PERSONNEL_GROUP_ACADEMIC);
    p3_ = Person(3, "TMD-FC", common::v1::PERSONNEL_GROUP_SERVICE);
    p4_ = Person(4, "TMD", common::v1::PERSONNEL_GROUP_OTHERS);
    p5_ = Person(5, "NSO", common::v1::PERSONNEL_GROUP_ACADEMIC);
    Assess(p1_, "LITERACY", 2);
    Assess(p1_, "GOVERNANCE", 1);
    Assess(p2_, "LITERACY", 3);
    Assess(p3_, "LITERACY", 1);
  }

  int64_t Person(int n, const std::string& agency, common::v1::PersonnelGroup group,
                 common::v1::Date from = DateOf(2025, 10, 1),
                 ppb::EmploymentStatus status = ppb::EMPLOYMENT_STATUS_ACTIVE) {
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = testing::PersonRecordOf(n, "TMD", agency);
    request.mutable_person()->set_personnel_group(group);
    request.mutable_person()->set_status(status);
    *request.mutable_person()->mutable_effective_from() = from;
    ppb::UpsertPersonResponse response;
    EXPECT_TRUE(personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response).ok());
    return response.person().id();
  }

  void Assess(int64_t person, const std::string& skill_set, int level) {
    apb::RecordAssessmentRequest request;
    apb::AssessmentRecord* r = request.mutable_assessment();
    r->set_person_id(person);
    r->set_skill_set_code(skill_set);
    r->set_level(level);
    r->set_source(apb::ASSESSMENT_SOURCE_SUPERVISOR);
    *r->mutable_assessed_on() = DateOf(2026, 6, 1);
    apb::RecordAssessmentResponse response;
    grpc::Status status =
        assessment_->RecordAssessment(NewContext(server_.admin()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  rpb::Readiness Get(const std::string& agency, const CallOptions& who, grpc::Status* out = nullptr,
                     bool national = false) {
    rpb::GetReadinessRequest request;
    request.set_agency_code(agency);
    request.set_national(national);
    request.set_subtree(true);
    request.add_skill_set_codes("LITERACY");
    rpb::Readiness readiness;
    grpc::Status status = readiness_->GetReadiness(NewContext(who).get(), request, &readiness);
    if (out != nullptr) *out = status;
    return readiness;
  }

  // The LITERACY figures of the subtree of `agency` as they stood on `day`.
  rpb::Readiness AsOf(const std::string& agency, const common::v1::Date& day) {
    rpb::GetReadinessRequest request;
    request.set_agency_code(agency);
    request.set_subtree(true);
    request.add_skill_set_codes("LITERACY");
    *request.mutable_as_of() = day;
    rpb::Readiness readiness;
    const grpc::Status status =
        readiness_->GetReadiness(NewContext(server_.admin()).get(), request, &readiness);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return readiness;
  }

  // The people ListGaps names for LITERACY in the subtree of `agency`, in order.
  std::vector<int64_t> PeopleBelowTarget(const std::string& agency, const CallOptions& who) {
    rpb::ListGapsRequest request;
    request.set_agency_code(agency);
    request.set_skill_set_code("LITERACY");
    rpb::ListGapsResponse gaps;
    const grpc::Status status = readiness_->ListGaps(NewContext(who).get(), request, &gaps);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<int64_t> people;
    for (const auto& gap : gaps.gaps()) people.push_back(gap.person_id());
    return people;
  }

  // Moves the test clock to `now` and polls until TMD's figures say `headcount`.
  void WaitForHeadcountAt(absl::Time now, int64_t headcount) {
    server_.clock().Set(now);
    for (absl::Time until = absl::Now() + absl::Seconds(5); absl::Now() < until;) {
      const rpb::Readiness tmd = Get("TMD", server_.admin());
      if (tmd.total().headcount() == headcount && tmd.pending_changes() == 0) break;
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  // Polls until every recorded change is in the figures; returns how long that took.
  absl::Duration WaitUntilFresh() {
    const absl::Time start = absl::Now();
    while (absl::Now() - start < absl::Seconds(10)) {
      if (Get("MDES", server_.admin()).pending_changes() == 0) break;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return absl::Now() - start;
  }

  // A CIO-office token for the subtree of `agency`.
  CallOptions CioOffice(const std::string& agency) {
    auto access = xpb::AccessService::NewStub(server_.channel());
    xpb::CreateTokenRequest create;
    create.mutable_token()->set_role(xpb::ROLE_CIO_OFFICE);
    create.mutable_token()->set_agency_code(agency);
    xpb::CreateTokenResponse token;
    const grpc::Status status =
        access->CreateToken(NewContext(server_.admin()).get(), create, &token);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return server_.As(token.token());
  }

  static const rpb::Breakdown* Child(const rpb::Readiness& r, const std::string& code) {
    for (const auto& child : r.children()) {
      if (child.agency_code() == code) return &child;
    }
    return nullptr;
  }

  testing::TestServer server_;
  std::unique_ptr<ppb::PersonnelService::Stub> personnel_;
  std::unique_ptr<apb::AssessmentService::Stub> assessment_;
  std::unique_ptr<rpb::ReadinessService::Stub> readiness_;
  int64_t p1_ = 0, p2_ = 0, p3_ = 0, p4_ = 0, p5_ = 0;
};

TEST_F(ReadinessE2eTest, FiguresMatchAHandCountAndDrillDownAddsUp) {
  WaitUntilFresh();
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  // LITERACY, target 2 in DEVELOPING for everyone: P1 2 (meets), P2 3 (meets), P3 1 (gap 1),
  // P4 not assessed (gap 2). P5 works in NSO, outside TMD.
  EXPECT_EQ(tmd.total().headcount(), 4);
  EXPECT_EQ(tmd.total().assessed(), 3);
  EXPECT_EQ(tmd.total().meets_present(), 2);
  EXPECT_DOUBLE_EQ(tmd.total().share_ready(), 0.5);
  EXPECT_DOUBLE_EQ(tmd.total().average_gap(), 0.75);
  EXPECT_EQ(tmd.total().meets_future(), 1) << "only P2 reaches the MATURING target of 3";

  const rpb::Breakdown* it = Child(tmd, "TMD-IT");
  const rpb::Breakdown* fc = Child(tmd, "TMD-FC");
  const rpb::Breakdown* direct = Child(tmd, "");
  ASSERT_TRUE(it && fc && direct);
  EXPECT_EQ(it->total().headcount(), 2);
  EXPECT_EQ(it->total().meets_present(), 2);
  EXPECT_EQ(fc->total().headcount(), 1);
  EXPECT_EQ(direct->total().headcount(), 1) << "P4 is attached to TMD itself";
  int64_t sum = 0;
  for (const auto& child : tmd.children()) sum += child.total().headcount();
  EXPECT_EQ(sum, tmd.total().headcount());

  const rpb::Readiness mdes = Get("MDES", server_.admin());
  EXPECT_EQ(mdes.total().headcount(), 5);
  EXPECT_EQ(Child(mdes, "TMD")->total().headcount(), 4);
  EXPECT_EQ(Child(mdes, "NSO")->total().headcount(), 1);
}

TEST_F(ReadinessE2eTest, FiguresAndGapsAgainstProvisionalTargetsSaySo) {
  WaitUntilFresh();
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  ASSERT_GT(tmd.cells_size(), 0);
  for (const rpb::Cell& cell : tmd.cells()) {
    EXPECT_TRUE(cell.counts().provisional()) << "CS-2018 ships provisional targets";
  }
  for (const rpb::GroupTotal& group : tmd.groups()) EXPECT_TRUE(group.counts().provisional());
  for (const rpb::Breakdown& child : tmd.children()) EXPECT_TRUE(child.total().provisional());
  EXPECT_TRUE(tmd.total().provisional());

  rpb::ListGapsRequest request;
  request.set_agency_code("TMD");
  rpb::ListGapsResponse gaps;
  ASSERT_TRUE(readiness_->ListGaps(NewContext(server_.admin()).get(), request, &gaps).ok());
  ASSERT_GT(gaps.gaps_size(), 0);
  for (const rpb::Gap& gap : gaps.gaps()) {
    EXPECT_EQ(gap.framework_code(), "CS-2018");
    EXPECT_TRUE(gap.provisional()) << "the target " << gap.target() << " is provisional";
  }
}

TEST_F(ReadinessE2eTest, TheWholeCountryIsBrokenDownByMinistryForAdministratorsOnly) {
  testing::SetUpProgramme(server_,
                          "code,name_th,kind,parent_code,fiscal_year,period,officer_name,officer_role\n"
                          "MOF,กระทรวงการคลัง,MINISTRY,,2570,EARLY,นายประเสริฐ มั่นคง,CIO\n",
                          "MOF");
  Person(6, "MOF", common::v1::PERSONNEL_GROUP_SERVICE);
  WaitUntilFresh();
  grpc::Status status;
  const rpb::Readiness country = Get("", server_.admin(), &status, /*national=*/true);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(country.total().headcount(), 6);
  ASSERT_NE(Child(country, "MDES"), nullptr);
  ASSERT_NE(Child(country, "MOF"), nullptr);
  EXPECT_EQ(Child(country, "MDES")->total().headcount(), 5);
  EXPECT_EQ(Child(country, "MOF")->total().headcount(), 1);

  Get("MDES", server_.admin(), &status, /*national=*/true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  Get("", CioOffice("MDES"), &status, /*national=*/true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ReadinessE2eTest, ChangesShowWithinTwoSecondsAndMovesCountWhereThePersonIs) {
  WaitUntilFresh();
  const absl::Time recorded = absl::Now();
  Assess(p4_, "LITERACY", 2);
  absl::Duration visible = absl::InfiniteDuration();
  while (absl::Now() - recorded < absl::Seconds(5)) {
    if (Get("TMD", server_.admin()).total().meets_present() == 3) {
      visible = absl::Now() - recorded;
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_LT(visible, absl::Seconds(2));

  Person(3, "TMD-IT", common::v1::PERSONNEL_GROUP_SERVICE, DateOf(2026, 11, 1));  // P3 moves
  WaitUntilFresh();
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(Child(tmd, "TMD-IT")->total().headcount(), 3);
  EXPECT_EQ(Child(tmd, "TMD-FC"), nullptr) << "nobody left in TMD-FC";
  EXPECT_EQ(tmd.total().headcount(), 4);

  // On 15 October P3 was still in TMD-FC. (P4's assessment, recorded today, is dated June: it
  // counts on that day too.)
  const rpb::Readiness october = AsOf("TMD", DateOf(2026, 10, 15));
  EXPECT_EQ(october.as_of().month(), 10);
  EXPECT_EQ(Child(october, "TMD-IT")->total().headcount(), 2);
  ASSERT_NE(Child(october, "TMD-FC"), nullptr);
  EXPECT_EQ(Child(october, "TMD-FC")->total().headcount(), 1);
  EXPECT_EQ(october.total().meets_present(), 3);
}

TEST_F(ReadinessE2eTest, AnAgencyMovedToAnotherParentTakesItsPeoplesFiguresAlong) {
  WaitUntilFresh();
  ppb::GetAgencyRequest get;
  get.set_code("TMD-IT");
  ppb::Agency division;
  ASSERT_TRUE(personnel_->GetAgency(NewContext(server_.admin()).get(), get, &division).ok());
  ppb::UpdateAgencyRequest move;
  *move.mutable_agency() = division;
  move.mutable_agency()->set_parent_code("NSO");
  move.set_expected_version(division.version());
  ppb::Agency moved;
  const grpc::Status status =
      personnel_->UpdateAgency(NewContext(server_.admin()).get(), move, &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  WaitUntilFresh();

  // P1 and P2 (TMD-IT) now count under NSO, with P5; P3 and P4 stay under TMD.
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(tmd.total().headcount(), 2);
  EXPECT_EQ(Child(tmd, "TMD-IT"), nullptr);
  const rpb::Readiness nso = Get("NSO", server_.admin());
  EXPECT_EQ(nso.total().headcount(), 3);
  ASSERT_NE(Child(nso, "TMD-IT"), nullptr);
  EXPECT_EQ(Child(nso, "TMD-IT")->total().headcount(), 2);
  EXPECT_EQ(Child(nso, "TMD-IT")->total().meets_present(), 2);
  const rpb::Readiness mdes = Get("MDES", server_.admin());
  EXPECT_EQ(mdes.total().headcount(), 5) << "the ministry keeps everyone";
  EXPECT_EQ(Child(mdes, "NSO")->total().headcount(), 3);
  EXPECT_EQ(Child(mdes, "TMD")->total().headcount(), 2);
  const rpb::Readiness country = Get("", server_.admin(), nullptr, /*national=*/true);
  EXPECT_EQ(country.total().headcount(), 5);
}

TEST_F(ReadinessE2eTest, ALeaverStopsCountingFromTheLeavingDay) {
  WaitUntilFresh();
  // P3 (TMD-FC, LITERACY 1 of 2) left ten days ago.
  Person(3, "TMD-FC", common::v1::PERSONNEL_GROUP_SERVICE, DateOf(2026, 11, 11),
         ppb::EMPLOYMENT_STATUS_LEFT);
  WaitUntilFresh();
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(tmd.total().headcount(), 3);
  EXPECT_EQ(tmd.total().assessed(), 2);
  EXPECT_EQ(tmd.total().meets_present(), 2);
  EXPECT_EQ(Child(tmd, "TMD-FC"), nullptr) << "nobody works in TMD-FC any more";
  EXPECT_THAT(PeopleBelowTarget("TMD", server_.admin()), ::testing::ElementsAre(p4_));

  const rpb::Readiness day_before = AsOf("TMD", DateOf(2026, 11, 10));
  EXPECT_EQ(day_before.total().headcount(), 4);
  ASSERT_NE(Child(day_before, "TMD-FC"), nullptr);
  EXPECT_EQ(Child(day_before, "TMD-FC")->total().headcount(), 1);
  EXPECT_EQ(AsOf("TMD", DateOf(2026, 11, 11)).total().headcount(), 3) << "gone on the day";
}

TEST_F(ReadinessE2eTest, ALeavingDayAheadTakesEffectOnThatDay) {
  WaitUntilFresh();
  Person(3, "TMD-FC", common::v1::PERSONNEL_GROUP_SERVICE, DateOf(2026, 11, 23),
         ppb::EMPLOYMENT_STATUS_LEFT);
  WaitUntilFresh();
  EXPECT_EQ(Get("TMD", server_.admin()).total().headcount(), 4) << "still working until then";

  WaitForHeadcountAt(testing::TestNow() + absl::Hours(48), 3);  // 23 November
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(tmd.total().headcount(), 3);
  EXPECT_THAT(PeopleBelowTarget("TMD", server_.admin()), ::testing::ElementsAre(p4_));
}

TEST_F(ReadinessE2eTest, AMoveDatedAheadTakesEffectOnThatDay) {
  WaitUntilFresh();
  Person(5, "TMD", common::v1::PERSONNEL_GROUP_ACADEMIC, DateOf(2026, 11, 23));  // NSO -> TMD
  WaitUntilFresh();
  EXPECT_EQ(Get("TMD", server_.admin()).total().headcount(), 4);

  WaitForHeadcountAt(testing::TestNow() + absl::Hours(48), 5);
  EXPECT_EQ(Get("TMD", server_.admin()).total().headcount(), 5);
}

TEST_F(ReadinessE2eTest, PeopleWithoutADeclaredPeriodAreCountedApartAndTheirAgenciesListed) {
  // The Ministry of Finance and its department declared no period for any year.
  testing::SetUpProgramme(server_,
                          "code,name_th,kind,parent_code,fiscal_year,period\n"
                          "MOF,กระทรวงการคลัง,MINISTRY,,,\n"
                          "CGD,กรมบัญชีกลาง,DEPARTMENT,MOF,,\n",
                          "MOF");
  const int64_t p6 = Person(6, "CGD", common::v1::PERSONNEL_GROUP_SERVICE);
  Person(7, "MOF", common::v1::PERSONNEL_GROUP_OTHERS);
  Assess(p6, "LITERACY", 3);
  WaitUntilFresh();

  apb::GetSkillProfileRequest ask;
  ask.set_person_id(p6);
  apb::SkillProfile profile;
  ASSERT_TRUE(assessment_->GetSkillProfile(NewContext(server_.admin()).get(), ask, &profile).ok());
  EXPECT_EQ(profile.present_period(), common::v1::PERIOD_UNSPECIFIED);
  for (const apb::SkillStanding& standing : profile.standings()) {
    EXPECT_EQ(standing.status(), apb::STANDING_STATUS_TARGET_NOT_DECLARED)
        << standing.skill_set().code() << " never MEETS without a target";
    EXPECT_EQ(standing.present_target(), -1);
    if (standing.skill_set().code() == "LITERACY") {
      EXPECT_EQ(standing.level(), 3);
    }
  }

  const rpb::Readiness mof = Get("MOF", server_.admin());
  EXPECT_EQ(mof.total().headcount(), 2);
  EXPECT_EQ(mof.total().assessed(), 1);
  EXPECT_EQ(mof.total().target_not_declared(), 2);
  EXPECT_EQ(mof.total().meets_present(), 0) << "not inflated by the missing targets";
  EXPECT_DOUBLE_EQ(mof.total().share_ready(), 0);
  std::vector<std::string> listed;
  for (const rpb::AgencyName& agency : mof.agencies_without_period()) {
    listed.push_back(agency.agency_code());
  }
  EXPECT_THAT(listed, ::testing::ElementsAre("CGD", "MOF"));
  EXPECT_EQ(mof.agencies_without_period(0).agency_name().th(), "กรมบัญชีกลาง");

  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(tmd.total().target_not_declared(), 0) << "TMD inherits MDES's period";
  EXPECT_EQ(tmd.agencies_without_period_size(), 0);
  EXPECT_DOUBLE_EQ(Get("MDES", server_.admin()).total().share_ready(), 0.4);

  rpb::GetTrendRequest trend_request;
  trend_request.set_agency_code("MOF");
  trend_request.set_skill_set_code("LITERACY");  // a foundation set: once per person
  rpb::Trend trend;
  ASSERT_TRUE(readiness_->GetTrend(NewContext(server_.admin()).get(), trend_request, &trend).ok());
  ASSERT_GT(trend.points_size(), 0);
  EXPECT_EQ(trend.points(trend.points_size() - 1).target_not_declared(),
            mof.total().target_not_declared())
      << "today's point says how many have no target";

  absl::StatusOr<cli::ReportData> data =
      cli::FetchReportData(server_.channel(), server_.admin(), "MOF");
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_THAT(cli::RenderReadinessReport(*data, /*thai=*/true),
              ::testing::HasSubstr("<ul id=\"without-period\"><li>CGD กรมบัญชีกลาง</li>"));
}

TEST_F(ReadinessE2eTest, AClosedYearDoesNotChangeAfterABackDatedAssessment) {
  ppb::SetAgencyPeriodRequest period;
  period.set_code("MDES");
  period.mutable_fiscal_year()->set_be_year(2569);
  period.set_period(common::v1::PERIOD_DEVELOPING);
  ppb::Agency declared;
  ASSERT_TRUE(personnel_->SetAgencyPeriod(NewContext(server_.admin()).get(), period, &declared).ok());
  WaitUntilFresh();
  rpb::CloseFiscalYearRequest close;
  close.mutable_fiscal_year()->set_be_year(2570);
  rpb::ClosedYear closed;
  EXPECT_EQ(readiness_->CloseFiscalYear(NewContext(server_.admin()).get(), close, &closed).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION) << "FY2570 is still running";
  close.mutable_fiscal_year()->set_be_year(2569);
  ASSERT_TRUE(readiness_->CloseFiscalYear(NewContext(server_.admin()).get(), close, &closed).ok());
  EXPECT_EQ(closed.people(), 5);
  EXPECT_EQ(readiness_->CloseFiscalYear(NewContext(server_.admin()).get(), close, &closed).error_code(),
            grpc::StatusCode::ALREADY_EXISTS) << "a year is closed once";

  auto year_2569 = [&] {
    rpb::GetReadinessRequest request;
    request.set_agency_code("TMD");
    request.set_subtree(true);
    request.add_skill_set_codes("LITERACY");
    request.mutable_fiscal_year()->set_be_year(2569);
    rpb::Readiness readiness;
    EXPECT_TRUE(readiness_->GetReadiness(NewContext(server_.admin()).get(), request, &readiness).ok());
    return readiness;
  };
  const rpb::Readiness before = year_2569();
  EXPECT_EQ(before.closed_fiscal_year().be_year(), 2569);
  EXPECT_EQ(before.total().headcount(), 4);
  EXPECT_EQ(before.total().meets_present(), 2);
  EXPECT_EQ(before.adjustments_since_closing(), 0);

  Assess(p4_, "LITERACY", 3);  // dated 2026-06-01, inside FY2569, recorded after closing
  WaitUntilFresh();
  const rpb::Readiness after = year_2569();
  EXPECT_EQ(after.total().meets_present(), 2) << "the closed year stays as it was";
  EXPECT_EQ(after.adjustments_since_closing(), 1);
  EXPECT_EQ(Get("TMD", server_.admin()).total().meets_present(), 3) << "current figures move";

  rpb::GetReadinessRequest open_year;
  open_year.set_agency_code("TMD");
  open_year.mutable_fiscal_year()->set_be_year(2568);
  rpb::Readiness unused;
  EXPECT_EQ(readiness_->GetReadiness(NewContext(server_.admin()).get(), open_year, &unused).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ReadinessE2eTest, AnAssessmentThatExpiresStopsCountingTheNextDay) {
  apb::RecordAssessmentRequest request;
  apb::AssessmentRecord* r = request.mutable_assessment();
  r->set_person_id(p4_);
  r->set_skill_set_code("LITERACY");
  r->set_level(3);
  r->set_source(apb::ASSESSMENT_SOURCE_CERTIFICATION);
  *r->mutable_assessed_on() = DateOf(2024, 11, 22);
  *r->mutable_valid_until() = DateOf(2026, 11, 22);  // the test clock says 21 November 2026
  apb::RecordAssessmentResponse response;
  ASSERT_TRUE(assessment_->RecordAssessment(NewContext(server_.admin()).get(), request, &response).ok());
  WaitUntilFresh();
  EXPECT_EQ(Get("TMD", server_.admin()).total().meets_present(), 3);

  server_.clock().Set(testing::TestNow() + absl::Hours(48));  // 23 November: expired
  for (absl::Time until = absl::Now() + absl::Seconds(5); absl::Now() < until;) {
    const rpb::Readiness tmd = Get("TMD", server_.admin());
    if (tmd.total().expired() == 1 && tmd.pending_changes() == 0) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  const rpb::Readiness tmd = Get("TMD", server_.admin());
  EXPECT_EQ(tmd.total().meets_present(), 2);
  EXPECT_EQ(tmd.total().expired(), 1);
}

TEST_F(ReadinessE2eTest, TrendShowsEachMonthAsItStoodAndToday) {
  WaitUntilFresh();
  server_.clock().Set(testing::TestNow() + absl::Hours(24 * 11));  // 2 December 2026
  for (absl::Time until = absl::Now() + absl::Seconds(5); absl::Now() < until;) {
    if (testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM readiness_month") == 2) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  Assess(p4_, "LITERACY", 2);
  WaitUntilFresh();

  rpb::GetTrendRequest request;
  request.set_agency_code("TMD");
  request.set_skill_set_code("LITERACY");
  *request.mutable_from() = DateOf(2026, 11, 1);
  *request.mutable_to() = DateOf(2026, 12, 31);
  rpb::Trend trend;
  ASSERT_TRUE(readiness_->GetTrend(NewContext(server_.admin()).get(), request, &trend).ok());
  ASSERT_EQ(trend.points_size(), 3);
  EXPECT_EQ(trend.points(0).date().month(), 11);
  EXPECT_EQ(trend.points(0).headcount(), 0) << "kept when the service first ran that month";
  EXPECT_EQ(trend.points(1).date().month(), 12);
  EXPECT_EQ(trend.points(1).headcount(), 4);
  EXPECT_EQ(trend.points(1).meets_present(), 2);
  EXPECT_EQ(trend.points(2).date().day(), 2) << "today";
  EXPECT_EQ(trend.points(2).meets_present(), 3);
  EXPECT_DOUBLE_EQ(trend.points(2).share_ready(), 0.75);
}

TEST_F(ReadinessE2eTest, ExportGivesTheSameFiguresAsCsv) {
  WaitUntilFresh();
  auto csv_of = [&](const std::string& language) {
    rpb::ExportReadinessRequest request;
    request.mutable_readiness()->set_agency_code("TMD");
    request.mutable_readiness()->set_subtree(true);
    request.mutable_readiness()->add_skill_set_codes("LITERACY");
    request.set_language(language);
    auto context = NewContext(server_.admin());
    auto reader = readiness_->ExportReadiness(context.get(), request);
    std::string csv;
    rpb::CsvChunk chunk;
    while (reader->Read(&chunk)) csv += chunk.data();
    EXPECT_TRUE(reader->Finish().ok());
    return csv;
  };
  const std::string english = csv_of("en");
  EXPECT_THAT(english, ::testing::StartsWith("agency,personnel_group,skill_set,framework,headcount"));
  EXPECT_THAT(english, ::testing::HasSubstr("target_not_declared,provisional\n"));
  // CS-2018's shipped targets are provisional: every row says so.
  EXPECT_THAT(english, ::testing::HasSubstr(
                           "\nTMD-IT,TECHNOLOGY,LITERACY,CS-2018,1,1,1,0,0,1.0000,0.0000,0,yes\n"));
  EXPECT_THAT(english, ::testing::HasSubstr(
                           "\nTMD (direct),OTHERS,LITERACY,CS-2018,1,0,0,0,0,0.0000,2.0000,0,yes\n"));
  EXPECT_THAT(english, ::testing::Not(::testing::HasSubstr(",no\n")));
  const std::string thai = csv_of("th");
  EXPECT_THAT(thai, ::testing::StartsWith("หน่วยงาน,กลุ่มเป้าหมาย,กลุ่มทักษะ"));
  EXPECT_THAT(thai, ::testing::HasSubstr(",เป้าหมายชั่วคราว\n"));
  EXPECT_THAT(thai, ::testing::HasSubstr("\nTMD-IT,TECHNOLOGY,LITERACY,CS-2018,1,1,1,0,0,1.0000,0.0000,0,ใช่\n"));
}

// Runs a shell command; its exit status.
int Shell(const std::string& command) { return std::system(command.c_str()); }

TEST_F(ReadinessE2eTest, HtmlReportRendersInABrowserWithTheFigures) {
  WaitUntilFresh();
  absl::StatusOr<cli::ReportData> data = cli::FetchReportData(server_.channel(), server_.admin(), "TMD");
  ASSERT_TRUE(data.ok()) << data.status();
  std::string dir = (std::filesystem::temp_directory_path() / "thaksa-report-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    std::ofstream page(dir + "/report.html", std::ios::binary);
    page << cli::RenderReadinessReport(*data, /*thai=*/true);
  }
  ASSERT_EQ(Shell("test -x /usr/bin/chromium"), 0) << "tools/test installs Debian's chromium";
  // Flags as this machine needs them: no sandbox as root, no background network traffic.
  const int rc = Shell(absl::StrCat(
      "cd '", dir, "' && /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic"
      " --no-first-run --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir=profile --enable-logging=stderr --virtual-time-budget=2000"
      " --dump-dom file://", dir, "/report.html > dom.html 2> browser.log"));
  ASSERT_EQ(rc, 0);
  std::ifstream dom_file(dir + "/dom.html");
  const std::string dom((std::istreambuf_iterator<char>(dom_file)), std::istreambuf_iterator<char>());
  std::ifstream log_file(dir + "/browser.log");
  const std::string log((std::istreambuf_iterator<char>(log_file)), std::istreambuf_iterator<char>());
  EXPECT_THAT(dom, ::testing::HasSubstr("data-rendered=\"3\"")) << "three child bars, script ran";
  EXPECT_THAT(dom, ::testing::HasSubstr("กรมอุตุนิยมวิทยา"));
  EXPECT_THAT(dom, ::testing::HasSubstr(absl::StrFormat(
                       "%.0f%%", 100 * data->readiness.total().share_ready())));
  EXPECT_THAT(dom, ::testing::HasSubstr("ศูนย์ดิจิทัลอุตุนิยมวิทยา"));
  // The shipped targets are provisional: the page says so in Thai and English, and marks figures.
  EXPECT_THAT(dom, ::testing::HasSubstr("<b>เป้าหมายชั่วคราว</b>"));
  EXPECT_THAT(dom, ::testing::HasSubstr("<b>Provisional targets</b>"));
  EXPECT_THAT(dom, ::testing::HasSubstr(absl::StrFormat(
                       "%.0f%%<sup class=\"provisional\"", 100 * data->readiness.total().share_ready())));
  EXPECT_THAT(log, ::testing::Not(::testing::HasSubstr("Uncaught")));
  std::filesystem::remove_all(dir);
}

TEST_F(ReadinessE2eTest, SomeoneServingInAFurtherGroupCountsInEachGroupAndTheirGapsSaySo) {
  // P6 (TECHNOLOGY) reports to P2, who reports to P1: P1 approved P6's SERVICE group on
  // 1 November 2026.
  ppb::UpsertPersonRequest request;
  *request.mutable_person() = testing::PersonRecordOf(2, "TMD", "TMD-IT", "E1");
  request.mutable_person()->set_personnel_group(common::v1::PERSONNEL_GROUP_ACADEMIC);
  *request.mutable_person()->mutable_effective_from() = DateOf(2025, 10, 1);
  ppb::UpsertPersonResponse response;
  ASSERT_TRUE(personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response).ok());
  *request.mutable_person() = testing::PersonRecordOf(6, "TMD", "TMD-IT", "E2");
  request.mutable_person()->set_personnel_group(common::v1::PERSONNEL_GROUP_TECHNOLOGY);
  *request.mutable_person()->mutable_effective_from() = DateOf(2025, 10, 1);
  ppb::SecondaryGroup* further = request.mutable_person()->add_secondary_groups();
  further->set_group(common::v1::PERSONNEL_GROUP_SERVICE);
  further->set_approved_by("E1");
  *further->mutable_approved_on() = DateOf(2026, 11, 1);
  const grpc::Status upserted =
      personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response);
  ASSERT_TRUE(upserted.ok()) << upserted.error_message();
  const int64_t p6 = response.person().id();
  Assess(p6, "LITERACY", 1);
  WaitUntilFresh();

  const rpb::Readiness it = Get("TMD-IT", server_.admin());
  EXPECT_EQ(it.total().headcount(), 4) << "P1, P2, and P6 in two groups";
  std::map<common::v1::PersonnelGroup, int64_t> by_group;
  for (const rpb::GroupTotal& group : it.groups()) {
    by_group[group.personnel_group()] = group.counts().headcount();
  }
  EXPECT_THAT(by_group, ::testing::ElementsAre(
                            ::testing::Pair(common::v1::PERSONNEL_GROUP_ACADEMIC, 1),
                            ::testing::Pair(common::v1::PERSONNEL_GROUP_SERVICE, 1),
                            ::testing::Pair(common::v1::PERSONNEL_GROUP_TECHNOLOGY, 2)));
  EXPECT_EQ(AsOf("TMD-IT", DateOf(2026, 10, 31)).total().headcount(), 3)
      << "the day before the approval, P6 served in their own group only";
  EXPECT_EQ(AsOf("TMD-IT", DateOf(2026, 11, 1)).total().headcount(), 4);

  rpb::ListGapsRequest gaps_request;
  gaps_request.set_agency_code("TMD-IT");
  gaps_request.set_skill_set_code("LITERACY");
  rpb::ListGapsResponse gaps;
  ASSERT_TRUE(readiness_->ListGaps(NewContext(server_.admin()).get(), gaps_request, &gaps).ok());
  ASSERT_EQ(gaps.gaps_size(), 2);
  EXPECT_EQ(gaps.gaps(0).person_id(), p6);
  EXPECT_EQ(gaps.gaps(0).personnel_group(), common::v1::PERSONNEL_GROUP_TECHNOLOGY);
  EXPECT_FALSE(gaps.gaps(0).further_group());
  EXPECT_EQ(gaps.gaps(1).person_id(), p6);
  EXPECT_EQ(gaps.gaps(1).personnel_group(), common::v1::PERSONNEL_GROUP_SERVICE);
  EXPECT_TRUE(gaps.gaps(1).further_group());

  // The further group given up: P6 counts in their own group only again.
  request.mutable_person()->clear_secondary_groups();
  ASSERT_TRUE(personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response).ok());
  WaitUntilFresh();
  EXPECT_EQ(Get("TMD-IT", server_.admin()).total().headcount(), 3);
}

TEST_F(ReadinessE2eTest, CioOfficesSeeTheirSubtreeAndItsGaps) {
  WaitUntilFresh();
  const CallOptions cio = CioOffice("TMD");

  grpc::Status status;
  Get("TMD-IT", cio, &status);
  EXPECT_TRUE(status.ok());
  Get("NSO", cio, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  rpb::ListGapsRequest request;
  request.set_agency_code("TMD");
  request.set_skill_set_code("LITERACY");
  rpb::ListGapsResponse gaps;
  ASSERT_TRUE(readiness_->ListGaps(NewContext(cio).get(), request, &gaps).ok());
  std::vector<int64_t> people;
  for (const auto& gap : gaps.gaps()) people.push_back(gap.person_id());
  EXPECT_THAT(people, ::testing::ElementsAre(p3_, p4_));
  EXPECT_EQ(gaps.gaps(0).level(), 1);
  EXPECT_EQ(gaps.gaps(0).gap(), 1);
  EXPECT_EQ(gaps.gaps(0).last_assessed().year(), 2026);
  EXPECT_EQ(gaps.gaps(1).level(), -1);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM audit_event WHERE method LIKE '%ListGaps'"),
            2) << "who looked at whom";
}

}  // namespace
}  // namespace thaksa
