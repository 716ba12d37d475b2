#include "services/assessment/assessment_recording.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/call_guard.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/assessment_scope.h"
#include "services/assessment/domain/assessment_rules.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::assessment {

namespace {

// True for a principal recording as an institute: a TRAINING_INSTITUTE token, or the SERVICE
// principal acting for one.
bool RecordsForInstitute(const Principal& p) {
  return p.role == Role::kTrainingInstitute ||
         (p.role == Role::kService && !p.institute_code.empty());
}

// `record` with its unit codes in their one form, each once, sorted (violations on
// unit_codes[i]): the same units in another spelling or order are the same record.
v1::AssessmentRecord WithUnitCodesNormalised(const v1::AssessmentRecord& record,
                                             const std::string& prefix, FieldErrors& errors) {
  v1::AssessmentRecord normalised = record;
  std::vector<std::string> codes = UnitCodesOf(
      {record.unit_codes().begin(), record.unit_codes().end()}, prefix + "unit_codes", errors);
  std::sort(codes.begin(), codes.end());
  *normalised.mutable_unit_codes() = {codes.begin(), codes.end()};
  return normalised;
}

}  // namespace

// A record on its way through PrepareAll, with what has been read for it so far.
struct AssessmentRecorder::Pending {
  const v1::AssessmentRecord* record = nullptr;   // as the caller gave it
  std::optional<v1::AssessmentRecord> normalised;  // its unit codes in their one form, if any
  AssessmentInput input;
  std::string external_key;         // the caller's key for the external id; empty if none
  std::optional<std::string> held;  // the record the store keeps under external_key
  absl::CivilDay on;                // the day whose placement decides the framework
  absl::StatusOr<PersonContext> person = absl::UnknownError("not read");
  // The framework the person's agency follows on `on`, for a record that names none.
  absl::StatusOr<std::string> followed = absl::UnknownError("not read");
  std::optional<absl::StatusOr<NewAssessment>> answer;  // once decided

  bool open() const { return !answer.has_value(); }
  // Whether the record may be a replay of the one held (compared once its framework is known).
  bool may_replay() const { return held.has_value() && input.assessed_on.has_value(); }
  // The record as it is stored (but for a framework it does not name).
  const v1::AssessmentRecord& stored() const { return normalised ? *normalised : *record; }
};

absl::StatusOr<NewAssessment> AssessmentRecorder::Prepare(const v1::AssessmentRecord& record,
                                                          const std::string& prefix) {
  return PrepareAll({record}, prefix).front();
}

std::vector<absl::StatusOr<NewAssessment>> AssessmentRecorder::PrepareAll(
    const std::vector<v1::AssessmentRecord>& records, const std::string& prefix) {
  std::vector<Pending> pending(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    Pending& p = pending[i];
    p.record = &records[i];
    FieldErrors errors;
    CheckAssessmentText(records[i], prefix, errors);
    if (records[i].unit_codes_size() > 0 && records[i].unit_codes_size() <= kMaxUnitCodes) {
      p.normalised = WithUnitCodesNormalised(records[i], prefix, errors);
    }
    p.input = InputOf(records[i], errors, prefix);
    if (absl::Status invalid = errors.ToStatus(); !invalid.ok()) {
      p.answer = invalid;
    } else if (!p.input.external_id.empty()) {
      p.external_key = absl::StrCat(RecorderKey(principal_), ":", p.input.external_id);
    }
  }
  ReadReplays(pending);
  ReadPeople(pending);
  ReadFrameworksFollowed(pending, prefix);
  std::vector<absl::StatusOr<NewAssessment>> answers;
  answers.reserve(pending.size());
  for (const Pending& p : pending) {
    answers.push_back(p.answer.has_value() ? *p.answer : Checked(p, prefix));
  }
  return answers;
}

