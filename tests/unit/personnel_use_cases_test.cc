// Personnel use cases (people sync in scope, scope checks) against the in-memory personnel store.
#include "services/personnel/people_sync.h"
#include "services/personnel/personnel_scope.h"

#include "gtest/gtest.h"
#include "tests/support/fake_personnel_store.h"

namespace thaksa::personnel {
namespace {

using testing::FakeDirectory;
using testing::FakePersonnelStore;

class PersonnelUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.AddAgency("MOF");
    store_.AddAgency("MOF-TD", "MOF");
    store_.AddAgency("MOF-TD-IT", "MOF-TD");
    store_.AddAgency("MOI");
  }

  static PersonUpsert Row(const std::string& record_agency, const std::string& employee,
                          const std::string& agency) {
    PersonUpsert row;
    row.record.agency_of_record_code = record_agency;
    row.record.employee_number = employee;
    row.record.name_th = "สมชาย ใจดี";
    row.record.agency_code = agency;
    row.record.position_title = "นักวิชาการคอมพิวเตอร์";
    row.record.group = PersonnelGroup::kTechnology;
    row.citizen_id_hash = "hash-" + employee;
    row.effective_from = absl::CivilDay(2026, 10, 1);
    return row;
  }

  Principal HrOf(const std::string& code) {
    Principal principal;
    principal.role = Role::kHrSystem;
    principal.agency_code = code;
    principal.agency_path = store_.PathOf(code);
    return principal;
  }

  FakePersonnelStore store_;
};

TEST_F(PersonnelUseCasesTest, RowsOutsideTheCallersSubtreeAreRefusedAloneNamingTheField) {
  std::vector<PersonUpsert> rows = {Row("MOF-TD", "1", "MOF-TD-IT"), Row("MOI", "2", "MOI"),
                                    Row("MOF-TD", "3", "MOI"), Row("MOF-TD", "4", "MOF-TD")};
  absl::StatusOr<std::vector<UpsertResult>> results =
      StorePeopleInScope(store_, HrOf("MOF-TD"), rows, {});
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 4u);
  EXPECT_EQ((*results)[0].outcome, UpsertOutcome::kCreated);
  EXPECT_EQ((*results)[3].outcome, UpsertOutcome::kCreated);

  const UpsertResult& both_outside = (*results)[1];
  EXPECT_EQ(both_outside.outcome, UpsertOutcome::kRejected);
  EXPECT_EQ(both_outside.rejection, absl::StatusCode::kPermissionDenied);
  ASSERT_EQ(both_outside.errors.size(), 2u);
  EXPECT_EQ(both_outside.errors[0].field, "agency_of_record_code");
  EXPECT_EQ(both_outside.errors[1].field, "agency_code");

  const UpsertResult& job_outside = (*results)[2];
  EXPECT_EQ(job_outside.rejection, absl::StatusCode::kPermissionDenied);
  ASSERT_EQ(job_outside.errors.size(), 1u);
  EXPECT_EQ(job_outside.errors[0].field, "agency_code");

  EXPECT_EQ(store_.people().size(), 2u) << "refused rows are never stored";
  EXPECT_EQ(store_.upsert_calls(), 1) << "the rows in scope are stored together";
}

TEST_F(PersonnelUseCasesTest, AnUnknownAgencyIsOutsideTheScopeOfHrButTheStoresCallForAdmin) {
  absl::StatusOr<std::vector<UpsertResult>> as_hr =
      StorePeopleInScope(store_, HrOf("MOF"), {Row("MOF", "1", "NOWHERE")}, {});
  ASSERT_TRUE(as_hr.ok());
  EXPECT_EQ((*as_hr)[0].rejection, absl::StatusCode::kPermissionDenied);

  Principal admin;
  admin.role = Role::kAdmin;
  absl::StatusOr<std::vector<UpsertResult>> as_admin =
      StorePeopleInScope(store_, admin, {Row("MOF", "1", "NOWHERE"), Row("MOI", "2", "MOI")}, {});
  ASSERT_TRUE(as_admin.ok());
  EXPECT_EQ((*as_admin)[0].rejection, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*as_admin)[0].errors[0].field, "agency_code");
  EXPECT_EQ((*as_admin)[1].outcome, UpsertOutcome::kCreated) << "ADMIN covers every agency";
}

