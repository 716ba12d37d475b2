// Unit tests of the assessment rules: precedence, expiry, supersession, standing against
// targets, periods, the framework an agency follows, applicable skill sets, role profiles,
// crosswalks, validation, and the shipped frameworks.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/csv.h"
#include "common/tls.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/domain/assessment_rules.h"
#include "services/assessment/domain/behaviour_checklist.h"
#include "services/assessment/domain/competency_units.h"
#include "services/assessment/domain/framework_choice.h"
#include "services/assessment/domain/framework_rules.h"
#include "services/assessment/domain/standing.h"

namespace thaksa::assessment {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Optional;

const absl::CivilDay kToday(2026, 11, 21);

AssessmentFact Fact(int64_t id, Source source, int level, absl::CivilDay on,
                    std::optional<absl::CivilDay> until = std::nullopt) {
  AssessmentFact f;
  f.id = id;
  f.framework_code = "CS-2018";
  f.skill_set_code = "LITERACY";
  f.source = source;
  f.level = level;
  f.assessed_on = on;
  f.valid_until = until;
  return f;
}

TEST(PrecedenceTest, CertificationBeatsExamBeatsSupervisorBeatsSelf) {
  const std::vector<AssessmentFact> facts = {
      Fact(1, Source::kSelf, 4, absl::CivilDay(2026, 9, 1)),
      Fact(2, Source::kSupervisor, 2, absl::CivilDay(2026, 1, 1)),
      Fact(3, Source::kCertification, 3, absl::CivilDay(2025, 1, 1)),
      Fact(4, Source::kInstituteExam, 1, absl::CivilDay(2026, 10, 1))};
  EXPECT_EQ(CountAssessment(facts, DefaultPrecedence(), kToday).fact->id, 3);
  // Before any of them was made, nothing counts.
  EXPECT_EQ(CountAssessment(facts, DefaultPrecedence(), absl::CivilDay(2024, 12, 31)).fact,
            std::nullopt);
  EXPECT_EQ(CountAssessment({facts[0], facts[1]}, DefaultPrecedence(), kToday).fact->id, 2);
}

TEST(PrecedenceTest, ConfigurableOrderAndMostRecentWithinASource) {
  const std::vector<AssessmentFact> facts = {
      Fact(1, Source::kSelf, 1, absl::CivilDay(2026, 1, 1)),
      Fact(2, Source::kSelf, 3, absl::CivilDay(2026, 6, 1)),
      Fact(3, Source::kSupervisor, 2, absl::CivilDay(2026, 3, 1))};
  EXPECT_EQ(CountAssessment(facts, DefaultPrecedence(), kToday).fact->id, 3);
  EXPECT_EQ(CountAssessment(facts, {Source::kSelf}, kToday).fact->id, 2);
  EXPECT_EQ(CountAssessment(facts, {Source::kSelf}, absl::CivilDay(2026, 5, 1)).fact->id, 1);
}

TEST(PrecedenceTest, ExpiredAndSupersededAssessmentsDoNotCount) {
  AssessmentFact old_cert = Fact(1, Source::kCertification, 4, absl::CivilDay(2022, 1, 1),
                                 absl::CivilDay(2025, 1, 1));
  AssessmentFact wrong = Fact(2, Source::kSupervisor, 4, absl::CivilDay(2026, 1, 1));
  wrong.superseded_by_id = 3;
  AssessmentFact corrected = Fact(3, Source::kSupervisor, 2, absl::CivilDay(2026, 1, 1));
  Counted counted = CountAssessment({old_cert, wrong, corrected}, DefaultPrecedence(), kToday);
  EXPECT_EQ(counted.fact->id, 3);
  counted = CountAssessment({old_cert}, DefaultPrecedence(), kToday);
  EXPECT_FALSE(counted.fact.has_value());
  EXPECT_TRUE(counted.expired);
  EXPECT_EQ(CountAssessment({old_cert}, DefaultPrecedence(), absl::CivilDay(2024, 6, 1)).fact->id, 1);
}

TEST(StandingTest, StatusAndGapAgainstTheTargets) {
  Counted level2;
  level2.fact = Fact(1, Source::kSelf, 2, absl::CivilDay(2026, 1, 1));
  Standing below = StandingOf(level2, true, 3, 4);
  EXPECT_EQ(below.status, Status::kBelow);
  EXPECT_EQ(below.gap, 1);
  EXPECT_EQ(StandingOf(level2, true, 2, 3).status, Status::kMeets);
  EXPECT_EQ(StandingOf(level2, true, std::nullopt, std::nullopt).status, Status::kMeets)
      << "not required of the group in the declared period";
  Standing none = StandingOf(Counted{}, true, 2, 3);
  EXPECT_EQ(none.status, Status::kNotAssessed);
  EXPECT_EQ(none.level, -1);
  EXPECT_EQ(none.gap, 2);
  Counted expired;
  expired.expired = true;
  EXPECT_EQ(StandingOf(expired, true, 2, 3).status, Status::kExpired);
}

TEST(StandingTest, WithoutADeclaredPeriodNothingMeetsATarget) {
  Counted level2;
  level2.fact = Fact(1, Source::kSelf, 2, absl::CivilDay(2026, 1, 1));
  const Standing assessed = StandingOf(level2, false, std::nullopt, std::nullopt);
  EXPECT_EQ(assessed.status, Status::kTargetNotDeclared);
  EXPECT_EQ(assessed.level, 2) << "the level still shows";
  EXPECT_EQ(assessed.present_target, -1);
  EXPECT_EQ(assessed.gap, 0);
  EXPECT_EQ(StandingOf(Counted{}, false, std::nullopt, std::nullopt).status,
            Status::kTargetNotDeclared);
}

TEST(PeriodTest, FutureIsTheNextPeriod) {
  EXPECT_EQ(NextPeriod(Period::kEarly), Period::kDeveloping);
  EXPECT_EQ(NextPeriod(Period::kDeveloping), Period::kMaturing);
  EXPECT_EQ(NextPeriod(Period::kMaturing), Period::kMaturing);
  EXPECT_EQ(NextPeriod(Period::kUnspecified), Period::kUnspecified);
}

FrameworkRules SmallFramework() {
  FrameworkRules rules;
  rules.code = "T";
  rules.skill_sets = {{"LIT", 1, SkillSetKind::kFoundation},
                      {"TECH", 3, SkillSetKind::kRole},
                      {"CYBER", 0, SkillSetKind::kOptional}};
  rules.levels = {0, 1, 2, 3, 4};
  rules.AddTarget({5, "", "TECH", Period::kDeveloping, {3, false}});
  rules.AddTarget({5, "", "LIT", Period::kDeveloping, {2, false}});
  rules.precedence = DefaultPrecedence();
  return rules;
}

// A target at `level`.
::testing::Matcher<TargetLevel> Level(int level) { return Field(&TargetLevel::level, level); }

// Held to the targets of `group` itself.
TargetHolder GroupOnly(Group group) { return {group, "", false}; }

std::vector<std::string> Codes(const std::vector<const SkillSetRule*>& sets) {
  std::vector<std::string> codes;
  for (const SkillSetRule* s : sets) codes.push_back(s->code);
  return codes;
}

TEST(FrameworkChoiceTest, TheNearestAgencyWithAChoiceByTheDayDecides) {
  // Ministry 1 > department 2 > division 3.
  const std::vector<DatedChoice> choices = {
      {1, "MDES", absl::CivilDay(2025, 10, 1), 10, "CS"},
      {1, "MDES", absl::CivilDay(2026, 10, 1), 20, "NEW"},
      {2, "TMD", absl::CivilDay(2026, 6, 1), 20, "NEW"},
      {2, "TMD", absl::CivilDay(2026, 8, 1), 10, "CS"},
      {9, "NSO", absl::CivilDay(2025, 1, 1), 20, "NEW"}};
  auto chosen = [&](std::vector<int64_t> path, absl::CivilDay day) -> std::string {
    const DatedChoice* choice = ChoiceInForce(choices, path, day);
    if (choice == nullptr) return "none";
    return absl::StrCat(choice->agency_code, ":", choice->framework_code);
  };
  EXPECT_EQ(chosen({1, 2, 3}, absl::CivilDay(2025, 9, 30)), "none");
  EXPECT_EQ(chosen({1, 2, 3}, absl::CivilDay(2025, 10, 1)), "MDES:CS");
  EXPECT_EQ(chosen({1, 2, 3}, absl::CivilDay(2026, 6, 1)), "TMD:NEW");
  EXPECT_EQ(chosen({1, 2, 3}, absl::CivilDay(2026, 12, 1)), "TMD:CS")
      << "the department's latest choice, though the ministry chose later";
  EXPECT_EQ(chosen({1}, absl::CivilDay(2026, 12, 1)), "MDES:NEW");
  EXPECT_EQ(chosen({}, absl::CivilDay(2026, 12, 1)), "none");
}

TEST(ApplicableTest, FoundationAlwaysRoleWhenTargetedOptionalWhenAdopted) {
  const FrameworkRules rules = SmallFramework();
  EXPECT_THAT(Codes(ApplicableSkillSets(rules, GroupOnly(5), {})), ElementsAre("LIT", "TECH"));
  EXPECT_THAT(Codes(ApplicableSkillSets(rules, GroupOnly(3), {})), ElementsAre("LIT"));
  EXPECT_THAT(Codes(ApplicableSkillSets(rules, GroupOnly(3), {"CYBER"})), ElementsAre("LIT", "CYBER"));
  EXPECT_THAT(rules.Target(GroupOnly(5), "TECH", Period::kDeveloping), Optional(Level(3)));
  EXPECT_EQ(rules.Target(GroupOnly(5), "TECH", Period::kEarly), std::nullopt);
}

TEST(FrameworkValidationTest, NamesWhatIsWrong) {
  FrameworkRules rules = SmallFramework();
  FieldErrors ok;
  ValidateFrameworkRules(rules, ok);
  EXPECT_THAT(ok.violations(), IsEmpty());
  rules.levels = {0, 1, 3};
  rules.AddTarget({5, "", "NOPE", Period::kEarly, {1, false}});
  rules.skill_sets.push_back({"LIT", 1, SkillSetKind::kFoundation});
  FieldErrors errors;
  ValidateFrameworkRules(rules, errors);
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "framework.levels[2].level")));
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "framework.skill_sets[3].code")));
  EXPECT_THAT(errors.violations(),
              Contains(Field(&FieldViolation::description, "names no skill set of this framework")));
}

