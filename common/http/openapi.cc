#include "common/http/openapi.h"

#include <cctype>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/http/transcoding.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
using gpb::FieldDescriptor;
using gpb::Struct;
using gpb::Value;

Value Text(absl::string_view text) {
  Value value;
  value.set_string_value(std::string(text));
  return value;
}

Value& At(Struct& object, const std::string& key) { return (*object.mutable_fields())[key]; }
Struct& ObjectAt(Struct& object, const std::string& key) {
  return *At(object, key).mutable_struct_value();
}

Value Schema(std::initializer_list<std::pair<const char*, const char*>> members) {
  Value value;
  for (const auto& [key, text] : members) At(*value.mutable_struct_value(), key) = Text(text);
  return value;
}

bool IsDate(const gpb::Descriptor* type) { return type == common::v1::Date::descriptor(); }
bool IsFiscalYear(const gpb::Descriptor* type) { return type == common::v1::FiscalYear::descriptor(); }

// The schemas of the messages the document refers to, by full name.
class Schemas final {
 public:
  Value Ref(const gpb::Descriptor& type) {
    Add(type);
    return Schema({{"$ref", absl::StrCat("#/components/schemas/", type.full_name()).c_str()}});
  }

  // The schema of `field` in a JSON body.
  Value OfField(const FieldDescriptor& field) {
    Value single = OfSingle(field);
    if (!field.is_repeated()) return single;
    Value list = Schema({{"type", "array"}});
    At(*list.mutable_struct_value(), "items") = single;
    return list;
  }

  // The schema of `field` as a path or query parameter (text).
  Value OfParameter(const FieldDescriptor& field) {
    if (IsDate(field.message_type())) return Schema({{"type", "string"}, {"format", "date"}});
    if (IsFiscalYear(field.message_type())) return Schema({{"type", "integer"}});
    return OfField(field);
  }

  Struct& all() { return schemas_; }

 private:
  void Add(const gpb::Descriptor& type) {
    if (!added_.insert(type.full_name()).second) return;
    Value schema = Schema({{"type", "object"}});
    if (type.full_name() == "google.protobuf.Any") {
      At(*schema.mutable_struct_value(), "additionalProperties").set_bool_value(true);
    }
    Struct& properties = ObjectAt(*schema.mutable_struct_value(), "properties");
    for (int i = 0; i < type.field_count(); ++i) {
      if (type.full_name() == "google.protobuf.Any") break;
      At(properties, type.field(i)->name()) = OfField(*type.field(i));
    }
    At(schemas_, type.full_name()) = schema;
  }

  Value OfSingle(const FieldDescriptor& field) {
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return Schema({{"type", "integer"}, {"format", "int32"}});
      case FieldDescriptor::CPPTYPE_UINT32: {
        Value schema = Schema({{"type", "integer"}});
        At(*schema.mutable_struct_value(), "minimum").set_number_value(0);
        return schema;
      }
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64:
        return Schema({{"type", "string"}, {"format", "int64"}});
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        return Schema({{"type", "number"}});
      case FieldDescriptor::CPPTYPE_BOOL:
        return Schema({{"type", "boolean"}});
      case FieldDescriptor::CPPTYPE_STRING:
        return field.type() == FieldDescriptor::TYPE_BYTES
                   ? Schema({{"type", "string"}, {"format", "byte"}})
                   : Schema({{"type", "string"}});
      case FieldDescriptor::CPPTYPE_ENUM: {
        Value schema = Schema({{"type", "string"}});
        auto* values = At(*schema.mutable_struct_value(), "enum").mutable_list_value();
        for (int i = 0; i < field.enum_type()->value_count(); ++i) {
          *values->add_values() = Text(field.enum_type()->value(i)->name());
        }
        return schema;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Ref(*field.message_type());
    }
    return Schema({});
  }

  Struct schemas_;
  std::set<std::string> added_;
};

Value Parameter(const std::string& name, const char* in, bool required, Value schema) {
  Value parameter = Schema({{"name", name.c_str()}, {"in", in}});
  Struct& object = *parameter.mutable_struct_value();
  At(object, "required").set_bool_value(required);
  At(object, "schema") = std::move(schema);
  return parameter;
}

// The query parameters of a route without a body: every field that is not in the path, those
// of messages by their paths ("readiness.agency_code"), two levels down at most.
void AddQueryParameters(const gpb::Descriptor& type, const std::string& prefix, int depth,
                        const std::set<std::string>& in_path, Schemas& schemas,
                        gpb::ListValue& parameters) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    const std::string name = absl::StrCat(prefix, field.name());
    if (in_path.count(name) > 0) continue;
    const gpb::Descriptor* message = field.message_type();
    if (message != nullptr && !field.is_repeated() && !IsDate(message) && !IsFiscalYear(message)) {
      if (depth < 2) AddQueryParameters(*message, name + ".", depth + 1, in_path, schemas, parameters);
      continue;
    }
    if (message != nullptr && field.is_repeated()) continue;  // only in JSON bodies
    *parameters.add_values() = Parameter(name, "query", false, schemas.OfParameter(field));
  }
}

Value Content(const char* media_type, Value schema) {
  Value content;
  At(ObjectAt(*content.mutable_struct_value(), media_type), "schema") = std::move(schema);
  return content;
}

