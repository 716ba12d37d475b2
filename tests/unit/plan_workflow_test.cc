// Unit tests of learning's plan use cases over the in-memory fakes (learning store, skill
// profiles, personnel directory): who may do what with a plan, the workflow's moves allowed and
// refused with the code and reason a caller sees, violations and approval with a waiver, item
// progress, the mix, list scope, and the conversions the MySQL store keeps plan items with.
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "common/thai_calendar.h"
#include "services/learning/learning_convert.h"
#include "services/learning/plan_access.h"
#include "services/learning/plan_workflow.h"
#include "tests/support/plan_fixture.h"

namespace thaksa::learning {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using PlanWorkflowTest = PlanFixture;

// Plan access -------------------------------------------------------------------------------

struct AccessCase {
  const char* who;
  PlanAccess access;
  absl::StatusCode code;
  const char* reason;  // "" for OK
};

TEST_F(PlanWorkflowTest, EachRoleHasTheAccessToAPlanItsPlaceGivesIt) {
  const std::map<std::string, Principal> who = {
      {"person", Person()},
      {"supervisor", Supervisor()},
      {"supervisor for own plan", Individual(Role::kSupervisor, person_)},
      {"HR above", Subtree(Role::kHrSystem, "MOF")},
      {"HR elsewhere", Subtree(Role::kHrSystem, "MOI")},
      {"CIO", Subtree(Role::kCioOffice, "MOF-TD")},
      {"admin", Admin()},
      {"another person", Individual(Role::kPerson, other_)},
      {"another supervisor", Individual(Role::kSupervisor, other_)},
  };
  constexpr absl::StatusCode kOk = absl::StatusCode::kOk;
  constexpr absl::StatusCode kDenied = absl::StatusCode::kPermissionDenied;
  constexpr char kOutside[] = "outside the caller's scope";
  constexpr char kSubmitter[] = "a plan is submitted by the person it belongs to";
  constexpr char kApprover[] = "plans are approved by the supervisor or HR";
  const std::vector<AccessCase> cases = {
      {"person", PlanAccess::kRead, kOk, ""},
      {"person", PlanAccess::kEdit, kOk, ""},
      {"person", PlanAccess::kSubmit, kOk, ""},
      {"person", PlanAccess::kApprove, kDenied, kApprover},
      {"supervisor", PlanAccess::kRead, kOk, ""},
      {"supervisor", PlanAccess::kEdit, kOk, ""},
      {"supervisor", PlanAccess::kSubmit, kDenied, kSubmitter},
      {"supervisor", PlanAccess::kApprove, kOk, ""},
      {"supervisor for own plan", PlanAccess::kSubmit, kOk, ""},
      {"supervisor for own plan", PlanAccess::kApprove, kDenied, kApprover},
      {"HR above", PlanAccess::kEdit, kOk, ""},
      {"HR above", PlanAccess::kSubmit, kOk, ""},
      {"HR above", PlanAccess::kApprove, kOk, ""},
      {"HR elsewhere", PlanAccess::kRead, kDenied, kOutside},
      {"CIO", PlanAccess::kRead, kOk, ""},
      {"CIO", PlanAccess::kEdit, kDenied, kOutside},
      {"CIO", PlanAccess::kSubmit, kDenied, kSubmitter},
      {"CIO", PlanAccess::kApprove, kDenied, kApprover},
      {"admin", PlanAccess::kSubmit, kOk, ""},
      {"admin", PlanAccess::kApprove, kOk, ""},
      {"another person", PlanAccess::kRead, kDenied, kOutside},
      {"another supervisor", PlanAccess::kRead, kDenied, kOutside},
  };
  const absl::CivilDay today = ThaiDate(clock_.Now());
  for (const AccessCase& c : cases) {
    const absl::Status status =
        RequirePlanAccess(directory_, today, who.at(c.who), person_, c.access);
    EXPECT_EQ(status.code(), c.code) << c.who << " access " << static_cast<int>(c.access);
    EXPECT_EQ(status.message(), c.reason) << c.who << " access " << static_cast<int>(c.access);
  }
}

TEST_F(PlanWorkflowTest, AnUnknownPersonIsOutsideTheScopeOfAllButAdmin) {
  const absl::CivilDay today = ThaiDate(clock_.Now());
  EXPECT_EQ(RequirePlanAccess(directory_, today, Admin(), 999, PlanAccess::kRead).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(RequirePlanAccess(directory_, today, Subtree(Role::kHrSystem, "MOF"), 999,
                              PlanAccess::kRead)
                .message(),
            "outside the caller's scope");
}

TEST_F(PlanWorkflowTest, AnUnknownPlanIsNotFoundOnlyForAdmin) {
  EXPECT_EQ(workflow_.Get(As(Admin()), 999).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(workflow_.Get(As(Subtree(Role::kHrSystem, "MOF")), 999).status().code(),
            absl::StatusCode::kPermissionDenied);
  const DescribedPlan plan = GoodDraft();
  EXPECT_EQ(workflow_.Get(As(Individual(Role::kPerson, other_)), plan.plan.id).status().code(),
            absl::StatusCode::kPermissionDenied);
  absl::StatusOr<DescribedPlan> read = workflow_.Get(As(Subtree(Role::kCioOffice, "MOF")),
                                                     plan.plan.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->plan.items.size(), 3u);
}

TEST_F(PlanWorkflowTest, ACioOfficeReadsPlansButNeverCreatesOne) {
  EXPECT_EQ(workflow_.Create(As(Subtree(Role::kCioOffice, "MOF")), person_, kYear).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(workflow_.Create(As(Supervisor()), person_, kYear).ok());
  EXPECT_EQ(workflow_.Create(As(Person()), person_, kYear).status().code(),
            absl::StatusCode::kAlreadyExists);
}

// The workflow ------------------------------------------------------------------------------

TEST_F(PlanWorkflowTest, APlanGoesFromDraftToCompletedEachStepByWhoseItIs) {
  absl::StatusOr<DescribedPlan> plan = Move(GoodDraft(), PlanStatus::kSubmitted, Person());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kSubmitted);
  plan = Move(*plan, PlanStatus::kApproved, Supervisor());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kApproved);
  EXPECT_EQ(plan->plan.approved_by_token_id, Supervisor().token_id);
  EXPECT_EQ(plan->plan.waiver_reason, "") << "a plan within the rules needs no waiver";
  plan = Move(*plan, PlanStatus::kActive, Person());
  ASSERT_TRUE(plan.ok()) << plan.status();
  plan = Move(*plan, PlanStatus::kCompleted, Supervisor());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kCompleted);
  const std::string id = std::to_string(plan->plan.id);
  EXPECT_THAT(store_.changes(),
              ElementsAre("plan/" + id + " PLAN_STATUS_SUBMITTED", "plan/" + id + " PLAN_STATUS_APPROVED",
                          "plan/" + id + " PLAN_STATUS_ACTIVE", "plan/" + id + " PLAN_STATUS_COMPLETED"));
}

TEST_F(PlanWorkflowTest, RefusedMovesSayWhyAndChangeNothing) {
  const DescribedPlan draft = GoodDraft();
  absl::Status refused = Move(draft, PlanStatus::kApproved, Supervisor()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "a plan cannot go from PLAN_STATUS_DRAFT to PLAN_STATUS_APPROVED");

  refused = Move(draft, PlanStatus::kApproved, Person()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied) << "access is checked first";
  EXPECT_EQ(refused.message(), "plans are approved by the supervisor or HR");

  refused = Move(draft, PlanStatus::kSubmitted, Supervisor()).status();
  EXPECT_EQ(refused.message(), "a plan is submitted by the person it belongs to");

  refused = Move(draft, static_cast<PlanStatus>(99), Person()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "a plan cannot go from PLAN_STATUS_DRAFT to ");

  refused = Move(draft, PlanStatus::kSubmitted, Person(), "   ").status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.message()), HasSubstr("waiver_reason"));

  DescribedPlan stale = draft;
  stale.plan.version -= 1;
  EXPECT_EQ(Move(stale, PlanStatus::kSubmitted, Person()).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_THAT(store_.changes(), IsEmpty());
}

