// Integration tests of the MySQL readiness store against a real MariaDB: rows replaced in
// chunks move the tree cells (people whose rows are the same write nothing), a person has rows
// in each group they serve in, an agency moved to another parent takes its people's counts
// along, the lease keeps a second refresher out, and the changes of the log are read with the
// ids missing between them.
#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/readiness/store/mysql_readiness_store.h"
#include "tests/support/mariadb_server.h"

namespace thaksa::readiness {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// MDES (1) > TMD (2) > TMD-IT (3), and NSO (4) under MDES.
const AgencyRef kMdes{1, "MDES", "กระทรวง", "", "/1/"};
const AgencyRef kTmd{2, "TMD", "กรม", "", "/1/2/"};
const AgencyRef kTmdIt{3, "TMD-IT", "ศูนย์", "", "/1/2/3/"};
const AgencyRef kNso{4, "NSO", "สำนักงาน", "", "/1/4/"};

class ReadinessStoreTest : public ::testing::Test {
 protected:
  ReadinessStoreTest() : pool_(testing::FreshDatabase()), store_(pool_) {
    EXPECT_TRUE(pool_
                    .Run([](sql::Connection& c) {
                      Execute(c,
                              "INSERT INTO agency (id, code, name_th, path, kind) VALUES"
                              " (1, 'MDES', 'กระทรวง', '/1/', 1), (2, 'TMD', 'กรม', '/1/2/', 2),"
                              " (3, 'TMD-IT', 'ศูนย์', '/1/2/3/', 3),"
                              " (4, 'NSO', 'สำนักงาน', '/1/4/', 2)");
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_TRUE(store_.HoldLease(lease_).value_or(false));
  }

  static ReadinessRow Row(const AgencyRef& agency, const std::string& skill_set, Status status) {
    ReadinessRow row;
    row.skill_set_code = skill_set;
    row.framework_code = "CS";
    row.agency_id = agency.id;
    row.agency_path = agency.path;
    row.personnel_group = 2;
    row.standing = {status == Status::kMeets ? 2 : 1, 2, 3, status == Status::kMeets ? 0 : 1,
                    status};
    return row;
  }

  // The headcount of each cell of `agency` (with its subtree: by child), by child id.
  std::map<int64_t, int64_t> Headcounts(const AgencyRef& agency, bool subtree = true) {
    std::map<int64_t, int64_t> headcounts;
    absl::StatusOr<std::vector<CellCounts>> cells = store_.Cells(agency, subtree, std::nullopt);
    EXPECT_TRUE(cells.ok()) << cells.status();
    for (const CellCounts& cell : cells.value_or(std::vector<CellCounts>())) {
      headcounts[cell.child_agency_id] += cell.counts.headcount;
    }
    return headcounts;
  }

  int64_t PersonRowsWritten() {
    return testing::QueryInt(pool_, "SELECT COUNT(*) FROM readiness_person");
  }

  ConnectionPool pool_;
  MySqlReadinessStore store_;
  const Lease lease_{"test:1", absl::Seconds(30)};
};

TEST_F(ReadinessStoreTest, ReplacedRowsMoveTheCellsOfEveryAncestorByChild) {
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets)}},
                                  {8, {Row(kTmd, "LITERACY", Status::kBelow)}},
                                  {9, {Row(kNso, "LITERACY", Status::kMeets)}}},
                                 lease_)
                  .ok());
  EXPECT_THAT(Headcounts(WholeCountry()), ElementsAre(Pair(1, 3)));
  EXPECT_THAT(Headcounts(kMdes), ElementsAre(Pair(2, 2), Pair(4, 1)));
  EXPECT_THAT(Headcounts(kTmd), ElementsAre(Pair(0, 1), Pair(3, 1)));
  EXPECT_THAT(Headcounts(kTmd, false), ElementsAre(Pair(0, 1)));

  // 7 meets no more; 8 leaves (no rows); 9 unchanged.
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kBelow)}},
                                  {8, {}},
                                  {9, {Row(kNso, "LITERACY", Status::kMeets)}}},
                                 lease_)
                  .ok());
  EXPECT_THAT(Headcounts(kMdes), ElementsAre(Pair(2, 1), Pair(4, 1)));
  const std::vector<CellCounts> tmd = *store_.Cells(kTmd, true, std::nullopt);
  ASSERT_EQ(tmd.size(), 1u);
  EXPECT_EQ(tmd[0].child_agency_id, 3);
  EXPECT_EQ(tmd[0].counts.meets_present, 0);
  EXPECT_EQ(PersonRowsWritten(), 2);
}

