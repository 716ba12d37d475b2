// The names users type for API enums (e.g. "ACADEMIC" for PERSONNEL_GROUP_ACADEMIC).
#ifndef THAKSA_TOOLS_CLI_ENUM_NAMES_H_
#define THAKSA_TOOLS_CLI_ENUM_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace thaksa::cli {

// Value of the enum whose name is `prefix` + upper-cased `name` (e.g. "PERSONNEL_GROUP_" +
// "academic"); 0 for an empty name; -1 when no value has that name, which the server rejects
// naming the field.
int EnumValue(const google::protobuf::EnumDescriptor* type, absl::string_view prefix,
              absl::string_view name);

// The short name of `value` (its name without `prefix`), or its number if unknown.
std::string EnumName(const google::protobuf::EnumDescriptor* type, absl::string_view prefix,
                     int value);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_ENUM_NAMES_H_