TEST_F(PlanWorkflowTest, ASubmittedPlanIsReturnedToDraftAndOnlyAnApproverCancelsAnActiveOne) {
  absl::StatusOr<DescribedPlan> plan = Move(GoodDraft(), PlanStatus::kSubmitted, Person());
  plan = Move(*plan, PlanStatus::kDraft, Supervisor());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kDraft);

  const DescribedPlan active = ActivePlan();
  EXPECT_EQ(Move(active, PlanStatus::kCancelled, Person()).status().message(),
            "plans are approved by the supervisor or HR");
  plan = Move(active, PlanStatus::kCancelled, Subtree(Role::kHrSystem, "MOF-TD"));
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kCancelled);
  EXPECT_EQ(Move(*plan, PlanStatus::kCancelled, Admin()).status().message(),
            "a plan cannot go from PLAN_STATUS_CANCELLED to PLAN_STATUS_CANCELLED");
}

TEST_F(PlanWorkflowTest, APersonCancelsTheirOwnDraft) {
  absl::StatusOr<DescribedPlan> plan = Move(GoodDraft(), PlanStatus::kCancelled, Person());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan.status, PlanStatus::kCancelled);
}

TEST_F(PlanWorkflowTest, ARevisionIsANewDraftWithTheItemsAndTheirProgress) {
  const DescribedPlan active = ActivePlan();
  absl::StatusOr<DescribedPlan> reported =
      workflow_.CompleteItem(As(Person()), active.plan.id, active.plan.items[0].id, 35, "ทำแล้ว");
  ASSERT_TRUE(reported.ok()) << reported.status();
  EXPECT_EQ(workflow_.Revise(As(Subtree(Role::kCioOffice, "MOF")), active.plan.id).status().code(),
            absl::StatusCode::kPermissionDenied);
  absl::StatusOr<DescribedPlan> revised = workflow_.Revise(As(Person()), active.plan.id);
  ASSERT_TRUE(revised.ok()) << revised.status();
  EXPECT_EQ(revised->plan.revision, 2);
  EXPECT_EQ(revised->plan.status, PlanStatus::kDraft);
  ASSERT_EQ(revised->plan.items.size(), 3u);
  EXPECT_EQ(revised->plan.items[0].status, ItemStatus::kReported);
  EXPECT_EQ(revised->plan.items[0].achieved_hours, 35);
  EXPECT_EQ(store_.GetPlan(active.plan.id)->status, PlanStatus::kSuperseded);
  EXPECT_EQ(workflow_.Revise(As(Person()), revised->plan.id).status().message(),
            "only an approved or active plan is revised");
}

