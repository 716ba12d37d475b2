#include "services/learning/learning_service.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/bulk_stream.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/thai_calendar.h"
#include "services/assessment/domain/competency_units.h"
#include "services/learning/grpc_skill_profiles.h"
#include "services/learning/learning_checks.h"
#include "services/learning/learning_convert.h"
#include "services/learning/plan_import.h"

namespace thaksa::learning {
namespace {

const auto Method = &MethodOf<v1::LearningService>;

}  // namespace

grpc::Status LearningService::RunPlanCall(
    grpc::ServerContext& context, absl::string_view method, AuditTarget target,
    const std::function<absl::StatusOr<DescribedPlan>(const PlanCall&)>& body,
    v1::Plan* response) {
  return guard_.Run(context, method, [&](const Call& call, AuditTarget& audited) -> absl::Status {
    audited = std::move(target);
    GrpcSkillProfiles profiles(peers_, context);
    ASSIGN_OR_RETURN(const DescribedPlan plan,
                     body({call.principal, call.audit, profiles, annex_}));
    *response = ToProto(plan);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::UpsertInstitute(grpc::ServerContext* context,
                                              const v1::Institute* request,
                                              v1::Institute* response) {
  return guard_.Run(*context, Method("UpsertInstitute"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"institute", request->code()};
    FieldErrors errors;
    CheckInstitute(*request, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(store_.UpsertInstitute(*request, call.audit));
    *response = *request;
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListInstitutes(grpc::ServerContext* context,
                                             const v1::ListInstitutesRequest*,
                                             v1::ListInstitutesResponse* response) {
  return guard_.Run(*context, Method("ListInstitutes"), [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<v1::Institute> institutes, store_.ListInstitutes());
    for (v1::Institute& i : institutes) *response->add_institutes() = std::move(i);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::UpsertCourse(grpc::ServerContext* context, const v1::Course* request,
                                           v1::Course* response) {
  return guard_.Run(*context, Method("UpsertCourse"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"course", absl::StrCat(request->institute_code(), "/", request->code())};
    if (call.principal.role == Role::kTrainingInstitute &&
        call.principal.institute_code != request->institute_code()) {
      return OutsideScope();
    }
    FieldErrors errors;
    CheckCourse(*request, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    v1::Course course = *request;
    if (course.unit_codes_size() > 0) {
      ASSIGN_OR_RETURN(const std::vector<std::string> known, annex_.UnitCodes());
      const std::vector<std::string> codes = assessment::UnitCodesOf(
          {course.unit_codes().begin(), course.unit_codes().end()}, "unit_codes", errors, &known);
      RETURN_IF_ERROR(errors.ToStatus());
      *course.mutable_unit_codes() = {codes.begin(), codes.end()};
    }
    const v1::ClassHours& h = course.class_hours();
    const std::optional<std::string> violation = SixtyFortyViolation(
        course.delivery() != v1::DELIVERY_ONLINE,
        {h.lecture(), h.discussion(), h.learning_by_doing(), h.case_study(), h.assignment()});
    course.set_compliant(!violation.has_value());
    course.set_compliance_reason(violation.value_or(""));
    RETURN_IF_ERROR(store_.UpsertCourse(course, call.audit));
    *response = course;
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListCourses(grpc::ServerContext* context,
                                          const v1::ListCoursesRequest* request,
                                          v1::ListCoursesResponse* response) {
  return guard_.Run(*context, Method("ListCourses"), [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<v1::Course> courses,
                     store_.ListCourses(request->institute_code(), request->non_compliant_only()));
    for (v1::Course& c : courses) *response->add_courses() = std::move(c);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::CreatePlan(grpc::ServerContext* context,
                                         const v1::CreatePlanRequest* request, v1::Plan* response) {
  return RunPlanCall(*context, Method("CreatePlan"), {"person", absl::StrCat(request->person_id())},
                     [&](const PlanCall& call) -> absl::StatusOr<DescribedPlan> {
    FieldErrors errors;
    CheckFiscalYear(request->fiscal_year().be_year(), "fiscal_year.be_year", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    return plans_.Create(call, request->person_id(), request->fiscal_year().be_year());
  }, response);
}

grpc::Status LearningService::AddPlanItem(grpc::ServerContext* context,
                                          const v1::AddPlanItemRequest* request,
                                          v1::Plan* response) {
  return RunPlanCall(*context, Method("AddPlanItem"), {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) -> absl::StatusOr<DescribedPlan> {
    FieldErrors errors;
    CheckPlanItem(request->item(), "item", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    return plans_.AddItem(call, request->plan_id(), FromProto(request->item()),
                          request->expected_version());
  }, response);
}

grpc::Status LearningService::UpdatePlanItem(grpc::ServerContext* context,
                                             const v1::UpdatePlanItemRequest* request,
                                             v1::Plan* response) {
  return RunPlanCall(*context, Method("UpdatePlanItem"),
                     {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) -> absl::StatusOr<DescribedPlan> {
    FieldErrors errors;
    if (request->item().id() <= 0) errors.Add("item.id", "is required");
    CheckPlanItem(request->item(), "item", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    return plans_.UpdateItem(call, request->plan_id(), FromProto(request->item()),
                             request->expected_version());
  }, response);
}

grpc::Status LearningService::RemovePlanItem(grpc::ServerContext* context,
                                             const v1::RemovePlanItemRequest* request,
                                             v1::Plan* response) {
  return RunPlanCall(*context, Method("RemovePlanItem"),
                     {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) {
    return plans_.RemoveItem(call, request->plan_id(), request->item_id(),
                             request->expected_version());
  }, response);
}

grpc::Status LearningService::GetPlan(grpc::ServerContext* context,
                                      const v1::GetPlanRequest* request, v1::Plan* response) {
  return guard_.Run(*context, Method("GetPlan"), [&](const Call& call, AuditTarget&) -> absl::Status {
    GrpcSkillProfiles profiles(peers_, *context);
    ASSIGN_OR_RETURN(const DescribedPlan plan,
                     plans_.Get({call.principal, call.audit, profiles, annex_},
                                request->plan_id()));
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, {plan.plan.person_id}));
    *response = ToProto(plan);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListPlans(grpc::ServerContext* context,
                                        const v1::ListPlansRequest* request,
                                        v1::ListPlansResponse* response) {
  return guard_.Run(*context, Method("ListPlans"), [&](const Call& call, AuditTarget&) -> absl::Status {
    GrpcSkillProfiles profiles(peers_, *context);
    PlanQuery query;
    query.agency_code = request->agency_code();
    query.status = FromProto(request->status());
    query.fiscal_year = request->fiscal_year().be_year();
    ASSIGN_OR_RETURN(const std::vector<DescribedPlan> plans,
                     plans_.List({call.principal, call.audit, profiles, annex_}, query));
    std::vector<int64_t> people;
    for (const DescribedPlan& plan : plans) {
      people.push_back(plan.plan.person_id);
      *response->add_plans() = ToProto(plan);
    }
    return guard_.RecordPersonalReads(call, people);
  });
}

grpc::Status LearningService::BulkUpsertPlans(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::BulkPlanResult, v1::PlanRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("BulkUpsertPlans"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"plan", ""});
  GrpcSkillProfiles profiles(peers_, *context);
  const PlanCall plan_call{call.principal, call.audit, profiles, annex_};
  PlanImporter importer(store_, directory_, clock_, plan_call);
  BulkStreamHandlers<v1::PlanRecord, v1::BulkPlanResult, PlanImport> handlers;
  handlers.prepare = [&](v1::PlanRecord& record, int64_t index,
                         v1::BulkPlanResult& result) -> std::optional<PlanImport> {
    result.set_index(index);
    result.set_external_id(record.external_id());
    FieldErrors errors;
    CheckPlanRecord(record, errors);
    if (errors.empty()) return ImportOf(call.principal, record);
    ToProto(PlanImportResult{ImportOutcome::kRejected, 0, 0, errors.ToStatus()}, DescribedPlan(),
            &result);
    return std::nullopt;
  };
  handlers.batch_keys = [](const PlanImport& plan) {
    return std::vector<std::string>{plan.external_key};
  };
  handlers.store = [&](std::vector<PlanImport>& plans,
                       const std::vector<v1::BulkPlanResult*>& results) -> absl::Status {
    ASSIGN_OR_RETURN(const std::vector<ImportedPlan> imported, importer.Import(plans));
    for (size_t i = 0; i < imported.size(); ++i) {
      ToProto(imported[i].result, imported[i].described, results[i]);
    }
    return absl::OkStatus();
  };
  handlers.before_send = [&](const std::vector<v1::BulkPlanResult>& results) {
    std::vector<AuditEntry> failures;
    for (const v1::BulkPlanResult& r : results) {
      if (r.outcome() == v1::PLAN_IMPORT_OUTCOME_REJECTED) {
        failures.push_back({"plan", r.external_id(), r.rejection()});
      }
    }
    if (!failures.empty()) guard_.RecordFailures(call, failures);
  };
  return ToGrpcStatus(RunBulkStream(*context, *stream, guard_.limits(), kBulkBatchSize, handlers));
}

grpc::Status LearningService::TransitionPlan(grpc::ServerContext* context,
                                             const v1::TransitionPlanRequest* request,
                                             v1::Plan* response) {
  return RunPlanCall(*context, Method("TransitionPlan"),
                     {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) {
    return plans_.Transition(call, request->plan_id(), FromProto(request->to()),
                             request->expected_version(), request->waiver_reason());
  }, response);
}

grpc::Status LearningService::RevisePlan(grpc::ServerContext* context,
                                         const v1::RevisePlanRequest* request, v1::Plan* response) {
  return RunPlanCall(*context, Method("RevisePlan"), {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) { return plans_.Revise(call, request->plan_id()); },
                     response);
}

grpc::Status LearningService::CompletePlanItem(grpc::ServerContext* context,
                                               const v1::CompletePlanItemRequest* request,
                                               v1::Plan* response) {
  return RunPlanCall(*context, Method("CompletePlanItem"),
                     {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) {
    return plans_.CompleteItem(call, request->plan_id(), request->item_id(),
                               request->achieved_hours(), request->evidence());
  }, response);
}

grpc::Status LearningService::ConfirmPlanItem(grpc::ServerContext* context,
                                              const v1::ConfirmPlanItemRequest* request,
                                              v1::Plan* response) {
  return RunPlanCall(*context, Method("ConfirmPlanItem"),
                     {"plan", absl::StrCat(request->plan_id())},
                     [&](const PlanCall& call) {
    return plans_.ConfirmItem(call, request->plan_id(), request->item_id());
  }, response);
}

grpc::Status LearningService::RecordCompletions(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::CompletionResult, v1::CompletionRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("RecordCompletions"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"completion", ""});
  const std::string institute = call.principal.institute_code;
  if (absl::Status registered = store_.GetInstitute(institute).status(); !registered.ok()) {
    return guard_.Finish(call,
                         absl::IsNotFound(registered)
                             ? absl::FailedPreconditionError(absl::StrCat(
                                   "institute '", institute,
                                   "' is not registered; ask an administrator"))
                             : registered,
                         {"completion", ""});
  }

  std::map<std::string, std::optional<v1::Course>> courses;  // by code, as read
  std::vector<AuditEntry> failures;
  BulkStreamHandlers<v1::CompletionRecord, v1::CompletionResult, PreparedCompletion> handlers;
  handlers.prepare = [&](v1::CompletionRecord& record, int64_t index, v1::CompletionResult& result)
      -> absl::StatusOr<std::optional<PreparedCompletion>> {
    result.set_index(index);
    result.set_record_id(record.record_id());
    auto reject = [&](const std::string& field, const std::string& reason) {
      result.set_outcome(v1::COMPLETION_OUTCOME_REJECTED);
      result.set_field(field);
      result.set_reason(reason);
      failures.push_back({"completion", record.record_id(), "INVALID_ARGUMENT"});
      return std::nullopt;
    };
    if (std::optional<Rejection> invalid = CheckCompletionRecord(record, clock_.Now())) {
      return reject(invalid->field, invalid->reason);
    }
    auto course = courses.find(record.course_code());
    if (course == courses.end()) {
      absl::StatusOr<v1::Course> found = store_.GetCourse(institute, record.course_code());
      if (!found.ok() && !absl::IsNotFound(found.status())) return found.status();
      course = courses.emplace(record.course_code(),
                               found.ok() ? std::optional<v1::Course>(*found) : std::nullopt).first;
    }
    if (!course->second.has_value()) return reject("course_code", "is not a course of this institute");
    std::string citizen_id_hash;
    if (!record.citizen_id().empty()) citizen_id_hash = hasher_.Hash(record.citizen_id());
    record.clear_citizen_id();
    return PreparedCompletion{record, std::move(citizen_id_hash), *course->second};
  };
  handlers.batch_keys = [](const PreparedCompletion& p) {
    return std::vector<std::string>{p.record.record_id()};
  };
  handlers.store = [&](std::vector<PreparedCompletion>& prepared,
                       const std::vector<v1::CompletionResult*>& results) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<CompletionOutcome> outcomes,
                     store_.RecordCompletions(institute, prepared, call.audit));
    bool counted = false;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      results[i]->set_outcome(outcomes[i].outcome);
      results[i]->set_completion_id(outcomes[i].completion_id);
      results[i]->set_reason(outcomes[i].reason);
      results[i]->set_field(outcomes[i].field);
      counted = counted || outcomes[i].newly_counted;
    }
    if (counted) outbox_written_();
    return absl::OkStatus();
  };
  handlers.before_send = [&](const std::vector<v1::CompletionResult>&) {
    if (!failures.empty()) guard_.RecordFailures(call, failures);
    failures.clear();
  };
  return ToGrpcStatus(RunBulkStream(*context, *stream, guard_.limits(), kBulkBatchSize, handlers));
}

grpc::Status LearningService::GetCompletion(grpc::ServerContext* context,
                                            const v1::GetCompletionRequest* request,
                                            v1::Completion* response) {
  return guard_.Run(*context, Method("GetCompletion"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    std::string institute = request->institute_code();
    if (call.principal.role == Role::kTrainingInstitute) {
      if (!institute.empty() && institute != call.principal.institute_code) {
        return FieldStatus(absl::StatusCode::kPermissionDenied, "institute_code",
                           "a training institute reads its own completions");
      }
      institute = call.principal.institute_code;
    }
    FieldErrors errors;
    CheckCode(institute, "institute_code", errors);
    CheckRequiredText(request->record_id(), kMaxRecordIdLength, "record_id", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    target = {"completion", absl::StrCat(institute, "/", request->record_id())};
    ASSIGN_OR_RETURN(*response, store_.GetCompletion(institute, request->record_id()));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListCompletionReviews(
    grpc::ServerContext* context, const v1::ListCompletionReviewsRequest* request,
    v1::ListCompletionReviewsResponse* response) {
  return guard_.Run(*context, Method("ListCompletionReviews"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    std::string institute = request->institute_code();
    if (call.principal.role == Role::kTrainingInstitute) institute = call.principal.institute_code;
    ASSIGN_OR_RETURN(std::vector<v1::Completion> reviews, store_.ListReviews(institute));
    for (v1::Completion& c : reviews) *response->add_completions() = std::move(c);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ReviewCompletion(grpc::ServerContext* context,
                                               const v1::ReviewCompletionRequest* request,
                                               v1::Completion* response) {
  return guard_.Run(*context, Method("ReviewCompletion"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"completion", absl::StrCat(request->completion_id())};
    bool newly_counted = false;
    ASSIGN_OR_RETURN(*response, store_.ReviewCompletion(request->completion_id(), request->release(),
                                                        call.audit, &newly_counted));
    if (newly_counted) outbox_written_();
    return absl::OkStatus();
  });
}

grpc::Status LearningService::RecordApplication(grpc::ServerContext* context,
                                                const v1::RecordApplicationRequest* request,
                                                v1::WorkApplication* response) {
  return guard_.Run(*context, Method("RecordApplication"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    const v1::WorkApplication& given = request->application();
    target = given.completion_id() != 0
                 ? AuditTarget{"completion", absl::StrCat(given.completion_id())}
                 : AuditTarget{"plan_item", absl::StrCat(given.plan_item_id())};
    FieldErrors errors;
    CheckApplication(given, ThaiDate(clock_.Now()), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const WorkApplication stored,
                     applications_.Record(call.principal, call.audit, FromProto(given)));
    *response = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ConfirmApplication(grpc::ServerContext* context,
                                                 const v1::ConfirmApplicationRequest* request,
                                                 v1::WorkApplication* response) {
  return guard_.Run(*context, Method("ConfirmApplication"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"work_application", absl::StrCat(request->application_id())};
    if (request->expected_version() <= 0) {
      return InvalidField("expected_version", "is required: the version of the application read");
    }
    ASSIGN_OR_RETURN(const WorkApplication confirmed,
                     applications_.Confirm(call.principal, call.audit, request->application_id(),
                                           request->expected_version()));
    *response = ToProto(confirmed);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListApplications(grpc::ServerContext* context,
                                               const v1::ListApplicationsRequest* request,
                                               v1::ListApplicationsResponse* response) {
  return guard_.Run(*context, Method("ListApplications"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", absl::StrCat(request->person_id())};
    ASSIGN_OR_RETURN(const std::vector<WorkApplication> applications,
                     applications_.OfPerson(call.principal, request->person_id()));
    for (const WorkApplication& a : applications) *response->add_applications() = ToProto(a);
    return guard_.RecordPersonalReads(call, {request->person_id()});
  });
}

}  // namespace thaksa::learning
