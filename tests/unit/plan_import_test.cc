// Unit tests of the bulk plan import over the in-memory fakes: the checks of a record's fields,
// keys in the caller's key space and digests of content, and a batch with every kind of record
// (new, replay, change of a draft and of a submitted plan, bad references, people outside the
// scope or unknown, a year already planned), answered in order with the per-plan API's rules,
// the people's profiles read in one request per batch.
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/learning/learning_checks.h"
#include "services/learning/learning_convert.h"
#include "services/learning/plan_import.h"
#include "tests/support/plan_fixture.h"

namespace thaksa::learning {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The record of a plan that keeps every rule for the fixture's person (LITERACY developed).
v1::PlanRecord GoodRecord(const std::string& external_id, int64_t person) {
  v1::PlanRecord record;
  record.set_external_id(external_id);
  record.set_person_id(person);
  record.mutable_fiscal_year()->set_be_year(kYear);
  for (const PlanItem& item : {Item(Mode::kExperiential, Horizon::kPresent, 70, {"LITERACY"}),
                               Item(Mode::kSocial, Horizon::kFuture, 20, {"TECHNOLOGY"}),
                               Item(Mode::kFormal, Horizon::kFuture, 10, {"TECHNOLOGY"})}) {
    *record.add_items() = ToProto(item);
  }
  return record;
}

// The field errors of a record, as "field: reason".
std::vector<std::string> Problems(const v1::PlanRecord& record) {
  FieldErrors errors;
  CheckPlanRecord(record, errors);
  std::vector<std::string> problems;
  for (const FieldViolation& v : errors.violations()) problems.push_back(v.field);
  return problems;
}

TEST(PlanRecordChecksTest, EveryFieldIsCheckedAndNamed) {
  EXPECT_THAT(Problems(GoodRecord("แผน-1", 5)), IsEmpty());
  v1::PlanRecord bad = GoodRecord("   ", 0);
  bad.mutable_fiscal_year()->set_be_year(2500);
  bad.mutable_items(0)->set_planned_hours(std::numeric_limits<double>::quiet_NaN());
  bad.mutable_items(1)->set_title(std::string(100000, 'k'));
  bad.mutable_items(2)->set_planned_hours(-1);
  EXPECT_THAT(Problems(bad),
              ElementsAre("external_id", "person_id", "fiscal_year.be_year",
                          "items[0].planned_hours", "items[1].title", "items[2].planned_hours"));
  v1::PlanRecord empty = GoodRecord(std::string(129, 'x'), 5);
  empty.clear_items();
  EXPECT_THAT(Problems(empty), ElementsAre("external_id", "items"));
  v1::PlanRecord many = GoodRecord("แผน-1", 5);
  for (int i = 0; i < 50; ++i) *many.add_items() = many.items(0);
  EXPECT_THAT(Problems(many), ElementsAre("items"));
}

TEST(PlanRecordChecksTest, LimitsAreInCharactersSoThaiTextFillsThem) {
  auto thai = [](int characters) {
    std::string text;
    for (int i = 0; i < characters; ++i) text += "ก";
    return text;
  };
  v1::PlanRecord record = GoodRecord(thai(128), 5);
  record.mutable_items(0)->set_title(thai(500));
  record.mutable_items(0)->set_evidence(thai(2000));
  EXPECT_THAT(Problems(record), IsEmpty());
  record.set_external_id(thai(129));
  record.mutable_items(0)->set_title(thai(501));
  EXPECT_THAT(Problems(record), ElementsAre("external_id", "items[0].title"));
}

TEST(ImportOfTest, KeysAreTheCallersAndDigestsFollowTheContentAlone) {
  Principal hr;
  hr.role = Role::kHrSystem;
  hr.agency_id = 7;
  const PlanImport plan = ImportOf(hr, GoodRecord("แผน-1", 5));
  EXPECT_EQ(plan.external_key, "hr:7:แผน-1");
  EXPECT_EQ(plan.person_id, 5);
  EXPECT_EQ(plan.fiscal_year, kYear);
  EXPECT_EQ(plan.items.size(), 3u);
  EXPECT_EQ(plan.digest.size(), 64u);

  // Ids, progress and the external id are not content.
  v1::PlanRecord same = GoodRecord("แผน-2", 5);
  same.mutable_items(0)->set_id(99);
  same.mutable_items(0)->set_status(v1::ITEM_STATUS_DONE);
  same.mutable_items(0)->set_achieved_hours(12);
  EXPECT_EQ(ImportOf(hr, same).digest, plan.digest);
  EXPECT_EQ(ImportOf(hr, same).items[0].status, ItemStatus::kUnspecified);
  EXPECT_EQ(ImportOf(hr, same).items[0].achieved_hours, 0);

  v1::PlanRecord other = GoodRecord("แผน-1", 5);
  other.mutable_items(2)->set_planned_hours(11);
  EXPECT_NE(ImportOf(hr, other).digest, plan.digest);
  EXPECT_NE(ImportOf(hr, GoodRecord("แผน-1", 6)).digest, plan.digest);
  Principal admin;
  admin.role = Role::kAdmin;
  EXPECT_EQ(ImportOf(admin, GoodRecord("แผน-1", 5)).external_key, "admin:แผน-1");
}

class PlanImportTest : public PlanFixture {
 protected:
  // Imports `records` in one batch as `who`, answering "OUTCOME" or "CODE on field" per record.
  std::vector<std::string> Import(const Principal& who,
                                  const std::vector<v1::PlanRecord>& records) {
    const PlanCall call = As(who);
    PlanImporter importer(store_, directory_, clock_, call);
    std::vector<PlanImport> plans;
    for (const v1::PlanRecord& record : records) plans.push_back(ImportOf(who, record));
    absl::StatusOr<std::vector<ImportedPlan>> imported = importer.Import(plans);
    EXPECT_TRUE(imported.ok()) << imported.status();
    last_.clear();
    std::vector<std::string> outcomes;
    for (const ImportedPlan& answer : imported.value_or(std::vector<ImportedPlan>())) {
      v1::BulkPlanResult result;
      ToProto(answer.result, answer.described, &result);
      last_.push_back(result);
      std::string outcome = v1::PlanImportOutcome_Name(result.outcome());
      outcome = outcome.substr(std::string("PLAN_IMPORT_OUTCOME_").size());
      if (result.outcome() == v1::PLAN_IMPORT_OUTCOME_REJECTED) {
        outcome = absl::StrCat(result.rejection(), " on ", result.errors(0).field());
      }
      outcomes.push_back(outcome);
    }
    return outcomes;
  }

