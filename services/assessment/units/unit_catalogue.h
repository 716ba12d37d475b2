// The competency-unit catalogue (reference data of the TPQI annex) that unit codes are checked
// against: the assessment service keeps it (PutCompetencyUnits) and checks behaviours and
// assessments with it; the learning service reads its codes (UnitCodeReader) to check courses.
// MySqlUnitCatalogue implements it.
#ifndef THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_
#define THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// What writes' unit codes are checked against (UnitCodesOf): the learning service's courses
// and the assessment service's behaviours and assessments.
class UnitCodeReader {
 public:
  virtual ~UnitCodeReader() = default;
  // Every code of the catalogue, sorted.
  virtual absl::StatusOr<std::vector<std::string>> Codes() = 0;
};

// The catalogue as the assessment service keeps it.
class UnitCatalogue : public UnitCodeReader {
 public:
  // Replaces the catalogue with `units` (codes in their one form, each once), with an audit
  // event, in one transaction.
  virtual absl::Status Replace(const std::vector<v1::CompetencyUnit>& units,
                               const AuditCall& audit) = 0;
  // The units, of `skill_set_code` ("" all), by code.
  virtual absl::StatusOr<std::map<std::string, v1::CompetencyUnit>> Units(
      const std::string& skill_set_code) = 0;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_
