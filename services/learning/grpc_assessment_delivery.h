// AssessmentDelivery over AssessmentService.BulkRecordAssessments on the deployment's peer
// channel, as the SERVICE principal (the service credential) acting for the batch's institute
// (metadata x-thaksa-institute) on behalf of the token the records are attributed to (metadata
// x-thaksa-on-behalf-of-token, when known). One stream per batch, with a deadline.
#ifndef THAKSA_SERVICES_LEARNING_GRPC_ASSESSMENT_DELIVERY_H_
#define THAKSA_SERVICES_LEARNING_GRPC_ASSESSMENT_DELIVERY_H_

#include "absl/time/time.h"
#include "common/auth/service_credential.h"
#include "common/server_main.h"
#include "services/learning/assessment_delivery.h"

namespace thaksa::learning {

class GrpcAssessmentDelivery final : public AssessmentDelivery {
 public:
  // `peers` and `credential` must outlive this; `call_timeout` is each call's deadline.
  GrpcAssessmentDelivery(const PeerChannel& peers, const ServiceCredential& credential,
                         absl::Duration call_timeout)
      : peers_(peers), credential_(credential), call_timeout_(call_timeout) {}

  bool Ready() const override { return peers_.Get() != nullptr; }
  DeliveryAnswer Send(
      const std::string& institute, int64_t on_behalf_of_token_id,
      const std::vector<::thaksa::assessment::v1::AssessmentRecord>& records) override;

 private:
  const PeerChannel& peers_;
  const ServiceCredential& credential_;
  const absl::Duration call_timeout_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_GRPC_ASSESSMENT_DELIVERY_H_
