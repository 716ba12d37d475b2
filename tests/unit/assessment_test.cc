// Unit tests of assessment's use cases over the in-memory fakes: recording (precedence,
// supersession, refusals with the code and field a caller sees, idempotency by external id, the
// framework of the day assessed, the bulk answers and the reads of a bulk batch), framework
// versions, crosswalks, agencies' framework choices, scope, and the skill profile (targets by
// group and period, expiry, crosswalked levels).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/proto_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/agency_frameworks.h"
#include "services/assessment/assessment_recording.h"
#include "services/assessment/assessment_scope.h"
#include "services/assessment/behaviour_checklist.h"
#include "services/assessment/framework_lifecycle.h"
#include "services/assessment/skill_profile.h"
#include "tests/support/fake_assessment_store.h"
#include "tests/support/fake_catalogue.h"
#include "tests/support/fake_goal_activity_reads.h"
#include "tests/support/fake_personnel_store.h"
#include "tests/support/fake_annex_references.h"
#include "tests/support/records.h"

namespace thaksa::assessment {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing::FakeAssessmentStore;
using testing::FakeCatalogue;
using testing::FakeDirectory;
using testing::FakePersonnelStore;
using testing::FakeAnnexReferences;
using testing::FrameworkOf;

constexpr int kTechnology = 5;  // thaksa.common.v1.PersonnelGroup
const absl::CivilDay kToday(2026, 11, 21);

// The names of the fields `status` carries.
std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

common::v1::Date DateOf(absl::CivilDay day) {
  return testing::DateOf(static_cast<int>(day.year()), day.month(), day.day());
}

class AssessmentTest : public ::testing::Test {
 protected:
  // People.
  static constexpr int64_t kSpecialist = 1, kSupervisor = 2, kStatistician = 3;

  void SetUp() override {
    for (auto [code, parent] : {std::pair{"MDES", ""}, std::pair{"TMD", "MDES"},
                                std::pair{"TMD-IT", "TMD"}, std::pair{"NSO", "MDES"}}) {
      personnel_.AddAgency(code, parent);
      store_.AddAgency(code, parent);
    }
    store_.AddFramework(FrameworkOf("CS", {"LITERACY", "GOVERNANCE"}, {"DATA"}, 4));
    store_.AddFramework(FrameworkOf("NEW", {"DIGITAL_LITERACY"}, {}, 2));
    ASSERT_TRUE(store_.SetAgencyFramework("MDES", "CS", absl::CivilDay(2025, 10, 1), {}).ok());
    Place(kSpecialist, "TMD-IT", kSupervisor);
    Place(kSupervisor, "TMD-IT", 0);
    Place(kStatistician, "NSO", 0);
    catalogue_.SetInstitute("TDGA", 3);
    catalogue_.SetInstitute("OCSC", 4);
  }

  void Place(int64_t person_id, const std::string& agency, int64_t supervisor_id,
             std::optional<absl::CivilDay> assigned_from = std::nullopt) {
    PersonContext person;
    person.person_id = person_id;
    person.group = kTechnology;
    person.agency_code = agency;
    person.agency_path = personnel_.PathOf(agency);
    person.record_agency_path = person.agency_path;
    person.supervisor_id = supervisor_id;
    person.period = Period::kDeveloping;
    store_.SetPerson(person, assigned_from);
  }

  static Principal As(Role role, int64_t person_id = 0, const std::string& institute = "") {
    Principal principal;
    principal.role = role;
    principal.person_id = person_id;
    principal.institute_code = institute;
    return principal;
  }
  Principal HrOf(const std::string& agency) {
    Principal principal;
    principal.role = Role::kHrSystem;
    principal.agency_id = 7;
    principal.agency_code = agency;
    principal.agency_path = personnel_.PathOf(agency);
    return principal;
  }

  static v1::AssessmentRecord Record(int64_t person, const std::string& skill_set, int level,
                                     v1::AssessmentSource source, absl::CivilDay on) {
    return testing::AssessmentRecordOf(person, skill_set, level, source, DateOf(on));
  }

  absl::StatusOr<Recorded> RecordAs(const Principal& principal, const v1::AssessmentRecord& r) {
    AssessmentRecorder recorder(store_, catalogue_, units_, principal, kToday);
    return recorder.Record(r, "assessment.", {});
  }

  // The level counted for person's skill set of CS, -1 if none.
  int Counted(int64_t person, const std::string& skill_set) {
    std::optional<AssessmentFact> fact = store_.StandingOf(person, "CS", skill_set);
    return fact.has_value() ? fact->level : -1;
  }

  FakePersonnelStore personnel_;
  FakeDirectory directory_{personnel_};
  FakeAssessmentStore store_;
  FakeCatalogue catalogue_;
  FakeAnnexReferences units_{{"DG200", "DL402", "DTr200", "DTr602.2"}};
};

// Recording.

TEST_F(AssessmentTest, TheMostTrustedSourceCountsAndASupersededAssessmentStopsCounting) {
  const Principal self = As(Role::kPerson, kSpecialist);
  const Principal supervisor = As(Role::kSupervisor, kSupervisor);
  absl::StatusOr<Recorded> first = RecordAs(
      self, Record(kSpecialist, "LITERACY", 1, v1::ASSESSMENT_SOURCE_SELF, absl::CivilDay(2026, 3, 1)));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->outcome, RecordOutcome::kRecorded);
  EXPECT_EQ(first->assessment.fact.framework_code, "CS") << "the agency's framework, inherited";
  EXPECT_THAT(first->assessment.record_json, ::testing::HasSubstr("\"framework_code\":\"CS\""));
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 1);

  absl::StatusOr<Recorded> by_supervisor = RecordAs(
      supervisor,
      Record(kSpecialist, "LITERACY", 3, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 4, 1)));
  ASSERT_TRUE(by_supervisor.ok()) << by_supervisor.status();
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 3);
  ASSERT_TRUE(RecordAs(self, Record(kSpecialist, "LITERACY", 4, v1::ASSESSMENT_SOURCE_SELF,
                                    absl::CivilDay(2026, 9, 1))).ok());
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 3)
      << "a later self-assessment does not override the supervisor's";

  v1::AssessmentRecord correction =
      Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 4, 1));
  correction.set_supersedes_id(by_supervisor->assessment.fact.id);
  correction.set_supersede_reason("กรอกระดับผิด");
  absl::StatusOr<Recorded> corrected = RecordAs(supervisor, correction);
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 2) << "the superseded 3 no longer counts";
  absl::StatusOr<std::vector<StoredAssessment>> all = store_.AssessmentsOf(kSpecialist);
  ASSERT_TRUE(all.ok());
  for (const StoredAssessment& a : *all) {
    if (a.fact.id == by_supervisor->assessment.fact.id) {
      EXPECT_EQ(a.fact.superseded_by_id, corrected->assessment.fact.id);
    }
  }

  absl::Status again = RecordAs(supervisor, correction).status();
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition) << again;
  EXPECT_THAT(Fields(again), ElementsAre("assessment.supersedes_id"));
  correction.set_supersedes_id(first->assessment.fact.id + 100);
  EXPECT_THAT(Fields(RecordAs(supervisor, correction).status()),
              ElementsAre("assessment.supersedes_id"));
}

