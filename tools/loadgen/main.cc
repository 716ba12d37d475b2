// thaksa-bench: loads a synthetic national dataset into a running Thaksa server through its API,
// drives a mix of calls against it, measures the baselines beside it, and prints the report.
// tools/bench starts a private stack and runs it; see the README.
#include <fstream>
#include <iostream>
#include <atomic>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/db_config.h"
#include "common/grpc_status.h"
#include "common/health_client.h"
#include "common/status.h"
#include "grpcpp/create_channel.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/loadgen/baselines.h"
#include "tools/loadgen/driver.h"
#include "tools/loadgen/loader.h"
#include "tools/loadgen/record_stream.h"
#include "tools/loadgen/report.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "The server (loopback only).");
ABSL_FLAG(std::string, token_file, "", "File holding an ADMIN token.");
ABSL_FLAG(std::string, db_url, "", "The server's database, for the baselines (mysql://...).");
ABSL_FLAG(std::string, scale, "small", "small (about 20 thousand people) or national (2 million).");
ABSL_FLAG(uint64_t, seed, 1, "Seed of the synthetic dataset.");
ABSL_FLAG(bool, load, true, "Load the dataset; false: only sync the people again (unchanged) "
          "to learn their ids, for a dataset loaded before.");
ABSL_FLAG(int, streams, 2, "Parallel streams of each bulk load and of completion ingestion.");
ABSL_FLAG(int, concurrency, 8, "Client threads of the call mixes and of plan loading.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "How long each call mix runs.");
ABSL_FLAG(int64_t, max_calls, 1'000'000, "At most this many calls per mix.");
ABSL_FLAG(int64_t, ingest_records, 200'000,
          "At most this many completions in the ingestion mix (and rows in the store baseline).");
ABSL_FLAG(absl::Duration, refresh_timeout, absl::Minutes(10),
          "How long to wait for the readiness figures to take in the loaded data; the calls are "
          "driven after it even if changes are still pending (the report says how many).");
ABSL_FLAG(std::string, frameworks_dir, "deploy/frameworks", "The framework files to seed.");
ABSL_FLAG(std::string, scratch_dir, "/tmp", "A directory the database server can read, for LOAD DATA.");
ABSL_FLAG(int, server_pid, 0, "The server's process id, to report its memory.");
ABSL_FLAG(std::string, commit, "", "The commit measured, for the report.");
ABSL_FLAG(std::string, json, "", "Also write the report as JSON to this file.");

namespace thaksa::loadgen {
namespace {

namespace ppb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;
namespace rpb = ::thaksa::readiness::v1;

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  if (!(in >> token)) return absl::InvalidArgumentError(absl::StrCat("--token_file: cannot read ", path));
  return token;
}

// A number in [0, bound) spread over the range for consecutive n.
size_t Spread(int64_t n, size_t bound) {
  return static_cast<size_t>((static_cast<uint64_t>(n) * 0x9e3779b97f4a7c15ULL) >> 11) % bound;
}

// Rows the server's background tasks still have to do, by OpsService.GetServerStatus: the
// assessed levels of completions waiting in the outbox (0 for a server without the relay).
absl::StatusOr<int64_t> OutboxPending(ops::v1::OpsService::Stub& ops,
                                      const cli::CallOptions& admin) {
  ops::v1::ServerStatus status;
  RETURN_IF_ERROR(FromGrpcStatus(
      ops.GetServerStatus(cli::NewContext(admin).get(), ops::v1::GetServerStatusRequest(), &status)));
  int64_t pending = 0;
  for (const ops::v1::BackgroundTask& task : status.tasks()) {
    if (task.name() == "assessment_relay") pending += task.pending();
  }
  return pending;
}

// Waits until the assessment relay has delivered the levels of the completions loaded and the
// readiness refresher has taken in every change; the figure counts the changes that were
// waiting when the load ended.
absl::StatusOr<Figure> WaitForReadiness(rpb::ReadinessService::Stub& stub,
                                        ops::v1::OpsService::Stub& ops,
                                        const cli::CallOptions& admin) {
  Figure figure;
  figure.name = "readiness catch-up after load";
  figure.unit = "changes";
  const absl::Time start = absl::Now();
  absl::Time reported = start;
  for (;;) {
    // The relay first: the levels it delivers are changes readiness has still to take in.
    ASSIGN_OR_RETURN(const int64_t outbox, OutboxPending(ops, admin));
    rpb::GetReadinessRequest request;
    request.set_national(true);
    rpb::Readiness readiness;
    RETURN_IF_ERROR(FromGrpcStatus(stub.GetReadiness(cli::NewContext(admin).get(), request, &readiness)));
    if (figure.count == 0) figure.count = readiness.pending_changes();
    if (outbox == 0 && readiness.pending_changes() == 0) break;
    if (absl::Now() - start > absl::GetFlag(FLAGS_refresh_timeout)) {
      figure.note = absl::StrCat("gave up with ", readiness.pending_changes(),
                                 " changes and ", outbox, " assessed levels still pending");
      break;
    }
    if (absl::Now() - reported > absl::Seconds(10)) {
      std::cerr << "  readiness: " << readiness.pending_changes() << " changes pending, "
                << outbox << " assessed levels in the outbox\n";
      reported = absl::Now();
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  figure.elapsed = absl::Now() - start;
  return figure;
}

// Completions reported by the institute on `streams` streams, as many as the limits allow.
Figure IngestCompletions(lpb::LearningService::Stub& stub, const cli::CallOptions& institute,
                         const Dataset& dataset, const std::vector<int64_t>& people,
                         const DriveLimits& limits, int streams) {
  const std::string run = absl::StrCat(absl::ToUnixSeconds(absl::Now()));
  const absl::Time end = absl::Now() + limits.duration;
  std::atomic<int64_t> rejected{0};
  absl::Status error;
  Figure figure = RunStreams(kCompletionIngestion, streams, [&](int s, Latencies& acks) {
    std::unique_ptr<grpc::ClientContext> context = cli::NewContext(institute);
    context->set_deadline(absl::ToChronoTime(end + absl::Minutes(5)));
    auto stream = stub.RecordCompletions(context.get());
    return FromGrpcStatus(StreamRecords<lpb::CompletionRecord, lpb::CompletionResult>(
        *stream, limits.max_calls / streams,
        [&](int64_t n) {
          const int64_t global = n * streams + s;
          return dataset.LaterCompletion(run, global, people[Spread(global, people.size())]);
        },
        [&](const lpb::CompletionResult& result, absl::Duration ack) {
          acks.Add(ack);
          if (result.outcome() == lpb::COMPLETION_OUTCOME_REJECTED) ++rejected;
        },
        [&] { return absl::Now() < end; }));
  }, &error);
  figure.errors = rejected;
  if (!error.ok()) figure.note = error.ToString();
  return figure;
}

absl::Status Run() {
  ASSIGN_OR_RETURN(const Scale scale, ScaleNamed(absl::GetFlag(FLAGS_scale)));
  const Dataset dataset(scale, absl::GetFlag(FLAGS_seed));
  cli::CallOptions admin;
  ASSIGN_OR_RETURN(admin.token, ReadToken(absl::GetFlag(FLAGS_token_file)));
  admin.timeout = absl::Minutes(5);
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_server), grpc::InsecureChannelCredentials());
  RETURN_IF_ERROR(CheckHealth(channel, absl::Seconds(10)));

  BenchRun run;
  run.scale = scale.name;
  run.people = scale.people;
  run.commit = absl::GetFlag(FLAGS_commit);
  run.started = absl::FormatTime("%Y-%m-%d %H:%M %Z", absl::Now(), absl::UTCTimeZone());
  run.concurrency = absl::GetFlag(FLAGS_concurrency);
  DescribeMachine(run);

  LoadOptions options;
  options.streams = absl::GetFlag(FLAGS_streams);
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.progress = &std::cerr;
  Loader loader(dataset, channel, admin, options);
  std::cerr << "preparing agencies, frameworks, the institute and its courses\n";
  RETURN_IF_ERROR(loader.Prepare(absl::GetFlag(FLAGS_frameworks_dir)));
  std::cerr << "loading " << scale.people << " people\n";
  ASSIGN_OR_RETURN(Figure people, loader.LoadPeople());
  run.loads.push_back(std::move(people));
  if (absl::GetFlag(FLAGS_load)) {
    std::cerr << "loading assessments\n";
    ASSIGN_OR_RETURN(Figure assessments, loader.LoadAssessments());
    run.loads.push_back(std::move(assessments));
    std::cerr << "loading plans\n";
    ASSIGN_OR_RETURN(Figure plans, loader.LoadPlans());
    run.loads.push_back(std::move(plans));
    std::cerr << "loading completions\n";
    ASSIGN_OR_RETURN(Figure completions, loader.LoadCompletions());
    run.loads.push_back(std::move(completions));
  }
  auto readiness = rpb::ReadinessService::NewStub(channel);
  auto ops = ops::v1::OpsService::NewStub(channel);
  std::cerr << "waiting for the readiness figures to take in the changes\n";
  ASSIGN_OR_RETURN(Figure caught_up, WaitForReadiness(*readiness, *ops, admin));
  run.loads.push_back(std::move(caught_up));

  DriveLimits limits;
  limits.duration = absl::GetFlag(FLAGS_duration);
  limits.max_calls = absl::GetFlag(FLAGS_max_calls);
  limits.concurrency = absl::GetFlag(FLAGS_concurrency);
  const std::vector<int64_t>& ids = loader.person_ids();
  auto personnel = ppb::PersonnelService::NewStub(channel);
  auto assessment = apb::AssessmentService::NewStub(channel);
  auto learning = lpb::LearningService::NewStub(channel);
  auto readiness_of = [&](const std::string& agency, bool national) {
    return [&, agency, national](int64_t) {
      rpb::GetReadinessRequest request;
      request.set_agency_code(agency);
      request.set_national(national);
      request.set_subtree(true);
      rpb::Readiness response;
      return FromGrpcStatus(readiness->GetReadiness(cli::NewContext(admin).get(), request, &response));
    };
  };
  std::cerr << "driving calls, " << absl::FormatDuration(limits.duration) << " per mix\n";
  run.calls.push_back(RunCalls(kHealthCeiling, limits, [&](int64_t) {
    return CheckHealth(channel, absl::Seconds(5));
  }));
  run.calls.push_back(RunCalls(kGetPerson, limits, [&](int64_t n) {
    ppb::GetPersonRequest request;
    request.set_id(ids[Spread(n, ids.size())]);
    ppb::Person person;
    return FromGrpcStatus(personnel->GetPerson(cli::NewContext(admin).get(), request, &person));
  }));
  run.calls.push_back(RunCalls("GetSkillProfile", limits, [&](int64_t n) {
    apb::GetSkillProfileRequest request;
    request.set_person_id(ids[Spread(n, ids.size())]);
    apb::SkillProfile profile;
    return FromGrpcStatus(assessment->GetSkillProfile(cli::NewContext(admin).get(), request, &profile));
  }));
  run.calls.push_back(RunCalls(kNationalReadiness, limits, readiness_of("", true)));
  run.calls.push_back(
      RunCalls("GetReadiness ministry", limits, readiness_of(dataset.ministry_codes()[1], false)));
  run.calls.push_back(
      RunCalls("GetReadiness division", limits, readiness_of(dataset.unit_codes().back(), false)));
  DriveLimits ingestion = limits;
  ingestion.max_calls = absl::GetFlag(FLAGS_ingest_records);
  run.calls.push_back(IngestCompletions(*learning, loader.institute(), dataset, ids, ingestion,
                                        absl::GetFlag(FLAGS_streams)));

  if (const std::string url = absl::GetFlag(FLAGS_db_url); !url.empty()) {
    std::cerr << "measuring the baselines\n";
    ASSIGN_OR_RETURN(DbConfig config, ParseDbUrl(url));
    ConnectionPool pool(config);
    std::vector<lpb::CompletionRecord> rows;
    const int64_t count = std::max<int64_t>(run.calls.back().count, 10'000);
    for (int64_t n = 0; n < count; ++n) {
      rows.push_back(dataset.LaterCompletion("ceiling", n, ids[Spread(n, ids.size())]));
    }
    ASSIGN_OR_RETURN(StoreCeiling ceiling,
                     MeasureStoreCeiling(pool, rows, kInstituteCode, absl::GetFlag(FLAGS_scratch_dir)));
    run.baselines.push_back(std::move(ceiling.multi_row_insert));
    run.baselines.push_back(std::move(ceiling.load_data));
    ASSIGN_OR_RETURN(Figure naive, MeasureNaiveReadiness(pool, 5));
    run.baselines.push_back(std::move(naive));
  }
  if (absl::GetFlag(FLAGS_server_pid) > 0) ReadServerMemory(absl::GetFlag(FLAGS_server_pid), run);

  PrintReport(run, std::cout);
  if (const std::string path = absl::GetFlag(FLAGS_json); !path.empty()) {
    std::ofstream(path) << ReportJson(run);
    std::cout << "\n(also written to " << path << ")\n";
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace thaksa::loadgen

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "thaksa-bench --token_file=F [--db_url=URL] [--scale=small|national] [flags]: loads the "
      "synthetic dataset through the API, drives the call mixes, measures the baselines, reports.");
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = thaksa::loadgen::Run();
  if (!status.ok()) {
    std::cerr << "thaksa-bench: " << status << "\n";
    return 1;
  }
  return 0;
}
