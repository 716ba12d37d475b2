// Unit tests of the common library: calendar, citizen IDs, paging, CSV, configuration, status
// mapping and migration parsing.
#include <cppconn/exception.h>

#include <sstream>

#include "common/citizen_id.h"
#include "common/csv.h"
#include "common/db/db_config.h"
#include "common/db/migrations.h"
#include "common/db/sql.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/learning_mix.h"
#include "common/page_token.h"
#include "common/proto_dates.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/learning/learning_convert.h"
#include "tools/cli/csv_fields.h"

namespace thaksa {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CitizenIdTest, AcceptsValidCheckDigit) {
  EXPECT_TRUE(ValidateCitizenId("1101700207030").ok());
  EXPECT_EQ(CitizenIdCheckDigit("110170020703"), 0);
}

TEST(CitizenIdTest, RejectsWrongCheckDigitLengthAndLetters) {
  EXPECT_THAT(ValidateCitizenId("1101700207031").message(), HasSubstr("check digit"));
  EXPECT_THAT(ValidateCitizenId("110170020703").message(), HasSubstr("13 digits"));
  EXPECT_THAT(ValidateCitizenId("11017002070a0").message(), HasSubstr("digits only"));
}

TEST(CitizenIdTest, MasksAllButLastFourDigits) {
  EXPECT_EQ(MaskCitizenId("1101700207030"), "x-xxxx-xxxx7-03-0");
}

TEST(CitizenIdTest, HashIsKeyedAndStable) {
  CitizenIdHasher a("key-one-0123456789"), b("key-two-0123456789");
  EXPECT_EQ(a.Hash("1101700207030"), a.Hash("1101700207030"));
  EXPECT_NE(a.Hash("1101700207030"), b.Hash("1101700207030"));
  EXPECT_EQ(a.Hash("1101700207030").size(), 32u);
}

