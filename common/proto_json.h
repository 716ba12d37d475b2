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

// Parses a row another service stored (`what` names it in the error) into `message`, leaving out
// fields this build does not know (a newer binary of that service may have written them); a
// document that does not fit is INTERNAL: the fault is the store's, not the caller's.
absl::Status FromStoredJson(const std::string& json, const std::string& what,
                            google::protobuf::Message* message);

}  // namespace thaksa

#endif  // THAKSA_COMMON_PROTO_JSON_H_
