// The personnel store: where agencies and people are kept. One MySQL implementation
// (mysql_personnel_store.h); the interface lets the RPC layer be tested without a database.
#ifndef THAKSA_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
#define THAKSA_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/audit/audit_log.h"
#include "common/audit/audit_records.h"
#include "common/auth/token_record.h"
#include "common/status.h"
#include "services/personnel/domain/agency.h"
#include "services/personnel/domain/person.h"

namespace thaksa::personnel {

struct AgencyQuery {
  std::string parent_code;  // empty: from the roots
  bool subtree = false;     // every descendant instead of direct children
  int page_size = 100;
  int64_t after_id = 0;     // keyset position: ids greater than this
  bool needing_officer = false;  // only those NeedsAccountableOfficer
};

struct PersonQuery {
  std::string agency_code;  // empty: every agency
  PersonnelGroup group = PersonnelGroup::kUnspecified;
  EmploymentStatus status = EmploymentStatus::kUnspecified;
  absl::CivilDay on;        // assignments in force on this day
  int page_size = 100;
  int64_t after_id = 0;
};

// One page of a keyset-paged list; `more` tells whether another page follows.
template <typename T>
struct Page {
  std::vector<T> items;
  bool more = false;
};

// A validated person record ready to store: the clear citizen ID already replaced by its hash.
struct PersonUpsert {
  PersonRecord record;  // record.citizen_id is empty
  std::string citizen_id_hash;
  std::string citizen_id_masked;
  absl::CivilDay effective_from;
};

enum class UpsertOutcome { kCreated = 1, kUpdated, kUnchanged, kRejected };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::kRejected;
  int64_t person_id = 0;
  std::vector<FieldViolation> errors;  // for kRejected
  // For kRejected, the kind of failure a single upsert reports: INVALID_ARGUMENT, ABORTED
  // (stale expected version), ALREADY_EXISTS (citizen ID registered to another record) or
  // FAILED_PRECONDITION (anonymised person, or a supervisor who would close a supervision loop).
  absl::StatusCode rejection = absl::StatusCode::kInvalidArgument;
};

// How to find one person: by id, by HR key, or by citizen-ID hash (the first one set).
struct PersonLookup {
  int64_t id = 0;
  std::string agency_of_record_code;
  std::string employee_number;
  std::string citizen_id_hash;
};

// Everything held about one person (PDPA subject access).
struct PersonData {
  Person person;
  std::vector<TokenRecord> tokens;
  std::vector<AuditEventRecord> access_log;
};

// Every write appends its audit event(s) for `audit` in the transaction of the change.
class PersonnelStore {
 public:
  virtual ~PersonnelStore() = default;

  // Stores a new agency (already validated). Unknown parent: INVALID_ARGUMENT on
  // "agency.parent_code"; code taken: ALREADY_EXISTS.
  virtual absl::StatusOr<Agency> CreateAgency(const Agency& agency, const AuditCall& audit) = 0;
  // Replaces name, parent, kind and officer of the agency with agency.code. NOT_FOUND if there
  // is none; ABORTED if its version is not `expected_version`; INVALID_ARGUMENT on
  // "agency.parent_code" if the new parent is unknown or inside the agency's subtree.
  virtual absl::StatusOr<Agency> UpdateAgency(const Agency& agency, int64_t expected_version,
                                              const AuditCall& audit) = 0;
  virtual absl::StatusOr<Agency> GetAgency(absl::string_view code) = 0;
  // NOT_FOUND if query.parent_code names no agency.
  virtual absl::StatusOr<Page<Agency>> ListAgencies(const AgencyQuery& query) = 0;
  // Records a declaration made at audit.at; NOT_FOUND for an unknown code.
  virtual absl::StatusOr<Agency> SetAgencyPeriod(absl::string_view code, int fiscal_year,
                                                 Period period, const AuditCall& audit) = 0;
  // The materialized paths of the agencies with these codes; unknown codes are left out.
  virtual absl::StatusOr<absl::flat_hash_map<std::string, std::string>> AgencyPaths(
      const std::vector<std::string>& codes) = 0;

  // Creates or updates each row, all in one transaction; returns one result per row, in order.
  // A row whose references (agencies, supervisor) do not resolve, whose citizen ID belongs to
  // another record, whose expected version is stale, whose person was anonymised or whose
  // supervisor reports (directly or through others) to the person is rejected alone, as is one
  // with a new or changed further group that is not approved, on a day, by the supervisor's
  // supervisor. Identical concurrent calls give one CREATED or UPDATED and UNCHANGED for the
  // others. No two rows may share an HR key or a citizen-ID hash (callers split such batches).
  // Created and updated rows are audited; rejected ones are left to the caller.
  virtual absl::StatusOr<std::vector<UpsertResult>> UpsertPeople(
      const std::vector<PersonUpsert>& rows, const AuditCall& audit) = 0;

  // The person with all assignments and secondary groups; NOT_FOUND if none.
  virtual absl::StatusOr<Person> GetPerson(const PersonLookup& lookup) = 0;
  // People with the assignment in force on query.on (only that one in `assignments`).
  // NOT_FOUND if query.agency_code names no agency.
  virtual absl::StatusOr<Page<Person>> ListPeople(const PersonQuery& query) = 0;

  // The person, the tokens issued for them and the audit events about them; NOT_FOUND if none.
  virtual absl::StatusOr<PersonData> ExportPersonData(int64_t person_id) = 0;

  // Clears names, e-mail, citizen ID and secondary-group approvers of people whose left_on is
  // before `cutoff` and who are not anonymised yet; returns how many.
  virtual absl::StatusOr<int64_t> AnonymiseLeavers(absl::CivilDay cutoff,
                                                   const AuditCall& audit) = 0;
};

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
