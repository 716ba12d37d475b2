// Integration tests of the MySQL personnel store against a real MariaDB: the agency tree,
// period declarations, the bulk upsert and effective-dated history.
#include "common/citizen_id.h"
#include "common/db/connection_pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "tests/support/mariadb_server.h"

namespace thaksa::personnel {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const absl::CivilDay kToday(2026, 11, 21);

class PersonnelStoreTest : public ::testing::Test {
 protected:
  PersonnelStoreTest() : pool_(testing::FreshDatabase()), store_(pool_) {}

  Agency MakeAgency(const std::string& code, const std::string& parent, AgencyKind kind) {
    Agency a;
    a.code = code;
    a.name_th = "หน่วยงาน " + code;
    a.parent_code = parent;
    a.kind = kind;
    absl::StatusOr<Agency> created = store_.CreateAgency(a, audit_);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(a);
  }

  void MakeTree() {
    MakeAgency("MDES", "", AgencyKind::kMinistry);
    MakeAgency("TMD", "MDES", AgencyKind::kDepartment);
    MakeAgency("TMD-IT", "TMD", AgencyKind::kDivision);
    MakeAgency("TMD-FC", "TMD", AgencyKind::kDivision);
    MakeAgency("NSO", "MDES", AgencyKind::kDepartment);
    MakeAgency("NSO-DATA", "NSO", AgencyKind::kDivision);
  }

  std::vector<std::string> Codes(const AgencyQuery& query) {
    std::vector<std::string> codes;
    auto page = store_.ListAgencies(query);
    EXPECT_TRUE(page.ok()) << page.status();
    if (page.ok()) {
      for (const Agency& a : page->items) codes.push_back(a.code);
    }
    return codes;
  }

  PersonUpsert Row(const std::string& employee, const std::string& citizen_id,
                   const std::string& agency, const std::string& supervisor = "") {
    PersonUpsert row;
    row.record.agency_of_record_code = "TMD";
    row.record.employee_number = employee;
    row.record.name_th = "พนักงาน " + employee;
    row.record.agency_code = agency;
    row.record.position_title = "นักวิชาการคอมพิวเตอร์";
    row.record.grade = "ชำนาญการ";
    row.record.group = PersonnelGroup::kTechnology;
    row.record.supervisor_employee_number = supervisor;
    row.citizen_id_hash = hasher_.Hash(citizen_id);
    row.citizen_id_masked = MaskCitizenId(citizen_id);
    row.effective_from = absl::CivilDay(2025, 10, 1);
    return row;
  }

