// Integration tests of recording assessments a batch at a time on MariaDB (AssessmentRecorder over
// MySqlAssessmentStore): a batch answers each record as recording it alone would, mixing replays,
// conflicts, refusals and new records; batches larger than one statement keep their order; two
// streams racing with the same records store each once; racing batches for the same people leave
// standings computed from all their assessments; the batch reads of people and agencies' frameworks
// give what the single reads give.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/citizen_id.h"
#include "common/db/connection_pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/assessment_recording.h"
#include "services/assessment/framework_lifecycle.h"
#include "services/assessment/store/mysql_assessment_store.h"
#include "services/assessment/units/mysql_unit_catalogue.h"
#include "services/learning/catalogue/mysql_catalogue.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/records.h"

namespace thaksa::assessment {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const absl::CivilDay kToday(2026, 11, 21);
const absl::CivilDay kHired(2025, 10, 1);

common::v1::Date DateOf(absl::CivilDay day) {
  return testing::DateOf(static_cast<int>(day.year()), day.month(), day.day());
}

// A result as the tests compare them: the outcome and, for a refusal, its code and fields.
std::string Answer(const RecordResult& result) {
  switch (result.outcome) {
    case RecordOutcome::kRecorded: return "RECORDED";
    case RecordOutcome::kUnchanged: return "UNCHANGED";
    case RecordOutcome::kRejected: break;
  }
  std::string answer = absl::StrCat("REJECTED ", absl::StatusCodeToString(result.rejection));
  for (const FieldViolation& v : result.errors) absl::StrAppend(&answer, " ", v.field);
  return answer;
}

class AssessmentBatchTest : public ::testing::Test {
 protected:
  AssessmentBatchTest()
      : pool_(testing::FreshDatabase()),
        personnel_(pool_),
        store_(pool_),
        catalogue_(pool_),
        units_(pool_) {}

  void SetUp() override {
    for (auto [code, parent] : {std::pair{"MDES", ""}, std::pair{"TMD", "MDES"},
                                std::pair{"TMD-IT", "TMD"}, std::pair{"NSO", "MDES"}}) {
      personnel::Agency agency;
      agency.code = code;
      agency.name_th = absl::StrCat("หน่วยงาน ", code);
      agency.parent_code = parent;
      agency.kind = personnel::AgencyKind::kDepartment;
      agency.officer = {absl::StrCat("หัวหน้า ", code), "", personnel::AccountableRole::kHead, ""};
      ASSERT_TRUE(personnel_.CreateAgency(agency, audit_).ok());
    }
    for (const char* code : {"CS", "NEW"}) {
      ASSERT_TRUE(CreateDraftFramework(
                      store_, testing::FrameworkOf(code, {"LITERACY", "GOVERNANCE"}, {}, 4), audit_)
                      .ok());
      ASSERT_TRUE(ChangeFrameworkStatus(store_, code, FrameworkStatus::kPublished, audit_).ok());
    }
    ASSERT_TRUE(store_.SetAgencyFramework("MDES", "CS", kHired, audit_).ok());
  }