// Violations and waivers ---------------------------------------------------------------------

TEST_F(PlanWorkflowTest, APlanWithinTheRulesHasNoViolationsAndItsMixIsInHoursAndShares) {
  const DescribedPlan plan = GoodDraft();
  EXPECT_THAT(plan.violations, IsEmpty());
  EXPECT_EQ(plan.planned.experiential_hours, 70);
  EXPECT_EQ(plan.planned.social_hours, 20);
  EXPECT_EQ(plan.planned.formal_hours, 10);
  EXPECT_DOUBLE_EQ(plan.planned.experiential_percent, 70);
  EXPECT_DOUBLE_EQ(plan.planned.present_percent, 70);
  EXPECT_DOUBLE_EQ(plan.planned.future_percent, 30);
  EXPECT_EQ(plan.achieved.total(), 0) << "nothing done yet";
}

TEST_F(PlanWorkflowTest, ViolationsNameEachBrokenRule) {
  EXPECT_THAT(RulesOf(DraftWith({})), ElementsAre("items"));
  const DescribedPlan lopsided =
      DraftWith({Item(Mode::kExperiential, Horizon::kPresent, 100, {"TECHNOLOGY"})});
  EXPECT_THAT(RulesOf(lopsided), ElementsAre("mix.experiential", "mix.social", "mix.formal",
                                             "horizon", "foundation.LITERACY"))
      << "GOVERNANCE is met already; LITERACY is neither met nor developed";
  EXPECT_EQ(lopsided.violations[0].reason,
            "experiential learning is 100 % of planned hours; the framework asks for 70 % +/- 10 "
            "points");
}

TEST_F(PlanWorkflowTest, APlanIsCheckedAgainstTheMixRuleOfThePersonsFramework) {
  EXPECT_THAT(RulesOf(GoodDraft()), IsEmpty());
  MixPolicy formal_heavy;
  formal_heavy.experiential = 60;
  formal_heavy.formal = 20;
  formal_heavy.formal_tolerance = 2;
  profiles_.Set(person_, SkillProfile{"F1", {"LITERACY", "GOVERNANCE"}, {"GOVERNANCE"},
                                      formal_heavy});
  const DescribedPlan draft = GoodDraft();
  EXPECT_THAT(RulesOf(draft), ElementsAre("mix.formal"));
  EXPECT_EQ(draft.violations[0].reason,
            "formal training is 10 % of planned hours; the framework asks for 20 % +/- 2 points");
}