TEST(FrameworkValidationTest, ALearningMixRuleIsPercentagePointsWhoseModesAddUpToAHundred) {
  FrameworkRules rules = SmallFramework();
  rules.learning_mix = LearningMixRule{60, 30, 10, 5, 5, 2, 80, 5};
  FieldErrors ok;
  ValidateFrameworkRules(rules, ok);
  EXPECT_THAT(ok.violations(), IsEmpty());

  rules.learning_mix = LearningMixRule{60, 30, 5, 5, 5, 2, 80, 5};
  FieldErrors short_of_a_hundred;
  ValidateFrameworkRules(rules, short_of_a_hundred);
  ASSERT_EQ(short_of_a_hundred.violations().size(), 1u);
  EXPECT_EQ(short_of_a_hundred.violations()[0].field, "framework.learning_mix");
  EXPECT_EQ(short_of_a_hundred.violations()[0].description,
            "the experiential, social and formal targets must add up to 100, not 95");

  rules.learning_mix = LearningMixRule{70, std::nan(""), 10, -1, 10, 5,
                                       std::numeric_limits<double>::infinity(), 101};
  FieldErrors hostile;
  ValidateFrameworkRules(rules, hostile);
  std::vector<std::string> fields;
  for (const FieldViolation& v : hostile.violations()) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("framework.learning_mix.social_percent",
                                  "framework.learning_mix.experiential_tolerance",
                                  "framework.learning_mix.present_percent",
                                  "framework.learning_mix.present_tolerance"))
      << "no sum is judged of numbers that are not";
}

