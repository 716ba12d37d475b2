#include "common/http/transcoding.h"

#include <cctype>
#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
using gpb::FieldDescriptor;

const char* GrpcCodeName(int code) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",         "UNKNOWN",           "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",    "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL",      "UNAVAILABLE",       "DATA_LOSS",
      "UNAUTHENTICATED"};
  return code >= 0 && code <= 16 ? kNames[code] : "UNKNOWN";
}

// "PERSONNEL_GROUP_" for enum PersonnelGroup: the prefix of its values' names.
std::string EnumPrefix(const gpb::EnumDescriptor& type) {
  std::string prefix;
  for (char c : type.name()) {
    if (std::isupper(static_cast<unsigned char>(c)) && !prefix.empty()) prefix.push_back('_');
    prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return absl::StrCat(prefix, "_");
}

// Sets `field` of `message` from `text` (adding to a repeated field): a scalar from its text, a
// date from YYYY-MM-DD, a fiscal year from its Buddhist-era year, other messages from JSON.
absl::Status SetFromText(gpb::Message& message, const FieldDescriptor& field,
                         absl::string_view text, const std::string& name) {
  const gpb::Reflection& reflection = *message.GetReflection();
  const bool repeated = field.is_repeated();
  auto bad = [&](absl::string_view what) {
    return InvalidField(name, absl::StrCat("'", Utf8Prefix(text, 64), "' is not ", what));
  };
  // Stores `value` with the reflection setter (or adder, for a repeated field) of its type.
  auto store = [&](auto value, auto set, auto add) {
    (reflection.*(repeated ? add : set))(&message, &field, value);
    return absl::OkStatus();
  };
  auto whole = [&](auto value, auto set, auto add) {
    return absl::SimpleAtoi(text, &value) ? store(value, set, add) : bad("a whole number");
  };
  double number = 0;
  const bool finite = absl::SimpleAtod(text, &number) && std::isfinite(number);
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      FieldErrors errors;
      CheckOptionalText(text, text.size(), name, errors);
      if (!errors.empty()) return errors.ToStatus();
      return store(std::string(text), &gpb::Reflection::SetString, &gpb::Reflection::AddString);
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return whole(int32_t{0}, &gpb::Reflection::SetInt32, &gpb::Reflection::AddInt32);
    case FieldDescriptor::CPPTYPE_INT64:
      return whole(int64_t{0}, &gpb::Reflection::SetInt64, &gpb::Reflection::AddInt64);
    case FieldDescriptor::CPPTYPE_UINT32:
      return whole(uint32_t{0}, &gpb::Reflection::SetUInt32, &gpb::Reflection::AddUInt32);
    case FieldDescriptor::CPPTYPE_UINT64:
      return whole(uint64_t{0}, &gpb::Reflection::SetUInt64, &gpb::Reflection::AddUInt64);
    case FieldDescriptor::CPPTYPE_DOUBLE:
      if (!finite) return bad("a finite number");
      return store(number, &gpb::Reflection::SetDouble, &gpb::Reflection::AddDouble);
    case FieldDescriptor::CPPTYPE_FLOAT:
      if (!finite) return bad("a finite number");
      return store(static_cast<float>(number), &gpb::Reflection::SetFloat, &gpb::Reflection::AddFloat);
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text == "true" || text == "1") return store(true, &gpb::Reflection::SetBool, &gpb::Reflection::AddBool);
      if (text == "false" || text == "0") return store(false, &gpb::Reflection::SetBool, &gpb::Reflection::AddBool);
      return bad("true or false");
    case FieldDescriptor::CPPTYPE_ENUM: {
      const gpb::EnumValueDescriptor* value = field.enum_type()->FindValueByName(std::string(text));
      if (value == nullptr) {
        value = field.enum_type()->FindValueByName(
            absl::StrCat(EnumPrefix(*field.enum_type()), absl::AsciiStrToUpper(text)));
      }
      int number = 0;
      if (value == nullptr && absl::SimpleAtoi(text, &number)) {
        value = field.enum_type()->FindValueByNumber(number);
      }
      if (value == nullptr) return bad(absl::StrCat("a value of ", field.enum_type()->name()));
      return store(value, &gpb::Reflection::SetEnum, &gpb::Reflection::AddEnum);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const bool is_date = field.message_type() == common::v1::Date::descriptor();
      const bool is_year = field.message_type() == common::v1::FiscalYear::descriptor();
      if (repeated || (!is_date && !is_year)) {
        // The field's JSON, parsed as that field of a message of the same type, then merged.
        std::unique_ptr<gpb::Message> holder(message.New());
        RETURN_IF_ERROR(ParseJson(absl::StrCat("{\"", field.name(), "\":", text, "}"), *holder, name));
        std::vector<const FieldDescriptor*> set;
        holder->GetReflection()->ListFields(*holder, &set);
        for (const FieldDescriptor* other : set) {
          if (other != &field) return bad(absl::StrCat("the JSON of ", field.name(), " alone"));
        }
        message.MergeFrom(*holder);
        return absl::OkStatus();
      }
      gpb::Message& sub = *reflection.MutableMessage(&message, &field);
      if (is_date) {
        absl::StatusOr<absl::CivilDay> day = ParseIsoDate(text);
        if (!day.ok()) return bad("a date (YYYY-MM-DD)");
        auto& date = static_cast<common::v1::Date&>(sub);
        date.set_year(static_cast<int32_t>(day->year()));
        date.set_month(day->month());
        date.set_day(day->day());
        return absl::OkStatus();
      }
      int32_t year = 0;  // a fiscal year
      if (!absl::SimpleAtoi(text, &year)) return bad("a Buddhist-era year");
      static_cast<common::v1::FiscalYear&>(sub).set_be_year(year);
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace

const FieldDescriptor* FindField(const gpb::Descriptor& type, absl::string_view name) {
  const FieldDescriptor* field = type.FindFieldByName(std::string(name));
  return field != nullptr ? field : type.FindFieldByCamelcaseName(std::string(name));
}

const FieldDescriptor* FieldAtPath(const gpb::Descriptor& type, absl::string_view path) {
  const gpb::Descriptor* current = &type;
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (current == nullptr) return nullptr;
    field = FindField(*current, part);
    if (field == nullptr) return nullptr;
    current = field->message_type();
  }
  return field;
}

absl::Status SetFieldFromText(gpb::Message& message, absl::string_view path,
                              absl::string_view text) {
  if (path.empty()) return InvalidField("query", "a parameter has no name");
  const std::string name(path);
  gpb::Message* current = &message;
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const gpb::Descriptor& type = *current->GetDescriptor();
    const FieldDescriptor* field = FindField(type, parts[i]);
    if (field == nullptr) return InvalidField(name, "no such field");
    if (i + 1 == parts.size()) return SetFromText(*current, *field, text, name);
    if (field->message_type() == nullptr || field->is_repeated()) {
      return InvalidField(name, absl::StrCat("'", parts[i], "' has no fields"));
    }
    current = current->GetReflection()->MutableMessage(current, field);
  }
  return absl::OkStatus();
}

