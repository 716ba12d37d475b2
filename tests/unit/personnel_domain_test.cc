// Unit tests of the personnel rules: validation of agencies and person records, the period in
// force, and the effective-dated assignment history.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/domain/agency.h"
#include "services/personnel/domain/person.h"

namespace thaksa::personnel {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::SizeIs;

PersonRecord ValidRecord() {
  PersonRecord r;
  r.agency_of_record_code = "TMD";
  r.employee_number = "E-001";
  r.citizen_id = "1101700207030";
  r.name_th = "สมชาย ใจดี";
  r.agency_code = "TMD-IT";
  r.position_title = "นักวิชาการคอมพิวเตอร์";
  r.grade = "ชำนาญการ";
  r.group = PersonnelGroup::kTechnology;
  return r;
}

std::vector<FieldViolation> Violations(const PersonRecord& record) {
  FieldErrors errors;
  ValidatePersonRecord(record, "person.", errors);
  return errors.violations();
}

auto OnField(const std::string& field) { return Contains(Field(&FieldViolation::field, field)); }

std::vector<std::string> Fields(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : violations) fields.push_back(v.field);
  return fields;
}

TEST(PersonValidationTest, ValidRecordHasNoViolations) {
  EXPECT_THAT(Violations(ValidRecord()), IsEmpty());
}

TEST(PersonValidationTest, NamesEachBadField) {
  PersonRecord r = ValidRecord();
  r.citizen_id = "1101700207031";
  r.name_th = "  ";
  r.group = static_cast<PersonnelGroup>(42);
  r.email = "not-an-email";
  r.supervisor_employee_number = "E-001";
  const auto violations = Violations(r);
  EXPECT_THAT(violations, SizeIs(5));
  EXPECT_THAT(violations, OnField("person.citizen_id"));
  EXPECT_THAT(violations, OnField("person.name.th"));
  EXPECT_THAT(violations, OnField("person.personnel_group"));
  EXPECT_THAT(violations, OnField("person.email"));
  EXPECT_THAT(violations, OnField("person.supervisor_employee_number"));
}

TEST(PersonValidationTest, RequiredFieldsAndLengths) {
  PersonRecord r;
  const auto violations = Violations(r);
  for (const char* field : {"person.agency_of_record_code", "person.employee_number",
                            "person.citizen_id", "person.name.th", "person.agency_code",
                            "person.position_title", "person.grade", "person.personnel_group"}) {
    EXPECT_THAT(violations, OnField(field));
  }
  r = ValidRecord();
  r.name_th = std::string(256, 'a');
  EXPECT_THAT(Violations(r), OnField("person.name.th"));
  r.name_th = std::string(255 / 3, 'x') + "กขค";  // multibyte characters count as one each
  EXPECT_THAT(Violations(r), IsEmpty());
  r.name_th = "\xff\xfe";
  EXPECT_THAT(Violations(r), OnField("person.name.th"));
}

TEST(PersonValidationTest, SecondaryGroupsNeedAnApproverAboveTheSupervisorAndDifferFromPrimary) {
  PersonRecord r = ValidRecord();
  r.supervisor_employee_number = "E2";
  const absl::CivilDay day(2026, 3, 2);
  r.secondary_groups = {{PersonnelGroup::kTechnology, "E1", day},
                        {PersonnelGroup::kAcademic, "", day},
                        {PersonnelGroup::kService, "ผอ.กอง", day},
                        {PersonnelGroup::kService, "E1", day},
                        {PersonnelGroup::kOthers, "E2", absl::CivilDay(1900, 1, 1)},
                        {PersonnelGroup::kExecutive, r.employee_number, std::nullopt}};
  EXPECT_THAT(Fields(Violations(r)),
              ElementsAre("person.secondary_groups[0].group",
                          "person.secondary_groups[1].approved_by",
                          "person.secondary_groups[3].group",
                          "person.secondary_groups[4].approved_on",
                          "person.secondary_groups[5].approved_by"));
}