TEST(FrameworkValidationTest, SkillSetCodesDifferingOnlyInCaseAreTheSameCode) {
  FrameworkRules rules = SmallFramework();
  rules.skill_sets.push_back({"Lit", 1, SkillSetKind::kFoundation});
  FieldErrors errors;
  ValidateFrameworkRules(rules, errors);
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "framework.skill_sets[3].code")));
}

FrameworkRules WithRoleProfiles() {
  FrameworkRules rules = SmallFramework();
  rules.targets.clear();
  rules.target_index.clear();
  rules.role_profiles = {"IT_LEAD", "STAFF"};
  for (Group group = 1; group <= 6; ++group) rules.profile_rules.push_back({group, "STAFF", {}, {}, false});
  rules.profile_rules.insert(rules.profile_rules.begin(),
                             {5, "IT_LEAD", {MatchingForm("ผู้อำนวยการ"), MatchingForm("CIO")},
                              {MatchingForm("ชำนาญการพิเศษ")}, true});
  rules.AddTarget({0, "IT_LEAD", "TECH", Period::kDeveloping, {4, true}});
  rules.AddTarget({0, "STAFF", "LIT", Period::kDeveloping, {2, false}});
  return rules;
}

TEST(RoleProfileTest, TheFirstMatchingEntryOfTheGroupGivesTheProfileAndItsTargets) {
  const FrameworkRules rules = WithRoleProfiles();
  FieldErrors errors;
  ValidateFrameworkRules(rules, errors);
  EXPECT_THAT(errors.violations(), IsEmpty());
  // A keyword and a grade must both hold; keywords are found within the title, letters A-Z
  // without regard to case; a grade is compared whole.
  const TargetHolder lead = TargetHolderOf(rules, 5, "รองผู้อำนวยการ (cio)", "ชำนาญการพิเศษ ");
  EXPECT_EQ(lead.profile, "IT_LEAD");
  EXPECT_TRUE(lead.provisional);
  EXPECT_EQ(TargetHolderOf(rules, 5, "ผู้อำนวยการกอง", "ชำนาญการ").profile, "STAFF")
      << "ชำนาญการ is not ชำนาญการพิเศษ";
  EXPECT_EQ(TargetHolderOf(rules, 5, "นักวิชาการคอมพิวเตอร์", "ชำนาญการพิเศษ").profile, "STAFF");
  EXPECT_EQ(TargetHolderOf(rules, 3, "ผู้อำนวยการ", "ชำนาญการพิเศษ").profile, "STAFF")
      << "the entry is of another group";
  EXPECT_THAT(rules.Target(lead, "TECH", Period::kDeveloping),
              Optional(AllOf(Level(4), Field(&TargetLevel::provisional, true))));
  EXPECT_EQ(rules.Target(lead, "LIT", Period::kDeveloping), std::nullopt);
  EXPECT_THAT(Codes(ApplicableSkillSets(rules, lead, {})), ElementsAre("LIT", "TECH"));
  EXPECT_THAT(Codes(ApplicableSkillSets(rules, {5, "STAFF", false}, {})), ElementsAre("LIT"))
      << "the role set applies by profile, not by group";
  EXPECT_EQ(TargetHolderOf(SmallFramework(), 5, "ผู้อำนวยการ", "").profile, "")
      << "without role profiles, the group's targets";
}

