#include "services/personnel/personnel_service.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/thai_calendar.h"
#include "services/personnel/personnel_convert.h"

namespace thaksa::personnel {
namespace {

void CheckCode(absl::string_view code, absl::string_view field, FieldErrors& errors) {
  if (!IsValidCode(code)) errors.Add(field, "must be an agency code (1-32 characters)");
}

pb::UpsertOutcome ToProto(UpsertOutcome outcome) {
  return static_cast<pb::UpsertOutcome>(outcome);
}

}  // namespace

absl::CivilDay PersonnelService::Today() const { return ThaiDate(clock_.Now()); }

int PersonnelService::CurrentFiscalYear() const { return FiscalYearOf(Today()); }

grpc::Status PersonnelService::CreateAgency(grpc::ServerContext*,
                                            const v1::CreateAgencyRequest* request,
                                            v1::Agency* response) {
  Agency agency = FromProto(request->agency());
  FieldErrors errors;
  ValidateAgency(agency, "agency.", errors);
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(Agency created, store_.CreateAgency(agency));
  ToProto(created, CurrentFiscalYear(), response);
  return grpc::Status::OK;
}

grpc::Status PersonnelService::UpdateAgency(grpc::ServerContext*,
                                            const v1::UpdateAgencyRequest* request,
                                            v1::Agency* response) {
  Agency agency = FromProto(request->agency());
  FieldErrors errors;
  ValidateAgency(agency, "agency.", errors);
  if (request->expected_version() <= 0) {
    errors.Add("expected_version", "is required: the version you read");
  }
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(Agency updated, store_.UpdateAgency(agency, request->expected_version()));
  ToProto(updated, CurrentFiscalYear(), response);
  return grpc::Status::OK;
}

grpc::Status PersonnelService::GetAgency(grpc::ServerContext*, const v1::GetAgencyRequest* request,
                                         v1::Agency* response) {
  FieldErrors errors;
  CheckCode(request->code(), "code", errors);
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(Agency agency, store_.GetAgency(request->code()));
  ToProto(agency, CurrentFiscalYear(), response);
  return grpc::Status::OK;
}

grpc::Status PersonnelService::ListAgencies(grpc::ServerContext*,
                                            const v1::ListAgenciesRequest* request,
                                            v1::ListAgenciesResponse* response) {
  FieldErrors errors;
  if (!request->parent_code().empty()) CheckCode(request->parent_code(), "parent_code", errors);
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  const std::string filter = absl::StrCat(request->parent_code(), "|", request->subtree());
  AgencyQuery query;
  query.parent_code = request->parent_code();
  query.subtree = request->subtree();
  ASSIGN_OR_RETURN_GRPC(query.page_size, EffectivePageSize(request->page_size()));
  ASSIGN_OR_RETURN_GRPC(query.after_id, DecodePageToken(request->page_token(), filter));
  ASSIGN_OR_RETURN_GRPC(Page<Agency> page, store_.ListAgencies(query));
  const int fiscal_year = CurrentFiscalYear();
  for (const Agency& agency : page.items) ToProto(agency, fiscal_year, response->add_agencies());
  if (page.more) response->set_next_page_token(EncodePageToken(page.items.back().id, filter));
  return grpc::Status::OK;
}

grpc::Status PersonnelService::SetAgencyPeriod(grpc::ServerContext*,
                                               const v1::SetAgencyPeriodRequest* request,
                                               v1::Agency* response) {
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
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(Agency agency,
                        store_.SetAgencyPeriod(request->code(), year, period, clock_.Now()));
  ToProto(agency, CurrentFiscalYear(), response);
  return grpc::Status::OK;
}

PersonUpsert PersonnelService::Prepare(const v1::PersonRecord& record, const std::string& prefix,
                                       FieldErrors& errors) const {
  PersonUpsert upsert;
  upsert.record = FromProto(record, prefix, errors);
  if (errors.empty()) {
    upsert.citizen_id_hash = hasher_.Hash(upsert.record.citizen_id);
    upsert.citizen_id_masked = MaskCitizenId(upsert.record.citizen_id);
  }
  upsert.record.citizen_id.clear();
  upsert.effective_from = upsert.record.effective_from.value_or(Today());
  return upsert;
}

grpc::Status PersonnelService::UpsertPerson(grpc::ServerContext*,
                                            const v1::UpsertPersonRequest* request,
                                            v1::UpsertPersonResponse* response) {
  FieldErrors errors;
  PersonUpsert upsert = Prepare(request->person(), "person.", errors);
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(std::vector<UpsertResult> results, store_.UpsertPeople({upsert}));
  const UpsertResult& result = results.front();
  if (result.outcome == UpsertOutcome::kRejected) {
    FieldErrors rejected;
    for (const FieldViolation& v : result.errors) rejected.Add("person." + v.field, v.description);
    absl::Status status = rejected.ToStatus();
    if (result.rejection != absl::StatusCode::kInvalidArgument) {
      status = absl::Status(result.rejection, status.message());
    }
    return ToGrpcStatus(status);
  }
  PersonLookup lookup;
  lookup.id = result.person_id;
  ASSIGN_OR_RETURN_GRPC(Person person, store_.GetPerson(lookup));
  response->set_outcome(ToProto(result.outcome));
  ToProto(person, Today(), /*with_history=*/true, response->mutable_person());
  return grpc::Status::OK;
}

grpc::Status PersonnelService::GetPerson(grpc::ServerContext*, const v1::GetPersonRequest* request,
                                         v1::Person* response) {
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
      FromProto(request->as_of(), request->has_as_of(), "as_of", errors);
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  ASSIGN_OR_RETURN_GRPC(Person person, store_.GetPerson(lookup));
  ToProto(person, as_of.value_or(Today()), /*with_history=*/true, response);
  return grpc::Status::OK;
}

grpc::Status PersonnelService::ListPeople(grpc::ServerContext*,
                                          const v1::ListPeopleRequest* request,
                                          v1::ListPeopleResponse* response) {
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
  RETURN_IF_ERROR_GRPC(errors.ToStatus());
  const std::string filter = absl::StrCat(request->agency_code(), "|", request->personnel_group(),
                                          "|", request->status());
  query.agency_code = request->agency_code();
  query.on = Today();
  ASSIGN_OR_RETURN_GRPC(query.page_size, EffectivePageSize(request->page_size()));
  ASSIGN_OR_RETURN_GRPC(query.after_id, DecodePageToken(request->page_token(), filter));
  ASSIGN_OR_RETURN_GRPC(Page<Person> page, store_.ListPeople(query));
  for (const Person& person : page.items) {
    ToProto(person, query.on, /*with_history=*/false, response->add_people());
  }
  if (page.more) response->set_next_page_token(EncodePageToken(page.items.back().id, filter));
  return grpc::Status::OK;
}

grpc::Status PersonnelService::BulkUpsertPeople(
    grpc::ServerContext*,
    grpc::ServerReaderWriter<v1::BulkUpsertResult, v1::PersonRecord>* stream) {
  struct Pending {
    int64_t index;
    v1::BulkUpsertResult result;
  };
  std::vector<Pending> pending;        // every record of the batch, in order
  std::vector<PersonUpsert> upserts;   // the valid ones, for the store
  std::vector<size_t> upsert_slot;     // their position in `pending`
  absl::flat_hash_set<std::string> keys_in_batch;     // HR keys
  absl::flat_hash_set<std::string> citizens_in_batch;  // citizen-ID hashes

  // Stores the valid records of the batch and sends every record's result, in order.
  auto flush = [&]() -> absl::Status {
    if (!upserts.empty()) {
      ASSIGN_OR_RETURN(std::vector<UpsertResult> results, store_.UpsertPeople(upserts));
      for (size_t i = 0; i < results.size(); ++i) {
        v1::BulkUpsertResult& out = pending[upsert_slot[i]].result;
        out.set_outcome(ToProto(results[i].outcome));
        out.set_person_id(results[i].person_id);
        for (const FieldViolation& v : results[i].errors) {
          auto* error = out.add_errors();
          error->set_field(v.field);
          error->set_reason(v.description);
        }
      }
    }
    for (Pending& p : pending) {
      if (!stream->Write(p.result)) return absl::CancelledError("the client went away");
    }
    pending.clear();
    upserts.clear();
    upsert_slot.clear();
    keys_in_batch.clear();
    citizens_in_batch.clear();
    return absl::OkStatus();
  };

  v1::PersonRecord record;
  for (int64_t index = 0; stream->Read(&record); ++index) {
    FieldErrors errors;
    PersonUpsert upsert = Prepare(record, "", errors);
    // A record whose key or citizen ID is already in the batch starts a new batch, so that it
    // applies on top of the earlier one.
    const std::string key = absl::StrCat(record.agency_of_record_code(), "\x1f",
                                         record.employee_number());
    if (errors.empty() && (keys_in_batch.contains(key) ||
                           citizens_in_batch.contains(upsert.citizen_id_hash))) {
      RETURN_IF_ERROR_GRPC(flush());
    }
    Pending p{index, {}};
    p.result.set_index(index);
    p.result.set_agency_of_record_code(record.agency_of_record_code());
    p.result.set_employee_number(record.employee_number());
    if (!errors.empty()) {
      p.result.set_outcome(pb::UPSERT_OUTCOME_REJECTED);
      for (const FieldViolation& v : errors.violations()) {
        auto* error = p.result.add_errors();
        error->set_field(v.field);
        error->set_reason(v.description);
      }
    } else {
      keys_in_batch.insert(key);
      citizens_in_batch.insert(upsert.citizen_id_hash);
      upsert_slot.push_back(pending.size());
      upserts.push_back(std::move(upsert));
    }
    pending.push_back(std::move(p));
    if (pending.size() >= kBulkBatchSize) RETURN_IF_ERROR_GRPC(flush());
  }
  RETURN_IF_ERROR_GRPC(flush());
  return grpc::Status::OK;
}

}  // namespace thaksa::personnel
