#include "services/learning/grpc_skill_profiles.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "common/grpc_status.h"
#include "services/learning/learning_convert.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;

// People per GetSkillProfiles request (the most it takes).
constexpr size_t kProfilesPerRequest = 1000;

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

// The profile as the plan rules see it.
SkillProfile ProfileOf(const apb::SkillProfile& profile) {
  SkillProfile out;
  out.framework_code = profile.framework_code();
  out.mix_policy = MixPolicyOf(profile.learning_mix());
  for (const apb::SkillStanding& s : profile.standings()) {
    if (s.skill_set().kind() != apb::SKILL_SET_KIND_FOUNDATION) continue;
    out.foundation_sets.push_back(s.skill_set().code());
    if (s.status() == apb::STANDING_STATUS_MEETS) out.met_sets.insert(s.skill_set().code());
  }
  return out;
}

// The error the assessment service gave for one person of GetSkillProfiles.
absl::Status ErrorOf(const apb::PersonSkillProfile& answer) {
  absl::StatusCode code = absl::StatusCode::kUnknown;
  for (int c = 0; c <= static_cast<int>(absl::StatusCode::kUnauthenticated); ++c) {
    if (absl::StatusCodeToString(static_cast<absl::StatusCode>(c)) == answer.error_code()) {
      code = static_cast<absl::StatusCode>(c);
    }
  }
  return absl::Status(code, answer.error_message());
}

}  // namespace

absl::StatusOr<SkillProfile> GrpcSkillProfiles::Of(int64_t person_id) {
  apb::GetSkillProfileRequest request;
  request.set_person_id(person_id);
  ASSIGN_OR_RETURN(const apb::SkillProfile profile,
                   Ask(peers_, caller_, &apb::AssessmentService::Stub::GetSkillProfile, request));
  return ProfileOf(profile);
}

std::map<int64_t, absl::StatusOr<SkillProfile>> GrpcSkillProfiles::OfEach(
    const std::vector<int64_t>& person_ids) {
  std::map<int64_t, absl::StatusOr<SkillProfile>> profiles;
  for (size_t start = 0; start < person_ids.size(); start += kProfilesPerRequest) {
    const size_t end = std::min(person_ids.size(), start + kProfilesPerRequest);
    apb::GetSkillProfilesRequest request;
    request.mutable_person_ids()->Add(person_ids.begin() + start, person_ids.begin() + end);
    const absl::StatusOr<apb::GetSkillProfilesResponse> response =
        Ask(peers_, caller_, &apb::AssessmentService::Stub::GetSkillProfiles, request);
    // Each person's own answer replaces this.
    const absl::Status unanswered =
        response.ok() ? absl::InternalError("the assessment service gave no profile")
                      : response.status();
    for (size_t i = start; i < end; ++i) profiles.emplace(person_ids[i], unanswered);
    if (!response.ok()) continue;
    for (const apb::PersonSkillProfile& answer : response->profiles()) {
      if (answer.error_code().empty()) {
        profiles.insert_or_assign(answer.person_id(), ProfileOf(answer.profile()));
      } else {
        profiles.insert_or_assign(answer.person_id(), ErrorOf(answer));
      }
    }
  }
  return profiles;
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
