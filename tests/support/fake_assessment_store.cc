#include "tests/support/fake_assessment_store.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/proto_json.h"
#include "common/status.h"

namespace thaksa::testing {

using assessment::AgencyChoice;
using assessment::AssessmentFact;
using assessment::BehaviourRow;
using assessment::FrameworkStatus;
using assessment::NewAssessment;
using assessment::PersonContext;
using assessment::RecordOutcome;
using assessment::RecordResult;
using assessment::Source;
using assessment::StoredAssessment;
using assessment::StoredCrosswalk;
using assessment::StoredFramework;

// Set-up.

void FakeAssessmentStore::AddAgency(const std::string& code, const std::string& parent_code) {
  absl::MutexLock lock(&mutex_);
  AddAgencyLocked(code, parent_code);
}

void FakeAssessmentStore::AddAgencyLocked(const std::string& code,
                                          const std::string& parent_code) {
  std::vector<std::string> chain;
  if (auto parent = agencies_.find(parent_code); parent != agencies_.end()) chain = parent->second;
  chain.push_back(code);
  agencies_[code] = std::move(chain);
}

StoredFramework& FakeAssessmentStore::Framework(const std::string& code) {
  StoredFramework& stored = frameworks_[code];
  if (stored.id == 0) {
    stored.id = static_cast<int64_t>(frameworks_.size());
    stored.code = code;
  }
  return stored;
}

void FakeAssessmentStore::AddFramework(const assessment::v1::Framework& framework) {
  absl::MutexLock lock(&mutex_);
  StoredFramework& stored = Framework(framework.code());
  stored.status = FrameworkStatus::kPublished;
  stored.definition_json = ToJson(framework);
  stored.version = 1;
}

void FakeAssessmentStore::SetAgencyFramework(const std::string& agency_code,
                                             const std::string& framework_code) {
  absl::MutexLock lock(&mutex_);
  if (agencies_.count(agency_code) == 0) AddAgencyLocked(agency_code, "");
  choices_[agency_code][absl::CivilDay()] = framework_code;
}

void FakeAssessmentStore::SetPerson(const PersonContext& person,
                                    std::optional<absl::CivilDay> assigned_from) {
  absl::MutexLock lock(&mutex_);
  if (!person.agency_code.empty() && agencies_.count(person.agency_code) == 0) {
    AddAgencyLocked(person.agency_code, "");
  }
  people_[person.person_id] = {person, assigned_from};
}

int64_t FakeAssessmentStore::AddAssessment(int64_t person_id, const std::string& framework_code,
                                           const std::string& skill_set_code, int level,
                                           absl::CivilDay assessed_on,
                                           std::optional<absl::CivilDay> valid_until) {
  absl::MutexLock lock(&mutex_);
  StoredAssessment stored;
  stored.fact = {0, framework_code, skill_set_code, level, Source::kSupervisor, assessed_on,
                 valid_until, 0};
  if (people_.count(person_id) == 0) people_[person_id].context.person_id = person_id;
  return AddAssessmentLocked(person_id, std::move(stored));
}

int64_t FakeAssessmentStore::AddAssessmentLocked(int64_t person_id, StoredAssessment stored) {
  stored.fact.id = static_cast<int64_t>(assessments_.size()) + 1;
  assessments_.emplace_back(person_id, std::move(stored));
  return assessments_.back().second.fact.id;
}

void FakeAssessmentStore::FailReads(absl::Status error) {
  absl::MutexLock lock(&mutex_);
  failure_ = std::move(error);
}

void FakeAssessmentStore::Audit(const std::string& entity, const std::string& outcome) {
  audited_.push_back(absl::StrCat(entity, " ", outcome));
}

// What tests look at.

std::optional<AssessmentFact> FakeAssessmentStore::StandingOf(
    int64_t person_id, const std::string& framework_code,
    const std::string& skill_set_code) const {
  absl::MutexLock lock(&mutex_);
  auto found = standings_.find({person_id, framework_code, skill_set_code});
  if (found == standings_.end()) return std::nullopt;
  return found->second;
}

size_t FakeAssessmentStore::assessment_count() const {
  absl::MutexLock lock(&mutex_);
  return assessments_.size();
}

std::vector<std::string> FakeAssessmentStore::changes() const {
  absl::MutexLock lock(&mutex_);
  return changes_;
}

std::vector<std::string> FakeAssessmentStore::audited() const {
  absl::MutexLock lock(&mutex_);
  return audited_;
}

std::map<std::string, int> FakeAssessmentStore::reads() const {
  absl::MutexLock lock(&mutex_);
  return reads_;
}

// Reads.

absl::StatusOr<StoredFramework> FakeAssessmentStore::GetFramework(const std::string& code) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  auto found = frameworks_.find(code);
  if (found == frameworks_.end()) return absl::NotFoundError(absl::StrCat("no framework ", code));
  return found->second;
}

