// The competency-unit catalogue (reference data of the TPQI annex) that unit codes are checked
// against: the assessment service keeps it (PutCompetencyUnits) and checks behaviours and
// assessments with it; the learning service reads it to check courses. MySqlUnitCatalogue
// implements it.
#ifndef THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_
#define THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

class UnitCatalogue {
 public:
  virtual ~UnitCatalogue() = default;
  // Replaces the catalogue with `units` (codes in their one form, each once), with an audit
  // event, in one transaction.
  virtual absl::Status Replace(const std::vector<v1::CompetencyUnit>& units,
                               const AuditCall& audit) = 0;
  // The units, of `skill_set_code` ("" all), by code.
  virtual absl::StatusOr<std::map<std::string, v1::CompetencyUnit>> Units(
      const std::string& skill_set_code) = 0;
  // Every code, sorted: what writes' unit codes are checked against (KnownUnitCodes).
  virtual absl::StatusOr<std::vector<std::string>> Codes() = 0;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_
