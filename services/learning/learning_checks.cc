#include "services/learning/learning_checks.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/citizen_id.h"
#include "common/field_checks.h"
#include "common/proto_dates.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::learning {
namespace {

void CheckSkillSetCodes(const google::protobuf::RepeatedPtrField<std::string>& codes,
                        const std::string& field, bool required, FieldErrors& errors) {
  if (required && codes.empty()) errors.Add(field, "name at least one");
  if (!CheckCount(codes, kMaxSkillSetsPerEntry, field, errors)) return;
  for (int i = 0; i < codes.size(); ++i) CheckCode(codes[i], absl::StrCat(field, "[", i, "]"), errors);
}

}  // namespace

void CheckInstitute(const v1::Institute& institute, FieldErrors& errors) {
  CheckCode(institute.code(), "code", errors);
  CheckRequiredText(institute.name().th(), kMaxNameLength, "name.th", errors);
  CheckOptionalText(institute.name().en(), kMaxNameLength, "name.en", errors);
  CheckOptionalText(institute.accreditation(), kMaxNameLength, "accreditation", errors);
  CheckInteger(institute.max_assessed_level(), 0, kMaxLevel, "max_assessed_level", errors);
}

void CheckCourse(const v1::Course& course, FieldErrors& errors) {
  CheckCode(course.institute_code(), "institute_code", errors);
  CheckCode(course.code(), "code", errors);
  CheckRequiredText(course.title().th(), kMaxNameLength, "title.th", errors);
  CheckOptionalText(course.title().en(), kMaxNameLength, "title.en", errors);
  CheckSkillSetCodes(course.skill_set_codes(), "skill_set_codes", /*required=*/false, errors);
  CheckOptionalCode(course.framework_code(), "framework_code", errors);
  CheckInteger(course.evidenced_level(), 0, kMaxLevel, "evidenced_level", errors);
  CheckCount(course.unit_codes(), kMaxUnitCodes, "unit_codes", errors);
  for (int i = 0; i < course.unit_codes_size() && i < kMaxUnitCodes; ++i) {
    CheckRequiredText(course.unit_codes(i), kMaxCodeLength, absl::StrCat("unit_codes[", i, "]"),
                      errors);
  }
  if (course.delivery() == v1::DELIVERY_UNSPECIFIED || !v1::Delivery_IsValid(course.delivery())) {
    errors.Add("delivery", "is required: IN_CLASS, ONLINE or BLENDED");
  }
  CheckPositiveNumber(course.total_hours(), kMaxCourseHours, "total_hours", errors);
  CheckInteger(course.min_duration_minutes(), 0, kMaxMinDurationMinutes, "min_duration_minutes",
               errors);
  const v1::ClassHours& h = course.class_hours();
  for (const auto& [name, hours] : {std::pair<const char*, double>{"lecture", h.lecture()},
                                    {"discussion", h.discussion()},
                                    {"learning_by_doing", h.learning_by_doing()},
                                    {"case_study", h.case_study()},
                                    {"assignment", h.assignment()}}) {
    CheckNumber(hours, 0, kMaxCourseHours, absl::StrCat("class_hours.", name), errors);
  }
}

void CheckPlanItem(const v1::PlanItem& item, const std::string& field, FieldErrors& errors) {
  const std::string prefix = field + ".";
  CheckRequiredText(item.title(), kMaxItemTitleLength, prefix + "title", errors);
  if (item.mode() == v1::LEARNING_MODE_UNSPECIFIED || !v1::LearningMode_IsValid(item.mode())) {
    errors.Add(prefix + "mode", "is required: EXPERIENTIAL, SOCIAL or FORMAL");
  }
  if (item.horizon() == v1::HORIZON_UNSPECIFIED || !v1::Horizon_IsValid(item.horizon())) {
    errors.Add(prefix + "horizon", "is required: PRESENT or FUTURE");
  }
  CheckPositiveNumber(item.planned_hours(), kMaxItemHours, prefix + "planned_hours", errors);
  CheckSkillSetCodes(item.skill_set_codes(), prefix + "skill_set_codes", /*required=*/true,
                     errors);
  DayFromProto(item.due(), item.has_due(), prefix + "due", errors);
  CheckOptionalCode(item.institute_code(), prefix + "institute_code", errors);
  CheckOptionalCode(item.course_code(), prefix + "course_code", errors);
  CheckOptionalText(item.evidence(), kMaxEvidenceLength, prefix + "evidence", errors);
  // Each code once, so that the places the reference checks name are the caller's.
  if (CheckCount(item.behaviour_codes(), kMaxGoalsPerItem, prefix + "behaviour_codes", errors)) {
    std::set<std::string> seen;
    for (int i = 0; i < item.behaviour_codes_size(); ++i) {
      const std::string field = absl::StrCat(prefix, "behaviour_codes[", i, "]");
      if (!IsValidCode(item.behaviour_codes(i))) {
        CheckCode(item.behaviour_codes(i), field, errors);
      } else if (!seen.insert(item.behaviour_codes(i)).second) {
        errors.Add(field, "is given twice");
      }
    }
  }
  if (CheckCount(item.unit_codes(), kMaxGoalsPerItem, prefix + "unit_codes", errors)) {
    std::set<std::string> seen;
    for (int i = 0; i < item.unit_codes_size(); ++i) {
      const std::string field = absl::StrCat(prefix, "unit_codes[", i, "]");
      const absl::StatusOr<assessment::UnitCode> unit =
          assessment::NormaliseUnitCode(item.unit_codes(i));
      if (!unit.ok()) {
        errors.Add(field, unit.status().message());
      } else if (!seen.insert(unit->code).second) {
        errors.Add(field, absl::StrCat(unit->code, " is given twice"));
      }
    }
  }
}

