// thaksa: the command-line client of the Thaksa API.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/grpc_status.h"
#include "common/health_client.h"
#include "common/thai_calendar.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tools/cli/agency_import.h"
#include "tools/cli/enum_names.h"
#include "tools/cli/people_import.h"

ABSL_FLAG(std::string, server, "", "Server address (env THAKSA_SERVER; default 127.0.0.1:50051).");
ABSL_FLAG(int, timeout, 30, "Seconds a call may take (imports: 60 times as long).");
ABSL_FLAG(std::string, parent, "", "agencies list/create: parent agency code.");
ABSL_FLAG(bool, subtree, false, "agencies list: the whole subtree instead of direct children.");
ABSL_FLAG(std::string, code, "", "agencies create: the new agency's code.");
ABSL_FLAG(std::string, name_th, "", "agencies create: Thai name.");
ABSL_FLAG(std::string, name_en, "", "agencies create: English name.");
ABSL_FLAG(std::string, kind, "", "agencies create: MINISTRY, DEPARTMENT, DIVISION, "
                                 "PROVINCIAL_OFFICE or OTHER.");
ABSL_FLAG(int, fiscal_year, 0, "agencies set-period: fiscal year (BE), e.g. 2569.");
ABSL_FLAG(std::string, period, "", "agencies set-period: EARLY, DEVELOPING or MATURING.");
ABSL_FLAG(std::string, agency, "", "people list: agency subtree; people get: agency of record.");
ABSL_FLAG(std::string, group, "", "people list: personnel group, e.g. ACADEMIC.");
ABSL_FLAG(std::string, status, "", "people list: ACTIVE, ON_LEAVE or LEFT.");
ABSL_FLAG(std::string, as_of, "", "people get: the date (YYYY-MM-DD) to show.");

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

constexpr char kUsage[] = R"(thaksa COMMAND [flags]

Commands:
  health                                   is the server serving?
  agencies list [--parent CODE] [--subtree]
  agencies get CODE
  agencies create --code C --name_th T [--name_en E] [--parent P] --kind K
  agencies set-period CODE --fiscal_year 2569 --period DEVELOPING
  agencies import FILE.csv                 create agencies (and periods) from a CSV
  people get ID | EMPLOYEE_NUMBER --agency CODE   [--as_of YYYY-MM-DD]
  people list [--agency CODE] [--group G] [--status S]
  people import FILE.csv                   bulk-sync people from a CSV, one report line a row

The server is --server or THAKSA_SERVER (default 127.0.0.1:50051).)";

int Fail(const std::string& message) {
  std::cerr << "thaksa: " << message << "\n";
  return 1;
}

int Fail(const grpc::Status& status) { return Fail(DescribeGrpcStatus(status)); }

std::shared_ptr<grpc::Channel> Connect() {
  std::string address = absl::GetFlag(FLAGS_server);
  if (address.empty()) {
    const char* env = std::getenv("THAKSA_SERVER");
    address = env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
  }
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(absl::GetFlag(FLAGS_timeout)));
}

std::string Period(int value) {
  return EnumName(common_pb::Period_descriptor(), "PERIOD_", value);
}

void PrintAgency(const pb::Agency& a) {
  std::cout << a.code() << "\t" << a.name().th() << "\t" << a.name().en() << "\t"
            << EnumName(pb::AgencyKind_descriptor(), "AGENCY_KIND_", a.kind()) << "\tparent="
            << (a.parent_code().empty() ? "-" : a.parent_code())
            << "\tperiod=" << Period(a.current_period()) << "\tversion=" << a.version() << "\n";
}

int AgenciesList() {
  auto stub = pb::PersonnelService::NewStub(Connect());
  pb::ListAgenciesRequest request;
  request.set_parent_code(absl::GetFlag(FLAGS_parent));
  request.set_subtree(absl::GetFlag(FLAGS_subtree));
  request.set_page_size(1000);
  int count = 0;
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    pb::ListAgenciesResponse response;
    if (grpc::Status s = stub->ListAgencies(&context, request, &response); !s.ok()) return Fail(s);
    for (const pb::Agency& agency : response.agencies()) PrintAgency(agency);
    count += response.agencies_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  std::cout << count << " agencies\n";
  return 0;
}

