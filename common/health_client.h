// A client of the standard gRPC health service (grpc.health.v1.Health/Check), for tools and
// tests. The messages are tiny, so they are encoded by hand rather than generated.
#ifndef THAKSA_COMMON_HEALTH_CLIENT_H_
#define THAKSA_COMMON_HEALTH_CLIENT_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace thaksa {

// OK if the server behind `channel` answers SERVING for the whole server within `timeout`;
// otherwise the call's error, or UNAVAILABLE if it answered another health status.
absl::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel, absl::Duration timeout);

}  // namespace thaksa

#endif  // THAKSA_COMMON_HEALTH_CLIENT_H_
