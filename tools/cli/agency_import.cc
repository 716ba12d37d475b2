#include "tools/cli/agency_import.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

// For an agency that exists already: names the accountable officer `row` gives where the stored
// agency names another or none (`named` says whether it did).
grpc::Status NameOfficer(pb::PersonnelService::Stub& stub, const pb::Agency& row,
                         const CallOptions& options, bool& named) {
  named = false;
  if (!row.has_accountable_officer()) return grpc::Status::OK;
  pb::GetAgencyRequest get;
  get.set_code(row.code());
  pb::UpdateAgencyRequest update;
  grpc::Status status = stub.GetAgency(NewContext(options).get(), get, update.mutable_agency());
  if (!status.ok()) return status;
  if (google::protobuf::util::MessageDifferencer::Equals(update.agency().accountable_officer(),
                                                         row.accountable_officer())) {
    return grpc::Status::OK;
  }
  update.set_expected_version(update.agency().version());
  *update.mutable_agency()->mutable_accountable_officer() = row.accountable_officer();
  pb::Agency updated;
  status = stub.UpdateAgency(NewContext(options).get(), update, &updated);
  named = status.ok();
  return status;
}

}  // namespace

absl::StatusOr<ImportTotals> ImportAgencies(pb::PersonnelService::Stub& stub, std::istream& csv,
                                            std::ostream& report, const CallOptions& options) {
  CsvReader reader(csv);
  ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(reader, {"code", "name_th", "kind"}));
  std::vector<std::string> row;

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
    pb::Agency stored;
    grpc::Status status = stub.CreateAgency(NewContext(options).get(), create, &stored);
    report << "line " << reader.line() << "\t" << agency->code() << "\t";
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      bool named = false;
      status = NameOfficer(stub, *agency, options, named);
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
          status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
        return FromGrpcStatus(status);
      } else if (status.ok() && !named) {
        ++totals.unchanged;
        report << "UNCHANGED (exists)";
      } else if (!status.ok()) {
        ++totals.rejected;
        report << "REJECTED\t" << DescribeGrpcStatus(status) << "\n";
        continue;
      } else {
        ++totals.updated;
        report << "UPDATED (accountable officer named)";
      }
    } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
               status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
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
      pb::GetAgencyRequest get_request;
      get_request.set_code(agency->code());
      bool declared = false;
      if (stub.GetAgency(NewContext(options).get(), get_request, &stored).ok()) {
        for (const pb::PeriodDeclaration& d : stored.period_history()) {
          if (d.fiscal_year().be_year() == fiscal_year) declared = d.period() == declare.period();
        }
      }
      if (!declared) {
        status = stub.SetAgencyPeriod(NewContext(options).get(), declare, &stored);
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
