// An in-memory assessment::AnnexReferences for unit tests: the competency-unit catalogue's and
// the behaviours' codes, and how often unit codes were read.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_ANNEX_REFERENCES_H_
#define THAKSA_TESTS_SUPPORT_FAKE_ANNEX_REFERENCES_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/assessment/units/unit_catalogue.h"

namespace thaksa::testing {

class FakeAnnexReferences final : public assessment::AnnexReferences {
 public:
  explicit FakeAnnexReferences(std::vector<std::string> unit_codes = {},
                               std::vector<std::string> behaviour_codes = {})
      : unit_codes_(std::move(unit_codes)), behaviour_codes_(std::move(behaviour_codes)) {
    std::sort(unit_codes_.begin(), unit_codes_.end());
    std::sort(behaviour_codes_.begin(), behaviour_codes_.end());
  }
  // Makes every read fail with `error` (OK: answer again).
  void FailWith(absl::Status error) { error_ = std::move(error); }

  absl::StatusOr<std::vector<std::string>> UnitCodes() override {
    ++read_;
    if (!error_.ok()) return error_;
    return unit_codes_;
  }
  absl::StatusOr<std::vector<std::string>> BehaviourCodes() override {
    if (!error_.ok()) return error_;
    return behaviour_codes_;
  }

  int read() const { return read_; }

 private:
  std::vector<std::string> unit_codes_;
  std::vector<std::string> behaviour_codes_;
  absl::Status error_;
  int read_ = 0;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_ANNEX_REFERENCES_H_
