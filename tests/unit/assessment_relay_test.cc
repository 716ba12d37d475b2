// Unit tests of the assessment relay (services/learning/assessment_relay.h) over the fakes of its
// ports (tests/support/fake_outbox.h) and a fake clock: what becomes of each row for each answer
// of the receiver (acknowledged, refused for a while, refused for good, a call failing part way,
// a payload that cannot be read), the backoff of retries, the retention of delivered rows, and
// what the relay reports.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/proto_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/learning/assessment_relay.h"
#include "tests/support/fake_outbox.h"

namespace thaksa::learning {
namespace {

namespace apb = ::thaksa::assessment::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FakeDelivery;
using testing::FakeOutbox;

const absl::Time kStart = absl::FromUnixSeconds(1'790'000'000);

class AssessmentRelayTest : public ::testing::Test {
 protected:
  AssessmentRelayTest() : clock_(kStart) {}

  static AssessmentRelay::Options Options() {
    AssessmentRelay::Options options;
    options.background = false;  // the test drives it
    options.batch_size = 10;
    options.first_retry = absl::Seconds(2);
    options.longest_retry = absl::Seconds(60);
    options.keep_delivered = absl::Hours(24 * 30);
    options.prune_batch = 2;
    options.prune_batches_per_pass = 3;
    return options;
  }

  // Queues the level of `person` for `skill_set` at the clock's time; the row's id.
  int64_t Queue(const std::string& external_id, int64_t person = 1,
                const std::string& institute = "TDGA", int64_t token = 41) {
    apb::AssessmentRecord record;
    record.set_person_id(person);
    record.set_framework_code("CS-2018");
    record.set_skill_set_code("LITERACY");
    record.set_level(2);
    record.set_source(apb::ASSESSMENT_SOURCE_INSTITUTE_EXAM);
    record.set_external_id(external_id);
    return outbox_.Add(institute, external_id, ToJson(record), clock_.Now(), token);
  }

  bool Delivered(int64_t id) const { return outbox_.Get(id).delivered_at.has_value(); }
  bool Failed(int64_t id) const { return outbox_.Get(id).failed_at.has_value(); }
  bool Pending(int64_t id) const { return !Delivered(id) && !Failed(id); }

  ops::v1::BackgroundTask Report() const {
    ops::v1::BackgroundTask task;
    relay_.Report(task);
    return task;
  }

  // Answers every record of each call with `outcome` (and `rejection`), the call ending `call`.
  static FakeDelivery::Answerer AnswerAll(apb::RecordOutcome outcome,
                                          const std::string& rejection = "",
                                          absl::Status call = absl::OkStatus()) {
    return [=](const FakeDelivery::Sent& sent) {
      DeliveryAnswer answer;
      for (size_t i = 0; i < sent.records.size(); ++i) {
        answer.results.push_back(FakeDelivery::Result(static_cast<int>(i), outcome, rejection,
                                                      "person_id", "reason of the receiver"));
      }
      answer.call = call;
      return answer;
    };
  }

  FakeClock clock_;
  FakeOutbox outbox_;
  FakeDelivery delivery_;
  AssessmentRelay relay_{outbox_, clock_, delivery_, Options()};
};

TEST_F(AssessmentRelayTest, AcknowledgedRowsAreMarkedDeliveredAndSentForTheirInstituteAndToken) {
  const int64_t a = Queue("completion:a:LITERACY");
  const int64_t b = Queue("completion:b:LITERACY", 2, "TDGA", 42);
  const int64_t c = Queue("completion:c:LITERACY", 3, "OCSC", 0);
  const int64_t d = Queue("completion:d:LITERACY", 4);
  delivery_.set_answer([](const FakeDelivery::Sent& sent) {
    DeliveryAnswer answer;  // RECORDED and UNCHANGED (recorded before) both acknowledge
    for (size_t i = 0; i < sent.records.size(); ++i) {
      answer.results.push_back(FakeDelivery::Result(
          static_cast<int>(i), i % 2 ? apb::RECORD_OUTCOME_UNCHANGED : apb::RECORD_OUTCOME_RECORDED));
    }
    return answer;
  });

  absl::StatusOr<int> handled = relay_.DeliverOnce();
  ASSERT_TRUE(handled.ok()) << handled.status();
  EXPECT_EQ(*handled, 4);
  for (int64_t id : {a, b, c, d}) EXPECT_TRUE(Delivered(id)) << id;
  // One call per institute and token the rows are attributed to.
  std::vector<std::string> calls;
  for (const FakeDelivery::Sent& sent : delivery_.sent()) {
    calls.push_back(absl::StrCat(sent.institute, "/", sent.on_behalf_of_token_id, ":",
                                 sent.records.size()));
  }
  EXPECT_THAT(calls, ::testing::UnorderedElementsAre("TDGA/41:2", "TDGA/42:1", "OCSC/0:1"));
  EXPECT_EQ(delivery_.sent()[0].records[0].level(), 2) << "the payload is what is sent";

  const ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.name(), "assessment_relay");
  EXPECT_EQ(task.progress(), 4);
  EXPECT_EQ(task.pending(), 0);
  EXPECT_EQ(task.failed(), 0);
  EXPECT_EQ(task.consecutive_failures(), 0);
  EXPECT_EQ(task.last_success_unix(), absl::ToUnixSeconds(kStart));

  // Nothing is due any more: nothing is sent.
  ASSERT_TRUE(relay_.DeliverDue().ok());
  EXPECT_EQ(delivery_.sent().size(), 3u);
}

TEST_F(AssessmentRelayTest, RowsTheReceiverCannotTakeNowWaitLongerEachTimeUpToTheLongest) {
  const int64_t id = Queue("completion:a:LITERACY");
  // Every transient kind, INTERNAL and UNKNOWN included, then a failed call: retried each time.
  const std::vector<FakeDelivery::Answerer> answers = {
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "UNAVAILABLE"),
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "ABORTED"),
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "DEADLINE_EXCEEDED"),
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "RESOURCE_EXHAUSTED"),
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "INTERNAL"),
      AnswerAll(apb::RECORD_OUTCOME_REJECTED, "UNKNOWN"),
      [](const FakeDelivery::Sent&) {
        DeliveryAnswer answer;
        answer.call = absl::UnavailableError("connection refused");
        return answer;
      },
      [](const FakeDelivery::Sent&) {
        DeliveryAnswer answer;
        answer.call = absl::DeadlineExceededError("deadline exceeded");
        return answer;
      },
  };
  // The wait after the nth failed attempt: 2 s doubled each time, at most 60 s.
  const std::vector<absl::Duration> waits = {absl::Seconds(2),  absl::Seconds(4),
                                             absl::Seconds(8),  absl::Seconds(16),
                                             absl::Seconds(32), absl::Seconds(60),
                                             absl::Seconds(60), absl::Seconds(60)};
  for (size_t n = 0; n < answers.size(); ++n) {
    delivery_.set_answer(answers[n]);
    const absl::Status status = relay_.DeliverOnce().status();
    EXPECT_FALSE(status.ok()) << n;
    const FakeOutbox::Row& row = outbox_.Get(id);
    EXPECT_TRUE(Pending(id)) << n;
    EXPECT_EQ(row.row.attempts, static_cast<int>(n) + 1);
    EXPECT_FALSE(row.last_error.empty()) << n;
    const absl::Duration wait = row.next_attempt_at - clock_.Now();
    EXPECT_GE(wait, waits[n] / 2) << n;
    EXPECT_LE(wait, waits[n]) << n;
    // Not due before its time.
    const size_t calls = delivery_.sent().size();
    EXPECT_EQ(*relay_.DeliverOnce(), 0);
    EXPECT_EQ(delivery_.sent().size(), calls);
    clock_.Set(row.next_attempt_at);
  }
  EXPECT_THAT(outbox_.Get(id).last_error, HasSubstr("deadline exceeded"));
  ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.pending(), 1);
  EXPECT_EQ(task.failed(), 0);
  EXPECT_EQ(task.consecutive_failures(), static_cast<int>(answers.size()));
  EXPECT_THAT(task.last_error(), HasSubstr("deadline exceeded"));
  EXPECT_EQ(task.progress(), 0);

  // Once the receiver takes it, it is delivered and the failures are over.
  delivery_.set_answer(nullptr);
  ASSERT_TRUE(relay_.DeliverOnce().ok());
  EXPECT_TRUE(Delivered(id));
  task = Report();
  EXPECT_EQ(task.consecutive_failures(), 0);
  EXPECT_EQ(task.last_error(), "");
  EXPECT_EQ(task.pending(), 0);
  EXPECT_EQ(task.progress(), 1);
}

