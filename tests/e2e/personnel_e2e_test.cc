// End-to-end tests of the personnel service: a real server on loopback over a real MariaDB,
// driven through the generated stubs and the CLI's import code.
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "common/grpc_status.h"
#include "common/health_client.h"
#include "common/server_main.h"
#include "common/server_runner.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "tools/cli/agency_import.h"
#include "tools/cli/people_import.h"

namespace thaksa {
namespace {

namespace pb = ::thaksa::personnel::v1;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using testing::BadFields;
using testing::CitizenId;

constexpr char kAgencies[] =
    "code,name_th,name_en,parent_code,kind,fiscal_year,period,officer_name,officer_role\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,Ministry of Digital Economy and Society,,MINISTRY,2570,DEVELOPING,นายสมชาย ใจดี,CIO\n"
    "TMD,กรมอุตุนิยมวิทยา,Thai Meteorological Department,MDES,DEPARTMENT,2570,EARLY,นางวิไล ฟ้าใส,DEPUTY_HEAD_IT\n"
    "TMD-IT,ศูนย์ดิจิทัลอุตุนิยมวิทยา,Meteorological Digital Centre,TMD,DIVISION,,\n"
    "TMD-FC,กองพยากรณ์อากาศ,Weather Forecast Division,TMD,DIVISION,,\n"
    "NSO,สำนักงานสถิติแห่งชาติ,National Statistical Office,MDES,DEPARTMENT,,\n";

class PersonnelE2eTest : public ::testing::Test {
 protected:
  PersonnelE2eTest()
      : server_(testing::FreshDatabase()),
        stub_(pb::PersonnelService::NewStub(server_.channel())) {}

  // A context carrying the ADMIN token.
  std::unique_ptr<grpc::ClientContext> Context() { return cli::NewContext(server_.admin()); }

  void LoadAgencies() {
    std::istringstream csv(kAgencies);
    std::ostringstream report;
    auto totals = cli::ImportAgencies(*stub_, csv, report, server_.admin());
    ASSERT_TRUE(totals.ok()) << totals.status();
    ASSERT_EQ(totals->created, 5) << report.str();
  }

  pb::PersonRecord Record(int n, const std::string& agency = "TMD-IT") {
    return testing::PersonRecordOf(n, "TMD", agency);
  }

  grpc::Status Upsert(const pb::PersonRecord& record, pb::UpsertPersonResponse* response) {
    pb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    return stub_->UpsertPerson(Context().get(), request, response);
  }

  int64_t CountPeople() { return testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM person"); }

  testing::TestServer server_;
  std::unique_ptr<pb::PersonnelService::Stub> stub_;
};

TEST_F(PersonnelE2eTest, ServesHealthCheck) {
  EXPECT_TRUE(CheckHealth(server_.channel(), absl::Seconds(5)).ok());
}

TEST_F(PersonnelE2eTest, InvalidAgencyNamesEveryBadField) {
  pb::CreateAgencyRequest request;
  request.mutable_agency()->set_code("no spaces allowed");
  pb::Agency response;
  grpc::Status status = stub_->CreateAgency(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("agency.code", "agency.name.th", "agency.kind"));
}

TEST_F(PersonnelE2eTest, AgencyTreeWithPeriodsThroughTheApi) {
  LoadAgencies();
  pb::GetAgencyRequest get;
  get.set_code("TMD");
  pb::Agency tmd;
  ASSERT_TRUE(stub_->GetAgency(Context().get(), get, &tmd).ok());
  EXPECT_EQ(tmd.name().th(), "กรมอุตุนิยมวิทยา");
  EXPECT_EQ(tmd.parent_code(), "MDES");
  EXPECT_EQ(tmd.current_period(), common::v1::PERIOD_EARLY);  // FY2570 on 2026-11-21
  EXPECT_EQ(tmd.current_period_declared_by(), "TMD");
  pb::GetAgencyRequest get_division;
  get_division.set_code("TMD-IT");
  pb::Agency division;
  ASSERT_TRUE(stub_->GetAgency(Context().get(), get_division, &division).ok());
  EXPECT_EQ(division.current_period(), common::v1::PERIOD_EARLY) << "its department's";
  EXPECT_EQ(division.current_period_declared_by(), "TMD");

  pb::UpdateAgencyRequest move;
  *move.mutable_agency() = tmd;
  move.mutable_agency()->set_parent_code("TMD-FC");
  move.set_expected_version(tmd.version());
  pb::Agency moved;
  grpc::Status status = stub_->UpdateAgency(Context().get(), move, &moved);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("agency.parent_code"));

