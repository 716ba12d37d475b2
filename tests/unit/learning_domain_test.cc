// Unit tests of the learning rules: 70:20:10 with tolerance, 70:30, foundation coverage, the
// 60/40 design rule, the plausibility of completions, and what a bulk plan import does with a
// record under its external key.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/status.h"
#include "services/learning/domain/learning_rules.h"
#include "services/learning/domain/plan_import.h"
#include "services/learning/domain/work_application.h"

namespace thaksa::learning {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

ItemHours Item(Mode mode, double hours, Horizon horizon = Horizon::kPresent,
               std::vector<std::string> skill_sets = {"LITERACY", "GOVERNANCE"}) {
  return {mode, horizon, hours, 0, std::move(skill_sets)};
}

std::vector<std::string> Rules(const std::vector<RuleViolation>& violations) {
  std::vector<std::string> rules;
  for (const RuleViolation& v : violations) rules.push_back(v.rule);
  return rules;
}

TEST(MixTest, SharesByPlannedAndAchievedHours) {
  std::vector<ItemHours> items = {Item(Mode::kExperiential, 70), Item(Mode::kSocial, 20),
                                  Item(Mode::kFormal, 10, Horizon::kFuture)};
  items[0].achieved = 35;
  const Mix planned = MixOf(items, false);
  EXPECT_DOUBLE_EQ(planned.experiential_percent, 70);
  EXPECT_DOUBLE_EQ(planned.formal_percent, 10);
  EXPECT_DOUBLE_EQ(planned.present_percent, 90);
  const Mix achieved = MixOf(items, true);
  EXPECT_DOUBLE_EQ(achieved.experiential_hours, 35);
  EXPECT_DOUBLE_EQ(achieved.experiential_percent, 100);
}

TEST(PlanRulesTest, SeventyTwentyTenWithinToleranceAndSeventyThirty) {
  const std::vector<ItemHours> good = {Item(Mode::kExperiential, 50),
                                       Item(Mode::kExperiential, 22, Horizon::kFuture),
                                       Item(Mode::kSocial, 18), Item(Mode::kFormal, 10)};
  EXPECT_THAT(CheckPlan(good, MixPolicy(), {"LITERACY"}, {}), IsEmpty());  // 72:18:10, 78:22

  const std::vector<ItemHours> lecture_heavy = {Item(Mode::kExperiential, 50),
                                                Item(Mode::kSocial, 20), Item(Mode::kFormal, 30)};
  EXPECT_THAT(Rules(CheckPlan(lecture_heavy, MixPolicy(), {}, {})),
              ElementsAre("mix.experiential", "mix.formal", "horizon"));
  EXPECT_THAT(Rules(CheckPlan({}, MixPolicy(), {}, {})), ElementsAre("items"));
}

TEST(PlanRulesTest, ToleranceEdges) {
  // 60:30:10 is at the edge of +/-10 on 70 and 20: allowed; 10 +/- 5 is tighter.
  EXPECT_THAT(CheckPlan({Item(Mode::kExperiential, 30), Item(Mode::kExperiential, 30, Horizon::kFuture),
                         Item(Mode::kSocial, 30), Item(Mode::kFormal, 10)},
                        MixPolicy(), {}, {}),
              IsEmpty());
  EXPECT_THAT(Rules(CheckPlan({Item(Mode::kExperiential, 40),
                               Item(Mode::kExperiential, 24, Horizon::kFuture),
                               Item(Mode::kSocial, 20), Item(Mode::kFormal, 16)},
                              MixPolicy(), {}, {})),
              ElementsAre("mix.formal"));
}

TEST(PlanRulesTest, AFrameworksOwnMixRuleReplacesTheGuidelines) {
  // 72:18:10 and 78:22 keep the guideline's rule.
  const std::vector<ItemHours> items = {Item(Mode::kExperiential, 50),
                                        Item(Mode::kExperiential, 22, Horizon::kFuture),
                                        Item(Mode::kSocial, 18), Item(Mode::kFormal, 10)};
  MixPolicy strict;
  strict.experiential = 60;
  strict.social = 30;
  strict.experiential_tolerance = 5;
  strict.social_tolerance = 5;
  strict.present = 70;
  strict.horizon_tolerance = 5;
  const std::vector<RuleViolation> violations = CheckPlan(items, strict, {}, {});
  EXPECT_THAT(Rules(violations), ElementsAre("mix.experiential", "mix.social", "horizon"));
  EXPECT_EQ(violations[0].reason,
            "experiential learning is 72 % of planned hours; the framework asks for 60 % +/- 5 "
            "points");
  MixPolicy loose;
  loose.formal_tolerance = 10;
  EXPECT_THAT(Rules(CheckPlan({Item(Mode::kExperiential, 40),
                               Item(Mode::kExperiential, 24, Horizon::kFuture),
                               Item(Mode::kSocial, 20), Item(Mode::kFormal, 16)},
                              loose, {}, {})),
              IsEmpty())
      << "16 % formal is within 10 +/- 10";
}

TEST(PlanRulesTest, FoundationSetsMustBeMetOrPlanned) {
  const std::vector<ItemHours> items = {
      Item(Mode::kExperiential, 49, Horizon::kPresent, {"TECHNOLOGY"}),
      Item(Mode::kExperiential, 21, Horizon::kFuture, {"LITERACY"}),
      Item(Mode::kSocial, 20, Horizon::kPresent, {"TECHNOLOGY"}),
      Item(Mode::kFormal, 10, Horizon::kPresent, {"TECHNOLOGY"})};
  EXPECT_THAT(Rules(CheckPlan(items, MixPolicy(), {"LITERACY", "GOVERNANCE"}, {})),
              ElementsAre("foundation.GOVERNANCE"));
  EXPECT_THAT(CheckPlan(items, MixPolicy(), {"LITERACY", "GOVERNANCE"}, {"GOVERNANCE"}), IsEmpty());
}

TEST(SixtyFortyTest, LectureAtMostSixtyPercentOfInClassTime) {
  EXPECT_EQ(SixtyFortyViolation(true, {6, 2, 1, 1, 0}), std::nullopt);
  const auto violation = SixtyFortyViolation(true, {7, 1, 1, 1, 0});
  ASSERT_TRUE(violation.has_value());
  EXPECT_THAT(*violation, ::testing::HasSubstr("70 %"));
  EXPECT_EQ(SixtyFortyViolation(false, {10, 0, 0, 0, 0}), std::nullopt) << "online only";
  EXPECT_TRUE(SixtyFortyViolation(true, {}).has_value()) << "hours by method are required";
}

TEST(PlausibilityTest, TooFastOverlappingOrBackwards) {
  const absl::Time nine = absl::FromUnixSeconds(1780000000);
  const Attendance day{nine, nine + absl::Hours(6)};
  EXPECT_EQ(ImplausibleBecause(day, absl::Hours(5), {}), std::nullopt);
  EXPECT_TRUE(ImplausibleBecause({nine, nine + absl::Seconds(20)}, absl::Minutes(20), {}));
  EXPECT_TRUE(ImplausibleBecause({nine, nine - absl::Hours(1)}, absl::ZeroDuration(), {}));
  EXPECT_TRUE(ImplausibleBecause(day, absl::Hours(1), {{nine + absl::Hours(1), nine + absl::Hours(5)}}));
  EXPECT_EQ(ImplausibleBecause(day, absl::Hours(1),
                               {{nine + absl::Hours(5), nine + absl::Hours(8)}}),
            std::nullopt) << "an hour's overlap of a 3-hour course is plausible (breaks)";
}

// Plan imports --------------------------------------------------------------------------

PlanImport ImportFor(int64_t person, int year, const std::string& digest) {
  PlanImport plan;
  plan.external_key = "hr:7:แผน-1";
  plan.person_id = person;
  plan.fiscal_year = year;
  plan.digest = digest;
  return plan;
}

StoredImport StoredAs(PlanStatus status, const std::string& digest) {
  return {11, 5, 2570, status, digest, 3};
}

// The outcome, and for a refusal its code and field.
std::string Decided(const PlanImportResult& result) {
  switch (result.outcome) {
    case ImportOutcome::kCreated: return "CREATED";
    case ImportOutcome::kUpdated: return "UPDATED";
    case ImportOutcome::kUnchanged: return "UNCHANGED";
    case ImportOutcome::kRejected: break;
  }
  const std::vector<FieldViolation> fields = FieldViolationsOf(result.refusal);
  return absl::StrCat(absl::StatusCodeToString(result.refusal.code()), " on ",
                      fields.empty() ? "nothing" : fields.front().field);
}

TEST(PlanImportTest, ANewKeyCreatesUnlessThePersonHasAPlanForTheYear) {
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "a"), std::nullopt, false)), "CREATED");
  const PlanImportResult taken = DecideImport(ImportFor(5, 2570, "a"), std::nullopt, true);
  EXPECT_EQ(Decided(taken), "ALREADY_EXISTS on person_id");
  EXPECT_THAT(std::string(taken.refusal.message()), ::testing::HasSubstr("fiscal year 2570"));
}

