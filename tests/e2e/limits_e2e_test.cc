// End-to-end tests of the limits that keep abusive callers from starving the others
// (common/auth/call_limits.h): oversized messages, costly calls rationed per token, bulk streams
// per token, idle streams ended, records per stream, and fifty abusive callers at once while an
// ordinary caller still gets its answers. Every refusal is RESOURCE_EXHAUSTED (or the idle
// stream's end) with the limit named.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"

namespace thaksa {
namespace {

namespace ppb = ::thaksa::personnel::v1;
namespace rpb = ::thaksa::readiness::v1;
using cli::CallOptions;
using cli::NewContext;
using ::testing::HasSubstr;
using testing::PersonRecordOf;

using PeopleStream = grpc::ClientReaderWriter<ppb::PersonRecord, ppb::BulkUpsertResult>;

class LimitsE2eTest : public ::testing::Test {
 protected:
  // Starts the server with `limits` and the programme of most tests; `hr_` may write MDES.
  void Start(const CallLimits& limits) {
    testing::TestServerOptions options;
    options.limits = limits;
    server_ = std::make_unique<testing::TestServer>(testing::FreshDatabase(), options);
    testing::SetUpProgramme(*server_, testing::kMinistryAndDepartment);
    personnel_ = ppb::PersonnelService::NewStub(server_->channel());
    readiness_ = rpb::ReadinessService::NewStub(server_->channel());
    hr_ = HrToken();
  }

  CallOptions HrToken() {
    return testing::NewToken(*server_, access::v1::ROLE_HR_SYSTEM, "MDES");
  }

  grpc::Status Upsert(const CallOptions& caller, const ppb::PersonRecord& record) {
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    ppb::UpsertPersonResponse response;
    return personnel_->UpsertPerson(NewContext(caller).get(), request, &response);
  }

  grpc::Status Export(const CallOptions& caller) {
    rpb::ExportReadinessRequest request;
    request.mutable_readiness()->set_agency_code("MDES");
    request.mutable_readiness()->set_subtree(true);
    auto context = NewContext(caller);
    auto reader = readiness_->ExportReadiness(context.get(), request);
    rpb::CsvChunk chunk;
    while (reader->Read(&chunk)) {
    }
    return reader->Finish();
  }

  grpc::Status Readiness(const CallOptions& caller, bool another_day) {
    rpb::GetReadinessRequest request;
    request.set_agency_code("MDES");
    request.set_subtree(true);
    if (another_day) *request.mutable_as_of() = testing::DateOf(2026, 11, 20);
    rpb::Readiness response;
    return readiness_->GetReadiness(NewContext(caller).get(), request, &response);
  }