  move.mutable_agency()->set_parent_code("NSO");
  ASSERT_TRUE(stub_->UpdateAgency(Context().get(), move, &moved).ok());
  status = stub_->UpdateAgency(Context().get(), move, &moved);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << "stale version";

  pb::ListAgenciesRequest list;
  list.set_parent_code("NSO");
  list.set_subtree(true);
  pb::ListAgenciesResponse listed;
  ASSERT_TRUE(stub_->ListAgencies(Context().get(), list, &listed).ok());
  std::vector<std::string> codes;
  for (const auto& a : listed.agencies()) codes.push_back(a.code());
  EXPECT_THAT(codes, ElementsAre("TMD", "TMD-IT", "TMD-FC"));

  get.set_code("NOPE");
  EXPECT_EQ(stub_->GetAgency(Context().get(), get, &tmd).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(PersonnelE2eTest, AnAgencyWithoutAnAccountableOfficerIsFlaggedListedAndDeclaresNoPeriod) {
  LoadAgencies();
  pb::CreateAgencyRequest create;
  create.mutable_agency()->set_code("DGA");
  create.mutable_agency()->mutable_name()->set_th("สำนักงานพัฒนารัฐบาลดิจิทัล");
  create.mutable_agency()->set_parent_code("MDES");
  create.mutable_agency()->set_kind(pb::AGENCY_KIND_DEPARTMENT);
  pb::Agency dga;
  ASSERT_TRUE(stub_->CreateAgency(Context().get(), create, &dga).ok());
  EXPECT_TRUE(dga.needs_accountable_officer());

  pb::SetAgencyPeriodRequest declare;
  declare.set_code("DGA");
  declare.mutable_fiscal_year()->set_be_year(2570);
  declare.set_period(common::v1::PERIOD_EARLY);
  pb::Agency declared;
  const grpc::Status refused = stub_->SetAgencyPeriod(Context().get(), declare, &declared);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(BadFields(refused), ElementsAre("accountable_officer"));
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("DGA names no accountable officer"));
  // Callers racing with the same declaration are each refused the same way, and the refusals
  // keep no connection.
  std::vector<grpc::StatusCode> codes_of_racers(8);
  std::vector<std::thread> racers;
  for (size_t i = 0; i < codes_of_racers.size(); ++i) {
    racers.emplace_back([&, i] {
      pb::Agency answer;
      codes_of_racers[i] = stub_->SetAgencyPeriod(Context().get(), declare, &answer).error_code();
    });
  }
  for (std::thread& racer : racers) racer.join();
  EXPECT_THAT(codes_of_racers, ::testing::Each(grpc::StatusCode::FAILED_PRECONDITION));
  for (absl::Time until = absl::Now() + absl::Seconds(5);
       server_.pool().Stats().in_use > 0 && absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(server_.pool().Stats().in_use, 0) << "a refusal kept a connection";

  // The ministry's CIO office finds it, and NSO, among the agencies below it: TMD names its
  // deputy head for IT, and a division answers to its department's officer.
  const cli::CallOptions cio = testing::NewToken(server_, access::v1::ROLE_CIO_OFFICE, "MDES");
  pb::ListAgenciesRequest list;
  list.set_parent_code("MDES");
  list.set_subtree(true);
  list.set_needing_accountable_officer(true);
  auto codes = [&] {
    pb::ListAgenciesResponse listed;
    EXPECT_TRUE(stub_->ListAgencies(cli::NewContext(cio).get(), list, &listed).ok());
    std::vector<std::string> listed_codes;
    for (const pb::Agency& agency : listed.agencies()) {
      EXPECT_TRUE(agency.needs_accountable_officer());
      EXPECT_TRUE(agency.period_history().empty()) << agency.code() << " declared nothing";
      listed_codes.push_back(agency.code());
    }
    return listed_codes;
  };
  EXPECT_THAT(codes(), ElementsAre("NSO", "DGA"));

  // The HR system names the officer by importing its agencies again; a second import changes
  // nothing.
  const std::string csv =
      "code,name_th,parent_code,kind,officer_name,officer_position,officer_role\n"
      "DGA,สำนักงานพัฒนารัฐบาลดิจิทัล,MDES,DEPARTMENT,นางสาวดวงใจ ดิจิทัล,รองผู้อำนวยการ,"
      "DEPUTY_HEAD_IT\n";
  for (const auto& [updated, unchanged] : {std::pair{1, 0}, std::pair{0, 1}}) {
    std::istringstream rows(csv);
    std::ostringstream report;
    auto totals = cli::ImportAgencies(*stub_, rows, report, server_.admin());
    ASSERT_TRUE(totals.ok()) << totals.status();
    EXPECT_EQ(totals->updated, updated) << report.str();
    EXPECT_EQ(totals->unchanged, unchanged) << report.str();
  }
  pb::GetAgencyRequest get;
  get.set_code("DGA");
  ASSERT_TRUE(stub_->GetAgency(Context().get(), get, &dga).ok());
  EXPECT_EQ(dga.accountable_officer().role(), pb::ACCOUNTABLE_ROLE_DEPUTY_HEAD_IT);
  EXPECT_FALSE(dga.needs_accountable_officer());
  ASSERT_TRUE(stub_->SetAgencyPeriod(Context().get(), declare, &declared).ok());
  EXPECT_EQ(declared.current_period(), common::v1::PERIOD_EARLY);
  EXPECT_THAT(codes(), ElementsAre("NSO"));
}

TEST_F(PersonnelE2eTest, InvalidPersonIsRejectedNamingTheFieldAndNothingIsStored) {
  LoadAgencies();
  pb::PersonRecord bad = Record(1);
  bad.set_citizen_id("1101700207031");
  bad.set_agency_code("TMD-IT");
  pb::UpsertPersonResponse response;
  grpc::Status status = Upsert(bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("person.citizen_id"));

  pb::PersonRecord unknown_agency = Record(2, "NOPE");
  status = Upsert(unknown_agency, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("person.agency_code"));

  pb::PersonRecord self_supervised = Record(3);
  self_supervised.set_supervisor_employee_number("E3");
  EXPECT_THAT(BadFields(Upsert(self_supervised, &response)),
              ElementsAre("person.supervisor_employee_number"));
  EXPECT_EQ(CountPeople(), 0);
}

TEST_F(PersonnelE2eTest, SupervisionLoopsAreRefusedOnEveryPath) {
  LoadAgencies();
  auto supervised = [&](int n, const std::string& supervisor) {
    pb::PersonRecord record = Record(n);
    record.set_supervisor_employee_number(supervisor);
    return record;
  };
  pb::UpsertPersonResponse response;
  ASSERT_TRUE(Upsert(supervised(1, ""), &response).ok());
  ASSERT_TRUE(Upsert(supervised(2, "E1"), &response).ok());
  ASSERT_TRUE(Upsert(supervised(3, "E2"), &response).ok());

  grpc::Status pair = Upsert(supervised(1, "E2"), &response);
  EXPECT_EQ(pair.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(BadFields(pair), ElementsAre("person.supervisor_employee_number"));
  grpc::Status three = Upsert(supervised(1, "E3"), &response);
  EXPECT_EQ(three.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "E1 > E2 > E3 > E1";
  EXPECT_THAT(BadFields(three), ElementsAre("person.supervisor_employee_number"));

  // Two people naming each other in one bulk stream are both refused; the rest is stored.
  auto context = Context();
  auto stream = stub_->BulkUpsertPeople(context.get());
  for (const pb::PersonRecord& record :
       {supervised(4, "E5"), supervised(5, "E4"), supervised(6, "E3")}) {
    stream->Write(record);
  }
  stream->WritesDone();
  std::vector<pb::BulkUpsertResult> results;
  pb::BulkUpsertResult result;
  while (stream->Read(&result)) results.push_back(result);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(results.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(results[i].outcome(), pb::UPSERT_OUTCOME_REJECTED);
    ASSERT_EQ(results[i].errors_size(), 1);
    EXPECT_EQ(results[i].errors(0).field(), "supervisor_employee_number");
  }
  EXPECT_EQ(results[2].outcome(), pb::UPSERT_OUTCOME_CREATED);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person WHERE employee_number IN ('E4', 'E5')"),
            0);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM person WHERE employee_number = 'E1'"
                              " AND supervisor_id IS NULL"),
            1) << "the refused loops left E1 as it was";
}

TEST_F(PersonnelE2eTest, AFurtherGroupNeedsTheNextLevelSupervisorsApprovalAndItsDay) {
  LoadAgencies();
  pb::UpsertPersonResponse response;
  ASSERT_TRUE(Upsert(Record(1), &response).ok());
  pb::PersonRecord e2 = Record(2);
  e2.set_supervisor_employee_number("E1");
  ASSERT_TRUE(Upsert(e2, &response).ok());
  pb::PersonRecord e3 = Record(3);
  e3.set_supervisor_employee_number("E2");
  ASSERT_TRUE(Upsert(e3, &response).ok());

  auto with_group = [&](const std::string& approver, const common::v1::Date& on) {
    pb::PersonRecord record = e3;
    pb::SecondaryGroup* group = record.add_secondary_groups();
    group->set_group(common::v1::PERSONNEL_GROUP_SERVICE);
    group->set_approved_by(approver);
    *group->mutable_approved_on() = on;
    return record;
  };
  const common::v1::Date approved = testing::DateOf(2026, 3, 2);
  // Hostile values are refused naming the field.
  for (const std::string& approver :
       {std::string("E3"), std::string(100000, 'E'), std::string("")}) {
    const grpc::Status refused = Upsert(with_group(approver, approved), &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << approver.size();
    EXPECT_THAT(BadFields(refused), ElementsAre("person.secondary_groups[0].approved_by"));
  }
  for (const common::v1::Date& day : {common::v1::Date(), testing::DateOf(2026, 2, 30),
                                       testing::DateOf(2999, 1, 1)}) {
    EXPECT_THAT(BadFields(Upsert(with_group("E1", day), &response)),
                ElementsAre("person.secondary_groups[0].approved_on"));
  }
  // Someone who is not the supervisor's supervisor: another, or the supervisor.
  for (const char* approver : {"E9", "E2", "ผู้อำนวยการกอง"}) {
    const grpc::Status not_next_level = Upsert(with_group(approver, approved), &response);
    EXPECT_EQ(not_next_level.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(BadFields(not_next_level), ElementsAre("person.secondary_groups[0].approved_by"));
    EXPECT_THAT(not_next_level.error_message(), HasSubstr("the supervisor of E2, E1"));
  }

  // Eight identical calls at once: one change, the rest unchanged.
  const pb::PersonRecord approved_group = with_group("E1", approved);
  std::vector<pb::UpsertPersonResponse> answers(8);
  std::vector<grpc::Status> statuses(8);
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&, i] { statuses[i] = Upsert(approved_group, &answers[i]); });
  }
  for (std::thread& caller : callers) caller.join();
  int updated = 0;
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    updated += answers[i].outcome() == pb::UPSERT_OUTCOME_UPDATED;
  }
  EXPECT_EQ(updated, 1);
  const pb::Person stored = answers[0].person();
  EXPECT_EQ(stored.version(), 2);
  ASSERT_EQ(stored.secondary_groups_size(), 1);
  EXPECT_EQ(stored.secondary_groups(0).approved_by(), "E1");
  EXPECT_EQ(stored.secondary_groups(0).approved_on().day(), 2);

