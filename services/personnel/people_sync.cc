#include "services/personnel/people_sync.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "common/status.h"

namespace thaksa::personnel {

absl::StatusOr<std::vector<UpsertResult>> StorePeopleInScope(PersonnelStore& store,
                                                             const Principal& principal,
                                                             std::vector<PersonUpsert> upserts,
                                                             const AuditCall& audit) {
  absl::flat_hash_map<std::string, std::string> paths;
  if (!IsAdmin(principal)) {
    std::vector<std::string> codes;
    for (const PersonUpsert& u : upserts) {
      codes.push_back(u.record.agency_of_record_code);
      codes.push_back(u.record.agency_code);
    }
    ASSIGN_OR_RETURN(paths, store.AgencyPaths(codes));
  }
  auto covered = [&](const std::string& code) {
    if (IsAdmin(principal)) return true;
    auto path = paths.find(code);
    return path != paths.end() && CoversAgency(principal, path->second);
  };

  std::vector<UpsertResult> results(upserts.size());
  std::vector<PersonUpsert> in_scope;
  std::vector<size_t> in_scope_index;  // where each in-scope row came from
  for (size_t i = 0; i < upserts.size(); ++i) {
    const PersonRecord& r = upserts[i].record;
    std::vector<FieldViolation> outside;
    if (!covered(r.agency_of_record_code)) {
      outside.push_back({"agency_of_record_code", "is outside your agency subtree"});
    }
    if (!covered(r.agency_code)) outside.push_back({"agency_code", "is outside your agency subtree"});
    if (!outside.empty()) {
      results[i] = {UpsertOutcome::kRejected, 0, std::move(outside),
                    absl::StatusCode::kPermissionDenied};
      continue;
    }
    in_scope.push_back(std::move(upserts[i]));
    in_scope_index.push_back(i);
  }
  if (in_scope.empty()) return results;
  ASSIGN_OR_RETURN(std::vector<UpsertResult> stored, store.UpsertPeople(in_scope, audit));
  for (size_t i = 0; i < stored.size(); ++i) results[in_scope_index[i]] = std::move(stored[i]);
  return results;
}

}  // namespace thaksa::personnel
