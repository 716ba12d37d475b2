// A framework definition as an administrator uploads it (JSON): any bytes are refused with the
// fields named under "framework.", or stored as a draft that reads back from the store valid
// and as created.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/framework_lifecycle.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/fake_assessment_store.h"

namespace pb = ::thaksa::assessment::v1;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pb::Framework definition;
  if (!thaksa::FromJson(std::string(reinterpret_cast<const char*>(data), size), &definition).ok()) {
    return 0;
  }
  thaksa::testing::FakeAssessmentStore store;
  const absl::StatusOr<pb::Framework> created =
      thaksa::assessment::CreateDraftFramework(store, definition, {});
  if (!created.ok()) {
    FUZZ_CHECK(created.status().code() == absl::StatusCode::kInvalidArgument,
               "a refused definition is INVALID_ARGUMENT");
    const auto violations = thaksa::FieldViolationsOf(created.status());
    FUZZ_CHECK(!violations.empty(), "a refusal names at least one field");
    for (const auto& violation : violations) {
      FUZZ_CHECK(absl::StartsWith(violation.field, "framework."),
                 "every refused field is named under framework.");
    }
    return 0;
  }
  FUZZ_CHECK(created->status() == pb::FRAMEWORK_STATUS_DRAFT && created->version() == 1,
             "a created framework is a draft at version 1");
  absl::StatusOr<thaksa::assessment::StoredFramework> stored = store.GetFramework(created->code());
  FUZZ_CHECK(stored.ok(), "a created framework can be read");
  absl::StatusOr<pb::Framework> read = thaksa::assessment::FrameworkOf(*stored);
  FUZZ_CHECK(read.ok(), "a stored definition parses");
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*read, *created),
             "a framework reads back as it was created");
  thaksa::FieldErrors errors;
  thaksa::assessment::ValidateFrameworkRules(thaksa::assessment::RulesOf(*read), errors);
  FUZZ_CHECK(errors.empty(), "the stored definition still keeps the framework rules");
  return 0;
}
