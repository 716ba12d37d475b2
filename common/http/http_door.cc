#include "common/http/http_door.h"

#include <httplib.h>

#include <algorithm>
#include <exception>

#include "absl/memory/memory.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/http/dashboard.h"
#include "common/http/openapi.h"
#include "common/http/rest_api.h"
#include "common/http/session_api.h"
#include "common/http/transcoding.h"
#include "common/http/xapi_api.h"
#include "common/log.h"
#include "common/status.h"

namespace thaksa::http {
namespace {

// Splits "host:port" ("[::1]:8080" too).
absl::StatusOr<std::pair<std::string, int>> HostAndPort(absl::string_view address) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("'", address, "' is not host:port"));
  }
  absl::string_view host = address.substr(0, colon);
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  return std::make_pair(std::string(host), port);
}

std::unique_ptr<httplib::Server> NewServer(const ServerTls& tls) {
  if (tls.cert_file.empty()) return std::make_unique<httplib::Server>();
  return std::make_unique<httplib::SSLServer>(
      tls.cert_file.c_str(), tls.key_file.c_str(),
      tls.client_ca_file.empty() ? nullptr : tls.client_ca_file.c_str());
}

void ServeXapi(httplib::Server& server, const std::shared_ptr<const XapiApi>& xapi) {
  server.Get("/xapi/about", [](const httplib::Request&, httplib::Response& response) {
    XapiApi::About(response);
  });
  server.Get("/xapi/statements", [xapi](const httplib::Request& request, httplib::Response& response) {
    xapi->Statements(request, response, nullptr);
  });
  auto record = [xapi](const httplib::Request& request, httplib::Response& response,
                       const httplib::ContentReader& body) {
    xapi->Statements(request, response, &body);
  };
  server.Post("/xapi/statements", record);
  server.Put("/xapi/statements", record);
}

// Registered after every route: anywhere else a body is refused (httplib would otherwise read it
// whole first). A small one is read and dropped, so that the client, still sending, gets the
// answer; of a larger one no more than that is read.
void RefuseBodiesElsewhere(httplib::Server& server) {
  auto nothing_here = [](const httplib::Request& request, httplib::Response& response,
                         const httplib::ContentReader& body) {
    size_t dropped = 0;
    body([&dropped](const char*, size_t length) { return (dropped += length) <= (64 << 10); });
    AnswerError(response, absl::NotFoundError(absl::StrCat("nothing is at ", request.path)));
  };
  server.Delete(".*", nothing_here);
  server.Post(".*", nothing_here);
  server.Put(".*", nothing_here);
  server.Patch(".*", nothing_here);
}

void ServeSessions(httplib::Server& server, const std::shared_ptr<const SessionApi>& sessions) {
  server.Post("/session", [sessions](const httplib::Request& request, httplib::Response& response,
                                     const httplib::ContentReader& body) {
    sessions->SignIn(request, response, body);
  });
  server.Delete("/session", [sessions](const httplib::Request& request,
                                       httplib::Response& response, const httplib::ContentReader&) {
    sessions->SignOut(request, response);
  });
}

void ServeApi(httplib::Server& server, const std::shared_ptr<const RestApi>& api) {
  const char* const kApi = R"(/v1/.*)";
  // Answers may hold personal data: no cache keeps them.
  auto without_body = [api](const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    api->Serve(request, response, nullptr);
  };
  auto with_body = [api](const httplib::Request& request, httplib::Response& response,
                         const httplib::ContentReader& body) {
    response.set_header("Cache-Control", "no-store");
    api->Serve(request, response, &body);
  };
  server.Get(kApi, without_body);
  server.Delete(kApi, with_body);
  server.Post(kApi, with_body);
  server.Put(kApi, with_body);
  server.Patch(kApi, with_body);
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpDoor>> HttpDoor::Start(const HttpDoorOptions& options,
                                                          ChannelSource channel,
                                                          ReadinessCheck ready,
                                                          MetricsSource metrics) {
  RETURN_IF_ERROR(CheckServerTls(options.tls, options.listen));
  ASSIGN_OR_RETURN(const auto host_port, HostAndPort(options.listen));
  ASSIGN_OR_RETURN(RouteTable routes, RouteTable::FromServices(ApiServices()));
  auto door = absl::WrapUnique(new HttpDoor());
  door->server_ = NewServer(options.tls);
  httplib::Server& server = *door->server_;
  if (!server.is_valid()) {
    return absl::FailedPreconditionError("cannot load the TLS certificate, key or client CA");
  }
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // The door applies its own limits, which name themselves; httplib's is only a backstop.
  server.set_payload_max_length(static_cast<size_t>(
      std::max<int64_t>(options.max_bulk_body_bytes, options.max_message_bytes) + 1));
  server.set_read_timeout(std::chrono::seconds(30));
  server.set_write_timeout(std::chrono::seconds(30));
  // One request per connection: a body left unread (refused, or on a route that takes none)
  // can never be taken for the next request.
  server.set_keep_alive_max_count(1);

  const std::string openapi = OpenApiDocument(routes);
  door->xapi_ = std::make_shared<const XapiApi>(channel, options);
  door->sessions_ = std::make_shared<const SessionApi>(channel, options);
  auto api = std::make_shared<const RestApi>(std::move(routes), std::move(channel), options);
  door->api_ = api;
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"status":"SERVING"})", kJsonType);
  });
  server.Get("/readyz", [ready](const httplib::Request&, httplib::Response& response) {
    if (!ready().ok()) {
      AnswerError(response, absl::UnavailableError("the database cannot be reached"));
      return;
    }
    response.set_content(R"({"status":"SERVING"})", kJsonType);
  });
  server.Get("/metrics", [metrics](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    response.set_content(metrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
  server.Get("/v1/openapi.json", [openapi](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "public, max-age=300");
    response.set_content(openapi, kJsonType);
  });
  ServeApi(server, api);
  ServeXapi(server, door->xapi_);
  ServeSessions(server, door->sessions_);
  ServeDashboard(server);
  RefuseBodiesElsewhere(server);
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty() || response.has_header("Content-Type")) return;
    if (response.status == 404) {
      AnswerError(response, absl::NotFoundError(absl::StrCat("nothing is at ", request.path)));
    } else if (response.status == 413) {
      AnswerError(response, absl::ResourceExhaustedError("the body is larger than the door takes"),
                  413);
    }
  });
  server.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        LogEvent("http_handler_failed", {{"path", request.path}, {"error", what}});
        AnswerError(response, absl::InternalError("internal error"));
      });
  server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    LogEvent("http", {{"method", request.method},
                      {"path", request.path},
                      {"status", absl::StrCat(response.status)}});
  });

  const auto& [host, port] = host_port;
  door->port_ = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (door->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  door->listener_ = std::thread([&server] { server.listen_after_bind(); });
  return door;
}

HttpDoor::~HttpDoor() {
  // Calls under way end now instead of being waited for.
  if (api_ != nullptr) api_->Stop();
  if (xapi_ != nullptr) xapi_->Stop();
  if (sessions_ != nullptr) sessions_->Stop();
  if (server_ != nullptr) server_->stop();
  if (listener_.joinable()) listener_.join();
}

}  // namespace thaksa::http