TEST(RoleProfileTest, TitlesAndGradesAreComparedAsHrSystemsWriteThem) {
  EXPECT_EQ(MatchingForm("  Head\xC2\xA0of   IT\t"), "head of it") << "blanks, NBSP, case";
  EXPECT_EQ(MatchingForm("ผู้อ\xE0\xB9\x8D\xE0\xB8\xB2นวยการ"), "ผู้อำนวยการ")
      << "SARA AM typed as NIKHAHIT + SARA AA";
  EXPECT_EQ(MatchingForm("ผู้อำนวย\xE2\x80\x8Bการ"), "ผู้อำนวยการ") << "a zero-width space";
  EXPECT_EQ(MatchingForm("ระดับ ๘"), "ระดับ 8") << "Thai digits";
  FrameworkRules rules = WithRoleProfiles();
  rules.profile_rules[0] = {5, "IT_LEAD", {MatchingForm("CIO"), MatchingForm("ผู้อำนวยการ")},
                            {MatchingForm("8")}, true};
  EXPECT_EQ(TargetHolderOf(rules, 5, "Socio-economic analyst", "8").profile, "STAFF")
      << "CIO must stand as a word";
  EXPECT_EQ(TargetHolderOf(rules, 5, "Deputy CIO", "๘").profile, "IT_LEAD");
  EXPECT_EQ(TargetHolderOf(rules, 5, "รองผู้อ\xE0\xB9\x8D\xE0\xB8\xB2นวยการ", " 8 ").profile,
            "IT_LEAD");
}

TEST(RoleProfileTest, ValidationNamesTheEntryOrTargetAtFault) {
  const auto errors_of = [](const FrameworkRules& rules) {
    FieldErrors errors;
    ValidateFrameworkRules(rules, errors);
    std::vector<std::string> found;
    for (const FieldViolation& v : errors.violations()) {
      found.push_back(absl::StrCat(v.field, ": ", v.description));
    }
    return found;
  };
  FrameworkRules rules = WithRoleProfiles();
  rules.profile_rules.pop_back();  // OTHERS without an entry
  rules.profile_rules.push_back({4, "STAFF", {"หัวหน้า"}, {}, false});  // after SERVICE's catch-all
  rules.profile_rules.push_back({2, "NOBODY", {}, {}, false});
  rules.AddTarget({0, "NOBODY", "LIT", Period::kEarly, {1, false}});
  rules.AddTarget({5, "", "LIT", Period::kEarly, {1, false}});
  rules.AddTarget({0, "STAFF", "LIT", Period::kDeveloping, {3, false}});
  rules.role_profiles.push_back("STAFF");
  EXPECT_THAT(
      errors_of(rules),
      testing::UnorderedElementsAre(
          "framework.role_profiles[2].code: is listed twice",
          "framework.group_profiles[6]: is never reached: an earlier entry of "
          "PERSONNEL_GROUP_SERVICE has no conditions",
          "framework.group_profiles[7]: is never reached: an earlier entry of "
          "PERSONNEL_GROUP_MANAGEMENT has no conditions",
          "framework.group_profiles[7].profile: names no role profile of this framework",
          "framework.group_profiles: PERSONNEL_GROUP_OTHERS needs an entry without position or "
          "grade conditions, so that each of its people has a role profile",
          "framework.targets[2].role_profile: names no role profile of this framework",
          "framework.targets[3].role_profile: is required: under role profiles, a target is a "
          "role profile's, not a group's",
          "framework.targets[4]: repeats framework.targets[1]: the same holder, skill set and "
          "period"));
  EXPECT_THAT(rules.Target({4, "STAFF", false}, "LIT", Period::kDeveloping), Optional(Level(2)))
      << "the first of repeated targets is the one that applies";
}

