// The benchmark's synthetic dataset, latency percentiles and target judgement.
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "absl/time/civil_time.h"
#include "common/citizen_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/loadgen/catch_up.h"
#include "tools/loadgen/dataset.h"
#include "tools/loadgen/latency.h"
#include "tools/loadgen/report.h"

namespace thaksa::loadgen {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

const std::vector<std::string> kSkillSets = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};

Dataset National(uint64_t seed = 1) { return Dataset(*ScaleNamed("national"), seed); }

TEST(DatasetTest, NationalTreeHasTheMinistriesDepartmentsDivisionsAndProvinces) {
  const Dataset d = National();
  std::map<personnel::v1::AgencyKind, int> kinds;
  std::set<std::string> seen;
  for (const personnel::v1::Agency& a : d.agencies()) {
    ++kinds[a.kind()];
    if (!a.parent_code().empty()) {
      EXPECT_TRUE(seen.count(a.parent_code())) << a.code();
    }
    EXPECT_TRUE(seen.insert(a.code()).second) << a.code();
    EXPECT_FALSE(a.name().th().empty());
  }
  EXPECT_EQ(kinds[personnel::v1::AGENCY_KIND_MINISTRY], 20);
  EXPECT_EQ(kinds[personnel::v1::AGENCY_KIND_DEPARTMENT], 150);
  EXPECT_EQ(kinds[personnel::v1::AGENCY_KIND_PROVINCIAL_OFFICE], 77);
  EXPECT_EQ(kinds[personnel::v1::AGENCY_KIND_DIVISION], 149 * 20);
  EXPECT_EQ(d.unit_codes().size(), 77u + 149 * 20);
}

TEST(DatasetTest, PeopleAreTheSameForTheSameSeedAndHaveValidUniqueCitizenIds) {
  const Dataset a = National(7), b = National(7), other = National(8);
  std::set<std::string> ids;
  for (int64_t i = 0; i < 20000; ++i) {
    const personnel::v1::PersonRecord p = a.Person(i);
    EXPECT_EQ(p.SerializeAsString(), b.Person(i).SerializeAsString());
    EXPECT_TRUE(ValidateCitizenId(p.citizen_id()).ok()) << p.citizen_id();
    EXPECT_TRUE(ids.insert(p.citizen_id()).second);
    EXPECT_NE(p.citizen_id(), other.Person(i).citizen_id());
    EXPECT_EQ(p.agency_code().rfind(p.agency_of_record_code(), 0), 0u);  // a unit of the department
  }
}

TEST(DatasetTest, GradesFollowThePublishedDistributionAndGroupsTheirMix) {
  const Dataset d = National();
  std::map<std::string, int64_t> grades;
  std::map<int, int64_t> groups;
  int64_t ordinary = 0;
  constexpr int64_t kPeople = 200000;
  for (int64_t i = 0; i < kPeople; ++i) {
    const personnel::v1::PersonRecord p = d.Person(i);
    ++groups[p.personnel_group()];
    if (p.personnel_group() == common::v1::PERSONNEL_GROUP_EXECUTIVE ||
        p.personnel_group() == common::v1::PERSONNEL_GROUP_MANAGEMENT) {
      continue;
    }
    ++grades[p.grade()];
    ++ordinary;
  }
  const std::vector<int64_t>& published = GradeHeadcounts();
  const double total = static_cast<double>(std::accumulate(published.begin(), published.end(), 0LL));
  for (size_t g = 0; g < published.size(); ++g) {
    const double expected = static_cast<double>(published[g]) / total;
    const double share = static_cast<double>(grades["ระดับ " + std::to_string(g + 1)]) / ordinary;
    EXPECT_NEAR(share, expected, 0.005) << "grade " << g + 1;
  }
  EXPECT_NEAR(static_cast<double>(groups[common::v1::PERSONNEL_GROUP_SERVICE]) / kPeople, 0.35, 0.01);
  EXPECT_NEAR(static_cast<double>(groups[common::v1::PERSONNEL_GROUP_EXECUTIVE]) / kPeople, 0.005, 0.002);
}

TEST(DatasetTest, EveryoneHasAssessmentsAndCompletionsThatDoNotOverlap) {
  const Dataset d = National();
  std::set<std::string> record_ids;
  int64_t completions = 0, assessments = 0;
  for (int64_t i = 0; i < 10000; ++i) {
    const auto a = d.Assessments(i, 100 + i, kSkillSets);
    const auto c = d.Completions(i, 100 + i);
    EXPECT_GE(a.size(), 1u);
    EXPECT_LE(a.size(), 3u);
    std::set<std::string> sets;
    for (const auto& x : a) EXPECT_TRUE(sets.insert(x.skill_set_code()).second);
    assessments += static_cast<int64_t>(a.size());
    EXPECT_GE(c.size(), 2u);
    for (size_t k = 0; k < c.size(); ++k) {
      EXPECT_TRUE(record_ids.insert(c[k].record_id()).second);
      EXPECT_LT(c[k].started_at_unix(), c[k].finished_at_unix());
      if (k > 0) {
        EXPECT_GT(c[k].started_at_unix(), c[k - 1].finished_at_unix());
      }
    }
    completions += static_cast<int64_t>(c.size());
  }
  EXPECT_NEAR(static_cast<double>(assessments) / 10000, 2.0, 0.05);
  EXPECT_NEAR(static_cast<double>(completions) / 10000, 3.0, 0.05);
}

