#include "tests/support/fake_personnel_store.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"

namespace thaksa::testing {

using personnel::Agency;
using personnel::Person;
using personnel::PersonUpsert;
using personnel::UpsertOutcome;
using personnel::UpsertResult;

namespace {

UpsertResult Rejected(const std::string& field, const std::string& reason,
                      absl::StatusCode kind = absl::StatusCode::kInvalidArgument) {
  return {UpsertOutcome::kRejected, 0, {{field, reason}}, kind};
}

// What the store keeps of a person, without id and version, for "did anything change".
bool SameRecord(const Person& a, const Person& b) {
  return a.record_agency_id == b.record_agency_id && a.citizen_id_hash == b.citizen_id_hash &&
         a.name_th == b.name_th && a.name_en == b.name_en && a.email == b.email &&
         a.status == b.status && a.supervisor_id == b.supervisor_id &&
         a.secondary_groups == b.secondary_groups && a.left_on == b.left_on &&
         personnel::SameHistory(a.assignments, b.assignments);
}

}  // namespace

void FakePersonnelStore::Audit(const std::string& entity, const std::string& outcome) {
  audited_.push_back(absl::StrCat(entity, " ", outcome));
}

Agency FakePersonnelStore::AddAgency(const std::string& code, const std::string& parent_code) {
  Agency agency;
  agency.code = code;
  agency.name_th = code;
  agency.parent_code = parent_code;
  return *CreateAgency(agency, {});
}

std::string FakePersonnelStore::PathOf(const std::string& code) const {
  auto found = agencies_.find(code);
  return found == agencies_.end() ? "" : found->second.path;
}

absl::StatusOr<Agency> FakePersonnelStore::CreateAgency(const Agency& agency,
                                                        const AuditCall& audit) {
  if (agencies_.count(agency.code)) return absl::AlreadyExistsError("agency code taken");
  std::string parent_path = "/";
  if (!agency.parent_code.empty()) {
    parent_path = PathOf(agency.parent_code);
    if (parent_path.empty()) return InvalidField("agency.parent_code", "no agency has this code");
  }
  StoredAgency stored{agency, ""};
  stored.agency.id = next_id_++;
  stored.agency.version = 1;
  stored.path = absl::StrCat(parent_path, stored.agency.id, "/");
  agencies_[agency.code] = stored;
  Audit(absl::StrCat("agency/", agency.code), "OK");
  return stored.agency;
}

absl::StatusOr<Agency> FakePersonnelStore::UpdateAgency(const Agency& agency,
                                                        int64_t expected_version,
                                                        const AuditCall& audit) {
  auto found = agencies_.find(agency.code);
  if (found == agencies_.end()) return absl::NotFoundError("no such agency");
  StoredAgency& stored = found->second;
  if (stored.agency.version != expected_version) return absl::AbortedError("stale version");
  std::string parent_path = "/";
  if (!agency.parent_code.empty()) {
    parent_path = PathOf(agency.parent_code);
    if (parent_path.empty() || personnel::IsWithinSubtree(parent_path, stored.path)) {
      return InvalidField("agency.parent_code", "no agency has this code, or it is below");
    }
  }
  const std::string old_path = stored.path;
  const std::string new_path = absl::StrCat(parent_path, stored.agency.id, "/");
  for (auto& [code, other] : agencies_) {
    if (absl::StartsWith(other.path, old_path)) {
      other.path = absl::StrCat(new_path, other.path.substr(old_path.size()));
    }
  }
  const int64_t id = stored.agency.id;
  const int64_t version = stored.agency.version;
  std::vector<personnel::PeriodDeclaration> periods = stored.agency.period_history;
  stored.agency = agency;
  stored.agency.id = id;
  stored.agency.version = version + 1;
  stored.agency.period_history = std::move(periods);
  Audit(absl::StrCat("agency/", agency.code), "OK");
  return stored.agency;
}

absl::StatusOr<Agency> FakePersonnelStore::GetAgency(absl::string_view code) {
  auto found = agencies_.find(std::string(code));
  if (found == agencies_.end()) return absl::NotFoundError("no such agency");
  return found->second.agency;
}

absl::StatusOr<personnel::Page<Agency>> FakePersonnelStore::ListAgencies(
    const personnel::AgencyQuery& query) {
  std::string under = "/";
  if (!query.parent_code.empty()) {
    under = PathOf(query.parent_code);
    if (under.empty()) return absl::NotFoundError("no such agency");
  }
  std::vector<const StoredAgency*> matching;
  for (const auto& [code, stored] : agencies_) {
    if (stored.agency.id <= query.after_id || stored.path == under ||
        !absl::StartsWith(stored.path, under)) {
      continue;
    }
    const bool child = stored.path.find('/', under.size()) == stored.path.size() - 1;
    if (query.needing_officer && !personnel::NeedsAccountableOfficer(stored.agency)) continue;
    if (query.subtree || child) matching.push_back(&stored);
  }
  std::sort(matching.begin(), matching.end(),
            [](const StoredAgency* a, const StoredAgency* b) { return a->agency.id < b->agency.id; });
  personnel::Page<Agency> page;
  for (const StoredAgency* stored : matching) {
    if (static_cast<int>(page.items.size()) == query.page_size) {
      page.more = true;
      break;
    }
    page.items.push_back(stored->agency);
  }
  return page;
}

absl::StatusOr<Agency> FakePersonnelStore::SetAgencyPeriod(absl::string_view code,
                                                           int fiscal_year,
                                                           personnel::Period period,
                                                           const AuditCall& audit) {
  auto found = agencies_.find(std::string(code));
  if (found == agencies_.end()) return absl::NotFoundError("no such agency");
  std::vector<Agency> ancestors;
  for (std::string parent = found->second.agency.parent_code; !parent.empty();
       parent = ancestors.front().parent_code) {
    ancestors.insert(ancestors.begin(), agencies_.at(parent).agency);
  }
  RETURN_IF_ERROR(personnel::CheckMayDeclarePeriod(found->second.agency, ancestors));
  auto& history = found->second.agency.period_history;
  history.push_back({fiscal_year, period, audit.at});
  std::stable_sort(history.begin(), history.end(), [](const auto& a, const auto& b) {
    return a.fiscal_year < b.fiscal_year;
  });
  Audit(absl::StrCat("agency/", code), "OK");
  return found->second.agency;
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> FakePersonnelStore::AgencyPaths(
    const std::vector<std::string>& codes) {
  absl::flat_hash_map<std::string, std::string> paths;
  for (const std::string& code : codes) {
    if (const std::string path = PathOf(code); !path.empty()) paths[code] = path;
  }
  return paths;
}

UpsertResult FakePersonnelStore::Upsert(const PersonUpsert& row) {
  const personnel::PersonRecord& r = row.record;
  auto record_agency = agencies_.find(r.agency_of_record_code);
  if (record_agency == agencies_.end()) {
    return Rejected("agency_of_record_code", "no agency has this code");
  }
  auto agency = agencies_.find(r.agency_code);
  if (agency == agencies_.end()) return Rejected("agency_code", "no agency has this code");
  Person* existing = nullptr;
  int64_t supervisor_id = 0;
  for (auto& [id, person] : people_) {
    if (person.agency_of_record_code != r.agency_of_record_code) continue;
    if (person.employee_number == r.employee_number) existing = &person;
    if (!r.supervisor_employee_number.empty() &&
        person.employee_number == r.supervisor_employee_number) {
      supervisor_id = id;
    }
  }
  for (const auto& [id, person] : people_) {
    if (!row.citizen_id_hash.empty() && person.citizen_id_hash == row.citizen_id_hash &&
        &person != existing) {
      return Rejected("citizen_id", "is already registered to another person record",
                      absl::StatusCode::kAlreadyExists);
    }
  }
  if (!r.supervisor_employee_number.empty() && supervisor_id == 0) {
    return Rejected("supervisor_employee_number", "no person has this employee number");
  }
  if (existing == nullptr && r.expected_version != 0) {
    return Rejected("expected_version", "the person does not exist yet; leave it 0 to create",
                    absl::StatusCode::kAborted);
  }
  if (existing != nullptr && r.expected_version != 0 && r.expected_version != existing->version) {
    return Rejected("expected_version", "the person was changed since", absl::StatusCode::kAborted);
  }
  if (existing != nullptr && existing->anonymised) {
    return Rejected("employee_number", "the person was anonymised",
                    absl::StatusCode::kFailedPrecondition);
  }
  Person next = existing != nullptr ? *existing : Person{};
  next.record_agency_id = record_agency->second.agency.id;
  next.agency_of_record_code = r.agency_of_record_code;
  next.employee_number = r.employee_number;
  if (!row.citizen_id_hash.empty()) {
    next.citizen_id_hash = row.citizen_id_hash;
    next.citizen_id_masked = row.citizen_id_masked;
  }
  next.name_th = r.name_th;
  next.name_en = r.name_en;
  next.email = r.email;
  next.supervisor_id = supervisor_id;
  next.supervisor_employee_number = r.supervisor_employee_number;
  next.secondary_groups = r.secondary_groups;
  if (r.status == personnel::EmploymentStatus::kLeft) {
    next.status = personnel::EmploymentStatus::kLeft;
    next.left_on = row.effective_from;
    personnel::EndAssignments(next.assignments, row.effective_from);
  } else {
    next.status = r.status == personnel::EmploymentStatus::kUnspecified
                      ? personnel::EmploymentStatus::kActive
                      : r.status;
    next.left_on.reset();
    personnel::Assignment job;
    job.from = row.effective_from;
    job.agency_id = agency->second.agency.id;
    job.agency_code = r.agency_code;
    job.position_title = r.position_title;
    job.grade = r.grade;
    job.group = r.group;
    personnel::ApplyAssignment(next.assignments, job);
  }
  if (existing != nullptr && SameRecord(*existing, next)) {
    return {UpsertOutcome::kUnchanged, existing->id, {}, absl::StatusCode::kOk};
  }
  const bool created = existing == nullptr;
  if (created) next.id = next_id_++;
  ++next.version;
  people_[next.id] = next;
  Audit(absl::StrCat("person/", r.agency_of_record_code, "/", r.employee_number), "OK");
  return {created ? UpsertOutcome::kCreated : UpsertOutcome::kUpdated, next.id, {},
          absl::StatusCode::kOk};
}

absl::StatusOr<std::vector<UpsertResult>> FakePersonnelStore::UpsertPeople(
    const std::vector<PersonUpsert>& rows, const AuditCall& audit) {
  ++upsert_calls_;
  std::vector<UpsertResult> results;
  for (const PersonUpsert& row : rows) results.push_back(Upsert(row));
  return results;
}

absl::StatusOr<Person> FakePersonnelStore::GetPerson(const personnel::PersonLookup& lookup) {
  for (const auto& [id, person] : people_) {
    const bool found =
        lookup.id != 0 ? id == lookup.id
        : !lookup.employee_number.empty()
            ? person.agency_of_record_code == lookup.agency_of_record_code &&
                  person.employee_number == lookup.employee_number
            : !lookup.citizen_id_hash.empty() && person.citizen_id_hash == lookup.citizen_id_hash;
    if (found) return person;
  }
  return absl::NotFoundError("no such person");
}

absl::StatusOr<personnel::Page<Person>> FakePersonnelStore::ListPeople(
    const personnel::PersonQuery& query) {
  if (!query.agency_code.empty() && !agencies_.count(query.agency_code)) {
    return absl::NotFoundError("no such agency");
  }
  personnel::Page<Person> page;
  for (const auto& [id, person] : people_) {
    const personnel::Assignment* job = personnel::AssignmentOn(person.assignments, query.on);
    if (id <= query.after_id || job == nullptr) continue;
    if (!query.agency_code.empty() && job->agency_code != query.agency_code) continue;
    if (query.group != personnel::PersonnelGroup::kUnspecified && job->group != query.group) {
      continue;
    }
    if (query.status != personnel::EmploymentStatus::kUnspecified &&
        person.status != query.status) {
      continue;
    }
    if (static_cast<int>(page.items.size()) == query.page_size) {
      page.more = true;
      break;
    }
    Person listed = person;
    listed.assignments = {*job};
    page.items.push_back(std::move(listed));
  }
  return page;
}

absl::StatusOr<personnel::PersonData> FakePersonnelStore::ExportPersonData(int64_t person_id) {
  auto found = people_.find(person_id);
  if (found == people_.end()) return absl::NotFoundError("no such person");
  return personnel::PersonData{found->second, {}, {}};
}

absl::StatusOr<int64_t> FakePersonnelStore::AnonymiseLeavers(absl::CivilDay cutoff,
                                                             const AuditCall& audit) {
  int64_t count = 0;
  for (auto& [id, person] : people_) {
    if (person.anonymised || !person.left_on || *person.left_on >= cutoff) continue;
    person.name_th.clear();
    person.name_en.clear();
    person.email.clear();
    person.citizen_id_hash.clear();
    person.citizen_id_masked.clear();
    for (personnel::SecondaryGroup& group : person.secondary_groups) group.approved_by.clear();
    person.anonymised = true;
    ++count;
  }
  return count;
}

absl::StatusOr<std::string> FakeDirectory::AgencyPath(const std::string& code) {
  std::string path = store_.PathOf(code);
  if (path.empty()) return absl::NotFoundError(absl::StrCat("no agency '", code, "'"));
  return path;
}

absl::StatusOr<personnel::PersonPlacement> FakeDirectory::PlacementOn(int64_t person_id,
                                                                      absl::CivilDay day) {
  auto found = store_.people().find(person_id);
  if (found == store_.people().end()) return absl::NotFoundError("no such person");
  const Person& person = found->second;
  personnel::PersonPlacement placement;
  placement.person_id = person_id;
  placement.supervisor_id = person.supervisor_id;
  placement.record_agency_path = store_.PathOf(person.agency_of_record_code);
  if (const personnel::Assignment* job = personnel::AssignmentOn(person.assignments, day)) {
    placement.group = static_cast<int>(job->group);
    placement.agency_code = job->agency_code;
    placement.agency_path = store_.PathOf(job->agency_code);
    placement.position_title = job->position_title;
    placement.grade = job->grade;
  }
  return placement;
}

absl::StatusOr<std::map<int64_t, personnel::PersonPlacement>> FakeDirectory::PlacementsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay day) {
  std::map<int64_t, personnel::PersonPlacement> placements;
  for (int64_t id : person_ids) {
    absl::StatusOr<personnel::PersonPlacement> placement = PlacementOn(id, day);
    if (placement.ok()) placements[id] = *std::move(placement);
  }
  return placements;
}

}  // namespace thaksa::testing
