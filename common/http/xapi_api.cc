#include "common/http/xapi_api.h"

#include <openssl/rand.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/http/generic_call.h"
#include "common/http/transcoding.h"
#include "common/http/xapi.h"
#include "common/status.h"
#include "google/protobuf/struct.pb.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
namespace pb = ::thaksa::learning::v1;

const gpb::MethodDescriptor& LearningMethod(const char* name) {
  return *pb::Institute::descriptor()->file()->FindServiceByName("LearningService")->FindMethodByName(
      name);
}

// A random (version 4) UUID, for a statement posted without an id.
std::string NewUuid() {
  unsigned char b[16] = {};
  RAND_bytes(b, sizeof(b));
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return absl::StrFormat("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                         b[12], b[13], b[14], b[15]);
}

// The statement field a completion's field comes from, for errors.
std::string StatementField(const std::string& completion_field) {
  if (completion_field == "person_id" || completion_field == "citizen_id") return "actor.account.name";
  if (completion_field == "course_code") return "object.id";
  if (completion_field == "record_id") return "id";
  if (completion_field == "hours" || completion_field == "started_at_unix") return "result.duration";
  if (completion_field == "finished_at_unix") return "timestamp";
  if (completion_field == "score") return "result.score";
  return completion_field;
}

}  // namespace

void XapiApi::About(httplib::Response& response) {
  response.set_header("X-Experience-API-Version", kXapiVersion);
  response.set_content(absl::StrCat(R"({"version":[")", kXapiVersion, R"("]})"), kJsonType);
}

void XapiApi::Statements(const httplib::Request& request, httplib::Response& response,
                         const httplib::ContentReader* body) const {
  response.set_header("X-Experience-API-Version", kXapiVersion);
  if (!absl::StartsWith(request.get_header_value("X-Experience-API-Version"), "1.0")) {
    AnswerError(response, InvalidField("X-Experience-API-Version", "send 1.0.x (this store is 1.0.3)"));
    return;
  }
  if (body == nullptr) {
    Read(request, response);
  } else {
    Record(request, response, *body);
  }
}

void XapiApi::Read(const httplib::Request& request, httplib::Response& response) const {
  pb::GetCompletionRequest get;
  get.set_record_id(request.get_param_value("statementId"));
  if (get.record_id().empty()) {
    AnswerError(response, InvalidField("statementId", "this store answers statementId queries only"));
    return;
  }
  DoorCall door(active_, channel_, request, options_.call_deadline);
  if (!door.status().ok()) {
    AnswerError(response, door.status());
    return;
  }
  pb::Completion completion;
  GenericCall call(door.channel(), LearningMethod("GetCompletion"), door.context(),
                   [&](const gpb::Message& answer) { completion.CopyFrom(answer); });
  call.Write(get);
  const grpc::Status status = call.Finish();
  if (!status.ok()) {
    AnswerCallError(response, status);
    return;
  }
  response.set_content(ResponseJson(StatementOfCompletion(completion)), kJsonType);
}

void XapiApi::Record(const httplib::Request& request, httplib::Response& response,
                     const httplib::ContentReader& body) const {
  absl::StatusOr<std::string> text = ReadSmallBody(request, body, options_.max_message_bytes);
  if (!text.ok()) {
    AnswerTooLarge(response, text.status());
    return;
  }
  gpb::Value parsed;
  if (absl::Status status = ParseJson(*text, parsed, "body"); !status.ok()) {
    AnswerError(response, status);
    return;
  }
  const bool put = request.method == "PUT";
  const std::string statement_id = request.get_param_value("statementId");
  std::vector<gpb::Struct> statements;
  if (parsed.has_struct_value()) {
    statements.push_back(parsed.struct_value());
  } else if (parsed.has_list_value() && !put) {
    for (const gpb::Value& value : parsed.list_value().values()) {
      statements.push_back(value.struct_value());
    }
  }
  if (statements.empty()) {
    AnswerError(response, InvalidField("body", put ? "a statement is required"
                                                   : "a statement or a list of them is required"));
    return;
  }
  if (put && statement_id.empty()) {
    AnswerError(response, InvalidField("statementId", "PUT names its statement"));
    return;
  }

  // Every statement must map before any is recorded.
  FieldErrors errors;
  std::vector<pb::CompletionRecord> records;
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string prefix = statements.size() > 1 ? absl::StrCat("[", i, "].") : "";
    gpb::Struct& statement = statements[i];
    gpb::Value& id = (*statement.mutable_fields())["id"];
    if (id.kind_case() != gpb::Value::KIND_NOT_SET && !id.has_string_value()) {
      errors.Add(prefix + "id", "is not a string");
    }
    if (put && !id.string_value().empty() && id.string_value() != statement_id) {
      errors.Add("id", "differs from statementId");
    }
    if (put) id.set_string_value(statement_id);
    if (id.string_value().empty()) id.set_string_value(NewUuid());
    absl::StatusOr<pb::CompletionRecord> record = CompletionOfStatement(statement);
    if (!record.ok()) {
      for (const FieldViolation& v : FieldViolationsOf(record.status())) {
        errors.Add(prefix + v.field, v.description);
      }
      continue;
    }
    records.push_back(*std::move(record));
  }
  if (!errors.empty()) {
    AnswerError(response, errors.ToStatus());
    return;
  }

  DoorCall door(active_, channel_, request, options_.call_deadline);
  if (!door.status().ok()) {
    AnswerError(response, door.status());
    return;
  }
  std::vector<pb::CompletionResult> results;
  GenericCall call(door.channel(), LearningMethod("RecordCompletions"), door.context(),
                   [&](const gpb::Message& answer) { results.emplace_back().CopyFrom(answer); });
  for (const pb::CompletionRecord& record : records) {
    if (!call.Write(record)) break;
  }
  const grpc::Status status = call.Finish();
  if (!status.ok()) {
    AnswerCallError(response, status);
    return;
  }
  // Statements answered REJECTED (400) or CONFLICT (409) are named; the others are recorded.
  FieldErrors rejected, conflicts;
  gpb::ListValue ids;
  for (const pb::CompletionResult& result : results) {
    const std::string prefix = records.size() > 1 ? absl::StrCat("[", result.index(), "].") : "";
    if (result.outcome() == pb::COMPLETION_OUTCOME_REJECTED) {
      rejected.Add(prefix + StatementField(result.field()), result.reason());
    } else if (result.outcome() == pb::COMPLETION_OUTCOME_CONFLICT) {
      conflicts.Add(prefix + "id", absl::StrCat("statement ", result.record_id(),
                                                " was recorded before with other content"));
    }
    ids.add_values()->set_string_value(result.record_id());
  }
  if (!rejected.empty()) {
    AnswerError(response, rejected.ToStatus());
  } else if (!conflicts.empty()) {
    AnswerError(response, conflicts.ToStatus(absl::StatusCode::kAlreadyExists), 409);
  } else if (put) {
    response.status = 204;
  } else {
    response.set_content(ResponseJson(ids), kJsonType);
  }
}

}  // namespace thaksa::http
