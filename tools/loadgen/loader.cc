#include "tools/loadgen/loader.h"

#include <atomic>
#include <deque>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/proto_dates.h"
#include "common/status.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/framework_seed.h"
#include "tools/loadgen/driver.h"
#include "tools/loadgen/record_stream.h"

namespace thaksa::loadgen {
namespace {

namespace ppb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;
namespace xpb = ::thaksa::access::v1;

// OK, or ALREADY_EXISTS (a repeated load).
absl::Status NewOrExisting(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::ALREADY_EXISTS ? absl::OkStatus()
                                                                 : FromGrpcStatus(status);
}

// Prints "name: done / total (rate/s)" every few seconds until stopped.
class ProgressLine final {
 public:
  ProgressLine(std::ostream* out, std::string name, int64_t total, const std::atomic<int64_t>& done)
      : thread_([this, out, name = std::move(name), total, &done] {
          const absl::Time start = absl::Now();
          while (out != nullptr && !stop_.WaitForNotificationWithTimeout(absl::Seconds(5))) {
            const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
            *out << absl::StrFormat("  %s: %d of about %d (%.0f/s)\n", name, done.load(), total,
                                    static_cast<double>(done.load()) / seconds)
                 << std::flush;
          }
        }) {}
  ~ProgressLine() {
    stop_.Notify();
    thread_.join();
  }

