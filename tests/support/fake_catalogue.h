// An in-memory learning::Catalogue for unit tests: institutes registered with their trust, and
// how often it was asked.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_CATALOGUE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_CATALOGUE_H_

#include <map>
#include <optional>
#include <string>

#include "services/learning/catalogue/catalogue.h"

namespace thaksa::testing {

class FakeCatalogue final : public learning::Catalogue {
 public:
  // Registers (or changes) institute `code` with `max_assessed_level`.
  void SetInstitute(const std::string& code, int max_assessed_level) {
    institutes_[code] = max_assessed_level;
  }
  // Makes every read fail with `error` (OK: answer again).
  void FailWith(absl::Status error) { error_ = std::move(error); }

  absl::StatusOr<std::optional<int>> MaxAssessedLevel(const std::string& code) override {
    ++asked_;
    if (!error_.ok()) return error_;
    auto found = institutes_.find(code);
    if (found == institutes_.end()) return std::nullopt;
    return found->second;
  }

  int asked() const { return asked_; }

 private:
  std::map<std::string, int> institutes_;
  absl::Status error_;
  int asked_ = 0;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_CATALOGUE_H_