TEST(DatasetTest, PlansHaveFourItemsKeepingSeventyTwentyTenAndSeventyThirty) {
  const auto items = National().PlanItems(0, kSkillSets);
  ASSERT_EQ(items.size(), static_cast<size_t>(kPlanItems));
  std::map<learning::v1::LearningMode, double> hours;
  std::map<learning::v1::Horizon, double> horizons;
  for (const auto& item : items) {
    hours[item.mode()] += item.planned_hours();
    horizons[item.horizon()] += item.planned_hours();
  }
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_EXPERIENTIAL], 70);
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_SOCIAL], 20);
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_FORMAL], 10);
  EXPECT_EQ(horizons[learning::v1::HORIZON_PRESENT], 70);
  EXPECT_EQ(horizons[learning::v1::HORIZON_FUTURE], 30);
  EXPECT_EQ(items.back().institute_code(), kInstituteCode);
}

TEST(LatenciesTest, PercentilesAreNearestRank) {
  Latencies l;
  for (int ms = 100; ms >= 1; --ms) l.Add(absl::Milliseconds(ms));
  EXPECT_EQ(l.Percentile(0.5), absl::Milliseconds(50));
  EXPECT_EQ(l.Percentile(0.9), absl::Milliseconds(90));
  EXPECT_EQ(l.Percentile(0.99), absl::Milliseconds(99));
  Latencies more;
  more.Add(absl::Seconds(1));
  l.Merge(more);
  EXPECT_EQ(l.Percentile(1.0), absl::Seconds(1));
  EXPECT_EQ(Latencies().Percentile(0.5), absl::ZeroDuration());
}

Figure PerSecond(const std::string& name, int64_t count, const std::string& baseline = "") {
  Figure f;
  f.name = name;
  f.count = count;
  f.elapsed = absl::Seconds(1);
  f.baseline = baseline;
  return f;
}

std::string Printed(BenchRun& run) {
  std::ostringstream out;
  PrintReport(run, out);
  return out.str();
}

TEST(ReportTest, JudgesEachTargetFromTheFiguresOfTheRun) {
  BenchRun run;
  run.loads.push_back(PerSecond(kPeopleSync, 30000));
  Figure person = PerSecond(kGetPerson, 2000);
  for (int i = 0; i < 100; ++i) person.latency.Add(absl::Milliseconds(2));
  run.calls = {PerSecond(kHealthCeiling, 10000), person};
  const std::string text = Printed(run);
  EXPECT_THAT(text, ContainsRegex("people bulk sync >= 20,000 rows/s +30000.00 /s  MET"));
  EXPECT_THAT(text, ContainsRegex("GetPerson >= 0.3 x gRPC ceiling \\(calls/s\\) +0.20 x  MISSED"));
  EXPECT_THAT(text, ContainsRegex("national GetReadiness p99 <= 50 ms +-  not measured"));
  EXPECT_THAT(ReportJson(run), HasSubstr("\"goal\": \"GetPerson p99 <= 10 ms\", \"value\": 2.000, \"unit\": \"ms\", \"met\": true"));
}

TEST(ReportTest, EachBulkPathIsJudgedAgainstItsOwnBaseline) {
  BenchRun run;
  run.loads = {PerSecond(kAssessmentsBulk, 12000, BaselineOf(kAssessmentsBulk)),
               PerSecond(kPlanLoad, 3000, BaselineOf(kPlanLoad))};
  run.calls = {PerSecond(kCompletionIngestion, 21000, BaselineOf(kCompletionIngestion))};
  run.baselines = {PerSecond(BaselineOf(kAssessmentsBulk), 20000),
                   PerSecond(BaselineOf(kPlanLoad), 10000)};
  const std::string text = Printed(run);
  EXPECT_THAT(text, ContainsRegex("assessments bulk +12000 +1.00 +12000 +0.60x"));
  EXPECT_THAT(text, ContainsRegex("assessments bulk >= 20,000 records/s +12000.00 /s  MISSED"));
  EXPECT_THAT(text, ContainsRegex("assessments bulk >= 0.5 x its baseline +0.60 x  MET"));
  EXPECT_THAT(text, ContainsRegex("plans >= 5,000 plans/s \\(of 4 items\\) +3000.00 /s  MISSED"));
  EXPECT_THAT(text, ContainsRegex("plans >= 0.5 x its baseline +0.30 x  MISSED"));
  EXPECT_THAT(text, ContainsRegex("completion ingestion >= 20,000 records/s +21000.00 /s  MET"));
  // Its baseline was not measured in this run.
  EXPECT_THAT(text, ContainsRegex("completion ingestion >= 0.5 x its baseline +-  not measured"));
  EXPECT_THAT(ReportJson(run), HasSubstr("\"baseline\": \"baseline: plans\", \"baseline_ratio\": 0.300"));
}