TEST_F(ReadinessStoreTest, PeopleWhoseRowsAreTheSameWriteNothing) {
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets),
                                       Row(kTmdIt, "GOVERNANCE", Status::kBelow)}}},
                                 lease_)
                  .ok());
  const int64_t cells = testing::QueryInt(pool_, "SELECT SUM(headcount) FROM readiness_tree_cell");
  // The same rows in another order.
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "GOVERNANCE", Status::kBelow),
                                       Row(kTmdIt, "LITERACY", Status::kMeets)}}},
                                 lease_)
                  .ok());
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT SUM(headcount) FROM readiness_tree_cell"), cells);
  EXPECT_EQ(PersonRowsWritten(), 2);
}

TEST_F(ReadinessStoreTest, OnlyTheRowsThatChangedAreWrittenAndTheRowsGoneAreDeleted) {
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets),
                                       Row(kTmdIt, "GOVERNANCE", Status::kBelow),
                                       Row(kTmdIt, "DATA", Status::kBelow)}}},
                                 lease_)
                  .ok());
  // From here on, triggers note each row written: (what, skill set).
  ASSERT_TRUE(pool_
                  .Run([](sql::Connection& c) {
                    Execute(c, "CREATE TABLE row_writes (what VARCHAR(8), skill_set_code VARCHAR(32))");
                    for (const char* what : {"INSERT", "UPDATE", "DELETE"}) {
                      Execute(c, absl::StrCat("CREATE TRIGGER noted_", what, " AFTER ", what,
                                              " ON readiness_person FOR EACH ROW INSERT INTO"
                                              " row_writes VALUES ('", what, "', ",
                                              std::string(what) == "DELETE" ? "OLD" : "NEW",
                                              ".skill_set_code)"));
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  // GOVERNANCE now meets, DATA is gone, TECH is new, LITERACY stays.
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets),
                                       Row(kTmdIt, "GOVERNANCE", Status::kMeets),
                                       Row(kTmdIt, "TECH", Status::kBelow)}}},
                                 lease_)
                  .ok());
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM row_writes"), 3);
  EXPECT_EQ(testing::QueryInt(pool_,
                              "SELECT COUNT(*) FROM row_writes WHERE (what, skill_set_code) IN"
                              " (('INSERT', 'TECH'), ('UPDATE', 'GOVERNANCE'), ('DELETE', 'DATA'))"),
            3);
  EXPECT_EQ(PersonRowsWritten(), 3);
  EXPECT_EQ(testing::QueryInt(
                pool_, absl::StrCat("SELECT COUNT(*) FROM readiness_person WHERE person_id = 7 AND"
                                    " ((skill_set_code IN ('LITERACY', 'GOVERNANCE') AND status = ",
                                    static_cast<int>(Status::kMeets),
                                    ") OR (skill_set_code = 'TECH' AND status = ",
                                    static_cast<int>(Status::kBelow), "))")),
            3);
  EXPECT_EQ(testing::QueryInt(pool_,
                              "SELECT SUM(meets_present) FROM readiness_tree_cell"
                              " WHERE ancestor_id = 3 AND child_id = 0"),
            2);
  EXPECT_EQ(testing::QueryInt(pool_,
                              "SELECT SUM(headcount) FROM readiness_tree_cell"
                              " WHERE ancestor_id = 3 AND child_id = 0 AND skill_set_code = 'DATA'"),
            0);
}

