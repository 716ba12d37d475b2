// End-to-end tests of access control, the audit trail and personal-data protection: a role x
// method matrix in and out of scope, expired and revoked tokens, one audit event per write,
// audited reads, subject-access export and anonymisation.
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/auth/principal_cache.h"
#include "common/citizen_id.h"
#include "common/db/sql.h"
#include "common/field_checks.h"
#include "common/health_client.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/ops/v1/ops.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/agency_import.h"
#include "tools/cli/people_import.h"

namespace thaksa {
namespace {

namespace pb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::access::v1;
using cli::CallOptions;
using cli::NewContext;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAgencies[] =
    "code,name_th,kind,parent_code\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,MINISTRY,\n"
    "TMD,กรมอุตุนิยมวิทยา,DEPARTMENT,MDES\n"
    "TMD-IT,ศูนย์ดิจิทัลอุตุนิยมวิทยา,DIVISION,TMD\n"
    "TMD-FC,กองพยากรณ์อากาศ,DIVISION,TMD\n"
    "NSO,สำนักงานสถิติแห่งชาติ,DEPARTMENT,MDES\n";

using testing::CitizenId;
using testing::DateOf;

class AccessE2eTest : public ::testing::Test {
 protected:
  AccessE2eTest()
      : db_(testing::FreshDatabase()),
        server_(db_),
        personnel_(pb::PersonnelService::NewStub(server_.channel())),
        access_(apb::AccessService::NewStub(server_.channel())) {}

  void SetUp() override {
    std::istringstream csv(kAgencies);
    std::ostringstream report;
    ASSERT_TRUE(cli::ImportAgencies(*personnel_, csv, report, server_.admin()).ok());
    e1_ = Upsert(server_.admin(), Record(1, "TMD", "TMD-IT", ""));
    e2_ = Upsert(server_.admin(), Record(2, "TMD", "TMD-FC", "E1"));
    pb::PersonRecord leaver = Record(3, "NSO", "NSO", "");
    *leaver.mutable_effective_from() = DateOf(2005, 4, 1);
    ASSERT_TRUE(Upsert(server_.admin(), leaver));
    leaver.set_status(pb::EMPLOYMENT_STATUS_LEFT);
    *leaver.mutable_effective_from() = DateOf(2014, 3, 31);
    e3_ = Upsert(server_.admin(), leaver);
    ASSERT_TRUE(e1_ && e2_ && e3_);

    hr_tmd_ = Token(apb::ROLE_HR_SYSTEM, "TMD", "", 0);
    hr_nso_ = Token(apb::ROLE_HR_SYSTEM, "NSO", "", 0);
    cio_tmd_ = Token(apb::ROLE_CIO_OFFICE, "TMD", "", 0);
    testing::RegisterInstitute(server_);
    institute_ = Token(apb::ROLE_TRAINING_INSTITUTE, "", "TDGA", 0);
    supervisor_e1_ = Token(apb::ROLE_SUPERVISOR, "", "", e1_);
    person_e2_ = Token(apb::ROLE_PERSON, "", "", e2_);
  }

  static pb::PersonRecord Record(int n, const std::string& record_agency, const std::string& agency,
                                 const std::string& supervisor) {
    pb::PersonRecord r = testing::PersonRecordOf(n, record_agency, agency, supervisor);
    *r.mutable_effective_from() = DateOf(2025, 10, 1);
    return r;
  }

  // Upserts as `who`; the person's id, or 0 on failure.
  int64_t Upsert(const CallOptions& who, const pb::PersonRecord& record,
                 grpc::StatusCode* code = nullptr) {
    pb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    pb::UpsertPersonResponse response;
    grpc::Status status = personnel_->UpsertPerson(NewContext(who).get(), request, &response);
    if (code != nullptr) *code = status.error_code();
    return status.ok() ? response.person().id() : 0;
  }

