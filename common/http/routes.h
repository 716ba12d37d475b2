// The HTTP routes of the API: every RPC's google.api.http rule (and its additional bindings),
// read from the services' descriptors, and the lookup of a request's route.
#ifndef THAKSA_COMMON_HTTP_ROUTES_H_
#define THAKSA_COMMON_HTTP_ROUTES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/http/path_template.h"
#include "google/protobuf/descriptor.h"

namespace thaksa::http {

struct Route {
  std::string http_method;  // "GET", "POST", "PUT", "PATCH" or "DELETE"
  PathTemplate path;
  // Where the request message comes from besides the path: "*" the whole JSON body, a field
  // name that field from the JSON body (the other fields from the query), "" the query only.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;

  // True for methods that take a stream of records (the bulk calls).
  bool TakesStream() const { return method->client_streaming(); }
  // True for methods that answer a file in parts (CsvChunk), which the door answers whole.
  bool AnswersAFile() const {
    return method->output_type()->full_name() == "thaksa.readiness.v1.CsvChunk";
  }
};

struct RouteMatch {
  enum class Kind { kFound, kNoSuchPath, kMethodNotAllowed };
  Kind kind = Kind::kNoSuchPath;
  const Route* route = nullptr;
  PathVariables variables;
  std::vector<std::string> allowed_methods;  // for kMethodNotAllowed
};

class RouteTable final {
 public:
  // The routes of every method of `services` that has a google.api.http option; an invalid
  // rule is INVALID_ARGUMENT naming the method.
  static absl::StatusOr<RouteTable> FromServices(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  RouteMatch Find(absl::string_view http_method, absl::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The descriptors of the API's services.
std::vector<const google::protobuf::ServiceDescriptor*> ApiServices();

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_ROUTES_H_