absl::StatusOr<std::vector<StoredCrosswalk>> FakeAssessmentStore::CrosswalksTo(
    const std::string& framework_code) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  std::vector<StoredCrosswalk> to;
  for (const auto& [ends, crosswalk] : crosswalks_) {
    if (ends.second == framework_code) to.push_back(crosswalk);
  }
  return to;
}

std::pair<std::string, std::string> FakeAssessmentStore::ChoiceLocked(
    const std::string& agency_code, absl::CivilDay on) const {
  std::pair<std::string, std::string> chosen;  // framework, chosen by
  // Root first, each agency's choices in date order: the last one found wins.
  for (const std::string& code : agencies_.at(agency_code)) {
    auto choices = choices_.find(code);
    if (choices == choices_.end()) continue;
    for (const auto& [from, framework] : choices->second) {
      if (from > on) break;
      chosen = {framework, code};
    }
  }
  return chosen;
}

absl::StatusOr<AgencyChoice> FakeAssessmentStore::AgencyFramework(const std::string& agency_code,
                                                                  absl::CivilDay on) {
  absl::MutexLock lock(&mutex_);
  ++reads_["AgencyFramework"];
  if (!failure_.ok()) return failure_;
  auto agency = agencies_.find(agency_code);
  if (agency == agencies_.end()) {
    return absl::NotFoundError(absl::StrCat("no agency ", agency_code));
  }
  AgencyChoice choice;
  choice.agency_code = agency_code;
  std::tie(choice.framework_code, choice.chosen_by) = ChoiceLocked(agency_code, on);
  if (choice.framework_code.empty()) return choice;
  for (const std::string& code : agency->second) {
    std::map<absl::CivilDay, std::vector<std::pair<std::string, bool>>> by_day;
    for (const auto& [key, adopted] : optional_) {
      const auto& [agency_code_of, framework, skill_set, from] = key;
      if (agency_code_of == code && framework == choice.framework_code && from <= on) {
        by_day[from].emplace_back(skill_set, adopted);
      }
    }
    for (const auto& [day, changes] : by_day) {
      for (const auto& [skill_set, adopted] : changes) {
        if (adopted) {
          choice.adopted.insert(skill_set);
        } else {
          choice.adopted.erase(skill_set);
        }
      }
    }
  }
  return choice;
}

absl::StatusOr<std::map<assessment::AgencyDay, std::string>>
FakeAssessmentStore::FrameworksFollowed(const std::vector<assessment::AgencyDay>& wanted) {
  absl::MutexLock lock(&mutex_);
  ++reads_["FrameworksFollowed"];
  if (!failure_.ok()) return failure_;
  std::map<assessment::AgencyDay, std::string> followed;
  for (const assessment::AgencyDay& agency_day : wanted) {
    if (agencies_.count(agency_day.first) == 0) continue;
    followed[agency_day] = ChoiceLocked(agency_day.first, agency_day.second).first;
  }
  return followed;
}

