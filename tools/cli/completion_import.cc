#include "tools/cli/completion_import.h"

#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "common/csv.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "tools/cli/csv_stream.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::learning::v1;

// Unix seconds of "YYYY-MM-DD HH:MM" in Thailand; 0 if it is not such a time (the server then
// names the field).
int64_t ThaiTime(const std::string& text) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%d %H:%M", text, ThailandTimeZone(), &t, &error)) return 0;
  return absl::ToUnixSeconds(t);
}

pb::CompletionRecord ToRecord(const CsvHeader& header, const std::vector<std::string>& row) {
  auto get = [&](absl::string_view column) { return header.Get(row, column); };
  pb::CompletionRecord r;
  int64_t person = 0;
  double hours = 0, score = 0;
  int level = 0;
  (void)absl::SimpleAtoi(get("person_id"), &person);
  (void)absl::SimpleAtod(get("hours"), &hours);
  (void)absl::SimpleAtod(get("score"), &score);
  (void)absl::SimpleAtoi(get("assessed_level"), &level);
  r.set_record_id(get("record_id"));
  r.set_person_id(person);
  r.set_citizen_id(get("citizen_id"));
  r.set_course_code(get("course_code"));
  r.set_started_at_unix(ThaiTime(get("started_at")));
  r.set_finished_at_unix(ThaiTime(get("finished_at")));
  r.set_hours(hours);
  r.set_passed(get("passed") == "true");
  r.set_score(score);
  r.set_assessed_level(level);
  r.set_certificate_id(get("certificate_id"));
  return r;
}

}  // namespace

absl::StatusOr<ImportTotals> ImportCompletions(pb::LearningService::Stub& stub, std::istream& csv,
                                               std::ostream& report, const CallOptions& options) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"record_id", "course_code", "started_at", "finished_at",
                                          "hours"}));
  std::unique_ptr<grpc::ClientContext> context = NewContext(options);
  auto stream = stub.RecordCompletions(context.get());
  ImportTotals totals;
  RETURN_IF_ERROR((StreamCsvRows<pb::CompletionRecord, pb::CompletionResult>(
      reader, *context, *stream,
      [&](const std::vector<std::string>& row) { return ToRecord(header, row); },
      [&](const pb::CompletionResult& result, int line) {
        ++totals.rows;
        WriteRowResult(report, line, result.record_id(),
                       EnumName(pb::CompletionOutcome_descriptor(), "COMPLETION_OUTCOME_",
                                result.outcome()),
                       result.completion_id());
        switch (result.outcome()) {
          case pb::COMPLETION_OUTCOME_RECORDED: ++totals.created; break;
          case pb::COMPLETION_OUTCOME_UNCHANGED: ++totals.unchanged; break;
          case pb::COMPLETION_OUTCOME_REJECTED: ++totals.rejected; break;
          default: ++totals.updated; break;
        }
        if (!result.field().empty()) report << "\t" << result.field() << ":";
        if (!result.reason().empty()) report << "\t" << result.reason();
        report << "\n";
      })));
  report << totals.Summary() << "\n";
  return totals;
}

}  // namespace thaksa::cli