void AssessmentRecorder::ReadReplays(std::vector<Pending>& pending) {
  // A replay: the record the store holds under the caller's key for this external id, if any.
  // The same record again is the store's to answer UNCHANGED, and is not held to what may have
  // changed since it was recorded (an institute's registration or trust, the framework version's
  // status, the caller's scope, today's date): a retried delivery whose answer was lost is not
  // refused for what it was once allowed. Same means what the store compares, the record as it
  // would be stored (framework named); anything else goes through every check of Checked.
  if (RecordsForInstitute(principal_) && principal_.institute_code.empty()) return;
  std::vector<std::string> keys;
  for (const Pending& p : pending) {
    if (p.open() && !p.external_key.empty()) keys.push_back(p.external_key);
  }
  if (keys.empty()) return;
  const absl::StatusOr<std::map<std::string, std::string>> held =
      store_.RecordsOfExternalKeys(keys);
  for (Pending& p : pending) {
    if (!p.open() || p.external_key.empty()) continue;
    if (!held.ok()) {
      p.answer = held.status();
      continue;
    }
    if (auto kept = held->find(p.external_key); kept != held->end()) p.held = kept->second;
    if (p.may_replay() && !p.record->framework_code().empty()) {
      std::string record_json = ToJson(p.stored());
      if (record_json == *p.held) {
        p.answer = Assessment(p.input, p.record->framework_code(), std::move(record_json),
                              p.external_key);
      }
    }
  }
}

void AssessmentRecorder::ReadPeople(std::vector<Pending>& pending) {
  auto read = [&](const std::vector<Pending*>& of) {
    if (of.empty()) return;
    std::vector<PersonDay> wanted;
    for (const Pending* p : of) wanted.push_back({p->record->person_id(), p->on});
    const absl::StatusOr<std::map<PersonDay, PersonContext>> contexts =
        store_.PersonContextsOnDays(wanted);
    for (Pending* p : of) {
      if (!contexts.ok()) {
        p->person = contexts.status();
        continue;
      }
      auto found = contexts->find({p->record->person_id(), p->on});
      if (found == contexts->end()) {
        p->person = absl::NotFoundError("no such person");
      } else {
        p->person = found->second;
      }
    }
  };
  // Where the person worked when assessed decides the framework; before their first assignment
  // (an old certificate), where they work today.
  std::vector<Pending*> open, unassigned;
  for (Pending& p : pending) {
    if (!p.open()) continue;
    p.on = p.input.assessed_on.value_or(today_);
    open.push_back(&p);
  }
  read(open);
  for (Pending* p : open) {
    if (p->person.ok() && p->person->agency_code.empty()) {
      p->on = today_;
      unassigned.push_back(p);
    }
  }
  read(unassigned);
}

void AssessmentRecorder::ReadFrameworksFollowed(std::vector<Pending>& pending,
                                                const std::string& prefix) {
  std::vector<Pending*> of;
  std::vector<AgencyDay> wanted;
  for (Pending& p : pending) {
    if (!p.open() || !p.person.ok() || !p.record->framework_code().empty()) continue;
    if (p.person->agency_code.empty()) {
      p.followed = InvalidField(prefix + "framework_code",
                                "the person has no assignment to take a framework from; name one");
      continue;
    }
    of.push_back(&p);
    wanted.push_back({p.person->agency_code, p.on});
  }
  if (wanted.empty()) return;
  const absl::StatusOr<std::map<AgencyDay, std::string>> followed =
      store_.FrameworksFollowed(wanted);
  for (Pending* p : of) {
    if (!followed.ok()) {
      p->followed = followed.status();
      continue;
    }
    auto found = followed->find({p->person->agency_code, p->on});
    if (found == followed->end()) {
      p->followed = absl::NotFoundError(absl::StrCat("no agency '", p->person->agency_code, "'"));
    } else if (found->second.empty()) {
      p->followed = InvalidField(prefix + "framework_code",
                                 "the person's agency follows no framework on that date; name one");
    } else {
      p->followed = found->second;
    }
  }
}

