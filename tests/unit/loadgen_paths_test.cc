// The rows each bulk path's baseline writes: per record, the rows the server's stores write.
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_split.h"
#include "tools/loadgen/loader.h"
#include "tools/loadgen/path_writes.h"

namespace thaksa::loadgen {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

class PathWritesTest : public ::testing::Test {
 protected:
  PathWritesTest() : dataset_(*ScaleNamed("small"), 1) {
    for (int64_t i = 0; i < dataset_.scale().people; ++i) ids_.push_back(1000 + i);
  }

  // Rows per table for records [first, end) of `path`, checking each table's shape.
  std::map<std::string, size_t> RowsOf(const PathWrites& path, int64_t first, int64_t end) {
    BatchRows rows;
    path.rows_of(first, end, rows);
    std::map<std::string, size_t> counts;
    for (const TableRows& t : rows.tables()) {
      const std::vector<std::string> columns = absl::StrSplit(t.columns, ", ");
      EXPECT_EQ(columns.size(), t.width) << t.table;
      EXPECT_EQ(t.values.size() % t.width, 0u) << t.table;
      counts[t.table] = t.rows();
    }
    return counts;
  }

  Dataset dataset_;
  std::vector<int64_t> ids_;
  std::vector<std::string> skill_sets_ = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};
  PathInputs inputs_{&dataset_, &ids_, &skill_sets_};
};

TEST_F(PathWritesTest, APersonIsItsRowItsAssignmentAnAuditEventAndAChange) {
  const PathWrites people = PeopleWrites(inputs_, 5000, 2);
  EXPECT_EQ(people.name, BaselineOf(kPeopleSync));
  EXPECT_EQ(people.records, 5000);
  EXPECT_EQ(people.per_transaction, 1000);  // BulkUpsertPeople's batch
  EXPECT_EQ(people.writers, 2);
  EXPECT_THAT(RowsOf(people, 10, 13),
              UnorderedElementsAre(Pair("person", 3), Pair("person_assignment", 3),
                                   Pair("audit_event", 3), Pair("change_log", 3)));
}

TEST_F(PathWritesTest, AnAssessmentIsItsRowAStandingAChangeAndAnAuditEvent) {
  const PathWrites assessments = AssessmentWrites(inputs_, 700, 2);
  EXPECT_EQ(assessments.records, 700);
  EXPECT_EQ(assessments.per_transaction, 1000);  // BulkRecordAssessments's batch
  EXPECT_THAT(RowsOf(assessments, 0, 700),
              UnorderedElementsAre(Pair("assessment", 700), Pair("person_standing", 700),
                                   Pair("change_log", 700), Pair("audit_event", 700)));
}

TEST_F(PathWritesTest, APlanIsItsRowItsItemsAnAuditEventAndAChange) {
  const PathWrites plans = PlanWrites(inputs_, 100, 2);
  EXPECT_EQ(plans.per_transaction, 500);  // BulkUpsertPlans's batch
  EXPECT_EQ(plans.writers, 2);
  EXPECT_THAT(RowsOf(plans, 0, 2),
              UnorderedElementsAre(Pair("plan", 2), Pair("plan_item", 2 * kPlanItems),
                                   Pair("audit_event", 2), Pair("change_log", 2)));
}

TEST_F(PathWritesTest, ACompletionIsItsRowAndAnAuditEventOrItsRowAlone) {
  const PathWrites completions = CompletionWrites(inputs_, 20000, 2);
  EXPECT_EQ(completions.name, BaselineOf(kCompletionIngestion));
  EXPECT_EQ(completions.per_transaction, 500);  // RecordCompletions's batch
  EXPECT_THAT(RowsOf(completions, 0, 500),
              UnorderedElementsAre(Pair("completion", 500), Pair("audit_event", 500)));
  const PathWrites table = CompletionTableWrites(inputs_, 20000);
  EXPECT_EQ(table.per_transaction, 1000);
  EXPECT_EQ(table.writers, 1);
  EXPECT_THAT(RowsOf(table, 0, 10), UnorderedElementsAre(Pair("completion", 10)));
}

}  // namespace
}  // namespace thaksa::loadgen
