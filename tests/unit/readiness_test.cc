// Unit tests of readiness's use cases over the in-memory fakes: figures and their drill-down,
// filters, people without a declared target, provisional flags, past days, scope, the CSV
// export, gaps and the learning mix.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/readiness/learning_mix.h"
#include "services/readiness/readiness_convert.h"
#include "services/readiness/readiness_export.h"
#include "services/readiness/readiness_figures.h"
#include "services/readiness/readiness_gaps.h"
#include "tests/support/readiness_fixture.h"

namespace thaksa::readiness {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

constexpr PersonStanding kMeets{3, 2, 3, 0, Status::kMeets};
constexpr PersonStanding kBelow{1, 2, 3, 1, Status::kBelow};
constexpr PersonStanding kNotAssessed{-1, 2, 3, 2, Status::kNotAssessed};
constexpr PersonStanding kUndeclared{2, -1, -1, 0, Status::kTargetNotDeclared};

class ReadinessTest : public testing::ReadinessFixture {
 protected:
  // Four people in TMD's subtree: two at TMD-IT, one at TMD-FC, one attached to TMD itself.
  void SetUp() override {
    store_.SetRows(1, {Row(kTmdIt, kTechnology, "LITERACY", kMeets),
                       Row(kTmdIt, kTechnology, "GOVERNANCE", kBelow)});
    store_.SetRows(2, {Row(kTmdIt, kAcademic, "LITERACY", kBelow)});
    store_.SetRows(3, {Row(kTmdFc, kService, "LITERACY", kMeets, "OFFICIAL")});
    store_.SetRows(4, {Row(kTmd, kOthers, "LITERACY", kNotAssessed)});
  }

  ReadinessFigures Figures(const FiguresQuery& query, const Principal& principal = Admin()) {
    absl::StatusOr<ReadinessFigures> figures =
        ComputeFigures(store_, standings_, principal, query, clock_.Now());
    EXPECT_TRUE(figures.ok()) << figures.status();
    return figures.value_or(ReadinessFigures());
  }

