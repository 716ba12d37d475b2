#include "services/assessment/unit_codes.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::assessment {

absl::StatusOr<std::vector<v1::CompetencyUnit>> CatalogueOf(
    const v1::PutCompetencyUnitsRequest& request) {
  FieldErrors errors;
  if (!CheckCount(request.units(), kMaxCatalogueUnits, "units", errors)) return errors.ToStatus();
  std::vector<v1::CompetencyUnit> units;
  std::set<std::string> seen;
  for (int i = 0; i < request.units_size(); ++i) {
    const v1::CompetencyUnit& given = request.units(i);
    const std::string field = absl::StrCat("units[", i, "]");
    v1::CompetencyUnit unit = given;
    if (const absl::StatusOr<UnitCode> code = NormaliseUnitCode(given.code()); !code.ok()) {
      errors.Add(field + ".code", code.status().message());
    } else if (code->component != Component::kUnspecified) {
      errors.Add(field + ".code", "a unit of the catalogue names no component");
    } else if (!seen.insert(code->code).second) {
      errors.Add(field + ".code", absl::StrCat(code->code, " is given twice"));
    } else {
      unit.set_code(code->code);
    }
    CheckCode(given.skill_set_code(), field + ".skill_set_code", errors);
    CheckOptionalText(given.name().th(), kMaxNameLength, field + ".name.th", errors);
    CheckOptionalText(given.name().en(), kMaxNameLength, field + ".name.en", errors);
    units.push_back(std::move(unit));
  }
  RETURN_IF_ERROR(errors.ToStatus());
  return units;
}

absl::StatusOr<v1::CheckUnitCodesResponse> CheckUnitCodes(const v1::CheckUnitCodesRequest& request,
                                                          const Units& units) {
  FieldErrors errors;
  if (!CheckCount(request.codes(), kMaxCheckedCodes, "codes", errors)) return errors.ToStatus();
  for (int i = 0; i < request.codes_size(); ++i) {
    CheckRequiredText(request.codes(i), kMaxCodeLength, absl::StrCat("codes[", i, "]"), errors);
  }
  RETURN_IF_ERROR(errors.ToStatus());
  std::vector<std::string> known;
  for (const auto& [code, unit] : units) known.push_back(code);
  v1::CheckUnitCodesResponse response;
  for (const std::string& given : request.codes()) {
    v1::UnitCodeCheck* check = response.add_checks();
    check->set_given(given);
    const absl::StatusOr<UnitCode> code = NormaliseUnitCode(given);
    if (!code.ok()) {
      check->set_error(std::string(code.status().message()));
      continue;
    }
    check->set_code(code->code);
    if (auto unit = units.find(code->code); unit != units.end()) {
      check->set_known(true);
      *check->mutable_unit() = unit->second;
    } else {
      check->set_nearest(NearestUnitCode(code->code, known));
    }
  }
  return response;
}

}  // namespace thaksa::assessment
