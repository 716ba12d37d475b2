#include "common/csv.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace thaksa {

absl::StatusOr<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  if (at_start_) {
    at_start_ = false;
    if (input_.peek() == 0xEF) {  // UTF-8 byte-order mark
      char bom[3];
      input_.read(bom, 3);
    }
  }
  if (input_.peek() == std::char_traits<char>::eof()) return false;
  record_line_ = next_line_;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  constexpr size_t kFieldBytes = 32;
  size_t bytes = kFieldBytes;
  for (int c; (c = input_.get()) != std::char_traits<char>::eof();) {
    if (++bytes > max_record_bytes_) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", record_line_, ": the record is longer than ", max_record_bytes_, " bytes"));
    }
    if (quoted) {
      if (c == '"') {
        if (input_.peek() == '"') {
          input_.get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++next_line_;
        field.push_back(static_cast<char>(c));
      }
    } else if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = field_was_quoted = true;
    } else if (c == ',') {
      bytes += kFieldBytes;
      fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && input_.peek() == '\n') input_.get();
      ++next_line_;
      fields.push_back(std::move(field));
      return true;
    } else {
      field.push_back(static_cast<char>(c));
    }
  }
  if (quoted) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", record_line_, ": quoted field is not closed"));
  }
  fields.push_back(std::move(field));
  return true;
}

int CsvHeader::IndexOf(absl::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (absl::StripAsciiWhitespace(names_[i]) == name) return static_cast<int>(i);
  }
  return -1;
}

std::string CsvHeader::Get(const std::vector<std::string>& row, absl::string_view name) const {
  const int index = IndexOf(name);
  if (index < 0 || static_cast<size_t>(index) >= row.size()) return "";
  return std::string(absl::StripAsciiWhitespace(row[index]));
}

absl::StatusOr<CsvHeader> ReadCsvHeader(CsvReader& reader,
                                        const std::vector<absl::string_view>& required) {
  std::vector<std::string> names;
  absl::StatusOr<bool> read = reader.Next(names);
  if (!read.ok()) return read.status();
  if (!*read) return absl::InvalidArgumentError("the file is empty: no header row");
  CsvHeader header(std::move(names));
  for (absl::string_view column : required) {
    if (header.IndexOf(column) < 0) {
      return absl::InvalidArgumentError(absl::StrCat("the header has no column '", column, "'"));
    }
  }
  return header;
}

}  // namespace thaksa
