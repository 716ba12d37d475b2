// The REST/JSON door's handling of one request: the route, the request message made of the path,
// query and body, the call of the service, and the answer as JSON (bulk calls: a line per record;
// CSV exports: the file).
#ifndef THAKSA_COMMON_HTTP_REST_API_H_
#define THAKSA_COMMON_HTTP_REST_API_H_

#include <httplib.h>

#include "common/http/http_door.h"
#include "common/http/routes.h"

namespace thaksa::http {

class RestApi final {
 public:
  RestApi(RouteTable routes, ChannelSource channel, const HttpDoorOptions& options)
      : routes_(std::move(routes)), channel_(std::move(channel)), options_(options) {}

  // Answers `request`; `body` reads its body (nullptr for methods without one).
  void Serve(const httplib::Request& request, httplib::Response& response,
             const httplib::ContentReader* body) const;

  const RouteTable& routes() const { return routes_; }

 private:
  void Call(const Route& route, const PathVariables& variables, const httplib::Request& request,
            const httplib::ContentReader* body, httplib::Response& response) const;
  void CallWithRecords(const Route& route, const httplib::Request& request,
                       const httplib::ContentReader& body, httplib::Response& response) const;

  RouteTable routes_;
  ChannelSource channel_;
  HttpDoorOptions options_;
};

// Answers `status` as JSON ({"error": ...}) with its HTTP status.
void AnswerError(httplib::Response& response, const absl::Status& status);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_REST_API_H_
