// The gRPC adapter of thaksa.personnel.v1.PersonnelService: converts messages, validates,
// hashes citizen IDs, calls the store and maps statuses. No business rules live here.
#ifndef THAKSA_SERVICES_PERSONNEL_PERSONNEL_SERVICE_H_
#define THAKSA_SERVICES_PERSONNEL_PERSONNEL_SERVICE_H_

#include "common/auth/call_guard.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "services/personnel/store/personnel_store.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa::personnel {

class PersonnelService final : public v1::PersonnelService::Service {
 public:
  // Records per store transaction in BulkUpsertPeople.
  static constexpr size_t kBulkBatchSize = 1000;

  // All arguments must outlive the service.
  PersonnelService(PersonnelStore& store, const Clock& clock, const CitizenIdHasher& hasher,
                   const CallGuard& guard)
      : store_(store), clock_(clock), hasher_(hasher), guard_(guard) {}

  grpc::Status CreateAgency(grpc::ServerContext* context, const v1::CreateAgencyRequest* request,
                            v1::Agency* response) override;
  grpc::Status UpdateAgency(grpc::ServerContext* context, const v1::UpdateAgencyRequest* request,
                            v1::Agency* response) override;
  grpc::Status GetAgency(grpc::ServerContext* context, const v1::GetAgencyRequest* request,
                         v1::Agency* response) override;
  grpc::Status ListAgencies(grpc::ServerContext* context, const v1::ListAgenciesRequest* request,
                            v1::ListAgenciesResponse* response) override;
  grpc::Status SetAgencyPeriod(grpc::ServerContext* context,
                               const v1::SetAgencyPeriodRequest* request,
                               v1::Agency* response) override;
  grpc::Status UpsertPerson(grpc::ServerContext* context, const v1::UpsertPersonRequest* request,
                            v1::UpsertPersonResponse* response) override;
  grpc::Status GetPerson(grpc::ServerContext* context, const v1::GetPersonRequest* request,
                         v1::Person* response) override;
  grpc::Status ListPeople(grpc::ServerContext* context, const v1::ListPeopleRequest* request,
                          v1::ListPeopleResponse* response) override;
  grpc::Status BulkUpsertPeople(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BulkUpsertResult, v1::PersonRecord>* stream) override;
  grpc::Status ExportPersonData(grpc::ServerContext* context,
                                const v1::ExportPersonDataRequest* request,
                                v1::PersonDataExport* response) override;
  grpc::Status AnonymiseLeavers(grpc::ServerContext* context,
                                const v1::AnonymiseLeaversRequest* request,
                                v1::AnonymiseLeaversResponse* response) override;

 private:
  absl::CivilDay Today() const;
  int CurrentFiscalYear() const;
  // Validates `record` and prepares it for the store; violations are named under `prefix`.
  PersonUpsert Prepare(const v1::PersonRecord& record, const std::string& prefix,
                       FieldErrors& errors) const;

  PersonnelStore& store_;
  const Clock& clock_;
  const CitizenIdHasher& hasher_;
  const CallGuard& guard_;
};

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_PERSONNEL_SERVICE_H_