  // People n in [first, first + count), employee "E<n>", working in `agency` from `from`.
  std::vector<int64_t> Hire(int first, int count, const std::string& agency,
                            absl::CivilDay from = kHired) {
    std::vector<personnel::PersonUpsert> rows;
    for (int n = first; n < first + count; ++n) {
      personnel::PersonUpsert& row = rows.emplace_back();
      row.record.agency_of_record_code = "TMD";
      row.record.employee_number = absl::StrCat("E", n);
      row.record.name_th = absl::StrCat("พนักงาน ", n);
      row.record.agency_code = agency;
      row.record.position_title = "นักวิชาการคอมพิวเตอร์";
      row.record.grade = "ชำนาญการ";
      row.record.group = personnel::PersonnelGroup::kTechnology;
      row.citizen_id_hash = hasher_.Hash(testing::CitizenId(n));
      row.citizen_id_masked = MaskCitizenId(testing::CitizenId(n));
      row.effective_from = from;
    }
    absl::StatusOr<std::vector<personnel::UpsertResult>> results =
        personnel_.UpsertPeople(rows, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    std::vector<int64_t> ids;
    if (results.ok()) {
      for (const personnel::UpsertResult& r : *results) ids.push_back(r.person_id);
    }
    return ids;
  }

  static v1::AssessmentRecord Record(int64_t person, const std::string& skill_set, int level,
                                     v1::AssessmentSource source, absl::CivilDay on,
                                     const std::string& external_id = "") {
    v1::AssessmentRecord record =
        testing::AssessmentRecordOf(person, skill_set, level, source, DateOf(on));
    record.set_framework_code("CS");
    record.set_external_id(external_id);
    return record;
  }

  std::vector<RecordResult> RecordAll(const std::vector<v1::AssessmentRecord>& records,
                                      const Principal& principal) {
    AssessmentRecorder recorder(store_, catalogue_, units_, principal, kToday);
    absl::StatusOr<std::vector<RecordResult>> results = recorder.RecordAll(records, audit_);
    EXPECT_TRUE(results.ok()) << results.status();
    return results.value_or(std::vector<RecordResult>(records.size()));
  }
  std::vector<RecordResult> RecordAll(const std::vector<v1::AssessmentRecord>& records) {
    Principal admin;
    admin.role = Role::kAdmin;
    return RecordAll(records, admin);
  }

  // The counted level of the person's skill set of CS as person_standing keeps it; -1 if none.
  int64_t Standing(int64_t person, const std::string& skill_set) {
    return testing::QueryInt(
        pool_, absl::StrCat("SELECT COALESCE((SELECT s.level FROM person_standing s JOIN"
                            " framework f ON f.id = s.framework_id WHERE f.code = 'CS' AND"
                            " s.person_id = ", person, " AND s.skill_set_code = '", skill_set,
                            "'), -1)"));
  }

  int64_t Count(const std::string& table, const std::string& where = "1") {
    return testing::QueryInt(pool_, absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE ", where));
  }

  ConnectionPool pool_;
  personnel::MySqlPersonnelStore personnel_;
  MySqlAssessmentStore store_;
  learning::MySqlCatalogue catalogue_;
  MySqlUnitCatalogue units_;
  CitizenIdHasher hasher_{"test-key-0123456789"};
  AuditCall audit_{0, Role::kAdmin, "/test", "request-1", absl::FromUnixSeconds(1790000000)};
};

// `characters` Thai characters (three bytes each).
std::string Thai(int characters) {
  std::string text;
  for (int i = 0; i < characters; ++i) text += "ก";
  return text;
}

// A mix of every answer a batch can give, for people p[0..3]. `earlier` are the ids of the
// assessments of Prior, for the supersessions.
std::vector<v1::AssessmentRecord> Mixed(const std::vector<int64_t>& p,
                                        const std::vector<int64_t>& earlier) {
  const absl::CivilDay may(2026, 5, 1), june(2026, 6, 1);
  auto record = [](int64_t person, const std::string& skill_set, int level,
                   v1::AssessmentSource source, absl::CivilDay on, const std::string& id = "") {
    v1::AssessmentRecord r = testing::AssessmentRecordOf(person, skill_set, level, source,
                                                         DateOf(on));
    r.set_framework_code("CS");
    r.set_external_id(id);
    return r;
  };
  const auto self = v1::ASSESSMENT_SOURCE_SELF, boss = v1::ASSESSMENT_SOURCE_SUPERVISOR;
  std::vector<v1::AssessmentRecord> batch;
  batch.push_back(record(p[0], "LITERACY", 2, boss, may, "a"));          // replay
  batch.push_back(record(p[0], "GOVERNANCE", 3, boss, may, "b"));        // conflict with b
  batch.push_back(record(p[1], "LITERACY", 3, boss, june, "c"));         // new
  batch.push_back(record(p[1], "LITERACY", 3, boss, june, "c"));         // c again: same
  batch.push_back(record(p[1], "LITERACY", 1, boss, june, "c"));         // c again: other
  batch.push_back(record(p[1], "LITERACY", 9, boss, june, "d"));         // off the scale
  batch.push_back(record(p[1], "COOKING", 1, boss, june, "e"));          // no such skill set
  batch.push_back(record(987654321, "LITERACY", 1, boss, june, "f"));    // no such person
  batch.push_back(record(p[2], "LITERACY", 1, boss, absl::CivilDay(2027, 1, 1)));  // future
  v1::AssessmentRecord correction = record(p[0], "LITERACY", 1, boss, june);
  correction.set_supersedes_id(earlier[0]);
  correction.set_supersede_reason("แก้ไขผลการประเมิน");
  batch.push_back(correction);                                            // supersedes a
  batch.push_back(correction);                                            // a again: refused
  v1::AssessmentRecord elsewhere = correction;
  elsewhere.set_person_id(p[1]);
  batch.push_back(elsewhere);                                             // not p[1]'s
  v1::AssessmentRecord unnamed = record(p[2], "GOVERNANCE", 2, self, june, "g");
  unnamed.clear_framework_code();                                         // the agency's: CS
  batch.push_back(unnamed);
  batch.push_back(record(p[3], "LITERACY", 1, self, may));                // no external id
  batch.push_back(record(p[3], "LITERACY", 1, self, may));                // the same, again
  batch.push_back(record(p[3], "LITERACY", 3, boss, may, "h"));           // outranks self
  v1::AssessmentRecord thai = record(p[3], "GOVERNANCE", 2, self, june, Thai(126));
  thai.set_instrument(Thai(255));                                         // at the limits
  batch.push_back(thai);
  return batch;
}

TEST_F(AssessmentBatchTest, ABatchAnswersEachRecordAsRecordingItAloneWould) {
  const std::vector<int64_t> alone = Hire(1, 4, "TMD-IT");
  const std::vector<int64_t> together = Hire(11, 4, "TMD-IT");
  auto prior = [&](const std::vector<int64_t>& p, const std::string& prefix) {
    std::vector<v1::AssessmentRecord> records = {
        Record(p[0], "LITERACY", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 5, 1),
               prefix + "a"),
        Record(p[0], "GOVERNANCE", 2, v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 5, 1),
               prefix + "b")};
    std::vector<int64_t> ids;
    for (const RecordResult& r : RecordAll(records)) ids.push_back(r.assessment_id);
    return ids;
  };
  auto with_prefix = [](std::vector<v1::AssessmentRecord> records, const std::string& prefix) {
    for (v1::AssessmentRecord& r : records) {
      if (!r.external_id().empty()) r.set_external_id(prefix + r.external_id());
    }
    return records;
  };