TEST_F(ReadinessStoreTest, APersonHasRowsInEachGroupTheyServeInAndLosesOnlyTheGroupGone) {
  ReadinessRow own = Row(kTmdIt, "LITERACY", Status::kMeets);
  ReadinessRow further = Row(kTmdIt, "LITERACY", Status::kBelow);
  further.personnel_group = 1;
  further.further_group = true;
  ASSERT_TRUE(store_.ReplaceRows({{7, {own, further, Row(kTmdIt, "GOVERNANCE", Status::kBelow)}}},
                                 lease_)
                  .ok());
  EXPECT_EQ(PersonRowsWritten(), 3);
  const auto stored = store_.RowsOf({7});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_THAT(stored->at(7), ElementsAre(further, Row(kTmdIt, "GOVERNANCE", Status::kBelow), own))
      << "by group, then skill set, the further group marked";
  const auto cells = store_.Cells(kTmdIt, false, std::nullopt);
  ASSERT_TRUE(cells.ok()) << cells.status();
  std::map<int, int64_t> by_group;
  for (const CellCounts& cell : *cells) {
    by_group[cell.personnel_group] += cell.counts.headcount;
  }
  EXPECT_THAT(by_group, ElementsAre(Pair(1, 1), Pair(2, 2)));
  const auto gaps = store_.Gaps(kTmd, "", 0, 0, 10);
  ASSERT_TRUE(gaps.ok()) << gaps.status();
  ASSERT_EQ(gaps->size(), 2u);
  EXPECT_EQ((*gaps)[0].skill_set_code, "GOVERNANCE") << "the own group's first";
  EXPECT_FALSE((*gaps)[0].further_group);
  EXPECT_EQ((*gaps)[1].personnel_group, 1);
  EXPECT_TRUE((*gaps)[1].further_group);

  // The further group is no longer held: its LITERACY row goes, the own group's stays.
  ASSERT_TRUE(store_.ReplaceRows({{7, {own, Row(kTmdIt, "GOVERNANCE", Status::kBelow)}}}, lease_)
                  .ok());
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM readiness_person WHERE person_id = 7"
                                     " AND skill_set_code = 'LITERACY' AND personnel_group = 2"),
            1);
  EXPECT_EQ(PersonRowsWritten(), 2);
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT SUM(headcount) FROM readiness_tree_cell"
                                     " WHERE ancestor_id = 3 AND personnel_group = 1"),
            0);
}

TEST_F(ReadinessStoreTest, ManyPeopleAreWrittenInSeveralStatementsAndAllCounted) {
  std::map<int64_t, std::vector<ReadinessRow>> rows;
  for (int64_t person = 1; person <= 1500; ++person) {
    rows[person] = {Row(person % 2 == 0 ? kTmdIt : kNso, "LITERACY", Status::kMeets)};
  }
  ASSERT_TRUE(store_.ReplaceRows(rows, lease_).ok());
  EXPECT_EQ(PersonRowsWritten(), 1500);
  EXPECT_THAT(Headcounts(kMdes), ElementsAre(Pair(2, 750), Pair(4, 750)));
}

TEST_F(ReadinessStoreTest, APersonCountedUnderAMovedAgencyLeavesItsOldAncestors) {
  ASSERT_TRUE(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets)}}}, lease_).ok());
  // TMD-IT moved under NSO: the person's rows are recounted with the new path.
  ReadinessRow moved = Row(kTmdIt, "LITERACY", Status::kMeets);
  moved.agency_path = "/1/4/3/";
  ASSERT_TRUE(store_.ReplaceRows({{7, {moved}}}, lease_).ok());
  EXPECT_THAT(Headcounts(kMdes), ElementsAre(Pair(4, 1)));
  EXPECT_TRUE(Headcounts(kTmd).empty());
  EXPECT_THAT(Headcounts(kNso), ElementsAre(Pair(3, 1)));
  EXPECT_THAT(Headcounts(kTmdIt), ElementsAre(Pair(0, 1)));
}