TEST(CrosswalkTest, ASkillSetNothingIsReadAsIsAGap) {
  const CrosswalkRules crosswalk{"CS-2018", "TPQI-2024", {{"PROCESS_SERVICE", "SERVICE"}}, {}};
  EXPECT_TRUE(CarriesInto(crosswalk, "SERVICE"));
  EXPECT_FALSE(CarriesInto(crosswalk, "DATA"));
  EXPECT_FALSE(CarriesInto(crosswalk, "PROCESS_SERVICE")) << "a source set is not a target set";
}

TEST(CrosswalkTest, MapsSkillSetAndLevelOrNothing) {
  CrosswalkRules crosswalk{"CS-2018", "TPQI-2024", {{"PROCESS_SERVICE", "SERVICE"}}, {{2, 1}}};
  AssessmentFact fact = Fact(1, Source::kSelf, 2, absl::CivilDay(2026, 1, 1));
  fact.skill_set_code = "PROCESS_SERVICE";
  std::optional<AssessmentFact> mapped = ThroughCrosswalk(crosswalk, fact);
  ASSERT_TRUE(mapped.has_value());
  EXPECT_EQ(mapped->framework_code, "TPQI-2024");
  EXPECT_EQ(mapped->skill_set_code, "SERVICE");
  EXPECT_EQ(mapped->level, 1);
  fact.level = 3;
  EXPECT_FALSE(ThroughCrosswalk(crosswalk, fact).has_value());
  fact.skill_set_code = "LITERACY";
  fact.level = 2;
  EXPECT_FALSE(ThroughCrosswalk(crosswalk, fact).has_value());
}

TEST(AssessmentValidationTest, LevelMustBeOnTheScaleAndDatesSensible) {
  AssessmentInput input;
  input.person_id = 1;
  input.skill_set_code = "LIT";
  input.level = 7;
  input.source = Source::kSelf;
  input.assessed_on = absl::CivilDay(2026, 12, 1);
  input.valid_until = absl::CivilDay(2026, 1, 1);
  input.supersedes_id = 5;
  FieldErrors errors;
  ValidateAssessment(input, SmallFramework(), kToday, "assessment.", errors);
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "assessment.level")));
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "assessment.assessed_on")));
  EXPECT_THAT(errors.violations(), Contains(Field(&FieldViolation::field, "assessment.valid_until")));
  EXPECT_THAT(errors.violations(),
              Contains(Field(&FieldViolation::field, "assessment.supersede_reason")));
}

TEST(AssessmentRulesTest, WhoMayRecordWhat) {
  EXPECT_TRUE(MayRecord(Role::kPerson, Source::kSelf));
  EXPECT_FALSE(MayRecord(Role::kPerson, Source::kSupervisor));
  EXPECT_TRUE(MayRecord(Role::kSupervisor, Source::kSupervisor));
  EXPECT_FALSE(MayRecord(Role::kSupervisor, Source::kCertification));
  EXPECT_TRUE(MayRecord(Role::kTrainingInstitute, Source::kInstituteExam));
  EXPECT_FALSE(MayRecord(Role::kTrainingInstitute, Source::kSelf));
  EXPECT_FALSE(MayRecord(Role::kHrSystem, Source::kSelf));
  EXPECT_FALSE(MayRecord(Role::kCioOffice, Source::kSupervisor));
  // The learning service's relay records institutes' exams and certifications, nothing else.
  EXPECT_TRUE(MayRecord(Role::kService, Source::kInstituteExam));
  EXPECT_TRUE(MayRecord(Role::kService, Source::kCertification));
  EXPECT_FALSE(MayRecord(Role::kService, Source::kSupervisor));
  EXPECT_FALSE(MayRecord(Role::kService, Source::kSelf));
}

TEST(CompetencyUnitsTest, VariantSpellingsAreReadAsTheOneForm) {
  const auto form = [](absl::string_view text) -> std::string {
    const absl::StatusOr<UnitCode> unit = NormaliseUnitCode(text);
    return unit.ok() ? unit->code : "error";
  };
  EXPECT_EQ(form("DTr200"), "DTr200");
  EXPECT_EQ(form(" dtr-200 "), "DTr200");
  EXPECT_EQ(form("DTR 200"), "DTr200");
  EXPECT_EQ(form("dl_402"), "DL402");
  EXPECT_EQ(form("DTr602,2"), "DTr602.2") << "a comma for the element's point";
  EXPECT_EQ(form("DTr103.0"), "DTr103") << "element 0 is the unit";
  EXPECT_EQ(form("DS404.02"), "DS404.2");
  EXPECT_EQ(form("PM-All"), "PM*");
  EXPECT_EQ(form("pm all"), "PM*");
  EXPECT_EQ(form("PM*"), "PM*");
  EXPECT_EQ(NormaliseUnitCode("DTr100:K")->component, Component::kKnowledge);
  EXPECT_EQ(NormaliseUnitCode("DTr100:K")->code, "DTr100");
  for (const char* bad : {"", "DTr", "DTr20", "DTr2000", "DTr200.123", "DLead200", "XY100",
                          "DTr200:Z", "รหัส", "DTr200x"}) {
    EXPECT_EQ(form(bad), "error") << bad;
  }
  const std::string hostile(100000, 'D');
  EXPECT_LT(NormaliseUnitCode(hostile).status().message().size(), 300u)
      << "a long value is not echoed whole";
}

