// Bodies of the REST/JSON door's bulk calls: any NDJSON or CSV body is read to its end, each
// record it makes can cross the wire, and a body that does not make records is refused with
// INVALID_ARGUMENT naming its line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/http/bulk_body.h"
#include "common/http/spool.h"
#include "common/status.h"
#include "tests/fuzz/fuzz_check.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace {

template <typename Record>
void ReadAll(const std::string& content_type, const thaksa::http::Spool& body) {
  auto reader = thaksa::http::ReadRecords(content_type, body, *Record::descriptor(), 1 << 16);
  if (!reader.ok()) {
    FUZZ_CHECK(reader.status().code() == absl::StatusCode::kInvalidArgument,
               "an unreadable header is INVALID_ARGUMENT");
    return;
  }
  Record record;
  for (int records = 0;; ++records) {
    absl::StatusOr<bool> next = (*reader)->Next(record);
    if (!next.ok()) {
      FUZZ_CHECK(next.status().code() == absl::StatusCode::kInvalidArgument,
                 "a bad record is INVALID_ARGUMENT");
      FUZZ_CHECK(!thaksa::FieldViolationsOf(next.status()).empty(), "a bad record's error names a field");
      return;
    }
    if (!*next) return;
    Record received;
    FUZZ_CHECK(received.ParseFromString(record.SerializeAsString()),
               "a record read parses on the server's side");
    FUZZ_CHECK(records < 1 << 20, "reading ends");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte chooses the format (bit 0: NDJSON or CSV) and the record (bit 1: a person or
  // a completion); the rest is the body.
  auto spool = thaksa::http::Spool::Create();
  if (!spool.ok()) return 0;
  (*spool)->Append(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  const std::string content_type = (data[0] & 1) != 0 ? "application/x-ndjson" : "text/csv";
  if ((data[0] & 2) != 0) {
    ReadAll<thaksa::learning::v1::CompletionRecord>(content_type, **spool);
  } else {
    ReadAll<thaksa::personnel::v1::PersonRecord>(content_type, **spool);
  }
  return 0;
}
