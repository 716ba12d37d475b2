// Unit tests of what one standing adds to readiness figures, and of the cells a row moves.
#include "gtest/gtest.h"
#include "services/readiness/domain/cell_deltas.h"
#include "services/readiness/domain/readiness_counts.h"

namespace thaksa::readiness {
namespace {

TEST(ContributionTest, CountsOnePersonOnce) {
  const Counts meets = ContributionOf({3, 2, 3, 0, Status::kMeets});
  EXPECT_EQ(meets.headcount, 1);
  EXPECT_EQ(meets.assessed, 1);
  EXPECT_EQ(meets.meets_present, 1);
  EXPECT_EQ(meets.meets_future, 1);
  const Counts below = ContributionOf({1, 2, 3, 1, Status::kBelow});
  EXPECT_EQ(below.meets_present, 0);
  EXPECT_EQ(below.meets_future, 0);
  EXPECT_EQ(below.gap_sum, 1);
  const Counts none = ContributionOf({-1, 2, 3, 2, Status::kNotAssessed});
  EXPECT_EQ(none.assessed, 0);
  EXPECT_EQ(none.gap_sum, 2);
  EXPECT_EQ(ContributionOf({-1, 2, 3, 2, Status::kExpired}).expired, 1);
  EXPECT_EQ(ContributionOf({2, -1, -1, 0, Status::kMeets}).meets_future, 1)
      << "nothing required in the future: assessed is enough";
}

TEST(CountsTest, SharesAndAverages) {
  Counts total;
  total += ContributionOf({2, 2, 3, 0, Status::kMeets});
  total += ContributionOf({1, 2, 3, 1, Status::kBelow});
  total += ContributionOf({-1, 2, 3, 2, Status::kNotAssessed});
  total += ContributionOf({3, 2, 3, 0, Status::kMeets});
  EXPECT_EQ(total.headcount, 4);
  EXPECT_DOUBLE_EQ(total.ShareReady(), 0.5);
  EXPECT_DOUBLE_EQ(total.AverageGap(), 0.75);
  EXPECT_DOUBLE_EQ(Counts().ShareReady(), 0);
}

TEST(CountsTest, ASumIsProvisionalIfAnyPartIs) {
  Counts official = ContributionOf({2, 2, 3, 0, Status::kMeets});
  Counts provisional = ContributionOf({1, 2, 3, 1, Status::kBelow});
  provisional.provisional = true;
  Counts total = official;
  EXPECT_FALSE(total.provisional);
  total += provisional;
  EXPECT_TRUE(total.provisional);
  total += official;
  EXPECT_TRUE(total.provisional) << "stays so";
}

TEST(CountsTest, PeopleWithoutADeclaredTargetAreCountedApart) {
  const Counts undeclared = ContributionOf({3, -1, -1, 0, Status::kTargetNotDeclared});
  EXPECT_EQ(undeclared.headcount, 1);
  EXPECT_EQ(undeclared.assessed, 1);
  EXPECT_EQ(undeclared.target_not_declared, 1);
  EXPECT_EQ(undeclared.meets_present, 0) << "never meets a target nobody set";
  EXPECT_EQ(undeclared.meets_future, 0);

  Counts total = undeclared;
  total += ContributionOf({-1, -1, -1, 0, Status::kTargetNotDeclared});
  total += ContributionOf({2, 2, 3, 0, Status::kMeets});
  total += ContributionOf({1, 2, 3, 1, Status::kBelow});
  EXPECT_EQ(total.headcount, 4);
  EXPECT_EQ(total.target_not_declared, 2);
  EXPECT_DOUBLE_EQ(total.ShareReady(), 0.5) << "over the two people with a target";
  EXPECT_DOUBLE_EQ(total.AverageGap(), 0.5);
}

// A row of a person in agency 42 (under 7, under ministry 1) meeting the LITERACY target.
ReadinessRow RowAt(const std::string& path, int64_t agency_id, Status status) {
  ReadinessRow row;
  row.skill_set_code = "LITERACY";
  row.framework_code = "CS";
  row.agency_id = agency_id;
  row.agency_path = path;
  row.personnel_group = 2;
  row.standing = {2, 2, 3, 0, status};
  return row;
}

TEST(CellDeltasTest, ARowCountsInItsAgencyAndUnderEveryAncestorByDirectChild) {
  CellDeltas deltas;
  deltas.Add(RowAt("/1/7/42/", 42, Status::kMeets), +1);
  const auto tree = deltas.Cells();
  std::vector<std::pair<int64_t, int64_t>> ancestors_and_children;
  for (const auto& [key, counts] : tree) {
    ancestors_and_children.emplace_back(std::get<0>(key), std::get<1>(key));
    EXPECT_EQ(counts.headcount, 1);
    EXPECT_EQ(counts.meets_present, 1);
  }
  EXPECT_EQ(ancestors_and_children,
            (std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {1, 7}, {7, 42}, {42, 0}}))
      << "the country by ministry, each ancestor by child, the agency itself as child 0";
}

TEST(CellDeltasTest, AMovedRowLeavesItsOldAncestorsAndWhatIsUnchangedNetsOut) {
  CellDeltas deltas;
  deltas.Replace({RowAt("/1/7/42/", 42, Status::kMeets)}, {RowAt("/1/9/42/", 42, Status::kMeets)});
  std::map<std::pair<int64_t, int64_t>, int64_t> headcounts;
  for (const auto& [key, counts] : deltas.Cells()) {
    headcounts[{std::get<0>(key), std::get<1>(key)}] = counts.headcount;
  }
  EXPECT_EQ(headcounts, (std::map<std::pair<int64_t, int64_t>, int64_t>{
                            {{1, 7}, -1}, {{7, 42}, -1}, {{1, 9}, 1}, {{9, 42}, 1}}))
      << "the same under the country, the ministry and the agency itself";

  CellDeltas standing;
  standing.Replace({RowAt("/1/7/42/", 42, Status::kBelow)}, {RowAt("/1/7/42/", 42, Status::kMeets)});
  const auto cells = standing.Cells();
  ASSERT_EQ(cells.size(), 4u);
  for (const auto& [key, counts] : cells) {
    EXPECT_EQ(counts.headcount, 0);
    EXPECT_EQ(counts.meets_present, 1);
  }
}

}  // namespace
}  // namespace thaksa::readiness