 private:
  absl::Notification stop_;
  std::thread thread_;
};

// The first day the ministries follow kFrameworkCode.
constexpr absl::CivilDay kFrameworkFrom(2025, 10, 1);

// Whether `ministry`'s own latest declaration for kFiscalYear is the DEVELOPING period.
absl::StatusOr<bool> DeclaresDevelopingPeriod(ppb::PersonnelService::Stub& personnel,
                                              const cli::CallOptions& admin,
                                              const std::string& ministry) {
  ppb::GetAgencyRequest request;
  request.set_code(ministry);
  ppb::Agency agency;
  RETURN_IF_ERROR(
      FromGrpcStatus(personnel.GetAgency(cli::NewContext(admin).get(), request, &agency)));
  const ppb::PeriodDeclaration* latest = nullptr;
  for (const ppb::PeriodDeclaration& d : agency.period_history()) {
    if (d.fiscal_year().be_year() != kFiscalYear) continue;
    if (latest == nullptr || d.declared_at_unix() >= latest->declared_at_unix()) latest = &d;
  }
  return latest != nullptr && latest->period() == common::v1::PERIOD_DEVELOPING;
}

// Whether `ministry` itself chose kFrameworkCode from kFrameworkFrom on.
absl::StatusOr<bool> ChoosesFramework(apb::AssessmentService::Stub& assessment,
                                      const cli::CallOptions& admin, const std::string& ministry) {
  apb::GetAgencyFrameworkRequest request;
  request.set_agency_code(ministry);
  DayToProto(kFrameworkFrom, request.mutable_as_of());
  apb::AgencyFramework framework;
  RETURN_IF_ERROR(FromGrpcStatus(
      assessment.GetAgencyFramework(cli::NewContext(admin).get(), request, &framework)));
  return framework.framework_code() == kFrameworkCode &&
         framework.chosen_by_agency_code() == ministry;
}

}  // namespace

Loader::Loader(const Dataset& dataset, std::shared_ptr<grpc::Channel> channel,
               cli::CallOptions admin, LoadOptions options)
    : dataset_(dataset), channel_(std::move(channel)), admin_(std::move(admin)),
      options_(options) {}

absl::Status Loader::Prepare(const std::string& frameworks_dir) {
  auto personnel = ppb::PersonnelService::NewStub(channel_);
  for (const ppb::Agency& agency : dataset_.agencies()) {
    ppb::CreateAgencyRequest request;
    *request.mutable_agency() = agency;
    ppb::Agency created;
    RETURN_IF_ERROR(NewOrExisting(
        personnel->CreateAgency(cli::NewContext(admin_).get(), request, &created)));
  }
  // Periods and frameworks are declared only where they are not yet: each declaration makes
  // readiness recount the ministry's people, which a repeated run should not cost.
  for (const std::string& ministry : dataset_.ministry_codes()) {
    ASSIGN_OR_RETURN(const bool declared, DeclaresDevelopingPeriod(*personnel, admin_, ministry));
    if (declared) continue;
    ppb::SetAgencyPeriodRequest request;
    request.set_code(ministry);
    request.mutable_fiscal_year()->set_be_year(kFiscalYear);
    request.set_period(common::v1::PERIOD_DEVELOPING);
    ppb::Agency agency;
    RETURN_IF_ERROR(FromGrpcStatus(
        personnel->SetAgencyPeriod(cli::NewContext(admin_).get(), request, &agency)));
  }

  auto assessment = apb::AssessmentService::NewStub(channel_);
  std::ostringstream seeded;
  RETURN_IF_ERROR(cli::SeedFrameworks(*assessment, frameworks_dir, seeded, admin_));
  for (const std::string& ministry : dataset_.ministry_codes()) {
    ASSIGN_OR_RETURN(const bool chosen, ChoosesFramework(*assessment, admin_, ministry));
    if (chosen) continue;
    apb::SetAgencyFrameworkRequest request;
    request.set_agency_code(ministry);
    request.set_framework_code(kFrameworkCode);
    DayToProto(kFrameworkFrom, request.mutable_effective_from());
    apb::AgencyFramework framework;
    RETURN_IF_ERROR(FromGrpcStatus(
        assessment->SetAgencyFramework(cli::NewContext(admin_).get(), request, &framework)));
  }
  apb::GetFrameworkRequest get;
  get.set_code(kFrameworkCode);
  apb::Framework framework;
  RETURN_IF_ERROR(
      FromGrpcStatus(assessment->GetFramework(cli::NewContext(admin_).get(), get, &framework)));
  skill_set_codes_.clear();
  for (const apb::SkillSet& s : framework.skill_sets()) skill_set_codes_.push_back(s.code());

  auto learning = lpb::LearningService::NewStub(channel_);
  lpb::Institute institute;
  RETURN_IF_ERROR(FromGrpcStatus(
      learning->UpsertInstitute(cli::NewContext(admin_).get(), dataset_.Institute(), &institute)));
  for (const lpb::Course& course : dataset_.Courses(skill_set_codes_)) {
    lpb::Course stored;
    RETURN_IF_ERROR(
        FromGrpcStatus(learning->UpsertCourse(cli::NewContext(admin_).get(), course, &stored)));
  }
  auto access = xpb::AccessService::NewStub(channel_);
  xpb::CreateTokenRequest token;
  token.mutable_token()->set_role(xpb::ROLE_TRAINING_INSTITUTE);
  token.mutable_token()->set_institute_code(kInstituteCode);
  token.mutable_token()->set_description("benchmark: completions of the institute");
  token.set_valid_days(1);
  xpb::CreateTokenResponse created;
  RETURN_IF_ERROR(
      FromGrpcStatus(access->CreateToken(cli::NewContext(admin_).get(), token, &created)));
  institute_ = admin_;
  institute_.token = created.token();
  return absl::OkStatus();
}

template <typename Record, typename Result>
absl::StatusOr<Figure> Loader::LoadInStreams(
    const std::string& name, int64_t expected, const cli::CallOptions& caller,
    const std::function<std::unique_ptr<grpc::ClientReaderWriter<Record, Result>>(
        grpc::ClientContext*)>& open,
    const std::function<std::vector<Record>(int64_t index)>& per_person,
    const std::function<std::string(const Result&)>& outcome_of,
    const std::function<void(int64_t index, const Result&)>& on_result) {
  const int64_t people = dataset_.scale().people;
  const int streams = std::max(1, options_.streams);
  absl::Mutex mutex;
  std::map<std::string, int64_t> outcomes;
  std::atomic<int64_t> answered{0};
  absl::Status error;
  Figure figure;
  {
    ProgressLine progress(options_.progress, name, expected, answered);
    figure = RunStreams(name, streams, [&](int s, Latencies& acks) -> absl::Status {
      const int64_t first = people * s / streams;
      const int64_t end = people * (s + 1) / streams;
      int64_t next_person = first;
      std::deque<Record> pending;
      auto more = [&] {
        while (pending.empty() && next_person < end) {
          for (Record& r : per_person(next_person++)) pending.push_back(std::move(r));
        }
        return !pending.empty();
      };
      auto make = [&](int64_t) {
        Record record = std::move(pending.front());
        pending.pop_front();
        return record;
      };
      std::map<std::string, int64_t> counted;
      std::unique_ptr<grpc::ClientContext> context = cli::NewContext(caller);
      context->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(24));
      auto stream = open(context.get());
      const grpc::Status status = StreamRecords<Record, Result>(
          *stream, INT64_MAX, make,
          [&](const Result& result, absl::Duration ack) {
            ++counted[outcome_of(result)];
            acks.Add(ack);
            ++answered;
            if (on_result) on_result(first + result.index(), result);
          },
          more);
      absl::MutexLock lock(&mutex);
      for (const auto& [outcome, n] : counted) outcomes[outcome] += n;
      return FromGrpcStatus(status);
    }, &error);
  }
  RETURN_IF_ERROR(error);
  for (const auto& [outcome, n] : outcomes) {
    absl::StrAppend(&figure.note, figure.note.empty() ? "" : ", ", outcome, " ", n);
    if (outcome == "REJECTED" || outcome == "CONFLICT") figure.errors += n;
  }
  return figure;
}

