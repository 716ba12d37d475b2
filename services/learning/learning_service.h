// The gRPC adapter of thaksa.learning.v1.LearningService: guard, check, convert, call the use
// case or the store, convert back. Plans go through PlanWorkflow (plan_workflow.h), bulk imports
// of plans through PlanImporter (plan_import.h), applications at work through WorkApplications
// (work_applications.h), with the assessment service's skill profiles
// read as the caller (GrpcSkillProfiles, one per call).
// Levels that institutes assessed are not sent from here: the store queues them in the outbox
// with the completion, and the AssessmentRelay delivers them.
#ifndef THAKSA_SERVICES_LEARNING_LEARNING_SERVICE_H_
#define THAKSA_SERVICES_LEARNING_LEARNING_SERVICE_H_

#include <functional>
#include <string>

#include "common/auth/call_guard.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/server_main.h"
#include "services/assessment/units/unit_catalogue.h"
#include "services/learning/plan_workflow.h"
#include "services/learning/store/learning_store.h"
#include "services/learning/work_applications.h"
#include "services/personnel/directory/directory.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"

namespace thaksa::learning {

class LearningService final : public v1::LearningService::Service {
 public:
  static constexpr size_t kBulkBatchSize = 500;

  // `outbox_written` is called after a call may have queued rows in the outbox (to wake the
  // relay).
  // `annex` gives the assessment service's codes of competency units and expected behaviours,
  // which courses' and plan items' codes are checked against.
  LearningService(LearningStore& store, WorkApplicationStore& applications,
                  assessment::AnnexReferences& annex, personnel::Directory& directory,
                  const Clock& clock, const CitizenIdHasher& hasher, const CallGuard& guard,
                  const PeerChannel& peers, std::function<void()> outbox_written)
      : store_(store),
        annex_(annex),
        directory_(directory),
        plans_(store, directory, clock),
        applications_(applications, directory, clock),
        clock_(clock),
        hasher_(hasher),
        guard_(guard),
        peers_(peers),
        outbox_written_(std::move(outbox_written)) {}

  grpc::Status UpsertInstitute(grpc::ServerContext* context, const v1::Institute* request,
                               v1::Institute* response) override;
  grpc::Status ListInstitutes(grpc::ServerContext* context, const v1::ListInstitutesRequest* request,
                              v1::ListInstitutesResponse* response) override;
  grpc::Status UpsertCourse(grpc::ServerContext* context, const v1::Course* request,
                            v1::Course* response) override;
  grpc::Status ListCourses(grpc::ServerContext* context, const v1::ListCoursesRequest* request,
                           v1::ListCoursesResponse* response) override;
  grpc::Status CreatePlan(grpc::ServerContext* context, const v1::CreatePlanRequest* request,
                          v1::Plan* response) override;
  grpc::Status AddPlanItem(grpc::ServerContext* context, const v1::AddPlanItemRequest* request,
                           v1::Plan* response) override;
  grpc::Status UpdatePlanItem(grpc::ServerContext* context,
                              const v1::UpdatePlanItemRequest* request,
                              v1::Plan* response) override;
  grpc::Status RemovePlanItem(grpc::ServerContext* context,
                              const v1::RemovePlanItemRequest* request,
                              v1::Plan* response) override;
  grpc::Status GetPlan(grpc::ServerContext* context, const v1::GetPlanRequest* request,
                       v1::Plan* response) override;
  grpc::Status ListPlans(grpc::ServerContext* context, const v1::ListPlansRequest* request,
                         v1::ListPlansResponse* response) override;
  grpc::Status BulkUpsertPlans(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BulkPlanResult, v1::PlanRecord>* stream) override;
  grpc::Status TransitionPlan(grpc::ServerContext* context,
                              const v1::TransitionPlanRequest* request,
                              v1::Plan* response) override;
  grpc::Status RevisePlan(grpc::ServerContext* context, const v1::RevisePlanRequest* request,
                          v1::Plan* response) override;
  grpc::Status CompletePlanItem(grpc::ServerContext* context,
                                const v1::CompletePlanItemRequest* request,
                                v1::Plan* response) override;
  grpc::Status ConfirmPlanItem(grpc::ServerContext* context,
                               const v1::ConfirmPlanItemRequest* request,
                               v1::Plan* response) override;
  grpc::Status RecordCompletions(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::CompletionResult, v1::CompletionRecord>* stream) override;
  grpc::Status GetCompletion(grpc::ServerContext* context, const v1::GetCompletionRequest* request,
                             v1::Completion* response) override;
  grpc::Status ListCompletionReviews(grpc::ServerContext* context,
                                     const v1::ListCompletionReviewsRequest* request,
                                     v1::ListCompletionReviewsResponse* response) override;
  grpc::Status ReviewCompletion(grpc::ServerContext* context,
                                const v1::ReviewCompletionRequest* request,
                                v1::Completion* response) override;
  grpc::Status RecordApplication(grpc::ServerContext* context,
                                 const v1::RecordApplicationRequest* request,
                                 v1::WorkApplication* response) override;
  grpc::Status ConfirmApplication(grpc::ServerContext* context,
                                  const v1::ConfirmApplicationRequest* request,
                                  v1::WorkApplication* response) override;
  grpc::Status ListApplications(grpc::ServerContext* context,
                                const v1::ListApplicationsRequest* request,
                                v1::ListApplicationsResponse* response) override;

 private:
  // Runs `body` in the guard as the plan call of `context`'s caller (skill profiles read as
  // them) and answers the plan it gives. `target` is the call's audit target.
  grpc::Status RunPlanCall(
      grpc::ServerContext& context, absl::string_view method, AuditTarget target,
      const std::function<absl::StatusOr<DescribedPlan>(const PlanCall&)>& body,
      v1::Plan* response);

  LearningStore& store_;
  assessment::AnnexReferences& annex_;
  personnel::Directory& directory_;
  PlanWorkflow plans_;
  WorkApplications applications_;
  const Clock& clock_;
  const CitizenIdHasher& hasher_;
  const CallGuard& guard_;
  const PeerChannel& peers_;
  const std::function<void()> outbox_written_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_LEARNING_SERVICE_H_
