// Unit tests of the readiness refresher's tick over the in-memory fakes, driven by the fake
// clock: changes included once, the day sweep (expiries), the month kept, failures reported.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/readiness/profile_rows.h"
#include "services/readiness/readiness_figures.h"
#include "services/readiness/readiness_refresher.h"
#include "tests/support/readiness_fixture.h"

namespace thaksa::readiness {
namespace {

class RefresherTest : public testing::ReadinessFixture {
 protected:
  RefresherTest() : refresher_(store_, standings_, clock_) {}

  int Tick() {
    absl::StatusOr<int> consumed = refresher_.RefreshOnce();
    EXPECT_TRUE(consumed.ok()) << consumed.status();
    return consumed.value_or(-1);
  }
  ops::v1::BackgroundTask Report() const {
    ops::v1::BackgroundTask task;
    refresher_.Report(task);
    return task;
  }
  Status StandingOf(int64_t person, const std::string& skill_set) {
    auto rows = store_.RowsOf({person});
    if (!rows.ok() || rows->count(person) == 0) return Status::kUnspecified;
    for (const ReadinessRow& row : rows->at(person)) {
      if (row.skill_set_code == skill_set) return row.standing.status;
    }
    return Status::kUnspecified;
  }
  void NextDay() { clock_.Set(clock_.Now() + absl::Hours(24)); }

  ReadinessRefresher refresher_;
};

TEST_F(RefresherTest, ATickIncludesTheChangesOnceAndReportsProgress) {
  PersonAtTmdIt(7);
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 11, 1));
  store_.AppendChange("standing", "7", clock_.Now());
  store_.AppendChange("person", "7", clock_.Now());

  // The first sweep adds a third: the assignment started since the last sweep (never).
  EXPECT_EQ(Tick(), 3);
  EXPECT_EQ(store_.cursor(), 3);
  EXPECT_EQ(StandingOf(7, "LITERACY"), Status::kMeets);
  EXPECT_EQ(StandingOf(7, "GOVERNANCE"), Status::kNotAssessed);
  EXPECT_EQ(Tick(), 0) << "nothing new";
  const ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.name(), "readiness_refresher");
  EXPECT_EQ(task.progress(), 3);
  EXPECT_EQ(task.consecutive_failures(), 0);
  EXPECT_EQ(task.last_success_unix(), absl::ToUnixSeconds(clock_.Now()));
}

TEST_F(RefresherTest, ATickIncludesAtMostOneBatchOfChanges) {
  PersonAtTmdIt(7);
  for (int i = 0; i < ReadinessRefresher::kChangesPerBatch + 2; ++i) {  // and the sweep's one
    store_.AppendChange("person", "7", clock_.Now());
  }
  EXPECT_EQ(Tick(), ReadinessRefresher::kChangesPerBatch);
  EXPECT_EQ(Tick(), 3);
}

TEST_F(RefresherTest, AChangeCommittedAfterOneWithAGreaterIdIsIncludedWhenItComes) {
  PersonAtTmdIt(7);
  PersonAtTmdIt(8);
  Tick();
  const int64_t committing = store_.ReserveChangeId();  // 7's assessment, still committing
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 11, 1));
  store_.AppendChange("person", "8", clock_.Now());
  EXPECT_EQ(Tick(), 1) << "the changes after a missing id are not held back";
  EXPECT_EQ(store_.cursor(), committing + 1);

  store_.AppendChangeWithId(committing, "standing", "7", clock_.Now());
  EXPECT_EQ(Tick(), 1) << "the missing one, looked for again";
  EXPECT_EQ(StandingOf(7, "LITERACY"), Status::kMeets);
  EXPECT_EQ(Tick(), 0) << "and then forgotten";
}

TEST_F(RefresherTest, AMissingChangeIdIsLookedForUntilTheWaitEnds) {
  PersonAtTmdIt(7);
  Tick();
  const int64_t rolled_back = store_.ReserveChangeId();
  store_.AppendChange("person", "7", clock_.Now());
  EXPECT_EQ(Tick(), 1);
  clock_.Set(clock_.Now() + ReadinessRefresher::kMissingChangeWait);
  EXPECT_EQ(Tick(), 0) << "given up on";
  store_.AppendChangeWithId(rolled_back, "person", "7", clock_.Now());
  EXPECT_EQ(Tick(), 0) << "not looked for any more";
}