absl::StatusOr<PersonContext> FakeAssessmentStore::PersonContextLocked(int64_t person_id,
                                                                       absl::CivilDay on) const {
  auto found = people_.find(person_id);
  if (found == people_.end()) return absl::NotFoundError(absl::StrCat("no person ", person_id));
  PersonContext context = found->second.context;
  context.further_groups.clear();  // as MySqlAssessmentStore: read by FurtherGroupsOn
  if (found->second.assigned_from.has_value() && on < *found->second.assigned_from) {
    context.group = 0;
    context.agency_code.clear();
    context.agency_path.clear();
    context.period = assessment::Period::kUnspecified;
  }
  return context;
}

absl::StatusOr<PersonContext> FakeAssessmentStore::PersonContextOn(int64_t person_id,
                                                                   absl::CivilDay on) {
  absl::MutexLock lock(&mutex_);
  ++reads_["PersonContextOn"];
  if (!failure_.ok()) return failure_;
  return PersonContextLocked(person_id, on);
}

absl::StatusOr<std::map<assessment::PersonDay, PersonContext>>
FakeAssessmentStore::PersonContextsOnDays(const std::vector<assessment::PersonDay>& wanted) {
  absl::MutexLock lock(&mutex_);
  ++reads_["PersonContextsOnDays"];
  if (!failure_.ok()) return failure_;
  std::map<assessment::PersonDay, PersonContext> contexts;
  for (const auto& [person_id, on] : wanted) {
    absl::StatusOr<PersonContext> context = PersonContextLocked(person_id, on);
    if (context.ok()) contexts[{person_id, on}] = *std::move(context);
  }
  return contexts;
}

absl::StatusOr<std::vector<StoredAssessment>> FakeAssessmentStore::AssessmentsOf(
    int64_t person_id) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  ++reads_["AssessmentsOf"];
  std::vector<StoredAssessment> of;
  for (auto s = assessments_.rbegin(); s != assessments_.rend(); ++s) {
    if (s->first == person_id) of.push_back(s->second);
  }
  return of;
}

absl::StatusOr<std::map<std::string, AgencyChoice>> FakeAssessmentStore::AgencyFrameworks(
    const std::set<std::string>& agency_codes, absl::CivilDay on) {
  std::map<std::string, AgencyChoice> choices;
  for (const std::string& code : agency_codes) {
    absl::StatusOr<AgencyChoice> choice = AgencyFramework(code, on);
    if (absl::IsNotFound(choice.status())) continue;
    if (!choice.ok()) return choice.status();
    choices[code] = *std::move(choice);
  }
  return choices;
}

absl::StatusOr<std::map<int64_t, PersonContext>> FakeAssessmentStore::PersonContextsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay on) {
  std::map<int64_t, PersonContext> contexts;
  for (int64_t id : person_ids) {
    absl::StatusOr<PersonContext> context = PersonContextOn(id, on);
    if (absl::IsNotFound(context.status())) continue;
    if (!context.ok()) return context.status();
    contexts[id] = *std::move(context);
  }
  return contexts;
}

absl::StatusOr<std::map<int64_t, std::vector<StoredAssessment>>>
FakeAssessmentStore::AssessmentsOfPeople(const std::vector<int64_t>& person_ids) {
  std::map<int64_t, std::vector<StoredAssessment>> assessments;
  for (int64_t id : person_ids) {
    ASSIGN_OR_RETURN(std::vector<StoredAssessment> of, AssessmentsOf(id));
    if (!of.empty()) assessments[id] = std::move(of);
  }
  return assessments;
}

absl::StatusOr<std::map<int64_t, std::vector<assessment::Group>>>
FakeAssessmentStore::FurtherGroupsOn(const std::vector<int64_t>& person_ids, absl::CivilDay) {
  absl::MutexLock lock(&mutex_);
  ++reads_["FurtherGroupsOn"];
  if (!failure_.ok()) return failure_;
  std::map<int64_t, std::vector<assessment::Group>> groups;
  for (int64_t id : person_ids) {
    auto found = people_.find(id);
    if (found != people_.end() && !found->second.context.further_groups.empty()) {
      groups[id] = found->second.context.further_groups;
    }
  }
  return groups;
}

