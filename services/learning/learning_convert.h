// Conversions between the learning API messages and the learning domain's values: plans and
// their items (domain/plan.h), their mix (70:20:10, 70:30) and rule violations. Used by the
// learning service's adapter, by its MySQL store (which keeps plan items as the API message's
// JSON) and by the plan-mix reads that readiness sums.
#ifndef THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_
#define THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_

#include "services/learning/domain/learning_rules.h"
#include "services/learning/domain/plan.h"
#include "services/learning/domain/plan_import.h"
#include "services/learning/domain/work_application.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

// Every field of the item as given; a due date that is absent or all zero is no date (the
// request checks refuse impossible ones before this).
PlanItem FromProto(const v1::PlanItem& item);
v1::PlanItem ToProto(const PlanItem& item);

// The application as given (the request checks refuse an absent or impossible day before this;
// such a day is read as the epoch); and as stored.
WorkApplication FromProto(const v1::WorkApplication& application);
v1::WorkApplication ToProto(const WorkApplication& application);

// Statuses keep their numbers, values outside the enums included.
PlanStatus FromProto(v1::PlanStatus status);
v1::PlanStatus ToProto(PlanStatus status);

// The plan with its items; mix and violations are left unset.
v1::Plan ToProto(const Plan& plan);
// The plan with its mix by planned and achieved hours and its violations.
v1::Plan ToProto(const DescribedPlan& plan);

// The learning-mix rule where a framework version gives `given` (its learning_mix, or a skill
// profile's): its numbers, and the guideline's for those it leaves out.
MixPolicy MixPolicyOf(const assessment::v1::LearningMixPolicy& given);

// The answer to one record of BulkUpsertPlans, but its index and external id: the outcome, the
// plan and its version, for a plan written the mix and violations of `described`, for a
// rejection its kind and the fields at fault (the refusal's, or "person_id" with its message).
void ToProto(const PlanImportResult& result, const DescribedPlan& described,
             v1::BulkPlanResult* out);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_
