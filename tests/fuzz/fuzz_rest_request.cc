// Requests of the REST/JSON door: any query string and body make either a request message that
// can cross the wire (it serializes, parses back and survives a JSON round trip unchanged) or an
// INVALID_ARGUMENT naming the parameter or field at fault.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_split.h"
#include "common/http/routes.h"
#include "common/http/transcoding.h"
#include "common/status.h"
#include "google/protobuf/message.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace gpb = ::google::protobuf;
using thaksa::http::QueryParams;
using thaksa::http::RouteTable;

const RouteTable& Routes() {
  static const RouteTable* routes =
      new RouteTable(*RouteTable::FromServices(thaksa::http::ApiServices()));
  return *routes;
}

std::string Wire(const gpb::Message& message) {
  std::string bytes;
  gpb::io::StringOutputStream output(&bytes);
  gpb::io::CodedOutputStream coded(&output);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The input is: a byte choosing the route, then "query\0body" (no NUL: all of it is the body).
  const thaksa::http::Route& route = Routes().routes()[data[0] % Routes().routes().size()];
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t split = rest.find('\0');
  const std::string query_text = split == std::string::npos ? "" : rest.substr(0, split);
  const std::string body = split == std::string::npos ? rest : rest.substr(split + 1);
  QueryParams query;
  for (absl::string_view pair : absl::StrSplit(query_text, '&', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    query.emplace(std::move(kv));
  }

  const gpb::Message* prototype =
      gpb::MessageFactory::generated_factory()->GetPrototype(route.method->input_type());
  std::unique_ptr<gpb::Message> request(prototype->New());
  const absl::Status filled = thaksa::http::FillRequest(route, {}, query, body, *request);
  if (!filled.ok()) {
    FUZZ_CHECK(filled.code() == absl::StatusCode::kInvalidArgument, "a bad request is INVALID_ARGUMENT");
    const auto violations = thaksa::FieldViolationsOf(filled);
    FUZZ_CHECK(!violations.empty() && !violations[0].field.empty(),
               "a bad request's error names a field");
    return 0;
  }
  const std::string wire = Wire(*request);
  std::unique_ptr<gpb::Message> received(prototype->New());
  FUZZ_CHECK(received->ParseFromString(wire), "an accepted request parses on the server's side");
  FUZZ_CHECK(Wire(*received) == wire, "an accepted request crosses the wire unchanged");
  std::unique_ptr<gpb::Message> from_json(prototype->New());
  FUZZ_CHECK(thaksa::http::ParseJson(thaksa::http::ResponseJson(*request), *from_json, "body").ok(),
             "a message's JSON parses");
  FUZZ_CHECK(Wire(*from_json) == wire, "a message's JSON round-trips");
  return 0;
}
