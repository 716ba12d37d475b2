#include "tools/cli/people_import.h"

#include <vector>

#include "absl/strings/str_split.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "grpcpp/client_context.h"
#include "tools/cli/csv_fields.h"
#include "tools/cli/csv_stream.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

pb::PersonRecord ToRecord(const CsvHeader& header, const std::vector<std::string>& row) {
  auto get = [&](absl::string_view column) { return header.Get(row, column); };
  pb::PersonRecord record;
  record.set_agency_of_record_code(get("agency_of_record_code"));
  record.set_employee_number(get("employee_number"));
  record.set_citizen_id(get("citizen_id"));
  record.mutable_name()->set_th(get("name_th"));
  record.mutable_name()->set_en(get("name_en"));
  record.set_email(get("email"));
  record.set_status(static_cast<pb::EmploymentStatus>(
      EnumValue(pb::EmploymentStatus_descriptor(), "EMPLOYMENT_STATUS_", get("status"))));
  record.set_supervisor_employee_number(get("supervisor_employee_number"));
  record.set_agency_code(get("agency_code"));
  record.set_position_title(get("position_title"));
  record.set_grade(get("grade"));
  record.set_personnel_group(static_cast<common_pb::PersonnelGroup>(EnumValue(
      common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_", get("personnel_group"))));
  if (const std::string from = get("effective_from"); !from.empty()) {
    SetCsvDate(from, record.mutable_effective_from());
  }
  for (const std::string& item : CsvList(get("secondary_groups"))) {
    // GROUP:APPROVER:YYYY-MM-DD
    std::vector<std::string> parts = absl::StrSplit(item, absl::MaxSplits(':', 2));
    parts.resize(3);
    auto* secondary = record.add_secondary_groups();
    secondary->set_group(static_cast<common_pb::PersonnelGroup>(
        EnumValue(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_", parts[0])));
    secondary->set_approved_by(parts[1]);
    if (!parts[2].empty()) SetCsvDate(parts[2], secondary->mutable_approved_on());
  }
  return record;
}

}  // namespace

absl::StatusOr<ImportTotals> ImportPeople(pb::PersonnelService::Stub& stub, std::istream& csv,
                                          std::ostream& report, const CallOptions& options) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"agency_of_record_code", "employee_number", "citizen_id",
                                          "name_th", "agency_code", "position_title", "grade",
                                          "personnel_group"}));

  std::unique_ptr<grpc::ClientContext> context = NewContext(options);
  auto stream = stub.BulkUpsertPeople(context.get());
  ImportTotals totals;
  RETURN_IF_ERROR((StreamCsvRows<pb::PersonRecord, pb::BulkUpsertResult>(
      reader, *context, *stream,
      [&](const std::vector<std::string>& row) { return ToRecord(header, row); },
      [&](const pb::BulkUpsertResult& result, int line) {
        ++totals.rows;
        WriteRowResult(report, line, result.employee_number(),
                       EnumName(pb::UpsertOutcome_descriptor(), "UPSERT_OUTCOME_", result.outcome()),
                       result.person_id());
        switch (result.outcome()) {
          case pb::UPSERT_OUTCOME_CREATED: ++totals.created; break;
          case pb::UPSERT_OUTCOME_UPDATED: ++totals.updated; break;
          case pb::UPSERT_OUTCOME_UNCHANGED: ++totals.unchanged; break;
          default: ++totals.rejected; break;
        }
        WriteFieldErrors(report, result.errors());
        report << "\n";
      })));
  report << totals.Summary() << "\n";
  return totals;
}

}  // namespace thaksa::cli
