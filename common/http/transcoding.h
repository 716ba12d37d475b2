// The REST door's mapping between HTTP and the API's messages: a request message made of the
// path's variables, the query parameters and the JSON body; answers and errors as JSON
// (protobuf's JSON mapping, proto field names, unknown fields refused).
#ifndef THAKSA_COMMON_HTTP_TRANSCODING_H_
#define THAKSA_COMMON_HTTP_TRANSCODING_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/http/routes.h"
#include "google/protobuf/message.h"

namespace thaksa::http {

using QueryParams = std::multimap<std::string, std::string>;

// Fills `request` for `route`: the JSON body as the route's body rule says, the query
// parameters (for the fields the body does not carry), then the path's variables.
// INVALID_ARGUMENT with a violation naming the field or parameter at fault.
//
// Query parameters and path variables name fields by path ("as_of", "readiness.agency_code");
// repeated fields repeat the parameter; enums take their names; dates (thaksa.common.v1.Date)
// take YYYY-MM-DD and fiscal years their Buddhist-era year.
absl::Status FillRequest(const Route& route, const PathVariables& variables,
                         const QueryParams& query, absl::string_view body,
                         google::protobuf::Message& request);

// The media type of JSON answers.
inline constexpr char kJsonType[] = "application/json; charset=utf-8";

// The field of `type` named `name` (its proto or JSON name), or nullptr.
const google::protobuf::FieldDescriptor* FindField(const google::protobuf::Descriptor& type,
                                                   absl::string_view name);

// The field at `path` ("a.b.c") below `type`, or nullptr.
const google::protobuf::FieldDescriptor* FieldAtPath(const google::protobuf::Descriptor& type,
                                                     absl::string_view path);

// Sets the field at `path` ("a.b.c"; proto or JSON names) of `message` from `text`, adding to a
// repeated field: scalars from their text, enums from their names (with or without the type's
// prefix) or numbers, dates from YYYY-MM-DD, fiscal years from their Buddhist-era year, other
// messages (and lists of them) from JSON. INVALID_ARGUMENT naming `path`.
absl::Status SetFieldFromText(google::protobuf::Message& message, absl::string_view path,
                              absl::string_view text);

// Parses one JSON object into `message`; unknown fields are an error. INVALID_ARGUMENT with a
// violation on `field` (e.g. "body", or "line 12" of a bulk body).
absl::Status ParseJson(absl::string_view json, google::protobuf::Message& message,
                       absl::string_view field);

// `message` as JSON: proto field names, zeros and empty fields included, enums by name.
std::string ResponseJson(const google::protobuf::Message& message);

// The HTTP status that answers a call ending with gRPC status code `grpc_code`.
int HttpStatusOf(int grpc_code);

// The JSON body of an error answer: {"error": {code, status, message, details}}, the details
// being those of the call's google.rpc.Status (`status_details`, serialized; may be empty),
// e.g. google.rpc.BadRequest with its field violations. `code` is `http_status`, or when that
// is 0 the HTTP status of `grpc_code`.
std::string ErrorJson(int grpc_code, absl::string_view message, const std::string& status_details,
                      int http_status = 0);

// As ErrorJson, for an absl::Status (its field violations as google.rpc.BadRequest).
std::string ErrorJson(const absl::Status& status, int http_status = 0);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_TRANSCODING_H_
