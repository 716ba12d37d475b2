// The fixture of the unit tests of learning's plan use cases (plan_workflow_test.cc,
// plan_import_test.cc): agencies and people in the fake personnel store, an institute and a
// course in the fake learning store, skill profiles, principals of every role, and plans made
// through the workflow.
#ifndef THAKSA_TESTS_SUPPORT_PLAN_FIXTURE_H_
#define THAKSA_TESTS_SUPPORT_PLAN_FIXTURE_H_

#include <string>
#include <vector>

#include "common/clock.h"
#include "gtest/gtest.h"
#include "services/learning/plan_workflow.h"
#include "tests/support/fake_annex_references.h"
#include "tests/support/fake_learning_store.h"
#include "tests/support/fake_personnel_store.h"

namespace thaksa::learning {

using thaksa::testing::FakeAnnexReferences;
using thaksa::testing::FakeDirectory;
using thaksa::testing::FakeLearningStore;
using thaksa::testing::FakePersonnelStore;
using thaksa::testing::FakeSkillProfiles;

inline constexpr int kYear = 2570;  // FY2570: 1 Oct 2026 - 30 Sep 2027

// The rules `plan` breaks, by name.
inline std::vector<std::string> RulesOf(const DescribedPlan& plan) {
  std::vector<std::string> rules;
  for (const RuleViolation& v : plan.violations) rules.push_back(v.rule);
  return rules;
}

// An item titled in Thai.
inline PlanItem Item(Mode mode, Horizon horizon, double hours,
                     std::vector<std::string> skill_sets) {
  PlanItem item;
  item.title = "งานพัฒนาทักษะ";
  item.mode = mode;
  item.horizon = horizon;
  item.planned_hours = hours;
  item.skill_set_codes = std::move(skill_sets);
  return item;
}

// People, an institute and a course to plan with, the fakes, and principals of every role.
class PlanFixture : public ::testing::Test {
 protected:
  // MOF > MOF-TD, and MOI. At MOF-TD: a supervisor and the person they supervise; at MOI,
  // someone else. The person follows framework F1, meets GOVERNANCE, not LITERACY.
  void SetUp() override {
    people_.AddAgency("MOF");
    people_.AddAgency("MOF-TD", "MOF");
    people_.AddAgency("MOI");
    supervisor_ = AddPerson("MOF-TD", "S1", "");
    person_ = AddPerson("MOF-TD", "P2", "S1");
    other_ = AddPerson("MOI", "P3", "");
    profiles_.SetFramework("F1", {"LITERACY", "GOVERNANCE", "TECHNOLOGY"});
    profiles_.Set(person_, SkillProfile{"F1", {"LITERACY", "GOVERNANCE"}, {"GOVERNANCE"}, MixPolicy()});
    pb::Institute institute;
    institute.set_code("TDGA");
    ASSERT_TRUE(store_.UpsertInstitute(institute, audit_).ok());
    pb::Course course;
    course.set_institute_code("TDGA");
    course.set_code("DL101");
    ASSERT_TRUE(store_.UpsertCourse(course, audit_).ok());
  }

  int64_t AddPerson(const std::string& agency, const std::string& employee,
                    const std::string& supervisor) {
    personnel::PersonUpsert row;
    row.record.agency_of_record_code = agency;
    row.record.employee_number = employee;
    row.record.name_th = "สมหญิง ใจดี";
    row.record.agency_code = agency;
    row.record.supervisor_employee_number = supervisor;
    row.record.group = personnel::PersonnelGroup::kAcademic;
    row.effective_from = absl::CivilDay(2026, 10, 1);
    absl::StatusOr<std::vector<personnel::UpsertResult>> results =
        people_.UpsertPeople({row}, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    return results.ok() ? (*results)[0].person_id : 0;
  }

  static Principal Admin() {
    Principal principal;
    principal.role = Role::kAdmin;
    principal.token_id = 1;
    return principal;
  }
  Principal Subtree(Role role, const std::string& code) const {
    Principal principal;
    principal.role = role;
    principal.token_id = 2;
    principal.agency_code = code;
    principal.agency_path = people_.PathOf(code);
    return principal;
  }
  static Principal Individual(Role role, int64_t person_id) {
    Principal principal;
    principal.role = role;
    principal.token_id = 10 + person_id;
    principal.person_id = person_id;
    return principal;
  }
  Principal Person() const { return Individual(Role::kPerson, person_); }
  Principal Supervisor() const { return Individual(Role::kSupervisor, supervisor_); }

  PlanCall As(const Principal& principal) { return {principal, audit_, profiles_, annex_}; }

  // A DRAFT plan of the person with `items`, added by the person; the first for kYear, each
  // next one for the year after.
  DescribedPlan DraftWith(const std::vector<PlanItem>& items) {
    const Principal person = Person();
    absl::StatusOr<DescribedPlan> plan =
        workflow_.Create(As(person), person_, kYear + drafts_++);
    EXPECT_TRUE(plan.ok()) << plan.status();
    for (const PlanItem& item : items) {
      plan = workflow_.AddItem(As(person), plan->plan.id, item, plan->plan.version);
      EXPECT_TRUE(plan.ok()) << plan.status();
    }
    return *plan;
  }
  // 70:20:10 by hours, 70:30 present to future, LITERACY developed.
  DescribedPlan GoodDraft() {
    return DraftWith({Item(Mode::kExperiential, Horizon::kPresent, 70, {"LITERACY"}),
                      Item(Mode::kSocial, Horizon::kFuture, 20, {"TECHNOLOGY"}),
                      Item(Mode::kFormal, Horizon::kFuture, 10, {"TECHNOLOGY"})});
  }
  // Moves the plan to `to` as `who`, without a waiver.
  absl::StatusOr<DescribedPlan> Move(const DescribedPlan& plan, PlanStatus to,
                                     const Principal& who, const std::string& waiver = "") {
    return workflow_.Transition(As(who), plan.plan.id, to, plan.plan.version, waiver);
  }
  // A plan of the person made ACTIVE: submitted, approved by the supervisor, activated.
  DescribedPlan ActivePlan() {
    absl::StatusOr<DescribedPlan> plan = Move(GoodDraft(), PlanStatus::kSubmitted, Person());
    plan = Move(*plan, PlanStatus::kApproved, Supervisor());
    plan = Move(*plan, PlanStatus::kActive, Person());
    EXPECT_TRUE(plan.ok()) << plan.status();
    return *plan;
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 16, 9, 0, 0), absl::UTCTimeZone())};
  FakePersonnelStore people_;
  FakeDirectory directory_{people_};
  FakeLearningStore store_{directory_, clock_};
  FakeSkillProfiles profiles_;
  // Two units and two behaviours of the annex.
  FakeAnnexReferences annex_{{"DL402", "DTr200"}, {"T1S1-EXEC-1", "T2E-TECH-3"}};
  AuditCall audit_;
  PlanWorkflow workflow_{store_, directory_, clock_};
  int64_t supervisor_ = 0, person_ = 0, other_ = 0;
  int drafts_ = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_TESTS_SUPPORT_PLAN_FIXTURE_H_
