// Framework versions as one call (or one bulk stream) reads them: each version is read from the
// store once, parsed once and turned into rules once.
#ifndef THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_CACHE_H_
#define THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_CACHE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/assessment/domain/framework_rules.h"
#include "services/assessment/store/standing_reads.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// A framework version: as the API shows it (with status and version) and as rules.
struct CachedFramework {
  ::thaksa::assessment::v1::Framework message;
  FrameworkRules rules;

  bool published() const;
};

class FrameworkCache final {
 public:
  // Reads through `store`, which must outlive the cache.
  explicit FrameworkCache(ProfileInputs& store) : store_(store) {}

  // The version with `code`: NOT_FOUND if there is none, INTERNAL if its stored definition does
  // not parse, or the store's error. Failures are not remembered. The pointer stays valid for the
  // life of the cache.
  absl::StatusOr<const CachedFramework*> Get(const std::string& code);

  // The precedence policy of every version read so far, by code (for the store, which applies the
  // default to others).
  std::map<std::string, std::vector<Source>> Precedence() const;

 private:
  ProfileInputs& store_;
  std::map<std::string, CachedFramework> frameworks_;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_CACHE_H_
