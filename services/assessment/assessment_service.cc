#include "services/assessment/assessment_service.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/bulk_stream.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/domain/behaviours.h"
#include "services/assessment/skill_profile.h"

namespace thaksa::assessment {
namespace {

const auto Method = &MethodOf<v1::AssessmentService>;

// Who is recording, for idempotency keys: an external id is the recorder's own. The SERVICE
// principal records for an institute, in that institute's keys.
std::string RecorderKey(const Principal& p) {
  switch (p.role) {
    case Role::kTrainingInstitute:
    case Role::kService: return absl::StrCat("institute:", p.institute_code);
    case Role::kHrSystem: return absl::StrCat("hr:", p.agency_id);
    case Role::kSupervisor:
    case Role::kPerson: return absl::StrCat("person:", p.person_id);
    default: return "admin";
  }
}

v1::Assessment ToProto(const StoredAssessment& stored) {
  v1::Assessment out;
  out.set_id(stored.fact.id);
  (void)FromJson(stored.record_json, out.mutable_record());
  out.set_assessor_token_id(stored.assessor_token_id);
  out.set_assessor_role(std::string(RoleName(static_cast<Role>(stored.assessor_role))));
  out.set_recorded_at_unix(stored.recorded_at_unix);
  out.set_superseded_by_id(stored.fact.superseded_by_id);
  return out;
}

}  // namespace

absl::CivilDay AssessmentService::Today() const { return ThaiDate(clock_.Now()); }

absl::StatusOr<const v1::Framework*> AssessmentService::Framework(const std::string& code,
                                                                  Frameworks& cache) {
  auto cached = cache.find(code);
  if (cached != cache.end()) return &cached->second;
  ASSIGN_OR_RETURN(StoredFramework stored, store_.GetFramework(code));
  ASSIGN_OR_RETURN(v1::Framework framework, FrameworkOf(stored));
  return &cache.emplace(code, std::move(framework)).first->second;
}

std::map<std::string, std::vector<Source>> AssessmentService::Precedence(
    const Frameworks& cache) const {
  std::map<std::string, std::vector<Source>> precedence;
  for (const auto& [code, framework] : cache) precedence[code] = RulesOf(framework).precedence;
  return precedence;
}

absl::Status AssessmentService::RequirePerson(const Principal& principal,
                                              const PersonContext& person) {
  if (CoversPerson(principal, person.person_id, person.supervisor_id,
                   {person.agency_path, person.record_agency_path})) {
    return absl::OkStatus();
  }
  return OutsideScope();
}

absl::Status AssessmentService::RequireAgency(const Principal& principal,
                                              const std::string& agency_code) {
  if (IsAdmin(principal)) return absl::OkStatus();
  absl::StatusOr<std::string> path = directory_.AgencyPath(agency_code);
  if (!path.ok() || !CoversAgency(principal, *path)) return OutsideScope();
  return absl::OkStatus();
}

absl::Status AssessmentService::DescribeAgency(const std::string& agency_code, absl::CivilDay on,
                                               v1::AgencyFramework* out) {
  ASSIGN_OR_RETURN(AgencyChoice choice, store_.AgencyFramework(agency_code, on));
  out->set_agency_code(choice.agency_code);
  out->set_framework_code(choice.framework_code);
  out->set_chosen_by_agency_code(choice.chosen_by);
  for (const std::string& code : choice.adopted) out->add_adopted_skill_sets(code);
  return absl::OkStatus();
}

grpc::Status AssessmentService::CreateFramework(grpc::ServerContext* context,
                                                const v1::CreateFrameworkRequest* request,
                                                v1::Framework* response) {
  return guard_.Run(*context, Method("CreateFramework"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->framework().code()};
    FieldErrors errors;
    CheckFrameworkText(request->framework(), errors);
    ValidateFrameworkRules(RulesOf(request->framework()), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    v1::Framework definition = request->framework();
    definition.clear_status();
    definition.clear_version();
    ASSIGN_OR_RETURN(StoredFramework stored,
                     store_.CreateFramework(definition.code(), ToJson(definition), call.audit));
    ASSIGN_OR_RETURN(*response, FrameworkOf(stored));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::UpdateFramework(grpc::ServerContext* context,
                                                const v1::UpdateFrameworkRequest* request,
                                                v1::Framework* response) {
  return guard_.Run(*context, Method("UpdateFramework"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->framework().code()};
    FieldErrors errors;
    CheckFrameworkText(request->framework(), errors);
    ValidateFrameworkRules(RulesOf(request->framework()), errors);
    if (request->expected_version() <= 0) errors.Add("expected_version", "is required");
    RETURN_IF_ERROR(errors.ToStatus());
    v1::Framework definition = request->framework();
    definition.clear_status();
    definition.clear_version();
    ASSIGN_OR_RETURN(StoredFramework stored,
                     store_.UpdateFramework(definition.code(), ToJson(definition),
                                            request->expected_version(), call.audit));
    ASSIGN_OR_RETURN(*response, FrameworkOf(stored));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::SetFrameworkStatus(grpc::ServerContext* context,
                                                   const v1::SetFrameworkStatusRequest* request,
                                                   v1::Framework* response) {
  return guard_.Run(*context, Method("SetFrameworkStatus"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->code()};
    const auto status = static_cast<FrameworkStatus>(request->status());
    if (status != FrameworkStatus::kPublished && status != FrameworkStatus::kRetired) {
      return InvalidField("status", "must be PUBLISHED or RETIRED");
    }
    ASSIGN_OR_RETURN(StoredFramework stored,
                     store_.SetFrameworkStatus(request->code(), status, call.audit));
    ASSIGN_OR_RETURN(*response, FrameworkOf(stored));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::GetFramework(grpc::ServerContext* context,
                                             const v1::GetFrameworkRequest* request,
                                             v1::Framework* response) {
  return guard_.Run(*context, Method("GetFramework"), [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(StoredFramework stored, store_.GetFramework(request->code()));
    ASSIGN_OR_RETURN(*response, FrameworkOf(stored));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::ListFrameworks(grpc::ServerContext* context,
                                               const v1::ListFrameworksRequest*,
                                               v1::ListFrameworksResponse* response) {
  return guard_.Run(*context, Method("ListFrameworks"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<StoredFramework> frameworks, store_.ListFrameworks());
    for (const StoredFramework& stored : frameworks) {
      ASSIGN_OR_RETURN(v1::Framework framework, FrameworkOf(stored));
      framework.clear_targets();
      *response->add_frameworks() = std::move(framework);
    }
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::PutCrosswalk(grpc::ServerContext* context,
                                             const v1::Crosswalk* request,
                                             v1::Crosswalk* response) {
  return guard_.Run(*context, Method("PutCrosswalk"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"crosswalk", absl::StrCat(request->from_framework(), ">", request->to_framework())};
    Frameworks cache;
    FieldErrors errors;
    absl::StatusOr<const v1::Framework*> from = Framework(request->from_framework(), cache);
    absl::StatusOr<const v1::Framework*> to = Framework(request->to_framework(), cache);
    if (!from.ok()) errors.Add("from_framework", "no framework has this code");
    if (!to.ok()) errors.Add("to_framework", "no framework has this code");
    RETURN_IF_ERROR(errors.ToStatus());
    const FrameworkRules from_rules = RulesOf(**from), to_rules = RulesOf(**to);
    for (int i = 0; i < request->skill_sets_size(); ++i) {
      const auto& m = request->skill_sets(i);
      if (from_rules.FindSkillSet(m.from_skill_set()) == nullptr ||
          to_rules.FindSkillSet(m.to_skill_set()) == nullptr) {
        errors.Add(absl::StrCat("skill_sets[", i, "]"), "names a skill set neither version has");
      }
    }
    std::set<int> mapped;
    for (int i = 0; i < request->levels_size(); ++i) {
      const auto& m = request->levels(i);
      if (!from_rules.HasLevel(m.from_level()) || !to_rules.HasLevel(m.to_level())) {
        errors.Add(absl::StrCat("levels[", i, "]"), "maps a level off one of the scales");
      }
      mapped.insert(m.from_level());
    }
    for (int level : from_rules.levels) {
      if (mapped.count(level) == 0) {
        errors.Add("levels", absl::StrCat("level ", level, " of ", from_rules.code, " is unmapped"));
      }
    }
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(store_.PutCrosswalk(
        {request->from_framework(), request->to_framework(), ToJson(*request)}, call.audit));
    *response = *request;
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::PutBehaviours(grpc::ServerContext* context,
                                              const v1::PutBehavioursRequest* request,
                                              v1::PutBehavioursResponse* response) {
  return guard_.Run(*context, Method("PutBehaviours"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"behaviours", ""};
    FieldErrors errors;
    for (int i = 0; i < request->behaviours_size(); ++i) {
      CheckBehaviour(request->behaviours(i), absl::StrCat("behaviours[", i, "]."), errors);
    }
    RETURN_IF_ERROR(errors.ToStatus());
    std::vector<BehaviourRow> rows;
    for (const v1::Behaviour& b : request->behaviours()) {
      BehaviourRow row{b.driver(), b.stage(), b.personnel_group(), b.text().th(), b.text().en(),
                       absl::StrJoin(b.unit_codes(), " "), b.skill_set_code()};
      if (row.skill_set_code.empty() && b.unit_codes_size() > 0) {
        row.skill_set_code = SkillSetOfUnitCode(b.unit_codes(0));
      }
      rows.push_back(std::move(row));
    }
    RETURN_IF_ERROR(store_.PutBehaviours(rows, call.audit));
    response->set_stored(static_cast<int>(rows.size()));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::ListBehaviours(grpc::ServerContext* context,
                                               const v1::ListBehavioursRequest* request,
                                               v1::ListBehavioursResponse* response) {
  return guard_.Run(*context, Method("ListBehaviours"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<BehaviourRow> rows,
                     store_.ListBehaviours(request->skill_set_code(), request->unit_code()));
    for (const BehaviourRow& row : rows) {
      v1::Behaviour* b = response->add_behaviours();
      b->set_driver(row.driver);
      b->set_stage(row.stage);
      b->set_personnel_group(static_cast<common::v1::PersonnelGroup>(row.personnel_group));
      b->mutable_text()->set_th(row.text_th);
      b->mutable_text()->set_en(row.text_en);
      for (const std::string& code : ExtractUnitCodes(row.unit_codes)) b->add_unit_codes(code);
      b->set_skill_set_code(row.skill_set_code);
    }
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::SetAgencyFramework(grpc::ServerContext* context,
                                                   const v1::SetAgencyFrameworkRequest* request,
                                                   v1::AgencyFramework* response) {
  return guard_.Run(*context, Method("SetAgencyFramework"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"agency", request->agency_code()};
    FieldErrors errors;
    CheckCode(request->agency_code(), "agency_code", errors);
    CheckOptionalCode(request->framework_code(), "framework_code", errors);
    const auto from = RequiredDayFromProto(request->effective_from(),
                                           request->has_effective_from(), "effective_from", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(RequireAgency(call.principal, request->agency_code()));
    RETURN_IF_ERROR(store_.SetAgencyFramework(request->agency_code(), request->framework_code(),
                                              *from, call.audit));
    return DescribeAgency(request->agency_code(), std::max(*from, Today()), response);
  });
}

grpc::Status AssessmentService::SetOptionalSkillSet(grpc::ServerContext* context,
                                                    const v1::SetOptionalSkillSetRequest* request,
                                                    v1::AgencyFramework* response) {
  return guard_.Run(*context, Method("SetOptionalSkillSet"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"agency", request->agency_code()};
    FieldErrors errors;
    CheckCode(request->agency_code(), "agency_code", errors);
    const auto from = RequiredDayFromProto(request->effective_from(),
                                           request->has_effective_from(), "effective_from", errors);
    Frameworks cache;
    absl::StatusOr<const v1::Framework*> framework = Framework(request->framework_code(), cache);
    if (!framework.ok()) {
      errors.Add("framework_code", "no framework has this code");
    } else {
      const SkillSetRule* skill_set = RulesOf(**framework).FindSkillSet(request->skill_set_code());
      if (skill_set == nullptr || skill_set->kind != SkillSetKind::kOptional) {
        errors.Add("skill_set_code", "is not an optional skill set of this framework");
      }
    }
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(RequireAgency(call.principal, request->agency_code()));
    RETURN_IF_ERROR(store_.SetOptionalSkillSet(request->agency_code(), request->framework_code(),
                                               request->skill_set_code(), request->adopted(),
                                               *from, call.audit));
    return DescribeAgency(request->agency_code(), std::max(*from, Today()), response);
  });
}

grpc::Status AssessmentService::GetAgencyFramework(grpc::ServerContext* context,
                                                   const v1::GetAgencyFrameworkRequest* request,
                                                   v1::AgencyFramework* response) {
  return guard_.Run(*context, Method("GetAgencyFramework"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    const auto on = DayFromProto(request->as_of(), request->has_as_of(), "as_of", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    return DescribeAgency(request->agency_code(), on.value_or(Today()), response);
  });
}

absl::StatusOr<NewAssessment> AssessmentService::Prepare(const Call& call,
                                                         const v1::AssessmentRecord& record,
                                                         const std::string& prefix,
                                                         Frameworks& cache) {
  FieldErrors errors;
  CheckAssessmentText(record, prefix, errors);
  const AssessmentInput input = InputOf(record, errors, prefix);
  RETURN_IF_ERROR(errors.ToStatus());
  const absl::CivilDay today = Today();
  // Where the person worked when assessed decides the framework; before their first assignment
  // (an old certificate), where they work today.
  absl::CivilDay on = input.assessed_on.value_or(today);
  absl::StatusOr<PersonContext> person = store_.PersonContextOn(record.person_id(), on);
  if (person.ok() && person->agency_code.empty()) {
    on = today;
    person = store_.PersonContextOn(record.person_id(), on);
  }
  if (!person.ok()) {
    if (!absl::IsNotFound(person.status())) return person.status();
    if (!IsAdmin(call.principal)) return OutsideScope();
    return InvalidField(prefix + "person_id", "no person has this id");
  }
  if (call.principal.role == Role::kService && call.principal.institute_code.empty()) {
    return absl::PermissionDeniedError(
        "the SERVICE principal records only for an institute named in x-thaksa-institute");
  }
  // Institutes (and the service acting for one) assess whoever attends them; everyone else
  // within their scope.
  if (call.principal.role != Role::kTrainingInstitute && call.principal.role != Role::kService) {
    RETURN_IF_ERROR(RequirePerson(call.principal, *person));
  }
  if (call.principal.role == Role::kSupervisor && person->person_id == call.principal.person_id) {
    return absl::PermissionDeniedError("a supervisor assessment of oneself is a self-assessment");
  }
  if (!MayRecord(call.principal.role, input.source)) {
    return absl::PermissionDeniedError(
        absl::StrCat(prefix, "source: role ", RoleName(call.principal.role),
                     " may not record this kind of assessment"));
  }
  std::string framework_code = record.framework_code();
  if (framework_code.empty()) {
    ASSIGN_OR_RETURN(AgencyChoice choice, store_.AgencyFramework(person->agency_code, on));
    framework_code = choice.framework_code;
    if (framework_code.empty()) {
      return InvalidField(prefix + "framework_code",
                          "the person's agency follows no framework on that date; name one");
    }
  }
  absl::StatusOr<const v1::Framework*> framework = Framework(framework_code, cache);
  if (!framework.ok()) {
    if (!absl::IsNotFound(framework.status())) return framework.status();
    return InvalidField(prefix + "framework_code", "no framework has this code");
  }
  if ((*framework)->status() != v1::FRAMEWORK_STATUS_PUBLISHED) {
    return InvalidField(prefix + "framework_code", "assessments are recorded on published versions");
  }
  ValidateAssessment(input, RulesOf(**framework), today, prefix, errors);
  RETURN_IF_ERROR(errors.ToStatus());

  v1::AssessmentRecord stored_record = record;
  stored_record.set_framework_code(framework_code);
  NewAssessment assessment;
  assessment.person_id = input.person_id;
  assessment.framework_code = framework_code;
  assessment.skill_set_code = input.skill_set_code;
  assessment.level = input.level;
  assessment.source = input.source;
  assessment.instrument = input.instrument;
  assessment.assessed_on = *input.assessed_on;
  assessment.valid_until = input.valid_until;
  assessment.record_json = ToJson(stored_record);
  if (!input.external_id.empty()) {
    assessment.external_key = absl::StrCat(RecorderKey(call.principal), ":", input.external_id);
  }
  assessment.supersedes_id = input.supersedes_id;
  return assessment;
}

grpc::Status AssessmentService::RecordAssessment(grpc::ServerContext* context,
                                                 const v1::RecordAssessmentRequest* request,
                                                 v1::RecordAssessmentResponse* response) {
  return guard_.Run(*context, Method("RecordAssessment"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", absl::StrCat(request->assessment().person_id())};
    Frameworks cache;
    ASSIGN_OR_RETURN(NewAssessment assessment,
                     Prepare(call, request->assessment(), "assessment.", cache));
    ASSIGN_OR_RETURN(std::vector<RecordResult> results,
                     store_.RecordAssessments({assessment}, Precedence(cache), Today(), call.audit));
    const RecordResult& result = results.front();
    if (result.outcome == RecordOutcome::kRejected) {
      FieldErrors rejected;
      for (const FieldViolation& v : result.errors) rejected.Add("assessment." + v.field, v.description);
      return rejected.ToStatus(result.rejection);
    }
    response->set_outcome(static_cast<v1::RecordOutcome>(result.outcome));
    ASSIGN_OR_RETURN(std::vector<StoredAssessment> all, store_.AssessmentsOf(assessment.person_id));
    for (const StoredAssessment& stored : all) {
      if (stored.fact.id == result.assessment_id) *response->mutable_assessment() = ToProto(stored);
    }
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::BulkRecordAssessments(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::BulkAssessmentResult, v1::AssessmentRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("BulkRecordAssessments"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"assessment", ""});

  Frameworks cache;
  std::map<int64_t, absl::StatusCode> rejections;  // by record index, for the audit trail
  auto reject = [&](v1::BulkAssessmentResult& result, const std::vector<FieldViolation>& violations,
                    absl::StatusCode kind) {
    result.set_outcome(v1::RECORD_OUTCOME_REJECTED);
    result.set_rejection(absl::StatusCodeToString(kind));
    for (const FieldViolation& v : violations) {
      auto* error = result.add_errors();
      error->set_field(v.field);
      error->set_reason(v.description);
    }
    rejections[result.index()] = kind;
  };
  BulkStreamHandlers<v1::AssessmentRecord, v1::BulkAssessmentResult, NewAssessment> handlers;
  handlers.prepare = [&](v1::AssessmentRecord& record, int64_t index,
                         v1::BulkAssessmentResult& result) -> std::optional<NewAssessment> {
    result.set_index(index);
    result.set_external_id(record.external_id());
    absl::StatusOr<NewAssessment> assessment = Prepare(call, record, "", cache);
    if (assessment.ok()) return *std::move(assessment);
    std::vector<FieldViolation> violations = FieldViolationsOf(assessment.status());
    if (violations.empty()) {
      violations.push_back({"person_id", std::string(assessment.status().message())});
    }
    reject(result, violations, assessment.status().code());
    return std::nullopt;
  };
  handlers.store = [&](std::vector<NewAssessment>& assessments,
                       const std::vector<v1::BulkAssessmentResult*>& results) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<RecordResult> stored,
                     store_.RecordAssessments(assessments, Precedence(cache), Today(), call.audit));
    for (size_t i = 0; i < stored.size(); ++i) {
      if (stored[i].outcome == RecordOutcome::kRejected) {
        reject(*results[i], stored[i].errors, stored[i].rejection);
        continue;
      }
      results[i]->set_outcome(static_cast<v1::RecordOutcome>(stored[i].outcome));
      results[i]->set_assessment_id(stored[i].assessment_id);
    }
    return absl::OkStatus();
  };
  handlers.before_send = [&](const std::vector<v1::BulkAssessmentResult>& results) {
    std::vector<AuditEntry> failures;
    for (const v1::BulkAssessmentResult& r : results) {
      auto kind = rejections.find(r.index());
      if (kind != rejections.end()) {
        failures.push_back({"assessment", r.external_id(), absl::StatusCodeToString(kind->second)});
      }
    }
    rejections.clear();
    if (!failures.empty()) guard_.RecordFailures(call, failures);
  };
  return ToGrpcStatus(RunBulkStream(*stream, kBulkBatchSize, handlers));
}

grpc::Status AssessmentService::ListAssessments(grpc::ServerContext* context,
                                                const v1::ListAssessmentsRequest* request,
                                                v1::ListAssessmentsResponse* response) {
  return guard_.Run(*context, Method("ListAssessments"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    absl::StatusOr<PersonContext> person = store_.PersonContextOn(request->person_id(), Today());
    if (!person.ok() && !IsAdmin(call.principal)) return OutsideScope();
    RETURN_IF_ERROR(person.status());
    RETURN_IF_ERROR(RequirePerson(call.principal, *person));
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, {request->person_id()}));
    ASSIGN_OR_RETURN(std::vector<StoredAssessment> all, store_.AssessmentsOf(request->person_id()));
    for (const StoredAssessment& stored : all) *response->add_assessments() = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::GetSkillProfile(grpc::ServerContext* context,
                                                const v1::GetSkillProfileRequest* request,
                                                v1::SkillProfile* response) {
  return guard_.Run(*context, Method("GetSkillProfile"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    const absl::CivilDay on =
        DayFromProto(request->as_of(), request->has_as_of(), "as_of", errors).value_or(Today());
    RETURN_IF_ERROR(errors.ToStatus());
    absl::StatusOr<PersonContext> person = store_.PersonContextOn(request->person_id(), on);
    if (!person.ok() && !IsAdmin(call.principal)) return OutsideScope();
    RETURN_IF_ERROR(person.status());
    RETURN_IF_ERROR(RequirePerson(call.principal, *person));
    ASSIGN_OR_RETURN(*response, ComputeSkillProfile(store_, *person, on));
    return guard_.RecordPersonalReads(call, {person->person_id});
  });
}

}  // namespace thaksa::assessment