TEST(PlanImportTest, AStoredKeyIsUnchangedForTheSameRecordAndUpdatedOnlyWhileADraft) {
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "a"), StoredAs(PlanStatus::kDraft, "a"),
                                 true)),
            "UNCHANGED");
  // A replay is unchanged whatever became of the plan since.
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "a"), StoredAs(PlanStatus::kActive, "a"),
                                 true)),
            "UNCHANGED");
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "b"), StoredAs(PlanStatus::kDraft, "a"),
                                 true)),
            "UPDATED");
  for (PlanStatus moved_on : {PlanStatus::kSubmitted, PlanStatus::kApproved, PlanStatus::kActive,
                              PlanStatus::kCompleted, PlanStatus::kCancelled}) {
    const PlanImportResult refused =
        DecideImport(ImportFor(5, 2570, "b"), StoredAs(moved_on, "a"), true);
    EXPECT_EQ(Decided(refused), "FAILED_PRECONDITION on external_id") << PlanStatusName(moved_on);
    EXPECT_THAT(std::string(refused.refusal.message()),
                ::testing::HasSubstr(std::string(PlanStatusName(moved_on))));
  }
}

TEST(PlanImportTest, ADraftWhoseItemsCarryApplicationsAtWorkIsNotReplaced) {
  StoredImport applied = StoredAs(PlanStatus::kDraft, "a");
  applied.applied = true;
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "b"), applied, true)),
            "FAILED_PRECONDITION on external_id");
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2570, "a"), applied, true)), "UNCHANGED");
}

