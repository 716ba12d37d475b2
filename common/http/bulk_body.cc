#include "common/http/bulk_body.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/csv.h"
#include "common/http/transcoding.h"
#include "common/status.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;

absl::string_view MediaType(absl::string_view content_type) {
  return absl::StripAsciiWhitespace(content_type.substr(0, content_type.find(';')));
}

bool IsNdjson(absl::string_view content_type) {
  const absl::string_view type = MediaType(content_type);
  return absl::EqualsIgnoreCase(type, "application/x-ndjson") ||
         absl::EqualsIgnoreCase(type, "application/ndjson");
}

// `status` with "line N: " before each violation's description.
absl::Status OnLine(int line, const absl::Status& status) {
  FieldErrors errors;
  for (const FieldViolation& v : FieldViolationsOr(status, "body")) {
    errors.Add(v.field, absl::StrCat("line ", line, ": ", v.description));
  }
  return errors.ToStatus();
}

class NdjsonReader final : public RecordReader {
 public:
  NdjsonReader(const Spool& body, int max_record_bytes)
      : input_(body), max_record_bytes_(max_record_bytes) {}

  absl::StatusOr<bool> Next(gpb::Message& record) override {
    std::string line;
    while (ReadLine(line)) {
      ++line_;
      if (line.size() > static_cast<size_t>(max_record_bytes_)) {
        return InvalidField("body", absl::StrCat("line ", line_, ": longer than ",
                                                 max_record_bytes_, " bytes (max_message_bytes)"));
      }
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      record.Clear();
      if (absl::Status parsed = ParseJson(line, record, "body"); !parsed.ok()) {
        return OnLine(line_, parsed);
      }
      return true;
    }
    return false;
  }

 private:
  // The next line without its end; stops keeping characters past the limit (the line is
  // refused then) so that a body without line ends is never held whole.
  bool ReadLine(std::string& line) {
    line.clear();
    int c = 0;
    bool any = false;
    while ((c = input_.get()) != std::char_traits<char>::eof()) {
      any = true;
      if (c == '\n') break;
      if (line.size() <= static_cast<size_t>(max_record_bytes_)) line.push_back(static_cast<char>(c));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
  }

  Spool::Reader input_;
  int max_record_bytes_;
  int line_ = 0;
};

class CsvRecordReader final : public RecordReader {
 public:
  CsvRecordReader(const Spool& body, int max_record_bytes)
      : input_(body), reader_(input_, static_cast<size_t>(max_record_bytes)) {}

  // Reads the header; INVALID_ARGUMENT if it names no field of `type`.
  absl::Status ReadHeader(const gpb::Descriptor& type) {
    absl::StatusOr<bool> read = reader_.Next(columns_);
    if (!read.ok()) return InvalidField("body", read.status().message());
    if (!*read) return InvalidField("body", "is empty; a CSV body starts with a header row");
    FieldErrors errors;
    for (const std::string& column : columns_) {
      if (FindField(type, column.substr(0, column.find('.'))) == nullptr) {
        errors.Add("body", absl::StrCat("line 1: column '", column, "' is not a field of ",
                                        type.name()));
        if (errors.violations().size() >= 20) break;
      }
    }
    return errors.ToStatus();
  }

  absl::StatusOr<bool> Next(gpb::Message& record) override {
    std::vector<std::string> row;
    for (;;) {
      absl::StatusOr<bool> read = reader_.Next(row);
      if (!read.ok()) return InvalidField("body", read.status().message());
      if (!*read) return false;
      if (row.size() == 1 && row[0].empty()) continue;  // a blank line
      break;
    }
    const int line = reader_.line();
    if (row.size() > columns_.size()) {
      return InvalidField("body", absl::StrCat("line ", line, ": ", row.size(),
                                               " cells but the header has ", columns_.size()));
    }
    record.Clear();
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i].empty()) continue;
      if (IsRepeatedScalar(*record.GetDescriptor(), columns_[i])) {
        for (absl::string_view item : absl::StrSplit(row[i], ';', absl::SkipWhitespace())) {
          if (absl::Status set = SetFieldFromText(record, columns_[i], absl::StripAsciiWhitespace(item));
              !set.ok()) {
            return OnLine(line, set);
          }
        }
      } else if (absl::Status set = SetFieldFromText(record, columns_[i], row[i]); !set.ok()) {
        return OnLine(line, set);
      }
    }
    return true;
  }

 private:
  // True if `path` names a repeated field that is not a message (its cell lists values).
  static bool IsRepeatedScalar(const gpb::Descriptor& record_type, absl::string_view path) {
    const gpb::FieldDescriptor* leaf = FieldAtPath(record_type, path);
    return leaf != nullptr && leaf->is_repeated() && leaf->message_type() == nullptr;
  }

  Spool::Reader input_;
  CsvReader reader_;
  std::vector<std::string> columns_;
};

}  // namespace

bool IsBulkContentType(absl::string_view content_type) {
  return IsNdjson(content_type) || absl::EqualsIgnoreCase(MediaType(content_type), "text/csv");
}

absl::StatusOr<std::unique_ptr<RecordReader>> ReadRecords(absl::string_view content_type,
                                                          const Spool& body,
                                                          const gpb::Descriptor& record_type,
                                                          int max_record_bytes) {
  if (IsNdjson(content_type)) return std::make_unique<NdjsonReader>(body, max_record_bytes);
  auto csv = std::make_unique<CsvRecordReader>(body, max_record_bytes);
  RETURN_IF_ERROR(csv->ReadHeader(record_type));
  return csv;
}

}  // namespace thaksa::http