  // The supervisors change; the approval given stays, and a new one is held to the new chain.
  pb::PersonRecord moved = approved_group;
  moved.set_supervisor_employee_number("E1");
  ASSERT_TRUE(Upsert(moved, &response).ok());
  EXPECT_EQ(response.person().secondary_groups_size(), 1);
  pb::SecondaryGroup* academic = moved.add_secondary_groups();
  academic->set_group(common::v1::PERSONNEL_GROUP_ACADEMIC);
  academic->set_approved_by("E2");
  *academic->mutable_approved_on() = approved;
  const grpc::Status no_next_level = Upsert(moved, &response);
  EXPECT_EQ(no_next_level.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(BadFields(no_next_level), ElementsAre("person.secondary_groups[1].approved_by"));
}

TEST_F(PersonnelE2eTest, UpsertGetAndHistoryAsOf) {
  LoadAgencies();
  pb::UpsertPersonResponse response;
  pb::PersonRecord record = Record(1);
  record.mutable_effective_from()->set_year(2024);
  record.mutable_effective_from()->set_month(10);
  record.mutable_effective_from()->set_day(1);
  ASSERT_TRUE(Upsert(record, &response).ok());
  EXPECT_EQ(response.outcome(), pb::UPSERT_OUTCOME_CREATED);
  EXPECT_EQ(response.person().citizen_id_masked(), MaskCitizenId(CitizenId(1)));
  const int64_t id = response.person().id();

  // A transfer with a promotion from 1 April 2026.
  record.set_agency_code("NSO");
  record.set_grade("ชำนาญการพิเศษ");
  record.mutable_effective_from()->set_year(2026);
  record.mutable_effective_from()->set_month(4);
  ASSERT_TRUE(Upsert(record, &response).ok());
  EXPECT_EQ(response.outcome(), pb::UPSERT_OUTCOME_UPDATED);
  EXPECT_EQ(response.person().version(), 2);

  pb::GetPersonRequest get;
  get.set_id(id);
  pb::Person person;
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.assignment().agency_code(), "NSO");
  EXPECT_EQ(person.assignment_history_size(), 2);
  get.mutable_as_of()->set_year(2025);
  get.mutable_as_of()->set_month(12);
  get.mutable_as_of()->set_day(31);
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.assignment().agency_code(), "TMD-IT");
  EXPECT_EQ(person.assignment().grade(), "ชำนาญการ");
  EXPECT_EQ(person.assignment().effective_to().month(), 3);

