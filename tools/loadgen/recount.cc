#include "tools/loadgen/recount.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/loadgen/driver.h"

namespace thaksa::loadgen {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace rpb = ::thaksa::readiness::v1;

std::string CellName(const CellKey& key) {
  const std::string group = common::v1::PersonnelGroup_Name(std::get<0>(key));
  return absl::StrCat(group.substr(std::string("PERSONNEL_GROUP_").size()), " ",
                      std::get<1>(key), " ", std::get<2>(key));
}

// The people working in `agency` or below it today.
absl::StatusOr<std::vector<int64_t>> PeopleUnder(ppb::PersonnelService::Stub& personnel,
                                                 const cli::CallOptions& admin,
                                                 const std::string& agency) {
  std::vector<int64_t> ids;
  ppb::ListPeopleRequest request;
  request.set_agency_code(agency);
  request.set_page_size(1000);
  do {
    ppb::ListPeopleResponse page;
    RETURN_IF_ERROR(
        FromGrpcStatus(personnel.ListPeople(cli::NewContext(admin).get(), request, &page)));
    for (const ppb::Person& person : page.people()) ids.push_back(person.id());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return ids;
}

// The recount of `people`: a person whose profile cannot be made (no assignment or no
// framework today) counts nowhere, as in the read model.
absl::StatusOr<Tally> TallyOf(apb::AssessmentService::Stub& assessment,
                              const cli::CallOptions& admin, const std::vector<int64_t>& people,
                              int concurrency) {
  absl::Mutex mutex;
  Tally tally;
  DriveLimits limits;
  limits.duration = absl::Hours(24);
  limits.max_calls = static_cast<int64_t>(people.size());
  limits.concurrency = concurrency;
  const Figure calls = RunCalls("recount", limits, [&](int64_t n) -> absl::Status {
    apb::GetSkillProfileRequest request;
    request.set_person_id(people[static_cast<size_t>(n)]);
    request.set_include_further_groups(true);
    apb::SkillProfile profile;
    const grpc::Status status =
        assessment.GetSkillProfile(cli::NewContext(admin).get(), request, &profile);
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) return absl::OkStatus();
    RETURN_IF_ERROR(FromGrpcStatus(status));
    absl::MutexLock lock(&mutex);
    AddProfile(profile, tally);
    return absl::OkStatus();
  });
  if (calls.errors > 0) {
    return absl::UnavailableError(absl::StrCat("recount: ", calls.errors,
                                               " skill profiles could not be read; ", calls.note));
  }
  return tally;
}

}  // namespace

std::vector<std::string> SampleAgencies(const Dataset& dataset, uint64_t seed, int divisions,
                                        int ministries) {
  std::mt19937_64 random(seed);
  std::vector<std::string> sample;
  std::sample(dataset.unit_codes().begin(), dataset.unit_codes().end(), std::back_inserter(sample),
              divisions, random);
  std::sample(dataset.ministry_codes().begin(), dataset.ministry_codes().end(),
              std::back_inserter(sample), ministries, random);
  return sample;
}

void AddProfile(const apb::SkillProfile& profile, Tally& tally) {
  for (const apb::SkillStanding& s : profile.standings()) {
    readiness::Counts& cell = tally[CellKey{profile.personnel_group(), s.skill_set().code(),
                                            profile.framework_code()}];
    cell += readiness::ContributionOf({s.level(), s.present_target(), s.future_target(), s.gap(),
                                       static_cast<readiness::Status>(s.status())});
    cell.provisional = cell.provisional || profile.provisional();
  }
  for (const apb::SkillProfile& further : profile.further_groups()) AddProfile(further, tally);
}

std::vector<std::string> Differences(const std::string& agency, const Tally& recount,
                                     const rpb::Readiness& readiness) {
  Tally reported;
  for (const rpb::Cell& cell : readiness.cells()) {
    const rpb::Counts& c = cell.counts();
    readiness::Counts& counts =
        reported[CellKey{cell.personnel_group(), cell.skill_set_code(), cell.framework_code()}];
    counts.headcount = c.headcount();
    counts.assessed = c.assessed();
    counts.meets_present = c.meets_present();
    counts.meets_future = c.meets_future();
    counts.expired = c.expired();
    counts.target_not_declared = c.target_not_declared();
    counts.provisional = c.provisional();
    // The API gives the mean gap; the sum is what the recount adds up.
    counts.gap_sum = std::llround(c.average_gap() * static_cast<double>(counts.WithTarget()));
  }
  Tally keys = recount;
  keys.insert(reported.begin(), reported.end());
  std::vector<std::string> differences;
  for (const auto& entry : keys) {
    const CellKey& key = entry.first;
    auto side = [&key](const Tally& tally) {
      auto found = tally.find(key);
      return found == tally.end() ? readiness::Counts() : found->second;
    };
    const readiness::Counts mine = side(recount), theirs = side(reported);
    auto compare = [&](const char* figure, int64_t recounted, int64_t in_readiness) {
      if (recounted == in_readiness) return;
      differences.push_back(absl::StrFormat("%s %s: %s %d recounted, %d in readiness", agency,
                                            CellName(key), figure, recounted, in_readiness));
    };
    compare("headcount", mine.headcount, theirs.headcount);
    compare("assessed", mine.assessed, theirs.assessed);
    compare("meets_present", mine.meets_present, theirs.meets_present);
    compare("meets_future", mine.meets_future, theirs.meets_future);
    compare("expired", mine.expired, theirs.expired);
    compare("target_not_declared", mine.target_not_declared, theirs.target_not_declared);
    compare("gap sum", mine.gap_sum, theirs.gap_sum);
    if (recount.count(key) > 0 && reported.count(key) > 0) {
      compare("provisional", mine.provisional, theirs.provisional);
    }
  }
  return differences;
}

absl::StatusOr<RecountOutcome> Recount(const std::shared_ptr<grpc::Channel>& channel,
                                       const cli::CallOptions& admin,
                                       const std::vector<std::string>& agencies, int concurrency,
                                       std::ostream* progress) {
  auto personnel = ppb::PersonnelService::NewStub(channel);
  auto assessment = apb::AssessmentService::NewStub(channel);
  auto readiness = rpb::ReadinessService::NewStub(channel);
  RecountOutcome outcome;
  for (const std::string& agency : agencies) {
    ASSIGN_OR_RETURN(const std::vector<int64_t> people, PeopleUnder(*personnel, admin, agency));
    if (progress != nullptr) *progress << "  recounting " << agency << ": " << people.size() << " people\n";
    ASSIGN_OR_RETURN(const Tally tally, TallyOf(*assessment, admin, people, concurrency));
    rpb::GetReadinessRequest request;
    request.set_agency_code(agency);
    request.set_subtree(true);
    rpb::Readiness figures;
    RETURN_IF_ERROR(FromGrpcStatus(
        readiness->GetReadiness(cli::NewContext(admin).get(), request, &figures)));
    for (std::string& difference : Differences(agency, tally, figures)) {
      outcome.differences.push_back(std::move(difference));
    }
    ++outcome.agencies;
    outcome.people += static_cast<int64_t>(people.size());
  }
  return outcome;
}

}  // namespace thaksa::loadgen
