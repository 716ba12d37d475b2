// What readiness reads of frameworks (whether their targets are provisional, which skill sets
// are foundation, their learning-mix rule), through assessment's published reads and its
// per-call FrameworkCache.
#ifndef THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_
#define THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_

#include <string>
#include <vector>

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
  // The foundation skill sets of framework `code`; none if it cannot be read.
  std::vector<std::string> FoundationSets(const std::string& code);
  // The learning-mix rule of framework `code`; the guideline's if it sets none or cannot be
  // read.
  learning::MixPolicy MixPolicy(const std::string& code);

 private:
  assessment::FrameworkCache frameworks_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_FRAMEWORK_FACTS_H_