int AgenciesGet(const std::string& code) {
  auto stub = pb::PersonnelService::NewStub(Connect());
  grpc::ClientContext context;
  SetDeadline(context);
  pb::GetAgencyRequest request;
  request.set_code(code);
  pb::Agency agency;
  if (grpc::Status s = stub->GetAgency(&context, request, &agency); !s.ok()) return Fail(s);
  PrintAgency(agency);
  for (const pb::PeriodDeclaration& d : agency.period_history()) {
    std::cout << "  FY" << d.fiscal_year().be_year() << "\t" << Period(d.period()) << "\n";
  }
  return 0;
}

int AgenciesCreate() {
  auto stub = pb::PersonnelService::NewStub(Connect());
  grpc::ClientContext context;
  SetDeadline(context);
  pb::CreateAgencyRequest request;
  pb::Agency* agency = request.mutable_agency();
  agency->set_code(absl::GetFlag(FLAGS_code));
  agency->mutable_name()->set_th(absl::GetFlag(FLAGS_name_th));
  agency->mutable_name()->set_en(absl::GetFlag(FLAGS_name_en));
  agency->set_parent_code(absl::GetFlag(FLAGS_parent));
  agency->set_kind(static_cast<pb::AgencyKind>(
      EnumValue(pb::AgencyKind_descriptor(), "AGENCY_KIND_", absl::GetFlag(FLAGS_kind))));
  pb::Agency created;
  if (grpc::Status s = stub->CreateAgency(&context, request, &created); !s.ok()) return Fail(s);
  PrintAgency(created);
  return 0;
}

int AgenciesSetPeriod(const std::string& code) {
  auto stub = pb::PersonnelService::NewStub(Connect());
  grpc::ClientContext context;
  SetDeadline(context);
  pb::SetAgencyPeriodRequest request;
  request.set_code(code);
  request.mutable_fiscal_year()->set_be_year(absl::GetFlag(FLAGS_fiscal_year));
  request.set_period(static_cast<common_pb::Period>(
      EnumValue(common_pb::Period_descriptor(), "PERIOD_", absl::GetFlag(FLAGS_period))));
  pb::Agency agency;
  if (grpc::Status s = stub->SetAgencyPeriod(&context, request, &agency); !s.ok()) return Fail(s);
  PrintAgency(agency);
  return 0;
}

void PrintAssignment(const pb::Assignment& a) {
  auto date = [](const common_pb::Date& d) {
    return FormatIsoDate(absl::CivilDay(d.year(), d.month(), d.day()));
  };
  std::cout << date(a.effective_from()) << " .. "
            << (a.has_effective_to() ? date(a.effective_to()) : std::string("open")) << "\t"
            << a.agency_code() << "\t" << a.position_title() << "\t" << a.grade() << "\t"
            << EnumName(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_",
                        a.personnel_group())
            << "\n";
}

