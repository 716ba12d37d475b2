// The competency-unit catalogue's requests: the units of PutCompetencyUnits in their one form,
// and CheckUnitCodes' answer (domain/competency_units.h has the rules; writes check their codes
// with UnitCodesOf against UnitCatalogue::Codes).
#ifndef THAKSA_SERVICES_ASSESSMENT_UNIT_CODES_H_
#define THAKSA_SERVICES_ASSESSMENT_UNIT_CODES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/status.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

inline constexpr int kMaxCatalogueUnits = 5000;
inline constexpr int kMaxCheckedCodes = 1000;
// CheckUnitCodes of more codes is a costly call (rationed per token).
inline constexpr int kCheapCheckedCodes = 100;

// The catalogue units are kept by code.
using Units = std::map<std::string, v1::CompetencyUnit>;

// The units of `request`, codes in their one form; INVALID_ARGUMENT naming every field at fault
// (a code that is none or is given twice, a skill set code, a name too long, too many units).
absl::StatusOr<std::vector<v1::CompetencyUnit>> CatalogueOf(
    const v1::PutCompetencyUnitsRequest& request);

// Each code of `request` checked against `units`; INVALID_ARGUMENT for too many codes, or one
// that is blank or longer than a code may be (naming it).
absl::StatusOr<v1::CheckUnitCodesResponse> CheckUnitCodes(const v1::CheckUnitCodesRequest& request,
                                                          const Units& units);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_UNIT_CODES_H_
