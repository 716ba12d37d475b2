// In-memory fakes of personnel's store and of its published directory, for unit tests of the
// code above them. They keep the contracts of personnel_store.h and directory.h that such tests
// rely on (scope paths, HR keys, citizen-ID uniqueness, versions, effective-dated assignments,
// audit); the supervision-loop check and paging across calls are left to the MySQL store and its
// integration tests.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_PERSONNEL_STORE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_PERSONNEL_STORE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/personnel/directory/directory.h"
#include "services/personnel/store/personnel_store.h"

namespace thaksa::testing {

class FakePersonnelStore final : public personnel::PersonnelStore {
 public:
  absl::StatusOr<personnel::Agency> CreateAgency(const personnel::Agency& agency,
                                                 const AuditCall& audit) override;
  absl::StatusOr<personnel::Agency> UpdateAgency(const personnel::Agency& agency,
                                                 int64_t expected_version,
                                                 const AuditCall& audit) override;
  absl::StatusOr<personnel::Agency> GetAgency(absl::string_view code) override;
  absl::StatusOr<personnel::Page<personnel::Agency>> ListAgencies(
      const personnel::AgencyQuery& query) override;
  absl::StatusOr<personnel::Agency> SetAgencyPeriod(absl::string_view code, int fiscal_year,
                                                    personnel::Period period,
                                                    const AuditCall& audit) override;
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> AgencyPaths(
      const std::vector<std::string>& codes) override;
  absl::StatusOr<std::vector<personnel::UpsertResult>> UpsertPeople(
      const std::vector<personnel::PersonUpsert>& rows, const AuditCall& audit) override;
  absl::StatusOr<personnel::Person> GetPerson(const personnel::PersonLookup& lookup) override;
  absl::StatusOr<personnel::Page<personnel::Person>> ListPeople(
      const personnel::PersonQuery& query) override;
  absl::StatusOr<personnel::PersonData> ExportPersonData(int64_t person_id) override;
  absl::StatusOr<int64_t> AnonymiseLeavers(absl::CivilDay cutoff,
                                           const AuditCall& audit) override;

  // Adds an agency under `parent_code` ("" for a root) and returns it.
  personnel::Agency AddAgency(const std::string& code, const std::string& parent_code = "");
  // The materialized path of an agency ("" if unknown).
  std::string PathOf(const std::string& code) const;
  // What the store was asked to audit, as "entity_type/entity_id OUTCOME", in order.
  const std::vector<std::string>& audited() const { return audited_; }
  // How many UpsertPeople calls reached the store.
  int upsert_calls() const { return upsert_calls_; }
  const std::map<int64_t, personnel::Person>& people() const { return people_; }

 private:
  struct StoredAgency {
    personnel::Agency agency;
    std::string path;
  };
  void Audit(const std::string& entity, const std::string& outcome);
  personnel::UpsertResult Upsert(const personnel::PersonUpsert& row);

  std::map<std::string, StoredAgency> agencies_;  // by code
  std::map<int64_t, personnel::Person> people_;   // by id
  int64_t next_id_ = 1;
  int upsert_calls_ = 0;
  std::vector<std::string> audited_;
};

// personnel::Directory over a FakePersonnelStore.
class FakeDirectory final : public personnel::Directory {
 public:
  explicit FakeDirectory(FakePersonnelStore& store) : store_(store) {}
  absl::StatusOr<std::string> AgencyPath(const std::string& code) override;
  absl::StatusOr<personnel::PersonPlacement> PlacementOn(int64_t person_id,
                                                         absl::CivilDay day) override;
  absl::StatusOr<std::map<int64_t, personnel::PersonPlacement>> PlacementsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay day) override;

 private:
  FakePersonnelStore& store_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_PERSONNEL_STORE_H_