TEST_F(AssessmentTest, RefusalsCarryTheCodeAndFieldACallerSees) {
  const auto literacy = [](int64_t person, int level, v1::AssessmentSource source) {
    return Record(person, "LITERACY", level, source, absl::CivilDay(2026, 3, 1));
  };
  const Principal admin = As(Role::kAdmin);
  struct Case {
    std::string what;
    Principal principal;
    v1::AssessmentRecord record;
    absl::StatusCode code;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"unknown person, to ADMIN", admin, literacy(99, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kInvalidArgument, {"assessment.person_id"}},
      {"unknown person, to others", HrOf("TMD"), literacy(99, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kPermissionDenied, {}},
      {"unknown skill set", admin, Record(kSpecialist, "COOKING", 1,
                                          v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1)),
       absl::StatusCode::kInvalidArgument, {"assessment.skill_set_code"}},
      {"level off the scale", admin, literacy(kSpecialist, 9, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kInvalidArgument, {"assessment.level"}},
      {"assessed in the future", admin,
       Record(kSpecialist, "LITERACY", 1, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 11, 22)),
       absl::StatusCode::kInvalidArgument, {"assessment.assessed_on"}},
      {"source not the person's", As(Role::kPerson, kSpecialist),
       literacy(kSpecialist, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kPermissionDenied, {"assessment.source"}},
      {"source not an institute's", As(Role::kTrainingInstitute, 0, "TDGA"),
       literacy(kSpecialist, 2, v1::ASSESSMENT_SOURCE_SELF), absl::StatusCode::kPermissionDenied,
       {"assessment.source"}},
      {"someone else, as a person", As(Role::kPerson, kSpecialist),
       literacy(kSupervisor, 2, v1::ASSESSMENT_SOURCE_SELF), absl::StatusCode::kPermissionDenied,
       {}},
      {"not their report", As(Role::kSupervisor, kSupervisor),
       literacy(kStatistician, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kPermissionDenied, {}},
      {"outside the HR subtree", HrOf("TMD"),
       literacy(kStatistician, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kPermissionDenied, {}},
      {"a supervisor of themself", As(Role::kSupervisor, kSupervisor),
       literacy(kSupervisor, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR),
       absl::StatusCode::kPermissionDenied, {}},
      {"the service for no institute", As(Role::kService),
       literacy(kSpecialist, 2, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM),
       absl::StatusCode::kPermissionDenied, {}},
  };
  v1::AssessmentRecord unknown_framework = literacy(kSpecialist, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR);
  unknown_framework.set_framework_code("NONE");
  cases.push_back({"unknown framework", admin, unknown_framework,
                   absl::StatusCode::kInvalidArgument, {"assessment.framework_code"}});
  ASSERT_TRUE(CreateDraftFramework(store_, FrameworkOf("DRAFT", {"LITERACY"}, {}, 3), {}).ok());
  v1::AssessmentRecord draft = literacy(kSpecialist, 2, v1::ASSESSMENT_SOURCE_SUPERVISOR);
  draft.set_framework_code("DRAFT");
  cases.push_back({"a draft framework", admin, draft, absl::StatusCode::kInvalidArgument,
                   {"assessment.framework_code"}});

  for (const Case& c : cases) {
    const absl::Status status = RecordAs(c.principal, c.record).status();
    EXPECT_EQ(status.code(), c.code) << c.what << ": " << status;
    EXPECT_EQ(Fields(status), c.fields) << c.what << ": " << status;
  }
  EXPECT_EQ(store_.assessment_count(), 0u);
  EXPECT_THAT(store_.changes(), ElementsAre("agency MDES"));
}

TEST_F(AssessmentTest, TheServiceRecordsForItsInstituteInTheInstitutesKeys) {
  const Principal service = As(Role::kService, 0, "TDGA");
  const Principal institute = As(Role::kTrainingInstitute, 0, "TDGA");
  v1::AssessmentRecord exam =
      Record(kStatistician, "LITERACY", 3, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1));
  exam.set_external_id("completion:r-1:LITERACY");
  absl::StatusOr<Recorded> relayed = RecordAs(service, exam);
  ASSERT_TRUE(relayed.ok()) << relayed.status() << " (institutes assess whoever attends)";
  EXPECT_EQ(relayed->outcome, RecordOutcome::kRecorded);
  EXPECT_EQ(relayed->assessment.assessor_role, static_cast<int>(Role::kTrainingInstitute))
      << "the institute's assessment, which the relay only delivered";
  EXPECT_EQ(relayed->assessment.assessor_token_id, 0) << "no token named on its behalf";
  absl::StatusOr<Recorded> direct = RecordAs(institute, exam);
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_EQ(direct->outcome, RecordOutcome::kUnchanged);
  EXPECT_EQ(direct->assessment.fact.id, relayed->assessment.fact.id);
  EXPECT_EQ(RecorderKey(service), "institute:TDGA");
  EXPECT_EQ(RecorderKey(HrOf("TMD")), "hr:7");
  EXPECT_EQ(RecorderKey(As(Role::kSupervisor, 5)), "person:5");
}

TEST_F(AssessmentTest, AnInstitutesRecordsNameARegisteredInstituteWithinItsTrust) {
  Principal relay = As(Role::kService, 0, "TDGA");
  relay.on_behalf_of_token_id = 41;
  Principal institute = As(Role::kTrainingInstitute, 0, "TDGA");
  institute.token_id = 41;
  const v1::AssessmentRecord at_trust =
      Record(kSpecialist, "LITERACY", 3, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1));
  v1::AssessmentRecord above = at_trust;
  above.set_level(4);  // on the scale of CS (0-4), above TDGA's 3

  // Above the institute's max_assessed_level: refused on level, naming the cap, by the relay
  // for the institute as by the institute itself.
  for (const Principal& p : {relay, institute}) {
    const absl::Status status = RecordAs(p, above).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << RoleName(p.role) << status;
    EXPECT_THAT(Fields(status), ElementsAre("assessment.level")) << RoleName(p.role);
    EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("max_assessed_level is 3"));
  }
  // An institute nobody registered: refused whatever the level.
  for (const Principal& p :
       {As(Role::kService, 0, "NOBODY"), As(Role::kTrainingInstitute, 0, "NOBODY")}) {
    const absl::Status status = RecordAs(p, at_trust).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied) << RoleName(p.role) << status;
    EXPECT_THAT(Fields(status), ElementsAre("institute_code")) << RoleName(p.role);
  }
  EXPECT_EQ(store_.assessment_count(), 0u);

  // At the trust it is recorded, attributed to the institute and the token it was recorded by.
  absl::StatusOr<Recorded> relayed = RecordAs(relay, at_trust);
  ASSERT_TRUE(relayed.ok()) << relayed.status();
  EXPECT_EQ(relayed->assessment.assessor_role, static_cast<int>(Role::kTrainingInstitute));
  EXPECT_EQ(relayed->assessment.assessor_token_id, 41);
  v1::AssessmentRecord other = at_trust;
  other.set_skill_set_code("GOVERNANCE");
  absl::StatusOr<Recorded> direct = RecordAs(institute, other);
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_EQ(direct->assessment.assessor_role, static_cast<int>(Role::kTrainingInstitute));
  EXPECT_EQ(direct->assessment.assessor_token_id, 41);

  // The trust as it is when recorded: raised, the level that was refused passes.
  catalogue_.SetInstitute("TDGA", 4);
  EXPECT_TRUE(RecordAs(relay, above).ok());

  // Other roles are not institutes: an administrator's exam result is not capped.
  catalogue_.SetInstitute("TDGA", 1);
  v1::AssessmentRecord by_admin = above;
  by_admin.set_person_id(kStatistician);
  EXPECT_TRUE(RecordAs(As(Role::kAdmin), by_admin).ok());

  // The catalogue unreadable: the caller is told to try again (the relay keeps the row pending).
  catalogue_.FailWith(absl::UnavailableError("the catalogue is away"));
  EXPECT_EQ(RecordAs(relay, at_trust).status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(AssessmentTest, AnInstitutesTrustIsReadOncePerCall) {
  AssessmentRecorder recorder(store_, catalogue_, units_, As(Role::kService, 0, "TDGA"), kToday);
  for (const char* skill_set : {"LITERACY", "GOVERNANCE"}) {
    ASSERT_TRUE(recorder
                    .Prepare(Record(kSpecialist, skill_set, 2, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM,
                                    absl::CivilDay(2026, 5, 1)),
                             "")
                    .ok());
  }
  EXPECT_EQ(catalogue_.asked(), 1);
}

TEST_F(AssessmentTest, AnExternalIdIsUnchangedForTheSameContentAndAConflictForOther) {
  const Principal institute = As(Role::kTrainingInstitute, 0, "TDGA");
  v1::AssessmentRecord exam =
      Record(kSpecialist, "GOVERNANCE", 3, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1));
  exam.set_external_id("x-1");
  absl::StatusOr<Recorded> first = RecordAs(institute, exam);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<Recorded> replay = RecordAs(institute, exam);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->outcome, RecordOutcome::kUnchanged);
  EXPECT_EQ(replay->assessment.fact.id, first->assessment.fact.id);

  v1::AssessmentRecord other = exam;
  other.set_level(1);
  const absl::Status conflict = RecordAs(institute, other).status();
  EXPECT_EQ(conflict.code(), absl::StatusCode::kAlreadyExists) << conflict;
  EXPECT_THAT(Fields(conflict), ElementsAre("assessment.external_id"));
  EXPECT_EQ(Counted(kSpecialist, "GOVERNANCE"), 3) << "nothing is overwritten";

  absl::StatusOr<Recorded> elsewhere = RecordAs(As(Role::kTrainingInstitute, 0, "OCSC"), other);
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.status();
  EXPECT_EQ(elsewhere->outcome, RecordOutcome::kRecorded) << "external ids are the recorder's own";
  EXPECT_EQ(store_.assessment_count(), 2u);
}