TEST_F(PlanWorkflowTest, AProfileThatCannotBeHadShowsAsAViolation) {
  const DescribedPlan draft = GoodDraft();
  profiles_.Set(person_, absl::UnavailableError("the assessment service is not reachable"));
  absl::StatusOr<DescribedPlan> read = workflow_.Get(As(Person()), draft.plan.id);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->violations.size(), 1u);
  EXPECT_EQ(read->violations[0].rule, "foundation");
  EXPECT_EQ(read->violations[0].reason,
            "the person's skill profile is not available: the assessment service is not "
            "reachable");
}

TEST_F(PlanWorkflowTest, APlanBreakingTheRulesIsApprovedOnlyWithAWaiverWhichIsKept) {
  const DescribedPlan draft =
      DraftWith({Item(Mode::kExperiential, Horizon::kPresent, 100, {"LITERACY"})});
  absl::StatusOr<DescribedPlan> submitted = Move(draft, PlanStatus::kSubmitted, Person());
  ASSERT_TRUE(submitted.ok()) << "submitting does not judge the rules";

  const absl::Status refused = Move(*submitted, PlanStatus::kApproved, Supervisor()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("the plan breaks the rules (mix.experiential: experiential learning"));
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("); fix them, or approve with a waiver reason"));

  absl::StatusOr<DescribedPlan> approved = Move(*submitted, PlanStatus::kApproved, Supervisor(),
                                                "งานเร่งด่วนของหน่วยงานปีนี้");
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->plan.status, PlanStatus::kApproved);
  EXPECT_EQ(approved->plan.waiver_reason, "งานเร่งด่วนของหน่วยงานปีนี้");
  EXPECT_EQ(approved->plan.approved_by_token_id, Supervisor().token_id);
  EXPECT_FALSE(approved->violations.empty()) << "the waiver does not hide the violations";
}

TEST_F(PlanWorkflowTest, AWaiverOnAnythingButAnApprovalIsNotKept) {
  absl::StatusOr<DescribedPlan> submitted =
      Move(GoodDraft(), PlanStatus::kSubmitted, Person(), "ไม่จำเป็น");
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  EXPECT_EQ(submitted->plan.waiver_reason, "");
  absl::StatusOr<DescribedPlan> approved =
      Move(*submitted, PlanStatus::kApproved, Supervisor(), "ไม่จำเป็น");
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->plan.waiver_reason, "") << "a plan within the rules waives nothing";
}

// Items ------------------------------------------------------------------------------------

TEST_F(PlanWorkflowTest, ItemsAreCheckedAgainstThePersonsFrameworkAndTheCatalogue) {
  const DescribedPlan draft = GoodDraft();
  auto add = [&](const PlanItem& item) {
    return workflow_.AddItem(As(Person()), draft.plan.id, item, draft.plan.version).status();
  };
  absl::Status refused = add(Item(Mode::kSocial, Horizon::kPresent, 5, {"LITERACY", "CYBER"}));
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(refused), (std::vector<FieldViolation>{
      {"item.skill_set_codes[1]", "is not a skill set of the person's framework"}}));

  PlanItem social = Item(Mode::kSocial, Horizon::kPresent, 5, {"LITERACY"});
  social.institute_code = "TDGA";
  social.course_code = "DL101";
  EXPECT_EQ(FieldViolationsOf(add(social)), (std::vector<FieldViolation>{
      {"item.course_code", "only FORMAL items take a course"}}));

  PlanItem formal = Item(Mode::kFormal, Horizon::kPresent, 5, {"LITERACY"});
  formal.institute_code = "TDGA";
  formal.course_code = "NOPE";
  EXPECT_EQ(FieldViolationsOf(add(formal)), (std::vector<FieldViolation>{
      {"item.course_code", "no course of that institute has this code"}}));
  formal.course_code = "DL101";
  EXPECT_TRUE(add(formal).ok());
}

