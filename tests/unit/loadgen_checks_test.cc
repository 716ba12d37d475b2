// The benchmark's honesty checks: the catch-up figure counts what was consumed and says whether
// it finished; the recount's sample, sums and comparison with readiness.
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/loadgen/catch_up.h"
#include "tools/loadgen/recount.h"

namespace thaksa::loadgen {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace rpb = ::thaksa::readiness::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

ServerWork Work(int64_t pending, int64_t outbox, std::optional<int64_t> progress) {
  ServerWork work;
  work.pending_changes = pending;
  work.outbox = outbox;
  work.refresher_progress = progress;
  return work;
}

TEST(CatchUpTest, CountsTheChangesConsumedNotTheChangesThatWerePending) {
  // 10,000 pending, 1,000 consumed in 10 s, then the wait gave up.
  const CatchUp gave_up = CatchUpOf(Work(10000, 5, 500), Work(9000, 0, 1500), absl::Seconds(10));
  EXPECT_FALSE(gave_up.finished);
  EXPECT_EQ(gave_up.figure.name, kCatchUp);
  EXPECT_EQ(gave_up.figure.count, 1000);
  EXPECT_DOUBLE_EQ(gave_up.figure.PerSecond(), 100);
  EXPECT_THAT(gave_up.figure.note, HasSubstr("NOT finished"));
  EXPECT_THAT(gave_up.figure.note,
              HasSubstr("10000 changes and 5 assessed levels at the start, 9000 changes and 0 "
                        "assessed levels at the end"));

  // Levels the relay delivered meanwhile added changes: more were consumed than were pending.
  const CatchUp finished = CatchUpOf(Work(100, 20, 0), Work(0, 0, 140), absl::Seconds(2));
  EXPECT_TRUE(finished.finished);
  EXPECT_EQ(finished.figure.count, 140);
  EXPECT_THAT(finished.figure.note, HasSubstr("finished"));
}

TEST(CatchUpTest, WithoutTheRefresherItCountsTheFallInPendingChanges) {
  const CatchUp caught = CatchUpOf(Work(100, 0, std::nullopt), Work(40, 0, std::nullopt),
                                   absl::Seconds(1));
  EXPECT_EQ(caught.figure.count, 60);
  EXPECT_THAT(caught.figure.note, HasSubstr("fall in pending changes"));
}

TEST(CatchUpTest, NothingPendingIsNothingToMeasure) {
  const CatchUp idle = CatchUpOf(Work(0, 0, 7), Work(0, 0, 7), absl::Milliseconds(3));
  EXPECT_TRUE(idle.finished);
  EXPECT_EQ(idle.figure.count, 0);
  EXPECT_THAT(idle.figure.note, HasSubstr("nothing was pending"));
}

TEST(RecountTest, SamplesTheSameDistinctAgenciesForTheSameSeed) {
  const Dataset dataset(*ScaleNamed("small"), 1);
  const std::vector<std::string> sample = SampleAgencies(dataset, 5, 20, 2);
  EXPECT_EQ(sample, SampleAgencies(dataset, 5, 20, 2));
  EXPECT_NE(sample, SampleAgencies(dataset, 6, 20, 2));
  ASSERT_EQ(sample.size(), 22u);
  EXPECT_EQ(std::set<std::string>(sample.begin(), sample.end()).size(), 22u);
  const auto& ministries = dataset.ministry_codes();
  for (size_t i = 0; i < sample.size(); ++i) {
    const bool ministry =
        std::find(ministries.begin(), ministries.end(), sample[i]) != ministries.end();
    EXPECT_EQ(ministry, i >= 20) << sample[i];
  }
}

apb::SkillProfile Profile(common::v1::PersonnelGroup group, int level, int target,
                          apb::StandingStatus status) {
  apb::SkillProfile profile;
  profile.set_framework_code("CS-2018");
  profile.set_personnel_group(group);
  apb::SkillStanding* s = profile.add_standings();
  s->mutable_skill_set()->set_code("LITERACY");
  s->set_level(level);
  s->set_present_target(target);
  s->set_future_target(target + 1);
  s->set_gap(level >= 0 && level < target ? target - level : (level < 0 ? target : 0));
  s->set_status(status);
  return profile;
}

rpb::Readiness ReadinessOf(int64_t headcount, int64_t assessed, int64_t meets_present,
                           double average_gap) {
  rpb::Readiness readiness;
  rpb::Cell* cell = readiness.add_cells();
  cell->set_personnel_group(common::v1::PERSONNEL_GROUP_ACADEMIC);
  cell->set_skill_set_code("LITERACY");
  cell->set_framework_code("CS-2018");
  cell->mutable_counts()->set_headcount(headcount);
  cell->mutable_counts()->set_assessed(assessed);
  cell->mutable_counts()->set_meets_present(meets_present);
  cell->mutable_counts()->set_meets_future(0);
  cell->mutable_counts()->set_average_gap(average_gap);
  return readiness;
}

TEST(RecountTest, SumsProfilesByReadinessRuleAndFindsEveryDifference) {
  Tally tally;
  // One meets its target of 2, one is below it by 1, one is not assessed (gap 2).
  AddProfile(Profile(common::v1::PERSONNEL_GROUP_ACADEMIC, 2, 2, apb::STANDING_STATUS_MEETS), tally);
  AddProfile(Profile(common::v1::PERSONNEL_GROUP_ACADEMIC, 1, 2, apb::STANDING_STATUS_BELOW), tally);
  AddProfile(Profile(common::v1::PERSONNEL_GROUP_ACADEMIC, -1, 2, apb::STANDING_STATUS_NOT_ASSESSED),
             tally);
  const readiness::Counts& cell =
      tally.at(CellKey{common::v1::PERSONNEL_GROUP_ACADEMIC, "LITERACY", "CS-2018"});
  EXPECT_EQ(cell.headcount, 3);
  EXPECT_EQ(cell.assessed, 2);
  EXPECT_EQ(cell.meets_present, 1);
  EXPECT_EQ(cell.gap_sum, 3);

  EXPECT_THAT(Differences("M01-D01-V01", tally, ReadinessOf(3, 2, 1, 1.0)), IsEmpty());
  EXPECT_THAT(Differences("M01-D01-V01", tally, ReadinessOf(3, 2, 2, 4.0 / 3)),
              ElementsAre("M01-D01-V01 ACADEMIC LITERACY CS-2018: meets_present 1 recounted, 2 "
                          "in readiness",
                          "M01-D01-V01 ACADEMIC LITERACY CS-2018: gap sum 3 recounted, 4 in "
                          "readiness"));
}

TEST(RecountTest, APersonCountsInEachFurtherGroupOfTheirProfile) {
  Tally tally;
  apb::SkillProfile profile =
      Profile(common::v1::PERSONNEL_GROUP_ACADEMIC, 2, 2, apb::STANDING_STATUS_MEETS);
  *profile.add_further_groups() =
      Profile(common::v1::PERSONNEL_GROUP_SERVICE, 2, 3, apb::STANDING_STATUS_BELOW);
  AddProfile(profile, tally);
  EXPECT_EQ(tally.at(CellKey{common::v1::PERSONNEL_GROUP_ACADEMIC, "LITERACY", "CS-2018"})
                .meets_present,
            1);
  const readiness::Counts& service =
      tally.at(CellKey{common::v1::PERSONNEL_GROUP_SERVICE, "LITERACY", "CS-2018"});
  EXPECT_EQ(service.headcount, 1);
  EXPECT_EQ(service.meets_present, 0);
}

TEST(RecountTest, ACellOnOneSideOnlyCountsAsZeroOnTheOther) {
  Tally tally;
  AddProfile(Profile(common::v1::PERSONNEL_GROUP_SERVICE, 3, 2, apb::STANDING_STATUS_MEETS), tally);
  EXPECT_THAT(Differences("M02", tally, rpb::Readiness()),
              ElementsAre(HasSubstr("M02 SERVICE LITERACY CS-2018: headcount 1 recounted, 0"),
                          HasSubstr("assessed 1 recounted, 0"),
                          HasSubstr("meets_present 1 recounted, 0"),
                          HasSubstr("meets_future 1 recounted, 0")));
  // An emptied cell readiness still keeps is no difference.
  EXPECT_THAT(Differences("M02", Tally(), ReadinessOf(0, 0, 0, 0)), IsEmpty());
}

}  // namespace
}  // namespace thaksa::loadgen