absl::StatusOr<Figure> Loader::LoadPeople() {
  auto stub = ppb::PersonnelService::NewStub(channel_);
  person_ids_.assign(static_cast<size_t>(dataset_.scale().people), 0);
  return LoadInStreams<ppb::PersonRecord, ppb::BulkUpsertResult>(
      kPeopleSync, dataset_.scale().people, admin_,
      [&](grpc::ClientContext* context) { return stub->BulkUpsertPeople(context); },
      [&](int64_t index) { return std::vector<ppb::PersonRecord>{dataset_.Person(index)}; },
      [](const ppb::BulkUpsertResult& r) {
        return ppb::UpsertOutcome_Name(r.outcome()).substr(std::string("UPSERT_OUTCOME_").size());
      },
      [&](int64_t index, const ppb::BulkUpsertResult& r) {
        person_ids_[static_cast<size_t>(index)] = r.person_id();
      });
}

absl::StatusOr<Figure> Loader::LoadAssessments() {
  auto stub = apb::AssessmentService::NewStub(channel_);
  return LoadInStreams<apb::AssessmentRecord, apb::BulkAssessmentResult>(
      kAssessmentsBulk, dataset_.scale().people * 2, admin_,
      [&](grpc::ClientContext* context) { return stub->BulkRecordAssessments(context); },
      [&](int64_t index) {
        return dataset_.Assessments(index, person_ids_[static_cast<size_t>(index)],
                                    skill_set_codes_);
      },
      [](const apb::BulkAssessmentResult& r) {
        return apb::RecordOutcome_Name(r.outcome()).substr(std::string("RECORD_OUTCOME_").size());
      },
      nullptr);
}

absl::StatusOr<Figure> Loader::LoadCompletions() {
  auto stub = lpb::LearningService::NewStub(channel_);
  return LoadInStreams<lpb::CompletionRecord, lpb::CompletionResult>(
      "completions", dataset_.scale().people * 3, institute_,
      [&](grpc::ClientContext* context) { return stub->RecordCompletions(context); },
      [&](int64_t index) {
        return dataset_.Completions(index, person_ids_[static_cast<size_t>(index)]);
      },
      [](const lpb::CompletionResult& r) {
        return lpb::CompletionOutcome_Name(r.outcome())
            .substr(std::string("COMPLETION_OUTCOME_").size());
      },
      nullptr);
}

absl::StatusOr<Figure> Loader::LoadPlans() {
  auto stub = lpb::LearningService::NewStub(channel_);
  ASSIGN_OR_RETURN(
      Figure figure,
      (LoadInStreams<lpb::PlanRecord, lpb::BulkPlanResult>(
          kPlanLoad, dataset_.scale().people, admin_,
          [&](grpc::ClientContext* context) { return stub->BulkUpsertPlans(context); },
          [&](int64_t index) {
            lpb::PlanRecord plan;
            plan.set_person_id(person_ids_[static_cast<size_t>(index)]);
            plan.set_external_id(absl::StrCat("bench-plan-", plan.person_id()));
            plan.mutable_fiscal_year()->set_be_year(kFiscalYear);
            for (lpb::PlanItem& item : dataset_.PlanItems(index, skill_set_codes_)) {
              *plan.add_items() = std::move(item);
            }
            return std::vector<lpb::PlanRecord>{std::move(plan)};
          },
          [](const lpb::BulkPlanResult& r) {
            return lpb::PlanImportOutcome_Name(r.outcome())
                .substr(std::string("PLAN_IMPORT_OUTCOME_").size());
          },
          nullptr)));
  figure.unit = "plans";
  absl::StrAppend(&figure.note, " (BulkUpsertPlans, ", kPlanItems, " items each)");
  return figure;
}

}  // namespace thaksa::loadgen