TEST_F(PlanWorkflowTest, ItemsLinkToKnownGoalsAndAnItemLinkingToNoneIsWarnedOf) {
  const DescribedPlan draft = GoodDraft();
  ASSERT_EQ(draft.warnings.size(), 3u) << "no item of the good draft links to a goal";
  EXPECT_EQ(draft.warnings[0].rule, "goal");
  EXPECT_EQ(draft.warnings[0].reason,
            "item 1 (งานพัฒนาทักษะ) links to no expected behaviour or competency unit");
  auto add = [&](const PlanItem& item) {
    return workflow_.AddItem(As(Person()), draft.plan.id, item, draft.plan.version);
  };
  PlanItem linked = Item(Mode::kSocial, Horizon::kPresent, 5, {"LITERACY"});
  linked.behaviour_codes = {"T2E-TECH-3", "T9-NONE-1"};
  linked.unit_codes = {"DL402", "DL409"};
  EXPECT_EQ(FieldViolationsOf(add(linked).status()),
            (std::vector<FieldViolation>{
                {"item.behaviour_codes[1]", "no expected behaviour of the annex has this code"},
                {"item.unit_codes[1]",
                 "DL409 is no unit of the competency-unit catalogue; the nearest is DL402"}}));
  linked.behaviour_codes.pop_back();
  linked.unit_codes.pop_back();
  absl::StatusOr<DescribedPlan> added = add(linked);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_THAT(added->plan.items.back().behaviour_codes, ElementsAre("T2E-TECH-3"));
  EXPECT_EQ(added->warnings.size(), 3u) << "the linked item is not warned of";

  annex_.FailWith(absl::UnavailableError("the annex cannot be read"));
  EXPECT_EQ(workflow_.AddItem(As(Person()), draft.plan.id, linked, added->plan.version)
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  annex_.FailWith(absl::OkStatus());
  EXPECT_TRUE(Move(*added, PlanStatus::kSubmitted, Person()).ok()) << "warnings do not block";
}

TEST_F(PlanWorkflowTest, WithoutAFrameworkTodaySkillSetsAreNotCheckedButOtherProfileErrorsFail) {
  profiles_.Set(person_, absl::FailedPreconditionError("no framework"));
  const DescribedPlan draft = DraftWith({Item(Mode::kSocial, Horizon::kPresent, 5, {"ANY"})});
  ASSERT_EQ(draft.plan.items.size(), 1u);
  profiles_.Set(person_, absl::UnavailableError("the assessment service is not reachable"));
  EXPECT_EQ(workflow_
                .AddItem(As(Person()), draft.plan.id,
                         Item(Mode::kSocial, Horizon::kPresent, 5, {"ANY"}), draft.plan.version)
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(PlanWorkflowTest, ProgressSentWithAnItemIsIgnoredAndAChangedItemKeepsItsOwn) {
  PlanItem claimed = Item(Mode::kSocial, Horizon::kPresent, 20, {"LITERACY"});
  claimed.status = ItemStatus::kDone;
  claimed.achieved_hours = 20;
  const DescribedPlan draft = DraftWith({claimed});
  ASSERT_EQ(draft.plan.items.size(), 1u);
  EXPECT_EQ(draft.plan.items[0].status, ItemStatus::kPlanned);
  EXPECT_EQ(draft.plan.items[0].achieved_hours, 0);

  const DescribedPlan active = ActivePlan();
  const int64_t item_id = active.plan.items[1].id;
  ASSERT_TRUE(workflow_.CompleteItem(As(Person()), active.plan.id, item_id, 12, "โค้ชทีม").ok());
  absl::StatusOr<DescribedPlan> revised = workflow_.Revise(As(Person()), active.plan.id);
  ASSERT_TRUE(revised.ok()) << revised.status();
  PlanItem changed = revised->plan.items[1];
  changed.title = "โค้ชทีมใหม่";
  changed.status = ItemStatus::kPlanned;
  changed.achieved_hours = 0;
  absl::StatusOr<DescribedPlan> updated =
      workflow_.UpdateItem(As(Person()), revised->plan.id, changed, revised->plan.version);
  ASSERT_TRUE(updated.ok()) << updated.status();
  const PlanItem& stored = updated->plan.items.back();
  EXPECT_EQ(stored.title, "โค้ชทีมใหม่");
  EXPECT_EQ(stored.status, ItemStatus::kReported);
  EXPECT_EQ(stored.achieved_hours, 12);
}

TEST_F(PlanWorkflowTest, OnlyADraftChangesItsItemsAtTheVersionRead) {
  const DescribedPlan draft = GoodDraft();
  EXPECT_EQ(workflow_
                .RemoveItem(As(Person()), draft.plan.id, draft.plan.items[0].id,
                            draft.plan.version - 1)
                .status()
                .code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(FieldViolationsOf(workflow_
                                  .RemoveItem(As(Person()), draft.plan.id, 999,
                                              draft.plan.version)
                                  .status()),
            (std::vector<FieldViolation>{{"item_id", "no item of this plan has this id"}}));
  absl::StatusOr<DescribedPlan> removed =
      workflow_.RemoveItem(As(Person()), draft.plan.id, draft.plan.items[0].id, draft.plan.version);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(removed->plan.items.size(), 2u);
  EXPECT_THAT(RulesOf(*removed), ::testing::Contains("foundation.LITERACY"));

  const DescribedPlan active = ActivePlan();
  const absl::Status refused =
      workflow_.RemoveItem(As(Person()), active.plan.id, active.plan.items[0].id,
                           active.plan.version)
          .status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "the plan is PLAN_STATUS_ACTIVE; only a DRAFT changes (an approved "
                               "plan changes through a new revision)");
}

TEST_F(PlanWorkflowTest, ThePersonReportsAnItemDoneAndTheSupervisorConfirmsIt) {
  const DescribedPlan draft = GoodDraft();
  const int64_t social = draft.plan.items[1].id;
  EXPECT_EQ(workflow_.CompleteItem(As(Person()), draft.plan.id, social, 20, "ทำแล้ว")
                .status()
                .message(),
            "items are completed in an ACTIVE plan");

  const DescribedPlan active = ActivePlan();
  const int64_t experiential = active.plan.items[0].id;
  const int64_t formal = active.plan.items[2].id;
  EXPECT_EQ(workflow_.CompleteItem(As(Person()), active.plan.id, formal, 10, "อบรมแล้ว")
                .status()
                .message(),
            "formal items are completed by institute completions");
  EXPECT_EQ(FieldViolationsOf(
                workflow_.CompleteItem(As(Person()), active.plan.id, 999, 10, "x").status()),
            (std::vector<FieldViolation>{{"item_id", "no item of this plan has this id"}}));
  const std::vector<FieldViolation> bad = FieldViolationsOf(
      workflow_.CompleteItem(As(Person()), active.plan.id, experiential, 0, " ").status());
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].field, "achieved_hours");
  EXPECT_EQ(bad[1], (FieldViolation{"evidence", "is required: what was done, where"}));

  EXPECT_EQ(workflow_.ConfirmItem(As(Supervisor()), active.plan.id, experiential)
                .status()
                .message(),
            "only an item the person reported done is confirmed");
  absl::StatusOr<DescribedPlan> reported = workflow_.CompleteItem(
      As(Person()), active.plan.id, experiential, 56, "ระบบจองห้องประชุมขึ้นใช้งาน");
  ASSERT_TRUE(reported.ok()) << reported.status();
  EXPECT_EQ(reported->plan.items[0].status, ItemStatus::kReported);
  EXPECT_EQ(reported->plan.items[0].evidence, "ระบบจองห้องประชุมขึ้นใช้งาน");
  EXPECT_EQ(reported->achieved.experiential_hours, 56);
  EXPECT_DOUBLE_EQ(reported->achieved.experiential_percent, 100);

  EXPECT_EQ(workflow_.ConfirmItem(As(Person()), active.plan.id, experiential).status().message(),
            "plans are approved by the supervisor or HR");
  absl::StatusOr<DescribedPlan> confirmed =
      workflow_.ConfirmItem(As(Supervisor()), active.plan.id, experiential);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->plan.items[0].status, ItemStatus::kDone);
  EXPECT_EQ(confirmed->plan.items[0].achieved_hours, 56);
  EXPECT_EQ(confirmed->plan.items[0].evidence, "ระบบจองห้องประชุมขึ้นใช้งาน");
}