int PeopleGet(const std::string& which) {
  pb::GetPersonRequest request;
  int64_t id = 0;
  if (const std::string agency = absl::GetFlag(FLAGS_agency); !agency.empty()) {
    request.mutable_key()->set_agency_of_record_code(agency);
    request.mutable_key()->set_employee_number(which);
  } else if (absl::SimpleAtoi(which, &id)) {
    request.set_id(id);
  } else {
    return Fail("people get: give a person id, or an employee number with --agency");
  }
  if (const std::string as_of = absl::GetFlag(FLAGS_as_of); !as_of.empty()) {
    absl::StatusOr<absl::CivilDay> day = ParseIsoDate(as_of);
    if (!day.ok()) return Fail(std::string(day.status().message()));
    request.mutable_as_of()->set_year(static_cast<int>(day->year()));
    request.mutable_as_of()->set_month(day->month());
    request.mutable_as_of()->set_day(day->day());
  }
  auto stub = pb::PersonnelService::NewStub(Connect());
  grpc::ClientContext context;
  SetDeadline(context);
  pb::Person p;
  if (grpc::Status s = stub->GetPerson(&context, request, &p); !s.ok()) return Fail(s);
  std::cout << "id\t" << p.id() << "\nrecord\t" << p.agency_of_record_code() << " / "
            << p.employee_number() << "\ncitizen id\t" << p.citizen_id_masked() << "\nname\t"
            << p.name().th() << " (" << p.name().en() << ")\nstatus\t"
            << EnumName(pb::EmploymentStatus_descriptor(), "EMPLOYMENT_STATUS_", p.status())
            << "\nsupervisor\t"
            << (p.supervisor_employee_number().empty() ? "-" : p.supervisor_employee_number())
            << "\nversion\t" << p.version() << "\nassignment\t";
  PrintAssignment(p.assignment());
  std::cout << "history:\n";
  for (const pb::Assignment& a : p.assignment_history()) {
    std::cout << "  ";
    PrintAssignment(a);
  }
  return 0;
}

int PeopleList() {
  auto stub = pb::PersonnelService::NewStub(Connect());
  pb::ListPeopleRequest request;
  request.set_agency_code(absl::GetFlag(FLAGS_agency));
  request.set_personnel_group(static_cast<common_pb::PersonnelGroup>(EnumValue(
      common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_", absl::GetFlag(FLAGS_group))));
  request.set_status(static_cast<pb::EmploymentStatus>(EnumValue(
      pb::EmploymentStatus_descriptor(), "EMPLOYMENT_STATUS_", absl::GetFlag(FLAGS_status))));
  request.set_page_size(1000);
  int count = 0;
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    pb::ListPeopleResponse response;
    if (grpc::Status s = stub->ListPeople(&context, request, &response); !s.ok()) return Fail(s);
    for (const pb::Person& p : response.people()) {
      std::cout << p.id() << "\t" << p.employee_number() << "\t" << p.name().th() << "\t";
      PrintAssignment(p.assignment());
    }
    count += response.people_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  std::cout << count << " people\n";
  return 0;
}

int Import(const std::string& path, bool people) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(absl::StrCat("cannot open ", path));
  auto stub = pb::PersonnelService::NewStub(Connect());
  const absl::Duration timeout = absl::Seconds(60 * absl::GetFlag(FLAGS_timeout));
  absl::Status status = people ? ImportPeople(*stub, file, std::cout, timeout).status()
                               : ImportAgencies(*stub, file, std::cout, timeout).status();
  if (!status.ok()) return Fail(std::string(status.message()));
  return 0;
}

int Health() {
  absl::Status status = CheckHealth(Connect(), absl::Seconds(absl::GetFlag(FLAGS_timeout)));
  if (!status.ok()) return Fail(status.ToString());
  std::cout << "SERVING\n";
  return 0;
}

int Run(const std::vector<std::string>& args) {
  auto is = [&](size_t i, const char* word) { return args.size() > i && args[i] == word; };
  if (is(0, "health")) return Health();
  if (is(0, "agencies") && is(1, "list")) return AgenciesList();
  if (is(0, "agencies") && is(1, "get") && args.size() == 3) return AgenciesGet(args[2]);
  if (is(0, "agencies") && is(1, "create")) return AgenciesCreate();
  if (is(0, "agencies") && is(1, "set-period") && args.size() == 3) return AgenciesSetPeriod(args[2]);
  if (is(0, "agencies") && is(1, "import") && args.size() == 3) return Import(args[2], false);
  if (is(0, "people") && is(1, "get") && args.size() == 3) return PeopleGet(args[2]);
  if (is(0, "people") && is(1, "list")) return PeopleList();
  if (is(0, "people") && is(1, "import") && args.size() == 3) return Import(args[2], true);
  std::cerr << kUsage << "\n";
  return 2;
}

}  // namespace
}  // namespace thaksa::cli

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(thaksa::cli::kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  return thaksa::cli::Run(std::vector<std::string>(positional.begin() + 1, positional.end()));
}
