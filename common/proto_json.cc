#include "common/proto_json.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace thaksa {

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

absl::Status FromJson(const std::string& json, google::protobuf::Message* message) {
  auto status = google::protobuf::util::JsonStringToMessage(json, message);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a valid document: ", std::string(status.message())));
  }
  return absl::OkStatus();
}

absl::Status FromStoredJson(const std::string& json, const std::string& what,
                            google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(json, message, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat(what, " is stored unreadably: ", std::string(status.message())));
  }
  return absl::OkStatus();
}

}  // namespace thaksa