TEST(AgencyValidationTest, ChecksCodeNameKindAndOfficer) {
  Agency a;
  a.code = "bad code!";
  a.kind = AgencyKind::kUnspecified;
  a.officer.name = "นายสมชาย";
  FieldErrors errors;
  ValidateAgency(a, "agency.", errors);
  EXPECT_THAT(errors.violations(), OnField("agency.code"));
  EXPECT_THAT(errors.violations(), OnField("agency.name.th"));
  EXPECT_THAT(errors.violations(), OnField("agency.kind"));
  EXPECT_THAT(errors.violations(), OnField("agency.accountable_officer.role"));
}

TEST(AccountableOfficerTest, MinistriesAndDepartmentsNameOneAndTheAgenciesBelowAnswerToThem) {
  auto agency = [](const std::string& code, const std::string& parent, AgencyKind kind,
                   const std::string& officer = "") {
    Agency a;
    a.code = code;
    a.parent_code = parent;
    a.kind = kind;
    a.officer.name = officer;
    if (!officer.empty()) a.officer.role = AccountableRole::kCio;
    return a;
  };
  const Agency ministry = agency("MDES", "", AgencyKind::kMinistry, "นายสมชาย ใจดี");
  const Agency department = agency("DGA", "MDES", AgencyKind::kDepartment);
  const Agency division = agency("DGA-IT", "DGA", AgencyKind::kDivision);
  EXPECT_TRUE(NeedsAccountableOfficer(department));
  EXPECT_FALSE(NeedsAccountableOfficer(ministry));
  EXPECT_FALSE(NeedsAccountableOfficer(division)) << "answers to its department's officer";
  EXPECT_TRUE(NeedsAccountableOfficer(agency("ONDE", "", AgencyKind::kOther)))
      << "a top-level body answers to nobody else";
  EXPECT_TRUE(CheckMayDeclarePeriod(ministry, {}).ok());

  const absl::Status refused = CheckMayDeclarePeriod(department, {ministry});
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(FieldViolationsOf(refused),
              ElementsAre(Field(&FieldViolation::field, "accountable_officer")));
  const absl::Status division_refused = CheckMayDeclarePeriod(division, {ministry, department});
  EXPECT_EQ(division_refused.code(), absl::StatusCode::kFailedPrecondition)
      << "not the ministry's: the department's";
  EXPECT_THAT(std::string(division_refused.message()), ::testing::HasSubstr("answers to DGA"));
  EXPECT_TRUE(CheckMayDeclarePeriod(agency("DGA-IT", "DGA", AgencyKind::kDivision, "นายวีระ"),
                                    {ministry, department})
                  .ok())
      << "or its own";
  const Agency named = agency("DGA", "MDES", AgencyKind::kDepartment, "นางสาวดวงใจ ดิจิทัล");
  EXPECT_TRUE(CheckMayDeclarePeriod(named, {ministry}).ok());
  EXPECT_TRUE(CheckMayDeclarePeriod(division, {ministry, named}).ok());
}

TEST(AgencyValidationTest, AgencyCannotBeItsOwnParentOrMoveIntoItsSubtree) {
  Agency a;
  a.code = "TMD";
  a.name_th = "กรมอุตุนิยมวิทยา";
  a.kind = AgencyKind::kDepartment;
  a.parent_code = "TMD";
  FieldErrors errors;
  ValidateAgency(a, "agency.", errors);
  EXPECT_THAT(errors.violations(), OnField("agency.parent_code"));
  EXPECT_TRUE(IsWithinSubtree("/1/7/42/", "/1/7/"));
  EXPECT_TRUE(IsWithinSubtree("/1/7/", "/1/7/"));
  EXPECT_FALSE(IsWithinSubtree("/1/70/", "/1/7/"));
}