TEST_F(AssessmentRelayTest, RowsRefusedForGoodAreFailedWithTheReasonAndNeverRetried) {
  const int64_t refused = Queue("completion:a:LITERACY");
  const int64_t taken = Queue("completion:b:LITERACY");
  delivery_.set_answer([](const FakeDelivery::Sent& sent) {
    DeliveryAnswer answer;
    answer.results = {FakeDelivery::Result(0, apb::RECORD_OUTCOME_REJECTED, "INVALID_ARGUMENT",
                                           "level", "is above what institute TDGA may assess"),
                      FakeDelivery::Result(1, apb::RECORD_OUTCOME_RECORDED)};
    EXPECT_EQ(sent.records.size(), 2u);
    return answer;
  });
  ASSERT_TRUE(relay_.DeliverOnce().ok()) << "a refusal is not a failed delivery";
  EXPECT_TRUE(Failed(refused));
  EXPECT_EQ(outbox_.Get(refused).row.attempts, 1);
  EXPECT_EQ(outbox_.Get(refused).last_error,
            "INVALID_ARGUMENT: level: is above what institute TDGA may assess");
  EXPECT_TRUE(Delivered(taken));

  // Every permanent kind is failed at once.
  for (const char* kind : {"PERMISSION_DENIED", "NOT_FOUND", "ALREADY_EXISTS",
                           "FAILED_PRECONDITION", ""}) {
    const int64_t id = Queue(absl::StrCat("completion:", kind, ":LITERACY"));
    delivery_.set_answer(AnswerAll(apb::RECORD_OUTCOME_REJECTED, kind));
    ASSERT_TRUE(relay_.DeliverOnce().ok()) << kind;
    EXPECT_TRUE(Failed(id)) << kind;
  }

  // Never sent again, however long one waits; counted.
  const size_t calls = delivery_.sent().size();
  clock_.Set(kStart + absl::Hours(24 * 365));
  delivery_.set_answer(nullptr);
  ASSERT_TRUE(relay_.DeliverDue().ok());
  EXPECT_EQ(delivery_.sent().size(), calls);
  EXPECT_TRUE(Failed(refused));
  const ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.failed(), 6);
  EXPECT_EQ(task.pending(), 0);
  EXPECT_EQ(task.last_error(), "");
}

