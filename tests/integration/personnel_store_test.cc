// Integration tests of the MySQL personnel store against a real MariaDB: the agency tree,
// period declarations, the bulk upsert and effective-dated history.
#include <map>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/citizen_id.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "tests/support/mariadb_server.h"

namespace thaksa::personnel {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const absl::CivilDay kToday(2026, 11, 21);

class PersonnelStoreTest : public ::testing::Test {
 protected:
  PersonnelStoreTest() : pool_(testing::FreshDatabase()), store_(pool_) {}

  // An agency whose head is its accountable officer, unless `officer` is false (divisions answer
  // to their department's).
  Agency MakeAgency(const std::string& code, const std::string& parent, AgencyKind kind,
                    bool officer = true) {
    Agency a;
    a.code = code;
    a.name_th = "หน่วยงาน " + code;
    a.parent_code = parent;
    a.kind = kind;
    if (officer) a.officer = {"หัวหน้า " + code, "", AccountableRole::kHead, ""};
    absl::StatusOr<Agency> created = store_.CreateAgency(a, audit_);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(a);
  }

  void MakeTree() {
    MakeAgency("MDES", "", AgencyKind::kMinistry);
    MakeAgency("TMD", "MDES", AgencyKind::kDepartment);
    MakeAgency("TMD-IT", "TMD", AgencyKind::kDivision, /*officer=*/false);
    MakeAgency("TMD-FC", "TMD", AgencyKind::kDivision, /*officer=*/false);
    MakeAgency("NSO", "MDES", AgencyKind::kDepartment);
    MakeAgency("NSO-DATA", "NSO", AgencyKind::kDivision, /*officer=*/false);
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

  int64_t Count(const std::string& table) {
    return testing::QueryInt(pool_, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }

  int64_t VersionOf(const std::string& employee) {
    return testing::QueryInt(pool_, absl::StrCat("SELECT version FROM person WHERE employee_number"
                                                 " = '", employee, "'"));
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

TEST_F(PersonnelStoreTest, AnAgencyWithoutAnAccountableOfficerDeclaresNoPeriodAndIsListed) {
  MakeTree();
  MakeAgency("DGA", "MDES", AgencyKind::kDepartment, /*officer=*/false);
  MakeAgency("DGA-IT", "DGA", AgencyKind::kDivision, /*officer=*/false);
  const std::string written =
      "SELECT (SELECT COUNT(*) FROM audit_event) + (SELECT COUNT(*) FROM change_log)"
      " + (SELECT COUNT(*) FROM agency_period)";
  const int64_t before = testing::QueryInt(pool_, written);
  const absl::Status refused =
      store_.SetAgencyPeriod("DGA", 2570, Period::kEarly, audit_).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(FieldViolationsOf(refused), ElementsAre(Field(&FieldViolation::field,
                                                            "accountable_officer")));
  EXPECT_EQ(store_.SetAgencyPeriod("DGA-IT", 2570, Period::kEarly, audit_).status().code(),
            absl::StatusCode::kFailedPrecondition)
      << "it answers to DGA";
  EXPECT_THAT(store_.GetAgency("DGA")->period_history, IsEmpty());
  EXPECT_EQ(testing::QueryInt(pool_, written), before) << "nothing written";
  EXPECT_TRUE(store_.SetAgencyPeriod("TMD-IT", 2570, Period::kEarly, audit_).ok())
      << "it answers to TMD, which names one";

  // Only the department is listed: a division answers to its department's officer.
  AgencyQuery query;
  query.parent_code = "MDES";
  query.subtree = true;
  query.needing_officer = true;
  absl::StatusOr<Page<Agency>> needing = store_.ListAgencies(query);
  ASSERT_TRUE(needing.ok()) << needing.status();
  ASSERT_THAT(needing->items, SizeIs(1));
  EXPECT_EQ(needing->items[0].code, "DGA");

  Agency dga = *store_.GetAgency("DGA");
  dga.officer = {"นางสาวดวงใจ ดิจิทัล", "ผู้อำนวยการ", AccountableRole::kCio, ""};
  ASSERT_TRUE(store_.UpdateAgency(dga, dga.version, audit_).ok());
  EXPECT_TRUE(store_.SetAgencyPeriod("DGA", 2570, Period::kEarly, audit_).ok());
  EXPECT_TRUE(store_.SetAgencyPeriod("DGA-IT", 2570, Period::kEarly, audit_).ok());
  EXPECT_THAT(store_.ListAgencies(query)->items, IsEmpty());
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

TEST_F(PersonnelStoreTest, AFurtherGroupIsApprovedByTheSupervisorsSupervisor) {
  MakeTree();
  const absl::CivilDay approved(2026, 3, 2);
  // E3 reports to E2, who reports to E1; E1 reports to no one.
  Outcomes({Row("E1", "1101700207030", "TMD"), Row("E2", "3100600345673", "TMD-IT", "E1")});
  PersonUpsert e3 = Row("E3", "1101700207048", "TMD-IT", "E2");
  e3.record.secondary_groups = {{PersonnelGroup::kService, "E1", approved},
                                {PersonnelGroup::kAcademic, "E1", approved}};
  EXPECT_THAT(Outcomes({e3}), ElementsAre(UpsertOutcome::kCreated));
  EXPECT_THAT(Outcomes({e3}), ElementsAre(UpsertOutcome::kUnchanged));
  Person stored = Get("E3");
  ASSERT_THAT(stored.secondary_groups, SizeIs(2));
  EXPECT_EQ(stored.secondary_groups[0].group, PersonnelGroup::kAcademic);
  EXPECT_EQ(stored.secondary_groups[0].approved_by, "E1");
  EXPECT_EQ(stored.secondary_groups[0].approved_on, approved);

  // Refused, naming the approval at fault: not the next-level supervisor; a supervisor with no
  // supervisor; no supervisor at all.
  auto refusal = [&](const PersonUpsert& row) {
    auto results = store_.UpsertPeople({row}, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    if (!results.ok() || results->front().errors.empty()) return std::string("accepted");
    const UpsertResult& result = results->front();
    EXPECT_EQ(result.rejection, absl::StatusCode::kFailedPrecondition);
    return absl::StrCat(result.errors.front().field, ": ", result.errors.front().description);
  };
  PersonUpsert wrong = e3;
  wrong.record.secondary_groups.push_back({PersonnelGroup::kOthers, "E9", approved});
  EXPECT_EQ(refusal(wrong),
            "secondary_groups[2].approved_by: must be the next-level supervisor: the supervisor "
            "of E2, E1");
  PersonUpsert e2 = Row("E2", "3100600345673", "TMD-IT", "E1");
  e2.record.secondary_groups = {{PersonnelGroup::kService, "E1", approved}};
  EXPECT_THAT(refusal(e2), HasSubstr("secondary_groups[0].approved_by: the supervisor (E1) has no "
                                     "supervisor of their own"));
  PersonUpsert e1 = Row("E1", "1101700207030", "TMD");
  e1.record.secondary_groups = {{PersonnelGroup::kService, "E2", approved}};
  EXPECT_THAT(refusal(e1), HasSubstr("the person has no supervisor"));
  EXPECT_THAT(Get("E3").secondary_groups, SizeIs(2)) << "nothing refused is stored";

  // A chain that comes in the same batch counts as it will be.
  PersonUpsert e6 = Row("E6", "1101700207056", "TMD-IT", "E5");
  e6.record.secondary_groups = {{PersonnelGroup::kService, "E4", approved}};
  EXPECT_THAT(Outcomes({e6, Row("E5", "1101700207064", "TMD-IT", "E4"),
                        Row("E4", "1101700207072", "TMD")}),
              Each(UpsertOutcome::kCreated));

  // A supervisor's row refused in the same batch leaves their stored supervisor to approve:
  // refused for a stale version, or for its own group (after the person's row was checked
  // against the supervisor it proposed).
  PersonUpsert stale = Row("E2", "3100600345673", "TMD-IT", "E1");
  stale.record.expected_version = 99;
  auto kept = store_.UpsertPeople({stale, wrong}, audit_);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ((*kept)[0].rejection, absl::StatusCode::kAborted);
  EXPECT_EQ((*kept)[1].errors.front().description,
            "must be the next-level supervisor: the supervisor of E2, E1");
  PersonUpsert approved_by_e4 = e3;
  approved_by_e4.record.secondary_groups.push_back({PersonnelGroup::kOthers, "E4", approved});
  PersonUpsert e2_under_e4 = Row("E2", "3100600345673", "TMD-IT", "E4");
  e2_under_e4.record.secondary_groups = {{PersonnelGroup::kService, "E9", approved}};
  auto rechecked = store_.UpsertPeople({approved_by_e4, e2_under_e4}, audit_);
  ASSERT_TRUE(rechecked.ok()) << rechecked.status();
  EXPECT_EQ((*rechecked)[1].errors.front().field, "secondary_groups[0].approved_by");
  EXPECT_EQ((*rechecked)[0].errors.front().description,
            "must be the next-level supervisor: the supervisor of E2, E1");
  EXPECT_EQ(Get("E2").supervisor_employee_number, "E1");

  // A refused approval refuses those who report to that new person in the same batch, and
  // nothing else fails; a row refused for a loop of supervision does not lend its proposed
  // supervisor to the check of another.
  PersonUpsert director = Row("E7", "1101700207080", "TMD");
  director.record.secondary_groups = {{PersonnelGroup::kService, "E1", approved}};
  auto mixed = store_.UpsertPeople({director, Row("E8", "1101700207099", "TMD-IT", "E7")}, audit_);
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  EXPECT_EQ((*mixed)[0].errors.front().field, "secondary_groups[0].approved_by");
  EXPECT_EQ((*mixed)[1].errors.front().description,
            "the supervisor's own record in this batch was rejected");
  PersonUpsert looping = Row("E2", "3100600345673", "TMD-IT", "E3");  // E3 reports to E2
  PersonUpsert newcomer = Row("E9", "1101700207102", "TMD-IT", "E2");
  newcomer.record.secondary_groups = {{PersonnelGroup::kService, "E3", approved}};
  auto loop = store_.UpsertPeople({looping, newcomer}, audit_);
  ASSERT_TRUE(loop.ok()) << loop.status();
  EXPECT_EQ((*loop)[0].errors.front().field, "supervisor_employee_number");
  EXPECT_EQ((*loop)[1].errors.front().description,
            "must be the next-level supervisor: the supervisor of E2, E1")
      << "E2 still reports to E1";
  newcomer.record.secondary_groups[0].approved_by = "e1";
  loop = store_.UpsertPeople({looping, newcomer}, audit_);
  ASSERT_TRUE(loop.ok()) << loop.status();
  EXPECT_EQ((*loop)[1].outcome, UpsertOutcome::kCreated) << "employee numbers in any case";

  // An approval kept before approval days were, sent again as it is, stays.
  const std::string legacy = absl::StrCat(
      "INSERT INTO person_secondary_group (person_id, personnel_group, approved_by) VALUES (",
      Get("E9").id, ", ", static_cast<int>(PersonnelGroup::kOthers), ", 'ผอ.กอง')");
  ASSERT_TRUE(pool_.Run([&](sql::Connection& c) {
                     Execute(c, legacy);
                     return absl::OkStatus();
                   }).ok());
  newcomer.record.secondary_groups.push_back({PersonnelGroup::kOthers, "ผอ.กอง", std::nullopt});
  EXPECT_THAT(Outcomes({newcomer}), ElementsAre(UpsertOutcome::kUnchanged));
  newcomer.record.secondary_groups.back().approved_by = "E1";
  auto undated = store_.UpsertPeople({newcomer}, audit_);
  ASSERT_TRUE(undated.ok()) << undated.status();
  EXPECT_EQ(undated->front().rejection, absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(undated->front().errors,
              ElementsAre(Field(&FieldViolation::field, "secondary_groups[1].approved_on")));

  // A stored approval stays when the supervisors change; a changed one is checked again.
  PersonUpsert moved = e3;
  moved.record.supervisor_employee_number = "E1";
  EXPECT_THAT(Outcomes({moved}), ElementsAre(UpsertOutcome::kUpdated));
  moved.record.secondary_groups[1].approved_on = absl::CivilDay(2026, 4, 1);
  EXPECT_THAT(refusal(moved), HasSubstr("secondary_groups[1].approved_by: the supervisor (E1)"));
  moved.record.secondary_groups.clear();
  EXPECT_THAT(Outcomes({moved}), ElementsAre(UpsertOutcome::kUpdated));
  EXPECT_THAT(Get("E3").secondary_groups, IsEmpty());
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

TEST_F(PersonnelStoreTest, ABatchWritesItsNewAndChangedRowsOnlyAndReportsEveryRow) {
  MakeTree();
  PersonUpsert e3 = Row("E3", "1101700207048", "TMD-IT", "E2");
  e3.record.secondary_groups = {{PersonnelGroup::kService, "E1", absl::CivilDay(2026, 3, 2)}};
  ASSERT_THAT(Outcomes({Row("E1", "1101700207030", "TMD-IT"),
                        Row("E2", "3100600345673", "TMD-FC", "E1"), e3}),
              Each(UpsertOutcome::kCreated));
  const int64_t audit_before = Count("audit_event"), changes_before = Count("change_log");

  // E5 is new, below; E3's group stays approved by E1, its supervisor's supervisor until now.
  PersonUpsert renamed = Row("E2", "3100600345673", "TMD-FC", "E5");
  renamed.record.name_th = "สมหญิง ใจดี";
  PersonUpsert moved = e3;
  moved.record.agency_code = "NSO-DATA";
  moved.effective_from = absl::CivilDay(2026, 4, 1);
  PersonUpsert unknown_agency = Row("E6", "1101700207056", "NOWHERE");
  PersonUpsert taken_citizen_id = Row("E7", "1101700207030", "TMD-IT");
  const std::vector<PersonUpsert> batch = {
      Row("E1", "1101700207030", "TMD-IT"),         // unchanged
      renamed,                                      // updated, supervisor created below
      moved,                                        // updated: a transfer
      Row("E4", "1101700207064", "TMD-IT", "E5"),   // created, supervisor created below
      Row("E5", "1101700207072", "NSO-DATA", "E1"), // created, supervisor stored
      unknown_agency,
      taken_citizen_id};
  auto results = store_.UpsertPeople(batch, audit_);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_THAT(*results, SizeIs(batch.size()));
  EXPECT_THAT(*results,
              ElementsAre(Field(&UpsertResult::outcome, UpsertOutcome::kUnchanged),
                          Field(&UpsertResult::outcome, UpsertOutcome::kUpdated),
                          Field(&UpsertResult::outcome, UpsertOutcome::kUpdated),
                          Field(&UpsertResult::outcome, UpsertOutcome::kCreated),
                          Field(&UpsertResult::outcome, UpsertOutcome::kCreated),
                          Field(&UpsertResult::outcome, UpsertOutcome::kRejected),
                          Field(&UpsertResult::outcome, UpsertOutcome::kRejected)));
  EXPECT_THAT((*results)[5].errors, ElementsAre(Field(&FieldViolation::field, "agency_code")));
  EXPECT_THAT((*results)[6].errors, ElementsAre(Field(&FieldViolation::field, "citizen_id")));
  for (size_t i = 0; i < 5; ++i) EXPECT_GT((*results)[i].person_id, 0) << i;

  EXPECT_EQ(Count("audit_event") - audit_before, 4) << "one per created or updated person";
  EXPECT_EQ(Count("change_log") - changes_before, 4);
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(DISTINCT entity_id) FROM change_log"
                                     " WHERE kind = 'person'"),
            5);
  EXPECT_EQ(VersionOf("E1"), 1) << "unchanged";
  EXPECT_EQ(VersionOf("E2"), 2);
  EXPECT_EQ(VersionOf("E3"), 2);
  EXPECT_EQ(VersionOf("E4"), 1) << "a new person given a new supervisor stays at version 1";
  EXPECT_EQ(VersionOf("E5"), 1);

  const Person e5 = Get("E5");
  Person e2 = Get("E2");
  EXPECT_EQ(e2.name_th, "สมหญิง ใจดี");
  EXPECT_EQ(e2.supervisor_id, e5.id);
  EXPECT_EQ(e2.supervisor_employee_number, "E5");
  EXPECT_THAT(e2.assignments, SizeIs(1)) << "a new name leaves the job as it was";
  EXPECT_EQ(Get("E4").supervisor_id, e5.id);
  EXPECT_EQ(e5.supervisor_id, Get("E1").id);
  Person e3_now = Get("E3");
  ASSERT_THAT(e3_now.assignments, SizeIs(2));
  EXPECT_EQ(e3_now.assignments[0].to, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(e3_now.assignments[1].agency_code, "NSO-DATA");
  EXPECT_THAT(e3_now.secondary_groups, ElementsAre(Field(&SecondaryGroup::group,
                                                         PersonnelGroup::kService)));
  EXPECT_EQ(Count("person"), 5);

  // The same batch again: nothing to write, not even a change-log row.
  const int64_t audit_after = Count("audit_event"), changes_after = Count("change_log");
  auto replay = store_.UpsertPeople(batch, audit_);
  ASSERT_TRUE(replay.ok()) << replay.status();
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*replay)[i].outcome, UpsertOutcome::kUnchanged) << i;
  EXPECT_EQ((*replay)[5].outcome, UpsertOutcome::kRejected);
  EXPECT_EQ((*replay)[6].outcome, UpsertOutcome::kRejected);
  EXPECT_EQ(Count("audit_event"), audit_after);
  EXPECT_EQ(Count("change_log"), changes_after);
  EXPECT_EQ(VersionOf("E2"), 2);
}

TEST_F(PersonnelStoreTest, GetPersonReadsTheHistoryAndGroupsTogetherByEveryKey) {
  MakeTree();
  Outcomes({Row("E8", "1101700207056", "TMD"), Row("E9", "1101700207064", "TMD", "E8")});
  PersonUpsert row = Row("E1", "1101700207030", "TMD-IT", "E9");
  row.record.secondary_groups = {{PersonnelGroup::kService, "E8", absl::CivilDay(2026, 3, 2)},
                                 {PersonnelGroup::kAcademic, "E8", absl::CivilDay(2025, 12, 1)}};
  Outcomes({row});
  const std::vector<std::pair<std::string, absl::CivilDay>> moves = {
      {"TMD-FC", absl::CivilDay(2026, 1, 1)}, {"NSO-DATA", absl::CivilDay(2026, 6, 1)}};
  for (const auto& [agency, from] : moves) {
    row.record.agency_code = agency;
    row.effective_from = from;
    ASSERT_THAT(Outcomes({row}), ElementsAre(UpsertOutcome::kUpdated));
  }
  Outcomes({Row("E2", "3100600345673", "TMD-IT", "E1")});

  PersonLookup by_key, by_id, by_citizen_id;
  by_key.agency_of_record_code = "TMD";
  by_key.employee_number = "E1";
  by_citizen_id.citizen_id_hash = hasher_.Hash("1101700207030");
  by_id.id = store_.GetPerson(by_key)->id;
  for (const PersonLookup& lookup : {by_key, by_id, by_citizen_id}) {
    auto person = store_.GetPerson(lookup);
    ASSERT_TRUE(person.ok()) << person.status();
    EXPECT_EQ(person->employee_number, "E1");
    EXPECT_EQ(person->agency_of_record_code, "TMD");
    EXPECT_EQ(person->version, 3);
    ASSERT_THAT(person->assignments, SizeIs(3));
    EXPECT_EQ(person->assignments[0].agency_code, "TMD-IT");
    EXPECT_EQ(person->assignments[0].to, absl::CivilDay(2026, 1, 1));
    EXPECT_EQ(person->assignments[1].agency_code, "TMD-FC");
    EXPECT_EQ(person->assignments[2].agency_code, "NSO-DATA");
    EXPECT_EQ(person->assignments[2].to, kOpenEnd);
    ASSERT_THAT(person->secondary_groups, SizeIs(2)) << "each group once, whatever the history";
    EXPECT_EQ(person->secondary_groups[0].group, PersonnelGroup::kAcademic);
    EXPECT_EQ(person->secondary_groups[0].approved_by, "E8");
    EXPECT_EQ(person->secondary_groups[0].approved_on, absl::CivilDay(2025, 12, 1));
    EXPECT_EQ(person->secondary_groups[1].group, PersonnelGroup::kService);
  }
  Person e2 = Get("E2");
  EXPECT_EQ(e2.supervisor_employee_number, "E1");
  EXPECT_THAT(e2.secondary_groups, IsEmpty());
  EXPECT_THAT(e2.assignments, SizeIs(1));
  PersonLookup nobody;
  nobody.id = 999999;
  EXPECT_EQ(store_.GetPerson(nobody).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PersonnelStoreTest, ABatchLargerThanAStatementIsStoredWhole) {
  MakeTree();
  constexpr int kPeople = 1234;  // rows of several multi-row statements
  std::vector<PersonUpsert> batch;
  for (int n = 0; n < kPeople; ++n) {
    // The first 100 supervise the rest; everyone comes in one batch.
    batch.push_back(Row(absl::StrCat("E", n), absl::StrFormat("%013d", n),
                        n % 2 == 0 ? "TMD-IT" : "TMD-FC",
                        n < 100 ? "" : absl::StrCat("E", n % 100)));
    batch.back().record.name_th = absl::StrCat("ข้าราชการ ", n);
  }
  EXPECT_THAT(Outcomes(batch), Each(UpsertOutcome::kCreated));
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM person WHERE supervisor_id IS NOT NULL"),
            kPeople - 100);
  for (int n = 0; n < kPeople; n += 3) batch[n].record.name_th = absl::StrCat("ใหม่ ", n);
  const int64_t changes_before = Count("change_log");
  std::vector<UpsertOutcome> outcomes = Outcomes(batch);
  ASSERT_THAT(outcomes, SizeIs(kPeople));
  for (int n = 0; n < kPeople; ++n) {
    EXPECT_EQ(outcomes[n], n % 3 == 0 ? UpsertOutcome::kUpdated : UpsertOutcome::kUnchanged) << n;
  }
  EXPECT_EQ(Count("change_log") - changes_before, (kPeople + 2) / 3);
  EXPECT_EQ(Count("person_assignment"), kPeople) << "renamed people keep their one assignment";
  EXPECT_EQ(Get("E999").name_th, "ใหม่ 999");
  EXPECT_EQ(Get("E998").name_th, "ข้าราชการ 998");
}

TEST_F(PersonnelStoreTest, ParallelIdenticalBatchesInRotatedOrdersCreateEachPersonOnce) {
  MakeTree();
  constexpr int kCallers = 8, kPeople = 40;
  std::vector<PersonUpsert> people;
  for (int n = 0; n < kPeople; ++n) {
    // A chain of supervision inside the batch: E1 reports to E0, E2 to E1, ...
    people.push_back(Row(absl::StrCat("E", n), absl::StrFormat("%013d", n), "TMD-IT",
                         n == 0 ? "" : absl::StrCat("E", n - 1)));
    people.back().record.name_th = absl::StrCat("ชื่อ ", n, " 😀");
  }
  std::vector<std::vector<UpsertResult>> results(kCallers);
  std::vector<absl::Status> statuses(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      std::vector<PersonUpsert> rotated;
      for (int k = 0; k < kPeople; ++k) rotated.push_back(people[(c * 5 + k) % kPeople]);
      auto stored = store_.UpsertPeople(rotated, audit_);
      statuses[c] = stored.status();
      if (stored.ok()) results[c] = *std::move(stored);
    });
  }
  for (std::thread& caller : callers) caller.join();
  std::map<int64_t, int> created, unchanged;  // by person id
  for (int c = 0; c < kCallers; ++c) {
    ASSERT_TRUE(statuses[c].ok()) << statuses[c];
    for (const UpsertResult& r : results[c]) {
      created[r.person_id] += r.outcome == UpsertOutcome::kCreated;
      unchanged[r.person_id] += r.outcome == UpsertOutcome::kUnchanged;
    }
  }
  ASSERT_THAT(created, SizeIs(kPeople));
  for (const auto& [id, n] : created) {
    EXPECT_EQ(n, 1) << id;
    EXPECT_EQ(unchanged[id], kCallers - 1) << id;
  }
  EXPECT_EQ(Count("person"), kPeople);
  EXPECT_EQ(Count("change_log"), kPeople) << "one change per person, none for the replays";
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'person'"),
            kPeople);
  EXPECT_EQ(testing::QueryInt(pool_, "SELECT COUNT(*) FROM person p JOIN person s"
                                     " ON s.id = p.supervisor_id"),
            kPeople - 1);
  EXPECT_EQ(Get("E39").supervisor_employee_number, "E38");
}

}  // namespace
}  // namespace thaksa::personnel
