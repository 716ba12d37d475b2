#include "services/personnel/personnel_service.h"

#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/access/access_convert.h"
#include "common/bulk_stream.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "services/personnel/people_sync.h"
#include "services/personnel/personnel_convert.h"
#include "services/personnel/personnel_scope.h"

namespace thaksa::personnel {
namespace {

const auto Method = &MethodOf<v1::PersonnelService>;

pb::UpsertOutcome ToProto(UpsertOutcome outcome) {
  return static_cast<pb::UpsertOutcome>(outcome);
}

void AddErrors(const std::vector<FieldViolation>& violations, pb::BulkUpsertResult& out) {
  for (const FieldViolation& v : violations) {
    auto* error = out.add_errors();
    error->set_field(v.field);
    error->set_reason(v.description);
  }
}

}  // namespace

absl::CivilDay PersonnelService::Today() const { return ThaiDate(clock_.Now()); }

int PersonnelService::CurrentFiscalYear() const { return FiscalYearOf(Today()); }

grpc::Status PersonnelService::CreateAgency(grpc::ServerContext* context,
                                            const v1::CreateAgencyRequest* request,
                                            v1::Agency* response) {
  return guard_.Run(*context, Method("CreateAgency"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"agency", request->agency().code()};
    Agency agency = FromProto(request->agency());
    FieldErrors errors;
    ValidateAgency(agency, "agency.", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    if (!IsAdmin(call.principal)) {
      // Other principals add agencies only below one they hold.
      if (agency.parent_code.empty()) return OutsideScope();
      RETURN_IF_ERROR(RequireAgencies(store_, call.principal, {agency.parent_code}));
    }
    ASSIGN_OR_RETURN(Agency created, store_.CreateAgency(agency, call.audit));
    ToProto(created, CurrentFiscalYear(), response);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::UpdateAgency(grpc::ServerContext* context,
                                            const v1::UpdateAgencyRequest* request,
                                            v1::Agency* response) {
  return guard_.Run(*context, Method("UpdateAgency"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"agency", request->agency().code()};
    Agency agency = FromProto(request->agency());
    FieldErrors errors;
    ValidateAgency(agency, "agency.", errors);
    if (request->expected_version() <= 0) {
      errors.Add("expected_version", "is required: the version you read");
    }
    RETURN_IF_ERROR(errors.ToStatus());
    std::vector<std::string> touched = {agency.code};
    if (!agency.parent_code.empty()) touched.push_back(agency.parent_code);
    if (!IsAdmin(call.principal) && agency.parent_code.empty()) return OutsideScope();
    RETURN_IF_ERROR(RequireAgencies(store_, call.principal, touched));
    ASSIGN_OR_RETURN(Agency updated,
                     store_.UpdateAgency(agency, request->expected_version(), call.audit));
    ToProto(updated, CurrentFiscalYear(), response);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::GetAgency(grpc::ServerContext* context,
                                         const v1::GetAgencyRequest* request,
                                         v1::Agency* response) {
  return guard_.Run(*context, Method("GetAgency"), [&](const Call&, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    CheckCode(request->code(), "code", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(Agency agency, store_.GetAgency(request->code()));
    ToProto(agency, CurrentFiscalYear(), response);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::ListAgencies(grpc::ServerContext* context,
                                            const v1::ListAgenciesRequest* request,
                                            v1::ListAgenciesResponse* response) {
  return guard_.Run(*context, Method("ListAgencies"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    if (!request->parent_code().empty()) CheckCode(request->parent_code(), "parent_code", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    // Tokens of pages without the officer filter read as before it existed.
    const std::string filter =
        absl::StrCat(request->parent_code(), "|", request->subtree(),
                     request->needing_accountable_officer() ? "|needing officer" : "");
    AgencyQuery query;
    query.parent_code = request->parent_code();
    query.subtree = request->subtree();
    query.needing_officer = request->needing_accountable_officer();
    ASSIGN_OR_RETURN(query.page_size, EffectivePageSize(request->page_size()));
    ASSIGN_OR_RETURN(query.after_id, DecodePageToken(request->page_token(), filter));
    ASSIGN_OR_RETURN(Page<Agency> page, store_.ListAgencies(query));
    const int fiscal_year = CurrentFiscalYear();
    for (const Agency& agency : page.items) ToProto(agency, fiscal_year, response->add_agencies());
    if (page.more) response->set_next_page_token(EncodePageToken(page.items.back().id, filter));
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::SetAgencyPeriod(grpc::ServerContext* context,
                                               const v1::SetAgencyPeriodRequest* request,
                                               v1::Agency* response) {
  return guard_.Run(*context, Method("SetAgencyPeriod"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"agency", request->code()};
    FieldErrors errors;
    CheckCode(request->code(), "code", errors);
    const int year = request->fiscal_year().be_year();
    if (year < kFirstFiscalYear || year > kLastFiscalYear) {
      errors.Add("fiscal_year.be_year", absl::StrCat("must be a Buddhist-era year from ",
                                                     kFirstFiscalYear, " to ", kLastFiscalYear));
    }
    const Period period = static_cast<Period>(request->period());
    if (!InRange(period, Period::kEarly, Period::kMaturing)) {
      errors.Add("period", "is required: EARLY, DEVELOPING or MATURING");
    }
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(RequireAgencies(store_, call.principal, {request->code()}));
    ASSIGN_OR_RETURN(Agency agency,
                     store_.SetAgencyPeriod(request->code(), year, period, call.audit));
    ToProto(agency, CurrentFiscalYear(), response);
    return absl::OkStatus();
  });
}

PersonUpsert PersonnelService::Prepare(const v1::PersonRecord& record, const std::string& prefix,
                                       FieldErrors& errors) const {
  PersonUpsert upsert;
  upsert.record = FromProto(record, prefix, errors);
  for (size_t i = 0; i < upsert.record.secondary_groups.size(); ++i) {
    const std::optional<absl::CivilDay> approved_on = upsert.record.secondary_groups[i].approved_on;
    if (approved_on.has_value() && *approved_on > Today()) {
      errors.Add(absl::StrCat(prefix, "secondary_groups[", i, "].approved_on"),
                 "is in the future: approvals are recorded once given");
    }
  }
  if (errors.empty()) {
    upsert.citizen_id_hash = hasher_.Hash(upsert.record.citizen_id);
    upsert.citizen_id_masked = MaskCitizenId(upsert.record.citizen_id);
  }
  upsert.record.citizen_id.clear();
  upsert.effective_from = upsert.record.effective_from.value_or(Today());
  return upsert;
}

grpc::Status PersonnelService::UpsertPerson(grpc::ServerContext* context,
                                            const v1::UpsertPersonRequest* request,
                                            v1::UpsertPersonResponse* response) {
  return guard_.Run(*context, Method("UpsertPerson"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", absl::StrCat(request->person().agency_of_record_code(), "/",
                                     request->person().employee_number())};
    FieldErrors errors;
    PersonUpsert upsert = Prepare(request->person(), "person.", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    RETURN_IF_ERROR(
        RequireAgencies(store_, call.principal,
                        {upsert.record.agency_of_record_code, upsert.record.agency_code}));
    ASSIGN_OR_RETURN(std::vector<UpsertResult> results, store_.UpsertPeople({upsert}, call.audit));
    const UpsertResult& result = results.front();
    if (result.outcome == UpsertOutcome::kRejected) {
      FieldErrors rejected;
      for (const FieldViolation& v : result.errors) rejected.Add("person." + v.field, v.description);
      return rejected.ToStatus(result.rejection);
    }
    PersonLookup lookup;
    lookup.id = result.person_id;
    ASSIGN_OR_RETURN(Person person, store_.GetPerson(lookup));
    response->set_outcome(ToProto(result.outcome));
    ToProto(person, Today(), /*with_history=*/true, response->mutable_person());
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::GetPerson(grpc::ServerContext* context,
                                         const v1::GetPersonRequest* request,
                                         v1::Person* response) {
  return guard_.Run(*context, Method("GetPerson"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    FieldErrors errors;
    PersonLookup lookup;
    switch (request->person_case()) {
      case v1::GetPersonRequest::kId:
        if (request->id() <= 0) errors.Add("id", "must be a positive person id");
        lookup.id = request->id();
        break;
      case v1::GetPersonRequest::kKey:
        CheckCode(request->key().agency_of_record_code(), "key.agency_of_record_code", errors);
        if (!IsValidCode(request->key().employee_number())) {
          errors.Add("key.employee_number", "is required");
        }
        lookup.agency_of_record_code = request->key().agency_of_record_code();
        lookup.employee_number = request->key().employee_number();
        break;
      case v1::GetPersonRequest::kCitizenId:
        if (absl::Status valid = ValidateCitizenId(request->citizen_id()); !valid.ok()) {
          errors.Add("citizen_id", valid.message());
        } else {
          lookup.citizen_id_hash = hasher_.Hash(request->citizen_id());
        }
        break;
      case v1::GetPersonRequest::PERSON_NOT_SET:
        errors.Add("person", "is required: id, key or citizen_id");
        break;
    }
    const std::optional<absl::CivilDay> as_of =
        DayFromProto(request->as_of(), request->has_as_of(), "as_of", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    absl::StatusOr<Person> person = store_.GetPerson(lookup);
    if (absl::IsNotFound(person.status()) && !IsAdmin(call.principal)) return OutsideScope();
    RETURN_IF_ERROR(person.status());
    target = {"person", absl::StrCat(person->id)};
    RETURN_IF_ERROR(RequirePerson(store_, call.principal, *person, Today()));
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, {person->id}));
    ToProto(*person, as_of.value_or(Today()), /*with_history=*/true, response);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::ListPeople(grpc::ServerContext* context,
                                          const v1::ListPeopleRequest* request,
                                          v1::ListPeopleResponse* response) {
  return guard_.Run(*context, Method("ListPeople"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    if (!request->agency_code().empty()) CheckCode(request->agency_code(), "agency_code", errors);
    PersonQuery query;
    query.group = static_cast<PersonnelGroup>(request->personnel_group());
    if (!InRange(query.group, PersonnelGroup::kUnspecified, PersonnelGroup::kOthers)) {
      errors.Add("personnel_group", "is not a known personnel group");
    }
    query.status = static_cast<EmploymentStatus>(request->status());
    if (!InRange(query.status, EmploymentStatus::kUnspecified, EmploymentStatus::kLeft)) {
      errors.Add("status", "is not a known employment status");
    }
    RETURN_IF_ERROR(errors.ToStatus());
    query.agency_code = request->agency_code();
    if (query.agency_code.empty() && !IsAdmin(call.principal)) {
      query.agency_code = call.principal.agency_code;
    }
    if (!query.agency_code.empty()) {
      RETURN_IF_ERROR(RequireAgencies(store_, call.principal, {query.agency_code}));
    }
    const std::string filter = absl::StrCat(request->agency_code(), "|", request->personnel_group(),
                                            "|", request->status());
    query.on = Today();
    ASSIGN_OR_RETURN(query.page_size, EffectivePageSize(request->page_size()));
    ASSIGN_OR_RETURN(query.after_id, DecodePageToken(request->page_token(), filter));
    ASSIGN_OR_RETURN(Page<Person> page, store_.ListPeople(query));
    std::vector<int64_t> ids;
    for (const Person& person : page.items) ids.push_back(person.id);
    RETURN_IF_ERROR(guard_.RecordPersonalReads(call, ids));
    for (const Person& person : page.items) {
      ToProto(person, query.on, /*with_history=*/false, response->add_people());
    }
    if (page.more) response->set_next_page_token(EncodePageToken(page.items.back().id, filter));
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::BulkUpsertPeople(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::BulkUpsertResult, v1::PersonRecord>* stream) {
  const Call call = guard_.Admit(*context, Method("BulkUpsertPeople"));
  if (!call.admitted.ok()) return guard_.Finish(call, call.admitted, {"person", ""});

  std::map<int64_t, absl::StatusCode> rejections;  // by record index, for the audit trail
  auto reject = [&](v1::BulkUpsertResult& result, const std::vector<FieldViolation>& violations,
                    absl::StatusCode kind) {
    result.set_outcome(pb::UPSERT_OUTCOME_REJECTED);
    AddErrors(violations, result);
    rejections[result.index()] = kind;
  };
  BulkStreamHandlers<v1::PersonRecord, v1::BulkUpsertResult, PersonUpsert> handlers;
  handlers.prepare = [&](v1::PersonRecord& record, int64_t index,
                         v1::BulkUpsertResult& result) -> std::optional<PersonUpsert> {
    result.set_index(index);
    result.set_agency_of_record_code(record.agency_of_record_code());
    result.set_employee_number(record.employee_number());
    FieldErrors errors;
    PersonUpsert upsert = Prepare(record, "", errors);
    if (!errors.empty()) {
      reject(result, errors.violations(), absl::StatusCode::kInvalidArgument);
      return std::nullopt;
    }
    return upsert;
  };
  handlers.batch_keys = [](const PersonUpsert& u) {
    return std::vector<std::string>{
        absl::StrCat("key:", u.record.agency_of_record_code, "/", u.record.employee_number),
        absl::StrCat("citizen:", u.citizen_id_hash)};
  };
  handlers.store = [&](std::vector<PersonUpsert>& upserts,
                       const std::vector<v1::BulkUpsertResult*>& results) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<UpsertResult> stored,
                     StorePeopleInScope(store_, call.principal, std::move(upserts), call.audit));
    for (size_t i = 0; i < stored.size(); ++i) {
      if (stored[i].outcome == UpsertOutcome::kRejected) {
        reject(*results[i], stored[i].errors, stored[i].rejection);
      } else {
        results[i]->set_outcome(ToProto(stored[i].outcome));
        results[i]->set_person_id(stored[i].person_id);
      }
    }
    return absl::OkStatus();
  };
  handlers.before_send = [&](const std::vector<v1::BulkUpsertResult>& results) {
    std::vector<AuditEntry> failures;
    for (const v1::BulkUpsertResult& r : results) {
      auto kind = rejections.find(r.index());
      if (kind == rejections.end()) continue;
      failures.push_back({"person",
                          absl::StrCat(r.agency_of_record_code(), "/", r.employee_number()),
                          absl::StatusCodeToString(kind->second)});
    }
    rejections.clear();
    if (!failures.empty()) guard_.RecordFailures(call, failures);
  };
  return ToGrpcStatus(RunBulkStream(*context, *stream, guard_.limits(), kBulkBatchSize, handlers));
}

grpc::Status PersonnelService::ExportPersonData(grpc::ServerContext* context,
                                                const v1::ExportPersonDataRequest* request,
                                                v1::PersonDataExport* response) {
  return guard_.Run(*context, Method("ExportPersonData"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    if (request->person_id() <= 0) return InvalidField("person_id", "must be a positive person id");
    if (!IsAdmin(call.principal) && call.principal.person_id != request->person_id()) {
      return OutsideScope();
    }
    ASSIGN_OR_RETURN(PersonData data, store_.ExportPersonData(request->person_id()));
    ToProto(data.person, Today(), /*with_history=*/true, response->mutable_person());
    for (const TokenRecord& token : data.tokens) access::ToProto(token, response->add_tokens());
    for (const AuditEventRecord& event : data.access_log) {
      access::ToProto(event, response->add_access_log());
    }
    response->set_exported_at_unix(absl::ToUnixSeconds(clock_.Now()));
    return absl::OkStatus();
  });
}

grpc::Status PersonnelService::AnonymiseLeavers(grpc::ServerContext* context,
                                                const v1::AnonymiseLeaversRequest* request,
                                                v1::AnonymiseLeaversResponse* response) {
  return guard_.Run(*context, Method("AnonymiseLeavers"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"person", "*"};
    const int years = request->left_more_than_years();
    if (years < 1 || years > 100) {
      return InvalidField("left_more_than_years", "must be a whole number of years from 1 to 100");
    }
    const absl::CivilDay today = Today();
    const absl::CivilDay cutoff(today.year() - years, today.month(), today.day());
    ASSIGN_OR_RETURN(int64_t anonymised, store_.AnonymiseLeavers(cutoff, call.audit));
    response->set_anonymised(anonymised);
    return absl::OkStatus();
  });
}

}  // namespace thaksa::personnel
