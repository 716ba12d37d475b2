// The records of a bulk call's body, read one after another from its spool:
//   application/x-ndjson  one JSON record per line (blank lines skipped);
//   text/csv              a header row naming record fields by path ("name.th"), then one
//                         record per row: empty cells are left unset, repeated fields take
//                         ';'-separated values, enums their names (with or without the type's
//                         prefix), dates YYYY-MM-DD, and fields that are messages (or lists of
//                         them) take their JSON.
#ifndef THAKSA_COMMON_HTTP_BULK_BODY_H_
#define THAKSA_COMMON_HTTP_BULK_BODY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/http/spool.h"
#include "google/protobuf/message.h"

namespace thaksa::http {

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads the next record into `record` (cleared first); false at the end. INVALID_ARGUMENT
  // naming the line (and column) when the body does not make a record there.
  virtual absl::StatusOr<bool> Next(google::protobuf::Message& record) = 0;
};

// True if bodies of `content_type` (parameters such as charset ignored) can be read.
bool IsBulkContentType(absl::string_view content_type);

// A reader of `body` by its content type; records longer than `max_record_bytes` are refused.
// INVALID_ARGUMENT for a CSV header naming no field of `record_type`.
absl::StatusOr<std::unique_ptr<RecordReader>> ReadRecords(
    absl::string_view content_type, const Spool& body,
    const google::protobuf::Descriptor& record_type, int max_record_bytes);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_BULK_BODY_H_
