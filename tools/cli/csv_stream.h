// Streaming the rows of a CSV file through a bidirectional bulk RPC: a writer thread sends one
// record per row while the caller reads one result per record.
#ifndef THAKSA_TOOLS_CLI_CSV_STREAM_H_
#define THAKSA_TOOLS_CLI_CSV_STREAM_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"

namespace thaksa::cli {

// Sends `to_record(row)` for every remaining row of `reader` on `stream` and calls
// `on_result(result, csv_line)` for each result the server sends (results carry the 0-based
// index of their record). Returns the first error: of the file, or of the call.
template <typename Record, typename Result>
absl::Status StreamCsvRows(CsvReader& reader, grpc::ClientContext& context,
                           grpc::ClientReaderWriter<Record, Result>& stream,
                           const std::function<Record(const std::vector<std::string>&)>& to_record,
                           const std::function<void(const Result&, int)>& on_result) {
  absl::Mutex mutex;
  std::vector<int> line_of_row;  // the CSV line of each record sent, guarded by `mutex`
  absl::Status file_status;
  std::thread writer([&] {
    std::vector<std::string> row;
    for (;;) {
      absl::StatusOr<bool> more = reader.Next(row);
      if (!more.ok()) {
        file_status = more.status();
        context.TryCancel();
        break;
      }
      if (!*more) break;
      if (row.size() == 1 && row[0].empty()) continue;  // blank line
      {
        absl::MutexLock lock(&mutex);
        line_of_row.push_back(reader.line());
      }
      if (!stream.Write(to_record(row))) break;
    }
    stream.WritesDone();
  });
  Result result;
  while (stream.Read(&result)) {
    int line = 0;
    {
      absl::MutexLock lock(&mutex);
      line = line_of_row.at(result.index());
    }
    on_result(result, line);
  }
  writer.join();
  const grpc::Status status = stream.Finish();
  if (!file_status.ok()) return file_status;
  return FromGrpcStatus(status);
}

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_CSV_STREAM_H_
