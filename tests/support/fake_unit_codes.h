// An in-memory assessment::UnitCodeReader for unit tests: the competency-unit catalogue's codes,
// and how often they were read.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_UNIT_CODES_H_
#define THAKSA_TESTS_SUPPORT_FAKE_UNIT_CODES_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/assessment/units/unit_catalogue.h"

namespace thaksa::testing {

class FakeUnitCodes final : public assessment::UnitCodeReader {
 public:
  explicit FakeUnitCodes(std::vector<std::string> codes = {}) : codes_(std::move(codes)) {
    std::sort(codes_.begin(), codes_.end());
  }
  // Makes every read fail with `error` (OK: answer again).
  void FailWith(absl::Status error) { error_ = std::move(error); }

  absl::StatusOr<std::vector<std::string>> Codes() override {
    ++read_;
    if (!error_.ok()) return error_;
    return codes_;
  }

  int read() const { return read_; }

 private:
  std::vector<std::string> codes_;
  absl::Status error_;
  int read_ = 0;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_UNIT_CODES_H_
