// The one place where absl::Status and grpc::Status meet.
#ifndef THAKSA_COMMON_GRPC_STATUS_H_
#define THAKSA_COMMON_GRPC_STATUS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/status.h"
#include "grpcpp/support/status.h"

// In an RPC handler: returns ToGrpcStatus(expr) if the absl::Status `expr` is not OK.
#define RETURN_IF_ERROR_GRPC(expr)                                         \
  do {                                                                     \
    ::absl::Status thaksa_rpc_status_ = (expr);                            \
    if (!thaksa_rpc_status_.ok()) return ::thaksa::ToGrpcStatus(thaksa_rpc_status_); \
  } while (false)

// In an RPC handler: unwraps the absl::StatusOr `rexpr` into `lhs`, or returns its status.
#define ASSIGN_OR_RETURN_GRPC(lhs, rexpr) \
  ASSIGN_OR_RETURN_GRPC_IMPL_(THAKSA_STATUS_CONCAT_(thaksa_rpc_or_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_GRPC_IMPL_(statusor, lhs, rexpr)                  \
  auto statusor = (rexpr);                                                 \
  if (!statusor.ok()) return ::thaksa::ToGrpcStatus(statusor.status());    \
  lhs = std::move(statusor).value()

namespace thaksa {

// Converts a status for the wire. Field violations become a google.rpc.Status detail
// (google.rpc.BadRequest) in the standard grpc-status-details-bin trailer.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Converts a status received from a server back, keeping its field violations.
absl::Status FromGrpcStatus(const grpc::Status& status);

// A one-line, human-readable description of a failed call, with its field violations.
std::string DescribeGrpcStatus(const grpc::Status& status);

}  // namespace thaksa

#endif  // THAKSA_COMMON_GRPC_STATUS_H_
