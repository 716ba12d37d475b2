#include "tests/support/fake_standing_reads.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/proto_json.h"

namespace thaksa::testing {

void FakeStandingReads::AddFramework(const assessment::v1::Framework& framework) {
  absl::MutexLock lock(&mutex_);
  assessment::StoredFramework& stored = frameworks_[framework.code()];
  stored.id = static_cast<int64_t>(frameworks_.size());
  stored.code = framework.code();
  stored.status = assessment::FrameworkStatus::kPublished;
  stored.definition_json = ToJson(framework);
  stored.version = 1;
}

void FakeStandingReads::SetAgencyFramework(const std::string& agency_code,
                                           const std::string& framework_code) {
  absl::MutexLock lock(&mutex_);
  choices_[agency_code] = framework_code;
}

void FakeStandingReads::SetPerson(const assessment::PersonContext& person) {
  absl::MutexLock lock(&mutex_);
  people_[person.person_id] = person;
}

int64_t FakeStandingReads::AddAssessment(int64_t person_id, const std::string& framework_code,
                                         const std::string& skill_set_code, int level,
                                         absl::CivilDay assessed_on,
                                         std::optional<absl::CivilDay> valid_until) {
  absl::MutexLock lock(&mutex_);
  assessment::StoredAssessment stored;
  stored.fact = {static_cast<int64_t>(assessments_.size()) + 1, framework_code, skill_set_code,
                 level, assessment::Source::kSupervisor, assessed_on, valid_until, 0};
  assessments_.emplace_back(person_id, stored);
  people_[person_id].person_id = person_id;  // known, if not set up yet
  return stored.fact.id;
}

void FakeStandingReads::FailReads(absl::Status error) {
  absl::MutexLock lock(&mutex_);
  failure_ = std::move(error);
}

absl::StatusOr<assessment::StoredFramework> FakeStandingReads::GetFramework(
    const std::string& code) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  auto found = frameworks_.find(code);
  if (found == frameworks_.end()) return absl::NotFoundError(absl::StrCat("no framework ", code));
  return found->second;
}

absl::StatusOr<std::vector<assessment::StoredCrosswalk>> FakeStandingReads::CrosswalksTo(
    const std::string& framework_code) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  return std::vector<assessment::StoredCrosswalk>();
}

absl::StatusOr<assessment::AgencyChoice> FakeStandingReads::AgencyFramework(
    const std::string& agency_code, absl::CivilDay on) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  assessment::AgencyChoice choice;
  choice.agency_code = agency_code;
  if (auto found = choices_.find(agency_code); found != choices_.end()) {
    choice.framework_code = found->second;
    choice.chosen_by = agency_code;
  }
  return choice;
}

absl::StatusOr<assessment::PersonContext> FakeStandingReads::PersonContextOn(int64_t person_id,
                                                                             absl::CivilDay on) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  auto found = people_.find(person_id);
  if (found == people_.end()) return absl::NotFoundError(absl::StrCat("no person ", person_id));
  return found->second;
}

absl::StatusOr<std::vector<assessment::StoredAssessment>> FakeStandingReads::AssessmentsOf(
    int64_t person_id) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  std::vector<assessment::StoredAssessment> of;
  for (auto s = assessments_.rbegin(); s != assessments_.rend(); ++s) {
    if (s->first == person_id) of.push_back(s->second);
  }
  return of;
}

absl::StatusOr<int64_t> FakeStandingReads::NewestAssessmentId() {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  return static_cast<int64_t>(assessments_.size());
}

absl::StatusOr<int64_t> FakeStandingReads::AssessmentsRecordedAfter(
    const std::string& agency_path, absl::CivilDay day, int64_t after_id) {
  absl::MutexLock lock(&mutex_);
  if (!failure_.ok()) return failure_;
  int64_t count = 0;
  for (const auto& [person_id, s] : assessments_) {
    if (s.fact.id > after_id && s.fact.assessed_on <= day &&
        absl::StartsWith(people_[person_id].agency_path, agency_path)) {
      ++count;
    }
  }
  return count;
}

absl::StatusOr<std::vector<int64_t>> FakeStandingReads::PeopleWithExpiries(absl::CivilDay from,
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

}  // namespace thaksa::testing