absl::Status ParseJson(absl::string_view json, gpb::Message& message, absl::string_view field) {
  // Strings that are not UTF-8 would pass the JSON parser but not the wire.
  FieldErrors errors;
  CheckOptionalText(json, json.size(), std::string(field), errors);
  if (!errors.empty()) return errors.ToStatus();
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = gpb::util::JsonStringToMessage(std::string(json), &message, options);
  if (!parsed.ok()) {
    return InvalidField(field, absl::StrCat("is not valid JSON of ", message.GetDescriptor()->name(),
                                            ": ", Utf8Prefix(std::string(parsed.message()), 300)));
  }
  return absl::OkStatus();
}

absl::Status FillRequest(const Route& route, const PathVariables& variables,
                         const QueryParams& query, absl::string_view body,
                         gpb::Message& request) {
  const bool body_is_blank = body.find_first_not_of(" \t\r\n") == absl::string_view::npos;
  if (route.body == "*") {
    if (!body_is_blank) RETURN_IF_ERROR(ParseJson(body, request, "body"));
    if (!query.empty()) {
      const std::string& name = query.begin()->first;
      return InvalidField(name.empty() ? "query" : name,
                          "this route takes its fields in the JSON body, not the query");
    }
  } else if (!route.body.empty()) {
    const FieldDescriptor* field = request.GetDescriptor()->FindFieldByName(route.body);
    if (body_is_blank) return InvalidField("body", absl::StrCat("a JSON ", field->message_type()->name(), " is required"));
    RETURN_IF_ERROR(ParseJson(body, *request.GetReflection()->MutableMessage(&request, field), "body"));
  } else if (!body_is_blank) {
    return InvalidField("body", "this route takes no body; send the fields in the query");
  }
  if (route.body != "*") {
    for (const auto& [name, value] : query) RETURN_IF_ERROR(SetFieldFromText(request, name, value));
  }
  for (const auto& [name, value] : variables) {
    // A path variable overrides what the body says of the same field.
    RETURN_IF_ERROR(SetFieldFromText(request, name, value));
  }
  return absl::OkStatus();
}

std::string ResponseJson(const gpb::Message& message) {
  std::string json;
  gpb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  (void)gpb::util::MessageToJsonString(message, &json, options);
  return json;
}

int HttpStatusOf(int grpc_code) {
  switch (grpc_code) {
    case 0: return 200;    // OK
    case 1: return 499;    // CANCELLED (client closed request)
    case 3: return 400;    // INVALID_ARGUMENT
    case 4: return 504;    // DEADLINE_EXCEEDED
    case 5: return 404;    // NOT_FOUND
    case 6: return 409;    // ALREADY_EXISTS
    case 7: return 403;    // PERMISSION_DENIED
    case 8: return 429;    // RESOURCE_EXHAUSTED
    case 9: return 412;    // FAILED_PRECONDITION
    case 10: return 409;   // ABORTED (e.g. an expected_version that is not the stored one)
    case 11: return 400;   // OUT_OF_RANGE
    case 12: return 501;   // UNIMPLEMENTED
    case 14: return 503;   // UNAVAILABLE
    case 16: return 401;   // UNAUTHENTICATED
    default: return 500;   // UNKNOWN, INTERNAL, DATA_LOSS
  }
}

std::string ErrorJson(int grpc_code, absl::string_view message, const std::string& status_details,
                      int http_status) {
  common::v1::HttpError error;
  common::v1::HttpErrorStatus& status = *error.mutable_error();
  status.set_code(http_status != 0 ? http_status : HttpStatusOf(grpc_code));
  status.set_status(GrpcCodeName(grpc_code));
  status.set_message(Utf8Prefix(message, 2000));
  google::rpc::Status details;
  if (!status_details.empty() && details.ParseFromString(status_details)) {
    *status.mutable_details() = details.details();
  }
  return ResponseJson(error);
}

std::string ErrorJson(const absl::Status& status, int http_status) {
  const grpc::Status converted = ToGrpcStatus(status);
  return ErrorJson(converted.error_code(), converted.error_message(), converted.error_details(),
                   http_status);
}

}  // namespace thaksa::http
