// thaksa-bench: loads a synthetic national dataset into a running Thaksa server through its API,
// waits for readiness to take it in, recounts a sample of agencies, drives a mix of calls
// against it, measures the baselines beside it, and prints the report (exit status 1 when the
// recount differs from readiness).
// tools/bench starts a private stack and runs it; see the README.
#include <fstream>
#include <iostream>
#include <atomic>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
#include "tools/loadgen/catch_up.h"
#include "tools/loadgen/driver.h"
#include "tools/loadgen/loader.h"
#include "tools/loadgen/path_writes.h"
#include "tools/loadgen/recount.h"
#include "tools/loadgen/record_stream.h"
#include "tools/loadgen/report.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051",
          "The server, or several replicas of it by IPv4 address separated by commas "
          "(127.0.0.1:1,127.0.0.1:2): the calls are spread over them in turn.");
ABSL_FLAG(std::string, token_file, "", "File holding an ADMIN token.");
ABSL_FLAG(std::string, db_url, "", "The server's database, for the baselines (mysql://...).");
ABSL_FLAG(std::string, scale, "small", "small (about 20 thousand people) or national (2 million).");
ABSL_FLAG(int64_t, people, 0,
          "Only the first this many people of the scale (0: all of them), for a quick trial of "
          "the benchmark itself.");
ABSL_FLAG(uint64_t, seed, 1, "Seed of the synthetic dataset and of the recount's sample.");
ABSL_FLAG(bool, load, true, "Load the dataset; false: only sync the people again (unchanged) "
          "to learn their ids, for a dataset loaded before.");
ABSL_FLAG(int, streams, 2, "Parallel streams of each bulk load and of completion ingestion.");
ABSL_FLAG(int, concurrency, 8, "Client threads of the call mixes and of the recount.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "How long each call mix runs.");
ABSL_FLAG(int64_t, max_calls, 1'000'000, "At most this many calls per mix.");
ABSL_FLAG(int64_t, ingest_records, 200'000, "At most this many completions in the ingestion mix.");
ABSL_FLAG(int64_t, baseline_records, 100'000,
          "At most this many records in each bulk path's baseline.");
ABSL_FLAG(absl::Duration, refresh_timeout, absl::Minutes(30),
          "How long to wait for the readiness figures to take in the loaded data; if they have not "
          "by then, the readiness calls, the naive baseline and the recount are not measured.");
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

// The recount's sample: divisions (or provincial offices) and ministries.
constexpr int kRecountDivisions = 20;
constexpr int kRecountMinistries = 2;

// One channel to the server, or to every replica in `servers` (comma-separated) with the calls
// spread over them round robin.
std::shared_ptr<grpc::Channel> ChannelTo(const std::string& servers) {
  if (servers.find(',') == std::string::npos) {
    return grpc::CreateChannel(servers, grpc::InsecureChannelCredentials());
  }
  grpc::ChannelArguments arguments;
  arguments.SetLoadBalancingPolicyName("round_robin");
  return grpc::CreateCustomChannel(absl::StrCat("ipv4:", servers),
                                   grpc::InsecureChannelCredentials(), arguments);
}

// The ops service of each replica in `servers`, each reached on its own.
std::vector<std::unique_ptr<ops::v1::OpsService::Stub>> OpsOfEach(const std::string& servers) {
  std::vector<std::unique_ptr<ops::v1::OpsService::Stub>> stubs;
  for (absl::string_view server : absl::StrSplit(servers, ',')) {
    stubs.push_back(ops::v1::OpsService::NewStub(
        grpc::CreateChannel(std::string(server), grpc::InsecureChannelCredentials())));
  }
  return stubs;
}

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  if (!(in >> token)) return absl::InvalidArgumentError(absl::StrCat("--token_file: cannot read ", path));
  return token;
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
          return dataset.LaterCompletion(run, global, people[SpreadIndex(global, people.size())]);
        },
        [&](const lpb::CompletionResult& result, absl::Duration ack) {
          acks.Add(ack);
          if (result.outcome() == lpb::COMPLETION_OUTCOME_REJECTED) ++rejected;
        },
        [&] { return absl::Now() < end; }));
  }, &error);
  figure.errors = rejected;
  figure.baseline = BaselineOf(kCompletionIngestion);
  if (!error.ok()) figure.note = error.ToString();
  return figure;
}

// A figure for a call mix that was not run, saying why.
Figure NotMeasured(const std::string& name, const std::string& why) {
  Figure figure;
  figure.name = name;
  figure.unit = "calls";
  figure.note = "not measured: " + why;
  return figure;
}

