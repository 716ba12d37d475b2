// Integration tests of the MySQL learning store against a real MariaDB: the goal activities
// published for behaviour checklists; the bulk plan import: a batch stored with its items, audit
// events and changes; replays writing nothing; drafts
// updated and other plans left alone; years already planned; keys compared byte for byte; a
// key moving to a new revision; identical batches stored at once by several connections making
// each plan once.
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/citizen_id.h"
#include "common/db/connection_pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/db/sql.h"
#include "services/learning/store/mysql_goal_activity_reads.h"
#include "services/learning/store/mysql_learning_store.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/records.h"

namespace thaksa::learning {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

constexpr int kYear = 2570;

class LearningStoreTest : public ::testing::Test {
 protected:
  LearningStoreTest()
      : pool_(thaksa::testing::FreshDatabase()),
        people_(pool_),
        store_(pool_, clock_) {}

  void SetUp() override {
    personnel::Agency agency;
    agency.code = "TMD";
    agency.name_th = "กรมอุตุนิยมวิทยา";
    agency.kind = personnel::AgencyKind::kDepartment;
    ASSERT_TRUE(people_.CreateAgency(agency, audit_).ok());
    std::vector<personnel::PersonUpsert> rows;
    for (int n = 1; n <= kPeople; ++n) {
      personnel::PersonUpsert& row = rows.emplace_back();
      row.record.agency_of_record_code = "TMD";
      row.record.employee_number = absl::StrCat("E", n);
      row.record.name_th = "นักอุตุนิยมวิทยา";
      row.record.agency_code = "TMD";
      row.record.position_title = "นักวิชาการคอมพิวเตอร์";
      row.record.grade = "ชำนาญการ";
      row.record.group = personnel::PersonnelGroup::kTechnology;
      row.citizen_id_hash = hasher_.Hash(thaksa::testing::CitizenId(n));
      row.citizen_id_masked = MaskCitizenId(thaksa::testing::CitizenId(n));
      row.effective_from = absl::CivilDay(2025, 10, 1);
    }
    absl::StatusOr<std::vector<personnel::UpsertResult>> stored =
        people_.UpsertPeople(rows, audit_);
    ASSERT_TRUE(stored.ok()) << stored.status();
    for (const personnel::UpsertResult& r : *stored) person_.push_back(r.person_id);
  }

  // Person n's plan under key "hr:1:แผน-<n>", with four items titled in Thai; `digest` stands
  // for its content.
  PlanImport PlanOf(int n, const std::string& digest = "d1") const {
    PlanImport plan;
    plan.external_key = absl::StrCat("hr:1:แผน-", n);
    plan.digest = digest;
    plan.person_id = person_.at(n - 1);
    plan.fiscal_year = kYear;
    for (const auto& [mode, hours] : {std::pair<Mode, double>{Mode::kExperiential, 50},
                                      {Mode::kExperiential, 20},
                                      {Mode::kSocial, 20},
                                      {Mode::kFormal, 10}}) {
      PlanItem& item = plan.items.emplace_back();
      item.title = absl::StrCat("กิจกรรมพัฒนา ", digest);
      item.mode = mode;
      item.horizon = Horizon::kPresent;
      item.planned_hours = hours;
      item.skill_set_codes = {"LITERACY"};
    }
    return plan;
  }

  // The outcome of each import, "CODE on field" for a refusal.
  std::vector<std::string> Import(const std::vector<PlanImport>& plans) {
    absl::StatusOr<std::vector<PlanImportResult>> results = store_.ImportPlans(plans, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    last_ = results.value_or(std::vector<PlanImportResult>());
    std::vector<std::string> outcomes;
    for (const PlanImportResult& r : last_) {
      switch (r.outcome) {
        case ImportOutcome::kCreated: outcomes.push_back("CREATED"); break;
        case ImportOutcome::kUpdated: outcomes.push_back("UPDATED"); break;
        case ImportOutcome::kUnchanged: outcomes.push_back("UNCHANGED"); break;
        case ImportOutcome::kRejected:
          outcomes.push_back(absl::StrCat(absl::StatusCodeToString(r.refusal.code()), " on ",
                                          FieldViolationsOf(r.refusal).at(0).field));
          break;
      }
    }
    return outcomes;
  }

  int64_t Count(const std::string& what) {
    return thaksa::testing::QueryInt(pool_, absl::StrCat("SELECT COUNT(*) FROM ", what));
  }

  static constexpr int kPeople = 6;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 16, 9, 0, 0), absl::UTCTimeZone())};
  ConnectionPool pool_;
  personnel::MySqlPersonnelStore people_;
  MySqlLearningStore store_;
  CitizenIdHasher hasher_{"test-key-0123456789"};
  AuditCall audit_{1, Role::kHrSystem, "/test", "request-1", absl::FromUnixSeconds(1790000000)};
  std::vector<int64_t> person_;
  std::vector<PlanImportResult> last_;
};

