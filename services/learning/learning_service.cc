#include "services/learning/learning_service.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/bulk_stream.h"
#include "common/grpc_status.h"
#include "common/thai_calendar.h"
#include "services/learning/learning_checks.h"
#include "services/learning/learning_convert.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;

const auto Method = &MethodOf<v1::LearningService>;

// A context for calling a peer service on behalf of `incoming`'s caller.
std::unique_ptr<grpc::ClientContext> Forwarded(const grpc::ServerContext& incoming) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  for (const char* key : {"authorization", "x-request-id"}) {
    auto it = incoming.client_metadata().find(key);
    if (it != incoming.client_metadata().end()) {
      context->AddMetadata(key, std::string(it->second.data(), it->second.size()));
    }
  }
  return context;
}

void ToProto(const Mix& mix, v1::Mix* out) {
  out->set_experiential_hours(mix.experiential_hours);
  out->set_social_hours(mix.social_hours);
  out->set_formal_hours(mix.formal_hours);
  out->set_experiential_percent(mix.experiential_percent);
  out->set_social_percent(mix.social_percent);
  out->set_formal_percent(mix.formal_percent);
  out->set_present_percent(mix.present_percent);
  out->set_future_percent(mix.future_percent);
}

// The item of `plan` with id `item_id`; INVALID_ARGUMENT on "item_id" if none.
absl::StatusOr<const v1::PlanItem*> ItemOf(const v1::Plan& plan, int64_t item_id) {
  for (const v1::PlanItem& item : plan.items()) {
    if (item.id() == item_id) return &item;
  }
  return InvalidField("item_id", "no item of this plan has this id");
}

absl::Status Unacceptable(const v1::Plan& plan) {
  std::vector<std::string> reasons;
  for (const v1::Violation& v : plan.violations()) reasons.push_back(v.rule() + ": " + v.reason());
  return absl::FailedPreconditionError(
      absl::StrCat("the plan breaks the rules (", absl::StrJoin(reasons, "; "),
                   "); fix them, or approve with a waiver reason"));
}

}  // namespace

absl::Status LearningService::RequirePlanAccess(const Principal& principal, int64_t person_id,
                                                PlanAccess access) {
  absl::StatusOr<personnel::PersonPlacement> person =
      directory_.PlacementOn(person_id, ThaiDate(clock_.Now()));
  if (!person.ok()) return IsAdmin(principal) ? person.status() : OutsideScope();
  if (!CoversPerson(principal, person_id, person->supervisor_id,
                    {person->record_agency_path, person->agency_path})) {
    return OutsideScope();
  }
  const bool self = principal.role == Role::kPerson ||
                    (principal.role == Role::kSupervisor && principal.person_id == person_id);
  switch (access) {
    case PlanAccess::kRead:
      return absl::OkStatus();
    case PlanAccess::kEdit:
      return principal.role == Role::kCioOffice ? OutsideScope() : absl::OkStatus();
    case PlanAccess::kSubmit:
      if (principal.role == Role::kCioOffice ||
          (principal.role == Role::kSupervisor && !self)) {
        return absl::PermissionDeniedError("a plan is submitted by the person it belongs to");
      }
      return absl::OkStatus();
    case PlanAccess::kApprove:
      if (self || principal.role == Role::kCioOffice) {
        return absl::PermissionDeniedError("plans are approved by the supervisor or HR");
      }
      return absl::OkStatus();
  }
  return OutsideScope();
}

absl::StatusOr<apb::SkillProfile> LearningService::SkillProfileOf(
    const grpc::ServerContext& context, int64_t person_id) {
  std::shared_ptr<grpc::Channel> channel = peers_.Get();
  if (channel == nullptr) return absl::UnavailableError("the assessment service is not reachable");
  apb::GetSkillProfileRequest request;
  request.set_person_id(person_id);
  apb::SkillProfile profile;
  grpc::Status status = apb::AssessmentService::NewStub(channel)->GetSkillProfile(
      Forwarded(context).get(), request, &profile);
  if (!status.ok()) return FromGrpcStatus(status);
  return profile;
}

v1::Plan LearningService::Described(const grpc::ServerContext& context, v1::Plan plan) {
  const absl::StatusOr<apb::SkillProfile> profile = SkillProfileOf(context, plan.person_id());
  return Described(std::move(plan), profile);
}

