// API messages stored as JSON (definitions, records): compact, with proto field names.
#ifndef THAKSA_COMMON_PROTO_JSON_H_
#define THAKSA_COMMON_PROTO_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace thaksa {

std::string ToJson(const google::protobuf::Message& message);

// Parses JSON into `message`; a document that does not fit is INVALID_ARGUMENT.
absl::Status FromJson(const std::string& json, google::protobuf::Message* message);

}  // namespace thaksa

#endif  // THAKSA_COMMON_PROTO_JSON_H_
