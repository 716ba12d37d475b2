// The competency-unit catalogue (reference data of the TPQI annex) that unit codes are checked
// against: the assessment service keeps it (PutCompetencyUnits) and checks behaviours and
// assessments with it; the learning service reads its codes, and the behaviours' (AnnexReferences),
// to check courses and plan items. MySqlUnitCatalogue implements it.
#ifndef THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_
#define THAKSA_SERVICES_ASSESSMENT_UNITS_UNIT_CATALOGUE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// The annex's codes that other records link to and are checked against: competency units
// (UnitCodesOf) for courses, behaviours, assessments and plan items, and expected behaviours for
// plan items. Read by the learning service and the assessment recorder.
class AnnexReferences {
 public:
  virtual ~AnnexReferences() = default;
  // Every code of the competency-unit catalogue, sorted.
  virtual absl::StatusOr<std::vector<std::string>> UnitCodes() = 0;
  // Every code of the expected behaviours (Behaviour.code), sorted.
  virtual absl::StatusOr<std::vector<std::string>> BehaviourCodes() = 0;
};

// The catalogue as the assessment service keeps it.
class UnitCatalogue : public AnnexReferences {
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