TEST(CompetencyUnitsTest, AnnexCellsGiveCodesAndComponents) {
  const absl::StatusOr<AnnexCodes> cell = ParseAnnexCodes("DTr100:K;DTr101, PM*");
  ASSERT_TRUE(cell.ok()) << cell.status();
  EXPECT_THAT(cell->unit_codes, ElementsAre("DTr100", "DTr101", "PM*"));
  EXPECT_THAT(cell->components, ElementsAre(Component::kKnowledge));
  const absl::StatusOr<AnnexCodes> attribute = ParseAnnexCodes("ATT");
  ASSERT_TRUE(attribute.ok());
  EXPECT_THAT(attribute->unit_codes, IsEmpty());
  EXPECT_THAT(attribute->components, ElementsAre(Component::kAttribute));
  EXPECT_FALSE(ParseAnnexCodes("DTr100;เรื่องอื่น").ok());
}

TEST(CompetencyUnitsTest, AnUnknownCodeIsNamedWithTheNearestKnownOne) {
  const std::vector<std::string> known = {"DL200", "DL204", "DL204.2", "DS200", "DTr200", "PM*"};
  EXPECT_EQ(NearestUnitCode("DL203", known), "DL204") << "one edit each; 204 is the nearer number";
  EXPECT_EQ(NearestUnitCode("DL201", known), "DL200");
  EXPECT_EQ(NearestUnitCode("DL204.3", known), "DL204.2");
  EXPECT_EQ(NearestUnitCode("DT200", known), "DTr200");
  EXPECT_EQ(NearestUnitCode("PM100", {}), "");
  FieldErrors errors;
  EXPECT_THAT(UnitCodesOf({"dl-204", "DL203", "nonsense", "PM all", "DL 204"}, "unit_codes",
                          errors, &known),
              ElementsAre("DL204", "PM*"))
      << "each once";
  ASSERT_EQ(errors.violations().size(), 2u);
  EXPECT_EQ(errors.violations()[0].field, "unit_codes[1]");
  EXPECT_EQ(errors.violations()[0].description,
            "DL203 is no unit of the competency-unit catalogue; the nearest is DL204");
  EXPECT_EQ(errors.violations()[1].field, "unit_codes[2]");
  EXPECT_EQ(SkillSetOfUnitCode("DTr200"), "TRANSFORMATION");
  EXPECT_EQ(SkillSetOfUnitCode("DT300"), "TECHNOLOGY");
  EXPECT_EQ(SkillSetOfUnitCode("PM*"), "PROJECT_STRATEGY");
  EXPECT_EQ(SkillSetOfUnitCode("XY1"), "");
}

TEST(CompetencyUnitsTest, TheShippedCatalogueKnowsEveryCodeOfTheAnnex) {
  const std::string reference = std::string(THAKSA_SOURCE_DIR) + "/deploy/reference/";
  std::vector<std::string> catalogue;
  const std::string units = *ReadFileContents(reference + "competency-units.csv");
  for (absl::string_view line : absl::StrSplit(units, '\n', absl::SkipEmpty())) {
    const std::string code(line.substr(0, line.find(',')));
    if (code == "code") continue;
    const absl::StatusOr<UnitCode> unit = NormaliseUnitCode(code);
    ASSERT_TRUE(unit.ok()) << code << ": " << unit.status();
    EXPECT_EQ(unit->code, code) << "kept in the one form";
    catalogue.push_back(code);
  }
  std::sort(catalogue.begin(), catalogue.end());
  EXPECT_GT(catalogue.size(), 80u);
  int cells = 0;
  std::ifstream annex(reference + "annex-behaviours.csv", std::ios::binary);
  CsvReader reader(annex);
  const absl::StatusOr<CsvHeader> header = ReadCsvHeader(reader, {"codes"});
  ASSERT_TRUE(header.ok()) << header.status();
  std::vector<std::string> row;
  for (absl::StatusOr<bool> more = reader.Next(row); more.value_or(false);
       more = reader.Next(row)) {
    const absl::StatusOr<AnnexCodes> cell = ParseAnnexCodes(header->Get(row, "codes"));
    ASSERT_TRUE(cell.ok()) << header->Get(row, "codes") << ": " << cell.status();
    FieldErrors errors;
    UnitCodesOf(cell->unit_codes, "codes", errors, &catalogue);
    EXPECT_THAT(errors.violations(), IsEmpty()) << header->Get(row, "codes");
    ++cells;
  }
  EXPECT_EQ(cells, 184);
}

