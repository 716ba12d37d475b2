// How the CLI (and tests driving its commands) make calls: bearer token and deadline.
#ifndef THAKSA_TOOLS_CLI_CALL_OPTIONS_H_
#define THAKSA_TOOLS_CLI_CALL_OPTIONS_H_

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/client_context.h"

namespace thaksa::cli {

struct CallOptions {
  // Sent as "authorization: Bearer <token>" when not empty.
  std::string token;
  // Deadline of each call, from when its context is made.
  absl::Duration timeout = absl::Seconds(30);
};

// A context carrying the options' token and deadline.
std::unique_ptr<grpc::ClientContext> NewContext(const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_CALL_OPTIONS_H_
