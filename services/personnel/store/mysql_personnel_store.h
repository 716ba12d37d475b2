// PersonnelStore on MySQL/MariaDB (schema: deploy/sql/001_personnel.sql).
#ifndef THAKSA_SERVICES_PERSONNEL_STORE_MYSQL_PERSONNEL_STORE_H_
#define THAKSA_SERVICES_PERSONNEL_STORE_MYSQL_PERSONNEL_STORE_H_

#include "common/db/connection_pool.h"
#include "services/personnel/store/personnel_store.h"

namespace thaksa::personnel {

class MySqlPersonnelStore final : public PersonnelStore {
 public:
  // `pool` must outlive the store.
  explicit MySqlPersonnelStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<Agency> CreateAgency(const Agency& agency, const AuditCall& audit) override;
  absl::StatusOr<Agency> UpdateAgency(const Agency& agency, int64_t expected_version,
                                      const AuditCall& audit) override;
  absl::StatusOr<Agency> GetAgency(absl::string_view code) override;
  absl::StatusOr<Page<Agency>> ListAgencies(const AgencyQuery& query) override;
  absl::StatusOr<Agency> SetAgencyPeriod(absl::string_view code, int fiscal_year, Period period,
                                         const AuditCall& audit) override;
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> AgencyPaths(
      const std::vector<std::string>& codes) override;
  absl::StatusOr<std::vector<UpsertResult>> UpsertPeople(const std::vector<PersonUpsert>& rows,
                                                         const AuditCall& audit) override;
  absl::StatusOr<Person> GetPerson(const PersonLookup& lookup) override;
  absl::StatusOr<Page<Person>> ListPeople(const PersonQuery& query) override;
  absl::StatusOr<PersonData> ExportPersonData(int64_t person_id) override;
  absl::StatusOr<int64_t> AnonymiseLeavers(absl::CivilDay cutoff, const AuditCall& audit) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_STORE_MYSQL_PERSONNEL_STORE_H_
