// thaksa agencies ...
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/agency_import.h"
#include "tools/cli/cli.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

std::string PeriodName(int value) {
  return EnumName(common_pb::Period_descriptor(), "PERIOD_", value);
}

void PrintAgency(const pb::Agency& a) {
  std::cout << a.code() << "\t" << a.name().th() << "\t" << a.name().en() << "\t"
            << EnumName(pb::AgencyKind_descriptor(), "AGENCY_KIND_", a.kind()) << "\tparent="
            << (a.parent_code().empty() ? "-" : a.parent_code())
            << "\tperiod=" << PeriodName(a.current_period())
            << (a.needs_accountable_officer() ? "\tofficer=NONE" : "")
            << "\tversion=" << a.version() << "\n";
}

int List(const Cli& cli) {
  auto stub = pb::PersonnelService::NewStub(cli.channel);
  pb::ListAgenciesRequest request;
  request.set_parent_code(absl::GetFlag(FLAGS_parent));
  request.set_subtree(absl::GetFlag(FLAGS_subtree));
  request.set_needing_accountable_officer(absl::GetFlag(FLAGS_needing_officer));
  request.set_page_size(1000);
  int count = 0;
  do {
    pb::ListAgenciesResponse response;
    grpc::Status s = stub->ListAgencies(NewContext(cli.options).get(), request, &response);
    if (!s.ok()) return Fail(s);
    for (const pb::Agency& agency : response.agencies()) PrintAgency(agency);
    count += response.agencies_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  std::cout << count << " agencies\n";
  return 0;
}

int Get(const Cli& cli, const std::string& code) {
  pb::GetAgencyRequest request;
  request.set_code(code);
  pb::Agency agency;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->GetAgency(NewContext(cli.options).get(), request, &agency);
  if (!s.ok()) return Fail(s);
  PrintAgency(agency);
  for (const pb::PeriodDeclaration& d : agency.period_history()) {
    std::cout << "  FY" << d.fiscal_year().be_year() << "\t" << PeriodName(d.period()) << "\n";
  }
  return 0;
}

int Create(const Cli& cli) {
  pb::CreateAgencyRequest request;
  pb::Agency* agency = request.mutable_agency();
  agency->set_code(absl::GetFlag(FLAGS_code));
  agency->mutable_name()->set_th(absl::GetFlag(FLAGS_name_th));
  agency->mutable_name()->set_en(absl::GetFlag(FLAGS_name_en));
  agency->set_parent_code(absl::GetFlag(FLAGS_parent));
  agency->set_kind(static_cast<pb::AgencyKind>(
      EnumValue(pb::AgencyKind_descriptor(), "AGENCY_KIND_", absl::GetFlag(FLAGS_kind))));
  pb::Agency created;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->CreateAgency(NewContext(cli.options).get(), request, &created);
  if (!s.ok()) return Fail(s);
  PrintAgency(created);
  return 0;
}

// Names the agency's accountable officer (replacing any earlier one).
int SetOfficer(const Cli& cli, const std::string& code) {
  auto stub = pb::PersonnelService::NewStub(cli.channel);
  pb::GetAgencyRequest get;
  get.set_code(code);
  pb::UpdateAgencyRequest request;
  grpc::Status s = stub->GetAgency(NewContext(cli.options).get(), get, request.mutable_agency());
  if (!s.ok()) return Fail(s);
  request.set_expected_version(request.agency().version());
  pb::AccountableOfficer* officer = request.mutable_agency()->mutable_accountable_officer();
  officer->set_name(absl::GetFlag(FLAGS_officer_name));
  officer->set_position(absl::GetFlag(FLAGS_officer_position));
  officer->set_role(static_cast<pb::AccountableRole>(EnumValue(
      pb::AccountableRole_descriptor(), "ACCOUNTABLE_ROLE_", absl::GetFlag(FLAGS_officer_role))));
  officer->set_email(absl::GetFlag(FLAGS_officer_email));
  pb::Agency updated;
  s = stub->UpdateAgency(NewContext(cli.options).get(), request, &updated);
  if (!s.ok()) return Fail(s);
  PrintAgency(updated);
  return 0;
}

int SetPeriod(const Cli& cli, const std::string& code) {
  pb::SetAgencyPeriodRequest request;
  request.set_code(code);
  request.mutable_fiscal_year()->set_be_year(absl::GetFlag(FLAGS_fiscal_year));
  request.set_period(static_cast<common_pb::Period>(
      EnumValue(common_pb::Period_descriptor(), "PERIOD_", absl::GetFlag(FLAGS_period))));
  pb::Agency agency;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->SetAgencyPeriod(NewContext(cli.options).get(), request, &agency);
  if (!s.ok()) return Fail(s);
  PrintAgency(agency);
  return 0;
}

}  // namespace

int RunAgencyCommand(const Cli& cli, const std::vector<std::string>& args) {
  const std::string verb = args.size() > 1 ? args[1] : "";
  if (verb == "list" && args.size() == 2) return List(cli);
  if (verb == "get" && args.size() == 3) return Get(cli, args[2]);
  if (verb == "create" && args.size() == 2) return Create(cli);
  if (verb == "set-officer" && args.size() == 3) return SetOfficer(cli, args[2]);
  if (verb == "set-period" && args.size() == 3) return SetPeriod(cli, args[2]);
  if (verb == "import" && args.size() == 3) {
    auto stub = pb::PersonnelService::NewStub(cli.channel);
    return ImportFile(cli, args[2], [&](std::istream& in, const CallOptions& options) {
      return ImportAgencies(*stub, in, std::cout, options);
    });
  }
  return -1;
}

}  // namespace thaksa::cli