  std::vector<v1::BulkPlanResult> last_;
};

TEST_F(PlanImportTest, GoalsAreCheckedWithOneReadOfTheAnnexAndUnlinkedItemsAreWarnedOf) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  v1::PlanRecord linked = GoodRecord("แผน-เป้าหมาย", person_);
  linked.mutable_items(0)->add_behaviour_codes("T1S1-EXEC-1");
  linked.mutable_items(1)->add_unit_codes("dtr-200");
  v1::PlanRecord unknown = GoodRecord("แผน-ผิด", supervisor_);
  unknown.mutable_items(2)->add_behaviour_codes("T1S1-EXEC-9");
  const int read_before = annex_.read();
  EXPECT_THAT(Import(hr, {linked, unknown}),
              ElementsAre("CREATED", "INVALID_ARGUMENT on items[2].behaviour_codes[0]"));
  EXPECT_EQ(annex_.read() - read_before, 1) << "the unit codes, once for the stream";
  ASSERT_EQ(last_[0].warnings_size(), 1) << "the third item links to nothing";
  EXPECT_THAT(last_[0].warnings(0).reason(), HasSubstr("item 3"));
  linked.mutable_items(1)->set_unit_codes(0, "DTr200");
  EXPECT_THAT(Import(hr, {linked}), ElementsAre("UNCHANGED")) << "the same codes, respelt";
}

