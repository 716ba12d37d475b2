// Property tests, randomised but seeded (each seed is a test, so a failure names its seed and
// replays the same way): after any sequence of people joining, moving, changing group, going on
// leave and leaving, assessments (superseding others, expiring), declared periods, framework
// choices, agencies moving and days passing, the readiness figures equal a recount from
// scratch; a people sync split into streams any way stores what row-by-row upserts store; and
// replays change nothing.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/thai_calendar.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/loadgen/recount.h"

namespace thaksa {
namespace {

namespace apb = ::thaksa::assessment::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace rpb = ::thaksa::readiness::v1;
using cli::NewContext;

const std::vector<std::string> kAgencyCodes = {"MDES", "TMD", "TMD-IT", "TMD-FC", "NSO"};
// The skill sets of both shipped framework versions.
const std::vector<std::string> kSkillSets = {"LITERACY",   "GOVERNANCE",      "LEADERSHIP",
                                             "TECHNOLOGY", "PROCESS_SERVICE", "SERVICE"};

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  // A whole number in [low, high].
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  bool OneIn(int n) { return Between(1, n) == 1; }
  template <typename T>
  const T& Of(const std::vector<T>& values) {
    return values[Between(0, static_cast<int>(values.size()) - 1)];
  }

 private:
  std::mt19937 engine_;
};

common::v1::Date DateOfDay(absl::CivilDay day) {
  return testing::DateOf(static_cast<int>(day.year()), day.month(), day.day());
}

class ReadinessPropertiesE2eTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  ReadinessPropertiesE2eTest()
      : server_(testing::FreshDatabase()),
        personnel_(ppb::PersonnelService::NewStub(server_.channel())),
        assessment_(apb::AssessmentService::NewStub(server_.channel())),
        readiness_(rpb::ReadinessService::NewStub(server_.channel())),
        random_(GetParam()) {}

  void SetUp() override { testing::SetUpProgramme(server_, testing::kMinistryWithDivisions); }

  absl::CivilDay Today() { return ThaiDate(server_.clock().Now()); }
  // A day in the year before today (the framework applies from 1 October 2025).
  absl::CivilDay RecentDay() {
    return std::max(absl::CivilDay(2025, 10, 1), Today() - random_.Between(0, 400));
  }