absl::StatusOr<NewAssessment> AssessmentRecorder::Checked(const Pending& p,
                                                          const std::string& prefix) {
  const v1::AssessmentRecord& record = *p.record;
  const AssessmentInput& input = p.input;
  if (!p.person.ok()) {
    if (!absl::IsNotFound(p.person.status())) return p.person.status();
    if (!IsAdmin(principal_)) return OutsideScope();
    return InvalidField(prefix + "person_id", "no person has this id");
  }
  const PersonContext& person = *p.person;
  if (principal_.role == Role::kService && principal_.institute_code.empty()) {
    return absl::PermissionDeniedError(
        "the SERVICE principal records only for an institute named in x-thaksa-institute");
  }
  if (p.may_replay() && record.framework_code().empty() && p.followed.ok()) {
    // Compared only once the framework is resolved as it would be today; a framework that cannot
    // be resolved is refused below as for any record.
    v1::AssessmentRecord stored_record = p.stored();
    stored_record.set_framework_code(*p.followed);
    std::string record_json = ToJson(stored_record);
    if (record_json == *p.held) {
      return Assessment(input, *p.followed, std::move(record_json), p.external_key);
    }
  }
  std::optional<int> trust;  // an institute's max_assessed_level
  if (RecordsForInstitute(principal_)) {
    ASSIGN_OR_RETURN(trust, InstituteTrust());
  }
  // Institutes (and the service acting for one) assess whoever attends them; everyone else
  // within their scope.
  if (principal_.role != Role::kTrainingInstitute && principal_.role != Role::kService) {
    RETURN_IF_ERROR(RequirePerson(principal_, person));
  }
  if (principal_.role == Role::kSupervisor && person.person_id == principal_.person_id) {
    return absl::PermissionDeniedError("a supervisor assessment of oneself is a self-assessment");
  }
  if (!MayRecord(principal_.role, input.source)) {
    FieldErrors refused;
    refused.Add(prefix + "source", absl::StrCat("role ", RoleName(principal_.role),
                                                " may not record this kind of assessment"));
    return refused.ToStatus(absl::StatusCode::kPermissionDenied);
  }
  std::string framework_code = record.framework_code();
  if (framework_code.empty()) {
    ASSIGN_OR_RETURN(framework_code, p.followed);
  }
  absl::StatusOr<const CachedFramework*> framework = frameworks_.Get(framework_code);
  if (!framework.ok()) {
    if (!absl::IsNotFound(framework.status())) return framework.status();
    return InvalidField(prefix + "framework_code", "no framework has this code");
  }
  if (!(*framework)->published()) {
    return InvalidField(prefix + "framework_code", "assessments are recorded on published versions");
  }
  FieldErrors errors;
  ValidateAssessment(input, (*framework)->rules, today_, prefix, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  if (record.unit_codes_size() > 0) {
    ASSIGN_OR_RETURN(const std::vector<std::string>* known, CatalogueUnitCodes());
    UnitCodesOf({record.unit_codes().begin(), record.unit_codes().end()}, prefix + "unit_codes",
                errors, known);
    RETURN_IF_ERROR(errors.ToStatus());
  }
  if (trust.has_value() && input.level > *trust) {
    return InvalidField(prefix + "level",
                        absl::StrCat("is above what institute ", principal_.institute_code,
                                     " may assess (its max_assessed_level is ", *trust, ")"));
  }

  v1::AssessmentRecord stored_record = p.stored();
  stored_record.set_framework_code(framework_code);
  return Assessment(input, framework_code, ToJson(stored_record), p.external_key);
}

NewAssessment AssessmentRecorder::Assessment(const AssessmentInput& input,
                                             const std::string& framework_code,
                                             std::string record_json,
                                             const std::string& external_key) const {
  NewAssessment assessment;
  assessment.person_id = input.person_id;
  assessment.framework_code = framework_code;
  assessment.skill_set_code = input.skill_set_code;
  assessment.level = input.level;
  assessment.source = input.source;
  assessment.instrument = input.instrument;
  assessment.assessed_on = *input.assessed_on;
  assessment.valid_until = input.valid_until;
  assessment.record_json = std::move(record_json);
  assessment.external_key = external_key;
  assessment.supersedes_id = input.supersedes_id;
  if (principal_.role == Role::kService) {
    // For an institute (checked by Prepare): the institute's assessment, by its token if named.
    assessment.assessor_role = Role::kTrainingInstitute;
    assessment.assessor_token_id = principal_.on_behalf_of_token_id;
  } else {
    assessment.assessor_role = principal_.role;
    assessment.assessor_token_id = principal_.token_id;
  }
  return assessment;
}

absl::StatusOr<int> AssessmentRecorder::InstituteTrust() {
  if (!institute_trust_.has_value()) {
    absl::StatusOr<std::optional<int>> level =
        catalogue_.MaxAssessedLevel(principal_.institute_code);
    if (!level.ok()) {
      // Not kept: a failed read is tried again for the next record.
      return level.status();
    }
    if (!level->has_value()) {
      // The institute is the caller's (its token's, or named in x-thaksa-institute), not a
      // field of the record: the violation names it as institute_code.
      FieldErrors unknown;
      unknown.Add("institute_code", absl::StrCat("no registered institute has the code '",
                                                 principal_.institute_code, "'"));
      institute_trust_ = unknown.ToStatus(absl::StatusCode::kPermissionDenied);
    } else {
      institute_trust_ = **level;
    }
  }
  return *institute_trust_;
}

absl::StatusOr<const std::vector<std::string>*> AssessmentRecorder::CatalogueUnitCodes() {
  if (!known_unit_codes_.has_value()) {
    ASSIGN_OR_RETURN(known_unit_codes_, units_.UnitCodes());
  }
  return &*known_unit_codes_;
}

absl::StatusOr<std::vector<RecordResult>> AssessmentRecorder::Store(
    const std::vector<NewAssessment>& assessments, const AuditCall& audit) {
  return store_.RecordAssessments(assessments, frameworks_.Precedence(), today_, audit);
}

absl::StatusOr<std::vector<RecordResult>> AssessmentRecorder::RecordAll(
    const std::vector<v1::AssessmentRecord>& records, const AuditCall& audit) {
  std::vector<absl::StatusOr<NewAssessment>> prepared = PrepareAll(records, "");
  std::vector<RecordResult> results(records.size());
  std::vector<NewAssessment> assessments;
  std::vector<size_t> stored_as;  // the result of assessments[k] is results[stored_as[k]]
  for (size_t i = 0; i < prepared.size(); ++i) {
    if (prepared[i].ok()) {
      assessments.push_back(*std::move(prepared[i]));
      stored_as.push_back(i);
    } else if (RefusesTheRecord(prepared[i].status())) {
      results[i] = RejectionOf(prepared[i].status());
    } else {
      return prepared[i].status();  // could not be checked now: the batch is not answered
    }
  }
  if (assessments.empty()) return results;
  ASSIGN_OR_RETURN(std::vector<RecordResult> stored, Store(assessments, audit));
  for (size_t k = 0; k < stored.size(); ++k) results[stored_as[k]] = std::move(stored[k]);
  return results;
}

absl::StatusOr<Recorded> AssessmentRecorder::Record(const v1::AssessmentRecord& record,
                                                    const std::string& prefix,
                                                    const AuditCall& audit) {
  ASSIGN_OR_RETURN(NewAssessment assessment, Prepare(record, prefix));
  ASSIGN_OR_RETURN(std::vector<RecordResult> results, Store({assessment}, audit));
  const RecordResult& result = results.front();
  if (result.outcome == RecordOutcome::kRejected) {
    FieldErrors rejected;
    for (const FieldViolation& v : result.errors) rejected.Add(prefix + v.field, v.description);
    return rejected.ToStatus(result.rejection);
  }
  Recorded recorded;
  recorded.outcome = result.outcome;
  ASSIGN_OR_RETURN(std::vector<StoredAssessment> all, store_.AssessmentsOf(assessment.person_id));
  for (StoredAssessment& stored : all) {
    if (stored.fact.id == result.assessment_id) recorded.assessment = std::move(stored);
  }
  return recorded;
}

RecordResult RejectionOf(const absl::Status& refusal) {
  RecordResult result;
  result.outcome = RecordOutcome::kRejected;
  result.rejection = refusal.code();
  result.errors = FieldViolationsOr(refusal, "person_id");
  return result;
}

}  // namespace thaksa::assessment
