#include "services/learning/grpc_skill_profiles.h"

#include <chrono>
#include <memory>

#include "common/grpc_status.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;

// A context for calling a peer service on behalf of `incoming`'s caller.
std::unique_ptr<grpc::ClientContext> Forwarded(const grpc::ServerContext& incoming) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  for (const char* key : {"authorization", "x-request-id"}) {
    auto it = incoming.client_metadata().find(key);
    if (it != incoming.client_metadata().end()) {
      context->AddMetadata(key, std::string(it->second.data(), it->second.size()));
    }
  }
  return context;
}

// A stub of the assessment service on the peer channel; UNAVAILABLE if there is none.
absl::StatusOr<std::unique_ptr<apb::AssessmentService::Stub>> Assessment(const PeerChannel& peers) {
  std::shared_ptr<grpc::Channel> channel = peers.Get();
  if (channel == nullptr) return absl::UnavailableError("the assessment service is not reachable");
  return apb::AssessmentService::NewStub(channel);
}

}  // namespace

absl::StatusOr<SkillProfile> GrpcSkillProfiles::Of(int64_t person_id) {
  ASSIGN_OR_RETURN(std::unique_ptr<apb::AssessmentService::Stub> stub, Assessment(peers_));
  apb::GetSkillProfileRequest request;
  request.set_person_id(person_id);
  apb::SkillProfile profile;
  grpc::Status status = stub->GetSkillProfile(Forwarded(caller_).get(), request, &profile);
  if (!status.ok()) return FromGrpcStatus(status);
  SkillProfile out;
  out.framework_code = profile.framework_code();
  for (const apb::SkillStanding& s : profile.standings()) {
    if (s.skill_set().kind() != apb::SKILL_SET_KIND_FOUNDATION) continue;
    out.foundation_sets.push_back(s.skill_set().code());
    if (s.status() == apb::STANDING_STATUS_MEETS) out.met_sets.insert(s.skill_set().code());
  }
  return out;
}

absl::StatusOr<std::set<std::string>> GrpcSkillProfiles::SkillSetsOf(
    const std::string& framework_code) {
  ASSIGN_OR_RETURN(std::unique_ptr<apb::AssessmentService::Stub> stub, Assessment(peers_));
  apb::GetFrameworkRequest request;
  request.set_code(framework_code);
  apb::Framework framework;
  grpc::Status status = stub->GetFramework(Forwarded(caller_).get(), request, &framework);
  if (!status.ok()) return FromGrpcStatus(status);
  std::set<std::string> codes;
  for (const apb::SkillSet& skill_set : framework.skill_sets()) codes.insert(skill_set.code());
  return codes;
}

}  // namespace thaksa::learning
