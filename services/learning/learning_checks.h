// The checks of learning requests before anything is stored: every string within its documented
// length and shape, every number finite and in range, every date a real day (see the limits in
// proto/thaksa/learning/v1/learning.proto). Each names the offending field.
#ifndef THAKSA_SERVICES_LEARNING_LEARNING_CHECKS_H_
#define THAKSA_SERVICES_LEARNING_LEARNING_CHECKS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

// Limits of the learning API.
inline constexpr size_t kMaxNameLength = 255;
inline constexpr size_t kMaxItemTitleLength = 500;
inline constexpr size_t kMaxEvidenceLength = 2000;
inline constexpr size_t kMaxApplicationDescriptionLength = 2000;
inline constexpr size_t kMaxApplicationEvidenceLength = 1000;
inline constexpr size_t kMaxWaiverReasonLength = 1000;
inline constexpr size_t kMaxRecordIdLength = 128;
inline constexpr size_t kMaxExternalIdLength = 128;
inline constexpr int kMaxItemsPerImportedPlan = 50;
inline constexpr int kMaxSkillSetsPerEntry = 20;
inline constexpr int kMaxUnitCodes = 50;
inline constexpr int kMaxGoalsPerItem = 20;  // behaviour codes, and unit codes, of a plan item
inline constexpr int kMaxLevel = 10;
inline constexpr double kMaxCourseHours = 1000;
inline constexpr double kMaxItemHours = 2000;
inline constexpr int kMaxMinDurationMinutes = 525600;  // a year
// How far a completion's finish may lie ahead of the server's clock (clock skew).
inline constexpr absl::Duration kClockSkew = absl::Minutes(5);

void CheckInstitute(const v1::Institute& institute, FieldErrors& errors);
void CheckCourse(const v1::Course& course, FieldErrors& errors);
// The fields of a plan item a caller sets, named under `field` ("item" in AddPlanItem): its
// goals well formed and each given once (not whether its skill sets, course and goals exist).
void CheckPlanItem(const v1::PlanItem& item, const std::string& field, FieldErrors& errors);
// The fields of a plan record of a bulk import: the external id, person, fiscal year and every
// item (as CheckPlanItem, named "items[i]").
void CheckPlanRecord(const v1::PlanRecord& record, FieldErrors& errors);
// A person's report of an item done: the hours (more than 0) and what was done (required).
void CheckProgressReport(double achieved_hours, const std::string& evidence, FieldErrors& errors);
// A waiver reason, when one is given: not blank, at most kMaxWaiverReasonLength characters.
void CheckWaiverReason(const std::string& reason, FieldErrors& errors);

// An application at work as RecordApplication takes it, named under "application.": one
// activity (completion_id or plan_item_id, not both), a description, evidence within its
// length, a real day not after `today`.
void CheckApplication(const v1::WorkApplication& application, absl::CivilDay today,
                      FieldErrors& errors);

// Why an institute's completion record cannot be stored as it is (the field and the reason), or
// nullopt. Whether the person and course exist is for the store.
struct Rejection {
  std::string field;
  std::string reason;
};
std::optional<Rejection> CheckCompletionRecord(const v1::CompletionRecord& record, absl::Time now);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_LEARNING_CHECKS_H_