v1::Plan LearningService::Described(v1::Plan plan,
                                    const absl::StatusOr<apb::SkillProfile>& profile) {
  const std::vector<ItemHours> items = HoursOf(plan);
  ToProto(MixOf(items, false), plan.mutable_planned());
  ToProto(MixOf(items, true), plan.mutable_achieved());
  std::vector<std::string> foundation;
  std::set<std::string> met;
  std::vector<RuleViolation> violations;
  if (profile.ok()) {
    for (const apb::SkillStanding& s : profile->standings()) {
      if (s.skill_set().kind() != apb::SKILL_SET_KIND_FOUNDATION) continue;
      foundation.push_back(s.skill_set().code());
      if (s.status() == apb::STANDING_STATUS_MEETS) met.insert(s.skill_set().code());
    }
  } else {
    violations.push_back({"foundation", absl::StrCat("the person's skill profile is not "
                                                     "available: ", profile.status().message())});
  }
  for (const RuleViolation& v : CheckPlan(items, MixPolicy(), foundation, met)) {
    violations.push_back(v);
  }
  for (const RuleViolation& v : violations) {
    v1::Violation* out = plan.add_violations();
    out->set_rule(v.rule);
    out->set_reason(v.reason);
  }
  return plan;
}

absl::StatusOr<std::set<std::string>> LearningService::SkillSetsOf(
    const grpc::ServerContext& context, const absl::StatusOr<apb::SkillProfile>& profile) {
  // No framework (or no assignment) today: there is nothing to check the codes against.
  if (absl::IsFailedPrecondition(profile.status())) return std::set<std::string>();
  RETURN_IF_ERROR(profile.status());
  apb::GetFrameworkRequest request;
  request.set_code(profile->framework_code());
  apb::Framework framework;
  grpc::Status status = apb::AssessmentService::NewStub(peers_.Get())->GetFramework(
      Forwarded(context).get(), request, &framework);
  if (!status.ok()) return FromGrpcStatus(status);
  std::set<std::string> codes;
  for (const apb::SkillSet& skill_set : framework.skill_sets()) codes.insert(skill_set.code());
  return codes;
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
  return guard_.Run(*context, Method("CreatePlan"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", absl::StrCat(request->person_id())};
    const int year = request->fiscal_year().be_year();
    if (year < 2561 || year > 2700) {
      return InvalidField("fiscal_year.be_year", "must be a Buddhist-era year from 2561 to 2700");
    }
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, request->person_id(), PlanAccess::kEdit));
    ASSIGN_OR_RETURN(v1::Plan plan, store_.CreatePlan(request->person_id(), year, call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

absl::Status LearningService::Validate(const grpc::ServerContext& context,
                                       const absl::StatusOr<apb::SkillProfile>& profile,
                                       const v1::PlanItem& item) {
  FieldErrors errors;
  ASSIGN_OR_RETURN(const std::set<std::string> known, SkillSetsOf(context, profile));
  for (int i = 0; i < item.skill_set_codes_size(); ++i) {
    if (!known.empty() && known.count(item.skill_set_codes(i)) == 0) {
      errors.Add(absl::StrCat("item.skill_set_codes[", i, "]"),
                 "is not a skill set of the person's framework");
    }
  }
  if (!item.course_code().empty() || !item.institute_code().empty()) {
    if (item.mode() != v1::LEARNING_MODE_FORMAL) {
      errors.Add("item.course_code", "only FORMAL items take a course");
    } else if (!store_.GetCourse(item.institute_code(), item.course_code()).ok()) {
      errors.Add("item.course_code", "no course of that institute has this code");
    }
  }
  return errors.ToStatus();
}

grpc::Status LearningService::AddPlanItem(grpc::ServerContext* context,
                                          const v1::AddPlanItemRequest* request,
                                          v1::Plan* response) {
  return guard_.Run(*context, Method("AddPlanItem"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    FieldErrors errors;
    CheckPlanItem(request->item(), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kEdit));
    const absl::StatusOr<apb::SkillProfile> profile = SkillProfileOf(*context, plan.person_id());
    RETURN_IF_ERROR(Validate(*context, profile, request->item()));
    v1::PlanItem item = request->item();
    item.clear_id();
    ASSIGN_OR_RETURN(plan, store_.PutPlanItem(plan.id(), item, request->expected_version(),
                                              call.audit));
    *response = Described(std::move(plan), profile);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::UpdatePlanItem(grpc::ServerContext* context,
                                             const v1::UpdatePlanItemRequest* request,
                                             v1::Plan* response) {
  return guard_.Run(*context, Method("UpdatePlanItem"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    FieldErrors errors;
    if (request->item().id() <= 0) errors.Add("item.id", "is required");
    CheckPlanItem(request->item(), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kEdit));
    const absl::StatusOr<apb::SkillProfile> profile = SkillProfileOf(*context, plan.person_id());
    RETURN_IF_ERROR(Validate(*context, profile, request->item()));
    ASSIGN_OR_RETURN(plan, store_.PutPlanItem(plan.id(), request->item(),
                                              request->expected_version(), call.audit));
    *response = Described(std::move(plan), profile);
    return absl::OkStatus();
  });
}

grpc::Status LearningService::RemovePlanItem(grpc::ServerContext* context,
                                             const v1::RemovePlanItemRequest* request,
                                             v1::Plan* response) {
  return guard_.Run(*context, Method("RemovePlanItem"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kEdit));
    ASSIGN_OR_RETURN(plan, store_.RemovePlanItem(plan.id(), request->item_id(),
                                                 request->expected_version(), call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::GetPlan(grpc::ServerContext* context,
                                      const v1::GetPlanRequest* request, v1::Plan* response) {
  return guard_.Run(*context, Method("GetPlan"), [&](const Call& call, AuditTarget&) -> absl::Status {
    absl::StatusOr<v1::Plan> plan = store_.GetPlan(request->plan_id());
    if (!plan.ok() && !IsAdmin(call.principal)) return OutsideScope();
    RETURN_IF_ERROR(plan.status());
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan->person_id(), PlanAccess::kRead));
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, {plan->person_id()}));
    *response = Described(*context, *std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ListPlans(grpc::ServerContext* context,
                                        const v1::ListPlansRequest* request,
                                        v1::ListPlansResponse* response) {
  return guard_.Run(*context, Method("ListPlans"), [&](const Call& call, AuditTarget&) -> absl::Status {
    std::string agency = request->agency_code();
    if (agency.empty() && !IsAdmin(call.principal)) agency = call.principal.agency_code;
    std::string path;  // empty: every agency (ADMIN without a filter)
    if (!agency.empty()) {
      absl::StatusOr<std::string> found = directory_.AgencyPath(agency);
      if (!found.ok() || !CoversAgency(call.principal, *found)) return OutsideScope();
      path = *found;
    }
    ASSIGN_OR_RETURN(std::vector<v1::Plan> plans,
                     store_.ListPlans(path, request->status(), request->fiscal_year().be_year()));
    std::vector<int64_t> people;
    for (v1::Plan& plan : plans) {
      people.push_back(plan.person_id());
      const std::vector<ItemHours> items = HoursOf(plan);
      ToProto(MixOf(items, false), plan.mutable_planned());
      ToProto(MixOf(items, true), plan.mutable_achieved());
      *response->add_plans() = std::move(plan);
    }
    return guard_.RecordPersonalReads(call, people);
  });
}

grpc::Status LearningService::TransitionPlan(grpc::ServerContext* context,
                                             const v1::TransitionPlanRequest* request,
                                             v1::Plan* response) {
  return guard_.Run(*context, Method("TransitionPlan"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    const v1::PlanStatus from = plan.status(), to = request->to();
    PlanAccess access = PlanAccess::kEdit;
    bool allowed = false;
    switch (to) {
      case v1::PLAN_STATUS_DRAFT: allowed = from == v1::PLAN_STATUS_SUBMITTED; break;  // returned
      case v1::PLAN_STATUS_SUBMITTED:
        allowed = from == v1::PLAN_STATUS_DRAFT;
        access = PlanAccess::kSubmit;
        break;
      case v1::PLAN_STATUS_APPROVED:
        allowed = from == v1::PLAN_STATUS_SUBMITTED;
        access = PlanAccess::kApprove;
        break;
      case v1::PLAN_STATUS_ACTIVE: allowed = from == v1::PLAN_STATUS_APPROVED; break;
      case v1::PLAN_STATUS_COMPLETED:
        allowed = from == v1::PLAN_STATUS_ACTIVE;
        access = PlanAccess::kApprove;
        break;
      case v1::PLAN_STATUS_CANCELLED:
        allowed = from != v1::PLAN_STATUS_COMPLETED && from != v1::PLAN_STATUS_CANCELLED &&
                  from != v1::PLAN_STATUS_SUPERSEDED;
        if (from == v1::PLAN_STATUS_APPROVED || from == v1::PLAN_STATUS_ACTIVE) {
          access = PlanAccess::kApprove;
        }
        break;
      default: break;
    }
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), access));
    if (!allowed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "a plan cannot go from ", v1::PlanStatus_Name(from), " to ", v1::PlanStatus_Name(to)));
    }
    FieldErrors errors;
    CheckWaiverReason(request->waiver_reason(), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    std::string waiver;
    if (to == v1::PLAN_STATUS_APPROVED) {
      const v1::Plan described = Described(*context, plan);
      if (described.violations_size() > 0) {
        if (request->waiver_reason().empty()) return Unacceptable(described);
        waiver = request->waiver_reason();
      }
    }
    ASSIGN_OR_RETURN(plan, store_.SetPlanStatus(
                               plan.id(), from, to, request->expected_version(), waiver,
                               to == v1::PLAN_STATUS_APPROVED ? call.principal.token_id : 0,
                               call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::RevisePlan(grpc::ServerContext* context,
                                         const v1::RevisePlanRequest* request, v1::Plan* response) {
  return guard_.Run(*context, Method("RevisePlan"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kEdit));
    ASSIGN_OR_RETURN(plan, store_.RevisePlan(plan.id(), call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::CompletePlanItem(grpc::ServerContext* context,
                                               const v1::CompletePlanItemRequest* request,
                                               v1::Plan* response) {
  return guard_.Run(*context, Method("CompletePlanItem"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kEdit));
    if (plan.status() != v1::PLAN_STATUS_ACTIVE) {
      return absl::FailedPreconditionError("items are completed in an ACTIVE plan");
    }
    ASSIGN_OR_RETURN(const v1::PlanItem* item, ItemOf(plan, request->item_id()));
    if (item->mode() == v1::LEARNING_MODE_FORMAL) {
      return absl::FailedPreconditionError("formal items are completed by institute completions");
    }
    FieldErrors errors;
    CheckCompletePlanItem(*request, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(plan, store_.SetItemProgress(plan.id(), item->id(), v1::ITEM_STATUS_REPORTED,
                                                  request->achieved_hours(), request->evidence(),
                                                  call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::ConfirmPlanItem(grpc::ServerContext* context,
                                              const v1::ConfirmPlanItemRequest* request,
                                              v1::Plan* response) {
  return guard_.Run(*context, Method("ConfirmPlanItem"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"plan", absl::StrCat(request->plan_id())};
    ASSIGN_OR_RETURN(v1::Plan plan, store_.GetPlan(request->plan_id()));
    RETURN_IF_ERROR(RequirePlanAccess(call.principal, plan.person_id(), PlanAccess::kApprove));
    ASSIGN_OR_RETURN(const v1::PlanItem* item, ItemOf(plan, request->item_id()));
    if (item->status() != v1::ITEM_STATUS_REPORTED) {
      return absl::FailedPreconditionError("only an item the person reported done is confirmed");
    }
    ASSIGN_OR_RETURN(plan, store_.SetItemProgress(plan.id(), item->id(), v1::ITEM_STATUS_DONE,
                                                  item->achieved_hours(), "", call.audit));
    *response = Described(*context, std::move(plan));
    return absl::OkStatus();
  });
}

grpc::Status LearningService::RecordCompletions(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::CompletionResult, v1::CompletionRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("RecordCompletions"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"completion", ""});
  const std::string institute = call.principal.institute_code;
  if (!store_.GetInstitute(institute).ok()) {
    return guard_.Finish(call,
                         absl::FailedPreconditionError(absl::StrCat(
                             "institute '", institute, "' is not registered; ask an administrator")),
                         {"completion", ""});
  }

  std::map<std::string, std::optional<v1::Course>> courses;  // by code, as read
  std::vector<AuditEntry> failures;
  BulkStreamHandlers<v1::CompletionRecord, v1::CompletionResult, PreparedCompletion> handlers;
  handlers.prepare = [&](v1::CompletionRecord& record, int64_t index,
                         v1::CompletionResult& result) -> std::optional<PreparedCompletion> {
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
  return ToGrpcStatus(RunBulkStream(*stream, kBulkBatchSize, handlers));
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

}  // namespace thaksa::learning