  // One change drawn at random; what it did goes to log_ (refusals too: they change nothing).
  void RandomChange() {
    grpc::Status status;
    std::string what;
    switch (random_.Between(0, 9)) {
      case 0: case 1: case 2: {  // someone joins, moves, changes group, goes on leave or leaves
        ppb::UpsertPersonRequest request;
        const int n = random_.Between(1, 24);
        ppb::PersonRecord& person = *request.mutable_person();
        person = testing::PersonRecordOf(n, "MDES", random_.Of(kAgencyCodes));
        person.set_personnel_group(
            static_cast<common::v1::PersonnelGroup>(random_.Between(1, 6)));
        person.set_status(random_.OneIn(8)   ? ppb::EMPLOYMENT_STATUS_LEFT
                          : random_.OneIn(8) ? ppb::EMPLOYMENT_STATUS_ON_LEAVE
                                             : ppb::EMPLOYMENT_STATUS_ACTIVE);
        *person.mutable_effective_from() = DateOfDay(RecentDay());
        // E2 reports to E1, so that a further group of someone reporting to E2 is approved by
        // E1 (refused while E1 or E2 is not yet there, or has left the chain).
        if (n == 2) person.set_supervisor_employee_number("E1");
        if (n > 2 && random_.OneIn(5)) {
          person.set_supervisor_employee_number("E2");
          ppb::SecondaryGroup* secondary = person.add_secondary_groups();
          secondary->set_group(person.personnel_group() == common::v1::PERSONNEL_GROUP_ACADEMIC
                                   ? common::v1::PERSONNEL_GROUP_SERVICE
                                   : common::v1::PERSONNEL_GROUP_ACADEMIC);
          secondary->set_approved_by("E1");
          *secondary->mutable_approved_on() = DateOfDay(RecentDay());
        }
        ppb::UpsertPersonResponse response;
        status = personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response);
        if (status.ok() && std::find(people_.begin(), people_.end(), response.person().id()) ==
                               people_.end()) {
          people_.push_back(response.person().id());
        }
        what = absl::StrCat("person ", n, " ", person.agency_code(), " group ",
                            person.personnel_group(), " status ", person.status(), " from ",
                            person.effective_from().ShortDebugString());
        break;
      }
      case 3: case 4: case 5: {  // an assessment, perhaps superseding one, perhaps expiring
        if (people_.empty()) return;
        apb::RecordAssessmentRequest request;
        apb::AssessmentRecord& record = *request.mutable_assessment();
        record = testing::AssessmentRecordOf(
            random_.Of(people_), random_.Of(kSkillSets), random_.Between(0, 4),
            static_cast<apb::AssessmentSource>(random_.Between(1, 4)), DateOfDay(RecentDay()));
        if (random_.OneIn(3)) {
          *record.mutable_valid_until() = DateOfDay(Today() + random_.Between(-3, 6));
        }
        if (!assessments_.empty() && random_.OneIn(4)) {
          record.set_supersedes_id(random_.Of(assessments_));
          record.set_supersede_reason("ประเมินใหม่");
        }
        apb::RecordAssessmentResponse response;
        status =
            assessment_->RecordAssessment(NewContext(server_.admin()).get(), request, &response);
        if (status.ok()) assessments_.push_back(response.assessment().id());
        what = absl::StrCat("assessment ", record.ShortDebugString());
        break;
      }
      case 6: {  // a period declared
        ppb::SetAgencyPeriodRequest request;
        request.set_code(random_.Of(kAgencyCodes));
        request.mutable_fiscal_year()->set_be_year(2570);
        request.set_period(static_cast<common::v1::Period>(random_.Between(1, 3)));
        ppb::Agency agency;
        status = personnel_->SetAgencyPeriod(NewContext(server_.admin()).get(), request, &agency);
        what = absl::StrCat("period ", request.ShortDebugString());
        break;
      }
      case 7: {  // a framework chosen
        apb::SetAgencyFrameworkRequest request;
        request.set_agency_code(random_.Of(kAgencyCodes));
        request.set_framework_code(random_.OneIn(2) ? "CS-2018" : "TPQI-2024");
        *request.mutable_effective_from() = DateOfDay(RecentDay());
        apb::AgencyFramework chosen;
        status =
            assessment_->SetAgencyFramework(NewContext(server_.admin()).get(), request, &chosen);
        what = absl::StrCat("framework ", request.ShortDebugString());
        break;
      }
      case 8: {  // a division moved to another department
        ppb::GetAgencyRequest get;
        get.set_code(random_.OneIn(2) ? "TMD-IT" : "TMD-FC");
        ppb::Agency division;
        ASSERT_TRUE(personnel_->GetAgency(NewContext(server_.admin()).get(), get, &division).ok());
        ppb::UpdateAgencyRequest move;
        *move.mutable_agency() = division;
        move.mutable_agency()->set_parent_code(random_.OneIn(2) ? "TMD" : "NSO");
        move.set_expected_version(division.version());
        ppb::Agency moved;
        status = personnel_->UpdateAgency(NewContext(server_.admin()).get(), move, &moved);
        what = absl::StrCat("move ", division.code(), " under ", move.agency().parent_code());
        break;
      }
      case 9: {  // days pass
        const int days = random_.Between(1, 3);
        server_.clock().Set(server_.clock().Now() + absl::Hours(24 * days));
        what = absl::StrCat(days, " days pass");
        break;
      }
    }
    log_.push_back(absl::StrCat(what, status.ok() ? "" : " — refused: ", status.error_message()));
    if (status.ok()) ++accepted_;
    EXPECT_NE(status.error_code(), grpc::StatusCode::INTERNAL) << what;
    EXPECT_NE(status.error_code(), grpc::StatusCode::UNKNOWN) << what;
  }

  // The figures of every agency equal a recount once the refresher has taken every change in
  // (and its daily sweep the days that passed): polled for up to 20 seconds.
  void ExpectFiguresEqualARecount() {
    std::vector<std::string> differences;
    for (absl::Time until = absl::Now() + absl::Seconds(20); absl::Now() < until;) {
      rpb::GetReadinessRequest request;
      request.set_agency_code("MDES");
      rpb::Readiness mdes;
      ASSERT_TRUE(
          readiness_->GetReadiness(NewContext(server_.admin()).get(), request, &mdes).ok());
      if (mdes.pending_changes() == 0) {
        absl::StatusOr<loadgen::RecountOutcome> recount =
            loadgen::Recount(server_.channel(), server_.admin(), kAgencyCodes, 2, nullptr);
        ASSERT_TRUE(recount.ok()) << recount.status();
        differences = recount->differences;
        if (differences.empty()) return;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "seed " << GetParam() << ": the figures differ from a recount:\n"
                  << absl::StrJoin(differences, "\n") << "\nafter:\n"
                  << absl::StrJoin(log_, "\n");
  }

  testing::TestServer server_;
  std::unique_ptr<ppb::PersonnelService::Stub> personnel_;
  std::unique_ptr<apb::AssessmentService::Stub> assessment_;
  std::unique_ptr<rpb::ReadinessService::Stub> readiness_;
  Random random_;
  std::vector<int64_t> people_;
  std::vector<int64_t> assessments_;
  std::vector<std::string> log_;
  int accepted_ = 0;
};

TEST_P(ReadinessPropertiesE2eTest, FiguresEqualARecountAfterAnySequenceOfChanges) {
  for (int round = 0; round < 4; ++round) {
    for (int step = 0; step < 40; ++step) RandomChange();
    ExpectFiguresEqualARecount();
  }
  EXPECT_GE(accepted_, 60) << "too few changes were accepted to prove anything";
}

INSTANTIATE_TEST_SUITE_P(Seeds, ReadinessPropertiesE2eTest,
                         ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u));

