#include "tools/cli/assessment_import.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "tools/cli/csv_fields.h"
#include "tools/cli/csv_stream.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::assessment::v1;

pb::AssessmentRecord ToRecord(const CsvHeader& header, const std::vector<std::string>& row) {
  auto get = [&](absl::string_view column) { return header.Get(row, column); };
  pb::AssessmentRecord r;
  int64_t person = 0;
  int level = -1;
  (void)absl::SimpleAtoi(get("person_id"), &person);
  (void)absl::SimpleAtoi(get("level"), &level);
  r.set_person_id(person);
  r.set_framework_code(get("framework_code"));
  r.set_skill_set_code(get("skill_set_code"));
  r.set_level(level);
  r.set_source(static_cast<pb::AssessmentSource>(
      EnumValue(pb::AssessmentSource_descriptor(), "ASSESSMENT_SOURCE_", get("source"))));
  r.set_instrument(get("instrument"));
  if (!get("assessed_on").empty()) SetCsvDate(get("assessed_on"), r.mutable_assessed_on());
  if (!get("valid_until").empty()) SetCsvDate(get("valid_until"), r.mutable_valid_until());
  r.set_external_id(get("external_id"));
  r.set_note(get("note"));
  for (const std::string& code : CsvList(get("unit_codes"))) r.add_unit_codes(code);
  return r;
}

}  // namespace

absl::StatusOr<ImportTotals> ImportAssessments(pb::AssessmentService::Stub& stub,
                                               std::istream& csv, std::ostream& report,
                                               const CallOptions& options) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"person_id", "skill_set_code", "level", "source",
                                          "assessed_on"}));
  std::unique_ptr<grpc::ClientContext> context = NewContext(options);
  auto stream = stub.BulkRecordAssessments(context.get());
  ImportTotals totals;
  RETURN_IF_ERROR((StreamCsvRows<pb::AssessmentRecord, pb::BulkAssessmentResult>(
      reader, *context, *stream,
      [&](const std::vector<std::string>& row) { return ToRecord(header, row); },
      [&](const pb::BulkAssessmentResult& result, int line) {
        ++totals.rows;
        WriteRowResult(report, line, result.external_id(),
                       EnumName(pb::RecordOutcome_descriptor(), "RECORD_OUTCOME_", result.outcome()),
                       result.assessment_id());
        if (result.outcome() == pb::RECORD_OUTCOME_RECORDED) ++totals.created;
        if (result.outcome() == pb::RECORD_OUTCOME_UNCHANGED) ++totals.unchanged;
        if (result.outcome() == pb::RECORD_OUTCOME_REJECTED) ++totals.rejected;
        WriteFieldErrors(report, result.errors());
        report << "\n";
      })));
  report << totals.Summary() << "\n";
  return totals;
}

}  // namespace thaksa::cli
