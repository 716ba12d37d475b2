#include "services/learning/grpc_assessment_delivery.h"

#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "grpcpp/client_context.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"

namespace thaksa::learning {

namespace apb = ::thaksa::assessment::v1;

DeliveryAnswer GrpcAssessmentDelivery::Send(const std::string& institute,
                                            int64_t on_behalf_of_token_id,
                                            const std::vector<apb::AssessmentRecord>& records) {
  DeliveryAnswer answer;
  std::shared_ptr<grpc::Channel> channel = peers_.Get();
  if (channel == nullptr) {
    answer.call = absl::UnavailableError("the assessment service is not reachable yet");
    return answer;
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMilliseconds(call_timeout_));
  context.AddMetadata("authorization", absl::StrCat("Bearer ", credential_.token()));
  context.AddMetadata(kServiceInstituteMetadata, institute);
  if (on_behalf_of_token_id > 0) {
    context.AddMetadata(kServiceOnBehalfOfTokenMetadata, absl::StrCat(on_behalf_of_token_id));
  }
  auto stream = apb::AssessmentService::NewStub(channel)->BulkRecordAssessments(&context);
  for (const apb::AssessmentRecord& record : records) {
    if (!stream->Write(record)) break;  // the call ended; Finish says why
  }
  stream->WritesDone();
  apb::BulkAssessmentResult result;
  while (stream->Read(&result)) answer.results.push_back(result);
  answer.call = FromGrpcStatus(stream->Finish());
  return answer;
}

}  // namespace thaksa::learning
