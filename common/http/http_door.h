// The HTTP door of a server, beside its gRPC port: REST/JSON for every RPC, with the routes
// declared by the protos' google.api.http options; the OpenAPI document of those routes at
// /v1/openapi.json; an xAPI subset for learning platforms at /xapi/ (xapi_api.h); the dashboard
// for CIO offices at / (dashboard.h) with signing in and out at /session (session_api.h);
// /healthz and /readyz for load balancers; /metrics for Prometheus (no token: it names methods and
// counts, never people). Each request becomes a call of the service over
// `channel`, so the same bearer tokens, guard, limits and audit apply.
#ifndef THAKSA_COMMON_HTTP_HTTP_DOOR_H_
#define THAKSA_COMMON_HTTP_HTTP_DOOR_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/http/routes.h"
#include "common/tls.h"
#include "grpcpp/channel.h"

namespace httplib {
class Server;
}

namespace thaksa::http {

class RestApi;
class XapiApi;
class SessionApi;

struct HttpDoorOptions {
  std::string listen;  // host:port; port 0 picks a free one
  ServerTls tls;       // HTTPS when it has a certificate (the same rules as the gRPC port)
  int max_message_bytes = 4 << 20;           // largest body of a single call
  int64_t max_bulk_body_bytes = int64_t{4} << 30;  // largest body of a bulk call
  absl::Duration call_deadline = absl::Minutes(10);  // for calls other than bulk ones
  int64_t max_stream_records = 5'000'000;           // records one bulk body may hold
  int threads = 32;                          // requests served at once
};

// The channel to the services (set once the gRPC server runs), and whether the server can
// answer calls now (OK) or not (the reason).
using ChannelSource = std::function<std::shared_ptr<grpc::Channel>()>;
using ReadinessCheck = std::function<absl::Status()>;
// The process's metrics in the Prometheus text format.
using MetricsSource = std::function<std::string()>;

class HttpDoor final {
 public:
  // Listens and serves in threads of its own until destroyed.
  static absl::StatusOr<std::unique_ptr<HttpDoor>> Start(const HttpDoorOptions& options,
                                                         ChannelSource channel,
                                                         ReadinessCheck ready,
                                                         MetricsSource metrics);
  ~HttpDoor();
  HttpDoor(const HttpDoor&) = delete;
  HttpDoor& operator=(const HttpDoor&) = delete;

  int port() const { return port_; }

 private:
  HttpDoor() = default;

  std::shared_ptr<const RestApi> api_;
  std::shared_ptr<const XapiApi> xapi_;
  std::shared_ptr<const SessionApi> sessions_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_HTTP_DOOR_H_