TEST_F(RefresherTest, OneRefresherAtATimeHoldsTheLeaseAndAnotherTakesOverWhenItLapses) {
  PersonAtTmdIt(7);
  ReadinessRefresher other(store_, standings_, clock_);
  EXPECT_EQ(Tick(), 1);
  store_.AppendChange("person", "7", clock_.Now());
  EXPECT_EQ(other.RefreshOnce().value_or(-1), 0) << "the first holds the lease";
  EXPECT_EQ(store_.cursor(), 1);
  store_.ExpireLease();
  EXPECT_EQ(other.RefreshOnce().value_or(-1), 1) << "taken over; the change is included";
  EXPECT_EQ(store_.cursor(), 2);
  EXPECT_EQ(Tick(), 0) << "the first lost its lease";
  auto holds_lease = [](const ReadinessRefresher& refresher) {
    ops::v1::BackgroundTask task;
    refresher.Report(task);
    return task.holds_lease();
  };
  EXPECT_TRUE(holds_lease(other));
  EXPECT_FALSE(holds_lease(refresher_)) << "each server's status says which one refreshes";
}

TEST_F(RefresherTest, AStoppingServersRefresherGivesItsLeaseUpAndAnotherTakesOverAtOnce) {
  PersonAtTmdIt(7);
  ReadinessRefresher other(store_, standings_, clock_);
  {
    RefresherThread thread(refresher_);
    while (store_.cursor() < 1) absl::SleepFor(absl::Milliseconds(5));
  }  // the server stops
  store_.AppendChange("person", "7", clock_.Now());
  EXPECT_EQ(other.RefreshOnce().value_or(-1), 1) << "taken over before the lease lapsed";
  EXPECT_EQ(store_.cursor(), 2);
  refresher_.GiveUpLease();
  store_.AppendChange("person", "7", clock_.Now());
  ReadinessRefresher third(store_, standings_, clock_);
  EXPECT_EQ(third.RefreshOnce().value_or(-1), 0) << "not the stopped refresher's to give up";
  EXPECT_EQ(other.RefreshOnce().value_or(-1), 1);
}

TEST_F(RefresherTest, TheDaySweepRecountsAssessmentsThatExpired) {
  PersonAtTmdIt(7);
  // Valid through today: counts today, expired tomorrow.
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 6, 1),
                           absl::CivilDay(2026, 11, 21));
  store_.AppendChange("standing", "7", clock_.Now());
  Tick();
  EXPECT_EQ(StandingOf(7, "LITERACY"), Status::kMeets);
  EXPECT_EQ(store_.sweeps(), 1);
  Tick();
  EXPECT_EQ(store_.sweeps(), 1) << "once a day";

  NextDay();
  EXPECT_EQ(Tick(), 1) << "the sweep marked the person changed";
  EXPECT_EQ(store_.sweeps(), 2);
  EXPECT_EQ(store_.swept_through(), absl::CivilDay(2026, 11, 22));
  EXPECT_EQ(StandingOf(7, "LITERACY"), Status::kExpired);
}

TEST_F(RefresherTest, APersonCountsInEveryGroupTheyServeInAndLeavesOneTheyNoLongerHold) {
  PersonAtTmdIt(7, {kAcademic, kTechnology});  // their own group is not counted twice
  standings_.AddAssessment(7, "PROV", "LITERACY", 2, absl::CivilDay(2026, 11, 1));
  store_.AppendChange("person", "7", clock_.Now());
  Tick();

  const auto stored = store_.RowsOf({7});
  ASSERT_TRUE(stored.ok()) << stored.status();
  std::vector<std::tuple<int, std::string, bool, Status>> rows;
  for (const ReadinessRow& row : stored->at(7)) {
    rows.emplace_back(row.personnel_group, row.skill_set_code, row.further_group,
                      row.standing.status);
  }
  EXPECT_THAT(rows, ::testing::UnorderedElementsAre(
                        std::make_tuple(kTechnology, "LITERACY", false, Status::kMeets),
                        std::make_tuple(kTechnology, "GOVERNANCE", false, Status::kNotAssessed),
                        std::make_tuple(kTechnology, "TECHNOLOGY", false, Status::kNotAssessed),
                        std::make_tuple(kAcademic, "LITERACY", true, Status::kMeets),
                        std::make_tuple(kAcademic, "GOVERNANCE", true, Status::kNotAssessed)));
  FiguresQuery query;
  query.agency_code = "TMD-IT";
  absl::StatusOr<ReadinessFigures> figures =
      ComputeFigures(store_, standings_, Admin(), query, clock_.Now());
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_THAT(figures->groups,
              ::testing::ElementsAre(::testing::Pair(kAcademic, ::testing::Field(&Counts::headcount, 2)),
                                     ::testing::Pair(kTechnology, ::testing::Field(&Counts::headcount, 3))));
  EXPECT_EQ(figures->total.meets_present, 2) << "LITERACY met in both groups";

  PersonAtTmdIt(7);
  store_.AppendChange("person", "7", clock_.Now());
  Tick();
  const auto after = store_.RowsOf({7});
  ASSERT_TRUE(after.ok() && after->count(7) == 1);
  for (const ReadinessRow& row : after->at(7)) {
    EXPECT_EQ(row.personnel_group, kTechnology) << "the ACADEMIC rows are gone";
    EXPECT_FALSE(row.further_group);
  }
  EXPECT_EQ(after->at(7).size(), 3u);
}