  std::vector<UpsertOutcome> Outcomes(const std::vector<PersonUpsert>& rows) {
    auto results = store_.UpsertPeople(rows, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    std::vector<UpsertOutcome> outcomes;
    if (results.ok()) {
      for (const UpsertResult& r : *results) outcomes.push_back(r.outcome);
    }
    return outcomes;
  }

  Person Get(const std::string& employee) {
    PersonLookup lookup;
    lookup.agency_of_record_code = "TMD";
    lookup.employee_number = employee;
    auto person = store_.GetPerson(lookup);
    EXPECT_TRUE(person.ok()) << person.status();
    return person.value_or(Person());
  }

  ConnectionPool pool_;
  MySqlPersonnelStore store_;
  CitizenIdHasher hasher_{"test-key-0123456789"};
  AuditCall audit_{0, Role::kAdmin, "/test", "request-1", absl::FromUnixSeconds(1790000000)};
};

TEST_F(PersonnelStoreTest, BuildsTreeAndListsChildrenOrSubtree) {
  MakeTree();
  EXPECT_THAT(Codes({"", false, 100, 0}), ElementsAre("MDES"));
  EXPECT_THAT(Codes({"MDES", false, 100, 0}), ElementsAre("TMD", "NSO"));
  EXPECT_THAT(Codes({"TMD", true, 100, 0}), ElementsAre("TMD-IT", "TMD-FC"));
  EXPECT_THAT(Codes({"", true, 100, 0}), SizeIs(6));
  auto page = store_.ListAgencies({"MDES", true, 2, 0});
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(page->items, SizeIs(2));
  EXPECT_TRUE(page->more);
}

TEST_F(PersonnelStoreTest, ThaiNamesRoundTrip) {
  Agency a;
  a.code = "MDES";
  a.name_th = "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม";
  a.name_en = "Ministry of Digital Economy and Society";
  a.kind = AgencyKind::kMinistry;
  a.officer = {"นายสมชาย ใจดี", "รองปลัดกระทรวง", AccountableRole::kCio, "cio@example.go.th"};
  ASSERT_TRUE(store_.CreateAgency(a, audit_).ok());
  auto stored = store_.GetAgency("MDES");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->name_th, a.name_th);
  EXPECT_EQ(stored->officer.name, "นายสมชาย ใจดี");
  EXPECT_EQ(stored->officer.role, AccountableRole::kCio);
  EXPECT_EQ(stored->version, 1);
}

TEST_F(PersonnelStoreTest, RejectsUnknownParentAndDuplicateCode) {
  MakeTree();
  Agency a;
  a.code = "X";
  a.name_th = "x";
  a.kind = AgencyKind::kDivision;
  a.parent_code = "NOPE";
  absl::Status status = store_.CreateAgency(a, audit_).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldViolationsOf(status), ElementsAre(Field(&FieldViolation::field, "agency.parent_code")));
  a.code = "TMD";
  a.parent_code = "MDES";
  EXPECT_EQ(store_.CreateAgency(a, audit_).status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(PersonnelStoreTest, MovingAnAgencyMovesItsSubtreeAndNeverMakesACycle) {
  MakeTree();
  Agency tmd = *store_.GetAgency("TMD");
  tmd.parent_code = "TMD-IT";  // under its own division
  absl::Status cycle = store_.UpdateAgency(tmd, tmd.version, audit_).status();
  EXPECT_EQ(cycle.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldViolationsOf(cycle), ElementsAre(Field(&FieldViolation::field, "agency.parent_code")));

  tmd.parent_code = "NSO";
  auto moved = store_.UpdateAgency(tmd, tmd.version, audit_);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->version, tmd.version + 1);
  EXPECT_THAT(Codes({"NSO", true, 100, 0}), ElementsAre("TMD", "TMD-IT", "TMD-FC", "NSO-DATA"));
  EXPECT_THAT(Codes({"MDES", false, 100, 0}), ElementsAre("NSO"));
}

TEST_F(PersonnelStoreTest, StaleVersionIsAborted) {
  MakeTree();
  Agency tmd = *store_.GetAgency("TMD");
  tmd.name_th = "ชื่อใหม่";
  ASSERT_TRUE(store_.UpdateAgency(tmd, tmd.version, audit_).ok());
  EXPECT_EQ(store_.UpdateAgency(tmd, tmd.version, audit_).status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_.GetAgency("TMD")->name_th, "ชื่อใหม่");
}

TEST_F(PersonnelStoreTest, PeriodDeclarationsKeepTheirHistory) {
  MakeTree();
  ASSERT_TRUE(store_.SetAgencyPeriod("TMD", 2569, Period::kEarly, audit_).ok());
  ASSERT_TRUE(store_.SetAgencyPeriod("TMD", 2570, Period::kEarly, audit_).ok());
  auto agency = store_.SetAgencyPeriod("TMD", 2570, Period::kDeveloping, audit_);
  ASSERT_TRUE(agency.ok());
  ASSERT_THAT(agency->period_history, SizeIs(3));
  EXPECT_EQ(PeriodInForce(agency->period_history, 2570), Period::kDeveloping);
  EXPECT_EQ(PeriodInForce(agency->period_history, 2569), Period::kEarly);
  EXPECT_EQ(store_.SetAgencyPeriod("NOPE", 2570, Period::kEarly, audit_).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PersonnelStoreTest, UpsertCreatesThenReportsUnchangedThenUpdated) {
  MakeTree();
  std::vector<PersonUpsert> rows = {Row("E1", "1101700207030", "TMD-IT"),
                                    Row("E2", "3100600345673", "TMD-FC", "E1")};
  ASSERT_TRUE(ValidateCitizenId("3100600345673").ok());
  EXPECT_THAT(Outcomes(rows), ElementsAre(UpsertOutcome::kCreated, UpsertOutcome::kCreated));
  EXPECT_THAT(Outcomes(rows), ElementsAre(UpsertOutcome::kUnchanged, UpsertOutcome::kUnchanged));
  rows[1].record.name_th = "ชื่อใหม่";
  EXPECT_THAT(Outcomes(rows), ElementsAre(UpsertOutcome::kUnchanged, UpsertOutcome::kUpdated));

  Person e2 = Get("E2");
  EXPECT_EQ(e2.name_th, "ชื่อใหม่");
  EXPECT_EQ(e2.version, 2);
  EXPECT_EQ(e2.supervisor_employee_number, "E1");
  EXPECT_EQ(e2.supervisor_id, Get("E1").id);
  EXPECT_EQ(e2.citizen_id_masked, MaskCitizenId("3100600345673"));
}

TEST_F(PersonnelStoreTest, BadReferencesRejectOnlyTheirRow) {
  MakeTree();
  std::vector<PersonUpsert> rows = {Row("E1", "1101700207030", "NOPE"),
                                    Row("E2", "3100600345673", "TMD-FC", "E1"),
                                    Row("E3", "1101700207030", "TMD-IT", "GHOST"),
                                    Row("E4", "1101700207048", "TMD-IT")};
  ASSERT_TRUE(ValidateCitizenId("1101700207048").ok());
  auto results = store_.UpsertPeople(rows, audit_);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_THAT((*results)[0].errors, ElementsAre(Field(&FieldViolation::field, "agency_code")));
  // E2's supervisor E1 was rejected in this batch, so E2 is too.
  EXPECT_THAT((*results)[1].errors,
              ElementsAre(Field(&FieldViolation::field, "supervisor_employee_number")));
  EXPECT_THAT((*results)[2].errors,
              ElementsAre(Field(&FieldViolation::field, "supervisor_employee_number")));
  EXPECT_EQ((*results)[3].outcome, UpsertOutcome::kCreated);
  auto page = store_.ListPeople({"", PersonnelGroup::kUnspecified, EmploymentStatus::kUnspecified,
                                 kToday, 100, 0});
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(page->items, ElementsAre(Field(&Person::employee_number, "E4")));
}

TEST_F(PersonnelStoreTest, CitizenIdBelongsToOneRecord) {
  MakeTree();
  EXPECT_THAT(Outcomes({Row("E1", "1101700207030", "TMD-IT")}),
              ElementsAre(UpsertOutcome::kCreated));
  auto results = store_.UpsertPeople({Row("E9", "1101700207030", "TMD-IT")}, audit_);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ((*results)[0].outcome, UpsertOutcome::kRejected);
  EXPECT_EQ((*results)[0].rejection, absl::StatusCode::kAlreadyExists);
  EXPECT_THAT((*results)[0].errors, ElementsAre(Field(&FieldViolation::field, "citizen_id")));
  PersonLookup by_citizen;
  by_citizen.citizen_id_hash = hasher_.Hash("1101700207030");
  EXPECT_EQ(store_.GetPerson(by_citizen)->employee_number, "E1");
}

TEST_F(PersonnelStoreTest, StaleExpectedVersionIsRejected) {
  MakeTree();
  Outcomes({Row("E1", "1101700207030", "TMD-IT")});
  PersonUpsert row = Row("E1", "1101700207030", "TMD-IT");
  row.record.name_th = "ใหม่";
  row.record.expected_version = 7;
  auto results = store_.UpsertPeople({row}, audit_);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ((*results)[0].rejection, absl::StatusCode::kAborted);
  row.record.expected_version = 1;
  EXPECT_THAT(Outcomes({row}), ElementsAre(UpsertOutcome::kUpdated));
}

TEST_F(PersonnelStoreTest, TransferKeepsHistoryAndListsByDate) {
  MakeTree();
  Outcomes({Row("E1", "1101700207030", "TMD-IT")});
  PersonUpsert transfer = Row("E1", "1101700207030", "NSO-DATA");
  transfer.record.grade = "ชำนาญการพิเศษ";
  transfer.effective_from = absl::CivilDay(2026, 4, 1);
  EXPECT_THAT(Outcomes({transfer}), ElementsAre(UpsertOutcome::kUpdated));

  Person e1 = Get("E1");
  ASSERT_THAT(e1.assignments, SizeIs(2));
  EXPECT_EQ(e1.assignments[0].agency_code, "TMD-IT");
  EXPECT_EQ(e1.assignments[0].to, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(e1.assignments[1].agency_code, "NSO-DATA");
  EXPECT_EQ(e1.assignments[1].grade, "ชำนาญการพิเศษ");

  auto people_in = [&](const std::string& agency, absl::CivilDay on) {
    auto page = store_.ListPeople({agency, PersonnelGroup::kUnspecified,
                                   EmploymentStatus::kUnspecified, on, 100, 0});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items.size() : 0;
  };
  EXPECT_EQ(people_in("TMD", absl::CivilDay(2026, 3, 31)), 1u);
  EXPECT_EQ(people_in("NSO", absl::CivilDay(2026, 3, 31)), 0u);
  EXPECT_EQ(people_in("TMD", kToday), 0u);
  EXPECT_EQ(people_in("NSO", kToday), 1u);
  EXPECT_EQ(people_in("MDES", kToday), 1u);
}

TEST_F(PersonnelStoreTest, ALeaverWorksNowhereFromTheLeavingDayUntilRehired) {
  MakeTree();
  Outcomes({Row("E1", "1101700207030", "TMD-IT")});
  PersonUpsert leaving = Row("E1", "1101700207030", "TMD-IT");
  leaving.record.status = EmploymentStatus::kLeft;
  leaving.effective_from = absl::CivilDay(2026, 11, 11);
  EXPECT_THAT(Outcomes({leaving}), ElementsAre(UpsertOutcome::kUpdated));
  EXPECT_THAT(Outcomes({leaving}), ElementsAre(UpsertOutcome::kUnchanged)) << "a replay";

  auto people_in_tmd = [&](absl::CivilDay on) {
    auto page = store_.ListPeople({"TMD", PersonnelGroup::kUnspecified,
                                   EmploymentStatus::kUnspecified, on, 100, 0});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items.size() : 0;
  };
  Person e1 = Get("E1");
  ASSERT_THAT(e1.assignments, SizeIs(1));
  EXPECT_EQ(e1.assignments[0].to, absl::CivilDay(2026, 11, 11));
  EXPECT_EQ(people_in_tmd(absl::CivilDay(2026, 11, 10)), 1u) << "still there the day before";
  EXPECT_EQ(people_in_tmd(kToday), 0u);

  PersonUpsert rehired = Row("E1", "1101700207030", "NSO-DATA");
  rehired.effective_from = absl::CivilDay(2027, 2, 1);
  EXPECT_THAT(Outcomes({rehired}), ElementsAre(UpsertOutcome::kUpdated));
  EXPECT_THAT(Outcomes({rehired}), ElementsAre(UpsertOutcome::kUnchanged));
  e1 = Get("E1");
  EXPECT_EQ(e1.status, EmploymentStatus::kActive);
  EXPECT_FALSE(e1.left_on.has_value());
  ASSERT_THAT(e1.assignments, SizeIs(2));
  EXPECT_EQ(e1.assignments[0].to, absl::CivilDay(2026, 11, 11));
  EXPECT_EQ(e1.assignments[1].agency_code, "NSO-DATA");
  EXPECT_EQ(e1.assignments[1].from, absl::CivilDay(2027, 2, 1));
}

TEST_F(PersonnelStoreTest, SecondaryGroupsAreStoredAndCompared) {
  MakeTree();
  PersonUpsert row = Row("E1", "1101700207030", "TMD-IT");
  row.record.secondary_groups = {{PersonnelGroup::kService, "ผอ.กอง"},
                                 {PersonnelGroup::kAcademic, "ผอ.กอง"}};
  EXPECT_THAT(Outcomes({row}), ElementsAre(UpsertOutcome::kCreated));
  EXPECT_THAT(Outcomes({row}), ElementsAre(UpsertOutcome::kUnchanged));
  Person e1 = Get("E1");
  ASSERT_THAT(e1.secondary_groups, SizeIs(2));
  EXPECT_EQ(e1.secondary_groups[0].group, PersonnelGroup::kAcademic);
  row.record.secondary_groups.clear();
  EXPECT_THAT(Outcomes({row}), ElementsAre(UpsertOutcome::kUpdated));
  EXPECT_THAT(Get("E1").secondary_groups, IsEmpty());
}

TEST_F(PersonnelStoreTest, AuditEventsCommitWithTheChangeAndOnlyWithIt) {
  MakeTree();  // 6 agencies, 6 events
  auto count = [&] { return testing::QueryInt(pool_, "SELECT COUNT(*) FROM audit_event"); };
  EXPECT_EQ(count(), 6);
  Agency tmd = *store_.GetAgency("TMD");
  EXPECT_FALSE(store_.UpdateAgency(tmd, tmd.version + 1, audit_).ok());
  EXPECT_EQ(count(), 6) << "a write that failed leaves no success event behind";

  Outcomes({Row("E1", "1101700207030", "TMD-IT"), Row("E2", "3100600345673", "TMD-IT")});
  EXPECT_EQ(count(), 8);
  Outcomes({Row("E1", "1101700207030", "TMD-IT")});
  EXPECT_EQ(count(), 8) << "unchanged rows write nothing";
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM audit_event WHERE entity_type = "
                                     "'person' AND request_id = 'request-1' AND outcome = 'OK'"),
            2);
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM change_log WHERE kind = 'person'"), 2)
      << "read models are told of every changed person";
}

TEST_F(PersonnelStoreTest, AnonymisesOnlyPeopleWhoLeftBeforeTheCutoff) {
  MakeTree();
  PersonUpsert hired = Row("E1", "1101700207030", "TMD-IT");
  hired.effective_from = absl::CivilDay(2005, 1, 1);
  Outcomes({hired});
  PersonUpsert leaver = Row("E1", "1101700207030", "TMD-IT");
  leaver.record.status = EmploymentStatus::kLeft;
  leaver.effective_from = absl::CivilDay(2012, 1, 1);
  PersonUpsert recent = Row("E2", "3100600345673", "TMD-IT");
  recent.record.status = EmploymentStatus::kLeft;
  recent.effective_from = absl::CivilDay(2024, 1, 1);
  Outcomes({leaver, recent, Row("E4", "1101700207048", "TMD-IT")});
  EXPECT_EQ(Get("E1").left_on, absl::CivilDay(2012, 1, 1));

  EXPECT_EQ(*store_.AnonymiseLeavers(absl::CivilDay(2016, 11, 21), audit_), 1);
  EXPECT_EQ(*store_.AnonymiseLeavers(absl::CivilDay(2016, 11, 21), audit_), 0) << "only once";
  Person e1 = Get("E1");
  EXPECT_TRUE(e1.anonymised);
  EXPECT_EQ(e1.email, "");
  EXPECT_NE(e1.citizen_id_hash, hasher_.Hash("1101700207030"));
  EXPECT_THAT(e1.assignments, SizeIs(1)) << "the job history stays";
  EXPECT_FALSE(Get("E2").anonymised);
  EXPECT_FALSE(Get("E4").anonymised);
}

}  // namespace
}  // namespace thaksa::personnel