  int64_t PoolInUse() {
    auto ops = ops::v1::OpsService::NewStub(server_->channel());
    ops::v1::GetServerStatusRequest request;
    ops::v1::ServerStatus status;
    EXPECT_TRUE(ops->GetServerStatus(NewContext(server_->admin()).get(), request, &status).ok());
    return status.pool().in_use();
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<ppb::PersonnelService::Stub> personnel_;
  std::unique_ptr<rpb::ReadinessService::Stub> readiness_;
  CallOptions hr_;
};

TEST_F(LimitsE2eTest, AnOversizedRequestIsRefusedWithTheLimitNamed) {
  CallLimits limits;
  limits.max_message_bytes = 64 * 1024;
  Start(limits);
  ppb::PersonRecord record = PersonRecordOf(1, "MDES", "TMD");
  record.mutable_name()->set_th(std::string(100'000, 'x'));
  const grpc::Status refused = Upsert(hr_, record);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("larger than max"));
  EXPECT_TRUE(Upsert(hr_, PersonRecordOf(1, "MDES", "TMD")).ok()) << "the caller goes on";
}

TEST_F(LimitsE2eTest, CostlyCallsAreRationedPerTokenAndOrdinaryOnesAreNot) {
  CallLimits limits;
  limits.costly_calls_per_minute = 2;
  Start(limits);
  EXPECT_TRUE(Export(hr_).ok());
  EXPECT_TRUE(Readiness(hr_, /*another_day=*/true).ok());
  const grpc::Status refused = Export(hr_);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("limit costly_calls_per_minute"));
  EXPECT_EQ(Readiness(hr_, /*another_day=*/true).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(Readiness(hr_, /*another_day=*/false).ok()) << "today's figures are kept, not costly";
  EXPECT_TRUE(Export(HrToken()).ok()) << "another token has its own allowance";

  // Checking many unit codes searches the catalogue for each: costly past 100 codes.
  auto assessment = ::thaksa::assessment::v1::AssessmentService::NewStub(server_->channel());
  auto check = [&](int codes) {
    ::thaksa::assessment::v1::CheckUnitCodesRequest request;
    for (int i = 0; i < codes; ++i) request.add_codes(absl::StrCat("DL", 100 + i));
    ::thaksa::assessment::v1::CheckUnitCodesResponse response;
    return assessment->CheckUnitCodes(NewContext(hr_).get(), request, &response).error_code();
  };
  EXPECT_EQ(check(100), grpc::StatusCode::OK);
  EXPECT_EQ(check(101), grpc::StatusCode::RESOURCE_EXHAUSTED) << "the token's share is used up";
}

TEST_F(LimitsE2eTest, FiguresWorkedOutWhenAskedStopAtTheServersLimitForACall) {
  CallLimits limits;
  limits.max_call_duration = absl::ZeroDuration();
  Start(limits);
  ppb::PersonRecord person = PersonRecordOf(1, "MDES", "TMD");
  *person.mutable_effective_from() = testing::DateOf(2025, 10, 1);  // there on the day asked
  ASSERT_TRUE(Upsert(hr_, person).ok());
  const grpc::Status stopped = Readiness(hr_, /*another_day=*/true);
  EXPECT_EQ(stopped.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_THAT(stopped.error_message(), HasSubstr("limit max_call_duration"));
  EXPECT_TRUE(Readiness(hr_, /*another_day=*/false).ok()) << "kept figures are read at once";
}

TEST_F(LimitsE2eTest, ATokenKeepsOnlySoManyStreamsOpen) {
  CallLimits limits;
  limits.streams_per_token = 2;
  Start(limits);
  // Three streams open at once, none sending: one is refused, and ends at once.
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<PeopleStream>> streams;
  std::vector<std::thread> readers;
  absl::Mutex mutex;
  int ended = 0;
  for (int i = 0; i < 3; ++i) {
    contexts.push_back(NewContext(hr_));
    streams.push_back(personnel_->BulkUpsertPeople(contexts.back().get()));
  }
  for (auto& stream : streams) {
    readers.emplace_back([&, s = stream.get()] {
      ppb::BulkUpsertResult result;
      while (s->Read(&result)) {
      }
      absl::MutexLock lock(&mutex);
      ++ended;
    });
  }
  {
    absl::MutexLock lock(&mutex);
    ASSERT_TRUE(mutex.AwaitWithTimeout(absl::Condition(
                                           +[](int* n) { return *n >= 1; }, &ended),
                                       absl::Seconds(30)));
  }
  for (auto& stream : streams) stream->WritesDone();
  for (std::thread& reader : readers) reader.join();
  std::vector<grpc::StatusCode> codes;
  std::string message;
  for (auto& stream : streams) {
    const grpc::Status status = stream->Finish();
    codes.push_back(status.error_code());
    if (!status.ok()) message = status.error_message();
  }
  EXPECT_THAT(codes, ::testing::UnorderedElementsAre(grpc::StatusCode::OK, grpc::StatusCode::OK,
                                                     grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_THAT(message, HasSubstr("limit streams_per_token"));

  auto context = NewContext(hr_);
  auto again = personnel_->BulkUpsertPeople(context.get());
  again->WritesDone();
  EXPECT_TRUE(again->Finish().ok()) << "the places are free once the streams end";
}

TEST_F(LimitsE2eTest, AStreamThatGoesQuietIsEndedAndItsPlaceFreed) {
  CallLimits limits;
  limits.streams_per_token = 1;
  limits.stream_idle_timeout = absl::Seconds(1);
  Start(limits);
  auto context = NewContext(hr_);
  auto quiet = personnel_->BulkUpsertPeople(context.get());
  ASSERT_TRUE(quiet->Write(PersonRecordOf(1, "MDES", "TMD")));
  ppb::BulkUpsertResult result;
  EXPECT_FALSE(quiet->Read(&result)) << "the server ends the stream";
  EXPECT_EQ(quiet->Finish().error_code(), grpc::StatusCode::CANCELLED);

  // The quiet stream's handler lets go of its place just after the caller sees it end.
  grpc::Status next_status;
  std::vector<ppb::BulkUpsertResult> results;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto next_context = NewContext(hr_);
    auto next = personnel_->BulkUpsertPeople(next_context.get());
    next->Write(PersonRecordOf(1, "MDES", "TMD"));
    next->WritesDone();
    results.clear();
    while (next->Read(&result)) results.push_back(result);
    next_status = next->Finish();
    if (next_status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_TRUE(next_status.ok()) << next_status.error_message();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome(), ppb::UPSERT_OUTCOME_CREATED)
      << "the unanswered record was not stored";
}

TEST_F(LimitsE2eTest, AStreamStopsAtItsRecordLimitWithTheRecordsBeforeStored) {
  CallLimits limits;
  limits.max_stream_records = 3;
  Start(limits);
  auto context = NewContext(hr_);
  auto stream = personnel_->BulkUpsertPeople(context.get());
  for (int n = 1; n <= 5; ++n) stream->Write(PersonRecordOf(n, "MDES", "TMD"));
  stream->WritesDone();
  std::vector<int64_t> stored;
  ppb::BulkUpsertResult result;
  while (stream->Read(&result)) {
    EXPECT_EQ(result.outcome(), ppb::UPSERT_OUTCOME_CREATED);
    stored.push_back(result.person_id());
  }
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("limit max_stream_records"));
  ASSERT_EQ(stored.size(), 3u);
  for (int64_t id : stored) {
    ppb::GetPersonRequest request;
    request.set_id(id);
    ppb::Person person;
    EXPECT_TRUE(personnel_->GetPerson(NewContext(hr_).get(), request, &person).ok()) << id;
  }
}

// Fifty callers at once: twenty keep bulk streams open and dribble records, fifteen send
// oversized requests, fifteen hammer costly calls. An ordinary caller's every call is answered,
// the abusers are refused with the limits named, and no connection stays lent.
TEST_F(LimitsE2eTest, FiftyAbusiveCallersDoNotStarveAnOrdinaryOne) {
  CallLimits limits;
  limits.costly_calls_per_minute = 5;
  limits.stream_idle_timeout = absl::Seconds(2);
  Start(limits);
  ASSERT_TRUE(Upsert(hr_, PersonRecordOf(1, "MDES", "TMD")).ok());
  const CallOptions ordinary = HrToken();
  std::vector<CallOptions> abusers;
  for (int i = 0; i < 4; ++i) abusers.push_back(HrToken());

  std::atomic<int> streams_refused{0};
  std::atomic<int> oversized_refused{0};
  std::atomic<int> exports_refused{0};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&, i] {
      auto context = NewContext(abusers[i % 2]);
      auto stream = personnel_->BulkUpsertPeople(context.get());
      for (int n = 0; n < 30 && stream->Write(PersonRecordOf(1000 + i * 30 + n, "MDES", "TMD"));
           ++n) {
        absl::SleepFor(absl::Milliseconds(100));
      }
      ppb::BulkUpsertResult result;
      while (stream->Read(&result)) {
      }
      // Never closed: the server ends it once quiet, or refused it at once.
      const grpc::StatusCode code = stream->Finish().error_code();
      if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) ++streams_refused;
      if (code != grpc::StatusCode::CANCELLED && code != grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++unexpected;
      }
    });
  }
  for (int i = 0; i < 15; ++i) {
    threads.emplace_back([&, i] {
      ppb::PersonRecord record = PersonRecordOf(2000 + i, "MDES", "TMD");
      record.mutable_name()->set_th(std::string(5 << 20, 'x'));
      for (int n = 0; n < 3; ++n) {
        const grpc::StatusCode code = Upsert(abusers[2], record).error_code();
        (code == grpc::StatusCode::RESOURCE_EXHAUSTED ? oversized_refused : unexpected)++;
      }
    });
  }
  for (int i = 0; i < 15; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < 4; ++n) {
        const grpc::Status status = Export(abusers[3]);
        if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++exports_refused;
        if (!status.ok() && status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++unexpected;
        }
      }
    });
  }
  for (int n = 0; n < 20; ++n) {
    EXPECT_TRUE(Readiness(ordinary, /*another_day=*/false).ok()) << n;
    EXPECT_TRUE(Upsert(ordinary, PersonRecordOf(1, "MDES", "TMD")).ok()) << n;
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(unexpected, 0);
  EXPECT_EQ(streams_refused, 4) << "two tokens of 8 streams each";
  EXPECT_EQ(oversized_refused, 45);
  // At most 5 a minute pass (fewer if some found 4 costly calls running).
  EXPECT_GE(exports_refused, 55);
  EXPECT_TRUE(Readiness(ordinary, /*another_day=*/false).ok());
  // Background tasks borrow connections now and then: a connection not returned keeps the
  // count above 0 for good, so the count must reach 0 once, not stay there.
  int64_t in_use = PoolInUse();
  for (int i = 0; i < 100 && in_use > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(50));
    in_use = PoolInUse();
  }
  EXPECT_EQ(in_use, 0) << "a connection was not returned";
}

}  // namespace
}  // namespace thaksa
