#include "services/assessment/skill_profile.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/proto_dates.h"
#include "common/status.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/assessment_scope.h"
#include "services/assessment/framework_cache.h"

namespace thaksa::assessment {
namespace {

// The crosswalks into a framework version, as rules by the version they lead from.
using CrosswalksFrom = std::map<std::string, CrosswalkRules>;

absl::StatusOr<CrosswalksFrom> CrosswalksInto(ProfileInputs& store,
                                              const std::string& framework_code) {
  ASSIGN_OR_RETURN(std::vector<StoredCrosswalk> crosswalks, store.CrosswalksTo(framework_code));
  CrosswalksFrom rules;
  for (const StoredCrosswalk& c : crosswalks) {
    pb::Crosswalk message;
    RETURN_IF_ERROR(FromJson(c.definition_json, &message));
    rules[c.from_framework] = RulesOf(message);
  }
  return rules;
}

// The profile of `person` on `on`, under `framework` as `choice` follows it, from every one of
// their assessments (`stored`, read through `crosswalks` where made under another version), and
// for each of their further groups as if it were their group.
pb::SkillProfile ProfileOf(const CachedFramework& framework, const CrosswalksFrom& crosswalks,
                           const AgencyChoice& choice, const PersonContext& person,
                           const std::vector<StoredAssessment>& stored, absl::CivilDay on) {
  const FrameworkRules& rules = framework.rules;
  std::map<std::string, std::vector<AssessmentFact>> by_skill_set;
  std::map<int64_t, std::string> original_framework;
  std::set<std::string> other_versions;
  for (const StoredAssessment& s : stored) {
    std::optional<AssessmentFact> fact = s.fact;
    if (fact->framework_code != rules.code) {
      if (fact->superseded_by_id == 0 && fact->assessed_on <= on) {
        other_versions.insert(fact->framework_code);
      }
      auto crosswalk = crosswalks.find(fact->framework_code);
      fact = crosswalk == crosswalks.end() ? std::nullopt
                                           : ThroughCrosswalk(crosswalk->second, *fact);
    }
    if (!fact.has_value()) continue;
    original_framework[fact->id] = s.fact.framework_code;
    by_skill_set[fact->skill_set_code].push_back(*fact);
  }

  pb::SkillProfile profile;
  const Period present = person.period, future = NextPeriod(person.period);
  profile.set_person_id(person.person_id);
  DayToProto(on, profile.mutable_as_of());
  profile.set_framework_code(rules.code);
  profile.set_provisional(rules.provisional);
  if (framework.message.has_learning_mix()) {
    *profile.mutable_learning_mix() = framework.message.learning_mix();
  }
  profile.set_personnel_group(static_cast<common::v1::PersonnelGroup>(person.group));
  profile.set_agency_code(person.agency_code);
  profile.set_present_period(static_cast<common::v1::Period>(present));
  profile.set_future_period(static_cast<common::v1::Period>(future));
  const TargetHolder holder =
      TargetHolderOf(rules, person.group, person.position_title, person.grade);
  profile.set_role_profile(holder.profile);
  profile.set_role_profile_provisional(holder.provisional);
  for (const SkillSetRule* skill_set : ApplicableSkillSets(rules, holder, choice.adopted)) {
    const Counted counted = CountAssessment(by_skill_set[skill_set->code], rules.precedence, on);
    const std::optional<TargetLevel> present_target =
        rules.Target(holder, skill_set->code, present);
    const std::optional<TargetLevel> future_target = rules.Target(holder, skill_set->code, future);
    const auto level_of = [](const std::optional<TargetLevel>& target) {
      return target.has_value() ? std::optional<int>(target->level) : std::nullopt;
    };
    const bool period_declared = present != Period::kUnspecified;
    const Standing standing = StandingOf(counted, period_declared, level_of(present_target),
                                         level_of(future_target));
    pb::SkillStanding* out = profile.add_standings();
    const auto provisional = [&](const std::optional<TargetLevel>& target) {
      return target.has_value() && (rules.provisional || target->provisional);
    };
    out->set_target_provisional(period_declared &&
                                (provisional(present_target) || provisional(future_target)));
    for (const std::string& version : other_versions) {
      auto crosswalk = crosswalks.find(version);
      if (!counted.fact.has_value() &&
          (crosswalk == crosswalks.end() || !CarriesInto(crosswalk->second, skill_set->code))) {
        out->add_no_source_in(version);
      }
    }
    for (const pb::SkillSet& s : framework.message.skill_sets()) {
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
  for (Group group : person.further_groups) {
    if (group == person.group) continue;  // their group on `on` (a group change since)
    PersonContext in_group = person;
    in_group.group = group;
    in_group.further_groups.clear();
    *profile.add_further_groups() = ProfileOf(framework, crosswalks, choice, in_group, stored, on);
  }
  return profile;
}

absl::Status NoFramework(const std::string& agency_code) {
  return absl::FailedPreconditionError(
      absl::StrCat("agency ", agency_code, " follows no framework on that date"));
}

}  // namespace

absl::StatusOr<pb::SkillProfile> ComputeSkillProfile(ProfileInputs& store,
                                                     const PersonContext& given, absl::CivilDay on,
                                                     bool with_further_groups) {
  PersonContext person = given;
  if (with_further_groups) {
    ASSIGN_OR_RETURN(auto further_groups, store.FurtherGroupsOn({person.person_id}, on));
    person.further_groups = std::move(further_groups[person.person_id]);
  }
  ASSIGN_OR_RETURN(const std::vector<StoredAssessment> stored,
                   store.AssessmentsOf(person.person_id));
  return SkillProfileFrom(store, person, stored, on);
}

absl::StatusOr<pb::SkillProfile> SkillProfileFrom(ProfileInputs& store,
                                                  const PersonContext& person,
                                                  const std::vector<StoredAssessment>& stored,
                                                  absl::CivilDay on) {
  if (person.agency_code.empty()) {
    return absl::FailedPreconditionError("the person had no assignment on that date");
  }
  ASSIGN_OR_RETURN(const AgencyChoice choice, store.AgencyFramework(person.agency_code, on));
  if (choice.framework_code.empty()) return NoFramework(person.agency_code);
  FrameworkCache frameworks(store);
  ASSIGN_OR_RETURN(const CachedFramework* framework, frameworks.Get(choice.framework_code));
  ASSIGN_OR_RETURN(const CrosswalksFrom crosswalks, CrosswalksInto(store, choice.framework_code));
  return ProfileOf(*framework, crosswalks, choice, person, stored, on);
}

absl::StatusOr<std::vector<PersonProfile>> ComputeSkillProfiles(
    ProfileInputs& store, const std::vector<int64_t>& person_ids, absl::CivilDay on,
    bool with_further_groups) {
  ASSIGN_OR_RETURN(auto people, store.PersonContextsOn(person_ids, on));
  if (with_further_groups) {
    ASSIGN_OR_RETURN(auto further_groups, store.FurtherGroupsOn(person_ids, on));
    for (auto& [id, groups] : further_groups) {
      if (auto person = people.find(id); person != people.end()) {
        person->second.further_groups = std::move(groups);
      }
    }
  }
  std::set<std::string> agency_codes;
  std::vector<int64_t> placed;
  for (const auto& [id, person] : people) {
    if (person.agency_code.empty()) continue;
    agency_codes.insert(person.agency_code);
    placed.push_back(id);
  }
  ASSIGN_OR_RETURN(const auto choices, store.AgencyFrameworks(agency_codes, on));
  ASSIGN_OR_RETURN(auto assessments, store.AssessmentsOfPeople(placed));
  FrameworkCache frameworks(store);
  std::map<std::string, CrosswalksFrom> crosswalks;
  std::vector<PersonProfile> profiles;
  for (int64_t id : placed) {
    const PersonContext& person = people[id];
    auto choice = choices.find(person.agency_code);
    if (choice == choices.end() || choice->second.framework_code.empty()) continue;
    const std::string& code = choice->second.framework_code;
    ASSIGN_OR_RETURN(const CachedFramework* framework, frameworks.Get(code));
    if (crosswalks.count(code) == 0) {
      ASSIGN_OR_RETURN(crosswalks[code], CrosswalksInto(store, code));
    }
    profiles.push_back({person, ProfileOf(*framework, crosswalks[code], choice->second, person,
                                          assessments[id], on)});
  }
  return profiles;
}

std::vector<std::pair<int64_t, absl::StatusOr<pb::SkillProfile>>> VisibleSkillProfiles(
    ProfileInputs& store, const Principal& principal, const std::vector<int64_t>& person_ids,
    absl::CivilDay on, bool with_further_groups) {
  std::vector<int64_t> distinct;
  std::set<int64_t> asked;
  for (int64_t id : person_ids) {
    if (asked.insert(id).second) distinct.push_back(id);
  }
  absl::StatusOr<std::vector<PersonProfile>> computed =
      ComputeSkillProfiles(store, distinct, on, with_further_groups);
  std::map<int64_t, PersonProfile*> by_id;
  if (computed.ok()) {
    for (PersonProfile& p : *computed) by_id[p.person.person_id] = &p;
  }
  std::vector<std::pair<int64_t, absl::StatusOr<pb::SkillProfile>>> profiles;
  for (int64_t id : distinct) {
    auto found = by_id.find(id);
    if (!computed.ok()) {
      profiles.emplace_back(id, computed.status());
    } else if (found != by_id.end()) {
      const absl::Status visible = RequirePerson(principal, found->second->person);
      profiles.emplace_back(id, visible.ok() ? absl::StatusOr<pb::SkillProfile>(
                                                   std::move(found->second->profile))
                                             : visible);
    } else {
      absl::StatusOr<PersonContext> person = VisiblePerson(store, principal, id, on);
      profiles.emplace_back(id, person.ok()
                                    ? ComputeSkillProfile(store, *person, on, with_further_groups)
                                    : absl::StatusOr<pb::SkillProfile>(person.status()));
    }
  }
  return profiles;
}

}  // namespace thaksa::assessment