TEST_F(AssessmentRelayTest, ACallFailingPartWayDeliversWhatWasAcknowledgedAndKeepsTheRest) {
  const int64_t first = Queue("completion:a:LITERACY");
  const int64_t second = Queue("completion:b:LITERACY");
  const int64_t third = Queue("completion:c:LITERACY");
  delivery_.set_answer([](const FakeDelivery::Sent&) {
    DeliveryAnswer answer;  // the first acknowledged, then the stream broke (Finish's error)
    answer.results = {FakeDelivery::Result(0, apb::RECORD_OUTCOME_RECORDED)};
    answer.call = absl::UnavailableError("Socket closed");
    return answer;
  });
  const absl::Status status = relay_.DeliverOnce().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_TRUE(Delivered(first));
  for (int64_t id : {second, third}) {
    EXPECT_TRUE(Pending(id));
    EXPECT_EQ(outbox_.Get(id).row.attempts, 1);
    EXPECT_THAT(outbox_.Get(id).last_error, HasSubstr("Socket closed"));
  }
  ops::v1::BackgroundTask task = Report();
  EXPECT_EQ(task.progress(), 1);
  EXPECT_EQ(task.pending(), 2);
  EXPECT_EQ(task.consecutive_failures(), 1);

  // Next time only the rest is sent.
  clock_.Set(outbox_.Get(second).next_attempt_at);
  delivery_.set_answer(nullptr);
  ASSERT_TRUE(relay_.DeliverDue().ok());
  ASSERT_EQ(delivery_.sent().size(), 2u);
  EXPECT_EQ(delivery_.sent()[1].records.size(), 2u);
  EXPECT_TRUE(Delivered(second));
  EXPECT_TRUE(Delivered(third));
  EXPECT_EQ(Report().progress(), 3);
}

TEST_F(AssessmentRelayTest, AFailedRowThatCannotBeMarkedDoesNotKeepTheOthersUnrecorded) {
  const int64_t refused = Queue("completion:a:LITERACY");
  const int64_t taken = Queue("completion:b:LITERACY");
  const int64_t later = Queue("completion:c:LITERACY");
  delivery_.set_answer([](const FakeDelivery::Sent&) {
    DeliveryAnswer answer;
    answer.results = {FakeDelivery::Result(0, apb::RECORD_OUTCOME_REJECTED, "INVALID_ARGUMENT"),
                      FakeDelivery::Result(1, apb::RECORD_OUTCOME_RECORDED),
                      FakeDelivery::Result(2, apb::RECORD_OUTCOME_REJECTED, "UNAVAILABLE")};
    return answer;
  });
  outbox_.FailMarkingFailedWith(absl::UnavailableError("lost the connection"));
  const absl::Status status = relay_.DeliverOnce().status();
  EXPECT_THAT(status.message(), HasSubstr("lost the connection"));
  EXPECT_TRUE(Delivered(taken)) << "an acknowledged row is not sent again";
  EXPECT_TRUE(Pending(later));
  EXPECT_EQ(outbox_.Get(later).row.attempts, 1) << "and a row to retry waits its turn";
  EXPECT_GT(outbox_.Get(later).next_attempt_at, kStart);
  EXPECT_TRUE(Pending(refused)) << "the refused row is asked again and marked then";
  EXPECT_EQ(Report().progress(), 1);
}

