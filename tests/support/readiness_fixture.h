// A small programme for unit tests of readiness's use cases over the in-memory fakes: an agency
// tree MDES > TMD > {TMD-IT, TMD-FC} and MDES > NSO, a provisional framework and an official
// one, a fake clock on 2026-11-21 (FY2570) and principals to call as.
#ifndef THAKSA_TESTS_SUPPORT_READINESS_FIXTURE_H_
#define THAKSA_TESTS_SUPPORT_READINESS_FIXTURE_H_

#include <string>
#include <vector>

#include "common/auth/principal.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "services/readiness/domain/figures.h"
#include "tests/support/fake_assessment_store.h"
#include "tests/support/fake_plan_mix_reads.h"
#include "tests/support/fake_readiness_store.h"

namespace thaksa::testing {

class ReadinessFixture : public ::testing::Test {
 protected:
  // Agency ids.
  static constexpr int64_t kMdes = 1, kTmd = 2, kTmdIt = 3, kTmdFc = 4, kNso = 5;
  // Personnel groups (thaksa.common.v1.PersonnelGroup).
  static constexpr int kAcademic = 3, kService = 4, kTechnology = 5, kOthers = 6;

  ReadinessFixture();

  // A row of `skill_set` under framework "PROV" (provisional) unless `framework` says otherwise.
  static readiness::ReadinessRow Row(int64_t agency_id, int group, const std::string& skill_set,
                                     readiness::PersonStanding standing,
                                     const std::string& framework = "PROV");
  static Principal Admin();
  // A CIO office whose subtree is the agency `agency`.
  Principal CioOf(int64_t agency_id, const std::string& code) const;
  // Makes person `person_id` (a TECHNOLOGY specialist, serving also in `further_groups`) work at
  // TMD-IT from 2025-10-01, under framework PROV with MDES in the DEVELOPING period, for the
  // profile-based paths.
  void PersonAtTmdIt(int64_t person_id, std::vector<assessment::Group> further_groups = {});

  FakeClock clock_;
  FakeReadinessStore store_;
  FakeAssessmentStore standings_;
  FakePlanMixReads plans_;
  std::vector<readiness::AgencyRef> agencies_;  // by id - 1
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_READINESS_FIXTURE_H_