TEST_F(LearningStoreTest, ThePublishedGoalActivitiesAreTheCurrentPlansLinkedItemsAndCourses) {
  const int64_t person = person_.at(0);
  // Instants as Unix seconds: 20 November 2026 10:00 in Thailand, and 01:00 on the 22nd there.
  const int64_t on_the_20th = 1795143600, early_on_the_22nd = 1795284000;
  ASSERT_TRUE(pool_
                  .Run([&](sql::Connection& c) {
                    Execute(c, "INSERT INTO institute (code, name_th) VALUES ('TDGA', 'สถาบัน')");
                    Execute(c,
                            "INSERT INTO course (institute_code, code, definition, compliant)"
                            " VALUES ('TDGA', 'C1', ?, 1), ('TDGA', 'C2', '{}', 1)",
                            // (with a field a newer learning binary might write)
                            {std::string("{\"title\": {\"th\": \"หลักสูตรข้อมูล\"},"
                                         " \"unit_codes\": [\"DTr602.2\"], \"new_field\": 1}")});
                    // Fiscal year 2570: the current revision, one superseded and one cancelled;
                    // and a plan of 2569.
                    Execute(c,
                            "INSERT INTO plan (id, person_id, fiscal_year, revision, status) VALUES"
                            " (1, ?, 2570, 2, 4), (2, ?, 2570, 1, 7), (3, ?, 2570, 3, 6),"
                            " (4, ?, 2569, 1, 5)",
                            {person, person, person, person});
                    const std::string linked =
                        "{\"title\": \"โครงการข้อมูลเปิด\", \"behaviour_codes\": [\"T2S1-TECH-2\"]}";
                    Execute(c,
                            "INSERT INTO plan_item (id, plan_id, definition, mode, horizon,"
                            " planned_hours, status) VALUES (11, 1, ?, 1, 1, 10, 3),"
                            " (12, 1, '{\"title\": \"อ่านเอง\"}', 1, 1, 10, 1),"
                            " (13, 2, ?, 1, 1, 10, 1), (14, 3, ?, 1, 1, 10, 1),"
                            " (15, 4, ?, 1, 1, 10, 3), (16, 4, ?, 1, 1, 10, 1)",
                            {linked, linked, linked, linked, linked});
                    Execute(c,
                            "INSERT INTO completion (id, institute_code, record_id, person_id,"
                            " course_code, started_at, finished_at, hours, record, state,"
                            " recorded_at) VALUES"
                            " (21, 'TDGA', 'r1', ?, 'C1', FROM_UNIXTIME(?), FROM_UNIXTIME(?), 3, '{}', 1, NOW(6)),"
                            " (22, 'TDGA', 'r2', ?, 'C2', FROM_UNIXTIME(?), FROM_UNIXTIME(?), 3, '{}', 1, NOW(6)),"
                            " (23, 'TDGA', 'r3', ?, 'C1', FROM_UNIXTIME(?), FROM_UNIXTIME(?), 3, '{}', 2, NOW(6)),"
                            " (24, 'TDGA', 'r4', ?, 'C1', FROM_UNIXTIME(?), FROM_UNIXTIME(?), 3, '{}', 1, NOW(6))",
                            {person, on_the_20th, on_the_20th, person, on_the_20th, on_the_20th,
                             person, on_the_20th, on_the_20th, person, early_on_the_22nd,
                             early_on_the_22nd});
                    Execute(c,
                            "INSERT INTO work_application (person_id, completion_id, plan_item_id,"
                            " description, applied_on, recorded_at, confirmed_at) VALUES"
                            " (?, NULL, 11, 'ใช้ในงาน', '2026-11-01', FROM_UNIXTIME(?),"
                            " FROM_UNIXTIME(?)), (?, 21, NULL, 'ใช้ในงาน', '2026-11-20',"
                            " FROM_UNIXTIME(?), NULL)",
                            {person, on_the_20th, early_on_the_22nd, person, on_the_20th});
                    return absl::OkStatus();
                  })
                  .ok());
  MySqlGoalActivityReads reads(pool_);
  const absl::StatusOr<std::vector<GoalActivity>> found =
      reads.ActivitiesOf(person, kYear, absl::CivilDay(2026, 11, 21));
  ASSERT_TRUE(found.ok()) << found.status();
  std::vector<int64_t> ids;
  for (const GoalActivity& a : *found) ids.push_back(a.id);
  EXPECT_THAT(ids, ElementsAre(11, 15, 21))
      << "the year's linked item and the DONE one of 2569; not the item without codes, those of"
         " other revisions or the undone one of 2569; not the course without units, the held"
         " completion or the one finished on the 22nd in Thailand";
  ASSERT_THAT(*found, SizeIs(3));
  EXPECT_EQ((*found)[0].kind, GoalActivity::Kind::kPlanItem);
  EXPECT_EQ((*found)[0].title, "โครงการข้อมูลเปิด");
  EXPECT_THAT((*found)[0].behaviour_codes, ElementsAre("T2S1-TECH-2"));
  EXPECT_TRUE((*found)[0].done);
  EXPECT_EQ((*found)[0].application, ApplicationState::kRecorded)
      << "confirmed only on the 22nd";
  EXPECT_TRUE((*found)[1].done);
  EXPECT_EQ((*found)[1].application, ApplicationState::kNone);
  EXPECT_EQ((*found)[2].kind, GoalActivity::Kind::kCompletion);
  EXPECT_EQ((*found)[2].title, "หลักสูตรข้อมูล");
  EXPECT_THAT((*found)[2].unit_codes, ElementsAre("DTr602.2"));
  EXPECT_EQ((*found)[2].application, ApplicationState::kRecorded);
  const absl::StatusOr<std::vector<GoalActivity>> on_the_22nd =
      reads.ActivitiesOf(person, kYear, absl::CivilDay(2026, 11, 22));
  ASSERT_TRUE(on_the_22nd.ok()) << on_the_22nd.status();
  ASSERT_THAT(*on_the_22nd, SizeIs(4));
  EXPECT_EQ((*on_the_22nd)[0].application, ApplicationState::kConfirmed);
  EXPECT_EQ((*on_the_22nd)[3].id, 24);
  const absl::StatusOr<std::vector<GoalActivity>> on_the_19th =
      reads.ActivitiesOf(person, kYear, absl::CivilDay(2026, 11, 19));
  ASSERT_TRUE(on_the_19th.ok()) << on_the_19th.status();
  EXPECT_EQ((*on_the_19th)[0].application, ApplicationState::kNone) << "recorded on the 20th";
  EXPECT_THAT(*on_the_19th, SizeIs(2)) << "the course was finished on the 20th";

  // A stored row this build cannot read is the store's fault, not the caller's.
  ASSERT_TRUE(pool_
                  .Run([](sql::Connection& c) {
                    Execute(c, "UPDATE plan_item SET definition = '{\"title\": 7' WHERE id = 11");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(reads.ActivitiesOf(person, kYear, absl::CivilDay(2026, 11, 21)).status().code(),
            absl::StatusCode::kInternal);
}

TEST_F(LearningStoreTest, TheRelayLeaseHasOneHolderAndAGivenUpLeaseIsTakenAtOnce) {
  const absl::Duration lease = absl::Seconds(30);
  EXPECT_TRUE(store_.HoldRelayLease("replica:1", lease).value_or(false));
  EXPECT_FALSE(store_.HoldRelayLease("replica:2", lease).value_or(true));
  ASSERT_TRUE(store_.ReleaseRelayLease("replica:2").ok());
  EXPECT_FALSE(store_.HoldRelayLease("replica:2", lease).value_or(true))
      << "not the holder's to give up";
  ASSERT_TRUE(store_.ReleaseRelayLease("replica:1").ok());
  EXPECT_TRUE(store_.HoldRelayLease("replica:2", lease).value_or(false));
  EXPECT_FALSE(store_.HoldRelayLease("replica:1", lease).value_or(true));
}

TEST_F(LearningStoreTest, ABatchIsStoredWithItsItemsAuditAndChangesAndAReplayWritesNothing) {
  const int64_t audited = Count("audit_event"), changes = Count("change_log");
  ASSERT_THAT(Import({PlanOf(1), PlanOf(2), PlanOf(3)}),
              ElementsAre("CREATED", "CREATED", "CREATED"));
  EXPECT_EQ(Count("plan_item"), 12);
  EXPECT_EQ(Count("audit_event") - audited, 3);
  EXPECT_EQ(Count("change_log") - changes, 3);
  EXPECT_EQ(Count("change_log WHERE kind = 'plan' AND detail = 'PLAN_STATUS_DRAFT'"), 3);
  absl::StatusOr<Plan> plan = store_.GetPlan(last_[1].plan_id);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->person_id, person_[1]);
  EXPECT_EQ(plan->status, PlanStatus::kDraft);
  EXPECT_EQ(plan->revision, 1);
  EXPECT_EQ(plan->version, last_[1].version);
  ASSERT_THAT(plan->items, SizeIs(4));
  EXPECT_EQ(plan->items[3].title, "กิจกรรมพัฒนา d1");
  EXPECT_EQ(plan->items[3].mode, Mode::kFormal);
  EXPECT_EQ(plan->items[3].status, ItemStatus::kPlanned);

  const std::vector<PlanImportResult> first = last_;
  ASSERT_THAT(Import({PlanOf(1), PlanOf(2), PlanOf(3)}),
              ElementsAre("UNCHANGED", "UNCHANGED", "UNCHANGED"));
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(last_[i].plan_id, first[i].plan_id);
    EXPECT_EQ(last_[i].version, first[i].version);
  }
  EXPECT_EQ(Count("plan_item"), 12);
  EXPECT_EQ(Count("audit_event") - audited, 3);
  EXPECT_EQ(Count("change_log") - changes, 3);

  absl::StatusOr<std::map<std::string, StoredImport>> found =
      store_.FindImports({PlanOf(2).external_key, "hr:1:ไม่มี"});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ(found->at(PlanOf(2).external_key).plan_id, first[1].plan_id);
  EXPECT_EQ(found->at(PlanOf(2).external_key).digest, "d1");
}

TEST_F(LearningStoreTest, OtherContentReplacesADraftsItemsAndIsRefusedOnceSubmitted) {
  ASSERT_THAT(Import({PlanOf(1), PlanOf(2)}), ElementsAre("CREATED", "CREATED"));
  const std::vector<PlanImportResult> created = last_;
  ASSERT_TRUE(store_.SetPlanStatus(created[1].plan_id, PlanStatus::kDraft,
                                   PlanStatus::kSubmitted, created[1].version, "", 0, audit_)
                  .ok());
  ASSERT_THAT(Import({PlanOf(1, "d2"), PlanOf(2, "d2"), PlanOf(2, "d1")}),
              ElementsAre("UPDATED", "FAILED_PRECONDITION on external_id",
                          "INVALID_ARGUMENT on external_id"));
  EXPECT_EQ(last_[0].plan_id, created[0].plan_id);
  EXPECT_EQ(last_[0].version, created[0].version + 1);
  absl::StatusOr<Plan> updated = store_.GetPlan(created[0].plan_id);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, last_[0].version);
  ASSERT_THAT(updated->items, SizeIs(4));
  EXPECT_EQ(updated->items[0].title, "กิจกรรมพัฒนา d2");
  EXPECT_EQ(Count("plan_item"), 8);
  EXPECT_THAT(Import({PlanOf(2)}), ElementsAre("UNCHANGED"));
}

