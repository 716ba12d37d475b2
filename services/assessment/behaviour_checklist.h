// The annex checklist of a person on a day (GetBehaviourChecklist): the behaviours expected of
// their group in their agency's declared period, with the evidence of their assessments and of
// their development activities (learning's published GoalActivityReads) checked by
// CheckBehaviours.
#ifndef THAKSA_SERVICES_ASSESSMENT_BEHAVIOUR_CHECKLIST_H_
#define THAKSA_SERVICES_ASSESSMENT_BEHAVIOUR_CHECKLIST_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/store/assessment_store.h"
#include "services/learning/store/goal_activity_reads.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// FAILED_PRECONDITION if `person` had no assignment on `on`, or no period was declared for
// their agency's fiscal year then.
absl::StatusOr<v1::BehaviourChecklist> BehaviourChecklistOf(AssessmentStore& store,
                                                            learning::GoalActivityReads& activities,
                                                            const PersonContext& person,
                                                            absl::CivilDay on);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_BEHAVIOUR_CHECKLIST_H_