TEST_F(AssessmentRelayTest, AnUnreadablePayloadIsFailedAndTheOthersAreSent) {
  const int64_t garbled = outbox_.Add("TDGA", "completion:x:LITERACY", "{not json", kStart, 41);
  const int64_t good = Queue("completion:a:LITERACY");
  ASSERT_TRUE(relay_.DeliverOnce().ok());
  EXPECT_TRUE(Failed(garbled));
  EXPECT_THAT(outbox_.Get(garbled).last_error, HasSubstr("cannot be read"));
  EXPECT_TRUE(Delivered(good));
  ASSERT_EQ(delivery_.sent().size(), 1u);
  EXPECT_EQ(delivery_.sent()[0].records.size(), 1u);
  EXPECT_EQ(delivery_.sent()[0].records[0].external_id(), "completion:a:LITERACY");

  // A batch of nothing but unreadable rows makes no call.
  const int64_t alone = outbox_.Add("OCSC", "completion:y:LITERACY", "[]", kStart, 0);
  ASSERT_TRUE(relay_.DeliverOnce().ok());
  EXPECT_TRUE(Failed(alone));
  EXPECT_EQ(delivery_.sent().size(), 1u);
  EXPECT_EQ(Report().failed(), 2);
}

TEST_F(AssessmentRelayTest, ProgressCountsOnlyRowsThisRelayMarkedDelivered) {
  const int64_t mine = Queue("completion:a:LITERACY");
  const int64_t theirs = Queue("completion:b:LITERACY");
  // Another replica's relay delivers `theirs` while this one's call is under way.
  delivery_.set_answer([&](const FakeDelivery::Sent& sent) {
    outbox_.DeliverElsewhere(theirs, clock_.Now());
    DeliveryAnswer answer;
    for (size_t i = 0; i < sent.records.size(); ++i) {
      answer.results.push_back(
          FakeDelivery::Result(static_cast<int>(i), apb::RECORD_OUTCOME_UNCHANGED));
    }
    return answer;
  });
  ASSERT_TRUE(relay_.DeliverDue().ok());
  EXPECT_TRUE(Delivered(mine));
  EXPECT_EQ(Report().progress(), 1) << "the row the other relay marked is its progress";
  // Passes with nothing due add nothing.
  ASSERT_TRUE(relay_.DeliverDue().ok());
  ASSERT_TRUE(relay_.RunOnce().ok());
  EXPECT_EQ(Report().progress(), 1);
}

TEST_F(AssessmentRelayTest, OnlyTheRelayHoldingTheLeaseDeliversAndAnotherTakesOverWhenItIsFree) {
  const int64_t id = Queue("completion:a:LITERACY");
  outbox_.GiveLeaseTo("another-replica:7:1");
  ASSERT_TRUE(relay_.RunOnce().ok());
  EXPECT_TRUE(delivery_.sent().empty()) << "another replica's relay runs";
  EXPECT_TRUE(Pending(id));
  EXPECT_FALSE(Report().holds_lease());
  outbox_.GiveLeaseTo("");  // its lease lapsed
  ASSERT_TRUE(relay_.RunOnce().ok());
  EXPECT_TRUE(Delivered(id));
  EXPECT_TRUE(Report().holds_lease());
}

TEST_F(AssessmentRelayTest, AStoppedRelayGivesItsLeaseUpAndLeavesAnothersAlone) {
  ASSERT_TRUE(relay_.RunOnce().ok());
  ASSERT_TRUE(Report().holds_lease());
  const std::string holder = outbox_.lease_holder();
  AssessmentRelay waiting(outbox_, clock_, delivery_, Options());
  ASSERT_TRUE(waiting.RunOnce().ok());
  waiting.Stop();
  EXPECT_EQ(outbox_.lease_holder(), holder) << "not the waiting relay's to give up";
  relay_.Stop();
  EXPECT_EQ(outbox_.lease_holder(), "") << "another replica's relay may take it at once";
  EXPECT_FALSE(Report().holds_lease());
}