TEST_F(AssessmentTest, UnitCodesAreKeptInTheirOneFormAndAnUnknownOneIsNamedWithTheNearest) {
  const Principal institute = As(Role::kTrainingInstitute, 0, "TDGA");
  v1::AssessmentRecord certified = Record(kSpecialist, "GOVERNANCE", 3,
                                          v1::ASSESSMENT_SOURCE_CERTIFICATION,
                                          absl::CivilDay(2026, 5, 1));
  certified.set_external_id("cert-1");
  for (const char* code : {"dtr-200", "DL 402", "DTr200:K", "DTr602,2"}) {
    certified.add_unit_codes(code);
  }
  absl::StatusOr<Recorded> first = RecordAs(institute, certified);
  ASSERT_TRUE(first.ok()) << first.status();
  v1::AssessmentRecord stored;
  ASSERT_TRUE(FromJson(first->assessment.record_json, &stored).ok());
  EXPECT_THAT(stored.unit_codes(), ElementsAre("DL402", "DTr200", "DTr602.2"));

  v1::AssessmentRecord respelt = certified;
  respelt.clear_unit_codes();
  for (const char* code : {"DTr602.2", "dl402", "DTr200"}) respelt.add_unit_codes(code);
  const int read_before = units_.read();
  absl::StatusOr<Recorded> replay = RecordAs(institute, respelt);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->outcome, RecordOutcome::kUnchanged)
      << "the same codes in another spelling and order";
  EXPECT_EQ(units_.read(), read_before) << "a replay is not checked again";

  v1::AssessmentRecord unknown =
      Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_CERTIFICATION,
             absl::CivilDay(2026, 5, 2));
  for (const char* code : {"DL402", "DL403", "DX1"}) unknown.add_unit_codes(code);
  const absl::Status refused = RecordAs(institute, unknown).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << refused;
  EXPECT_THAT(Fields(refused), ElementsAre("assessment.unit_codes[2]")) << "no unit code at all";
  unknown.mutable_unit_codes()->RemoveLast();
  const absl::Status nearest = RecordAs(institute, unknown).status();
  EXPECT_THAT(Fields(nearest), ElementsAre("assessment.unit_codes[1]"));
  EXPECT_THAT(std::string(nearest.message()), ::testing::HasSubstr("the nearest is DL402"));

  v1::AssessmentRecord crowded = unknown;
  for (int i = 0; i < 21; ++i) crowded.add_unit_codes("DL402");
  EXPECT_THAT(Fields(RecordAs(institute, crowded).status()),
              ElementsAre("assessment.unit_codes"));
  EXPECT_EQ(store_.assessment_count(), 1u) << "nothing refused is stored";
}

