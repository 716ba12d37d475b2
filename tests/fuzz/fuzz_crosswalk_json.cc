// A crosswalk as an administrator uploads it (JSON), between the two published frameworks of
// deploy/frameworks: any bytes are refused with the fields named, or stored, and then every
// level of the first version reads as a level of the second.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "common/proto_json.h"
#include "common/status.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/framework_lifecycle.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/fake_assessment_store.h"

namespace {

namespace pb = ::thaksa::assessment::v1;
using thaksa::assessment::AssessmentFact;
using thaksa::assessment::FrameworkRules;

pb::Framework ReadFramework(const std::string& name) {
  std::ifstream file(std::string(THAKSA_SOURCE_DIR) + "/deploy/frameworks/" + name);
  std::stringstream json;
  json << file.rdbuf();
  pb::Framework framework;
  FUZZ_CHECK(thaksa::FromJson(json.str(), &framework).ok(), "the seed framework parses");
  return framework;
}

bool Expected(const std::string& field) {
  return field == "from_framework" || field == "to_framework" || field == "levels" ||
         field.rfind("skill_sets[", 0) == 0 || field.rfind("levels[", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pb::Framework* const kFrameworks[] = {
      new pb::Framework(ReadFramework("cs-2018.json")),
      new pb::Framework(ReadFramework("tpqi-2024.json"))};
  pb::Crosswalk crosswalk;
  if (!thaksa::FromJson(std::string(reinterpret_cast<const char*>(data), size), &crosswalk).ok()) {
    return 0;
  }
  thaksa::testing::FakeAssessmentStore store;
  for (const pb::Framework* framework : kFrameworks) store.AddFramework(*framework);
  const absl::Status stored = thaksa::assessment::StoreCrosswalk(store, crosswalk, {});
  if (!stored.ok()) {
    FUZZ_CHECK(stored.code() == absl::StatusCode::kInvalidArgument,
               "a refused crosswalk is INVALID_ARGUMENT");
    const auto violations = thaksa::FieldViolationsOf(stored);
    FUZZ_CHECK(!violations.empty(), "a refusal names at least one field");
    for (const auto& violation : violations) {
      FUZZ_CHECK(Expected(violation.field), "a refusal names a field of the crosswalk");
    }
    return 0;
  }
  const FrameworkRules* from = nullptr;
  const FrameworkRules* to = nullptr;
  static const FrameworkRules kRules[] = {thaksa::assessment::RulesOf(*kFrameworks[0]),
                                          thaksa::assessment::RulesOf(*kFrameworks[1])};
  for (const FrameworkRules& rules : kRules) {
    if (rules.code == crosswalk.from_framework()) from = &rules;
    if (rules.code == crosswalk.to_framework()) to = &rules;
  }
  FUZZ_CHECK(from != nullptr && to != nullptr, "a stored crosswalk joins known versions");
  const auto rules = thaksa::assessment::RulesOf(crosswalk);
  for (const auto& [from_set, to_set] : rules.skill_sets) {
    for (int level : from->levels) {
      AssessmentFact fact;
      fact.framework_code = from->code;
      fact.skill_set_code = from_set;
      fact.level = level;
      const auto read = thaksa::assessment::ThroughCrosswalk(rules, fact);
      FUZZ_CHECK(read.has_value(), "every level of a mapped skill set reads through");
      FUZZ_CHECK(to->HasLevel(read->level), "a level read through is on the second scale");
    }
  }
  return 0;
}
