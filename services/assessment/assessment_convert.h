// Conversions between the assessment API messages, their stored JSON and the domain rules.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "services/assessment/domain/assessment_rules.h"
#include "services/assessment/domain/framework_rules.h"
#include "services/assessment/domain/standing.h"
#include "services/assessment/store/assessment_store.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

namespace pb = ::thaksa::assessment::v1;

// A message as stored: compact JSON with proto field names, enums by name.
std::string ToJson(const google::protobuf::Message& message);
// Parses stored (or shipped) JSON; INTERNAL-free: a bad document is INVALID_ARGUMENT.
absl::Status FromJson(const std::string& json, google::protobuf::Message* message);

FrameworkRules RulesOf(const pb::Framework& framework);
CrosswalkRules RulesOf(const pb::Crosswalk& crosswalk);

// The framework as the API shows it: the stored definition with status and version.
absl::StatusOr<pb::Framework> FrameworkOf(const StoredFramework& stored);

AssessmentInput InputOf(const pb::AssessmentRecord& record, FieldErrors& errors,
                        const std::string& prefix);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