void CheckPlanRecord(const v1::PlanRecord& record, FieldErrors& errors) {
  CheckRequiredText(record.external_id(), kMaxExternalIdLength, "external_id", errors);
  if (record.person_id() <= 0) errors.Add("person_id", "is required");
  CheckFiscalYear(record.fiscal_year().be_year(), "fiscal_year.be_year", errors);
  if (record.items().empty()) errors.Add("items", "name at least one");
  if (!CheckCount(record.items(), kMaxItemsPerImportedPlan, "items", errors)) return;
  for (int i = 0; i < record.items_size(); ++i) {
    CheckPlanItem(record.items(i), absl::StrCat("items[", i, "]"), errors);
  }
}

void CheckProgressReport(double achieved_hours, const std::string& evidence, FieldErrors& errors) {
  CheckPositiveNumber(achieved_hours, kMaxItemHours, "achieved_hours", errors);
  if (absl::StripAsciiWhitespace(evidence).empty()) {
    errors.Add("evidence", "is required: what was done, where");
  } else {
    CheckOptionalText(evidence, kMaxEvidenceLength, "evidence", errors);
  }
}

void CheckApplication(const v1::WorkApplication& application, absl::CivilDay today,
                      FieldErrors& errors) {
  const bool completion = application.completion_id() != 0, item = application.plan_item_id() != 0;
  if (completion == item) {
    errors.Add(completion ? "application.plan_item_id" : "application.completion_id",
               "name the activity by completion_id or by plan_item_id, one of them");
  }
  CheckRequiredText(application.description(), kMaxApplicationDescriptionLength,
                    "application.description", errors);
  CheckOptionalText(application.evidence(), kMaxApplicationEvidenceLength, "application.evidence",
                    errors);
  const std::optional<absl::CivilDay> applied_on = RequiredDayFromProto(
      application.applied_on(), application.has_applied_on(), "application.applied_on", errors);
  if (applied_on.has_value() && *applied_on > today) {
    errors.Add("application.applied_on", "is after today");
  }
}

void CheckWaiverReason(const std::string& reason, FieldErrors& errors) {
  if (reason.empty()) return;
  CheckRequiredText(reason, kMaxWaiverReasonLength, "waiver_reason", errors);
}

std::optional<Rejection> CheckCompletionRecord(const v1::CompletionRecord& record, absl::Time now) {
  FieldErrors errors;
  CheckRequiredText(record.record_id(), kMaxRecordIdLength, "record_id", errors);
  if (record.person_id() < 0) errors.Add("person_id", "must not be negative");
  if (record.person_id() == 0 && record.citizen_id().empty()) {
    errors.Add("person_id", "give a person id or a citizen ID");
  }
  if (!record.citizen_id().empty()) {
    if (absl::Status valid = ValidateCitizenId(record.citizen_id()); !valid.ok()) {
      errors.Add("citizen_id", valid.message());
    }
  }
  CheckCode(record.course_code(), "course_code", errors);
  if (record.started_at_unix() <= 0) errors.Add("started_at_unix", "is required (Unix seconds)");
  if (record.finished_at_unix() <= 0) {
    errors.Add("finished_at_unix", "is required (Unix seconds)");
  } else if (absl::FromUnixSeconds(record.finished_at_unix()) > now + kClockSkew) {
    errors.Add("finished_at_unix", "is in the future: report a completion once it is finished");
  }
  CheckPositiveNumber(record.hours(), kMaxCourseHours, "hours", errors);
  CheckNumber(record.score(), 0, 1000, "score", errors);
  CheckInteger(record.assessed_level(), 0, kMaxLevel, "assessed_level", errors);
  CheckOptionalText(record.certificate_id(), kMaxRecordIdLength, "certificate_id", errors);
  if (errors.empty()) return std::nullopt;
  const FieldViolation& first = errors.violations().front();
  return Rejection{first.field, first.description};
}

}  // namespace thaksa::learning
