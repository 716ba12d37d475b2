// Streaming the rows of a CSV file through a bidirectional bulk RPC: a writer thread sends the
// records made of the rows while the caller reads one result per record.
#ifndef THAKSA_TOOLS_CLI_CSV_STREAM_H_
#define THAKSA_TOOLS_CLI_CSV_STREAM_H_

#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa::cli {

// Sends every record `next_record(line)` gives on `stream` (nullopt: no more; an error stops the
// call) and calls `on_result(result, line)` for each result the server sends, `line` being the
// CSV line `next_record` set for the result's record (results carry the 0-based index of their
// record). Returns the first error: of `next_record` (the file), or of the call.
template <typename Record, typename Result>
absl::Status StreamCsvRecords(
    grpc::ClientContext& context, grpc::ClientReaderWriter<Record, Result>& stream,
    const std::function<absl::StatusOr<std::optional<Record>>(int& line)>& next_record,
    const std::function<void(const Result&, int)>& on_result) {
  absl::Mutex mutex;
  std::vector<int> line_of_record;  // guarded by `mutex`
  absl::Status file_status;
  std::thread writer([&] {
    for (;;) {
      int line = 0;
      absl::StatusOr<std::optional<Record>> record = next_record(line);
      if (!record.ok()) {
        file_status = record.status();
        context.TryCancel();
        break;
      }
      if (!record->has_value()) break;
      {
        absl::MutexLock lock(&mutex);
        line_of_record.push_back(line);
      }
      if (!stream.Write(**record)) break;
    }
    stream.WritesDone();
  });
  Result result;
  while (stream.Read(&result)) {
    int line = 0;
    {
      absl::MutexLock lock(&mutex);
      line = line_of_record.at(result.index());
    }
    on_result(result, line);
  }
  writer.join();
  const grpc::Status status = stream.Finish();
  if (!file_status.ok()) return file_status;
  return FromGrpcStatus(status);
}

// StreamCsvRecords with one record per remaining row of `reader` (`to_record(row)`), blank lines
// skipped.
template <typename Record, typename Result>
absl::Status StreamCsvRows(CsvReader& reader, grpc::ClientContext& context,
                           grpc::ClientReaderWriter<Record, Result>& stream,
                           const std::function<Record(const std::vector<std::string>&)>& to_record,
                           const std::function<void(const Result&, int)>& on_result) {
  std::vector<std::string> row;
  return StreamCsvRecords<Record, Result>(
      context, stream,
      [&](int& line) -> absl::StatusOr<std::optional<Record>> {
        for (;;) {
          absl::StatusOr<bool> more = reader.Next(row);
          if (!more.ok()) return more.status();
          if (!*more) return std::nullopt;
          if (row.size() == 1 && row[0].empty()) continue;  // blank line
          line = reader.line();
          return to_record(row);
        }
      },
      on_result);
}

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_CSV_STREAM_H_
