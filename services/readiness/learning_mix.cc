#include "services/readiness/learning_mix.h"

#include <set>
#include <vector>

#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/readiness/framework_facts.h"
#include "services/readiness/readiness_scope.h"

namespace thaksa::readiness {

absl::StatusOr<LearningMixFigures> LearningMixOf(ReadinessStore& store,
                                                 learning::PlanMixReads& plans,
                                                 assessment::ProfileInputs& frameworks,
                                                 const Principal& principal,
                                                 const std::string& agency_code,
                                                 std::optional<int> fiscal_year,
                                                 absl::CivilDay today) {
  LearningMixFigures mix;
  ASSIGN_OR_RETURN(mix.agency, VisibleAgency(store, principal, agency_code));
  mix.fiscal_year = fiscal_year.value_or(FiscalYearOf(today));
  ASSIGN_OR_RETURN(const std::vector<learning::PlanMixInputs> current,
                   plans.CurrentPlans(mix.agency.path, mix.fiscal_year, today));
  std::vector<int64_t> people;
  for (const learning::PlanMixInputs& plan : current) people.push_back(plan.person_id);
  ASSIGN_OR_RETURN(const auto rows_of, store.RowsOf(people));

  FrameworkFacts facts(frameworks);
  std::vector<learning::ItemHours> all_items;
  for (const learning::PlanMixInputs& plan : current) {
    ++mix.by_status[plan.status];
    all_items.insert(all_items.end(), plan.items.begin(), plan.items.end());
    // What the person is measured against and meets now, as the read model has it.
    std::string framework_code;
    std::set<std::string> met;
    if (auto rows = rows_of.find(plan.person_id); rows != rows_of.end()) {
      for (const ReadinessRow& row : rows->second) {
        if (row.further_group) continue;  // plans are checked against the person's own group
        framework_code = row.framework_code;
        if (row.standing.status == Status::kMeets) met.insert(row.skill_set_code);
      }
    }
    const FrameworkFacts::PlanRules& rules = facts.PlanRulesOf(framework_code);
    bool mix_ok = true, foundation_ok = true;
    for (const learning::RuleViolation& v :
         learning::CheckPlan(plan.items, rules.mix_policy, rules.foundation_sets, met)) {
      (v.rule.rfind("foundation", 0) == 0 ? foundation_ok : mix_ok) = false;
    }
    mix.plans_meeting_mix += mix_ok ? 1 : 0;
    mix.plans_covering_foundation += foundation_ok ? 1 : 0;
  }
  mix.plans = static_cast<int64_t>(current.size());
  mix.achieved = learning::MixOf(all_items, /*achieved=*/true);
  ASSIGN_OR_RETURN(mix.activities,
                   plans.CompletedActivities(mix.agency.path, mix.fiscal_year, today));
  return mix;
}

}  // namespace thaksa::readiness