// Lists -------------------------------------------------------------------------------------

TEST_F(PlanWorkflowTest, ListsCoverTheCallersSubtreeOrTheAgencyTheyNameWithin) {
  const DescribedPlan mine = GoodDraft();
  ASSERT_TRUE(workflow_.Create(As(Admin()), other_, kYear).ok());
  ASSERT_TRUE(workflow_.Create(As(Admin()), supervisor_, kYear - 1).ok());

  auto ids = [&](const Principal& who, PlanQuery query) {
    std::vector<int64_t> ids;
    absl::StatusOr<std::vector<DescribedPlan>> plans = workflow_.List(As(who), query);
    EXPECT_TRUE(plans.ok()) << plans.status();
    for (const DescribedPlan& plan : plans.value_or(std::vector<DescribedPlan>())) {
      ids.push_back(plan.plan.person_id);
      EXPECT_THAT(plan.violations, IsEmpty()) << "lists carry no violations";
    }
    return ids;
  };
  EXPECT_THAT(ids(Admin(), {}), ElementsAre(person_, other_, supervisor_));
  EXPECT_THAT(ids(Subtree(Role::kHrSystem, "MOF"), {}), ElementsAre(person_, supervisor_));
  EXPECT_THAT(ids(Subtree(Role::kCioOffice, "MOI"), {}), ElementsAre(other_));
  EXPECT_THAT(ids(Subtree(Role::kHrSystem, "MOF"), {"MOF-TD", PlanStatus::kUnspecified, kYear}),
              ElementsAre(person_));
  EXPECT_THAT(ids(Admin(), {"", PlanStatus::kSubmitted, 0}), IsEmpty());

  absl::StatusOr<std::vector<DescribedPlan>> plans =
      workflow_.List(As(Subtree(Role::kHrSystem, "MOF-TD")), {});
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].plan.id, mine.plan.id);
  EXPECT_DOUBLE_EQ((*plans)[0].planned.experiential_percent, 70) << "lists carry the mix";

  for (const auto& [who, agency] :
       std::vector<std::pair<Principal, std::string>>{{Subtree(Role::kHrSystem, "MOF-TD"), "MOF"},
                                                      {Subtree(Role::kHrSystem, "MOF"), "MOI"},
                                                      {Subtree(Role::kCioOffice, "MOF"), "NOPE"},
                                                      {Admin(), "NOPE"},
                                                      {Person(), ""}}) {
    PlanQuery query;
    query.agency_code = agency;
    const absl::Status refused = workflow_.List(As(who), query).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied) << agency;
    EXPECT_EQ(refused.message(), "outside the caller's scope") << agency;
  }
}

