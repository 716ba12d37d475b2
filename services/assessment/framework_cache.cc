#include "services/assessment/framework_cache.h"

#include <utility>

#include "common/status.h"
#include "services/assessment/assessment_convert.h"

namespace thaksa::assessment {

bool CachedFramework::published() const {
  return message.status() == v1::FRAMEWORK_STATUS_PUBLISHED;
}

absl::StatusOr<const CachedFramework*> FrameworkCache::Get(const std::string& code) {
  auto cached = frameworks_.find(code);
  if (cached != frameworks_.end()) return &cached->second;
  ASSIGN_OR_RETURN(const StoredFramework stored, store_.GetFramework(code));
  CachedFramework framework;
  ASSIGN_OR_RETURN(framework.message, FrameworkOf(stored));
  framework.rules = RulesOf(framework.message);
  return &frameworks_.emplace(code, std::move(framework)).first->second;
}

std::map<std::string, std::vector<Source>> FrameworkCache::Precedence() const {
  std::map<std::string, std::vector<Source>> precedence;
  for (const auto& [code, framework] : frameworks_) precedence[code] = framework.rules.precedence;
  return precedence;
}

}  // namespace thaksa::assessment