TEST(PeriodTest, DeclarationHoldsUntilTheNextAndLatestForAYearWins) {
  const std::vector<PeriodDeclaration> history = {{2569, Period::kEarly, absl::Time()},
                                                  {2571, Period::kEarly, absl::Time()},
                                                  {2571, Period::kDeveloping, absl::Time()}};
  EXPECT_EQ(PeriodInForce(history, 2568), Period::kUnspecified);
  EXPECT_EQ(PeriodInForce(history, 2569), Period::kEarly);
  EXPECT_EQ(PeriodInForce(history, 2570), Period::kEarly);
  EXPECT_EQ(PeriodInForce(history, 2571), Period::kDeveloping);
  EXPECT_EQ(PeriodInForce(history, 2580), Period::kDeveloping);
}

TEST(PeriodTest, AnAgencyWithoutItsOwnDeclarationIsInItsNearestAncestorsPeriod) {
  Agency division;
  division.code = "TMD-IT";
  division.ancestor_periods = {{"MDES", {{2569, Period::kEarly, absl::Time()}}},
                               {"TMD", {{2570, Period::kDeveloping, absl::Time()}}}};
  EXPECT_EQ(EffectivePeriod(division, 2570).period, Period::kDeveloping);
  EXPECT_EQ(EffectivePeriod(division, 2570).declared_by, "TMD");
  EXPECT_EQ(EffectivePeriod(division, 2569).declared_by, "MDES") << "TMD declared only from 2570";
  division.period_history = {{2570, Period::kMaturing, absl::Time()}};
  EXPECT_EQ(EffectivePeriod(division, 2570).period, Period::kMaturing);
  EXPECT_EQ(EffectivePeriod(division, 2570).declared_by, "TMD-IT");
  EXPECT_EQ(EffectivePeriod(Agency(), 2570).period, Period::kUnspecified);
}

Assignment Job(absl::CivilDay from, int64_t agency, const std::string& grade) {
  Assignment a;
  a.from = from;
  a.agency_id = agency;
  a.position_title = "นักวิชาการคอมพิวเตอร์";
  a.grade = grade;
  a.group = PersonnelGroup::kTechnology;
  return a;
}

TEST(AssignmentHistoryTest, TransferKeepsThePast) {
  std::vector<Assignment> history;
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ")));
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2025, 10, 1), 2, "ชำนาญการ")));
  ASSERT_THAT(history, SizeIs(2));
  EXPECT_EQ(history[0].to, absl::CivilDay(2025, 10, 1));
  EXPECT_EQ(history[1].to, kOpenEnd);
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2025, 9, 30))->agency_id, 1);
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2025, 10, 1))->agency_id, 2);
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2019, 12, 31)), nullptr);
}

TEST(AssignmentHistoryTest, SameJobAgainChangesNothing) {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  EXPECT_FALSE(ApplyAssignment(history, Job(absl::CivilDay(2024, 5, 1), 1, "ปฏิบัติการ")));
  EXPECT_THAT(history, SizeIs(1));
}

TEST(AssignmentHistoryTest, BackDatedChangeEndsWhereTheNextOneStarts) {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  ApplyAssignment(history, Job(absl::CivilDay(2025, 1, 1), 3, "ชำนาญการพิเศษ"));
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2022, 1, 1), 2, "ชำนาญการ")));
  ASSERT_THAT(history, SizeIs(3));
  EXPECT_EQ(history[0].to, absl::CivilDay(2022, 1, 1));
  EXPECT_EQ(history[1].agency_id, 2);
  EXPECT_EQ(history[1].to, absl::CivilDay(2025, 1, 1));
  EXPECT_EQ(history[2].agency_id, 3);
}

TEST(AssignmentHistoryTest, ChangeOnTheSameDayCorrectsIt) {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ชำนาญการ")));
  ASSERT_THAT(history, SizeIs(1));
  EXPECT_EQ(history[0].grade, "ชำนาญการ");
}