absl::StatusOr<int64_t> FakeAssessmentStore::NewestAssessmentId() {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  return static_cast<int64_t>(assessments_.size());
}

absl::StatusOr<int64_t> FakeAssessmentStore::AssessmentsRecordedAfter(
    const std::string& agency_path, absl::CivilDay day, int64_t after_id) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  int64_t count = 0;
  for (const auto& [person_id, s] : assessments_) {
    if (s.fact.id > after_id && s.fact.assessed_on <= day &&
        absl::StartsWith(people_[person_id].context.agency_path, agency_path)) {
      ++count;
    }
  }
  return count;
}

absl::StatusOr<std::vector<int64_t>> FakeAssessmentStore::PeopleWithExpiries(absl::CivilDay from,
                                                                            absl::CivilDay to) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  std::set<int64_t> people;
  for (const auto& [person_id, s] : assessments_) {
    if (s.fact.valid_until.has_value() && *s.fact.valid_until >= from &&
        *s.fact.valid_until < to && s.fact.superseded_by_id == 0) {
      people.insert(person_id);
    }
  }
  return std::vector<int64_t>(people.begin(), people.end());
}

// Frameworks, crosswalks and behaviours.

absl::StatusOr<StoredFramework> FakeAssessmentStore::CreateFramework(
    const std::string& code, const std::string& definition_json, const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  if (frameworks_.count(code) > 0) return absl::AlreadyExistsError("framework code taken");
  StoredFramework& stored = Framework(code);
  stored.status = FrameworkStatus::kDraft;
  stored.definition_json = definition_json;
  stored.version = 1;
  Audit(absl::StrCat("framework/", code), "OK");
  return stored;
}

absl::StatusOr<StoredFramework> FakeAssessmentStore::UpdateFramework(
    const std::string& code, const std::string& definition_json, int64_t expected_version,
    const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  auto found = frameworks_.find(code);
  if (found == frameworks_.end()) return absl::NotFoundError(absl::StrCat("no framework ", code));
  StoredFramework& stored = found->second;
  if (stored.status != FrameworkStatus::kDraft) {
    return absl::FailedPreconditionError("a published or retired version is immutable");
  }
  if (stored.version != expected_version) return absl::AbortedError("stale version");
  stored.definition_json = definition_json;
  ++stored.version;
  Audit(absl::StrCat("framework/", code), "OK");
  return stored;
}

absl::StatusOr<StoredFramework> FakeAssessmentStore::SetFrameworkStatus(
    const std::string& code, FrameworkStatus status, const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  auto found = frameworks_.find(code);
  if (found == frameworks_.end()) return absl::NotFoundError(absl::StrCat("no framework ", code));
  StoredFramework& stored = found->second;
  if (!StatusChangeAllowed(stored.status, status)) {
    return absl::FailedPreconditionError(
        "only DRAFT -> PUBLISHED and PUBLISHED -> RETIRED are allowed");
  }
  stored.status = status;
  ++stored.version;
  changes_.push_back(absl::StrCat("framework ", code));
  Audit(absl::StrCat("framework/", code), "OK");
  return stored;
}

absl::StatusOr<std::vector<StoredFramework>> FakeAssessmentStore::ListFrameworks() {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  std::map<int64_t, StoredFramework> by_id;
  for (const auto& [code, stored] : frameworks_) by_id[stored.id] = stored;
  std::vector<StoredFramework> all;
  for (const auto& [id, stored] : by_id) all.push_back(stored);
  return all;
}

absl::Status FakeAssessmentStore::PutCrosswalk(const StoredCrosswalk& crosswalk,
                                               const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  FieldErrors errors;
  if (frameworks_.count(crosswalk.from_framework) == 0) {
    errors.Add("from_framework", "no framework has this code");
  }
  if (frameworks_.count(crosswalk.to_framework) == 0) {
    errors.Add("to_framework", "no framework has this code");
  }
  RETURN_IF_ERROR(errors.ToStatus());
  crosswalks_[{crosswalk.from_framework, crosswalk.to_framework}] = crosswalk;
  Audit(absl::StrCat("crosswalk/", crosswalk.from_framework, ">", crosswalk.to_framework), "OK");
  return absl::OkStatus();
}

