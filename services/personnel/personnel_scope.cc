#include "services/personnel/personnel_scope.h"

#include "common/auth/call_guard.h"
#include "common/status.h"

namespace thaksa::personnel {

absl::Status RequireAgencies(PersonnelStore& store, const Principal& principal,
                             const std::vector<std::string>& codes) {
  if (IsAdmin(principal)) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto paths, store.AgencyPaths(codes));
  for (const std::string& code : codes) {
    auto path = paths.find(code);
    if (path == paths.end() || !CoversAgency(principal, path->second)) return OutsideScope();
  }
  return absl::OkStatus();
}

absl::Status RequirePerson(PersonnelStore& store, const Principal& principal,
                           const Person& person, absl::CivilDay today) {
  // HR and CIO offices see people recorded or working (today) in their subtree.
  std::vector<std::string> codes = {person.agency_of_record_code};
  if (const Assignment* current = AssignmentOn(person.assignments, today)) {
    codes.push_back(current->agency_code);
  }
  std::vector<std::string> paths;
  if (principal.role == Role::kHrSystem || principal.role == Role::kCioOffice) {
    ASSIGN_OR_RETURN(auto found, store.AgencyPaths(codes));
    for (const auto& [code, path] : found) paths.push_back(path);
  }
  if (!CoversPerson(principal, person.id, person.supervisor_id, paths)) return OutsideScope();
  return absl::OkStatus();
}

}  // namespace thaksa::personnel