TEST_F(AssessmentRelayTest, ARelayWhoseRenewalFailedStillGivesItsLeaseUpWhenStopped) {
  ASSERT_TRUE(relay_.RunOnce().ok());
  outbox_.FailWith(absl::UnavailableError("database down"));
  EXPECT_FALSE(relay_.RunOnce().ok());
  EXPECT_FALSE(Report().holds_lease()) << "it may lapse before the database answers again";
  outbox_.FailWith(absl::OkStatus());
  relay_.Stop();
  EXPECT_EQ(outbox_.lease_holder(), "");
}

TEST_F(AssessmentRelayTest, NothingIsAttemptedBeforeTheDeliveryIsReady) {
  const int64_t id = Queue("completion:a:LITERACY");
  delivery_.set_ready(false);
  EXPECT_EQ(*relay_.DeliverOnce(), 0);
  EXPECT_TRUE(delivery_.sent().empty());
  EXPECT_EQ(outbox_.Get(id).row.attempts, 0);
  EXPECT_EQ(Report().consecutive_failures(), 0);
  delivery_.set_ready(true);
  EXPECT_EQ(*relay_.DeliverOnce(), 1);
  EXPECT_TRUE(Delivered(id));
}

TEST_F(AssessmentRelayTest, AnUnreadableOutboxIsAnErrorAndTheLastCountsAreReported) {
  Queue("completion:a:LITERACY");
  delivery_.set_ready(false);
  EXPECT_EQ(Report().pending(), 1);
  outbox_.FailWith(absl::UnavailableError("database away"));
  delivery_.set_ready(true);
  EXPECT_EQ(relay_.DeliverOnce().status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Report().pending(), 1) << "the counts last read";
}

TEST_F(AssessmentRelayTest, DeliveredRowsArePrunedOnceOldInBoundedBatchesAndOthersKept) {
  // Eight rows delivered now, one pending, one failed.
  std::vector<int64_t> delivered;
  for (int n = 0; n < 8; ++n) delivered.push_back(Queue(absl::StrCat("completion:d", n)));
  ASSERT_TRUE(relay_.DeliverDue().ok());
  const int64_t failed = Queue("completion:failed");
  delivery_.set_answer(AnswerAll(apb::RECORD_OUTCOME_REJECTED, "INVALID_ARGUMENT"));
  ASSERT_TRUE(relay_.DeliverOnce().ok());
  const int64_t pending = Queue("completion:pending");
  delivery_.set_answer(AnswerAll(apb::RECORD_OUTCOME_REJECTED, "UNAVAILABLE"));
  (void)relay_.DeliverOnce();
  ASSERT_TRUE(Failed(failed));
  ASSERT_TRUE(Pending(pending));
  delivery_.set_ready(false);  // only retention from here on

  // Not yet 30 days old: kept.
  clock_.Set(kStart + absl::Hours(24 * 30) - absl::Seconds(1));
  EXPECT_EQ(*relay_.PruneDelivered(), 0);
  EXPECT_EQ(outbox_.size(), 10u);

  // Older: deleted in batches of 2, at most 3 batches a pass.
  clock_.Set(kStart + absl::Hours(24 * 30) + absl::Seconds(1));
  EXPECT_EQ(*relay_.PruneDelivered(), 6);
  EXPECT_THAT(outbox_.prune_limits(), ElementsAre(2, 2, 2, 2));
  EXPECT_EQ(outbox_.size(), 4u);
  ASSERT_TRUE(relay_.RunOnce().ok()) << "the idle pass prunes the rest";
  EXPECT_EQ(outbox_.size(), 2u);
  EXPECT_TRUE(Failed(failed)) << "failed rows are kept for an operator";
  EXPECT_TRUE(Pending(pending));

  // Even a year on, pending and failed rows stay.
  clock_.Set(kStart + absl::Hours(24 * 365));
  ASSERT_TRUE(relay_.RunOnce().ok());
  EXPECT_EQ(outbox_.size(), 2u);
}

TEST(AssessmentRelayRetention, ZeroKeepsDeliveredRows) {
  FakeClock clock(kStart);
  FakeOutbox outbox;
  FakeDelivery delivery;
  AssessmentRelay::Options options;
  options.background = false;
  options.keep_delivered = absl::ZeroDuration();
  AssessmentRelay relay(outbox, clock, delivery, options);
  outbox.Add("TDGA", "completion:a", "{}", kStart);
  ASSERT_TRUE(relay.DeliverDue().ok());
  clock.Set(kStart + absl::Hours(24 * 3650));
  EXPECT_EQ(*relay.PruneDelivered(), 0);
  EXPECT_EQ(outbox.size(), 1u);
  EXPECT_TRUE(outbox.prune_limits().empty());
}

}  // namespace
}  // namespace thaksa::learning