TEST_F(AssessmentTest, TheChecklistHoldsTheGroupsBehavioursOfThePeriodWithTheirEvidence) {
  const auto behaviour = [](const std::string& code, int group, Period period,
                            const std::string& units) {
    return BehaviourRow{"driver", "stage", group, "ไทย", "text", units, "", "", code,
                        static_cast<int>(period)};
  };
  constexpr int kAcademic = 3;
  ASSERT_TRUE(store_
                  .PutBehaviours({behaviour("T2S1-TECH-1", kTechnology, Period::kDeveloping, "DL402"),
                                  behaviour("T2S1-TECH-2", kTechnology, Period::kDeveloping, "DS404"),
                                  behaviour("T2S1-TECH-3", kTechnology, Period::kDeveloping, "DTr602"),
                                  behaviour("T2S1-TECH-4", kTechnology, Period::kDeveloping, "DTr200.3"),
                                  behaviour("T2S1-TECH-5", kTechnology, Period::kDeveloping, "DG200"),
                                  behaviour("T1S1-TECH-1", kTechnology, Period::kEarly, "DL402"),
                                  behaviour("T2S1-ACAD-1", kAcademic, Period::kDeveloping, "DL402")},
                                 {})
                  .ok());
  const Principal supervisor = As(Role::kSupervisor, kSupervisor);
  v1::AssessmentRecord assessed = Record(kSpecialist, "LITERACY", 2,
                                         v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 6, 1));
  assessed.add_unit_codes("DL402");
  ASSERT_TRUE(RecordAs(supervisor, assessed).ok());
  v1::AssessmentRecord expired = Record(kSpecialist, "GOVERNANCE", 2,
                                        v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2025, 11, 1));
  *expired.mutable_valid_until() = DateOf(absl::CivilDay(2026, 6, 1));
  expired.add_unit_codes("DTr200");
  ASSERT_TRUE(RecordAs(supervisor, expired).ok());
  // The person's own view of LITERACY, outranked by the supervisor's: it links, it does not show.
  v1::AssessmentRecord self = Record(kSpecialist, "LITERACY", 4, v1::ASSESSMENT_SOURCE_SELF,
                                     absl::CivilDay(2026, 7, 1));
  self.add_unit_codes("DTr200");
  ASSERT_TRUE(RecordAs(As(Role::kPerson, kSpecialist), self).ok());
  // Counted for GOVERNANCE now, but at level 0: it shows nothing.
  v1::AssessmentRecord none = Record(kSpecialist, "GOVERNANCE", 0,
                                     v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 8, 1));
  none.add_unit_codes("DG200");
  ASSERT_TRUE(RecordAs(supervisor, none).ok());
  testing::FakeGoalActivityReads activities;
  learning::GoalActivity item;
  item.id = 21;
  item.title = "โครงการข้อมูลเปิด";
  item.behaviour_codes = {"T2S1-TECH-2"};
  item.application = learning::ApplicationState::kRecorded;
  activities.Add(kSpecialist, item);
  learning::GoalActivity course;
  course.kind = learning::GoalActivity::Kind::kCompletion;
  course.id = 31;
  course.unit_codes = {"DTr602.2"};
  course.done = true;
  course.application = learning::ApplicationState::kConfirmed;
  activities.Add(kSpecialist, course);

  const absl::StatusOr<PersonContext> person = store_.PersonContextOn(kSpecialist, kToday);
  ASSERT_TRUE(person.ok());
  const int assessment_reads = store_.reads()["AssessmentsOf"];
  const absl::StatusOr<v1::BehaviourChecklist> checklist =
      BehaviourChecklistOf(store_, activities, *person, kToday);
  ASSERT_TRUE(checklist.ok()) << checklist.status();
  EXPECT_EQ(store_.reads()["AssessmentsOf"], assessment_reads + 1)
      << "the assessments listed are the ones the profile counts from";
  EXPECT_EQ(activities.asked_fiscal_year, 2570);
  EXPECT_EQ(checklist->period(), common::v1::PERIOD_DEVELOPING);
  std::vector<std::pair<std::string, v1::BehaviourState>> states;
  for (const v1::CheckedBehaviour& b : checklist->behaviours()) {
    states.emplace_back(b.behaviour().code(), b.state());
  }
  EXPECT_THAT(states, ElementsAre(std::pair{"T2S1-TECH-1", v1::BEHAVIOUR_STATE_SHOWN},
                                  std::pair{"T2S1-TECH-2", v1::BEHAVIOUR_STATE_IN_PROGRESS},
                                  std::pair{"T2S1-TECH-3", v1::BEHAVIOUR_STATE_SHOWN},
                                  std::pair{"T2S1-TECH-4", v1::BEHAVIOUR_STATE_IN_PROGRESS},
                                  std::pair{"T2S1-TECH-5", v1::BEHAVIOUR_STATE_IN_PROGRESS}))
      << "of their group and period only; the expired assessment of DTr200, the outranked"
         " self-assessment and the one at level 0 link without showing";
  EXPECT_EQ(checklist->framework_code(), "CS");
  EXPECT_EQ(checklist->shown(), 2);
  EXPECT_EQ(checklist->in_progress(), 3);
  EXPECT_EQ(checklist->not_started(), 0);
  std::vector<std::pair<v1::EvidenceKind, bool>> fourth;
  for (const v1::BehaviourEvidence& e : checklist->behaviours(3).evidence()) {
    fourth.emplace_back(e.kind(), e.shows());
  }
  EXPECT_THAT(fourth, ElementsAre(std::pair{v1::EVIDENCE_KIND_ASSESSMENT, false},
                                  std::pair{v1::EVIDENCE_KIND_ASSESSMENT, false}))
      << "the self-assessment (newest recorded first), then the expired one";
  const v1::BehaviourEvidence& by_assessment = checklist->behaviours(0).evidence(0);
  EXPECT_EQ(by_assessment.kind(), v1::EVIDENCE_KIND_ASSESSMENT);
  EXPECT_EQ(by_assessment.title(), absl::StrCat("LITERACY · ", assessed.instrument()));
  EXPECT_THAT(by_assessment.matched_codes(), ElementsAre("DL402"));
  const v1::BehaviourEvidence& by_item = checklist->behaviours(1).evidence(0);
  EXPECT_EQ(by_item.kind(), v1::EVIDENCE_KIND_PLAN_ITEM);
  EXPECT_EQ(by_item.title(), "โครงการข้อมูลเปิด");
  EXPECT_TRUE(by_item.application_recorded());
  EXPECT_FALSE(by_item.application_confirmed());
  EXPECT_FALSE(by_item.shows());
  EXPECT_EQ(checklist->behaviours(2).evidence(0).kind(), v1::EVIDENCE_KIND_COMPLETION);
  EXPECT_THAT(checklist->behaviours(2).evidence(0).matched_codes(), ElementsAre("DTr602"));

  const absl::StatusOr<v1::BehaviourChecklist> in_may =
      BehaviourChecklistOf(store_, activities, *person, absl::CivilDay(2026, 5, 31));
  ASSERT_TRUE(in_may.ok()) << in_may.status();
  EXPECT_EQ(activities.asked_day, absl::CivilDay(2026, 5, 31));
  EXPECT_EQ(activities.asked_fiscal_year, 2569);
  EXPECT_EQ(in_may->behaviours(0).state(), v1::BEHAVIOUR_STATE_NOT_STARTED)
      << "the supervisor assessed DL402 in June";
  EXPECT_EQ(in_may->behaviours(3).state(), v1::BEHAVIOUR_STATE_SHOWN)
      << "the assessment of DTr200 counted then, before it expired and before the self-assessment";

  PersonContext undeclared = *person;
  undeclared.period = Period::kUnspecified;
  EXPECT_EQ(BehaviourChecklistOf(store_, activities, undeclared, kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
  PersonContext unassigned = *person;
  unassigned.group = 0;
  EXPECT_EQ(BehaviourChecklistOf(store_, activities, unassigned, kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
  activities.Fail(absl::UnavailableError("the database went away"));
  EXPECT_EQ(BehaviourChecklistOf(store_, activities, *person, kToday).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(AssessmentTest, UnitCodesAreCheckedWithOneReadOfTheCatalogueAndAFailedReadIsNoRefusal) {
  std::vector<v1::AssessmentRecord> batch;
  for (int day = 1; day <= 5; ++day) {
    batch.push_back(Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR,
                           absl::CivilDay(2026, 5, day)));
    batch.back().add_unit_codes("DTr200");
  }
  units_.FailWith(absl::UnavailableError("catalogue down"));
  AssessmentRecorder recorder(store_, catalogue_, units_, As(Role::kAdmin), kToday);
  EXPECT_EQ(recorder.RecordAll(batch, {}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store_.assessment_count(), 0u);
  units_.FailWith(absl::OkStatus());
  const int read_before = units_.read();
  absl::StatusOr<std::vector<RecordResult>> sent_again = recorder.RecordAll(batch, {});
  ASSERT_TRUE(sent_again.ok()) << sent_again.status();
  for (const RecordResult& result : *sent_again) EXPECT_EQ(result.outcome, RecordOutcome::kRecorded);
  EXPECT_EQ(units_.read() - read_before, 1);
}

TEST_F(AssessmentTest, AReplayedRecordIsUnchangedAfterTheInstitutesTrustWasLowered) {
  const Principal relay = As(Role::kService, 0, "TDGA");
  v1::AssessmentRecord exam =
      Record(kSpecialist, "LITERACY", 3, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1));
  exam.set_external_id("completion:r-1:LITERACY");  // no framework named: the agency's, CS
  v1::AssessmentRecord named = exam;
  named.set_external_id("completion:r-1:GOVERNANCE");
  named.set_skill_set_code("GOVERNANCE");
  named.set_framework_code("CS");
  absl::StatusOr<Recorded> first = RecordAs(relay, exam);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<Recorded> first_named = RecordAs(relay, named);
  ASSERT_TRUE(first_named.ok()) << first_named.status();

  catalogue_.SetInstitute("TDGA", 2);  // below the level both were recorded at
  // The delivery retried (its answer lost): the same records again are UNCHANGED, by the relay
  // as by the institute's own token, with or without the framework named.
  for (const Principal& p : {relay, As(Role::kTrainingInstitute, 0, "TDGA")}) {
    absl::StatusOr<Recorded> replay = RecordAs(p, exam);
    ASSERT_TRUE(replay.ok()) << RoleName(p.role) << replay.status();
    EXPECT_EQ(replay->outcome, RecordOutcome::kUnchanged);
    EXPECT_EQ(replay->assessment.fact.id, first->assessment.fact.id);
    absl::StatusOr<Recorded> replay_named = RecordAs(p, named);
    ASSERT_TRUE(replay_named.ok()) << RoleName(p.role) << replay_named.status();
    EXPECT_EQ(replay_named->outcome, RecordOutcome::kUnchanged);
    EXPECT_EQ(replay_named->assessment.fact.id, first_named->assessment.fact.id);
  }
  AssessmentRecorder bulk(store_, catalogue_, units_, relay, kToday);
  absl::StatusOr<NewAssessment> prepared = bulk.Prepare(exam, "");
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  absl::StatusOr<std::vector<RecordResult>> stored = bulk.Store({*prepared}, {});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->front().outcome, RecordOutcome::kUnchanged) << "in a bulk stream as well";

  // The same key with other content is checked as any record: above the trust now, refused
  // on level; within it, the conflict the store gives.
  v1::AssessmentRecord above = exam;
  above.set_instrument("another sitting");
  const absl::Status capped = RecordAs(relay, above).status();
  EXPECT_EQ(capped.code(), absl::StatusCode::kInvalidArgument) << capped;
  EXPECT_THAT(Fields(capped), ElementsAre("assessment.level"));
  v1::AssessmentRecord lower = exam;
  lower.set_level(2);
  const absl::Status conflict = RecordAs(relay, lower).status();
  EXPECT_EQ(conflict.code(), absl::StatusCode::kAlreadyExists) << conflict;
  EXPECT_THAT(Fields(conflict), ElementsAre("assessment.external_id"));
  // The same content under a new external id is a new record, held to the lowered trust.
  v1::AssessmentRecord renamed = exam;
  renamed.set_external_id("completion:r-2:LITERACY");
  const absl::Status refused = RecordAs(relay, renamed).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << refused;
  EXPECT_THAT(std::string(refused.message()), ::testing::HasSubstr("max_assessed_level is 2"));
  EXPECT_EQ(store_.assessment_count(), 2u);
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 3) << "nothing is overwritten";
}

TEST_F(AssessmentTest, AReplayedRecordIsUnchangedAfterItsFrameworkVersionWasRetired) {
  const Principal hr = HrOf("TMD");
  v1::AssessmentRecord followed =
      Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 5, 1));
  followed.set_external_id("hr-1");  // no framework named: the agency's, CS
  v1::AssessmentRecord named =
      Record(kSpecialist, "DIGITAL_LITERACY", 1, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 5, 1));
  named.set_framework_code("NEW");
  named.set_external_id("hr-2");
  absl::StatusOr<Recorded> first = RecordAs(hr, followed);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<Recorded> first_named = RecordAs(hr, named);
  ASSERT_TRUE(first_named.ok()) << first_named.status();

  ASSERT_TRUE(ChangeFrameworkStatus(store_, "CS", FrameworkStatus::kRetired, {}).ok());
  ASSERT_TRUE(ChangeFrameworkStatus(store_, "NEW", FrameworkStatus::kRetired, {}).ok());
  absl::StatusOr<Recorded> replay = RecordAs(hr, followed);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->outcome, RecordOutcome::kUnchanged);
  EXPECT_EQ(replay->assessment.fact.id, first->assessment.fact.id);
  absl::StatusOr<Recorded> replay_named = RecordAs(hr, named);
  ASSERT_TRUE(replay_named.ok()) << replay_named.status();
  EXPECT_EQ(replay_named->outcome, RecordOutcome::kUnchanged);
  EXPECT_EQ(replay_named->assessment.fact.id, first_named->assessment.fact.id);

  // Other content under the same key, or a new record, is refused on the retired version.
  v1::AssessmentRecord other = named;
  other.set_level(0);
  v1::AssessmentRecord fresh = named;
  fresh.set_external_id("hr-3");
  for (const v1::AssessmentRecord& r : {other, fresh}) {
    const absl::Status status = RecordAs(hr, r).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << r.external_id() << status;
    EXPECT_THAT(Fields(status), ElementsAre("assessment.framework_code")) << r.external_id();
  }
  EXPECT_EQ(store_.assessment_count(), 2u);
}

