#include "services/assessment/assessment_recording.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/call_guard.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/assessment_scope.h"
#include "services/assessment/domain/assessment_rules.h"

namespace thaksa::assessment {

namespace {

// True for a principal recording as an institute: a TRAINING_INSTITUTE token, or the SERVICE
// principal acting for one.
bool RecordsForInstitute(const Principal& p) {
  return p.role == Role::kTrainingInstitute ||
         (p.role == Role::kService && !p.institute_code.empty());
}

}  // namespace

absl::StatusOr<NewAssessment> AssessmentRecorder::Prepare(const v1::AssessmentRecord& record,
                                                          const std::string& prefix) {
  FieldErrors errors;
  CheckAssessmentText(record, prefix, errors);
  const AssessmentInput input = InputOf(record, errors, prefix);
  RETURN_IF_ERROR(errors.ToStatus());
  std::string external_key;
  if (!input.external_id.empty()) {
    external_key = absl::StrCat(RecorderKey(principal_), ":", input.external_id);
  }
  // A replay: the record the store holds under the caller's key for this external id, if any. The
  // same record again is the store's to answer UNCHANGED, and is not held to what may have
  // changed since it was recorded (an institute's registration or trust, the framework version's
  // status, the caller's scope, today's date): a retried delivery whose answer was lost is not
  // refused for what it was once allowed. Same means what the store compares, the record as it
  // would be stored (framework named); anything else goes through every check below.
  std::optional<std::string> held;
  if (!external_key.empty() &&
      !(RecordsForInstitute(principal_) && principal_.institute_code.empty())) {
    ASSIGN_OR_RETURN(held, store_.RecordOfExternalKey(external_key));
  }
  const bool may_replay = held.has_value() && input.assessed_on.has_value();
  if (may_replay && !record.framework_code().empty()) {
    std::string record_json = ToJson(record);
    if (record_json == *held) {
      return Assessment(input, record.framework_code(), std::move(record_json), external_key);
    }
  }
  // Where the person worked when assessed decides the framework; before their first assignment
  // (an old certificate), where they work today.
  absl::CivilDay on = input.assessed_on.value_or(today_);
  absl::StatusOr<PersonContext> person = store_.PersonContextOn(record.person_id(), on);
  if (person.ok() && person->agency_code.empty()) {
    on = today_;
    person = store_.PersonContextOn(record.person_id(), on);
  }
  if (!person.ok()) {
    if (!absl::IsNotFound(person.status())) return person.status();
    if (!IsAdmin(principal_)) return OutsideScope();
    return InvalidField(prefix + "person_id", "no person has this id");
  }
  if (principal_.role == Role::kService && principal_.institute_code.empty()) {
    return absl::PermissionDeniedError(
        "the SERVICE principal records only for an institute named in x-thaksa-institute");
  }
  if (may_replay && record.framework_code().empty()) {
    // Compared only once the framework is resolved as it would be today; a framework that cannot
    // be resolved is refused below as for any record.
    absl::StatusOr<std::string> followed = FrameworkFollowed(*person, on, prefix);
    if (followed.ok()) {
      v1::AssessmentRecord stored_record = record;
      stored_record.set_framework_code(*followed);
      std::string record_json = ToJson(stored_record);
      if (record_json == *held) {
        return Assessment(input, *followed, std::move(record_json), external_key);
      }
    }
  }
  std::optional<int> trust;  // an institute's max_assessed_level
  if (RecordsForInstitute(principal_)) {
    ASSIGN_OR_RETURN(trust, InstituteTrust());
  }
  // Institutes (and the service acting for one) assess whoever attends them; everyone else
  // within their scope.
  if (principal_.role != Role::kTrainingInstitute && principal_.role != Role::kService) {
    RETURN_IF_ERROR(RequirePerson(principal_, *person));
  }
  if (principal_.role == Role::kSupervisor && person->person_id == principal_.person_id) {
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
    ASSIGN_OR_RETURN(framework_code, FrameworkFollowed(*person, on, prefix));
  }
  absl::StatusOr<const CachedFramework*> framework = frameworks_.Get(framework_code);
  if (!framework.ok()) {
    if (!absl::IsNotFound(framework.status())) return framework.status();
    return InvalidField(prefix + "framework_code", "no framework has this code");
  }
  if (!(*framework)->published()) {
    return InvalidField(prefix + "framework_code", "assessments are recorded on published versions");
  }
  ValidateAssessment(input, (*framework)->rules, today_, prefix, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  if (trust.has_value() && input.level > *trust) {
    return InvalidField(prefix + "level",
                        absl::StrCat("is above what institute ", principal_.institute_code,
                                     " may assess (its max_assessed_level is ", *trust, ")"));
  }

  v1::AssessmentRecord stored_record = record;
  stored_record.set_framework_code(framework_code);
  return Assessment(input, framework_code, ToJson(stored_record), external_key);
}

absl::StatusOr<std::string> AssessmentRecorder::FrameworkFollowed(const PersonContext& person,
                                                                  absl::CivilDay on,
                                                                  const std::string& prefix) {
  if (person.agency_code.empty()) {
    return InvalidField(prefix + "framework_code",
                        "the person has no assignment to take a framework from; name one");
  }
  ASSIGN_OR_RETURN(const AgencyChoice choice, store_.AgencyFramework(person.agency_code, on));
  if (choice.framework_code.empty()) {
    return InvalidField(prefix + "framework_code",
                        "the person's agency follows no framework on that date; name one");
  }
  return choice.framework_code;
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

absl::StatusOr<std::vector<RecordResult>> AssessmentRecorder::Store(
    const std::vector<NewAssessment>& assessments, const AuditCall& audit) {
  return store_.RecordAssessments(assessments, frameworks_.Precedence(), today_, audit);
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