TEST_F(PlanImportTest, AMixedBatchIsAnsweredInOrderWithThePerPlanRules) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  ASSERT_THAT(Import(hr, {GoodRecord("แผน-เดิม", supervisor_)}), ElementsAre("CREATED"));
  const int64_t original = last_[0].plan_id();
  ASSERT_TRUE(workflow_.Create(As(Person()), person_, kYear + 1).ok());

  v1::PlanRecord changed = GoodRecord("แผน-เดิม", supervisor_);
  changed.mutable_items(0)->set_title("โครงการใหม่");
  v1::PlanRecord bad_skill = GoodRecord("ทักษะผิด", person_);
  bad_skill.mutable_items(1)->set_skill_set_codes(0, "COOKING");
  v1::PlanRecord bad_course = GoodRecord("หลักสูตรผิด", person_);
  bad_course.mutable_items(2)->set_institute_code("TDGA");
  bad_course.mutable_items(2)->set_course_code("NO-SUCH");
  v1::PlanRecord planned_year = GoodRecord("ปีที่มีแผน", person_);
  planned_year.mutable_fiscal_year()->set_be_year(kYear + 1);
  v1::PlanRecord breaking = GoodRecord("แผนใหม่", person_);
  breaking.mutable_items(0)->set_planned_hours(200);

  EXPECT_THAT(Import(hr, {GoodRecord("แผน-เดิม", supervisor_), bad_skill, bad_course,
                          GoodRecord("นอกสังกัด", other_), GoodRecord("ไม่มีตัว", 987654),
                          planned_year, breaking}),
              ElementsAre("UNCHANGED", "INVALID_ARGUMENT on items[1].skill_set_codes[0]",
                          "INVALID_ARGUMENT on items[2].course_code",
                          "PERMISSION_DENIED on person_id", "PERMISSION_DENIED on person_id",
                          "ALREADY_EXISTS on person_id", "CREATED"));
  EXPECT_EQ(last_[0].plan_id(), original);
  EXPECT_THAT(last_[0].violations(), IsEmpty()) << "violations only of a plan written";
  ASSERT_EQ(last_[6].outcome(), v1::PLAN_IMPORT_OUTCOME_CREATED);
  std::vector<std::string> rules;
  for (const v1::Violation& v : last_[6].violations()) rules.push_back(v.rule());
  EXPECT_THAT(rules, ElementsAre("mix.experiential", "mix.social", "mix.formal", "horizon"));
  EXPECT_NEAR(last_[6].planned().experiential_percent(), 200.0 / 230 * 100, 1e-9);

  EXPECT_THAT(Import(hr, {changed}), ElementsAre("UPDATED"));
  EXPECT_EQ(last_[0].version(), 2);
  absl::StatusOr<DescribedPlan> stored = workflow_.Get(As(hr), last_[0].plan_id());
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->plan.items.size(), 3u);
  EXPECT_EQ(stored->plan.items[0].title, "โครงการใหม่");
  EXPECT_EQ(stored->plan.items[0].status, ItemStatus::kPlanned);
}

TEST_F(PlanImportTest, ProfilesAreReadInOneRequestPerBatchAndNotForReplays) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  ASSERT_THAT(Import(hr, {GoodRecord("ก", person_), GoodRecord("ข", supervisor_)}),
              ElementsAre("CREATED", "CREATED"));
  EXPECT_EQ(profiles_.batches_asked(), 1);
  EXPECT_EQ(profiles_.asked(), 0);
  EXPECT_EQ(store_.import_batches(), 1);
  ASSERT_THAT(Import(hr, {GoodRecord("ก", person_), GoodRecord("ข", supervisor_)}),
              ElementsAre("UNCHANGED", "UNCHANGED"));
  EXPECT_EQ(profiles_.batches_asked(), 2) << "an empty request at most";
  EXPECT_EQ(store_.changes().size(), 2u) << "a replay changes nothing";
}

