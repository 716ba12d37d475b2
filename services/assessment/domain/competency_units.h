// Competency-unit codes of the TPQI annex: a prefix (DTr, DL, DT, DS, DG, PM, SM) with a unit
// number ("DL402": the hundreds are unit numbers, not levels) and perhaps an element number
// ("DS404.2"), or a prefix's wildcard ("PM*": every PM unit). The annex spells them in several
// ways; NormaliseUnitCode gives the one form the catalogue keeps, and NearestUnitCode the known
// code an unknown one most likely meant.
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_COMPETENCY_UNITS_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_COMPETENCY_UNITS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/status.h"

namespace thaksa::assessment {

// The parts of a competency (§4.7.2: ความรู้ ความสามารถ ประสบการณ์ คุณลักษณะ). Values as in
// thaksa.assessment.v1.UnitComponent.
enum class Component { kUnspecified = 0, kKnowledge, kAbility, kExperience, kAttribute };

// A unit code in its one form, and the component the annex named with it, if any.
struct UnitCode {
  std::string code;
  Component component = Component::kUnspecified;
};

// `text` as a unit code: the prefix in its own case ("dtr200", "DTR200" -> "DTr200"), without
// blanks, '-' or '_' after it ("DL-402"), ',' read as the element's '.' ("DTr602,2" ->
// "DTr602.2"), element 0 dropped ("DTr103.0" -> "DTr103"), "PM*", "PM-All" and "PM all" as
// "PM*", and a component after ':' ("DTr100:K"; K, A, E or ATT, or the words). Unit numbers have
// three digits, elements one or two. INVALID_ARGUMENT saying why for anything else.
absl::StatusOr<UnitCode> NormaliseUnitCode(absl::string_view text);

// The codes and components of an annex cell such as "DTr100:K;DTr101" or "ATT" (separated by
// ';' or ','; "ATT" alone is the attribute component with no unit). INVALID_ARGUMENT naming the
// first part that is neither.
struct AnnexCodes {
  std::vector<std::string> unit_codes;
  std::vector<Component> components;
};
absl::StatusOr<AnnexCodes> ParseAnnexCodes(absl::string_view cell);

// The code of `known` nearest to `code` (both in the one form): the fewest single-character
// edits, then one of the same prefix, then one whose prefix begins with it ("DTr200" for
// "DT200"), then the closest unit number, then the first in order.
// Empty when `known` is.
std::string NearestUnitCode(const std::string& code, const std::vector<std::string>& known);

// `given` in their one form (components dropped), each once; one that is no unit code, or (with
// `known`, sorted) that `known` lacks, is a violation on `field`[i], an unknown one naming the
// nearest known code.
std::vector<std::string> UnitCodesOf(const std::vector<std::string>& given,
                                     const std::string& field, FieldErrors& errors,
                                     const std::vector<std::string>* known = nullptr);

// Whether two codes in the one form name the same competency: equal, one an element of the other
// ("DS404.2" of "DS404"), or one a prefix's wildcard and the other of that prefix ("PM*",
// "PM101"). Two elements of one unit do not meet, nor does an empty code.
bool UnitCodesMeet(absl::string_view a, absl::string_view b);

// The CS-2018 skill set a unit code points to by its prefix (DTr: TRANSFORMATION, DL:
// LEADERSHIP, DT: TECHNOLOGY, DS: PROCESS_SERVICE, DG: GOVERNANCE, PM and SM:
// PROJECT_STRATEGY); "" if none.
std::string SkillSetOfUnitCode(absl::string_view code);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_COMPETENCY_UNITS_H_
