// The CSV reader on any bytes: it ends (one record per call, never looping), errors only with a
// line number, and what it reads is read again the same once written back out with every field
// quoted.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using Records = std::vector<std::vector<std::string>>;

// Reads every record of `text`; stops at the first error.
Records ReadAll(const std::string& text, bool& failed) {
  std::istringstream input(text);
  thaksa::CsvReader reader(input);
  Records records;
  failed = false;
  // Every record but the first consumes at least one byte (its line end).
  for (size_t guard = 0; guard <= text.size() + 1; ++guard) {
    std::vector<std::string> fields;
    absl::StatusOr<bool> more = reader.Next(fields);
    if (!more.ok()) {
      FUZZ_CHECK(reader.line() >= 1, "an error names the line it is on");
      failed = true;
      return records;
    }
    if (!*more) return records;
    FUZZ_CHECK(!fields.empty(), "a record has at least one field");
    records.push_back(std::move(fields));
  }
  FUZZ_CHECK(false, "the reader ends");
  return records;
}

std::string Quoted(const Records& records) {
  std::string text;
  for (const auto& record : records) {
    for (size_t i = 0; i < record.size(); ++i) {
      if (i > 0) text += ',';
      text += '"';
      for (char c : record[i]) text += c == '"' ? std::string("\"\"") : std::string(1, c);
      text += '"';
    }
    text += "\r\n";
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bool failed = false;
  const Records records = ReadAll(text, failed);
  if (!records.empty()) {
    bool failed_again = false;
    FUZZ_CHECK(ReadAll(Quoted(records), failed_again) == records && !failed_again,
               "records written back with quotes read the same");
  }
  std::istringstream input(text);
  thaksa::CsvReader reader(input);
  absl::StatusOr<thaksa::CsvHeader> header = thaksa::ReadCsvHeader(reader, {"code", "name_th"});
  if (header.ok()) {
    std::vector<std::string> row;
    while (reader.Next(row).value_or(false)) (void)header->Get(row, "name_th");
  }
  return 0;
}