  const std::vector<v1::AssessmentRecord> one_by_one =
      with_prefix(Mixed(alone, prior(alone, "1-")), "1-");
  std::vector<std::string> answers_alone;
  for (const v1::AssessmentRecord& record : one_by_one) {
    answers_alone.push_back(Answer(RecordAll({record}).front()));
  }
  const std::vector<v1::AssessmentRecord> batch =
      with_prefix(Mixed(together, prior(together, "2-")), "2-");
  const int64_t before = Count("assessment");
  const std::vector<RecordResult> results = RecordAll(batch);
  std::vector<std::string> answers;
  for (const RecordResult& r : results) answers.push_back(Answer(r));

  EXPECT_EQ(answers, answers_alone);
  EXPECT_THAT(answers,
              ElementsAre("UNCHANGED", "REJECTED ALREADY_EXISTS external_id", "RECORDED",
                          "UNCHANGED", "REJECTED ALREADY_EXISTS external_id",
                          "REJECTED INVALID_ARGUMENT level",
                          "REJECTED INVALID_ARGUMENT skill_set_code",
                          "REJECTED INVALID_ARGUMENT person_id",
                          "REJECTED INVALID_ARGUMENT assessed_on", "RECORDED",
                          "REJECTED FAILED_PRECONDITION supersedes_id",
                          "REJECTED INVALID_ARGUMENT supersedes_id", "RECORDED", "RECORDED",
                          "RECORDED", "RECORDED", "RECORDED"));
  EXPECT_EQ(results[3].assessment_id, results[2].assessment_id) << "the repeat is the first";
  EXPECT_EQ(Count("assessment") - before, 7);
  // Each id is the row of its record, in order.
  for (size_t i = 0; i < batch.size(); ++i) {
    if (results[i].outcome != RecordOutcome::kRecorded) continue;
    EXPECT_EQ(Count("assessment", absl::StrCat("id = ", results[i].assessment_id,
                                               " AND person_id = ", batch[i].person_id(),
                                               " AND level = ", batch[i].level(),
                                               " AND skill_set_code = '",
                                               batch[i].skill_set_code(), "'")),
              1)
        << "record " << i;
  }
  EXPECT_EQ(Count("assessment", absl::StrCat("superseded_by_id = ", results[9].assessment_id)), 1);
  // The standings are the same as recorded one by one.
  for (size_t k = 0; k < together.size(); ++k) {
    for (const char* skill_set : {"LITERACY", "GOVERNANCE"}) {
      EXPECT_EQ(Standing(together[k], skill_set), Standing(alone[k], skill_set))
          << "person " << k << " " << skill_set;
    }
  }
  EXPECT_EQ(Standing(together[0], "LITERACY"), 1) << "the correction counts";
  EXPECT_EQ(Standing(together[3], "LITERACY"), 3) << "the supervisor outranks the self";
  // One change per standing touched, one audit event per new assessment.
  EXPECT_EQ(Count("change_log", "kind = 'standing'"), 2 * 2 + 7 + 5)
      << "prior: 2 each; alone: one per new assessment; the batch: one per standing";
  EXPECT_EQ(Count("audit_event", "entity_type = 'assessment' AND outcome = 'OK'"),
            2 * 2 + 7 + 7);
}

TEST_F(AssessmentBatchTest, BatchesLargerThanOneStatementKeepTheirOrder) {
  const std::vector<int64_t> people = Hire(1, 600, "TMD-IT");
  std::vector<v1::AssessmentRecord> batch;
  for (size_t k = 0; k < people.size(); ++k) {
    batch.push_back(Record(people[k], "LITERACY", static_cast<int>(k % 5),
                           v1::ASSESSMENT_SOURCE_SELF, absl::CivilDay(2026, 3, 1),
                           absl::StrCat("big-", k)));
    batch.push_back(Record(people[k], "GOVERNANCE", static_cast<int>((k + 1) % 5),
                           v1::ASSESSMENT_SOURCE_SUPERVISOR, absl::CivilDay(2026, 3, 2)));
  }
  const std::vector<RecordResult> results = RecordAll(batch);
  ASSERT_EQ(results.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    ASSERT_EQ(results[i].outcome, RecordOutcome::kRecorded) << i;
    if (i > 0) {
      EXPECT_GT(results[i].assessment_id, results[i - 1].assessment_id);
    }
  }
  EXPECT_EQ(Count("assessment", "(skill_set_code = 'LITERACY' AND level = (person_id - " +
                                    absl::StrCat(people[0]) + ") % 5) OR (skill_set_code ="
                                    " 'GOVERNANCE' AND level = (person_id - " +
                                    absl::StrCat(people[0]) + " + 1) % 5)"),
            1200);
  EXPECT_EQ(Count("person_standing"), 1200);
  EXPECT_EQ(Standing(people[7], "GOVERNANCE"), 3);
  // Replayed: the records with external ids are UNCHANGED, the others new again.
  const std::vector<RecordResult> replay = RecordAll(batch);
  for (size_t i = 0; i < batch.size(); i += 2) {
    EXPECT_EQ(replay[i].outcome, RecordOutcome::kUnchanged) << i;
    EXPECT_EQ(replay[i].assessment_id, results[i].assessment_id) << i;
    EXPECT_EQ(replay[i + 1].outcome, RecordOutcome::kRecorded) << i + 1;
  }
  EXPECT_EQ(Count("assessment"), 1800);
}

TEST_F(AssessmentBatchTest, TwoStreamsRacingWithTheSameRecordsStoreEachOnce) {
  const std::vector<int64_t> people = Hire(1, 100, "TMD-IT");
  for (int round = 0; round < 5; ++round) {
    std::vector<v1::AssessmentRecord> batch;
    for (int64_t person : people) {
      for (const char* skill_set : {"LITERACY", "GOVERNANCE"}) {
        batch.push_back(Record(person, skill_set, round % 5, v1::ASSESSMENT_SOURCE_SUPERVISOR,
                               absl::CivilDay(2026, 4, 1 + round),
                               absl::StrCat("race-", round, "-", person, "-", skill_set)));
      }
    }
    std::vector<RecordResult> first, second;
    std::thread one([&] { first = RecordAll(batch); });
    std::thread two([&] { second = RecordAll(batch); });
    one.join();
    two.join();
    ASSERT_EQ(first.size(), batch.size());
    ASSERT_EQ(second.size(), batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      EXPECT_THAT((std::vector<std::string>{Answer(first[i]), Answer(second[i])}),
                  UnorderedElementsAre("RECORDED", "UNCHANGED"))
          << "round " << round << " record " << i;
      EXPECT_EQ(first[i].assessment_id, second[i].assessment_id);
    }
    EXPECT_EQ(Count("assessment", absl::StrCat("external_key LIKE 'admin:race-", round, "-%'")),
              static_cast<int64_t>(batch.size()));
  }
  EXPECT_EQ(Count("person_standing"), 200);
  EXPECT_EQ(Standing(people[0], "LITERACY"), 4) << "the latest supervisor assessment";
}

TEST_F(AssessmentBatchTest, RacingBatchesForThePeopleLeaveStandingsOfAllTheirAssessments) {
  const std::vector<int64_t> people = Hire(1, 50, "TMD-IT");
  for (int round = 0; round < 5; ++round) {
    // One caller records what the supervisors assessed, the other the people themselves, later
    // and higher: whichever commits last, the supervisor's level counts.
    std::vector<v1::AssessmentRecord> by_supervisors, by_themselves;
    for (int64_t person : people) {
      by_supervisors.push_back(Record(person, "LITERACY", 1 + round % 3,
                                      v1::ASSESSMENT_SOURCE_SUPERVISOR,
                                      absl::CivilDay(2026, 1, 1 + round)));
      by_themselves.push_back(Record(person, "LITERACY", 4, v1::ASSESSMENT_SOURCE_SELF,
                                     absl::CivilDay(2026, 2, 1 + round)));
    }
    std::thread one([&] { RecordAll(by_supervisors); });
    std::thread two([&] { RecordAll(by_themselves); });
    one.join();
    two.join();
    for (int64_t person : people) {
      ASSERT_EQ(Standing(person, "LITERACY"), 1 + round % 3) << "round " << round;
    }
  }
  EXPECT_EQ(Count("assessment"), 500);
}

TEST_F(AssessmentBatchTest, TheBatchReadsOfPeopleAndFrameworksGiveWhatTheSingleReadsGive) {
  const std::vector<int64_t> old_hands = Hire(1, 3, "TMD-IT");
  const std::vector<int64_t> newcomers = Hire(10, 2, "NSO", absl::CivilDay(2026, 7, 1));
  using PeriodDeclared = personnel::Period;
  ASSERT_TRUE(personnel_.SetAgencyPeriod("MDES", 2569, PeriodDeclared::kDeveloping, audit_).ok());
  ASSERT_TRUE(personnel_.SetAgencyPeriod("TMD", 2570, PeriodDeclared::kMaturing, audit_).ok());
  ASSERT_TRUE(store_.SetAgencyFramework("TMD", "NEW", absl::CivilDay(2026, 6, 1), audit_).ok());
  ASSERT_TRUE(store_.SetAgencyFramework("MDES", "NEW", absl::CivilDay(2026, 9, 1), audit_).ok());
  std::vector<PersonDay> people;
  std::vector<AgencyDay> agencies;
  for (absl::CivilDay day : {absl::CivilDay(2025, 9, 30), absl::CivilDay(2026, 5, 31),
                             absl::CivilDay(2026, 6, 1), absl::CivilDay(2026, 7, 1), kToday}) {
    for (int64_t person : old_hands) people.push_back({person, day});
    for (int64_t person : newcomers) people.push_back({person, day});
    people.push_back({987654321, day});
    for (const char* agency : {"MDES", "TMD", "TMD-IT", "NSO", "NOWHERE"}) {
      agencies.push_back({agency, day});
    }
  }
  absl::StatusOr<std::map<PersonDay, PersonContext>> contexts = store_.PersonContextsOnDays(people);
  ASSERT_TRUE(contexts.ok()) << contexts.status();
  for (const PersonDay& wanted : people) {
    absl::StatusOr<PersonContext> alone = store_.PersonContextOn(wanted.first, wanted.second);
    auto found = contexts->find(wanted);
    ASSERT_EQ(found != contexts->end(), alone.ok()) << wanted.first << " " << wanted.second;
    if (!alone.ok()) continue;
    EXPECT_EQ(found->second.agency_code, alone->agency_code);
    EXPECT_EQ(found->second.agency_path, alone->agency_path);
    EXPECT_EQ(found->second.record_agency_path, alone->record_agency_path);
    EXPECT_EQ(found->second.group, alone->group);
    EXPECT_EQ(found->second.period, alone->period);
  }
  EXPECT_EQ(contexts->at({newcomers[0], absl::CivilDay(2026, 6, 1)}).agency_code, "");
  EXPECT_EQ(contexts->at({newcomers[0], absl::CivilDay(2026, 7, 1)}).agency_code, "NSO");
  EXPECT_EQ(contexts->at({old_hands[0], absl::CivilDay(2026, 7, 1)}).period, Period::kDeveloping);
  EXPECT_EQ(contexts->at({old_hands[0], kToday}).period, Period::kMaturing) << "TMD's, FY2570";
  EXPECT_EQ(contexts->at({newcomers[0], kToday}).period, Period::kDeveloping) << "MDES's";

  absl::StatusOr<std::map<AgencyDay, std::string>> followed = store_.FrameworksFollowed(agencies);
  ASSERT_TRUE(followed.ok()) << followed.status();
  for (const AgencyDay& wanted : agencies) {
    absl::StatusOr<AgencyChoice> alone = store_.AgencyFramework(wanted.first, wanted.second);
    auto found = followed->find(wanted);
    ASSERT_EQ(found != followed->end(), alone.ok()) << wanted.first << " " << wanted.second;
    if (alone.ok()) {
      EXPECT_EQ(found->second, alone->framework_code) << wanted.first;
    }
  }
  EXPECT_EQ(followed->at({"TMD-IT", absl::CivilDay(2026, 5, 31)}), "CS");
  EXPECT_EQ(followed->at({"TMD-IT", absl::CivilDay(2026, 6, 1)}), "NEW") << "TMD's own choice";
  EXPECT_EQ(followed->at({"NSO", kToday}), "NEW") << "MDES changed for all below it";
  EXPECT_EQ(followed->at({"NSO", absl::CivilDay(2025, 9, 30)}), "") << "before any choice";
}

}  // namespace
}  // namespace thaksa::assessment
