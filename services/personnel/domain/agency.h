// Agencies: the ministry -> department -> division tree, its accountable officers and the
// development period each agency declares per fiscal year.
#ifndef THAKSA_SERVICES_PERSONNEL_DOMAIN_AGENCY_H_
#define THAKSA_SERVICES_PERSONNEL_DOMAIN_AGENCY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/field_checks.h"
#include "common/status.h"

namespace thaksa::personnel {

// Values as in thaksa.personnel.v1.AgencyKind.
enum class AgencyKind { kUnspecified = 0, kMinistry, kDepartment, kDivision, kProvincialOffice, kOther };
// Values as in thaksa.personnel.v1.AccountableRole.
enum class AccountableRole { kUnspecified = 0, kCio, kHead, kDeputyHeadIt };
// Values as in thaksa.common.v1.Period.
enum class Period { kUnspecified = 0, kEarly, kDeveloping, kMaturing };

struct AccountableOfficer {
  std::string name;
  std::string position;
  AccountableRole role = AccountableRole::kUnspecified;
  std::string email;
  bool empty() const {
    return name.empty() && position.empty() && role == AccountableRole::kUnspecified &&
           email.empty();
  }
};

struct PeriodDeclaration {
  int fiscal_year = 0;  // BE
  Period period = Period::kUnspecified;
  absl::Time declared_at;
};

// The declarations of one ancestor, for agencies that declare no period of their own.
struct AncestorPeriods {
  std::string agency_code;
  std::vector<PeriodDeclaration> history;  // ordered as Agency::period_history
};

struct Agency {
  int64_t id = 0;
  std::string code;
  std::string name_th;
  std::string name_en;
  std::string parent_code;  // empty for a root
  AgencyKind kind = AgencyKind::kUnspecified;
  AccountableOfficer officer;
  std::vector<PeriodDeclaration> period_history;  // by fiscal year, then declaration order
  std::vector<AncestorPeriods> ancestor_periods;  // root first, without the agency itself
  int64_t version = 0;
};

// True if `value` lies in [first, last]; enums arrive from the wire unchecked.
template <typename Enum>
bool InRange(Enum value, Enum first, Enum last) {
  return static_cast<int>(value) >= static_cast<int>(first) &&
         static_cast<int>(value) <= static_cast<int>(last);
}

// Adds a violation to `errors` for every invalid field of `agency`, named under `prefix`
// (e.g. "agency."). Checks format only; whether the parent exists is the store's concern.
void ValidateAgency(const Agency& agency, absl::string_view prefix, FieldErrors& errors);

// True for an agency that must name its own accountable officer and names none: a ministry or
// department (the guideline, §4.9.2, makes its CIO accountable for the programme, else its
// head, else the deputy head for IT), or a top-level agency of another kind. Other agencies
// answer to the officer of their nearest ministry or department.
bool NeedsAccountableOfficer(const Agency& agency);

// OK if `agency` may declare its period: it names an accountable officer, or it answers to its
// nearest ministry or department among `ancestors` (root first; code, kind and officer are
// read) and that one names one. Else FAILED_PRECONDITION naming field accountable_officer and
// the agency that should name one.
absl::Status CheckMayDeclarePeriod(const Agency& agency, const std::vector<Agency>& ancestors);

// Range of fiscal years (BE) the programme accepts.
inline constexpr int kFirstFiscalYear = 2561;
inline constexpr int kLastFiscalYear = 2700;

// The period in force in `fiscal_year`: the last declaration for the latest fiscal year not
// after it; kUnspecified if none. `history` must be ordered as Agency::period_history.
Period PeriodInForce(const std::vector<PeriodDeclaration>& history, int fiscal_year);

struct PeriodInEffect {
  Period period = Period::kUnspecified;
  std::string declared_by;  // the agency whose declaration it is; empty if none
};

// The period `agency` is in during `fiscal_year`: its own declaration in force, or else that of
// its nearest ancestor with one (a division is in its department's period).
PeriodInEffect EffectivePeriod(const Agency& agency, int fiscal_year);

// True if the path of a would-be parent lies inside the subtree rooted at `agency_path`,
// i.e. the move would create a cycle. Paths are materialized id paths like "/1/7/".
bool IsWithinSubtree(absl::string_view candidate_path, absl::string_view agency_path);

// The ids of a materialized path "/1/7/42/", root first: {1, 7, 42}.
std::vector<int64_t> AncestorIds(absl::string_view path);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DOMAIN_AGENCY_H_
