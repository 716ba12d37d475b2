#include "services/assessment/skill_profile.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/proto_dates.h"
#include "common/status.h"
#include "services/assessment/assessment_convert.h"

namespace thaksa::assessment {

absl::StatusOr<pb::SkillProfile> ComputeSkillProfile(ProfileInputs& store,
                                                     const PersonContext& person,
                                                     absl::CivilDay on) {
  pb::SkillProfile profile;
  if (person.agency_code.empty()) {
    return absl::FailedPreconditionError("the person had no assignment on that date");
  }
  ASSIGN_OR_RETURN(AgencyChoice choice, store.AgencyFramework(person.agency_code, on));
  if (choice.framework_code.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agency ", person.agency_code, " follows no framework on that date"));
  }
  ASSIGN_OR_RETURN(StoredFramework stored_framework, store.GetFramework(choice.framework_code));
  ASSIGN_OR_RETURN(const pb::Framework framework, FrameworkOf(stored_framework));
  const FrameworkRules rules = RulesOf(framework);

  // Every assessment, read under the agency's framework (through crosswalks where needed).
  ASSIGN_OR_RETURN(std::vector<StoredAssessment> stored, store.AssessmentsOf(person.person_id));
  ASSIGN_OR_RETURN(std::vector<StoredCrosswalk> crosswalks, store.CrosswalksTo(rules.code));
  std::map<std::string, CrosswalkRules> crosswalk_from;
  for (const StoredCrosswalk& c : crosswalks) {
    pb::Crosswalk message;
    RETURN_IF_ERROR(FromJson(c.definition_json, &message));
    crosswalk_from[c.from_framework] = RulesOf(message);
  }
  std::map<std::string, std::vector<AssessmentFact>> by_skill_set;
  std::map<int64_t, std::string> original_framework;
  for (const StoredAssessment& s : stored) {
    std::optional<AssessmentFact> fact = s.fact;
    if (fact->framework_code != rules.code) {
      auto crosswalk = crosswalk_from.find(fact->framework_code);
      fact = crosswalk == crosswalk_from.end() ? std::nullopt
                                               : ThroughCrosswalk(crosswalk->second, *fact);
    }
    if (!fact.has_value()) continue;
    original_framework[fact->id] = s.fact.framework_code;
    by_skill_set[fact->skill_set_code].push_back(*fact);
  }

  const Period present = person.period, future = NextPeriod(person.period);
  profile.set_person_id(person.person_id);
  DayToProto(on, profile.mutable_as_of());
  profile.set_framework_code(rules.code);
  profile.set_provisional(rules.provisional);
  profile.set_personnel_group(static_cast<common::v1::PersonnelGroup>(person.group));
  profile.set_agency_code(person.agency_code);
  profile.set_present_period(static_cast<common::v1::Period>(present));
  profile.set_future_period(static_cast<common::v1::Period>(future));
  for (const SkillSetRule* skill_set : ApplicableSkillSets(rules, person.group, choice.adopted)) {
    const Counted counted = CountAssessment(by_skill_set[skill_set->code], rules.precedence, on);
    const Standing standing =
        StandingOf(counted, present != Period::kUnspecified,
                   rules.Target(person.group, skill_set->code, present),
                   rules.Target(person.group, skill_set->code, future));
    pb::SkillStanding* out = profile.add_standings();
    for (const pb::SkillSet& s : framework.skill_sets()) {
      if (s.code() == skill_set->code) *out->mutable_skill_set() = s;
    }
    out->set_level(standing.level);
    if (counted.fact.has_value()) {
      out->set_assessment_id(counted.fact->id);
      out->set_source(static_cast<pb::AssessmentSource>(counted.fact->source));
      out->set_assessed_under_framework(original_framework[counted.fact->id]);
      DayToProto(counted.fact->assessed_on, out->mutable_assessed_on());
    }
    out->set_present_target(standing.present_target);
    out->set_future_target(standing.future_target);
    out->set_gap(standing.gap);
    out->set_status(static_cast<pb::StandingStatus>(standing.status));
  }
  return profile;
}

}  // namespace thaksa::assessment