TEST_F(AssessmentTest, TheFrameworkIsTheOneFollowedWhereThePersonWorkedWhenAssessed) {
  ASSERT_TRUE(store_.SetAgencyFramework("TMD", "NEW", absl::CivilDay(2026, 6, 1), {}).ok());
  absl::StatusOr<Recorded> before = RecordAs(
      As(Role::kAdmin),
      Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1)));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->assessment.fact.framework_code, "CS");
  absl::StatusOr<Recorded> after = RecordAs(
      As(Role::kAdmin),
      Record(kSpecialist, "DIGITAL_LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 7, 1)));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->assessment.fact.framework_code, "NEW") << "TMD's own choice outranks MDES's";

  // Before their first assignment (an old certificate): where they work today.
  Place(kStatistician, "TMD-IT", 0, absl::CivilDay(2026, 1, 1));
  absl::StatusOr<Recorded> old = RecordAs(
      As(Role::kAdmin),
      Record(kStatistician, "DIGITAL_LITERACY", 1, v1::ASSESSMENT_SOURCE_CERTIFICATION,
             absl::CivilDay(2024, 5, 1)));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->assessment.fact.framework_code, "NEW");
}

TEST_F(AssessmentTest, APersonWithoutAssignmentNeedsAFrameworkNamed) {
  PersonContext leaver;
  leaver.person_id = 8;
  leaver.record_agency_path = personnel_.PathOf("TMD");
  store_.SetPerson(leaver);
  v1::AssessmentRecord record =
      Record(8, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1));
  const absl::Status unnamed = RecordAs(HrOf("TMD"), record).status();
  EXPECT_EQ(unnamed.code(), absl::StatusCode::kInvalidArgument) << unnamed;
  EXPECT_THAT(Fields(unnamed), ElementsAre("assessment.framework_code"));
  record.set_framework_code("CS");
  EXPECT_TRUE(RecordAs(HrOf("TMD"), record).ok());
}

TEST_F(AssessmentTest, BulkRecordsArePreparedAloneAndStoredTogether) {
  AssessmentRecorder recorder(store_, catalogue_, units_, As(Role::kTrainingInstitute, 0, "TDGA"),
                              kToday);
  std::vector<NewAssessment> batch;
  std::vector<RecordResult> refused;
  for (const v1::AssessmentRecord& r :
       {Record(kSpecialist, "LITERACY", 3, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1)),
        Record(kSpecialist, "LITERACY", 9, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1)),
        Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SELF, absl::CivilDay(2026, 5, 1)),
        Record(99, "LITERACY", 2, v1::ASSESSMENT_SOURCE_INSTITUTE_EXAM, absl::CivilDay(2026, 5, 1)),
        Record(kStatistician, "GOVERNANCE", 2, v1::ASSESSMENT_SOURCE_CERTIFICATION,
               absl::CivilDay(2026, 5, 1))}) {
    absl::StatusOr<NewAssessment> prepared = recorder.Prepare(r, "");
    if (prepared.ok()) {
      batch.push_back(*prepared);
    } else {
      refused.push_back(RejectionOf(prepared.status()));
    }
  }
  ASSERT_EQ(refused.size(), 3u);
  EXPECT_EQ(refused[0].rejection, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused[0].errors, (std::vector<FieldViolation>{
                                   {"level", "is not on the scale of framework CS (0-4)"}}));
  EXPECT_EQ(refused[1].rejection, absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(refused[1].errors,
            (std::vector<FieldViolation>{
                {"source", "role TRAINING_INSTITUTE may not record this kind of assessment"}}));
  EXPECT_EQ(refused[2].rejection, absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(refused[2].errors,
            (std::vector<FieldViolation>{{"person_id", "outside the caller's scope"}}));

  absl::StatusOr<std::vector<RecordResult>> stored = recorder.Store(batch, {});
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->size(), 2u);
  for (const RecordResult& result : *stored) EXPECT_EQ(result.outcome, RecordOutcome::kRecorded);
  EXPECT_EQ(Counted(kSpecialist, "LITERACY"), 3);
  EXPECT_EQ(Counted(kStatistician, "GOVERNANCE"), 2);
  EXPECT_THAT(store_.audited(),
              ElementsAre("agency/MDES OK", "assessment/1 OK", "assessment/2 OK"));
}

