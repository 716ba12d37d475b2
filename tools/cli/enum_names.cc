#include "tools/cli/enum_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"

namespace thaksa::cli {

int EnumValue(const google::protobuf::EnumDescriptor* type, absl::string_view prefix,
              absl::string_view name) {
  if (absl::StripAsciiWhitespace(name).empty()) return 0;
  const std::string full =
      absl::StrCat(prefix, absl::AsciiStrToUpper(absl::StripAsciiWhitespace(name)));
  const google::protobuf::EnumValueDescriptor* value = type->FindValueByName(full);
  return value == nullptr ? -1 : value->number();
}

std::string EnumName(const google::protobuf::EnumDescriptor* type, absl::string_view prefix,
                     int value) {
  const google::protobuf::EnumValueDescriptor* found = type->FindValueByNumber(value);
  if (found == nullptr) return absl::StrCat(value);
  absl::string_view name = found->name();
  absl::ConsumePrefix(&name, prefix);
  return std::string(name);
}

}  // namespace thaksa::cli