TEST(ReportTest, ConsumptionIsJudgedOnlyWhenThereWasABacklog) {
  BenchRun run;
  Figure never;
  never.name = kBacklogConsumption;
  run.loads = {never};
  EXPECT_THAT(Printed(run), ContainsRegex("20,000 changes/s with a backlog +-  not measured"));
  run.loads = {PerSecond(kBacklogConsumption, 0)};  // a backlog the refresher did not touch
  EXPECT_THAT(Printed(run), ContainsRegex("20,000 changes/s with a backlog +0.00 /s  MISSED"));
  run.loads = {PerSecond(kBacklogConsumption, 25000)};
  EXPECT_THAT(Printed(run), ContainsRegex("20,000 changes/s with a backlog +25000.00 /s  MET"));
}

// A sample of the server's work: `pending` changes, the refresher at `progress`.
ServerWork Work(int64_t pending, int64_t progress) { return {pending, 0, progress}; }

TEST(BacklogRateTest, CountsOnlyTheIntervalsThatBeganAndEndedWithABacklog) {
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  BacklogRate rate;
  rate.Add(t0, Work(100, 0));                           // began without a backlog: not counted
  rate.Add(t0 + absl::Seconds(1), Work(40000, 100));
  rate.Add(t0 + absl::Seconds(2), Work(32000, 10100));  // +10000 in 1 s
  rate.Add(t0 + absl::Seconds(4), Work(12000, 30100));  // +20000 in 2 s
  rate.Add(t0 + absl::Seconds(5), Work(3000, 35100));   // ended without a backlog: not counted
  rate.Add(t0 + absl::Seconds(6), Work(0, 38100));
  const Figure figure = rate.figure();
  EXPECT_EQ(figure.name, kBacklogConsumption);
  EXPECT_EQ(figure.count, 30000);
  EXPECT_EQ(figure.elapsed, absl::Seconds(3));
  EXPECT_THAT(figure.note, HasSubstr("the largest backlog was 40000"));
}

TEST(BacklogRateTest, AFailedSampleEndsTheIntervalBeforeIt) {
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  BacklogRate rate;
  rate.Add(t0, Work(20000, 0));
  rate.Add(t0 + absl::Seconds(1), std::nullopt);
  rate.Add(t0 + absl::Seconds(2), Work(20000, 50000));  // not counted: nothing to compare with
  rate.Add(t0 + absl::Seconds(3), Work(10000, 60000));
  rate.Add(t0 + absl::Seconds(4), Work(20000, 10));     // progress went back: a restart
  rate.Add(t0 + absl::Seconds(5), Work(20000, 5010));   // not counted: nothing to compare with
  rate.Add(t0 + absl::Seconds(6), Work(20000, 10010));
  const Figure figure = rate.figure();
  EXPECT_EQ(figure.count, 15000);
  EXPECT_EQ(figure.elapsed, absl::Seconds(2));
  EXPECT_THAT(figure.note, HasSubstr("2 samples failed"));
}

TEST(ReportTest, SaysWhatTheRecountFound) {
  BenchRun run;
  run.recount.skipped = "the readiness catch-up did not finish";
  const std::string skipped = Printed(run);
  EXPECT_THAT(skipped, HasSubstr("recount: not run (the readiness catch-up did not finish)"));
  EXPECT_THAT(skipped, ContainsRegex("recount of sampled agencies equals readiness +-  not measured"));

  run.recount = {22, 5000, {}, ""};
  const std::string equal = Printed(run);
  EXPECT_THAT(equal, HasSubstr("recount: 22 agencies (5000 people), all equal"));
  EXPECT_THAT(equal, ContainsRegex("recount of sampled agencies equals readiness +0.00 differences  MET"));

  run.recount.differences = {"M01 ACADEMIC LITERACY CS-2018: headcount 3 recounted, 2 in readiness"};
  const std::string differ = Printed(run);
  EXPECT_THAT(differ, HasSubstr("1 differences from readiness:\n  M01 ACADEMIC LITERACY"));
  EXPECT_THAT(differ, ContainsRegex("equals readiness +1.00 differences  MISSED"));
  EXPECT_THAT(ReportJson(run), HasSubstr("\"recount\": {\"agencies\": 22, \"people\": 5000, \"skipped\": \"\", \"differences\": [\"M01 ACADEMIC"));
}

}  // namespace
}  // namespace thaksa::loadgen