absl::Status FakeAssessmentStore::PutBehaviours(const std::vector<BehaviourRow>& rows,
                                                const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  behaviours_ = rows;
  Audit(absl::StrCat("behaviours/", rows.size()), "OK");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BehaviourRow>> FakeAssessmentStore::ListBehaviours(
    const std::string& skill_set_code, const std::string& unit_code) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  std::vector<BehaviourRow> found;
  for (const BehaviourRow& row : behaviours_) {
    if (!skill_set_code.empty() && row.skill_set_code != skill_set_code) continue;
    if (!unit_code.empty() &&
        !absl::StrContains(absl::StrCat(" ", row.unit_codes, " "),
                           absl::StrCat(" ", unit_code, " "))) {
      continue;
    }
    found.push_back(row);
  }
  return found;
}

// Agencies' choices.

absl::Status FakeAssessmentStore::SetAgencyFramework(const std::string& agency_code,
                                                     const std::string& framework_code,
                                                     absl::CivilDay effective_from,
                                                     const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  if (agencies_.count(agency_code) == 0) {
    return InvalidField("agency_code", "no agency has this code");
  }
  auto framework = frameworks_.find(framework_code);
  if (framework == frameworks_.end()) {
    return InvalidField("framework_code", "no framework has this code");
  }
  if (framework->second.status != FrameworkStatus::kPublished) {
    return InvalidField("framework_code", "only a published version can be followed");
  }
  choices_[agency_code][effective_from] = framework_code;
  changes_.push_back(absl::StrCat("agency ", agency_code));
  Audit(absl::StrCat("agency/", agency_code), "OK");
  return absl::OkStatus();
}

absl::Status FakeAssessmentStore::SetOptionalSkillSet(const std::string& agency_code,
                                                      const std::string& framework_code,
                                                      const std::string& skill_set_code,
                                                      bool adopted, absl::CivilDay effective_from,
                                                      const AuditCall&) {
  absl::MutexLock lock(&mutex_);
  if (agencies_.count(agency_code) == 0) {
    return InvalidField("agency_code", "no agency has this code");
  }
  if (frameworks_.count(framework_code) == 0) {
    return InvalidField("framework_code", "no framework has this code");
  }
  optional_[{agency_code, framework_code, skill_set_code, effective_from}] = adopted;
  changes_.push_back(absl::StrCat("agency ", agency_code));
  Audit(absl::StrCat("agency/", agency_code), "OK");
  return absl::OkStatus();
}

// Assessments.

void FakeAssessmentStore::RefreshStanding(int64_t person_id, const std::string& framework_code,
                                          const std::string& skill_set_code,
                                          const std::vector<Source>& precedence,
                                          absl::CivilDay today) {
  std::vector<AssessmentFact> facts;
  for (const auto& [person, s] : assessments_) {
    if (person == person_id && s.fact.framework_code == framework_code &&
        s.fact.skill_set_code == skill_set_code) {
      facts.push_back(s.fact);
    }
  }
  const assessment::Counted counted = assessment::CountAssessment(facts, precedence, today);
  const StandingKey key{person_id, framework_code, skill_set_code};
  if (counted.fact.has_value()) {
    standings_[key] = *counted.fact;
  } else {
    standings_.erase(key);
  }
  changes_.push_back(
      absl::StrCat("standing ", person_id, " ", framework_code, "/", skill_set_code));
}

absl::StatusOr<std::map<std::string, std::string>> FakeAssessmentStore::RecordsOfExternalKeys(
    const std::vector<std::string>& external_keys) {
  absl::MutexLock lock(&mutex_);
  ++reads_["RecordsOfExternalKeys"];
  if (!failure_.ok()) return failure_;
  std::map<std::string, std::string> records;
  for (const std::string& key : external_keys) {
    auto seen = external_keys_.find(key);
    if (seen == external_keys_.end()) continue;
    records[key] = assessments_[static_cast<size_t>(seen->second - 1)].second.record_json;
  }
  return records;
}