TEST_F(ReadinessStoreTest, AGivenUpLeaseIsTakenAtOnceAndOnlyItsHolderCanGiveItUp) {
  const Lease other{"test:2", absl::Seconds(30)};
  ASSERT_TRUE(store_.ReleaseLease(other).ok());
  EXPECT_FALSE(store_.HoldLease(other).value_or(true)) << "not the holder's to give up";
  ASSERT_TRUE(store_.ReleaseLease(lease_).ok());
  EXPECT_TRUE(store_.HoldLease(other).value_or(false));
  EXPECT_TRUE(store_.MoveCursor(0, 1, other).ok());
  EXPECT_EQ(store_.MoveCursor(1, 2, lease_).code(), absl::StatusCode::kAborted);
}

TEST_F(ReadinessStoreTest, ASecondRefresherWaitsForTheLeaseAndTheFirstLosesItWhenItLapses) {
  const Lease other{"test:2", absl::Seconds(30)};
  EXPECT_FALSE(store_.HoldLease(other).value_or(true));
  EXPECT_EQ(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets)}}}, other).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(store_.MoveCursor(0, 1, other).code(), absl::StatusCode::kAborted);
  ASSERT_TRUE(pool_
                  .Run([](sql::Connection& c) {
                    Execute(c,
                            "UPDATE readiness_cursor SET held_until = NOW(6) - INTERVAL 1 SECOND");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_TRUE(store_.HoldLease(other).value_or(false)) << "lapsed: taken over";
  EXPECT_EQ(store_.ReplaceRows({{7, {Row(kTmdIt, "LITERACY", Status::kMeets)}}}, lease_).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(PersonRowsWritten(), 0);
  EXPECT_TRUE(store_.MoveCursor(0, 1, other).ok());
  EXPECT_EQ(store_.MoveCursor(0, 2, other).code(), absl::StatusCode::kAborted)
      << "the cursor is no longer where the batch was read";
}

TEST_F(ReadinessStoreTest, ChangesAreReadWithTheIdsMissingBetweenThemAndLookedForByIdLater) {
  ASSERT_TRUE(pool_
                  .Run([](sql::Connection& c) {
                    Execute(
                        c,
                        "INSERT INTO change_log (id, occurred_at, kind, entity_id, detail)"
                        " VALUES (1, NOW(), 'person', '7', ''), (4, NOW(), 'standing', '8', ''),"
                        " (5, NOW(), 'agency', 'TMD', ''), (6, NOW(), 'agency', 'NONE', '')");
                    return absl::OkStatus();
                  })
                  .ok());
  const ChangeBatch batch = *store_.ChangesAfter(0, 10);
  EXPECT_EQ(batch.count, 4);
  EXPECT_EQ(batch.last_id, 6);
  EXPECT_THAT(batch.people, UnorderedElementsAre(7, 8));
  EXPECT_THAT(batch.agency_paths, ElementsAre("/1/2/")) << "an unknown agency touches nobody";
  EXPECT_THAT(batch.missing, ElementsAre(2, 3));

  ASSERT_TRUE(pool_.Run([](sql::Connection& c) {
                     Execute(c, "INSERT INTO change_log (id, occurred_at, kind, entity_id, detail)"
                                " VALUES (3, NOW(), 'framework', 'CS', '')");
                     return absl::OkStatus();
                   }).ok());
  const ChangeBatch found = *store_.ChangesWithIds({2, 3});
  EXPECT_EQ(found.count, 1);
  EXPECT_TRUE(found.everyone);
  EXPECT_THAT(found.missing, ElementsAre(2));
}

}  // namespace
}  // namespace thaksa::readiness