// `names`: the names the document gives the route's variables (those of the first route with the
// same path shape: OpenAPI allows one name per place in a path).
Value Operation(const Route& route, const std::vector<std::string>& names,
                const std::string& operation_id, Schemas& schemas) {
  const gpb::MethodDescriptor& method = *route.method;
  Value operation = Schema({{"operationId", operation_id.c_str()}});
  Struct& object = *operation.mutable_struct_value();
  *At(object, "tags").mutable_list_value()->add_values() = Text(method.service()->name());

  gpb::ListValue& parameters = *At(object, "parameters").mutable_list_value();
  std::set<std::string> in_path;
  const std::vector<std::string> variables = route.path.Variables();
  for (size_t i = 0; i < variables.size(); ++i) {
    in_path.insert(variables[i]);
    const FieldDescriptor* field = FieldAtPath(*method.input_type(), variables[i]);
    Value parameter = Parameter(names[i], "path", true,
                                field ? schemas.OfParameter(*field) : Schema({{"type", "string"}}));
    if (names[i] != variables[i]) {
      At(*parameter.mutable_struct_value(), "description") = Text(absl::StrCat("sets ", variables[i]));
    }
    *parameters.add_values() = parameter;
  }
  if (route.body != "*") {
    // The fields the body does not carry come from the query.
    if (!route.body.empty()) in_path.insert(route.body);
    AddQueryParameters(*method.input_type(), "", 0, in_path, schemas, parameters);
  }

  if (route.TakesStream()) {
    Value body = Content("application/x-ndjson", schemas.Ref(*method.input_type()));
    At(*body.mutable_struct_value(), "text/csv") = Schema({});
    At(*At(*body.mutable_struct_value(), "text/csv").mutable_struct_value(), "schema") =
        Schema({{"type", "string"}});
    At(ObjectAt(object, "requestBody"), "content") = body;
  } else if (route.body == "*") {
    At(ObjectAt(object, "requestBody"), "content") =
        Content("application/json", schemas.Ref(*method.input_type()));
  } else if (!route.body.empty()) {
    At(ObjectAt(object, "requestBody"), "content") = Content(
        "application/json",
        schemas.Ref(*method.input_type()->FindFieldByName(route.body)->message_type()));
  }

  Struct& responses = ObjectAt(object, "responses");
  Value ok = Schema({{"description", "OK"}});
  if (route.AnswersAFile()) {
    At(*ok.mutable_struct_value(), "content") = Content("text/csv", Schema({{"type", "string"}}));
  } else if (method.server_streaming()) {
    At(*ok.mutable_struct_value(), "content") =
        Content("application/x-ndjson", schemas.Ref(*method.output_type()));
  } else {
    At(*ok.mutable_struct_value(), "content") =
        Content("application/json", schemas.Ref(*method.output_type()));
  }
  At(responses, "200") = ok;
  Value error = Schema({{"description", "The call's error (google.rpc.Status)"}});
  At(*error.mutable_struct_value(), "content") =
      Content("application/json", schemas.Ref(*common::v1::HttpError::descriptor()));
  At(responses, "default") = error;
  return operation;
}

}  // namespace

std::string OpenApiDocument(const RouteTable& routes) {
  Struct document;
  At(document, "openapi") = Text("3.0.3");
  Struct& info = ObjectAt(document, "info");
  At(info, "title") = Text("Thaksa API");
  At(info, "version") = Text("v1");
  At(info, "description") = Text(
      "REST/JSON for every RPC of the Thaksa gRPC API (protobuf's JSON mapping, proto field "
      "names; unknown fields are an error). Send 'Authorization: Bearer <token>'. Bulk calls "
      "take application/x-ndjson or text/csv and answer a JSON line per record.");
  Schemas schemas;
  Struct& paths = ObjectAt(document, "paths");
  std::map<std::string, int> bindings;
  // By path shape ("/v1/agencies/{}"): the document's path and its variables' names.
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> shapes;
  for (const Route& route : routes.routes()) {
    std::string id = absl::StrCat(route.method->service()->name(), "_", route.method->name());
    if (const int n = ++bindings[id]; n > 1) absl::StrAppend(&id, "_", n);
    std::string verb = route.http_method;
    for (char& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string shape = route.path.text();
    for (const std::string& variable : route.path.Variables()) {
      shape = absl::StrReplaceAll(shape, {{absl::StrCat("{", variable, "}"), "{}"}});
    }
    auto known = shapes.find(shape);
    if (known == shapes.end()) {
      // Each variable named by its last field ("agency.code": "code").
      std::string path = route.path.text();
      std::vector<std::string> names;
      for (const std::string& variable : route.path.Variables()) {
        names.push_back(variable.substr(variable.rfind('.') + 1));
        path = absl::StrReplaceAll(path, {{absl::StrCat("{", variable, "}"),
                                           absl::StrCat("{", names.back(), "}")}});
      }
      known = shapes.emplace(shape, std::make_pair(path, names)).first;
    }
    const auto& [path, names] = known->second;
    At(ObjectAt(paths, path), verb) = Operation(route, names, id, schemas);
  }
  Struct& components = ObjectAt(document, "components");
  At(ObjectAt(ObjectAt(components, "securitySchemes"), "bearer"), "type") = Text("http");
  At(ObjectAt(ObjectAt(components, "securitySchemes"), "bearer"), "scheme") = Text("bearer");
  At(components, "schemas").mutable_struct_value()->Swap(&schemas.all());
  Value requirement;
  At(*requirement.mutable_struct_value(), "bearer").mutable_list_value();
  *At(document, "security").mutable_list_value()->add_values() = requirement;
  std::string json;
  (void)gpb::util::MessageToJsonString(document, &json);
  return json;
}

}  // namespace thaksa::http
