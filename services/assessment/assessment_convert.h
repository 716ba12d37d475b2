// Conversions between the assessment API messages, their stored JSON and the domain rules.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/proto_json.h"
#include "services/assessment/agency_frameworks.h"
#include "services/assessment/domain/assessment_rules.h"
#include "services/assessment/domain/framework_rules.h"
#include "services/assessment/domain/standing.h"
#include "services/assessment/store/assessment_store.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

namespace pb = ::thaksa::assessment::v1;

FrameworkRules RulesOf(const pb::Framework& framework);
CrosswalkRules RulesOf(const pb::Crosswalk& crosswalk);

// The framework as the API shows it: the stored definition with status and version.
absl::StatusOr<pb::Framework> FrameworkOf(const StoredFramework& stored);

AssessmentInput InputOf(const pb::AssessmentRecord& record, FieldErrors& errors,
                        const std::string& prefix);

// An assessment as read back: the stored record with who recorded it, when, and what superseded it.
pb::Assessment ToProto(const StoredAssessment& stored);

// One answer of a bulk upload; `result` already carries its index and external id.
void ToProto(const RecordResult& stored, pb::BulkAssessmentResult* result);

// What an agency follows on a date.
pb::AgencyFramework ToProto(const AgencyChoice& choice);

// The choices of the two agency RPCs; an absent or invalid first day is named in `errors`.
FrameworkChoice ChoiceOf(const pb::SetAgencyFrameworkRequest& request, FieldErrors& errors);
OptionalSkillSetChoice ChoiceOf(const pb::SetOptionalSkillSetRequest& request,
                                FieldErrors& errors);

// A behaviour as stored: its unit codes joined by spaces, and without a skill set, the one its
// first unit code points to (SkillSetOfUnitCode).
BehaviourRow BehaviourRowOf(const pb::Behaviour& behaviour);
pb::Behaviour ToProto(const BehaviourRow& row);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
