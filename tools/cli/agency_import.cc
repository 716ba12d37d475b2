#include "tools/cli/agency_import.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "grpcpp/client_context.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

}  // namespace

absl::StatusOr<ImportTotals> ImportAgencies(pb::PersonnelService::Stub& stub, std::istream& csv,
                                            std::ostream& report, absl::Duration timeout) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(reader, {"code", "name_th", "kind"}));
  std::vector<std::string> row;
  auto deadline = [&] {
    return std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout);
  };

  ImportTotals totals;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (row.size() == 1 && row[0].empty()) continue;
    ++totals.rows;
    auto get = [&](absl::string_view column) { return header.Get(row, column); };

    pb::CreateAgencyRequest create;
    pb::Agency* agency = create.mutable_agency();
    agency->set_code(get("code"));
    agency->mutable_name()->set_th(get("name_th"));
    agency->mutable_name()->set_en(get("name_en"));
    agency->set_parent_code(get("parent_code"));
    agency->set_kind(static_cast<pb::AgencyKind>(
        EnumValue(pb::AgencyKind_descriptor(), "AGENCY_KIND_", get("kind"))));
    if (!get("officer_name").empty()) {
      auto* officer = agency->mutable_accountable_officer();
      officer->set_name(get("officer_name"));
      officer->set_position(get("officer_position"));
      officer->set_role(static_cast<pb::AccountableRole>(EnumValue(
          pb::AccountableRole_descriptor(), "ACCOUNTABLE_ROLE_", get("officer_role"))));
      officer->set_email(get("officer_email"));
    }
    grpc::ClientContext create_context;
    create_context.set_deadline(deadline());
    pb::Agency stored;
    grpc::Status status = stub.CreateAgency(&create_context, create, &stored);
    report << "line " << reader.line() << "\t" << agency->code() << "\t";
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      ++totals.unchanged;
      report << "UNCHANGED (exists)";
    } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      return FromGrpcStatus(status);
    } else if (!status.ok()) {
      ++totals.rejected;
      report << "REJECTED\t" << DescribeGrpcStatus(status) << "\n";
      continue;
    } else {
      ++totals.created;
      report << "CREATED";
    }

    int fiscal_year = 0;
    if (absl::SimpleAtoi(get("fiscal_year"), &fiscal_year) && !get("period").empty()) {
      pb::SetAgencyPeriodRequest declare;
      declare.set_code(agency->code());
      declare.mutable_fiscal_year()->set_be_year(fiscal_year);
      declare.set_period(static_cast<common_pb::Period>(
          EnumValue(common_pb::Period_descriptor(), "PERIOD_", get("period"))));
      grpc::ClientContext get_context;
      get_context.set_deadline(deadline());
      pb::GetAgencyRequest get_request;
      get_request.set_code(agency->code());
      bool declared = false;
      if (stub.GetAgency(&get_context, get_request, &stored).ok()) {
        for (const pb::PeriodDeclaration& d : stored.period_history()) {
          if (d.fiscal_year().be_year() == fiscal_year) declared = d.period() == declare.period();
        }
      }
      if (!declared) {
        grpc::ClientContext declare_context;
        declare_context.set_deadline(deadline());
        status = stub.SetAgencyPeriod(&declare_context, declare, &stored);
        report << (status.ok() ? "\tperiod declared" : "\tperiod REJECTED: " +
                                                           DescribeGrpcStatus(status));
      }
    }
    report << "\n";
  }
  report << totals.Summary() << "\n";
  return totals;
}

}  // namespace thaksa::cli
