// The gRPC adapter of thaksa.assessment.v1.AssessmentService: each handler checks and converts
// the request, calls the use case (assessment_recording, framework_lifecycle, agency_frameworks,
// assessment_scope, skill_profile, behaviour_checklist) or the store, and converts the answer
// back.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SERVICE_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SERVICE_H_

#include "common/auth/call_guard.h"
#include "common/clock.h"
#include "services/assessment/store/assessment_store.h"
#include "services/assessment/units/unit_catalogue.h"
#include "services/learning/catalogue/catalogue.h"
#include "services/learning/store/goal_activity_reads.h"
#include "services/personnel/directory/directory.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"

namespace thaksa::assessment {

class AssessmentService final : public v1::AssessmentService::Service {
 public:
  // Records per store transaction in BulkRecordAssessments.
  static constexpr size_t kBulkBatchSize = 1000;
  // People per GetSkillProfiles call.
  static constexpr int kMaxProfilesPerCall = 1000;

  // `catalogue` is learning's published read of institutes' trust, for records by institutes;
  // `units` the competency-unit catalogue; `activities` learning's published read of people's
  // development activities, for behaviour checklists.
  AssessmentService(AssessmentStore& store, personnel::Directory& directory,
                    learning::Catalogue& catalogue, UnitCatalogue& units,
                    learning::GoalActivityReads& activities, const Clock& clock,
                    const CallGuard& guard)
      : store_(store),
        directory_(directory),
        catalogue_(catalogue),
        units_(units),
        activities_(activities),
        clock_(clock),
        guard_(guard) {}

  grpc::Status CreateFramework(grpc::ServerContext* context,
                               const v1::CreateFrameworkRequest* request,
                               v1::Framework* response) override;
  grpc::Status UpdateFramework(grpc::ServerContext* context,
                               const v1::UpdateFrameworkRequest* request,
                               v1::Framework* response) override;
  grpc::Status SetFrameworkStatus(grpc::ServerContext* context,
                                  const v1::SetFrameworkStatusRequest* request,
                                  v1::Framework* response) override;
  grpc::Status GetFramework(grpc::ServerContext* context, const v1::GetFrameworkRequest* request,
                            v1::Framework* response) override;
  grpc::Status ListFrameworks(grpc::ServerContext* context,
                              const v1::ListFrameworksRequest* request,
                              v1::ListFrameworksResponse* response) override;
  grpc::Status PutCrosswalk(grpc::ServerContext* context, const v1::Crosswalk* request,
                            v1::Crosswalk* response) override;
  grpc::Status PutBehaviours(grpc::ServerContext* context, const v1::PutBehavioursRequest* request,
                             v1::PutBehavioursResponse* response) override;
  grpc::Status ListBehaviours(grpc::ServerContext* context,
                              const v1::ListBehavioursRequest* request,
                              v1::ListBehavioursResponse* response) override;
  grpc::Status SetAgencyFramework(grpc::ServerContext* context,
                                  const v1::SetAgencyFrameworkRequest* request,
                                  v1::AgencyFramework* response) override;
  grpc::Status SetOptionalSkillSet(grpc::ServerContext* context,
                                   const v1::SetOptionalSkillSetRequest* request,
                                   v1::AgencyFramework* response) override;
  grpc::Status GetAgencyFramework(grpc::ServerContext* context,
                                  const v1::GetAgencyFrameworkRequest* request,
                                  v1::AgencyFramework* response) override;
  grpc::Status RecordAssessment(grpc::ServerContext* context,
                                const v1::RecordAssessmentRequest* request,
                                v1::RecordAssessmentResponse* response) override;
  grpc::Status BulkRecordAssessments(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BulkAssessmentResult, v1::AssessmentRecord>* stream) override;
  grpc::Status ListAssessments(grpc::ServerContext* context,
                               const v1::ListAssessmentsRequest* request,
                               v1::ListAssessmentsResponse* response) override;
  grpc::Status GetSkillProfile(grpc::ServerContext* context,
                               const v1::GetSkillProfileRequest* request,
                               v1::SkillProfile* response) override;
  grpc::Status GetSkillProfiles(grpc::ServerContext* context,
                                const v1::GetSkillProfilesRequest* request,
                                v1::GetSkillProfilesResponse* response) override;
  grpc::Status GetBehaviourChecklist(grpc::ServerContext* context,
                                     const v1::GetBehaviourChecklistRequest* request,
                                     v1::BehaviourChecklist* response) override;
  grpc::Status PutCompetencyUnits(grpc::ServerContext* context,
                                  const v1::PutCompetencyUnitsRequest* request,
                                  v1::PutCompetencyUnitsResponse* response) override;
  grpc::Status ListCompetencyUnits(grpc::ServerContext* context,
                                   const v1::ListCompetencyUnitsRequest* request,
                                   v1::ListCompetencyUnitsResponse* response) override;
  grpc::Status CheckUnitCodes(grpc::ServerContext* context,
                              const v1::CheckUnitCodesRequest* request,
                              v1::CheckUnitCodesResponse* response) override;

 private:
  absl::CivilDay Today() const;
  // The person a request asks about (person_id) as `principal` may see them on the day it asks
  // (as_of, or today), and that day.
  struct PersonAsked {
    PersonContext person;
    absl::CivilDay on;
  };
  absl::StatusOr<PersonAsked> AskedPerson(const Principal& principal, int64_t person_id,
                                          const common::v1::Date& as_of, bool has_as_of) const;

  AssessmentStore& store_;
  personnel::Directory& directory_;
  learning::Catalogue& catalogue_;
  UnitCatalogue& units_;
  learning::GoalActivityReads& activities_;
  const Clock& clock_;
  const CallGuard& guard_;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SERVICE_H_
