// Who may call which RPC: the single table of access rules (access_rules.cc). A method with no
// rule is refused; a test walks every service descriptor to make sure none is missing.
#ifndef THAKSA_COMMON_AUTH_ACCESS_RULES_H_
#define THAKSA_COMMON_AUTH_ACCESS_RULES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/auth/principal.h"

namespace thaksa {

// What a call takes from the server beyond an ordinary call (call_limits.h limits both kinds).
enum class CallCost {
  kOrdinary,
  // Exports and figures worked out when asked: rationed per token and run a few at a time.
  kCostly,
  // A bulk stream: a token may keep only a few open at once.
  kBulkStream,
};

struct AccessRule {
  // Roles that may call the method at all.
  std::vector<Role> roles;
  // A write: every attempt, successful or not, is audited.
  bool write = false;
  // Returns personal data: reads by HR_SYSTEM and CIO_OFFICE principals are audited.
  bool personal_read = false;
  // The further scope checks the handler makes, in words.
  absl::string_view scope;
  // Calls whose cost depends on the request (e.g. a day asked about) are kOrdinary here and
  // admitted as costly by their handler (CallGuard::AdmitCostly).
  CallCost cost = CallCost::kOrdinary;

  bool Allows(Role role) const;
};

// The rule for a full method name ("/thaksa.personnel.v1.PersonnelService/GetPerson"), or
// nullptr if there is none.
const AccessRule* FindAccessRule(absl::string_view method);

// Every method that has a rule, for documentation and tests.
std::vector<std::string> MethodsWithAccessRules();

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_ACCESS_RULES_H_
