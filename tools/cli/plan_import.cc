#include "tools/cli/plan_import.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/csv.h"
#include "common/status.h"
#include "tools/cli/csv_fields.h"
#include "tools/cli/csv_stream.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::learning::v1;

// The plan a row belongs to, with no items yet. Numbers that do not parse are sent as 0 (or
// NaN), which the server rejects naming the field.
pb::PlanRecord PlanOf(const CsvHeader& header, const std::vector<std::string>& row) {
  pb::PlanRecord plan;
  int64_t person = 0;
  int year = 0;
  (void)absl::SimpleAtoi(header.Get(row, "person_id"), &person);
  (void)absl::SimpleAtoi(header.Get(row, "fiscal_year"), &year);
  plan.set_external_id(header.Get(row, "external_id"));
  plan.set_person_id(person);
  plan.mutable_fiscal_year()->set_be_year(year);
  return plan;
}

pb::PlanItem ItemOf(const CsvHeader& header, const std::vector<std::string>& row) {
  auto get = [&](absl::string_view column) { return header.Get(row, column); };
  pb::PlanItem item;
  double hours = 0;
  (void)absl::SimpleAtod(get("hours"), &hours);
  item.set_title(get("title"));
  item.set_mode(static_cast<pb::LearningMode>(
      EnumValue(pb::LearningMode_descriptor(), "LEARNING_MODE_", get("mode"))));
  item.set_planned_hours(hours);
  item.set_horizon(
      static_cast<pb::Horizon>(EnumValue(pb::Horizon_descriptor(), "HORIZON_", get("horizon"))));
  for (const std::string& s : CsvList(get("skill_sets"))) item.add_skill_set_codes(s);
  item.set_institute_code(get("institute_code"));
  item.set_course_code(get("course_code"));
  for (const std::string& code : CsvList(get("behaviour_codes"))) {
    item.add_behaviour_codes(code);
  }
  for (const std::string& code : CsvList(get("unit_codes"))) item.add_unit_codes(code);
  return item;
}

// Reads the rows of one plan after another: a plan is complete when a row of another
// external_id starts, or the file ends.
class PlanRows final {
 public:
  PlanRows(CsvReader& reader, const CsvHeader& header) : reader_(reader), header_(header) {}

  // The next plan and the line of its first row; nullopt at the end of the file.
  absl::StatusOr<std::optional<pb::PlanRecord>> Next(int& line) {
    if (!pending_.has_value()) {
      ASSIGN_OR_RETURN(pending_, ReadRow());
    }
    if (!pending_.has_value()) return std::nullopt;
    pb::PlanRecord plan = PlanOf(header_, *pending_);
    line = pending_line_;
    do {
      *plan.add_items() = ItemOf(header_, *pending_);
      ASSIGN_OR_RETURN(pending_, ReadRow());
    } while (pending_.has_value() && header_.Get(*pending_, "external_id") == plan.external_id());
    return plan;
  }

 private:
  // The next row that is not blank, or nullopt at the end of the file.
  absl::StatusOr<std::optional<std::vector<std::string>>> ReadRow() {
    std::vector<std::string> row;
    for (;;) {
      ASSIGN_OR_RETURN(const bool more, reader_.Next(row));
      if (!more) return std::nullopt;
      if (row.size() == 1 && row[0].empty()) continue;
      pending_line_ = reader_.line();
      return row;
    }
  }

  CsvReader& reader_;
  const CsvHeader& header_;
  std::optional<std::vector<std::string>> pending_;  // the first row of the next plan
  int pending_line_ = 0;
};

}  // namespace

absl::StatusOr<ImportTotals> ImportPlans(pb::LearningService::Stub& stub, std::istream& csv,
                                         std::ostream& report, const CallOptions& options) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"external_id", "person_id", "fiscal_year", "title",
                                          "mode", "hours", "horizon", "skill_sets"}));
  PlanRows plans(reader, header);
  std::unique_ptr<grpc::ClientContext> context = NewContext(options);
  auto stream = stub.BulkUpsertPlans(context.get());
  ImportTotals totals;
  RETURN_IF_ERROR((StreamCsvRecords<pb::PlanRecord, pb::BulkPlanResult>(
      *context, *stream, [&](int& line) { return plans.Next(line); },
      [&](const pb::BulkPlanResult& result, int line) {
        ++totals.rows;
        WriteRowResult(report, line, result.external_id(),
                       EnumName(pb::PlanImportOutcome_descriptor(), "PLAN_IMPORT_OUTCOME_",
                                result.outcome()),
                       result.plan_id());
        switch (result.outcome()) {
          case pb::PLAN_IMPORT_OUTCOME_CREATED: ++totals.created; break;
          case pb::PLAN_IMPORT_OUTCOME_UPDATED: ++totals.updated; break;
          case pb::PLAN_IMPORT_OUTCOME_UNCHANGED: ++totals.unchanged; break;
          default: ++totals.rejected; break;
        }
        WriteFieldErrors(report, result.errors());
        for (const pb::Violation& v : result.violations()) {
          report << "\t! " << v.rule() << ": " << v.reason();
        }
        for (const pb::Violation& v : result.warnings()) {
          report << "\t? " << v.rule() << ": " << v.reason();
        }
        report << "\n";
      })));
  report << totals.Summary() << "\n";
  return totals;
}

}  // namespace thaksa::cli