TEST_F(AssessmentTest, ABulkBatchReadsWhatItNeedsOnceForAllItsRecords) {
  const Principal admin = As(Role::kAdmin);
  Place(kStatistician, "NSO", 0, absl::CivilDay(2026, 6, 1));  // assessed before: where today
  v1::AssessmentRecord kept = Record(kSpecialist, "GOVERNANCE", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR,
                                    absl::CivilDay(2026, 3, 1));
  kept.set_external_id("kept");
  ASSERT_TRUE(RecordAs(admin, kept).ok());
  std::vector<v1::AssessmentRecord> batch = {kept};
  for (int day = 1; day <= 20; ++day) {
    for (int64_t person : {kSpecialist, kSupervisor, kStatistician}) {
      v1::AssessmentRecord r = Record(person, "LITERACY", day % 5, v1::ASSESSMENT_SOURCE_SUPERVISOR,
                                      absl::CivilDay(2026, 5, day));
      if (day % 2 == 0) r.set_framework_code("CS");
      r.set_external_id(absl::StrCat("x-", person, "-", day));
      batch.push_back(r);
    }
  }
  batch.push_back(
      Record(99, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 5, 1)));
  v1::AssessmentRecord conflict = kept;
  conflict.set_level(3);
  batch.push_back(conflict);
  const std::map<std::string, int> before = store_.reads();

  AssessmentRecorder recorder(store_, catalogue_, units_, admin, kToday);
  absl::StatusOr<std::vector<RecordResult>> results = recorder.RecordAll(batch, {});
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), batch.size());
  EXPECT_EQ(results->front().outcome, RecordOutcome::kUnchanged);
  for (size_t i = 1; i + 2 < batch.size(); ++i) {
    EXPECT_EQ((*results)[i].outcome, RecordOutcome::kRecorded) << i;
  }
  EXPECT_EQ((*results)[batch.size() - 2].rejection, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*results)[batch.size() - 2].errors.front().field, "person_id");
  EXPECT_EQ(results->back().rejection, absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(results->back().errors.front().field, "external_id");
  EXPECT_EQ(Counted(kStatistician, "LITERACY"), 0) << "the last day's level";

  std::map<std::string, int> reads = store_.reads();
  for (const auto& [name, count] : before) reads[name] -= count;
  EXPECT_EQ(reads["RecordsOfExternalKeys"], 1);
  EXPECT_EQ(reads["PersonContextsOnDays"], 2) << "the day assessed, then today for the unassigned";
  EXPECT_EQ(reads["FrameworksFollowed"], 1);
  EXPECT_EQ(reads["PersonContextOn"], 0);
  EXPECT_EQ(reads["AgencyFramework"], 0);
}

TEST_F(AssessmentTest, AStoreThatCannotAnswerIsNotARefusal) {
  store_.FailReads(absl::UnavailableError("assessment store down"));
  EXPECT_EQ(RecordAs(HrOf("TMD"), Record(kSpecialist, "LITERACY", 2,
                                         v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1)))
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(VisiblePerson(store_, HrOf("TMD"), kSpecialist, kToday).status().code(),
            absl::StatusCode::kUnavailable);
  v1::Crosswalk crosswalk;
  crosswalk.set_from_framework("CS");
  crosswalk.set_to_framework("NEW");
  EXPECT_EQ(StoreCrosswalk(store_, crosswalk, {}).code(), absl::StatusCode::kUnavailable);
}

TEST_F(AssessmentTest, ABatchThatCannotBeCheckedIsNotAnsweredRecordByRecordAsRefused) {
  const std::vector<v1::AssessmentRecord> batch = {
      Record(kSpecialist, "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR,
             absl::CivilDay(2026, 3, 1)),
      Record(kSupervisor, "LITERACY", 1, v1::ASSESSMENT_SOURCE_SUPERVISOR,
             absl::CivilDay(2026, 3, 1))};
  store_.FailReads(absl::UnavailableError("assessment store down"));
  AssessmentRecorder recorder(store_, catalogue_, units_, HrOf("TMD"), kToday);
  EXPECT_EQ(recorder.RecordAll(batch, {}).status().code(), absl::StatusCode::kUnavailable);
  store_.FailReads(absl::OkStatus());
  absl::StatusOr<std::vector<RecordResult>> sent_again = recorder.RecordAll(batch, {});
  ASSERT_TRUE(sent_again.ok()) << sent_again.status();
  for (const RecordResult& result : *sent_again) EXPECT_EQ(result.outcome, RecordOutcome::kRecorded);
}

// Framework versions and crosswalks.