  // A new token with the given role and scope, as options to call with.
  CallOptions Token(apb::Role role, const std::string& agency, const std::string& institute,
                    int64_t person, int valid_days = 0, int64_t* id = nullptr) {
    apb::CreateTokenRequest request;
    request.mutable_token()->set_role(role);
    request.mutable_token()->set_agency_code(agency);
    request.mutable_token()->set_institute_code(institute);
    request.mutable_token()->set_person_id(person);
    request.set_valid_days(valid_days);
    apb::CreateTokenResponse response;
    grpc::Status status = access_->CreateToken(NewContext(server_.admin()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (id != nullptr) *id = response.info().id();
    return server_.As(response.token());
  }

  grpc::StatusCode GetPerson(const CallOptions& who, int64_t id) {
    pb::GetPersonRequest request;
    request.set_id(id);
    pb::Person person;
    return personnel_->GetPerson(NewContext(who).get(), request, &person).error_code();
  }

  grpc::StatusCode ListPeople(const CallOptions& who, const std::string& agency) {
    pb::ListPeopleRequest request;
    request.set_agency_code(agency);
    pb::ListPeopleResponse response;
    return personnel_->ListPeople(NewContext(who).get(), request, &response).error_code();
  }

  grpc::StatusCode CreateAgency(const CallOptions& who, const std::string& code,
                                const std::string& parent) {
    pb::CreateAgencyRequest request;
    request.mutable_agency()->set_code(code);
    request.mutable_agency()->mutable_name()->set_th("กองใหม่");
    request.mutable_agency()->set_parent_code(parent);
    request.mutable_agency()->set_kind(pb::AGENCY_KIND_DIVISION);
    pb::Agency agency;
    return personnel_->CreateAgency(NewContext(who).get(), request, &agency).error_code();
  }

  grpc::StatusCode ListAgencies(const CallOptions& who) {
    pb::ListAgenciesRequest request;
    pb::ListAgenciesResponse response;
    return personnel_->ListAgencies(NewContext(who).get(), request, &response).error_code();
  }

  grpc::StatusCode Export(const CallOptions& who, int64_t id, pb::PersonDataExport* out = nullptr) {
    pb::ExportPersonDataRequest request;
    request.set_person_id(id);
    pb::PersonDataExport data;
    grpc::Status status = personnel_->ExportPersonData(NewContext(who).get(), request, &data);
    if (out != nullptr) *out = data;
    return status.error_code();
  }

  std::vector<apb::AuditEvent> Audit(const std::string& method, const std::string& entity_type,
                                     const std::string& entity_id) {
    apb::ListAuditEventsRequest request;
    request.set_method(absl::StrCat("/thaksa.personnel.v1.PersonnelService/", method));
    request.set_entity_type(entity_type);
    request.set_entity_id(entity_id);
    apb::ListAuditEventsResponse response;
    EXPECT_TRUE(access_->ListAuditEvents(NewContext(server_.admin()).get(), request, &response).ok());
    return {response.events().begin(), response.events().end()};
  }

  const DbConfig db_;
  testing::TestServer server_;
  std::unique_ptr<pb::PersonnelService::Stub> personnel_;
  std::unique_ptr<apb::AccessService::Stub> access_;
  int64_t e1_ = 0, e2_ = 0, e3_ = 0;
  CallOptions hr_tmd_, hr_nso_, cio_tmd_, institute_, supervisor_e1_, person_e2_;
};

// Calls unary `method` with `bytes` as the serialized request, whatever they are.
grpc::Status CallWithBytes(grpc::GenericStub& stub, grpc::ClientContext& context,
                           const std::string& method, const std::string& bytes) {
  grpc::CompletionQueue queue;
  grpc::Slice slice(bytes.data(), bytes.size());
  grpc::ByteBuffer request(&slice, 1), response;
  auto call = stub.PrepareUnaryCall(&context, method, request, &queue);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response, &status, nullptr);
  void* tag;
  bool ok;
  queue.Next(&tag, &ok);
  return status;
}

TEST_F(AccessE2eTest, EveryMethodRefusesCallsWithoutAToken) {
  grpc::GenericStub stub(server_.channel());
  assessment::v1::Framework::descriptor();  // link every API's descriptors in
  learning::v1::Plan::descriptor();
  readiness::v1::Readiness::descriptor();
  ops::v1::ServerStatus::descriptor();
  int methods = 0;
  for (absl::string_view file : absl::StrSplit(THAKSA_PROTO_FILES, ',')) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(std::string(file));
    ASSERT_NE(descriptor, nullptr);
    for (int s = 0; s < descriptor->service_count(); ++s) {
      for (int m = 0; m < descriptor->service(s)->method_count(); ++m) {
        const std::string method = absl::StrCat("/", descriptor->service(s)->full_name(), "/",
                                                descriptor->service(s)->method(m)->name());
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        EXPECT_EQ(CallWithBytes(stub, context, method, "").error_code(),
                  grpc::StatusCode::UNAUTHENTICATED)
            << method;
        ++methods;
      }
    }
  }
  EXPECT_GE(methods, 47);
  EXPECT_TRUE(CheckHealth(server_.channel(), absl::Seconds(5)).ok()) << "health stays open";
}

TEST_F(AccessE2eTest, RoleAndScopeMatrix) {
  struct Case {
    const char* what;
    std::function<grpc::StatusCode()> call;
    grpc::StatusCode expected;
  };
  const auto OK = grpc::StatusCode::OK;
  const auto DENIED = grpc::StatusCode::PERMISSION_DENIED;
  const std::vector<Case> cases = {
      {"admin reads anyone", [&] { return GetPerson(server_.admin(), e3_); }, OK},
      {"HR reads a person of its subtree", [&] { return GetPerson(hr_tmd_, e1_); }, OK},
      {"HR reads outside its subtree", [&] { return GetPerson(hr_nso_, e1_); }, DENIED},
      {"HR asks for an unknown person: no hint", [&] { return GetPerson(hr_nso_, 99999); }, DENIED},
      {"CIO reads its subtree", [&] { return ListPeople(cio_tmd_, "TMD-IT"); }, OK},
      {"CIO lists another subtree", [&] { return ListPeople(cio_tmd_, "NSO"); }, DENIED},
      {"CIO lists everything", [&] { return ListPeople(cio_tmd_, ""); }, OK},
      {"CIO may not write people",
       [&] {
         grpc::StatusCode code;
         Upsert(cio_tmd_, Record(9, "TMD", "TMD-IT", ""), &code);
         return code;
       },
       DENIED},
      {"HR writes in its subtree",
       [&] {
         grpc::StatusCode code;
         Upsert(hr_tmd_, Record(10, "TMD", "TMD-IT", ""), &code);
         return code;
       },
       OK},
      {"HR writes outside its subtree",
       [&] {
         grpc::StatusCode code;
         Upsert(hr_tmd_, Record(11, "TMD", "NSO", ""), &code);
         return code;
       },
       DENIED},
      {"HR creates below its agency", [&] { return CreateAgency(hr_tmd_, "TMD-NEW", "TMD"); }, OK},
      {"HR creates elsewhere", [&] { return CreateAgency(hr_nso_, "NSO-X", "TMD"); }, DENIED},
      {"HR creates a ministry", [&] { return CreateAgency(hr_tmd_, "NEW", ""); }, DENIED},
      {"institute reads the agency tree", [&] { return ListAgencies(institute_); }, OK},
      {"institute reads a person", [&] { return GetPerson(institute_, e1_); }, DENIED},
      {"supervisor reads a report", [&] { return GetPerson(supervisor_e1_, e2_); }, OK},
      {"supervisor reads themself", [&] { return GetPerson(supervisor_e1_, e1_); }, OK},
      {"supervisor reads someone else", [&] { return GetPerson(supervisor_e1_, e3_); }, DENIED},
      {"person reads themself", [&] { return GetPerson(person_e2_, e2_); }, OK},
      {"person reads someone else", [&] { return GetPerson(person_e2_, e1_); }, DENIED},
      {"person exports their data", [&] { return Export(person_e2_, e2_); }, OK},
      {"person exports someone else's", [&] { return Export(person_e2_, e1_); }, DENIED},
      {"HR exports", [&] { return Export(hr_tmd_, e1_); }, DENIED},
      {"HR creates a token",
       [&] {
         apb::CreateTokenRequest request;
         request.mutable_token()->set_role(apb::ROLE_ADMIN);
         apb::CreateTokenResponse response;
         return access_->CreateToken(NewContext(hr_tmd_).get(), request, &response).error_code();
       },
       DENIED},
      {"CIO lists audit events",
       [&] {
         apb::ListAuditEventsRequest request;
         apb::ListAuditEventsResponse response;
         return access_->ListAuditEvents(NewContext(cio_tmd_).get(), request, &response)
             .error_code();
       },
       DENIED},
  };
  for (const Case& c : cases) EXPECT_EQ(c.call(), c.expected) << c.what;
}

TEST_F(AccessE2eTest, ExpiredRevokedAndUnknownTokensAreUnauthenticated) {
  int64_t revoked_id = 0;
  CallOptions short_lived = Token(apb::ROLE_HR_SYSTEM, "TMD", "", 0, /*valid_days=*/1);
  CallOptions revoked = Token(apb::ROLE_HR_SYSTEM, "TMD", "", 0, 0, &revoked_id);
  EXPECT_EQ(GetPerson(short_lived, e1_), grpc::StatusCode::OK);
  EXPECT_EQ(GetPerson(revoked, e1_), grpc::StatusCode::OK);

  apb::RevokeTokenRequest revoke;
  revoke.set_id(revoked_id);
  apb::TokenInfo info;
  ASSERT_TRUE(access_->RevokeToken(NewContext(server_.admin()).get(), revoke, &info).ok());
  EXPECT_NE(info.revoked_at_unix(), 0);
  EXPECT_EQ(GetPerson(revoked, e1_), grpc::StatusCode::UNAUTHENTICATED);

  server_.clock().Set(testing::TestNow() + absl::Hours(49));
  EXPECT_EQ(GetPerson(short_lived, e1_), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(GetPerson(hr_tmd_, e1_), grpc::StatusCode::OK) << "a year-long token still works";
  EXPECT_EQ(GetPerson(server_.As("thk_not-a-real-token"), e1_), grpc::StatusCode::UNAUTHENTICATED);

  apb::ListTokensRequest list;
  apb::ListTokensResponse active;
  ASSERT_TRUE(access_->ListTokens(NewContext(server_.admin()).get(), list, &active).ok());
  for (const auto& token : active.tokens()) EXPECT_NE(token.id(), revoked_id);
}

TEST_F(AccessE2eTest, ASessionHasItsTokensScopeForHoursAndOnlyASessionEndsItself) {
  apb::StartSessionRequest start;
  apb::CreateTokenResponse session;
  ASSERT_TRUE(access_->StartSession(NewContext(cio_tmd_).get(), start, &session).ok());
  EXPECT_TRUE(session.info().session());
  EXPECT_EQ(session.info().role(), apb::ROLE_CIO_OFFICE);
  EXPECT_EQ(session.info().agency_code(), "TMD");
  EXPECT_EQ(session.info().expires_at_unix(),
            absl::ToUnixSeconds(testing::TestNow() + absl::Hours(8)));
  const CallOptions browser = server_.As(session.token());
  apb::TokenInfo who;
  ASSERT_TRUE(access_->WhoAmI(NewContext(browser).get(), {}, &who).ok());
  EXPECT_EQ(who.id(), session.info().id());
  EXPECT_TRUE(who.session());
  EXPECT_EQ(who.agency_code(), "TMD");
  EXPECT_EQ(ListPeople(browser, "TMD"), grpc::StatusCode::OK);
  EXPECT_EQ(ListPeople(browser, "NSO"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreateAgency(browser, "TMD-NEW", "TMD"), grpc::StatusCode::PERMISSION_DENIED)
      << "a CIO office's session writes no more than the CIO office";

  start.set_hours(13);
  grpc::Status too_long = access_->StartSession(NewContext(cio_tmd_).get(), start, &session);
  EXPECT_EQ(too_long.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testing::BadFields(too_long), ElementsAre("hours"));

  // A session never outlives the token it started from.
  CallOptions day_token = Token(apb::ROLE_CIO_OFFICE, "NSO", "", 0, /*valid_days=*/1);
  server_.clock().Set(testing::TestNow() + absl::Hours(20));
  start.set_hours(12);
  ASSERT_TRUE(access_->StartSession(NewContext(day_token).get(), start, &session).ok());
  EXPECT_EQ(session.info().expires_at_unix(),
            absl::ToUnixSeconds(testing::TestNow() + absl::Hours(24)));

  apb::EndSessionRequest end;
  apb::TokenInfo ended;
  EXPECT_EQ(access_->EndSession(NewContext(cio_tmd_).get(), end, &ended).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "signing out of a browser never revokes the long-lived token";
  EXPECT_EQ(ListPeople(cio_tmd_, "TMD"), grpc::StatusCode::OK);
  const CallOptions nso_browser = server_.As(session.token());
  ASSERT_TRUE(access_->EndSession(NewContext(nso_browser).get(), end, &ended).ok());
  EXPECT_NE(ended.revoked_at_unix(), 0);
  EXPECT_EQ(ListPeople(nso_browser, "NSO"), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(access_->EndSession(NewContext(nso_browser).get(), end, &ended).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ListPeople(day_token, "NSO"), grpc::StatusCode::OK);

  server_.clock().Set(testing::TestNow() + absl::Hours(8) + absl::Seconds(1));
  EXPECT_EQ(ListPeople(browser, "TMD"), grpc::StatusCode::UNAUTHENTICATED) << "expired";
}

TEST_F(AccessE2eTest, OnlyPeopleWhoReadTheDashboardStartSessionsAndNoSessionStartsAnother) {
  apb::CreateTokenResponse session;
  EXPECT_EQ(access_->StartSession(NewContext(hr_tmd_).get(), {}, &session).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(access_->StartSession(NewContext(institute_).get(), {}, &session).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(access_->StartSession(NewContext(cio_tmd_).get(), {}, &session).ok());
  apb::CreateTokenResponse chained;
  EXPECT_EQ(access_->StartSession(NewContext(server_.As(session.token())).get(), {}, &chained)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "a session token that leaks from a browser cannot be turned into a longer-lived one";
}

TEST_F(AccessE2eTest, RevokingATokenEndsTheSessionsStartedWithIt) {
  int64_t leaked_id = 0;
  CallOptions leaked = Token(apb::ROLE_CIO_OFFICE, "TMD", "", 0, 0, &leaked_id);
  std::vector<CallOptions> browsers;
  for (int i = 0; i < 3; ++i) {
    apb::CreateTokenResponse session;
    ASSERT_TRUE(access_->StartSession(NewContext(leaked).get(), {}, &session).ok());
    browsers.push_back(server_.As(session.token()));
  }
  apb::CreateTokenResponse other;
  ASSERT_TRUE(access_->StartSession(NewContext(cio_tmd_).get(), {}, &other).ok());
  for (const CallOptions& browser : browsers) {
    ASSERT_EQ(ListPeople(browser, "TMD"), grpc::StatusCode::OK);
  }
  apb::RevokeTokenRequest revoke;
  revoke.set_id(leaked_id);
  apb::TokenInfo info;
  ASSERT_TRUE(access_->RevokeToken(NewContext(server_.admin()).get(), revoke, &info).ok());
  for (const CallOptions& browser : browsers) {
    EXPECT_EQ(ListPeople(browser, "TMD"), grpc::StatusCode::UNAUTHENTICATED)
        << "at once, though the server had the session in its token cache";
  }
  EXPECT_EQ(ListPeople(server_.As(other.token()), "TMD"), grpc::StatusCode::OK)
      << "another token's session goes on";
  apb::ListTokensRequest list;
  list.set_include_inactive(true);
  apb::ListTokensResponse tokens;
  ASSERT_TRUE(access_->ListTokens(NewContext(server_.admin()).get(), list, &tokens).ok());
  int ended = 0;
  for (const auto& token : tokens.tokens()) {
    if (token.session() && token.created_by_token_id() == leaked_id) {
      EXPECT_NE(token.revoked_at_unix(), 0);
      ++ended;
    }
  }
  EXPECT_EQ(ended, 3);
}

TEST_F(AccessE2eTest, SessionsStartedAtOnceWithOneTokenAreEachTheirOwn) {
  constexpr int kBrowsers = 8;
  std::vector<std::string> tokens(kBrowsers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kBrowsers; ++i) {
    threads.emplace_back([&, i] {
      apb::CreateTokenResponse session;
      if (access_->StartSession(NewContext(cio_tmd_).get(), {}, &session).ok()) {
        tokens[i] = session.token();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> distinct(tokens.begin(), tokens.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kBrowsers));
  EXPECT_EQ(distinct.count(""), 0u);
  apb::ListAuditEventsRequest request;
  request.set_method("/thaksa.access.v1.AccessService/StartSession");
  apb::ListAuditEventsResponse events;
  ASSERT_TRUE(access_->ListAuditEvents(NewContext(server_.admin()).get(), request, &events).ok());
  EXPECT_EQ(events.events_size(), kBrowsers);
  apb::EndSessionRequest end;
  apb::TokenInfo ended;
  ASSERT_TRUE(access_->EndSession(NewContext(server_.As(tokens[0])).get(), end, &ended).ok());
  EXPECT_EQ(ListPeople(server_.As(tokens[0]), "TMD"), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ListPeople(server_.As(tokens[1]), "TMD"), grpc::StatusCode::OK)
      << "signing out in one browser leaves the others signed in";
}

TEST_F(AccessE2eTest, ARevocationReachesAnotherServerWithinItsTokenCacheLifetime) {
  // Another server of the deployment over the same database, with its own token cache.
  testing::TestServer other(db_);
  int64_t revoked_id = 0;
  CallOptions token = Token(apb::ROLE_HR_SYSTEM, "TMD", "", 0, 0, &revoked_id);
  auto get_person_on_other = [&](const CallOptions& as) {
    pb::GetPersonRequest request;
    request.set_id(e1_);
    pb::Person person;
    return pb::PersonnelService::NewStub(other.channel())
        ->GetPerson(NewContext(as).get(), request, &person)
        .error_code();
  };
  ASSERT_EQ(get_person_on_other(other.As(token.token)), grpc::StatusCode::OK);

  apb::RevokeTokenRequest revoke;
  revoke.set_id(revoked_id);
  apb::TokenInfo info;
  ASSERT_TRUE(access_->RevokeToken(NewContext(server_.admin()).get(), revoke, &info).ok());
  EXPECT_EQ(GetPerson(token, e1_), grpc::StatusCode::UNAUTHENTICATED) << "at once where revoked";
  EXPECT_EQ(get_person_on_other(other.As(token.token)), grpc::StatusCode::OK)
      << "still remembered by the other server";
  other.clock().Set(other.clock().Now() + CachingPrincipalResolver::kDefaultLifetime);
  EXPECT_EQ(get_person_on_other(other.As(token.token)), grpc::StatusCode::UNAUTHENTICATED)
      << "and refused there once its cache lifetime has passed";
}

TEST_F(AccessE2eTest, EachWriteLeavesExactlyOneAuditEvent) {
  ASSERT_EQ(CreateAgency(server_.admin(), "TMD-A", "TMD"), grpc::StatusCode::OK);
  ASSERT_EQ(CreateAgency(hr_nso_, "TMD-B", "TMD"), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_EQ(CreateAgency(hr_tmd_, "bad code", "TMD"), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(CreateAgency(server_.As(""), "TMD-C", "TMD"), grpc::StatusCode::UNAUTHENTICATED);

  auto ok = Audit("CreateAgency", "agency", "TMD-A");
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].outcome(), "OK");
  EXPECT_EQ(ok[0].principal_role(), apb::ROLE_ADMIN);
  EXPECT_NE(ok[0].request_id(), "");

  auto denied = Audit("CreateAgency", "agency", "TMD-B");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0].outcome(), "PERMISSION_DENIED");
  EXPECT_EQ(denied[0].principal_role(), apb::ROLE_HR_SYSTEM);

  auto invalid = Audit("CreateAgency", "agency", "bad code");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].outcome(), "INVALID_ARGUMENT");

  auto unauthenticated = Audit("CreateAgency", "", "");
  int anonymous = 0;
  for (const auto& event : unauthenticated) {
    if (event.outcome() == "UNAUTHENTICATED") {
      ++anonymous;
      EXPECT_EQ(event.principal_token_id(), 0);
    }
  }
  EXPECT_EQ(anonymous, 1);

  // A person written through the API: one event for the write, with the person's id.
  grpc::StatusCode code;
  const int64_t id = Upsert(hr_tmd_, Record(20, "TMD", "TMD-IT", ""), &code);
  ASSERT_EQ(code, grpc::StatusCode::OK);
  auto written = Audit("UpsertPerson", "person", absl::StrCat(id));
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0].principal_role(), apb::ROLE_HR_SYSTEM);
  // Sending it again changes nothing and writes nothing.
  Upsert(hr_tmd_, Record(20, "TMD", "TMD-IT", ""), &code);
  EXPECT_EQ(Audit("UpsertPerson", "person", absl::StrCat(id)).size(), 1u);

  // The trail cannot be changed, not even with SQL.
  absl::Status tamper = server_.pool().Run([](sql::Connection& c) {
    Execute(c, "UPDATE audit_event SET outcome = 'OK'");
    return absl::OkStatus();
  });
  EXPECT_FALSE(tamper.ok());
  tamper = server_.pool().Run([](sql::Connection& c) {
    Execute(c, "DELETE FROM audit_event");
    return absl::OkStatus();
  });
  EXPECT_FALSE(tamper.ok());
}

TEST_F(AccessE2eTest, BulkSyncByHrStaysInItsSubtreeAndAuditsEachRow) {
  std::ostringstream csv;
  csv << cli::kPeopleCsvHeader << "\n"
      << "TMD,E40," << CitizenId(40) << ",ข้าราชการ 40,,,ACTIVE,,TMD-IT,นักวิชาการ,ชำนาญการ,ACADEMIC,,\n"
      << "TMD,E41," << CitizenId(41) << ",ข้าราชการ 41,,,ACTIVE,,NSO,นักวิชาการ,ชำนาญการ,ACADEMIC,,\n"
      << "NSO,E42," << CitizenId(42) << ",ข้าราชการ 42,,,ACTIVE,,NSO,นักวิชาการ,ชำนาญการ,ACADEMIC,,\n";
  std::istringstream in(csv.str());
  std::ostringstream report;
  auto totals = cli::ImportPeople(*personnel_, in, report, hr_tmd_);
  ASSERT_TRUE(totals.ok()) << totals.status();
  EXPECT_EQ(totals->created, 1);
  EXPECT_EQ(totals->rejected, 2);
  EXPECT_THAT(report.str(), HasSubstr("E41\tREJECTED\tagency_code: is outside your agency subtree"));
  EXPECT_THAT(report.str(), HasSubstr("E42\tREJECTED\tagency_of_record_code: is outside"));

  auto rows = Audit("BulkUpsertPeople", "", "");
  ASSERT_EQ(rows.size(), 3u) << "one event per row";
  int ok = 0, rejected = 0;
  for (const auto& event : rows) {
    EXPECT_EQ(event.principal_role(), apb::ROLE_HR_SYSTEM);
    ok += event.outcome() == "OK";
    rejected += event.outcome() == "PERMISSION_DENIED";
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(rejected, 2);
}

TEST_F(AccessE2eTest, ReadsOfPersonalDataByHrAndCioAreAuditedAndExportedToThePerson) {
  ASSERT_EQ(GetPerson(cio_tmd_, e2_), grpc::StatusCode::OK);
  ASSERT_EQ(GetPerson(server_.admin(), e2_), grpc::StatusCode::OK);
  auto reads = Audit("GetPerson", "person", absl::StrCat(e2_));
  ASSERT_EQ(reads.size(), 1u) << "the CIO's read, not the admin's";
  EXPECT_EQ(reads[0].principal_role(), apb::ROLE_CIO_OFFICE);

  pb::PersonDataExport data;
  ASSERT_EQ(Export(person_e2_, e2_, &data), grpc::StatusCode::OK);
  EXPECT_EQ(data.person().id(), e2_);
  EXPECT_EQ(data.person().citizen_id_masked(), MaskCitizenId(CitizenId(2)));
  EXPECT_EQ(data.tokens_size(), 1);
  bool saw_cio_read = false;
  for (const auto& event : data.access_log()) {
    saw_cio_read |= event.principal_role() == apb::ROLE_CIO_OFFICE &&
                    absl::StrContains(event.method(), "GetPerson");
  }
  EXPECT_TRUE(saw_cio_read);
}

TEST_F(AccessE2eTest, RefusedReadsAndAttemptsNamingAnyEntityAreAudited) {
  ASSERT_EQ(GetPerson(cio_tmd_, e3_), grpc::StatusCode::PERMISSION_DENIED) << "another department";
  auto refused = Audit("GetPerson", "person", absl::StrCat(e3_));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].outcome(), "PERMISSION_DENIED");
  EXPECT_EQ(refused[0].principal_role(), apb::ROLE_CIO_OFFICE);

  // An entity named in Thai and emoji, longer than the audit column: the attempt is still
  // recorded, cut at a character boundary.
  std::string code = "กรมที่ไม่มีอยู่จริง🙂";
  while (code.size() < 300) code += "ก";
  auto assessment = assessment::v1::AssessmentService::NewStub(server_.channel());
  assessment::v1::SetOptionalSkillSetRequest request;
  request.set_agency_code(code);
  request.set_framework_code("TPQI-2024");
  request.set_skill_set_code("DATA");
  assessment::v1::AgencyFramework response;
  EXPECT_FALSE(assessment->SetOptionalSkillSet(NewContext(hr_tmd_).get(), request, &response).ok());
  apb::ListAuditEventsRequest list;
  list.set_method("/thaksa.assessment.v1.AssessmentService/SetOptionalSkillSet");
  apb::ListAuditEventsResponse events;
  ASSERT_TRUE(access_->ListAuditEvents(NewContext(server_.admin()).get(), list, &events).ok());
  ASSERT_EQ(events.events_size(), 1);
  EXPECT_EQ(events.events(0).entity_type(), "agency");
  EXPECT_TRUE(absl::StartsWith(events.events(0).entity_id(), "กรมที่ไม่มีอยู่จริง🙂ก"));
  EXPECT_EQ(events.events(0).entity_id(), Utf8Prefix(code, 64)) << "64 whole characters";
  EXPECT_NE(events.events(0).outcome(), "OK");
  // Searched by the whole name the caller used, it is found.
  apb::ListAuditEventsRequest by_entity;
  by_entity.set_entity_type("agency");
  by_entity.set_entity_id(code);
  apb::ListAuditEventsResponse found;
  ASSERT_TRUE(access_->ListAuditEvents(NewContext(server_.admin()).get(), by_entity, &found).ok());
  EXPECT_EQ(found.events_size(), 1);
}

TEST_F(AccessE2eTest, RequestBytesThatDoNotDecodeAreInvalidArgument) {
  grpc::GenericStub stub(server_.channel());
  auto context = NewContext(server_.admin());
  const grpc::Status status = CallWithBytes(
      stub, *context, "/thaksa.personnel.v1.PersonnelService/GetAgency", "\xff\xff\xff\xff");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("does not decode"));
}

TEST_F(AccessE2eTest, TokensNameOnlyScopesThatExist) {
  apb::CreateTokenRequest request;
  request.mutable_token()->set_role(apb::ROLE_TRAINING_INSTITUTE);
  request.mutable_token()->set_institute_code("NO-SUCH");
  apb::CreateTokenResponse response;
  grpc::Status status = access_->CreateToken(NewContext(server_.admin()).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testing::BadFields(status), ElementsAre("token.institute_code"));
}

TEST_F(AccessE2eTest, AnonymisingLeaversClearsPersonalDataButKeepsCounts) {
  pb::ListPeopleRequest list;
  list.set_agency_code("NSO");
  pb::ListPeopleResponse before;
  ASSERT_TRUE(personnel_->ListPeople(NewContext(server_.admin()).get(), list, &before).ok());

  pb::AnonymiseLeaversRequest request;
  request.set_left_more_than_years(10);
  pb::AnonymiseLeaversResponse response;
  grpc::Status status = personnel_->AnonymiseLeavers(NewContext(hr_nso_).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(personnel_->AnonymiseLeavers(NewContext(server_.admin()).get(), request, &response).ok());
  EXPECT_EQ(response.anonymised(), 1);  // E3 left in 2014; E1 and E2 are active

  pb::GetPersonRequest get;
  get.set_id(e3_);
  pb::Person e3;
  ASSERT_TRUE(personnel_->GetPerson(NewContext(server_.admin()).get(), get, &e3).ok());
  EXPECT_TRUE(e3.anonymised());
  EXPECT_THAT(e3.name().th(), Not(HasSubstr("ข้าราชการ")));
  EXPECT_EQ(e3.assignment_history_size(), 1) << "the job history stays for the aggregates";
  pb::GetPersonRequest by_citizen;
  by_citizen.set_citizen_id(CitizenId(3));
  EXPECT_EQ(personnel_->GetPerson(NewContext(server_.admin()).get(), by_citizen, &e3).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::ListPeopleResponse after;
  ASSERT_TRUE(personnel_->ListPeople(NewContext(server_.admin()).get(), list, &after).ok());
  EXPECT_EQ(after.people_size(), before.people_size());

  grpc::StatusCode code;
  pb::PersonRecord resync = Record(3, "NSO", "NSO", "");
  resync.set_status(pb::EMPLOYMENT_STATUS_LEFT);
  Upsert(server_.admin(), resync, &code);
  EXPECT_EQ(code, grpc::StatusCode::FAILED_PRECONDITION) << "an erased record is not re-filled";
}

TEST_F(AccessE2eTest, LogsNeverContainTokensOrCitizenIds) {
  ::testing::internal::CaptureStderr();
  pb::PersonRecord bad = Record(30, "TMD", "TMD-IT", "");
  bad.set_citizen_id(CitizenId(30).substr(0, 12) + "x");
  grpc::StatusCode code;
  Upsert(hr_tmd_, bad, &code);
  Upsert(hr_tmd_, Record(31, "TMD", "TMD-IT", ""), &code);
  GetPerson(server_.As("thk_secret-looking-token-value"), e1_);
  const std::string logs = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(logs, HasSubstr("UpsertPerson")) << "the calls were logged";
  EXPECT_THAT(logs, Not(HasSubstr(hr_tmd_.token)));
  EXPECT_THAT(logs, Not(HasSubstr("thk_secret-looking-token-value")));
  EXPECT_THAT(logs, Not(HasSubstr(CitizenId(30).substr(0, 12))));
  EXPECT_THAT(logs, Not(HasSubstr(CitizenId(31))));
}

}  // namespace
}  // namespace thaksa