TEST_F(LearningStoreTest, AYearPlannedUnderNoOrAnotherKeyRefusesANewKey) {
  ASSERT_TRUE(store_.CreatePlan(person_[0], kYear, audit_).ok());
  PlanImport other_key = PlanOf(2);
  other_key.external_key = "hr:1:อีกแผน";
  PlanImport other_person = PlanOf(3);
  other_person.external_key = PlanOf(2).external_key;
  EXPECT_THAT(Import({PlanOf(1), PlanOf(2), other_key}),
              ElementsAre("ALREADY_EXISTS on person_id", "CREATED", "ALREADY_EXISTS on person_id"));
  EXPECT_THAT(Import({other_person}), ElementsAre("ALREADY_EXISTS on external_id"));
  EXPECT_EQ(Count("plan"), 2);
}

TEST_F(LearningStoreTest, KeysDifferingOnlyInCaseOrMarksAreDifferentKeys) {
  std::vector<PlanImport> plans = {PlanOf(1), PlanOf(2), PlanOf(3), PlanOf(4)};
  plans[0].external_key = "hr:1:Plan-A";
  plans[1].external_key = "hr:1:plan-a";
  plans[2].external_key = "hr:1:แผนใหม่";
  plans[3].external_key = "hr:1:แผนไหม";
  EXPECT_THAT(Import(plans), ElementsAre("CREATED", "CREATED", "CREATED", "CREATED"));
  EXPECT_THAT(Import(plans), ElementsAre("UNCHANGED", "UNCHANGED", "UNCHANGED", "UNCHANGED"));
}