TEST_F(PlanImportTest, ASubmittedPlanIsNotChangedByAnImportButARevisionTakesItsKey) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  ASSERT_THAT(Import(hr, {GoodRecord("แผน", person_)}), ElementsAre("CREATED"));
  const int64_t first = last_[0].plan_id();
  absl::StatusOr<DescribedPlan> plan =
      workflow_.Transition(As(Person()), first, PlanStatus::kSubmitted, last_[0].version(), "");
  ASSERT_TRUE(plan.ok()) << plan.status();

  v1::PlanRecord changed = GoodRecord("แผน", person_);
  changed.mutable_items(0)->set_planned_hours(71);
  EXPECT_THAT(Import(hr, {changed}), ElementsAre("FAILED_PRECONDITION on external_id"));
  EXPECT_THAT(last_[0].errors(0).reason(), HasSubstr("PLAN_STATUS_SUBMITTED"));
  EXPECT_THAT(Import(hr, {GoodRecord("แผน", person_)}), ElementsAre("UNCHANGED"));

  plan = workflow_.Transition(As(Supervisor()), first, PlanStatus::kApproved, plan->plan.version,
                              "");
  ASSERT_TRUE(plan.ok()) << plan.status();
  absl::StatusOr<DescribedPlan> revised = workflow_.Revise(As(Person()), first);
  ASSERT_TRUE(revised.ok()) << revised.status();
  EXPECT_THAT(Import(hr, {changed}), ElementsAre("UPDATED"));
  EXPECT_EQ(last_[0].plan_id(), revised->plan.id);
}

TEST_F(PlanImportTest, AKeyIsTheCallersAndNamesOnePlan) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  ASSERT_THAT(Import(hr, {GoodRecord("แผน", person_)}), ElementsAre("CREATED"));
  EXPECT_THAT(Import(hr, {GoodRecord("แผน", supervisor_)}),
              ElementsAre("ALREADY_EXISTS on external_id"));
  // The same external id of another caller is another key; the person's year is taken.
  EXPECT_THAT(Import(Admin(), {GoodRecord("แผน", person_), GoodRecord("แผน-2", supervisor_)}),
              ElementsAre("ALREADY_EXISTS on person_id", "CREATED"));
  // Two keys for one person's year in one batch: the first has it.
  EXPECT_THAT(Import(Admin(), {GoodRecord("ค", other_), GoodRecord("ง", other_)}),
              ElementsAre("CREATED", "ALREADY_EXISTS on person_id"));
}

TEST_F(PlanImportTest, RolesAndScopeAreThePerPlanAPIs) {
  EXPECT_THAT(Import(Subtree(Role::kCioOffice, "MOF"), {GoodRecord("ก", person_)}),
              ElementsAre("PERMISSION_DENIED on person_id"));
  EXPECT_THAT(Import(Subtree(Role::kHrSystem, "MOI"), {GoodRecord("ก", person_)}),
              ElementsAre("PERMISSION_DENIED on person_id"));
  EXPECT_THAT(Import(Admin(), {GoodRecord("ก", 987654)}), ElementsAre("NOT_FOUND on person_id"));
  EXPECT_THAT(Import(Supervisor(), {GoodRecord("ก", person_), GoodRecord("ข", other_)}),
              ElementsAre("CREATED", "PERMISSION_DENIED on person_id"));
  EXPECT_THAT(Import(Person(), {GoodRecord("ค", person_)}),
              ElementsAre("ALREADY_EXISTS on person_id"));
}

TEST_F(PlanImportTest, AProfileThatCannotBeHadRefusesOnlyItsRecord) {
  const Principal hr = Subtree(Role::kHrSystem, "MOF");
  profiles_.Set(supervisor_, absl::UnavailableError("the assessment service is not reachable"));
  EXPECT_THAT(Import(hr, {GoodRecord("ก", supervisor_), GoodRecord("ข", person_)}),
              ElementsAre("UNAVAILABLE on person_id", "CREATED"));
  // Without a framework today the skill sets are not checked, and the profile's absence shows.
  profiles_.Set(supervisor_, absl::FailedPreconditionError("follows no framework today"));
  v1::PlanRecord any_skill = GoodRecord("ก", supervisor_);
  any_skill.mutable_items(0)->set_skill_set_codes(0, "ANYTHING");
  EXPECT_THAT(Import(hr, {any_skill}), ElementsAre("CREATED"));
  EXPECT_EQ(last_[0].violations(0).rule(), "foundation");
}

}  // namespace
}  // namespace thaksa::learning
