// The benchmark's synthetic dataset, latency percentiles and target judgement.
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "absl/time/civil_time.h"
#include "common/citizen_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

TEST(DatasetTest, ActivePeopleHaveAssessmentsAndCompletionsThatDoNotOverlap) {
  const Dataset d = National();
  std::set<std::string> record_ids;
  int64_t completions = 0, assessments = 0;
  for (int64_t i = 0; i < 10000; ++i) {
    const auto a = d.Assessments(i, 100 + i, kSkillSets);
    const auto c = d.Completions(i, 100 + i);
    if (!d.IsActive(i)) {
      EXPECT_TRUE(a.empty() && c.empty());
      continue;
    }
    EXPECT_GE(a.size(), 1u);
    EXPECT_LE(a.size(), 3u);
    std::set<std::string> sets;
    for (const auto& x : a) EXPECT_TRUE(sets.insert(x.skill_set_code()).second);
    assessments += static_cast<int64_t>(a.size());
    for (size_t k = 0; k < c.size(); ++k) {
      EXPECT_TRUE(record_ids.insert(c[k].record_id()).second);
      EXPECT_LT(c[k].started_at_unix(), c[k].finished_at_unix());
      if (k > 0) {
        EXPECT_GT(c[k].started_at_unix(), c[k - 1].finished_at_unix());
      }
    }
    completions += static_cast<int64_t>(c.size());
  }
  EXPECT_NEAR(static_cast<double>(assessments) / 1000, 2.0, 0.15);  // 1 in 10 active
  EXPECT_NEAR(static_cast<double>(completions) / 1000, 3.0, 0.15);
}

TEST(DatasetTest, PlanItemsKeepSeventyTwentyTen) {
  const auto items = National().PlanItems(0, kSkillSets);
  std::map<learning::v1::LearningMode, double> hours;
  for (const auto& item : items) hours[item.mode()] += item.planned_hours();
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_EXPERIENTIAL], 70);
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_SOCIAL], 20);
  EXPECT_EQ(hours[learning::v1::LEARNING_MODE_FORMAL], 10);
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

TEST(ReportTest, JudgesEachTargetFromTheFiguresOfTheRun) {
  auto figure = [](const std::string& name, int64_t count) {
    Figure f;
    f.name = name;
    f.count = count;
    f.elapsed = absl::Seconds(1);
    return f;
  };
  BenchRun run;
  run.loads.push_back(figure(kPeopleSync, 30000));
  Figure person = figure(kGetPerson, 2000);
  for (int i = 0; i < 100; ++i) person.latency.Add(absl::Milliseconds(2));
  run.calls = {figure(kHealthCeiling, 10000), person};
  std::ostringstream out;
  PrintReport(run, out);
  const std::string text = out.str();
  EXPECT_THAT(text, ContainsRegex("people bulk sync >= 20,000 rows/s +30000.00 /s  MET"));
  EXPECT_THAT(text, ContainsRegex("GetPerson >= 0.3 x gRPC ceiling \\(calls/s\\) +0.20 x  MISSED"));
  EXPECT_THAT(text, ContainsRegex("national GetReadiness p99 <= 50 ms +-  not measured"));
  EXPECT_THAT(ReportJson(run), HasSubstr("\"goal\": \"GetPerson p99 <= 10 ms\", \"value\": 2.000, \"unit\": \"ms\", \"met\": true"));
}

}  // namespace
}  // namespace thaksa::loadgen