TEST_F(LearningStoreTest, ARevisionTakesTheKeyAndItsDigest) {
  ASSERT_THAT(Import({PlanOf(1)}), ElementsAre("CREATED"));
  const int64_t first = last_[0].plan_id;
  int64_t version = last_[0].version;
  for (PlanStatus to : {PlanStatus::kSubmitted, PlanStatus::kApproved}) {
    absl::StatusOr<Plan> moved = store_.SetPlanStatus(
        first, to == PlanStatus::kSubmitted ? PlanStatus::kDraft : PlanStatus::kSubmitted, to,
        version, "", 0, audit_);
    ASSERT_TRUE(moved.ok()) << moved.status();
    version = moved->version;
  }
  absl::StatusOr<Plan> revised = store_.RevisePlan(first, audit_);
  ASSERT_TRUE(revised.ok()) << revised.status();
  EXPECT_THAT(Import({PlanOf(1)}), ElementsAre("UNCHANGED"));
  EXPECT_EQ(last_[0].plan_id, revised->id);
  EXPECT_THAT(Import({PlanOf(1, "d2")}), ElementsAre("UPDATED"));
  EXPECT_EQ(last_[0].plan_id, revised->id);
  EXPECT_EQ(store_.GetPlan(first)->status, PlanStatus::kSuperseded);
}