TEST(ShippedFrameworksTest, BothVersionsAndCrosswalksAreValid) {
  const std::string dir = std::string(THAKSA_SOURCE_DIR) + "/deploy/frameworks";
  std::map<std::string, FrameworkRules> frameworks;
  for (const char* file : {"cs-2018.json", "tpqi-2024.json"}) {
    auto json = ReadFileContents(dir + "/" + file);
    ASSERT_TRUE(json.ok());
    pb::Framework framework;
    ASSERT_TRUE(FromJson(*json, &framework).ok()) << file;
    const FrameworkRules rules = RulesOf(framework);
    FieldErrors errors;
    ValidateFrameworkRules(rules, errors);
    EXPECT_THAT(errors.violations(), IsEmpty()) << file;
    EXPECT_TRUE(rules.provisional) << file << " targets are provisional until the official matrix";
    ASSERT_TRUE(rules.learning_mix.has_value()) << file << " states its learning-mix rule";
    const LearningMixRule& mix = *rules.learning_mix;
    EXPECT_EQ(std::vector<double>({mix.experiential, mix.social, mix.formal, mix.present}),
              std::vector<double>({70, 20, 10, 70}))
        << file;
    EXPECT_EQ(std::vector<double>({mix.experiential_tolerance, mix.social_tolerance,
                                   mix.formal_tolerance, mix.present_tolerance}),
              std::vector<double>({10, 10, 5, 10}))
        << file << ": the guideline's tolerances";
    frameworks[rules.code] = rules;
  }
  const FrameworkRules& cs = frameworks["CS-2018"];
  EXPECT_EQ(cs.skill_sets.size(), 7u);
  EXPECT_EQ(cs.levels.size(), 5u);
  for (Group group = 1; group <= 6; ++group) {
    EXPECT_TRUE(cs.Target(GroupOnly(group), "LITERACY", Period::kDeveloping).has_value()) << group;
  }
  EXPECT_TRUE(cs.Target(GroupOnly(5), "TECHNOLOGY", Period::kEarly).has_value());
  EXPECT_FALSE(cs.Target(GroupOnly(6), "TECHNOLOGY", Period::kEarly).has_value());
  const FrameworkRules& tpqi = frameworks["TPQI-2024"];
  int core = 0, optional = 0;
  for (const SkillSetRule& s : tpqi.skill_sets) {
    core += s.kind == SkillSetKind::kFoundation;
    optional += s.kind == SkillSetKind::kOptional;
  }
  EXPECT_EQ(core, 3);
  EXPECT_EQ(optional, 4);
  // IT and non-IT staff at three role levels; a person's profile from group, position, grade.
  EXPECT_EQ(tpqi.role_profiles.size(), 6u);
  const auto profile = [&](Group group, absl::string_view position, absl::string_view grade) {
    const TargetHolder holder = TargetHolderOf(tpqi, group, position, grade);
    return absl::StrCat(holder.profile, holder.provisional ? " (provisional)" : "");
  };
  EXPECT_EQ(profile(1, "ปลัดกระทรวง", ""), "NON_IT_EXECUTIVE");
  EXPECT_EQ(profile(1, "รองปลัดกระทรวง (CIO)", ""), "IT_EXECUTIVE");
  EXPECT_EQ(profile(2, "ผู้อำนวยการกองการเจ้าหน้าที่", "อำนวยการต้น"), "NON_IT_SUPERVISOR");
  EXPECT_EQ(profile(2, "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "อำนวยการต้น"),
            "IT_SUPERVISOR (provisional)");
  EXPECT_EQ(profile(5, "นักวิชาการคอมพิวเตอร์", "ชำนาญการ"), "IT_OPERATIONAL");
  EXPECT_EQ(profile(5, "นักวิชาการคอมพิวเตอร์", " ชำนาญการพิเศษ "), "IT_SUPERVISOR (provisional)");
  EXPECT_EQ(profile(5, "Head of Infrastructure", "7"), "IT_SUPERVISOR (provisional)");
  EXPECT_EQ(profile(4, "นักจัดการงานทั่วไป", "ชำนาญการพิเศษ"), "NON_IT_OPERATIONAL");
  EXPECT_EQ(profile(6, "หัวหน้าฝ่ายบริหารทั่วไป", "ชำนาญงาน"), "NON_IT_SUPERVISOR (provisional)");
  // Targets per skill set, each level marked provisional.
  std::set<int> operational_levels;
  for (const SkillSetRule& s : tpqi.skill_sets) {
    const auto target = tpqi.Target({6, "NON_IT_OPERATIONAL", false}, s.code, Period::kMaturing);
    ASSERT_TRUE(target.has_value()) << s.code;
    EXPECT_TRUE(target->provisional) << s.code;
    operational_levels.insert(target->level);
  }
  EXPECT_GT(operational_levels.size(), 1u) << "not flat across the skill sets";
  EXPECT_THAT(tpqi.Target({5, "IT_OPERATIONAL", false}, "CYBER", Period::kDeveloping),
              Optional(Level(3)));
  EXPECT_THAT(tpqi.Target({4, "NON_IT_OPERATIONAL", false}, "CYBER", Period::kDeveloping),
              Optional(Level(1)));

  for (const auto& entry : std::filesystem::directory_iterator(dir + "/crosswalks")) {
    pb::Crosswalk crosswalk;
    ASSERT_TRUE(FromJson(*ReadFileContents(entry.path().string()), &crosswalk).ok());
    const CrosswalkRules rules = RulesOf(crosswalk);
    const FrameworkRules& from = frameworks[rules.from_framework];
    const FrameworkRules& to = frameworks[rules.to_framework];
    for (const auto& [a, b] : rules.skill_sets) {
      EXPECT_NE(from.FindSkillSet(a), nullptr) << a;
      EXPECT_NE(to.FindSkillSet(b), nullptr) << b;
    }
    for (int level : from.levels) EXPECT_TRUE(rules.levels.count(level)) << level;
  }
}

TEST(CompetencyUnitsTest, CodesMeetWhenEqualAnElementOfTheOtherOrUnderAWildcard) {
  EXPECT_TRUE(UnitCodesMeet("DL402", "DL402"));
  EXPECT_TRUE(UnitCodesMeet("DS404", "DS404.2"));
  EXPECT_TRUE(UnitCodesMeet("DS404.2", "DS404"));
  EXPECT_TRUE(UnitCodesMeet("PM*", "PM101"));
  EXPECT_TRUE(UnitCodesMeet("PM101.2", "PM*"));
  EXPECT_FALSE(UnitCodesMeet("DS404.2", "DS404.3")) << "two elements of one unit";
  EXPECT_FALSE(UnitCodesMeet("DS404", "DS40"));
  EXPECT_FALSE(UnitCodesMeet("DT300", "DTr300")) << "another prefix";
  EXPECT_FALSE(UnitCodesMeet("PM*", "SM101"));
  EXPECT_FALSE(UnitCodesMeet("DT*", "DTr300")) << "the wildcard of DT is not DTr's";
  EXPECT_TRUE(UnitCodesMeet("PM*", "PM*"));
  EXPECT_TRUE(UnitCodesMeet("DTr300", "DTr*"));
  EXPECT_FALSE(UnitCodesMeet("DS404.1", "DS404.12"));
  EXPECT_FALSE(UnitCodesMeet("", ""));
  EXPECT_FALSE(UnitCodesMeet("", ".5"));
}

TEST(BehaviourChecklistTest, EvidenceThatShowsMakesABehaviourShownOtherLinksInProgress) {
  const std::vector<ExpectedBehaviour> behaviours = {
      {"T1S1-EXEC-1", {"DL402", "DTr200"}},  // an assessment of an element of DL402 shows it
      {"T1S1-EXEC-2", {"DS404"}},            // a plan item links by its code, not yet applied
      {"T1S1-EXEC-3", {"PM*"}},              // a completion of PM101, its application confirmed
      {"T1S1-EXEC-4", {"DG200"}}};           // nothing links
  const std::vector<Evidence> evidence = {
      {Evidence::Kind::kAssessment, 11, {}, {"DL402.2"}, true},
      {Evidence::Kind::kPlanItem, 21, {"T1S1-EXEC-2", "T1S1-EXEC-1"}, {"DTr200"}, false},
      {Evidence::Kind::kCompletion, 31, {}, {"PM101"}, true}};
  const std::vector<CheckedBehaviour> checked = CheckBehaviours(behaviours, evidence);
  ASSERT_EQ(checked.size(), 4u);
  EXPECT_EQ(checked[0].state, BehaviourState::kShown);
  ASSERT_EQ(checked[0].links.size(), 2u);
  EXPECT_EQ(checked[0].links[0].evidence, 0u);
  EXPECT_THAT(checked[0].links[0].matched_codes, ElementsAre("DL402"));
  EXPECT_EQ(checked[0].links[1].evidence, 1u);
  EXPECT_THAT(checked[0].links[1].matched_codes, ElementsAre("T1S1-EXEC-1", "DTr200"));
  EXPECT_EQ(checked[1].state, BehaviourState::kInProgress);
  EXPECT_THAT(checked[1].links[0].matched_codes, ElementsAre("T1S1-EXEC-2"));
  EXPECT_EQ(checked[2].state, BehaviourState::kShown);
  EXPECT_EQ(checked[2].links[0].evidence, 2u);
  EXPECT_EQ(checked[3].state, BehaviourState::kNotStarted);
  EXPECT_THAT(checked[3].links, IsEmpty());
}

}  // namespace
}  // namespace thaksa::assessment