TEST_F(PersonnelUseCasesTest, ABatchWhollyOutsideNeverReachesTheStore) {
  absl::StatusOr<std::vector<UpsertResult>> results =
      StorePeopleInScope(store_, HrOf("MOI"), {Row("MOF", "1", "MOF"), Row("MOF", "2", "MOF")}, {});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(store_.upsert_calls(), 0);
  for (const UpsertResult& result : *results) {
    EXPECT_EQ(result.rejection, absl::StatusCode::kPermissionDenied);
  }
}

TEST_F(PersonnelUseCasesTest, AReplayIsUnchangedAndTheDirectorySeesWhereThePersonWorks) {
  const Principal hr = HrOf("MOF");
  ASSERT_TRUE(StorePeopleInScope(store_, hr, {Row("MOF-TD", "1", "MOF-TD-IT")}, {}).ok());
  absl::StatusOr<std::vector<UpsertResult>> replay =
      StorePeopleInScope(store_, hr, {Row("MOF-TD", "1", "MOF-TD-IT")}, {});
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ((*replay)[0].outcome, UpsertOutcome::kUnchanged);

  FakeDirectory directory(store_);
  absl::StatusOr<PersonPlacement> placement =
      directory.PlacementOn((*replay)[0].person_id, absl::CivilDay(2026, 11, 21));
  ASSERT_TRUE(placement.ok());
  EXPECT_EQ(placement->agency_code, "MOF-TD-IT");
  EXPECT_EQ(placement->agency_path, store_.PathOf("MOF-TD-IT"));
  EXPECT_EQ(placement->group, static_cast<int>(PersonnelGroup::kTechnology));
  EXPECT_TRUE(directory.PlacementOn((*replay)[0].person_id, absl::CivilDay(2026, 9, 30))
                  ->agency_code.empty())
      << "no assignment before its first day";
}

TEST_F(PersonnelUseCasesTest, AgenciesInScopeAreThoseOfTheCallersSubtreeAndUnknownOnesLookForeign) {
  const Principal hr = HrOf("MOF-TD");
  EXPECT_TRUE(RequireAgencies(store_, hr, {"MOF-TD", "MOF-TD-IT"}).ok());
  EXPECT_EQ(RequireAgencies(store_, hr, {"MOF-TD-IT", "MOF"}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(RequireAgencies(store_, hr, {"NOWHERE"}).code(), absl::StatusCode::kPermissionDenied);
  Principal admin;
  admin.role = Role::kAdmin;
  EXPECT_TRUE(RequireAgencies(store_, admin, {"NOWHERE"}).ok());
}

TEST_F(PersonnelUseCasesTest, APersonIsSeenWhereRecordedOrWorkingTodayAndBySupervisorOrThemself) {
  Principal admin;
  admin.role = Role::kAdmin;
  PersonUpsert moved = Row("MOF-TD", "1", "MOF-TD-IT");
  moved.record.supervisor_employee_number = "B";
  ASSERT_TRUE(
      StorePeopleInScope(store_, admin, {Row("MOF-TD", "B", "MOF-TD"), moved}, {}).ok());
  const Person person = *store_.GetPerson({0, "MOF-TD", "1", ""});
  const absl::CivilDay today(2026, 11, 21);

  EXPECT_TRUE(RequirePerson(store_, HrOf("MOF-TD-IT"), person, today).ok()) << "works there";
  EXPECT_TRUE(RequirePerson(store_, HrOf("MOF"), person, today).ok());
  EXPECT_EQ(RequirePerson(store_, HrOf("MOI"), person, today).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(RequirePerson(store_, HrOf("MOF-TD-IT"), person, absl::CivilDay(2026, 9, 1)).code(),
            absl::StatusCode::kPermissionDenied)
      << "before the assignment began, only the agency of record covers them";

  Principal supervisor;
  supervisor.role = Role::kSupervisor;
  supervisor.person_id = person.supervisor_id;
  EXPECT_TRUE(RequirePerson(store_, supervisor, person, today).ok());
  Principal self;
  self.role = Role::kPerson;
  self.person_id = person.id;
  EXPECT_TRUE(RequirePerson(store_, self, person, today).ok());
  self.person_id = person.supervisor_id;
  EXPECT_EQ(RequirePerson(store_, self, person, today).code(), absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace thaksa::personnel