absl::StatusOr<std::vector<RecordResult>> FakeAssessmentStore::RecordAssessments(
    const std::vector<NewAssessment>& assessments,
    const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
    const AuditCall& audit) {
  absl::MutexLock lock(&mutex_);
  std::vector<RecordResult> results(assessments.size());
  std::vector<StandingKey> touched;  // each standing once, refreshed after the batch
  for (size_t i = 0; i < assessments.size(); ++i) {
    const NewAssessment& a = assessments[i];
    RecordResult& result = results[i];
    auto reject = [&](const std::string& field, const std::string& reason,
                      absl::StatusCode kind = absl::StatusCode::kInvalidArgument) {
      result.outcome = RecordOutcome::kRejected;
      result.rejection = kind;
      result.errors.push_back({field, reason});
    };
    if (!a.external_key.empty()) {
      auto seen = external_keys_.find(a.external_key);
      if (seen != external_keys_.end()) {
        if (assessments_[static_cast<size_t>(seen->second - 1)].second.record_json ==
            a.record_json) {
          result.outcome = RecordOutcome::kUnchanged;
          result.assessment_id = seen->second;
        } else {
          reject("external_id", "was already recorded with different content",
                 absl::StatusCode::kAlreadyExists);
        }
        continue;
      }
    }
    if (frameworks_.count(a.framework_code) == 0) {
      reject("framework_code", "no framework has this code");
      continue;
    }
    if (people_.count(a.person_id) == 0) {
      reject("person_id", "no person has this id", absl::StatusCode::kNotFound);
      continue;
    }
    StoredAssessment* earlier = nullptr;
    if (a.supersedes_id != 0) {
      if (a.supersedes_id > 0 && a.supersedes_id <= static_cast<int64_t>(assessments_.size())) {
        auto& [person, s] = assessments_[static_cast<size_t>(a.supersedes_id - 1)];
        if (person == a.person_id && s.fact.framework_code == a.framework_code &&
            s.fact.skill_set_code == a.skill_set_code) {
          earlier = &s;
        }
      }
      if (earlier == nullptr) {
        reject("supersedes_id", "no assessment of this person and skill set has this id");
        continue;
      }
      if (earlier->fact.superseded_by_id != 0) {
        reject("supersedes_id", "that assessment was already superseded",
               absl::StatusCode::kFailedPrecondition);
        continue;
      }
    }
    StoredAssessment stored;
    stored.fact = {0, a.framework_code, a.skill_set_code, a.level, a.source, a.assessed_on,
                   a.valid_until, 0};
    stored.record_json = a.record_json;
    stored.assessor_token_id = a.assessor_token_id;
    stored.assessor_role = static_cast<int>(a.assessor_role);
    stored.recorded_at_unix = absl::ToUnixSeconds(audit.at);
    result.outcome = RecordOutcome::kRecorded;
    result.assessment_id = AddAssessmentLocked(a.person_id, std::move(stored));
    if (a.supersedes_id != 0) {
      assessments_[static_cast<size_t>(a.supersedes_id - 1)].second.fact.superseded_by_id =
          result.assessment_id;
    }
    if (!a.external_key.empty()) external_keys_[a.external_key] = result.assessment_id;
    const StandingKey standing{a.person_id, a.framework_code, a.skill_set_code};
    if (std::find(touched.begin(), touched.end(), standing) == touched.end()) {
      touched.push_back(standing);
    }
    Audit(absl::StrCat("assessment/", result.assessment_id), "OK");
  }
  for (const auto& [person_id, framework_code, skill_set_code] : touched) {
    auto policy = precedence.find(framework_code);
    RefreshStanding(person_id, framework_code, skill_set_code,
                    policy == precedence.end() ? assessment::DefaultPrecedence() : policy->second,
                    today);
  }
  return results;
}

}  // namespace thaksa::testing