// The pool for the baselines: large enough for the most writers of a baseline, patient enough
// for the naive GROUP BY at national scale.
absl::StatusOr<std::unique_ptr<ConnectionPool>> BaselinePool(const LoadOptions& options) {
  const std::string url = absl::GetFlag(FLAGS_db_url);
  if (url.empty()) return nullptr;
  ASSIGN_OR_RETURN(DbConfig config, ParseDbUrl(url));
  config.pool_size = std::max({config.pool_size, options.streams, kPlanPath.writers(options)});
  config.io_timeout = absl::Minutes(10);
  return std::make_unique<ConnectionPool>(config);
}

// Measures the baseline of each bulk path the run measured, and the bare completion table.
absl::Status MeasureBaselines(ConnectionPool& pool, const PathInputs& inputs,
                              const LoadOptions& options, BenchRun& run) {
  const int64_t most = absl::GetFlag(FLAGS_baseline_records);
  std::vector<PathWrites> paths;
  if (Figure* people = FindFigure(run.loads, kPeopleSync)) {
    paths.push_back(PeopleWrites(inputs, std::min(people->count, most), options.streams));
  }
  if (Figure* assessments = FindFigure(run.loads, kAssessmentsBulk)) {
    paths.push_back(AssessmentWrites(inputs, std::min(assessments->count, most), options.streams));
  }
  if (Figure* plans = FindFigure(run.loads, kPlanLoad)) {
    paths.push_back(PlanWrites(inputs, std::min(plans->count, most), kPlanPath.writers(options)));
  }
  const Figure* ingested = FindFigure(run.calls, kCompletionIngestion);
  const int64_t completions =
      std::min(std::max<int64_t>(ingested != nullptr ? ingested->count : 0, 10'000), most);
  paths.push_back(CompletionWrites(inputs, completions, options.streams));
  paths.push_back(CompletionTableWrites(inputs, completions));
  for (const PathWrites& path : paths) {
    std::cerr << "  " << path.name << "\n";
    ASSIGN_OR_RETURN(Figure figure, MeasureWrites(pool, path));
    run.baselines.push_back(std::move(figure));
  }
  ASSIGN_OR_RETURN(Figure load_data,
                   MeasureLoadData(pool, paths.back(), "store: completion rows, LOAD DATA",
                                   absl::GetFlag(FLAGS_scratch_dir)));
  run.baselines.push_back(std::move(load_data));
  return absl::OkStatus();
}

absl::Status Run() {
  ASSIGN_OR_RETURN(Scale scale, ScaleNamed(absl::GetFlag(FLAGS_scale)));
  if (const int64_t people = absl::GetFlag(FLAGS_people); people > 0) {
    scale.people = std::min(scale.people, people);
  }
  const Dataset dataset(scale, absl::GetFlag(FLAGS_seed));
  cli::CallOptions admin;
  ASSIGN_OR_RETURN(admin.token, ReadToken(absl::GetFlag(FLAGS_token_file)));
  admin.timeout = absl::Minutes(5);
  auto channel = ChannelTo(absl::GetFlag(FLAGS_server));
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
  ASSIGN_OR_RETURN(std::unique_ptr<ConnectionPool> pool, BaselinePool(options));
  Loader loader(dataset, channel, admin, options);
  std::cerr << "preparing agencies, frameworks, the institute and its courses\n";
  RETURN_IF_ERROR(loader.Prepare(absl::GetFlag(FLAGS_frameworks_dir)));
  auto readiness = rpb::ReadinessService::NewStub(channel);
  const auto ops_stubs = OpsOfEach(absl::GetFlag(FLAGS_server));
  OpsOfReplicas replicas;
  for (const auto& stub : ops_stubs) replicas.push_back(stub.get());
  BacklogWatch backlog(*readiness, replicas, admin);
  std::cerr << "loading " << scale.people << " people\n";
  ASSIGN_OR_RETURN(Figure people, loader.LoadPeople());
  const bool load = absl::GetFlag(FLAGS_load);
  if (load) {
    people.baseline = BaselineOf(kPeopleSync);
  } else {
    people.name = "people sync again (unchanged)";
  }
  run.loads.push_back(std::move(people));
  if (load) {
    std::cerr << "loading assessments\n";
    ASSIGN_OR_RETURN(Figure assessments, loader.LoadAssessments());
    assessments.baseline = BaselineOf(kAssessmentsBulk);
    run.loads.push_back(std::move(assessments));
    std::cerr << "loading plans\n";
    ASSIGN_OR_RETURN(Figure plans, loader.LoadPlans());
    plans.baseline = BaselineOf(kPlanLoad);
    run.loads.push_back(std::move(plans));
    std::cerr << "loading completions\n";
    ASSIGN_OR_RETURN(Figure completions, loader.LoadCompletions());
    run.loads.push_back(std::move(completions));
  }
  std::cerr << "waiting for the readiness figures to take in the changes\n";
  ASSIGN_OR_RETURN(CatchUp caught_up, WaitForCatchUp(*readiness, replicas, admin,
                                                     absl::GetFlag(FLAGS_refresh_timeout)));
  run.loads.push_back(caught_up.figure);
  run.loads.push_back(backlog.Finish());
  const std::string unfinished = "the readiness catch-up did not finish";

  if (caught_up.finished) {
    const std::vector<std::string> sample =
        SampleAgencies(dataset, absl::GetFlag(FLAGS_seed), kRecountDivisions, kRecountMinistries);
    std::cerr << "recounting " << sample.size() << " agencies from their people's profiles\n";
    ASSIGN_OR_RETURN(run.recount,
                     Recount(channel, admin, sample, options.concurrency, &std::cerr));
  } else {
    run.recount.skipped = unfinished;
  }

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
    request.set_id(ids[SpreadIndex(n, ids.size())]);
    ppb::Person person;
    return FromGrpcStatus(personnel->GetPerson(cli::NewContext(admin).get(), request, &person));
  }));
  run.calls.push_back(RunCalls("GetSkillProfile", limits, [&](int64_t n) {
    apb::GetSkillProfileRequest request;
    request.set_person_id(ids[SpreadIndex(n, ids.size())]);
    apb::SkillProfile profile;
    return FromGrpcStatus(assessment->GetSkillProfile(cli::NewContext(admin).get(), request, &profile));
  }));
  // Readiness is asked only of complete figures, and the naive GROUP BY runs over the same rows.
  const std::vector<std::pair<std::string, std::function<absl::Status(int64_t)>>> readiness_mixes = {
      {kNationalReadiness, readiness_of("", true)},
      {"GetReadiness ministry", readiness_of(dataset.ministry_codes()[1], false)},
      {"GetReadiness division", readiness_of(dataset.unit_codes().back(), false)}};
  for (const auto& [name, call] : readiness_mixes) {
    run.calls.push_back(caught_up.finished ? RunCalls(name, limits, call)
                                           : NotMeasured(name, unfinished));
  }
  if (pool != nullptr && caught_up.finished) {
    std::cerr << "measuring the naive national GROUP BY\n";
    ASSIGN_OR_RETURN(Figure naive, MeasureNaiveReadiness(*pool, 5));
    run.baselines.push_back(std::move(naive));
  }
  DriveLimits ingestion = limits;
  ingestion.max_calls = absl::GetFlag(FLAGS_ingest_records);
  run.calls.push_back(IngestCompletions(*learning, loader.institute(), dataset, ids, ingestion,
                                        absl::GetFlag(FLAGS_streams)));

  if (pool != nullptr) {
    std::cerr << "measuring the baselines\n";
    const PathInputs inputs{&dataset, &ids, &loader.skill_set_codes()};
    RETURN_IF_ERROR(MeasureBaselines(*pool, inputs, options, run));
  }
  if (absl::GetFlag(FLAGS_server_pid) > 0) ReadServerMemory(absl::GetFlag(FLAGS_server_pid), run);

  PrintReport(run, std::cout);
  if (const std::string path = absl::GetFlag(FLAGS_json); !path.empty()) {
    std::ofstream(path) << ReportJson(run);
    std::cout << "\n(also written to " << path << ")\n";
  }
  if (!run.recount.differences.empty()) {
    return absl::DataLossError(absl::StrCat("the recount differs from the readiness figures in ",
                                            run.recount.differences.size(), " places"));
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace thaksa::loadgen

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "thaksa-bench --token_file=F [--db_url=URL] [--scale=small|national] [flags]: loads the "
      "synthetic dataset through the API, recounts a sample of agencies, drives the call mixes, "
      "measures the baselines, reports.");
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = thaksa::loadgen::Run();
  if (!status.ok()) {
    std::cerr << "thaksa-bench: " << status << "\n";
    return 1;
  }
  return 0;
}
