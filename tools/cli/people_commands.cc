// thaksa people ...
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/cli.h"
#include "tools/cli/enum_names.h"
#include "tools/cli/people_import.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

std::string Date(const common_pb::Date& d) {
  return FormatIsoDate(absl::CivilDay(d.year(), d.month(), d.day()));
}

void PrintAssignment(const pb::Assignment& a) {
  std::cout << Date(a.effective_from()) << " .. "
            << (a.has_effective_to() ? Date(a.effective_to()) : std::string("open")) << "\t"
            << a.agency_code() << "\t" << a.position_title() << "\t" << a.grade() << "\t"
            << EnumName(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_",
                        a.personnel_group())
            << "\n";
}

void PrintPerson(const pb::Person& p) {
  std::cout << "id\t" << p.id() << "\nrecord\t" << p.agency_of_record_code() << " / "
            << p.employee_number() << "\ncitizen id\t" << p.citizen_id_masked() << "\nname\t"
            << p.name().th() << " (" << p.name().en() << ")\nstatus\t"
            << EnumName(pb::EmploymentStatus_descriptor(), "EMPLOYMENT_STATUS_", p.status())
            << (p.anonymised() ? " (anonymised)" : "") << "\nsupervisor\t"
            << (p.supervisor_employee_number().empty() ? "-" : p.supervisor_employee_number())
            << "\nversion\t" << p.version() << "\nassignment\t";
  PrintAssignment(p.assignment());
  std::cout << "history:\n";
  for (const pb::Assignment& a : p.assignment_history()) {
    std::cout << "  ";
    PrintAssignment(a);
  }
}

int Get(const Cli& cli, const std::string& which) {
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
    DayToProto(*day, request.mutable_as_of());
  }
  pb::Person person;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->GetPerson(NewContext(cli.options).get(), request, &person);
  if (!s.ok()) return Fail(s);
  PrintPerson(person);
  return 0;
}

int List(const Cli& cli) {
  auto stub = pb::PersonnelService::NewStub(cli.channel);
  pb::ListPeopleRequest request;
  request.set_agency_code(absl::GetFlag(FLAGS_agency));
  request.set_personnel_group(static_cast<common_pb::PersonnelGroup>(EnumValue(
      common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_", absl::GetFlag(FLAGS_group))));
  request.set_status(static_cast<pb::EmploymentStatus>(EnumValue(
      pb::EmploymentStatus_descriptor(), "EMPLOYMENT_STATUS_", absl::GetFlag(FLAGS_status))));
  request.set_page_size(1000);
  int count = 0;
  do {
    pb::ListPeopleResponse response;
    grpc::Status s = stub->ListPeople(NewContext(cli.options).get(), request, &response);
    if (!s.ok()) return Fail(s);
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

int Export(const Cli& cli, const std::string& which) {
  pb::ExportPersonDataRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("people export: give a person id");
  request.set_person_id(id);
  pb::PersonDataExport data;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->ExportPersonData(NewContext(cli.options).get(), request, &data);
  if (!s.ok()) return Fail(s);
  PrintPerson(data.person());
  std::cout << "tokens:\n";
  for (const auto& token : data.tokens()) {
    std::cout << "  " << token.id() << "\t" << token.description() << "\n";
  }
  std::cout << "access log:\n";
  for (const auto& event : data.access_log()) {
    std::cout << "  " << FormatIsoDate(ThaiDate(absl::FromUnixMicros(event.occurred_at_unix_micros())))
              << "\ttoken " << event.principal_token_id() << "\t" << event.method() << "\t"
              << event.outcome() << "\n";
  }
  return 0;
}

int Anonymise(const Cli& cli) {
  pb::AnonymiseLeaversRequest request;
  request.set_left_more_than_years(absl::GetFlag(FLAGS_years));
  pb::AnonymiseLeaversResponse response;
  grpc::Status s = pb::PersonnelService::NewStub(cli.channel)
                       ->AnonymiseLeavers(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  std::cout << response.anonymised() << " people anonymised\n";
  return 0;
}

}  // namespace

int RunPeopleCommand(const Cli& cli, const std::vector<std::string>& args) {
  const std::string verb = args.size() > 1 ? args[1] : "";
  if (verb == "get" && args.size() == 3) return Get(cli, args[2]);
  if (verb == "list" && args.size() == 2) return List(cli);
  if (verb == "import" && args.size() == 3) {
    auto stub = pb::PersonnelService::NewStub(cli.channel);
    return ImportFile(cli, args[2], [&](std::istream& in, const CallOptions& options) {
      return ImportPeople(*stub, in, std::cout, options);
    });
  }
  if (verb == "export" && args.size() == 3) return Export(cli, args[2]);
  if (verb == "anonymise" && args.size() == 2) return Anonymise(cli);
  return -1;
}

}  // namespace thaksa::cli