TEST(ThaiCalendarTest, FiscalYearRunsOctoberToSeptember) {
  EXPECT_EQ(FiscalYearOf(absl::CivilDay(2025, 9, 30)), 2568);
  EXPECT_EQ(FiscalYearOf(absl::CivilDay(2025, 10, 1)), 2569);
  EXPECT_EQ(FiscalYearOf(absl::CivilDay(2026, 9, 30)), 2569);
  EXPECT_EQ(FiscalYearStart(2569), absl::CivilDay(2025, 10, 1));
  EXPECT_EQ(FiscalYearEnd(2569), absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(ToBuddhistEra(2026), 2569);
}

TEST(ThaiCalendarTest, DateInThailandIsUtcPlusSeven) {
  // 2026-09-30 20:00 UTC is already 1 October, a new fiscal year, in Bangkok.
  const absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 9, 30, 20, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(ThaiDate(t), absl::CivilDay(2026, 10, 1));
}

TEST(ThaiCalendarTest, ParsesOnlyRealDates) {
  EXPECT_EQ(*ParseIsoDate("2024-02-29"), absl::CivilDay(2024, 2, 29));
  EXPECT_FALSE(ParseIsoDate("2026-02-29").ok());
  EXPECT_FALSE(ParseIsoDate("2026-13-01").ok());
  EXPECT_FALSE(ParseIsoDate("26-1-1").ok());
}

TEST(ProtoDatesTest, ARequiredDateIsNamedOnceWhetherMissingOrImpossible) {
  common::v1::Date impossible;
  impossible.set_year(2026);
  impossible.set_month(2);
  impossible.set_day(30);
  FieldErrors errors;
  EXPECT_FALSE(RequiredDayFromProto(impossible, true, "from", errors).has_value());
  EXPECT_THAT(errors.violations(), ElementsAre(FieldViolation{"from", "is not a real date"}));
  FieldErrors missing;
  EXPECT_FALSE(RequiredDayFromProto(common::v1::Date(), false, "from", missing).has_value());
  EXPECT_THAT(missing.violations(), ElementsAre(FieldViolation{"from", "is required"}));
  impossible.set_day(28);
  EXPECT_EQ(*RequiredDayFromProto(impossible, true, "from", missing), absl::CivilDay(2026, 2, 28));
}

// Text is UTF-8 as protobuf checks it on the wire: what passes here can be sent.
TEST(FieldChecksTest, TextMustBeStrictUtf8) {
  auto valid = [](const std::string& text) {
    FieldErrors errors;
    CheckOptionalText(text, 100, "name", errors);
    return errors.empty();
  };
  EXPECT_TRUE(valid("กรมอุตุนิยมวิทยา"));
  EXPECT_TRUE(valid("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
  EXPECT_TRUE(valid("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_FALSE(valid("\xC0\xAF"));          // an overlong '/'
  EXPECT_FALSE(valid("\xE0\x93\x95"));      // an overlong three-byte form
  EXPECT_FALSE(valid("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(valid("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid("\xE0\xB8"));          // cut short
  EXPECT_EQ(Utf8Prefix("\xED\xA0\x80ก", 10), "???ก");
}

TEST(PageTokenTest, RoundTripsAndBindsToFilter) {
  const std::string token = EncodePageToken(42, "MDES|1");
  EXPECT_EQ(*DecodePageToken(token, "MDES|1"), 42);
  EXPECT_EQ(*DecodePageToken("", "anything"), 0);
  EXPECT_THAT(FieldViolationsOf(DecodePageToken(token, "TMD|1").status()),
              ElementsAre(FieldViolation{"page_token", "was issued for a different filter"}));
  EXPECT_EQ(DecodePageToken("not-a-token", "x").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, PageSizeDefaultsAndCaps) {
  EXPECT_EQ(*EffectivePageSize(0), 100);
  EXPECT_EQ(*EffectivePageSize(5000), 1000);
  EXPECT_FALSE(EffectivePageSize(-1).ok());
}

TEST(CsvTest, ReadsQuotedFieldsThaiTextAndLineEnds) {
  std::istringstream in(
      "\xEF\xBB\xBF" "a,b,c\r\n"
      "\"x, y\",\"say \"\"hi\"\"\",กรม\n"
      "\"two\nlines\",,last");
  CsvReader reader(in);
  std::vector<std::string> row;
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_THAT(row, ElementsAre("a", "b", "c"));
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_THAT(row, ElementsAre("x, y", "say \"hi\"", "กรม"));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_THAT(row, ElementsAre("two\nlines", "", "last"));
  EXPECT_FALSE(*reader.Next(row));
}

TEST(CsvTest, UnclosedQuoteIsAnError) {
  std::istringstream in("a\n\"open");
  CsvReader reader(in);
  std::vector<std::string> row;
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_FALSE(reader.Next(row).ok());
}

TEST(DbConfigTest, ParsesUrlWithSocketAndPool) {
  absl::StatusOr<DbConfig> config = ParseDbUrl("mysql://app:secret@db.local:3307/thaksa?pool=4");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->user, "app");
  EXPECT_EQ(config->password, "secret");
  EXPECT_EQ(config->host, "db.local");
  EXPECT_EQ(config->port, 3307);
  EXPECT_EQ(config->database, "thaksa");
  EXPECT_EQ(config->pool_size, 4);
  config = ParseDbUrl("mysql://root@localhost/x?socket=/run/db.sock");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->socket, "/run/db.sock");
}

TEST(DbConfigTest, RejectsBadUrls) {
  EXPECT_FALSE(ParseDbUrl("postgres://u@h/db").ok());
  EXPECT_FALSE(ParseDbUrl("mysql://u@h").ok());
  EXPECT_FALSE(ParseDbUrl("mysql://u@h:99999/db").ok());
  EXPECT_FALSE(ParseDbUrl("mysql://u@h/db?color=red").ok());
}

TEST(StatusTest, FieldViolationsSurviveTheWire) {
  FieldErrors errors;
  errors.Add("person.citizen_id", "check digit does not match");
  errors.Add("person.name.th", "is required");
  const grpc::Status wire = ToGrpcStatus(errors.ToStatus());
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(wire.error_details().empty());
  EXPECT_THAT(FieldViolationsOf(FromGrpcStatus(wire)),
              ElementsAre(FieldViolation{"person.citizen_id", "check digit does not match"},
                          FieldViolation{"person.name.th", "is required"}));
}

TEST(StatusTest, MapsEveryCode) {
  EXPECT_EQ(ToGrpcStatus(absl::AbortedError("x")).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("x")).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(SqlErrorTest, MapsMySqlErrorNumbers) {
  auto code = [](int number, const char* state = "HY000") {
    return StatusFromSqlError(sql::SQLException("m", state, number)).code();
  };
  EXPECT_EQ(code(1062), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(code(1452), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(1451), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(1213), absl::StatusCode::kAborted);
  EXPECT_EQ(code(1205), absl::StatusCode::kAborted);
  EXPECT_EQ(code(2006), absl::StatusCode::kUnavailable);
  EXPECT_EQ(code(2002), absl::StatusCode::kUnavailable);
  EXPECT_EQ(code(1064, "42000"), absl::StatusCode::kInternal);
  EXPECT_THAT(StatusFromSqlError(sql::SQLException("SELECT secret", "42000", 1064)).message(),
              ::testing::Not(HasSubstr("SELECT")));
}

TEST(MigrationsTest, SplitsStatementsAndSkipsComments) {
  EXPECT_THAT(SplitStatements("-- a comment\nCREATE TABLE a (\n x INT\n);\n\nINSERT INTO a VALUES (1);\n"),
              ElementsAre("CREATE TABLE a (\n x INT\n)", "INSERT INTO a VALUES (1)"));
}

TEST(MigrationsTest, BundledMigrationsAreNumberedInOrder) {
  const std::vector<Migration>& migrations = BundledMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1)) << migrations[i].name;
  }
}

TEST(LearningMixRuleTest, EachNumberLeftOutIsTheGuidelinesAndEveryNumberGivenReachesThePlanCheck) {
  const learning::MixPolicy guideline = learning::MixPolicyOf(assessment::v1::LearningMixPolicy());
  EXPECT_EQ(std::vector<double>({guideline.experiential, guideline.social, guideline.formal,
                                 guideline.experiential_tolerance, guideline.social_tolerance,
                                 guideline.formal_tolerance, guideline.present,
                                 guideline.horizon_tolerance}),
            std::vector<double>({70, 20, 10, 10, 10, 5, 70, 10}));

  assessment::v1::LearningMixPolicy given;
  given.set_experiential_percent(61);
  given.set_social_percent(27);
  given.set_formal_percent(12);
  given.set_experiential_tolerance(3);
  given.set_social_tolerance(4);
  given.set_formal_tolerance(0);  // given as 0: no tolerance, not the guideline's 5
  given.set_present_percent(66);
  given.set_present_tolerance(7);
  const learning::MixPolicy policy = learning::MixPolicyOf(given);
  EXPECT_EQ(std::vector<double>({policy.experiential, policy.social, policy.formal,
                                 policy.experiential_tolerance, policy.social_tolerance,
                                 policy.formal_tolerance, policy.present,
                                 policy.horizon_tolerance}),
            std::vector<double>({61, 27, 12, 3, 4, 0, 66, 7}));

  given.clear_present_tolerance();
  given.clear_social_percent();
  const assessment::v1::LearningMixPolicy rule = LearningMixRuleOf(given);
  EXPECT_DOUBLE_EQ(rule.present_tolerance(), 10);
  EXPECT_DOUBLE_EQ(rule.social_percent(), 20);
  EXPECT_DOUBLE_EQ(rule.formal_tolerance(), 0);
}

TEST(CsvFieldsTest, DatesAndListsAreReadAsTheImportsNeedThem) {
  common::v1::Date date;
  cli::SetCsvDate("2026-03-02", &date);
  EXPECT_EQ(date.year(), 2026);
  EXPECT_EQ(date.month(), 3);
  EXPECT_EQ(date.day(), 2);
  for (const char* text : {"2026/03/02", "๒๕๖๙-03-02", "2026-03", ""}) {
    cli::SetCsvDate(text, &date);
    EXPECT_EQ(date.month(), 13) << text << ": an impossible date, which the server names";
  }
  std::vector<std::string> read;
  for (const std::string& code : cli::CsvList(std::string(" T2E-TECH-1; T2E-TECH-2 ;;DL402 "))) {
    read.push_back(code);  // the list was a temporary
  }
  EXPECT_THAT(read, ElementsAre("T2E-TECH-1", "T2E-TECH-2", "DL402"));
  EXPECT_THAT(cli::CsvList(""), ElementsAre());
}

}  // namespace
}  // namespace thaksa