TEST_F(AssessmentTest, AFrameworkIsRevisedOnlyAtTheVersionReadAndOnlyAsADraft) {
  v1::Framework definition = FrameworkOf("TPQI", {"DIGITAL_LITERACY"}, {"SECURITY"}, 3);
  definition.set_version(42);
  definition.set_status(v1::FRAMEWORK_STATUS_PUBLISHED);
  absl::StatusOr<v1::Framework> created = CreateDraftFramework(store_, definition, {});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->status(), v1::FRAMEWORK_STATUS_DRAFT) << "status and version are the store's";
  EXPECT_EQ(created->version(), 1);
  EXPECT_EQ(CreateDraftFramework(store_, definition, {}).status().code(),
            absl::StatusCode::kAlreadyExists);

  definition.set_source("TPQI, Nov 2024");
  absl::StatusOr<v1::Framework> revised = ReviseDraftFramework(store_, definition, 1, {});
  ASSERT_TRUE(revised.ok()) << revised.status();
  EXPECT_EQ(revised->version(), 2);
  EXPECT_EQ(revised->source(), "TPQI, Nov 2024");
  EXPECT_EQ(ReviseDraftFramework(store_, definition, 1, {}).status().code(),
            absl::StatusCode::kAborted)
      << "someone else's revision came first";
  EXPECT_THAT(Fields(ReviseDraftFramework(store_, definition, 0, {}).status()),
              ElementsAre("expected_version"));

  EXPECT_THAT(Fields(ChangeFrameworkStatus(store_, "TPQI", FrameworkStatus::kDraft, {}).status()),
              ElementsAre("status"));
  absl::StatusOr<v1::Framework> published =
      ChangeFrameworkStatus(store_, "TPQI", FrameworkStatus::kPublished, {});
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->status(), v1::FRAMEWORK_STATUS_PUBLISHED);
  EXPECT_EQ(ReviseDraftFramework(store_, definition, published->version(), {}).status().code(),
            absl::StatusCode::kFailedPrecondition)
      << "a published version is immutable";
  ASSERT_TRUE(ChangeFrameworkStatus(store_, "TPQI", FrameworkStatus::kRetired, {}).ok());
  EXPECT_EQ(ChangeFrameworkStatus(store_, "TPQI", FrameworkStatus::kPublished, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ChangeFrameworkStatus(store_, "NONE", FrameworkStatus::kPublished, {}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(AssessmentTest, AnInvalidDefinitionNamesEveryFieldAndStoresNothing) {
  v1::Framework definition;
  definition.set_code("X 1");
  definition.add_levels()->set_level(1);
  const absl::Status status = CreateDraftFramework(store_, definition, {}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(status), ::testing::IsSupersetOf({"framework.code", "framework.name.th",
                                                       "framework.skill_sets",
                                                       "framework.levels"}));
  EXPECT_EQ(store_.GetFramework("X 1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(AssessmentTest, ACrosswalkMapsEveryLevelOnBothScales) {
  v1::Crosswalk crosswalk;
  crosswalk.set_from_framework("CS");
  crosswalk.set_to_framework("NONE");
  EXPECT_THAT(Fields(StoreCrosswalk(store_, crosswalk, {})), ElementsAre("to_framework"));
  crosswalk.set_to_framework("NEW");
  auto* skill_set = crosswalk.add_skill_sets();
  skill_set->set_from_skill_set("LITERACY");
  skill_set->set_to_skill_set("COOKING");
  for (int level = 0; level <= 3; ++level) {
    auto* m = crosswalk.add_levels();
    m->set_from_level(level);
    m->set_to_level(level);
  }
  EXPECT_THAT(Fields(StoreCrosswalk(store_, crosswalk, {})),
              ElementsAre("skill_sets[0]", "levels[3]", "levels"))
      << "level 3 is off NEW's scale; level 4 of CS is unmapped";
  EXPECT_THAT(store_.CrosswalksTo("NEW").value(), IsEmpty());
}

// Agencies' framework choices.

TEST_F(AssessmentTest, AnAgencyChoosesWithinTheCallersSubtree) {
  FrameworkChoice choice{"TMD", "NEW", absl::CivilDay(2026, 12, 1)};
  absl::StatusOr<AgencyChoice> chosen =
      ChooseAgencyFramework(store_, directory_, HrOf("TMD"), choice, kToday, {});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->framework_code, "NEW") << "described on the first day, which is ahead";
  EXPECT_EQ(chosen->chosen_by, "TMD");
  absl::StatusOr<AgencyChoice> below = store_.AgencyFramework("TMD-IT", kToday);
  ASSERT_TRUE(below.ok());
  EXPECT_EQ(below->framework_code, "CS") << "not yet";
  EXPECT_EQ(below->chosen_by, "MDES");

  choice.agency_code = "NSO";
  EXPECT_EQ(ChooseAgencyFramework(store_, directory_, HrOf("TMD"), choice, kToday, {})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  choice.agency_code = "NOWHERE";
  EXPECT_EQ(ChooseAgencyFramework(store_, directory_, HrOf("TMD"), choice, kToday, {})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied)
      << "an unknown agency looks like a foreign one";
  EXPECT_THAT(Fields(ChooseAgencyFramework(store_, directory_, As(Role::kAdmin), choice, kToday,
                                           {})
                         .status()),
              ElementsAre("agency_code"));
  ASSERT_TRUE(CreateDraftFramework(store_, FrameworkOf("DRAFT", {"LITERACY"}, {}, 3), {}).ok());
  choice = {"TMD", "DRAFT", kToday};
  EXPECT_THAT(Fields(ChooseAgencyFramework(store_, directory_, HrOf("TMD"), choice, kToday, {})
                         .status()),
              ElementsAre("framework_code"));
}

TEST_F(AssessmentTest, OnlyOptionalSkillSetsAreAdoptedAndAgenciesBelowFollow) {
  OptionalSkillSetChoice choice{"TMD", "CS", "LITERACY", true, absl::CivilDay(2026, 1, 1)};
  FieldErrors date_error;
  date_error.Add("effective_from", "is required");
  const absl::Status refused =
      AdoptOptionalSkillSet(store_, directory_, HrOf("TMD"), choice, date_error, kToday, {})
          .status();
  EXPECT_THAT(Fields(refused), ElementsAre("effective_from", "skill_set_code"))
      << "one answer names them all";
  choice.skill_set_code = "DATA";
  choice.framework_code = "NONE";
  EXPECT_THAT(Fields(AdoptOptionalSkillSet(store_, directory_, HrOf("TMD"), choice, {}, kToday, {})
                         .status()),
              ElementsAre("framework_code"));
  choice.framework_code = "CS";
  absl::StatusOr<AgencyChoice> adopted =
      AdoptOptionalSkillSet(store_, directory_, HrOf("TMD"), choice, {}, kToday, {});
  ASSERT_TRUE(adopted.ok()) << adopted.status();
  EXPECT_THAT(adopted->adopted, UnorderedElementsAre("DATA"));
  EXPECT_THAT(store_.AgencyFramework("TMD-IT", kToday)->adopted, UnorderedElementsAre("DATA"));
  EXPECT_THAT(store_.AgencyFramework("NSO", kToday)->adopted, IsEmpty());
  EXPECT_EQ(AdoptOptionalSkillSet(store_, directory_, HrOf("NSO"), choice, {}, kToday, {})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
}

// Scope.

TEST_F(AssessmentTest, WhoSeesAPerson) {
  EXPECT_TRUE(VisiblePerson(store_, As(Role::kSupervisor, kSupervisor), kSpecialist, kToday).ok());
  EXPECT_TRUE(VisiblePerson(store_, As(Role::kPerson, kSpecialist), kSpecialist, kToday).ok());
  EXPECT_EQ(VisiblePerson(store_, As(Role::kPerson, kSpecialist), kSupervisor, kToday)
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(VisiblePerson(store_, HrOf("MDES"), kStatistician, kToday).ok());
  EXPECT_EQ(VisiblePerson(store_, HrOf("TMD"), kStatistician, kToday).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(VisiblePerson(store_, HrOf("TMD"), 99, kToday).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(VisiblePerson(store_, As(Role::kAdmin), 99, kToday).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(RequireAgency(directory_, HrOf("TMD"), "TMD-IT").ok());
  EXPECT_FALSE(RequireAgency(directory_, HrOf("TMD-IT"), "TMD").ok());
  EXPECT_TRUE(RequireAgency(directory_, As(Role::kAdmin), "NOWHERE").ok()) << "no look-up";
}

// The skill profile.

class SkillProfileTest : public AssessmentTest {
 protected:
  v1::SkillProfile Profile(int64_t person, absl::CivilDay on) {
    absl::StatusOr<PersonContext> context = store_.PersonContextOn(person, on);
    EXPECT_TRUE(context.ok()) << context.status();
    absl::StatusOr<v1::SkillProfile> profile =
        ComputeSkillProfile(store_, context.value_or(PersonContext()), on);
    EXPECT_TRUE(profile.ok()) << profile.status();
    return profile.value_or(v1::SkillProfile());
  }
  static v1::SkillStanding StandingIn(const v1::SkillProfile& profile, const std::string& code) {
    for (const v1::SkillStanding& s : profile.standings()) {
      if (s.skill_set().code() == code) return s;
    }
    return v1::SkillStanding();
  }
  void Assess(int64_t person, const std::string& skill_set, int level, v1::AssessmentSource source,
              absl::CivilDay on, std::optional<absl::CivilDay> valid_until = std::nullopt) {
    v1::AssessmentRecord r = Record(person, skill_set, level, source, on);
    if (valid_until.has_value()) *r.mutable_valid_until() = DateOf(*valid_until);
    absl::StatusOr<Recorded> recorded = RecordAs(As(Role::kAdmin), r);
    ASSERT_TRUE(recorded.ok()) << recorded.status();
  }
};

TEST_F(SkillProfileTest, TargetsFollowTheGroupAndThePeriod) {
  Assess(kSpecialist, "LITERACY", 1, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1));
  Assess(kSpecialist, "GOVERNANCE", 3, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1));
  const v1::SkillProfile profile = Profile(kSpecialist, kToday);
  EXPECT_EQ(profile.framework_code(), "CS");
  EXPECT_EQ(profile.present_period(), common::v1::PERIOD_DEVELOPING);
  EXPECT_EQ(profile.future_period(), common::v1::PERIOD_MATURING);
  std::vector<std::string> codes;
  for (const auto& s : profile.standings()) codes.push_back(s.skill_set().code());
  EXPECT_THAT(codes, ElementsAre("LITERACY", "GOVERNANCE", "TECHNOLOGY"))
      << "DATA is optional and not adopted";
  const v1::SkillStanding literacy = StandingIn(profile, "LITERACY");
  EXPECT_EQ(literacy.present_target(), 2);
  EXPECT_EQ(literacy.future_target(), 3);
  EXPECT_EQ(literacy.status(), v1::STANDING_STATUS_BELOW);
  EXPECT_EQ(literacy.gap(), 1);
  EXPECT_FALSE(literacy.target_provisional()) << "neither the version nor the target is";
  EXPECT_EQ(profile.role_profile(), "") << "a version without role profiles";
  EXPECT_EQ(StandingIn(profile, "GOVERNANCE").status(), v1::STANDING_STATUS_MEETS);
  EXPECT_EQ(StandingIn(profile, "TECHNOLOGY").status(), v1::STANDING_STATUS_NOT_ASSESSED);

  PersonContext undeclared = *store_.PersonContextOn(kSpecialist, kToday);
  undeclared.period = Period::kUnspecified;
  store_.SetPerson(undeclared);
  EXPECT_EQ(StandingIn(Profile(kSpecialist, kToday), "GOVERNANCE").status(),
            v1::STANDING_STATUS_TARGET_NOT_DECLARED);

  PersonContext unassigned = undeclared;
  unassigned.agency_code.clear();
  EXPECT_EQ(ComputeSkillProfile(store_, unassigned, kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(SkillProfileTest, APersonIsMeasuredAgainstTheTargetsOfEachFurtherGroupToo) {
  Assess(kSpecialist, "LITERACY", 1, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1));
  PersonContext both = *store_.PersonContextOn(kSpecialist, kToday);
  constexpr int kAcademic = 3;  // thaksa.common.v1.PersonnelGroup; the framework sets it no target
  both.further_groups = {kAcademic, kTechnology};  // the second is their own group: left out
  store_.SetPerson(both);
  EXPECT_EQ(Profile(kSpecialist, kToday).further_groups_size(), 0) << "only when asked for";
  absl::StatusOr<v1::SkillProfile> asked = ComputeSkillProfile(
      store_, *store_.PersonContextOn(kSpecialist, kToday), kToday, /*with_further_groups=*/true);
  ASSERT_TRUE(asked.ok()) << asked.status();
  const v1::SkillProfile& profile = *asked;
  EXPECT_EQ(profile.personnel_group(), kTechnology);
  EXPECT_EQ(StandingIn(profile, "LITERACY").status(), v1::STANDING_STATUS_BELOW);
  ASSERT_EQ(profile.further_groups_size(), 1);
  const v1::SkillProfile& academic = profile.further_groups(0);
  EXPECT_EQ(academic.personnel_group(), kAcademic);
  EXPECT_EQ(academic.person_id(), kSpecialist);
  EXPECT_EQ(StandingIn(academic, "LITERACY").level(), 1) << "the same assessments";
  EXPECT_EQ(StandingIn(academic, "LITERACY").present_target(), -1) << "that group has none";
  EXPECT_EQ(StandingIn(academic, "LITERACY").status(), v1::STANDING_STATUS_MEETS);
  std::vector<std::string> sets;
  for (const v1::SkillStanding& s : academic.standings()) sets.push_back(s.skill_set().code());
  EXPECT_THAT(sets, ElementsAre("LITERACY", "GOVERNANCE")) << "no role set for that group";
  EXPECT_EQ(academic.further_groups_size(), 0);

  const auto many = VisibleSkillProfiles(store_, As(Role::kAdmin), {kSpecialist, kSupervisor},
                                         kToday, /*with_further_groups=*/true);
  ASSERT_EQ(many.size(), 2u);
  ASSERT_TRUE(many[0].second.ok()) << many[0].second.status();
  EXPECT_EQ(many[0].second->further_groups_size(), 1);
  EXPECT_EQ(many[1].second->further_groups_size(), 0);
}

TEST_F(SkillProfileTest, ManyProfilesAreEachAnsweredAsTheCallerMaySeeThem) {
  const auto profiles = VisibleSkillProfiles(store_, HrOf("TMD"),
                                             {kSpecialist, kStatistician, kSpecialist, 99,
                                              kSupervisor},
                                             kToday);
  std::vector<std::string> answers;
  for (const auto& [id, profile] : profiles) {
    answers.push_back(absl::StrCat(id, " ", profile.ok() ? profile->framework_code()
                                                        : absl::StatusCodeToString(
                                                              profile.status().code())));
  }
  EXPECT_THAT(answers, ElementsAre("1 CS", "3 PERMISSION_DENIED", "99 PERMISSION_DENIED", "2 CS"))
      << "once per person, in the order asked; unknown people look foreign";
  ASSERT_TRUE(profiles[0].second.ok());
  EXPECT_EQ(profiles[0].second->SerializeAsString(),
            Profile(kSpecialist, kToday).SerializeAsString());
  const auto admin = VisibleSkillProfiles(store_, As(Role::kAdmin), {99}, kToday);
  EXPECT_EQ(admin[0].second.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SkillProfileTest, AnExpiredCertificationNoLongerCounts) {
  Assess(kSpecialist, "TECHNOLOGY", 3, v1::ASSESSMENT_SOURCE_CERTIFICATION, absl::CivilDay(2025, 11, 1),
         absl::CivilDay(2026, 6, 30));
  EXPECT_EQ(StandingIn(Profile(kSpecialist, absl::CivilDay(2026, 5, 1)), "TECHNOLOGY").status(),
            v1::STANDING_STATUS_MEETS);
  const v1::SkillStanding later = StandingIn(Profile(kSpecialist, kToday), "TECHNOLOGY");
  EXPECT_EQ(later.status(), v1::STANDING_STATUS_EXPIRED);
  EXPECT_EQ(later.level(), -1);
}

TEST_F(SkillProfileTest, LevelsAssessedUnderOneVersionAreReadThroughTheCrosswalk) {
  Assess(kSpecialist, "LITERACY", 4, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 1));
  v1::Crosswalk crosswalk;
  crosswalk.set_from_framework("CS");
  crosswalk.set_to_framework("NEW");
  auto* literacy = crosswalk.add_skill_sets();
  literacy->set_from_skill_set("LITERACY");
  literacy->set_to_skill_set("DIGITAL_LITERACY");
  for (auto [from, to] : {std::pair{0, 0}, {1, 0}, {2, 1}, {3, 1}, {4, 2}}) {
    auto* m = crosswalk.add_levels();
    m->set_from_level(from);
    m->set_to_level(to);
  }
  ASSERT_TRUE(StoreCrosswalk(store_, crosswalk, {}).ok());
  ASSERT_TRUE(store_.SetAgencyFramework("TMD", "NEW", absl::CivilDay(2026, 10, 1), {}).ok());

  const v1::SkillProfile profile = Profile(kSpecialist, kToday);
  EXPECT_EQ(profile.framework_code(), "NEW");
  const v1::SkillStanding digital = StandingIn(profile, "DIGITAL_LITERACY");
  EXPECT_EQ(digital.level(), 2) << "CS level 4 reads as NEW level 2";
  EXPECT_EQ(digital.assessed_under_framework(), "CS");
  EXPECT_EQ(digital.status(), v1::STANDING_STATUS_MEETS);
  EXPECT_EQ(StandingIn(Profile(kSpecialist, absl::CivilDay(2026, 9, 30)), "LITERACY").level(), 4)
      << "under CS before the switch";
}

}  // namespace
}  // namespace thaksa::assessment
