// What readiness reads of frameworks (whether their targets are provisional, which skill sets
// are foundation, their learning-mix rule), through assessment's published reads and its
// per-call FrameworkCache.
#ifndef THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_
#define THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/assessment/framework_cache.h"
#include "services/assessment/store/standing_reads.h"
#include "services/learning/domain/learning_rules.h"

namespace thaksa::readiness {

// Not thread-safe: one per call.
class FrameworkFacts final {
 public:
  explicit FrameworkFacts(assessment::ProfileInputs& frameworks) : frameworks_(frameworks) {}

  // Whether the targets of framework `code` are provisional; its read error if it cannot be
  // read.
  absl::StatusOr<bool> Provisional(const std::string& code);
  // What a plan under framework `code` is checked against.
  struct PlanRules {
    // The foundation skill sets; none if the framework cannot be read (or `code` is empty).
    std::vector<std::string> foundation_sets;
    // The learning-mix rule; the guideline's if the framework sets none or cannot be read.
    learning::MixPolicy mix_policy;
  };
  // Worked out once per framework for the call: a subtree's plans share a few frameworks.
  const PlanRules& PlanRulesOf(const std::string& code);

 private:
  assessment::FrameworkCache frameworks_;
  absl::flat_hash_map<std::string, PlanRules> plan_rules_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_
