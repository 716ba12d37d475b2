// SkillProfiles over the assessment service's RPCs (GetSkillProfile, GetSkillProfiles,
// GetFramework) on the
// deployment's peer channel, forwarding the credentials of the call being served: one is made
// per call, from that call's ServerContext, so the assessment service decides what the caller
// may read.
#ifndef THAKSA_SERVICES_LEARNING_GRPC_SKILL_PROFILES_H_
#define THAKSA_SERVICES_LEARNING_GRPC_SKILL_PROFILES_H_

#include <grpcpp/grpcpp.h>

#include "common/server_main.h"
#include "services/learning/skill_profiles.h"

namespace thaksa::learning {

class GrpcSkillProfiles final : public SkillProfiles {
 public:
  // `peers` and `caller` must outlive this.
  GrpcSkillProfiles(const PeerChannel& peers, const grpc::ServerContext& caller)
      : peers_(peers), caller_(caller) {}

  absl::StatusOr<SkillProfile> Of(int64_t person_id) override;
  std::map<int64_t, absl::StatusOr<SkillProfile>> OfEach(
      const std::vector<int64_t>& person_ids) override;
  absl::StatusOr<std::set<std::string>> SkillSetsOf(const std::string& framework_code) override;

 private:
  const PeerChannel& peers_;
  const grpc::ServerContext& caller_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_GRPC_SKILL_PROFILES_H_
