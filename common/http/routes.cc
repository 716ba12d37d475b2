#include "common/http/routes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.pb.h"
#include "thaksa/access/v1/access.pb.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/ops/v1/ops.pb.h"
#include "thaksa/personnel/v1/personnel.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;

absl::Status AddRule(const gpb::MethodDescriptor& method, const google::api::HttpRule& rule,
                     std::vector<Route>& routes) {
  std::string http_method, path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet: http_method = "GET", path = rule.get(); break;
    case google::api::HttpRule::kPost: http_method = "POST", path = rule.post(); break;
    case google::api::HttpRule::kPut: http_method = "PUT", path = rule.put(); break;
    case google::api::HttpRule::kPatch: http_method = "PATCH", path = rule.patch(); break;
    case google::api::HttpRule::kDelete: http_method = "DELETE", path = rule.delete_(); break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(method.full_name(), ": only get, post, put, patch and delete rules"));
  }
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(path);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(method.full_name(), ": ", parsed.status().message()));
  }
  const std::string& body = rule.body();
  if (!body.empty() && body != "*") {
    const gpb::FieldDescriptor* field = method.input_type()->FindFieldByName(body);
    if (field == nullptr || field->message_type() == nullptr || field->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(method.full_name(), ": body '", body, "' is not a message field"));
    }
  }
  if (method.client_streaming() && body != "*") {
    return absl::InvalidArgumentError(
        absl::StrCat(method.full_name(), ": a stream of records needs body \"*\""));
  }
  routes.push_back({http_method, *std::move(parsed), body, &method});
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RouteTable> RouteTable::FromServices(
    const std::vector<const gpb::ServiceDescriptor*>& services) {
  RouteTable table;
  for (const gpb::ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const gpb::MethodDescriptor& method = *service->method(i);
      if (!method.options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule = method.options().GetExtension(google::api::http);
      if (absl::Status added = AddRule(method, rule, table.routes_); !added.ok()) return added;
      for (const google::api::HttpRule& binding : rule.additional_bindings()) {
        if (absl::Status added = AddRule(method, binding, table.routes_); !added.ok()) return added;
      }
    }
  }
  return table;
}

RouteMatch RouteTable::Find(absl::string_view http_method, absl::string_view path) const {
  RouteMatch match;
  for (const Route& route : routes_) {
    std::optional<PathVariables> variables = route.path.Match(path);
    if (!variables.has_value()) continue;
    if (route.http_method == http_method) {
      match.kind = RouteMatch::Kind::kFound;
      match.route = &route;
      match.variables = *std::move(variables);
      return match;
    }
    match.kind = RouteMatch::Kind::kMethodNotAllowed;
    if (std::find(match.allowed_methods.begin(), match.allowed_methods.end(),
                  route.http_method) == match.allowed_methods.end()) {
      match.allowed_methods.push_back(route.http_method);
    }
  }
  return match;
}

std::vector<const gpb::ServiceDescriptor*> ApiServices() {
  // A message of each API file, which also links the file's descriptors into the binary.
  const gpb::FileDescriptor* files[] = {
      access::v1::TokenInfo::descriptor()->file(),
      personnel::v1::Agency::descriptor()->file(),
      assessment::v1::Framework::descriptor()->file(),
      learning::v1::Institute::descriptor()->file(),
      readiness::v1::Readiness::descriptor()->file(),
      ops::v1::ServerStatus::descriptor()->file(),
  };
  std::vector<const gpb::ServiceDescriptor*> services;
  for (const gpb::FileDescriptor* file : files) {
    for (int i = 0; i < file->service_count(); ++i) services.push_back(file->service(i));
  }
  return services;
}

}  // namespace thaksa::http
