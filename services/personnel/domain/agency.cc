#include "services/personnel/domain/agency.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/field_checks.h"

namespace thaksa::personnel {

void ValidateAgency(const Agency& agency, absl::string_view prefix, FieldErrors& errors) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, name); };
  if (!IsValidCode(agency.code)) {
    errors.Add(field("code"), "must be 1-32 characters: letters, digits, '-', '_' or '.'");
  }
  CheckRequiredText(agency.name_th, 255, field("name.th"), errors);
  CheckOptionalText(agency.name_en, 255, field("name.en"), errors);
  if (!agency.parent_code.empty() && !IsValidCode(agency.parent_code)) {
    errors.Add(field("parent_code"), "is not a valid agency code");
  } else if (!agency.parent_code.empty() && agency.parent_code == agency.code) {
    errors.Add(field("parent_code"), "an agency cannot be its own parent");
  }
  if (!InRange(agency.kind, AgencyKind::kMinistry, AgencyKind::kOther)) {
    errors.Add(field("kind"),
               "is required: MINISTRY, DEPARTMENT, DIVISION, PROVINCIAL_OFFICE or OTHER");
  }
  if (!agency.officer.empty()) {
    CheckRequiredText(agency.officer.name, 255, field("accountable_officer.name"), errors);
    CheckOptionalText(agency.officer.position, 255, field("accountable_officer.position"), errors);
    if (!InRange(agency.officer.role, AccountableRole::kCio, AccountableRole::kDeputyHeadIt)) {
      errors.Add(field("accountable_officer.role"), "is required: CIO, HEAD or DEPUTY_HEAD_IT");
    }
    CheckOptionalEmail(agency.officer.email, field("accountable_officer.email"), errors);
  }
}

namespace {

bool MinistryOrDepartment(const Agency& agency) {
  return agency.kind == AgencyKind::kMinistry || agency.kind == AgencyKind::kDepartment;
}

constexpr char kWhoIsAccountable[] =
    "names no accountable officer (its CIO, else its head, else the deputy head for IT)";

}  // namespace

bool NeedsAccountableOfficer(const Agency& agency) {
  return (MinistryOrDepartment(agency) || agency.parent_code.empty()) &&
         agency.officer.name.empty();
}

absl::Status CheckMayDeclarePeriod(const Agency& agency, const std::vector<Agency>& ancestors) {
  if (!agency.officer.name.empty()) return absl::OkStatus();
  const Agency* answers_to = nullptr;
  if (!MinistryOrDepartment(agency) && !agency.parent_code.empty()) {
    for (auto it = ancestors.rbegin(); it != ancestors.rend() && answers_to == nullptr; ++it) {
      if (MinistryOrDepartment(*it)) answers_to = &*it;
    }
  }
  if (answers_to != nullptr && !answers_to->officer.name.empty()) return absl::OkStatus();
  const std::string why =
      answers_to == nullptr
          ? absl::StrCat("agency ", agency.code, " ", kWhoIsAccountable,
                         ": name one before declaring its period")
          : absl::StrCat("agency ", agency.code, " answers to ", answers_to->code, ", which ",
                         kWhoIsAccountable, ": name its officer, or ", agency.code,
                         "'s own, before declaring ", agency.code, "'s period");
  return FieldStatus(absl::StatusCode::kFailedPrecondition, "accountable_officer", why);
}

Period PeriodInForce(const std::vector<PeriodDeclaration>& history, int fiscal_year) {
  Period period = Period::kUnspecified;
  for (const PeriodDeclaration& declaration : history) {
    if (declaration.fiscal_year > fiscal_year) break;
    period = declaration.period;
  }
  return period;
}

PeriodInEffect EffectivePeriod(const Agency& agency, int fiscal_year) {
  if (Period own = PeriodInForce(agency.period_history, fiscal_year); own != Period::kUnspecified) {
    return {own, agency.code};
  }
  for (auto it = agency.ancestor_periods.rbegin(); it != agency.ancestor_periods.rend(); ++it) {
    if (Period inherited = PeriodInForce(it->history, fiscal_year);
        inherited != Period::kUnspecified) {
      return {inherited, it->agency_code};
    }
  }
  return {};
}

bool IsWithinSubtree(absl::string_view candidate_path, absl::string_view agency_path) {
  return absl::StartsWith(candidate_path, agency_path);
}

std::vector<int64_t> AncestorIds(absl::string_view path) {
  std::vector<int64_t> ids;
  for (absl::string_view part : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    int64_t id = 0;
    if (absl::SimpleAtoi(part, &id)) ids.push_back(id);
  }
  return ids;
}

}  // namespace thaksa::personnel