TEST_F(RefresherTest, EachMonthIsKeptOnceFromItsFirstTick) {
  Tick();
  Tick();
  EXPECT_EQ(store_.kept_months(), std::vector<absl::CivilDay>{absl::CivilDay(2026, 11, 1)});
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 3, 0, 0), absl::UTCTimeZone()));
  Tick();
  EXPECT_EQ(store_.kept_months(),
            (std::vector<absl::CivilDay>{absl::CivilDay(2026, 11, 1), absl::CivilDay(2026, 12, 1)}));
}

TEST_F(RefresherTest, AFailedBatchIsReportedAndRetried) {
  PersonAtTmdIt(7);
  store_.AppendChange("person", "7", clock_.Now());
  store_.FailNextBatch(absl::UnavailableError("database down"));
  EXPECT_EQ(refresher_.RefreshOnce().status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store_.cursor(), 0);
  ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.consecutive_failures(), 1);
  EXPECT_NE(task.last_error().find("database down"), std::string::npos);

  standings_.FailReads(absl::UnavailableError("assessment down"));
  EXPECT_FALSE(refresher_.RefreshOnce().ok()) << "a person's rows unknown: nothing included";
  EXPECT_EQ(store_.cursor(), 0);
  EXPECT_EQ(Report().consecutive_failures(), 2);

  standings_.FailReads(absl::OkStatus());
  EXPECT_EQ(Tick(), 2) << "the change and the first sweep's";
  task = Report();
  EXPECT_EQ(task.consecutive_failures(), 0);
  EXPECT_TRUE(task.last_error().empty());
}

TEST_F(RefresherTest, ALeaseItCouldNotRenewIsNotReportedHeld) {
  PersonAtTmdIt(7);
  Tick();
  EXPECT_TRUE(Report().holds_lease());
  store_.FailNextBatch(absl::UnavailableError("database down"));
  EXPECT_FALSE(refresher_.RefreshOnce().ok());
  EXPECT_FALSE(Report().holds_lease()) << "it may lapse before the database answers again";
  Tick();
  EXPECT_TRUE(Report().holds_lease());
}

// People in chunks: a person is in the chunk of their position in the list.
class ChunksTest : public testing::ReadinessFixture {
 protected:
  ChunksTest() {
    for (int64_t id = 1; id <= 2 * static_cast<int64_t>(kPeoplePerChunk) + 5; ++id) {
      PersonAtTmdIt(id);
      people_.push_back(id);
    }
  }
  std::vector<int64_t> people_;
};

TEST_F(ChunksTest, EveryPersonsRowsAreUsedOnceInOrderChunkByChunk) {
  std::vector<size_t> sizes;
  std::vector<int64_t> used;
  ASSERT_TRUE(ForRowsOfPeople(standings_, people_, absl::CivilDay(2026, 11, 21),
                              [&](const PeopleRows& rows) {
                                sizes.push_back(rows.size());
                                for (const auto& [person, of] : rows) {
                                  EXPECT_FALSE(of.empty()) << person;
                                  used.push_back(person);
                                }
                                return absl::OkStatus();
                              })
                  .ok());
  EXPECT_THAT(sizes, ::testing::ElementsAre(kPeoplePerChunk, kPeoplePerChunk, 5));
  EXPECT_EQ(used, people_);
}

TEST_F(ChunksTest, AnErrorOfTheUseStopsTheChunksAfterIt) {
  int calls = 0;
  const absl::Status status =
      ForRowsOfPeople(standings_, people_, absl::CivilDay(2026, 11, 21), [&](const PeopleRows&) {
        ++calls;
        return absl::AbortedError("the lease was lost");
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(calls, 1);
}

TEST_F(ChunksTest, AFailedReadIsReturnedAndNothingIsUsed) {
  standings_.FailReads(absl::UnavailableError("the database went away"));
  int calls = 0;
  const absl::Status status =
      ForRowsOfPeople(standings_, people_, absl::CivilDay(2026, 11, 21), [&](const PeopleRows&) {
        ++calls;
        return absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace thaksa::readiness
