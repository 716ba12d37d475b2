#include "services/assessment/assessment_service.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/bulk_stream.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "services/assessment/agency_frameworks.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/assessment_recording.h"
#include "services/assessment/assessment_scope.h"
#include "services/assessment/behaviour_checklist.h"
#include "services/assessment/domain/competency_units.h"
#include "services/assessment/framework_lifecycle.h"
#include "services/assessment/skill_profile.h"
#include "services/assessment/unit_codes.h"

namespace thaksa::assessment {
namespace {

const auto Method = &MethodOf<v1::AssessmentService>;

}  // namespace

absl::CivilDay AssessmentService::Today() const { return ThaiDate(clock_.Now()); }

absl::StatusOr<AssessmentService::PersonAsked> AssessmentService::AskedPerson(
    const Principal& principal, int64_t person_id, const common::v1::Date& as_of,
    bool has_as_of) const {
  FieldErrors errors;
  const absl::CivilDay on = DayFromProto(as_of, has_as_of, "as_of", errors).value_or(Today());
  RETURN_IF_ERROR(errors.ToStatus());
  ASSIGN_OR_RETURN(PersonContext person, VisiblePerson(store_, principal, person_id, on));
  return PersonAsked{std::move(person), on};
}

grpc::Status AssessmentService::CreateFramework(grpc::ServerContext* context,
                                                const v1::CreateFrameworkRequest* request,
                                                v1::Framework* response) {
  return guard_.Run(*context, Method("CreateFramework"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->framework().code()};
    ASSIGN_OR_RETURN(*response, CreateDraftFramework(store_, request->framework(), call.audit));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::UpdateFramework(grpc::ServerContext* context,
                                                const v1::UpdateFrameworkRequest* request,
                                                v1::Framework* response) {
  return guard_.Run(*context, Method("UpdateFramework"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->framework().code()};
    ASSIGN_OR_RETURN(*response, ReviseDraftFramework(store_, request->framework(),
                                                     request->expected_version(), call.audit));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::SetFrameworkStatus(grpc::ServerContext* context,
                                                   const v1::SetFrameworkStatusRequest* request,
                                                   v1::Framework* response) {
  return guard_.Run(*context, Method("SetFrameworkStatus"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"framework", request->code()};
    ASSIGN_OR_RETURN(*response,
                     ChangeFrameworkStatus(store_, request->code(),
                                           static_cast<FrameworkStatus>(request->status()),
                                           call.audit));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::GetFramework(grpc::ServerContext* context,
                                             const v1::GetFrameworkRequest* request,
                                             v1::Framework* response) {
  return guard_.Run(*context, Method("GetFramework"), [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(const StoredFramework stored, store_.GetFramework(request->code()));
    ASSIGN_OR_RETURN(*response, FrameworkOf(stored));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::ListFrameworks(grpc::ServerContext* context,
                                               const v1::ListFrameworksRequest*,
                                               v1::ListFrameworksResponse* response) {
  return guard_.Run(*context, Method("ListFrameworks"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(const std::vector<StoredFramework> frameworks, store_.ListFrameworks());
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
    RETURN_IF_ERROR(StoreCrosswalk(store_, *request, call.audit));
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
    std::set<std::string> codes;
    for (int i = 0; i < request->behaviours_size(); ++i) {
      const std::string field = absl::StrCat("behaviours[", i, "].");
      CheckBehaviour(request->behaviours(i), field, errors);
      if (IsValidCode(request->behaviours(i).code()) &&
          !codes.insert(request->behaviours(i).code()).second) {
        errors.Add(field + "code", "is given twice");
      }
    }
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const std::vector<std::string> known, units_.UnitCodes());
    std::vector<BehaviourRow> rows;
    for (int i = 0; i < request->behaviours_size(); ++i) {
      v1::Behaviour behaviour = request->behaviours(i);
      const std::vector<std::string> codes =
          UnitCodesOf({behaviour.unit_codes().begin(), behaviour.unit_codes().end()},
                      absl::StrCat("behaviours[", i, "].unit_codes"), errors, &known);
      *behaviour.mutable_unit_codes() = {codes.begin(), codes.end()};
      rows.push_back(BehaviourRowOf(behaviour));
    }
    RETURN_IF_ERROR(errors.ToStatus());
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
    std::string unit_code;
    if (!request->unit_code().empty()) {
      const absl::StatusOr<UnitCode> unit = NormaliseUnitCode(request->unit_code());
      if (!unit.ok()) return InvalidField("unit_code", unit.status().message());
      unit_code = unit->code;
    }
    ASSIGN_OR_RETURN(const std::vector<BehaviourRow> rows,
                     store_.ListBehaviours(request->skill_set_code(), unit_code));
    for (const BehaviourRow& row : rows) *response->add_behaviours() = ToProto(row);
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
    const FrameworkChoice choice = ChoiceOf(*request, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const AgencyChoice agency,
                     ChooseAgencyFramework(store_, directory_, call.principal, choice, Today(),
                                           call.audit));
    *response = ToProto(agency);
    return absl::OkStatus();
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
    const OptionalSkillSetChoice choice = ChoiceOf(*request, errors);
    ASSIGN_OR_RETURN(const AgencyChoice agency,
                     AdoptOptionalSkillSet(store_, directory_, call.principal, choice,
                                           std::move(errors), Today(), call.audit));
    *response = ToProto(agency);
    return absl::OkStatus();
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
    ASSIGN_OR_RETURN(const AgencyChoice agency,
                     store_.AgencyFramework(request->agency_code(), on.value_or(Today())));
    *response = ToProto(agency);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::RecordAssessment(grpc::ServerContext* context,
                                                 const v1::RecordAssessmentRequest* request,
                                                 v1::RecordAssessmentResponse* response) {
  return guard_.Run(*context, Method("RecordAssessment"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", absl::StrCat(request->assessment().person_id())};
    AssessmentRecorder recorder(store_, catalogue_, units_, call.principal, Today());
    ASSIGN_OR_RETURN(const Recorded recorded,
                     recorder.Record(request->assessment(), "assessment.", call.audit));
    response->set_outcome(static_cast<v1::RecordOutcome>(recorded.outcome));
    if (recorded.assessment.fact.id != 0) {
      *response->mutable_assessment() = ToProto(recorded.assessment);
    }
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::BulkRecordAssessments(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::BulkAssessmentResult, v1::AssessmentRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("BulkRecordAssessments"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"assessment", ""});

  AssessmentRecorder recorder(store_, catalogue_, units_, call.principal, Today());
  std::map<int64_t, absl::StatusCode> rejections;  // by record index, for the audit trail
  auto answer = [&](const RecordResult& stored, v1::BulkAssessmentResult& result) {
    ToProto(stored, &result);
    if (stored.outcome == RecordOutcome::kRejected) rejections[result.index()] = stored.rejection;
  };
  // Records are checked and stored a batch at a time (AssessmentRecorder::RecordAll), so that
  // what they need of the store is read once per batch.
  BulkStreamHandlers<v1::AssessmentRecord, v1::BulkAssessmentResult, v1::AssessmentRecord>
      handlers;
  handlers.prepare = [&](v1::AssessmentRecord& record, int64_t index,
                         v1::BulkAssessmentResult& result) -> std::optional<v1::AssessmentRecord> {
    result.set_index(index);
    result.set_external_id(record.external_id());
    return std::move(record);
  };
  handlers.store = [&](std::vector<v1::AssessmentRecord>& records,
                       const std::vector<v1::BulkAssessmentResult*>& results) -> absl::Status {
    ASSIGN_OR_RETURN(const std::vector<RecordResult> recorded,
                     recorder.RecordAll(records, call.audit));
    for (size_t i = 0; i < recorded.size(); ++i) answer(recorded[i], *results[i]);
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
  return ToGrpcStatus(RunBulkStream(*context, *stream, guard_.limits(), kBulkBatchSize, handlers));
}

grpc::Status AssessmentService::ListAssessments(grpc::ServerContext* context,
                                                const v1::ListAssessmentsRequest* request,
                                                v1::ListAssessmentsResponse* response) {
  return guard_.Run(*context, Method("ListAssessments"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    RETURN_IF_ERROR(VisiblePerson(store_, call.principal, request->person_id(), Today()).status());
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, {request->person_id()}));
    ASSIGN_OR_RETURN(const std::vector<StoredAssessment> all,
                     store_.AssessmentsOf(request->person_id()));
    for (const StoredAssessment& stored : all) *response->add_assessments() = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::GetSkillProfile(grpc::ServerContext* context,
                                                const v1::GetSkillProfileRequest* request,
                                                v1::SkillProfile* response) {
  return guard_.Run(*context, Method("GetSkillProfile"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(const PersonAsked asked, AskedPerson(call.principal, request->person_id(),
                                                          request->as_of(), request->has_as_of()));
    ASSIGN_OR_RETURN(*response, ComputeSkillProfile(store_, asked.person, asked.on,
                                                    request->include_further_groups()));
    return guard_.RecordPersonalReads(call, {asked.person.person_id});
  });
}

grpc::Status AssessmentService::GetSkillProfiles(grpc::ServerContext* context,
                                                 const v1::GetSkillProfilesRequest* request,
                                                 v1::GetSkillProfilesResponse* response) {
  return guard_.Run(*context, Method("GetSkillProfiles"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    const absl::CivilDay on =
        DayFromProto(request->as_of(), request->has_as_of(), "as_of", errors).value_or(Today());
    if (request->person_ids().empty()) errors.Add("person_ids", "name at least one");
    CheckCount(request->person_ids(), kMaxProfilesPerCall, "person_ids", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    const std::vector<int64_t> ids(request->person_ids().begin(), request->person_ids().end());
    std::vector<int64_t> read;
    for (auto& [id, profile] : VisibleSkillProfiles(store_, call.principal, ids, on,
                                                    request->include_further_groups())) {
      v1::PersonSkillProfile* answer = response->add_profiles();
      answer->set_person_id(id);
      if (profile.ok()) {
        *answer->mutable_profile() = *std::move(profile);
        read.push_back(id);
      } else {
        answer->set_error_code(absl::StatusCodeToString(profile.status().code()));
        answer->set_error_message(std::string(profile.status().message()));
      }
    }
    return guard_.RecordPersonalReads(call, read);
  });
}

grpc::Status AssessmentService::GetBehaviourChecklist(
    grpc::ServerContext* context, const v1::GetBehaviourChecklistRequest* request,
    v1::BehaviourChecklist* response) {
  return guard_.Run(*context, Method("GetBehaviourChecklist"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(const PersonAsked asked, AskedPerson(call.principal, request->person_id(),
                                                          request->as_of(), request->has_as_of()));
    ASSIGN_OR_RETURN(*response,
                     BehaviourChecklistOf(store_, activities_, asked.person, asked.on));
    return guard_.RecordPersonalReads(call, {asked.person.person_id});
  });
}

grpc::Status AssessmentService::PutCompetencyUnits(grpc::ServerContext* context,
                                                   const v1::PutCompetencyUnitsRequest* request,
                                                   v1::PutCompetencyUnitsResponse* response) {
  return guard_.Run(*context, Method("PutCompetencyUnits"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"competency_units", ""};
    ASSIGN_OR_RETURN(const std::vector<v1::CompetencyUnit> units, CatalogueOf(*request));
    RETURN_IF_ERROR(units_.Replace(units, call.audit));
    response->set_stored(static_cast<int>(units.size()));
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::ListCompetencyUnits(grpc::ServerContext* context,
                                                    const v1::ListCompetencyUnitsRequest* request,
                                                    v1::ListCompetencyUnitsResponse* response) {
  return guard_.Run(*context, Method("ListCompetencyUnits"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    CheckOptionalCode(request->skill_set_code(), "skill_set_code", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const Units units, units_.Units(request->skill_set_code()));
    for (const auto& [code, unit] : units) *response->add_units() = unit;
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::CheckUnitCodes(grpc::ServerContext* context,
                                               const v1::CheckUnitCodesRequest* request,
                                               v1::CheckUnitCodesResponse* response) {
  return guard_.Run(*context, Method("CheckUnitCodes"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    // The nearest code of each unknown one is searched for through the whole catalogue.
    CallLimiter::Slot costly;
    if (request->codes_size() > kCheapCheckedCodes) {
      ASSIGN_OR_RETURN(costly, guard_.AdmitCostly(call));
    }
    ASSIGN_OR_RETURN(const Units units, units_.Units(""));
    ASSIGN_OR_RETURN(*response, assessment::CheckUnitCodes(*request, units));
    return absl::OkStatus();
  });
}

}  // namespace thaksa::assessment
