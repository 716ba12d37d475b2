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

// Calls `method` of the assessment service with `request` on the peer channel as the caller
// of `caller`; UNAVAILABLE if there is no channel yet.
template <typename Request, typename Response>
absl::StatusOr<Response> Ask(const PeerChannel& peers, const grpc::ServerContext& caller,
                             grpc::Status (apb::AssessmentService::Stub::*method)(
                                 grpc::ClientContext*, const Request&, Response*),
                             const Request& request) {
  std::shared_ptr<grpc::Channel> channel = peers.Get();
  if (channel == nullptr) return absl::UnavailableError("the assessment service is not reachable");
  Response response;
  const grpc::Status status = (*apb::AssessmentService::NewStub(channel).*method)(
      Forwarded(caller).get(), request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

}  // namespace

absl::StatusOr<SkillProfile> GrpcSkillProfiles::Of(int64_t person_id) {
  apb::GetSkillProfileRequest request;
  request.set_person_id(person_id);
  ASSIGN_OR_RETURN(const apb::SkillProfile profile,
                   Ask(peers_, caller_, &apb::AssessmentService::Stub::GetSkillProfile, request));
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
  apb::GetFrameworkRequest request;
  request.set_code(framework_code);
  ASSIGN_OR_RETURN(const apb::Framework framework,
                   Ask(peers_, caller_, &apb::AssessmentService::Stub::GetFramework, request));
  std::set<std::string> codes;
  for (const apb::SkillSet& skill_set : framework.skill_sets()) codes.insert(skill_set.code());
  return codes;
}

}  // namespace thaksa::learning
