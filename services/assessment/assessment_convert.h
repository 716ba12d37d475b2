// Conversions between the assessment API messages, their stored JSON and the domain rules.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/proto_json.h"
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

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_CONVERT_H_