TEST(PlanImportTest, AKeyNamesOnePersonsPlanForOneYear) {
  EXPECT_EQ(Decided(DecideImport(ImportFor(6, 2570, "a"), StoredAs(PlanStatus::kDraft, "a"),
                                 true)),
            "ALREADY_EXISTS on external_id");
  EXPECT_EQ(Decided(DecideImport(ImportFor(5, 2571, "a"), StoredAs(PlanStatus::kDraft, "a"),
                                 true)),
            "ALREADY_EXISTS on external_id");
}

WorkApplication ApplicationOfItem(const std::string& description) {
  WorkApplication a;
  a.plan_item_id = 7;
  a.description = description;
  a.applied_on = absl::CivilDay(2026, 11, 20);
  return a;
}

TEST(WorkApplicationTest, OnlyACompletedActivityCarriesAnApplication) {
  const WorkApplication item = ApplicationOfItem("ใช้ในงาน");
  const auto refusal = [&](ApplicationActivity activity) {
    return CheckActivityDone(item, activity).code();
  };
  ApplicationActivity done{1, false, Mode::kSocial, ItemStatus::kDone, true, std::nullopt};
  EXPECT_EQ(refusal(done), absl::StatusCode::kOk);
  done.status = ItemStatus::kReported;
  EXPECT_EQ(refusal(done), absl::StatusCode::kOk) << "reported done counts as done by the person";
  done.status = ItemStatus::kPlanned;
  EXPECT_EQ(refusal(done), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refusal({1, false, Mode::kFormal, ItemStatus::kDone, true, std::nullopt}),
            absl::StatusCode::kFailedPrecondition)
      << "a formal item applies through its completion";
  EXPECT_EQ(refusal({1, false, Mode::kExperiential, ItemStatus::kDone, false, std::nullopt}),
            absl::StatusCode::kFailedPrecondition)
      << "an item of a superseded revision";
  WorkApplication completion = item;
  completion.plan_item_id = 0;
  completion.completion_id = 9;
  const absl::CivilDay finished(2026, 11, 10);
  EXPECT_TRUE(CheckActivityDone(completion, {1, true, Mode::kUnspecified,
                                             ItemStatus::kUnspecified, false, finished}).ok());
  EXPECT_EQ(CheckActivityDone(completion, {1, false, Mode::kUnspecified,
                                           ItemStatus::kUnspecified, false, finished}).code(),
            absl::StatusCode::kFailedPrecondition)
      << "a completion held for review or rejected does not count";
  EXPECT_EQ(CheckActivityDone(completion, {1, true, Mode::kUnspecified, ItemStatus::kUnspecified,
                                           false, absl::CivilDay(2026, 11, 21)}).code(),
            absl::StatusCode::kInvalidArgument)
      << "applied (20 Nov) before the completion finished (21 Nov)";
}

TEST(WorkApplicationTest, TheSameAgainIsUnchangedAnotherReplacesItUntilConfirmed) {
  const WorkApplication given = ApplicationOfItem("ใช้ในงาน");
  EXPECT_EQ(*DecideApplication(std::nullopt, given), ApplicationChange::kCreate);
  WorkApplication stored = given;
  stored.id = 3;
  stored.person_id = 5;
  stored.version = 2;
  EXPECT_EQ(*DecideApplication(stored, given), ApplicationChange::kUnchanged)
      << "ids and version are the store's";
  WorkApplication other = given;
  other.applied_on = absl::CivilDay(2026, 11, 21);
  EXPECT_EQ(*DecideApplication(stored, other), ApplicationChange::kReplace);
  stored.confirmed = true;
  EXPECT_EQ(*DecideApplication(stored, given), ApplicationChange::kUnchanged);
  EXPECT_EQ(DecideApplication(stored, other).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace thaksa::learning
