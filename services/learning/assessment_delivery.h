// The port through which the assessment relay delivers the outbox's records: one call per
// institute (and token the records are attributed to) with a batch of records, answered with a
// result per record the receiver got to, and how the call ended.
// GrpcAssessmentDelivery (grpc_assessment_delivery.h) implements it over the peer channel;
// the relay's unit tests use tests/support/fake_outbox.h.
#ifndef THAKSA_SERVICES_LEARNING_ASSESSMENT_DELIVERY_H_
#define THAKSA_SERVICES_LEARNING_ASSESSMENT_DELIVERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::learning {

// What the receiver answered to one batch.
struct DeliveryAnswer {
  // A result per record it answered for, `index` being the record's position in the batch; in
  // any order, possibly not all of them (a call that failed part way).
  std::vector<::thaksa::assessment::v1::BulkAssessmentResult> results;
  // How the call ended: OK, or why it failed (the results above stand all the same).
  absl::Status call;
};

class AssessmentDelivery {
 public:
  virtual ~AssessmentDelivery() = default;
  // False while there is nowhere to deliver to yet (before the server has set the peer channel).
  virtual bool Ready() const = 0;
  // Records `records` at the assessment service for `institute`, attributed to the token with id
  // `on_behalf_of_token_id` (0: none known).
  virtual DeliveryAnswer Send(
      const std::string& institute, int64_t on_behalf_of_token_id,
      const std::vector<::thaksa::assessment::v1::AssessmentRecord>& records) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_ASSESSMENT_DELIVERY_H_
