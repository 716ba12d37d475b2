// Unit tests of what one standing adds to readiness figures.
#include "gtest/gtest.h"
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

}  // namespace
}  // namespace thaksa::readiness
