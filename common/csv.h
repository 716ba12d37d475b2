// Reading CSV files (RFC 4180: comma-separated, fields optionally in double quotes, "" for a
// quote inside a quoted field, CRLF or LF line ends), UTF-8 with an optional byte-order mark.
#ifndef THAKSA_COMMON_CSV_H_
#define THAKSA_COMMON_CSV_H_

#include <istream>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace thaksa {

class CsvReader final {
 public:
  // Reads from `input`, which must outlive the reader. A record longer than `max_record_bytes`
  // (each field counting 32 bytes more than its text) is an error, read no further.
  explicit CsvReader(std::istream& input,
                     size_t max_record_bytes = std::numeric_limits<size_t>::max())
      : input_(input), max_record_bytes_(max_record_bytes) {}

  // Reads the next record into `fields`; false at the end of input. A quoted field left open at
  // the end of input is an error.
  absl::StatusOr<bool> Next(std::vector<std::string>& fields);

  // The 1-based line on which the last record read started.
  int line() const { return record_line_; }

 private:
  std::istream& input_;
  size_t max_record_bytes_;
  int next_line_ = 1;
  int record_line_ = 0;
  bool at_start_ = true;
};

// The header row: the index of each column name, for reading rows by name.
class CsvHeader final {
 public:
  explicit CsvHeader(std::vector<std::string> names) : names_(std::move(names)) {}
  // Index of `name`, or -1 if the header has no such column.
  int IndexOf(absl::string_view name) const;
  // The field of `row` in column `name`, or "" if there is no such column or field.
  std::string Get(const std::vector<std::string>& row, absl::string_view name) const;

 private:
  std::vector<std::string> names_;
};

// Reads the header row of `reader`; an empty file or a header lacking one of `required` is
// INVALID_ARGUMENT.
absl::StatusOr<CsvHeader> ReadCsvHeader(CsvReader& reader,
                                        const std::vector<absl::string_view>& required = {});

}  // namespace thaksa

#endif  // THAKSA_COMMON_CSV_H_
