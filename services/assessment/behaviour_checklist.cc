#include "services/assessment/behaviour_checklist.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/proto_dates.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/domain/behaviour_checklist.h"
#include "services/assessment/skill_profile.h"

namespace thaksa::assessment {
namespace {

// What a piece of evidence shows in the answer besides what CheckBehaviours needs.
struct EvidenceDetail {
  std::string title;
  bool done = true;
  learning::ApplicationState application = learning::ApplicationState::kNone;
};

// What the person's skill profile on `on` counts: the framework followed (empty if their agency
// followed none then) and the ids of the assessments counted at a level above 0, one per skill
// set that applies to them, by the framework's precedence.
struct CountedByProfile {
  std::string framework_code;
  std::set<int64_t> assessment_ids;
};

absl::StatusOr<CountedByProfile> CountedAssessments(ProfileInputs& store,
                                                    const PersonContext& person,
                                                    const std::vector<StoredAssessment>& stored,
                                                    absl::CivilDay on) {
  const absl::StatusOr<v1::SkillProfile> profile = SkillProfileFrom(store, person, stored, on);
  if (absl::IsFailedPrecondition(profile.status())) return CountedByProfile();
  if (absl::IsInvalidArgument(profile.status()) || absl::IsNotFound(profile.status())) {
    // A stored framework or crosswalk that does not read: the store's fault, not the caller's.
    return absl::InternalError(profile.status().message());
  }
  RETURN_IF_ERROR(profile.status());
  CountedByProfile counted{profile->framework_code(), {}};
  for (const v1::SkillStanding& s : profile->standings()) {
    if (s.assessment_id() != 0 && s.level() > 0) counted.assessment_ids.insert(s.assessment_id());
  }
  return counted;
}

// The person's assessments that name units, made by `on` and not superseded, newest recorded
// first, as evidence: those in `counted` show, the others (expired, outranked, at level 0)
// only link.
absl::Status AddAssessments(const std::vector<StoredAssessment>& stored,
                            const std::set<int64_t>& counted, absl::CivilDay on,
                            std::vector<Evidence>& evidence,
                            std::vector<EvidenceDetail>& details) {
  for (const StoredAssessment& s : stored) {
    const AssessmentFact& fact = s.fact;
    if (fact.superseded_by_id != 0 || fact.assessed_on > on) continue;
    v1::AssessmentRecord record;
    RETURN_IF_ERROR(FromStoredJson(s.record_json, absl::StrCat("assessment ", fact.id), &record));
    if (record.unit_codes().empty()) continue;
    evidence.push_back({Evidence::Kind::kAssessment, fact.id, {},
                        {record.unit_codes().begin(), record.unit_codes().end()},
                        counted.count(fact.id) > 0});
    details.push_back({record.instrument().empty()
                           ? fact.skill_set_code
                           : absl::StrCat(fact.skill_set_code, " · ", record.instrument()),
                       true, learning::ApplicationState::kNone});
  }
  return absl::OkStatus();
}

void AddActivities(const std::vector<learning::GoalActivity>& activities,
                   std::vector<Evidence>& evidence, std::vector<EvidenceDetail>& details) {
  for (const learning::GoalActivity& a : activities) {
    evidence.push_back({a.kind == learning::GoalActivity::Kind::kPlanItem
                            ? Evidence::Kind::kPlanItem
                            : Evidence::Kind::kCompletion,
                        a.id, a.behaviour_codes, a.unit_codes,
                        a.application == learning::ApplicationState::kConfirmed});
    details.push_back({a.title, a.done, a.application});
  }
}

}  // namespace

absl::StatusOr<v1::BehaviourChecklist> BehaviourChecklistOf(AssessmentStore& store,
                                                            learning::GoalActivityReads& activities,
                                                            const PersonContext& person,
                                                            absl::CivilDay on) {
  if (person.group == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("person ", person.person_id, " has no assignment on ", FormatIsoDate(on)));
  }
  if (person.period == Period::kUnspecified) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agency ", person.agency_code, " (nor any agency above it) declared no development period"
        " for fiscal year ", FiscalYearOf(on), ": the behaviours expected depend on it"));
  }
  ASSIGN_OR_RETURN(const std::vector<BehaviourRow> all, store.ListBehaviours("", ""));
  std::vector<BehaviourRow> rows;
  std::vector<ExpectedBehaviour> expected;
  for (const BehaviourRow& row : all) {
    if (row.personnel_group != person.group || row.period != static_cast<int>(person.period)) {
      continue;
    }
    rows.push_back(row);
    expected.push_back({row.code, absl::StrSplit(row.unit_codes, ' ', absl::SkipEmpty())});
  }
  std::vector<Evidence> evidence;
  std::vector<EvidenceDetail> details;
  ASSIGN_OR_RETURN(const std::vector<StoredAssessment> assessed,
                   store.AssessmentsOf(person.person_id));
  ASSIGN_OR_RETURN(const CountedByProfile counted,
                   CountedAssessments(store, person, assessed, on));
  RETURN_IF_ERROR(AddAssessments(assessed, counted.assessment_ids, on, evidence, details));
  ASSIGN_OR_RETURN(const std::vector<learning::GoalActivity> linked,
                   activities.ActivitiesOf(person.person_id, FiscalYearOf(on), on));
  AddActivities(linked, evidence, details);

  v1::BehaviourChecklist checklist;
  checklist.set_person_id(person.person_id);
  checklist.set_personnel_group(static_cast<common::v1::PersonnelGroup>(person.group));
  checklist.set_period(static_cast<common::v1::Period>(person.period));
  checklist.set_framework_code(counted.framework_code);
  DayToProto(on, checklist.mutable_as_of());
  const std::vector<CheckedBehaviour> checked = CheckBehaviours(expected, evidence);
  for (size_t i = 0; i < rows.size(); ++i) {
    v1::CheckedBehaviour* out = checklist.add_behaviours();
    *out->mutable_behaviour() = ToProto(rows[i]);
    out->set_state(static_cast<v1::BehaviourState>(checked[i].state));
    for (const EvidenceLink& link : checked[i].links) {
      const Evidence& e = evidence[link.evidence];
      const EvidenceDetail& detail = details[link.evidence];
      v1::BehaviourEvidence* shown = out->add_evidence();
      shown->set_kind(static_cast<v1::EvidenceKind>(e.kind));
      shown->set_id(e.id);
      shown->set_title(detail.title);
      for (const std::string& code : link.matched_codes) shown->add_matched_codes(code);
      shown->set_shows(e.shows);
      shown->set_done(detail.done);
      shown->set_application_recorded(detail.application != learning::ApplicationState::kNone);
      shown->set_application_confirmed(detail.application ==
                                       learning::ApplicationState::kConfirmed);
    }
    switch (checked[i].state) {
      case BehaviourState::kShown:
        checklist.set_shown(checklist.shown() + 1);
        break;
      case BehaviourState::kInProgress:
        checklist.set_in_progress(checklist.in_progress() + 1);
        break;
      default:
        checklist.set_not_started(checklist.not_started() + 1);
        break;
    }
  }
  return checklist;
}

}  // namespace thaksa::assessment
