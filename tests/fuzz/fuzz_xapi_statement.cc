// xAPI statements from learning platforms: any JSON either maps to a completion record that can
// cross the wire, or is INVALID_ARGUMENT naming the statement's fields at fault.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/http/transcoding.h"
#include "common/http/xapi.h"
#include "common/status.h"
#include "google/protobuf/struct.pb.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  google::protobuf::Struct statement;
  if (!thaksa::http::ParseJson(json, statement, "body").ok()) return 0;
  const auto record = thaksa::http::CompletionOfStatement(statement);
  if (!record.ok()) {
    FUZZ_CHECK(record.status().code() == absl::StatusCode::kInvalidArgument,
               "a statement that does not map is INVALID_ARGUMENT");
    const auto violations = thaksa::FieldViolationsOf(record.status());
    FUZZ_CHECK(!violations.empty() && !violations[0].field.empty(),
               "a statement that does not map names its field");
    return 0;
  }
  thaksa::learning::v1::CompletionRecord received;
  FUZZ_CHECK(received.ParseFromString(record->SerializeAsString()),
             "a mapped statement's record parses on the server's side");
  FUZZ_CHECK(record->started_at_unix() <= record->finished_at_unix(), "it starts before it ends");
  FUZZ_CHECK(!record->record_id().empty() && !record->course_code().empty(),
             "a mapped statement has an id and a course");
  return 0;
}