TEST_F(LearningStoreTest, IdenticalBatchesStoredAtOnceMakeEachPlanOnce) {
  std::vector<PlanImport> batch;
  for (int n = 1; n <= kPeople; ++n) batch.push_back(PlanOf(n));
  std::vector<std::vector<PlanImportResult>> results(4);
  std::vector<std::thread> callers;
  for (auto& result : results) {
    callers.emplace_back([&] {
      absl::StatusOr<std::vector<PlanImportResult>> stored = store_.ImportPlans(batch, audit_);
      EXPECT_TRUE(stored.ok()) << stored.status();
      if (stored.ok()) result = *stored;
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(Count("plan"), kPeople);
  EXPECT_EQ(Count("plan_item"), 4 * kPeople);
  EXPECT_EQ(Count("change_log WHERE kind = 'plan'"), kPeople);
  for (int n = 0; n < kPeople; ++n) {
    int created = 0;
    for (const auto& result : results) {
      ASSERT_THAT(result, SizeIs(kPeople));
      EXPECT_EQ(result[n].plan_id, results[0][n].plan_id);
      created += result[n].outcome == ImportOutcome::kCreated ? 1 : 0;
    }
    EXPECT_EQ(created, 1) << "plan " << n;
  }
}

}  // namespace
}  // namespace thaksa::learning