// People records drawn at random: keys repeat (a later record of a key changes the person:
// agency, group, status, day), some records are invalid.
std::vector<ppb::PersonRecord> RandomPeople(Random& random, int count) {
  std::vector<ppb::PersonRecord> records;
  for (int i = 0; i < count; ++i) {
    ppb::PersonRecord record =
        testing::PersonRecordOf(random.Between(1, 40), "MDES", random.Of(kAgencyCodes));
    record.set_personnel_group(static_cast<common::v1::PersonnelGroup>(random.Between(1, 6)));
    record.set_status(random.OneIn(6) ? ppb::EMPLOYMENT_STATUS_LEFT
                                      : ppb::EMPLOYMENT_STATUS_ACTIVE);
    *record.mutable_effective_from() =
        DateOfDay(absl::CivilDay(2025, 10, 1) + random.Between(0, 400));
    if (random.OneIn(10)) record.set_citizen_id("1234");  // invalid: refused alone
    records.push_back(record);
  }
  return records;
}

// What a people sync leaves in the store, as text: people with their assignments and secondary
// groups, without ids or times.
std::vector<std::string> PeopleStored(ConnectionPool& pool) {
  return testing::QueryStrings(
      pool,
      "SELECT CONCAT_WS('|', p.employee_number, p.name_th, p.status, p.version, "
      "  (SELECT GROUP_CONCAT(CONCAT_WS(',', a.effective_from, a.effective_to, g.code, "
      "          a.personnel_group, a.position_title) ORDER BY a.effective_from SEPARATOR ';') "
      "   FROM person_assignment a JOIN agency g ON g.id = a.agency_id WHERE a.person_id = p.id),"
      "  (SELECT GROUP_CONCAT(s.personnel_group ORDER BY s.personnel_group) "
      "   FROM person_secondary_group s WHERE s.person_id = p.id)) "
      "FROM person p ORDER BY p.employee_number");
}

class PeopleSyncPropertiesE2eTest : public ::testing::TestWithParam<uint32_t> {};

// Sends `records` over streams of the sizes `split` gives, one after another.
void Sync(testing::TestServer& server, const std::vector<ppb::PersonRecord>& records,
          const std::vector<size_t>& split) {
  auto personnel = ppb::PersonnelService::NewStub(server.channel());
  size_t next = 0;
  for (size_t size : split) {
    auto context = NewContext(server.admin());
    auto stream = personnel->BulkUpsertPeople(context.get());
    for (size_t i = next; i < next + size && i < records.size(); ++i) stream->Write(records[i]);
    next += size;
    stream->WritesDone();
    ppb::BulkUpsertResult result;
    while (stream->Read(&result)) {
    }
    ASSERT_TRUE(stream->Finish().ok());
  }
}

TEST_P(PeopleSyncPropertiesE2eTest, AnySplitStoresWhatRowByRowDoesAndReplaysChangeNothing) {
  Random random(GetParam());
  const std::vector<ppb::PersonRecord> records = RandomPeople(random, 300);

  testing::TestServer row_by_row(testing::FreshDatabase("_rows"));
  testing::SetUpProgramme(row_by_row, testing::kMinistryWithDivisions);
  auto personnel = ppb::PersonnelService::NewStub(row_by_row.channel());
  for (const ppb::PersonRecord& record : records) {
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    ppb::UpsertPersonResponse response;
    personnel->UpsertPerson(NewContext(row_by_row.admin()).get(), request, &response);
  }
  const std::vector<std::string> expected = PeopleStored(row_by_row.pool());
  ASSERT_GT(expected.size(), 20u);

  // What a sender replays: each person's last record, which the store already holds.
  std::vector<ppb::PersonRecord> replay;
  for (size_t i = 0; i < records.size(); ++i) {
    const bool last = std::none_of(records.begin() + i + 1, records.end(), [&](const auto& later) {
      return later.employee_number() == records[i].employee_number();
    });
    if (last) replay.push_back(records[i]);
  }
  std::vector<size_t> split;
  for (size_t sent = 0; sent < records.size();) {
    split.push_back(random.Between(1, 120));
    sent += split.back();
  }
  for (const auto& [name, sizes] : std::vector<std::pair<std::string, std::vector<size_t>>>{
           {"_one", {records.size()}}, {"_split", split}}) {
    testing::TestServer server(testing::FreshDatabase(name));
    testing::SetUpProgramme(server, testing::kMinistryWithDivisions);
    Sync(server, records, sizes);
    EXPECT_EQ(PeopleStored(server.pool()), expected) << "seed " << GetParam() << name;
    Sync(server, replay, {replay.size()});
    EXPECT_EQ(PeopleStored(server.pool()), expected) << "a replay changed the store" << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, PeopleSyncPropertiesE2eTest, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace thaksa