TEST(AssignmentHistoryTest, ChangeBeforeTheFirstAssignmentIsPrepended) {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2015, 1, 1), 2, "ปฏิบัติงาน")));
  ASSERT_THAT(history, SizeIs(2));
  EXPECT_EQ(history[0].agency_id, 2);
  EXPECT_EQ(history[0].to, absl::CivilDay(2020, 1, 1));
}

TEST(AssignmentHistoryTest, LeavingEndsTheHistoryOnTheLeavingDay) {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  ApplyAssignment(history, Job(absl::CivilDay(2027, 1, 1), 2, "ชำนาญการ"));  // planned move
  EndAssignments(history, absl::CivilDay(2026, 11, 11));
  ASSERT_THAT(history, SizeIs(1)) << "nothing after the leaving day";
  EXPECT_EQ(history[0].to, absl::CivilDay(2026, 11, 11));
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2026, 11, 10))->agency_id, 1);
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2026, 11, 11)), nullptr);

  const std::vector<Assignment> ended = history;
  EndAssignments(history, absl::CivilDay(2026, 11, 11));
  EXPECT_TRUE(SameHistory(history, ended)) << "leaving again on the same day changes nothing";
  EXPECT_FALSE(SameHistory(history, {}));
}

// Someone who worked from 2020 and left on 1 January 2024.
std::vector<Assignment> LeftIn2024() {
  std::vector<Assignment> history;
  ApplyAssignment(history, Job(absl::CivilDay(2020, 1, 1), 1, "ปฏิบัติการ"));
  EndAssignments(history, absl::CivilDay(2024, 1, 1));
  return history;
}

TEST(AssignmentHistoryTest, ARehireOpensANewAssignmentAfterTheGap) {
  std::vector<Assignment> history = LeftIn2024();
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2025, 6, 1), 1, "ปฏิบัติการ")));
  ASSERT_THAT(history, SizeIs(2));
  EXPECT_EQ(history[0].to, absl::CivilDay(2024, 1, 1));
  EXPECT_EQ(AssignmentOn(history, absl::CivilDay(2024, 6, 1)), nullptr) << "away in between";
  EXPECT_EQ(history[1].from, absl::CivilDay(2025, 6, 1));
  EXPECT_EQ(history[1].to, kOpenEnd);
}

TEST(AssignmentHistoryTest, TheSameJobFromBeforeTheLeavingDayUndoesTheLeaving) {
  std::vector<Assignment> history = LeftIn2024();
  EXPECT_TRUE(ApplyAssignment(history, Job(absl::CivilDay(2023, 6, 1), 1, "ปฏิบัติการ")));
  ASSERT_THAT(history, SizeIs(1));
  EXPECT_EQ(history[0].to, kOpenEnd);
}

TEST(SupervisionChainTest, LoopsThroughThePersonAreFoundAndOthersEndTheWalk) {
  // a -> b -> c -> a: each of them supervises themself through the chain.
  const SupervisorMap loop = {{"a", "b"}, {"b", "c"}, {"c", "a"}};
  for (const char* person : {"a", "b", "c"}) {
    EXPECT_TRUE(SupervisesThemselfThroughChain(loop, person)) << person;
  }
  EXPECT_TRUE(SupervisesThemselfThroughChain({{"a", "a"}}, "a")) << "oneself directly";
  // d -> e -> f -> e: a stored loop above d that does not pass through d ends the walk.
  const SupervisorMap above = {{"d", "e"}, {"e", "f"}, {"f", "e"}};
  EXPECT_FALSE(SupervisesThemselfThroughChain(above, "d"));
  // A chain that ends, and a person with no supervisor.
  EXPECT_FALSE(SupervisesThemselfThroughChain({{"g", "h"}, {"h", "i"}}, "g"));
  EXPECT_FALSE(SupervisesThemselfThroughChain({{"g", "h"}}, "x"));
}

}  // namespace
}  // namespace thaksa::personnel