  static FiguresQuery SubtreeOf(const std::string& code) {
    FiguresQuery query;
    query.agency_code = code;
    query.subtree = true;
    return query;
  }
};

TEST_F(ReadinessTest, ASubtreeIsBrokenDownByDirectChildAndTheChildrenAddUp) {
  const ReadinessFigures figures = Figures(SubtreeOf("TMD"));
  EXPECT_EQ(figures.agency.code, "TMD");
  EXPECT_EQ(figures.total.headcount, 5) << "person 1 counts once per skill set";
  EXPECT_EQ(figures.total.meets_present, 2);
  ASSERT_EQ(figures.children.size(), 3u);
  EXPECT_EQ(figures.children[0].agency.id, 0) << "the directly attached come first";
  EXPECT_EQ(figures.children[0].total.headcount, 1);
  EXPECT_EQ(figures.children[1].agency.code, "TMD-IT");
  EXPECT_EQ(figures.children[1].agency.name_en, "TMD-IT (en)") << "children are named";
  EXPECT_EQ(figures.children[1].total.headcount, 3);
  EXPECT_EQ(figures.children[2].agency.code, "TMD-FC");
  Counts sum;
  for (const ChildFigures& child : figures.children) sum += child.total;
  EXPECT_EQ(sum.headcount, figures.total.headcount);
  EXPECT_EQ(sum.meets_present, figures.total.meets_present);
  EXPECT_EQ(sum.gap_sum, figures.total.gap_sum);
  ASSERT_TRUE(figures.data_as_of.has_value()) << "current figures say how fresh they are";

  const ReadinessFigures whole = Figures([] {
    FiguresQuery query;
    query.national = true;
    query.subtree = true;
    return query;
  }());
  ASSERT_EQ(whole.children.size(), 1u) << "the whole country by ministry";
  EXPECT_EQ(whole.children[0].agency.code, "MDES");
  EXPECT_EQ(whole.total.headcount, 5);
}

TEST_F(ReadinessTest, WithoutSubtreeOnlyTheAgencysOwnPeopleCount) {
  FiguresQuery query;
  query.agency_code = "TMD";
  const ReadinessFigures figures = Figures(query);
  EXPECT_EQ(figures.total.headcount, 1);
  EXPECT_TRUE(figures.children.empty());
}

TEST_F(ReadinessTest, GroupsAndSkillSetsFilterTheCellsAndTotals) {
  const ReadinessFigures all = Figures(SubtreeOf("TMD"));
  EXPECT_EQ(all.cells.size(), 5u) << "group x skill set x framework";
  std::vector<std::pair<int, int64_t>> heads;
  for (const auto& [group, counts] : all.groups) heads.emplace_back(group, counts.headcount);
  EXPECT_THAT(heads, ElementsAre(Pair(kAcademic, 1), Pair(kService, 1), Pair(kTechnology, 2),
                                 Pair(kOthers, 1)));
  std::vector<std::pair<std::string, int64_t>> sets;
  for (const auto& [set, counts] : all.skill_sets) sets.emplace_back(set, counts.headcount);
  EXPECT_THAT(sets, ElementsAre(Pair("GOVERNANCE", 1), Pair("LITERACY", 4)));

  FiguresQuery query = SubtreeOf("TMD");
  query.personnel_groups = {kTechnology, kAcademic};
  query.skill_set_codes = {"LITERACY"};
  const ReadinessFigures some = Figures(query);
  ASSERT_EQ(some.cells.size(), 2u);
  EXPECT_EQ(some.cells[0].personnel_group, kAcademic);
  EXPECT_EQ(some.cells[1].personnel_group, kTechnology);
  EXPECT_EQ(some.total.headcount, 2);
  EXPECT_EQ(some.total.meets_present, 1);
  ASSERT_EQ(some.children.size(), 1u) << "only TMD-IT has people in those cells";
  EXPECT_EQ(some.children[0].agency.code, "TMD-IT");
}

TEST_F(ReadinessTest, PeopleWithoutADeclaredTargetAreCountedApartAndTheirAgenciesListed) {
  store_.SetRows(5, {Row(kNso, kAcademic, "LITERACY", kUndeclared)});
  const ReadinessFigures figures = Figures(SubtreeOf("MDES"));
  EXPECT_EQ(figures.total.headcount, 6);
  EXPECT_EQ(figures.total.target_not_declared, 1);
  EXPECT_DOUBLE_EQ(figures.total.ShareReady(), 2.0 / 5) << "over the people with a target";
  ASSERT_EQ(figures.without_period.size(), 1u);
  EXPECT_EQ(figures.without_period[0].code, "NSO");
  EXPECT_TRUE(Figures(SubtreeOf("TMD")).without_period.empty());
}

TEST_F(ReadinessTest, FiguresAgainstProvisionalTargetsSaySo) {
  const ReadinessFigures figures = Figures(SubtreeOf("TMD"));
  for (const Cell& cell : figures.cells) {
    EXPECT_EQ(cell.counts.provisional, cell.framework_code == "PROV") << cell.framework_code;
  }
  EXPECT_TRUE(figures.total.provisional) << "a sum is provisional if any part is";
  ASSERT_EQ(figures.children.size(), 3u);
  EXPECT_FALSE(figures.children[2].total.provisional) << "TMD-FC's people are on OFFICIAL";

  standings_.FailReads(absl::UnavailableError("assessment is down"));
  EXPECT_EQ(ComputeFigures(store_, standings_, Admin(), SubtreeOf("TMD"), clock_.Now())
                .status()
                .code(),
            absl::StatusCode::kUnavailable)
      << "no figures rather than figures wrongly called official";
}

TEST_F(ReadinessTest, AClosedYearGivesItsFrozenFiguresAndCountsLaterAdjustments) {
  PersonAtTmdIt(7);
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 3, 1));
  const AuditCall audit{};
  ReadinessRow meets = Row(kTmdIt, kTechnology, "LITERACY", kMeets);
  meets.agency_path = agencies_[kTmdIt - 1].path;
  CellDeltas cells;
  cells.Add(meets, +1);
  ASSERT_TRUE(store_.CloseYear(2569, 1, cells.Cells(), 1, audit).ok());
  standings_.AddAssessment(7, "PROV", "GOVERNANCE", 2, absl::CivilDay(2026, 9, 1));
  FiguresQuery query = SubtreeOf("TMD");
  query.closed_fiscal_year = 2569;
  const ReadinessFigures figures = Figures(query);
  EXPECT_EQ(figures.total.headcount, 1);
  EXPECT_EQ(figures.as_of, absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(figures.adjustments_since_closing, 1) << "back-dated after closing";

  query.closed_fiscal_year = 2568;
  EXPECT_EQ(ComputeFigures(store_, standings_, Admin(), query, clock_.Now()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(ReadinessTest, APastDayIsWorkedOutFromEachPersonsRecordsThen) {
  PersonAtTmdIt(7);
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 1, 10));
  FiguresQuery query = SubtreeOf("TMD");
  query.as_of = absl::CivilDay(2026, 2, 1);
  const ReadinessFigures figures = Figures(query);
  EXPECT_EQ(figures.as_of, absl::CivilDay(2026, 2, 1));
  EXPECT_FALSE(figures.data_as_of.has_value());
  ASSERT_EQ(figures.children.size(), 1u);
  EXPECT_EQ(figures.children[0].agency.code, "TMD-IT");
  EXPECT_EQ(figures.total.headcount, 3) << "LITERACY, GOVERNANCE and TECHNOLOGY apply";
  EXPECT_EQ(figures.total.meets_present, 1);
  EXPECT_EQ(figures.total.assessed, 1);

  query.as_of = absl::CivilDay(2026, 12, 1);
  EXPECT_EQ(ComputeFigures(store_, standings_, Admin(), query, clock_.Now()).status().code(),
            absl::StatusCode::kInvalidArgument)
      << "not in the future";
}

TEST_F(ReadinessTest, CallersSeeOnlyTheirSubtree) {
  const Principal cio = CioOf(kTmdIt, "TMD-IT");
  FiguresQuery own;  // empty code: the caller's own agency
  EXPECT_EQ(Figures(own, cio).agency.code, "TMD-IT");
  EXPECT_EQ(ComputeFigures(store_, standings_, cio, SubtreeOf("TMD"), clock_.Now()).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ComputeFigures(store_, standings_, cio, SubtreeOf("NOPE"), clock_.Now()).status().code(),
            absl::StatusCode::kPermissionDenied)
      << "an unknown agency looks like a foreign one";
  FiguresQuery national;
  national.national = true;
  EXPECT_EQ(ComputeFigures(store_, standings_, cio, national, clock_.Now()).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(ReadinessTest, TheCsvHasTheChildrensRowsThenTheAgencysOwn) {
  const std::string csv = ReadinessCsv(Figures(SubtreeOf("TMD")), /*thai=*/false);
  const std::vector<std::string> lines = absl::StrSplit(csv, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 1u + 5 + 5);
  EXPECT_EQ(lines[0],
            "agency,personnel_group,skill_set,framework,headcount,assessed,meets_present,"
            "meets_future,expired,share_ready,average_gap,target_not_declared,provisional");
  EXPECT_EQ(lines[1], "TMD (direct),OTHERS,LITERACY,PROV,1,0,0,0,0,0.0000,2.0000,0,yes");
  EXPECT_EQ(lines[2], "TMD-IT,ACADEMIC,LITERACY,PROV,1,1,0,0,0,0.0000,1.0000,0,yes");
  EXPECT_EQ(lines[5], "TMD-FC,SERVICE,LITERACY,OFFICIAL,1,1,1,1,0,1.0000,0.0000,0,no");
  EXPECT_EQ(lines[6], "TMD,ACADEMIC,LITERACY,PROV,1,1,0,0,0,0.0000,1.0000,0,yes");

  const std::string thai = ReadinessCsv(Figures(SubtreeOf("TMD")), /*thai=*/true);
  EXPECT_EQ(thai.substr(0, thai.find(',')), "หน่วยงาน");
  EXPECT_NE(thai.find(",ไม่ใช่\n"), std::string::npos);
  EXPECT_EQ(Chunks(csv, 100).size(), (csv.size() + 99) / 100);
}

TEST_F(ReadinessTest, TheAnswerCarriesTheFiguresAndTheirBreakdown) {
  const v1::Readiness answer = ToProto(Figures(SubtreeOf("TMD")));
  EXPECT_EQ(answer.agency_code(), "TMD");
  EXPECT_EQ(answer.total().headcount(), 5);
  EXPECT_TRUE(answer.total().provisional());
  ASSERT_EQ(answer.children_size(), 3);
  EXPECT_EQ(answer.children(0).agency_code(), "") << "the directly attached";
  EXPECT_EQ(answer.children(1).agency_name().en(), "TMD-IT (en)");
  EXPECT_FALSE(answer.has_closed_fiscal_year());
}

TEST_F(ReadinessTest, GapsArePagedByPersonAndFlagProvisionalTargets) {
  GapsQuery query;
  query.agency_code = "TMD";
  query.page_size = 2;
  absl::StatusOr<GapsPage> first = FindGaps(store_, standings_, Admin(), query);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(first->people, ElementsAre(1, 2));
  ASSERT_EQ(first->gaps.size(), 2u);
  EXPECT_EQ(first->gaps[0].skill_set_code, "GOVERNANCE");
  EXPECT_TRUE(first->gaps[0].provisional);
  ASSERT_FALSE(first->next_page_token.empty());
  query.page_token = first->next_page_token;
  absl::StatusOr<GapsPage> second = FindGaps(store_, standings_, Admin(), query);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(second->people, ElementsAre(4));
  EXPECT_TRUE(second->next_page_token.empty());
}

TEST_F(ReadinessTest, AFurtherGroupsGapsFollowThePersonsOwnAndSaySo) {
  ReadinessRow further = Row(kTmdIt, kAcademic, "GOVERNANCE", kBelow);
  further.further_group = true;
  store_.SetRows(1, {further, Row(kTmdIt, kTechnology, "LITERACY", kMeets),
                     Row(kTmdIt, kTechnology, "GOVERNANCE", kBelow)});
  GapsQuery query;
  query.agency_code = "TMD-IT";
  absl::StatusOr<GapsPage> page = FindGaps(store_, standings_, Admin(), query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->gaps.size(), 3u);
  EXPECT_EQ(page->gaps[0].personnel_group, kTechnology);
  EXPECT_FALSE(page->gaps[0].further_group);
  EXPECT_EQ(page->gaps[1].personnel_group, kAcademic);
  EXPECT_TRUE(page->gaps[1].further_group);
  EXPECT_EQ(page->gaps[2].person_id, 2);
  v1::Gap answer;
  ToProto(page->gaps[1], &answer);
  EXPECT_TRUE(answer.further_group());
  EXPECT_EQ(answer.personnel_group(), common::v1::PERSONNEL_GROUP_ACADEMIC);

  const ReadinessFigures figures = Figures(SubtreeOf("TMD-IT"));
  EXPECT_EQ(figures.total.headcount, 4) << "person 1 in two groups, person 2 in one";
  EXPECT_THAT(figures.groups, ElementsAre(Pair(kAcademic, ::testing::Field(&Counts::headcount, 2)),
                                          Pair(kTechnology, ::testing::Field(&Counts::headcount, 2))));
}

TEST_F(ReadinessTest, TheLearningMixSumsTheCurrentPlansOfTheSubtree) {
  using learning::Horizon;
  using learning::Mode;
  const std::string it_path = agencies_[kTmdIt - 1].path;
  // Person 1 meets LITERACY (GOVERNANCE below); the plan develops GOVERNANCE and keeps 70:20:10.
  plans_.AddPlan(it_path, 2570,
                 {11, 1, learning::v1::PLAN_STATUS_APPROVED,
                  {{Mode::kExperiential, Horizon::kPresent, 49, 40, {"GOVERNANCE"}},
                   {Mode::kExperiential, Horizon::kFuture, 21, 0, {}},
                   {Mode::kSocial, Horizon::kPresent, 20, 10, {}},
                   {Mode::kFormal, Horizon::kPresent, 10, 10, {}}}});
  // Person 2 meets nothing in their own group (what meets is of a further group, which their
  // plan is not checked against) and plans formal training only, on nothing foundational.
  ReadinessRow further_literacy = Row(kTmdIt, kService, "LITERACY", kMeets);
  ReadinessRow further_governance = Row(kTmdIt, kService, "GOVERNANCE", kMeets);
  further_literacy.further_group = further_governance.further_group = true;
  store_.SetRows(2, {Row(kTmdIt, kAcademic, "LITERACY", kBelow), further_literacy,
                     further_governance});
  plans_.AddPlan(it_path, 2570,
                 {12, 2, learning::v1::PLAN_STATUS_DRAFT,
                  {{Mode::kFormal, Horizon::kPresent, 10, 0, {"TECHNOLOGY"}}}});
  plans_.AddPlan(it_path, 2569, {13, 1, learning::v1::PLAN_STATUS_COMPLETED, {}});
  plans_.AddPlan(agencies_[kNso - 1].path, 2570, {14, 5, learning::v1::PLAN_STATUS_DRAFT, {}});
  plans_.AddActivities(it_path, 2570, {3, 2});
  plans_.AddActivities(it_path, 2569, {5, 5});
  plans_.AddActivities(agencies_[kNso - 1].path, 2570, {7, 0});

  absl::StatusOr<LearningMixFigures> mix = LearningMixOf(
      store_, plans_, standings_, Admin(), "TMD", std::nullopt, absl::CivilDay(2026, 11, 21));
  ASSERT_TRUE(mix.ok()) << mix.status();
  EXPECT_EQ(mix->fiscal_year, 2570) << "the current fiscal year by default";
  EXPECT_EQ(mix->plans, 2);
  EXPECT_THAT(mix->by_status, ElementsAre(Pair(learning::v1::PLAN_STATUS_DRAFT, 1),
                                          Pair(learning::v1::PLAN_STATUS_APPROVED, 1)));
  EXPECT_EQ(mix->plans_meeting_mix, 1);
  EXPECT_EQ(mix->plans_covering_foundation, 1);
  EXPECT_DOUBLE_EQ(mix->achieved.experiential_hours, 40);
  EXPECT_DOUBLE_EQ(mix->achieved.social_hours, 10);
  EXPECT_DOUBLE_EQ(mix->achieved.formal_hours, 10);

  const v1::LearningMix answer = ToProto(*mix);
  ASSERT_EQ(answer.by_status_size(), 2);
  EXPECT_EQ(answer.by_status(0).status(), "PLAN_STATUS_DRAFT");
  EXPECT_EQ(answer.fiscal_year().be_year(), 2570);
  EXPECT_EQ(answer.activities_completed(), 3) << "the subtree's, of the year";
  EXPECT_EQ(answer.activities_applied(), 2);
  EXPECT_NEAR(answer.applied_percent(), 66.67, 0.01);

  EXPECT_EQ(LearningMixOf(store_, plans_, standings_, CioOf(kNso, "NSO"), "TMD", 2570,
                          absl::CivilDay(2026, 11, 21))
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace thaksa::readiness