TEST_F(PlanWorkflowTest, ASupersededRevisionIsNotListed) {
  const DescribedPlan active = ActivePlan();
  absl::StatusOr<DescribedPlan> revised = workflow_.Revise(As(Person()), active.plan.id);
  ASSERT_TRUE(revised.ok());
  absl::StatusOr<std::vector<DescribedPlan>> plans = workflow_.List(As(Admin()), {});
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].plan.id, revised->plan.id);
}

// Conversions -------------------------------------------------------------------------------

TEST(LearningConvertTest, APlanItemRoundTripsThroughTheDomainUnchanged) {
  v1::PlanItem item;
  item.set_id(7);
  item.set_title("หลักสูตรผู้นำดิจิทัล");
  item.set_mode(v1::LEARNING_MODE_FORMAL);
  item.add_skill_set_codes("LEADERSHIP");
  item.add_skill_set_codes("LITERACY");
  item.set_planned_hours(12.5);
  item.set_horizon(v1::HORIZON_FUTURE);
  item.mutable_due()->set_year(2027);
  item.mutable_due()->set_month(3);
  item.mutable_due()->set_day(31);
  item.set_institute_code("TDGA");
  item.set_course_code("DL101");
  item.set_status(v1::ITEM_STATUS_REPORTED);
  item.set_achieved_hours(6);
  item.set_evidence("ผ่านครึ่งหลักสูตร");
  item.add_behaviour_codes("T1S2-MGMT-1");
  item.add_unit_codes("DL402");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(ToProto(FromProto(item)), item))
      << ToProto(FromProto(item)).DebugString();
  v1::PlanItem respelt = item;
  respelt.set_unit_codes(0, "dl-402");
  EXPECT_THAT(FromProto(respelt).unit_codes, ElementsAre("DL402")) << "kept in their one form";

  v1::PlanItem undated = item;
  undated.clear_due();
  EXPECT_FALSE(FromProto(undated).due.has_value());
  EXPECT_FALSE(ToProto(FromProto(undated)).has_due());
}

TEST(LearningConvertTest, StatusesKeepTheirNamesAndNumbers) {
  for (int value = 0; value <= 7; ++value) {
    const auto status = static_cast<v1::PlanStatus>(value);
    EXPECT_EQ(PlanStatusName(FromProto(status)), v1::PlanStatus_Name(status));
    EXPECT_EQ(ToProto(FromProto(status)), status);
  }
  EXPECT_EQ(PlanStatusName(static_cast<PlanStatus>(99)), "");
}

}  // namespace
}  // namespace thaksa::learning