  pb::GetPersonRequest by_citizen;
  by_citizen.set_citizen_id(CitizenId(1));
  ASSERT_TRUE(stub_->GetPerson(Context().get(), by_citizen, &person).ok());
  EXPECT_EQ(person.id(), id);

  record.set_expected_version(1);
  EXPECT_EQ(Upsert(record, &response).error_code(), grpc::StatusCode::ABORTED);

  get.set_id(id + 1000);
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(PersonnelE2eTest, ListPeoplePagesInStableOrder) {
  LoadAgencies();
  std::ostringstream csv;
  csv << cli::kPeopleCsvHeader << "\n";
  for (int n = 1; n <= 250; ++n) {
    csv << "TMD,E" << n << "," << CitizenId(n) << ",ข้าราชการ " << n << ",,,ACTIVE,,"
        << (n % 2 ? "TMD-IT" : "TMD-FC") << ",นักวิชาการ,ชำนาญการ," << (n % 3 ? "ACADEMIC" : "SERVICE")
        << ",,\n";
  }
  std::istringstream in(csv.str());
  std::ostringstream report;
  ASSERT_TRUE(cli::ImportPeople(*stub_, in, report, server_.admin()).ok());

  pb::ListPeopleRequest request;
  request.set_agency_code("TMD");
  request.set_page_size(100);
  std::vector<int64_t> ids;
  int pages = 0;
  do {
    pb::ListPeopleResponse response;
    ASSERT_TRUE(stub_->ListPeople(Context().get(), request, &response).ok());
    for (const auto& p : response.people()) ids.push_back(p.id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ids.size(), 250u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());

  request.set_page_token("");
  request.set_agency_code("TMD-FC");
  request.set_personnel_group(common::v1::PERSONNEL_GROUP_SERVICE);
  pb::ListPeopleResponse filtered;
  ASSERT_TRUE(stub_->ListPeople(Context().get(), request, &filtered).ok());
  EXPECT_EQ(filtered.people_size(), 41);  // multiples of 6 up to 250

  pb::ListPeopleRequest first;
  first.set_page_size(10);
  pb::ListPeopleResponse page;
  ASSERT_TRUE(stub_->ListPeople(Context().get(), first, &page).ok());
  first.set_page_token(page.next_page_token());
  first.set_agency_code("NSO");
  grpc::Status status = stub_->ListPeople(Context().get(), first, &page);
  EXPECT_THAT(BadFields(status), ElementsAre("page_token"));
}

TEST_F(PersonnelE2eTest, ImportOfTenThousandRowsStoresGoodRowsReportsBadOnesAndIsIdempotent) {
  LoadAgencies();
  constexpr int kRows = 10000;
  std::ostringstream csv;
  csv << cli::kPeopleCsvHeader << "\n";
  std::map<int, std::string> bad_field_of_line;  // CSV line -> field the server must name
  const char* kBadFields[] = {"citizen_id", "name.th", "agency_code", "personnel_group",
                              "effective_from"};
  for (int n = 1; n <= kRows; ++n) {
    const int line = n + 1;
    const bool bad = n % 20 == 0;  // 5 %
    const std::string field = bad ? kBadFields[(n / 20) % 5] : "";
    if (bad) bad_field_of_line[line] = field;
    std::string citizen = CitizenId(n);
    if (field == "citizen_id") citizen[12] = citizen[12] == '9' ? '0' : citizen[12] + 1;
    // Rows 1-100 supervise the rest; bad rows supervise nobody.
    int supervisor = (n % 100) + 1;
    if (supervisor % 20 == 0) --supervisor;
    csv << "TMD,E" << n << "," << citizen << ","
        << (field == "name.th" ? "" : absl::StrCat("\"ข้าราชการ, ", n, "\"")) << ",,,ACTIVE,"
        << (n > 100 ? absl::StrCat("E", supervisor) : "") << ","
        << (field == "agency_code" ? "NOWHERE" : "TMD-IT") << ",นักวิชาการคอมพิวเตอร์,ชำนาญการ,"
        << (field == "personnel_group" ? "ASTRONAUT" : "TECHNOLOGY") << ","
        << (field == "effective_from" ? "2026-02-30" : "2025-10-01") << ",\n";
  }
  ASSERT_EQ(bad_field_of_line.size(), kRows / 20u);

  std::istringstream first_in(csv.str());
  std::ostringstream first_report;
  auto first = cli::ImportPeople(*stub_, first_in, first_report, server_.admin());
  ASSERT_TRUE(first.ok()) << first.status();
  const int64_t bad_rows = static_cast<int64_t>(bad_field_of_line.size());
  EXPECT_EQ(first->rows, kRows);
  EXPECT_EQ(first->rejected, bad_rows);
  EXPECT_EQ(first->created, kRows - bad_rows);
  EXPECT_EQ(CountPeople(), kRows - bad_rows);

  // Every bad row is reported on its own line with the field at fault.
  std::map<int, std::string> reported;
  std::istringstream lines(first_report.str());
  for (std::string text; std::getline(lines, text);) {
    if (text.find("REJECTED") == std::string::npos) continue;
    int line = 0;
    ASSERT_EQ(sscanf(text.c_str(), "line %d", &line), 1) << text;
    reported[line] = text;
  }
  ASSERT_EQ(reported.size(), bad_field_of_line.size());
  for (const auto& [line, field] : bad_field_of_line) {
    EXPECT_THAT(reported[line], HasSubstr("\t" + field + ":")) << "line " << line;
  }

  std::istringstream second_in(csv.str());
  std::ostringstream second_report;
  auto second = cli::ImportPeople(*stub_, second_in, second_report, server_.admin());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, kRows - bad_rows);
  EXPECT_EQ(second->rejected, bad_rows);
  EXPECT_EQ(CountPeople(), kRows - bad_rows);
}

TEST(PersonnelOutageTest, UnavailableWhileDatabaseIsDownThenServesAgainWithoutRestart) {
  auto database = testing::MariaDbServer::Start();
  ASSERT_TRUE(database.ok()) << database.status();
  DbConfig config = (*database)->Config("thaksa");
  ASSERT_TRUE(CreateDatabaseIfMissing(config).ok());
  {
    ConnectionPool pool(config);
    ASSERT_TRUE(PrepareDatabase(pool).ok());
  }
  testing::TestServer server(config);
  auto stub = pb::PersonnelService::NewStub(server.channel());
  cli::CallOptions admin = server.admin();
  admin.timeout = absl::Seconds(10);
  pb::ListAgenciesRequest request;
  pb::ListAgenciesResponse response;
  ASSERT_TRUE(stub->ListAgencies(cli::NewContext(admin).get(), request, &response).ok());

  ASSERT_TRUE((*database)->Stop().ok());
  const absl::Time start = absl::Now();
  grpc::Status down = stub->ListAgencies(cli::NewContext(admin).get(), request, &response);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10)) << "answers before the deadline";
  EXPECT_TRUE(CheckHealth(server.channel(), absl::Seconds(5)).ok()) << "the process stays up";

  // A bulk stream of several batches ends with the error of its first batch, although the next
  // batch is being read meanwhile; nothing is acknowledged.
  auto context = cli::NewContext(admin);
  auto stream = stub->BulkUpsertPeople(context.get());
  std::thread writer([&] {
    for (int n = 1; n <= 2500; ++n) {
      if (!stream->Write(testing::PersonRecordOf(n, "TMD", "TMD-IT"))) break;
    }
    stream->WritesDone();
  });
  pb::BulkUpsertResult result;
  int answered = 0;
  while (stream->Read(&result)) ++answered;
  writer.join();
  const grpc::Status bulk = stream->Finish();
  EXPECT_EQ(bulk.error_code(), grpc::StatusCode::UNAVAILABLE) << bulk.error_message();
  EXPECT_EQ(answered, 0);

  ASSERT_TRUE((*database)->Restart().ok());
  EXPECT_TRUE(stub->ListAgencies(cli::NewContext(admin).get(), request, &response).ok());
}

}  // namespace
}  // namespace thaksa
