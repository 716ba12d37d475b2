// xAPI statements as completions: what maps, what is refused naming the statement's field, and
// the statement of a stored completion.
#include "common/http/xapi.h"

#include "common/status.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
using ::testing::UnorderedElementsAre;

gpb::Struct Statement(const std::string& json) {
  gpb::Struct statement;
  EXPECT_TRUE(gpb::util::JsonStringToMessage(json, &statement).ok()) << json;
  return statement;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

constexpr char kPassed[] = R"({
  "id": "6a7f3c1e-0b2d-4c5e-9f10-1a2b3c4d5e6f",
  "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.tdga.example", "name": "1101700203451"}},
  "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"th-TH": "ผ่าน"}},
  "object": {"id": "https://lms.tdga.example/courses/DG-201/"},
  "result": {"success": true, "duration": "PT5H30M", "score": {"raw": 87.5}},
  "timestamp": "2026-11-10T16:00:00+07:00",
  "context": {"extensions": {"https://thaksa.go.th/xapi/extensions/assessed-level": 3,
                             "https://thaksa.go.th/xapi/extensions/certificate-id": "CERT-9"}}
})";

TEST(XapiTest, APassedStatementIsACompletion) {
  auto record = CompletionOfStatement(Statement(kPassed));
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->record_id(), "6a7f3c1e-0b2d-4c5e-9f10-1a2b3c4d5e6f");
  EXPECT_EQ(record->citizen_id(), "1101700203451");
  EXPECT_EQ(record->course_code(), "DG-201");
  EXPECT_TRUE(record->passed());
  EXPECT_EQ(record->finished_at_unix(), 1794301200);  // 2026-11-10 09:00 UTC
  EXPECT_EQ(record->finished_at_unix() - record->started_at_unix(), 5 * 3600 + 1800);
  EXPECT_DOUBLE_EQ(record->hours(), 5.5);
  EXPECT_DOUBLE_EQ(record->score(), 87.5);
  EXPECT_EQ(record->assessed_level(), 3);
  EXPECT_EQ(record->certificate_id(), "CERT-9");
}

TEST(XapiTest, CompletedFollowsSuccessAndPersonIdsAreAccepted) {
  auto record = CompletionOfStatement(Statement(R"({"id": "s1",
    "actor": {"account": {"homePage": "https://lms", "name": "42"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
    "object": {"id": "https://lms/x/DL-101"},
    "result": {"success": false, "duration": "P1DT2H", "score": {"scaled": 0.5}},
    "timestamp": "2026-11-10T09:00:00Z"})"));
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->person_id(), 42);
  EXPECT_FALSE(record->passed());
  EXPECT_DOUBLE_EQ(record->hours(), 26);
  EXPECT_DOUBLE_EQ(record->score(), 50);
}

TEST(XapiTest, WhatDoesNotMapIsNamed) {
  auto record = CompletionOfStatement(Statement(R"({
    "actor": {"mbox": "mailto:someone@example.org"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
    "object": {"id": "not an iri"},
    "result": {"duration": "P1M"},
    "timestamp": "yesterday"})"));
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(record.status()),
              UnorderedElementsAre("id", "actor.account.name", "verb.id", "object.id", "timestamp",
                                   "result.duration"));
}

TEST(XapiTest, AStoredCompletionReadsBackAsTheSameCompletion) {
  auto record = CompletionOfStatement(Statement(kPassed));
  ASSERT_TRUE(record.ok());
  learning::v1::Completion completion;
  completion.set_institute_code("TDGA");
  *completion.mutable_record() = *record;
  completion.mutable_record()->clear_citizen_id();
  completion.mutable_record()->set_person_id(7);
  completion.set_recorded_at_unix(1794400000);
  auto again = CompletionOfStatement(StatementOfCompletion(completion));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->person_id(), 7);
  EXPECT_EQ(again->course_code(), "DG-201");
  EXPECT_EQ(again->started_at_unix(), record->started_at_unix());
  EXPECT_EQ(again->finished_at_unix(), record->finished_at_unix());
  EXPECT_EQ(again->passed(), record->passed());
  EXPECT_DOUBLE_EQ(again->score(), record->score());
}

}  // namespace
}  // namespace thaksa::http
