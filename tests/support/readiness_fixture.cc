#include "tests/support/readiness_fixture.h"

#include "tests/support/test_server.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::testing {
namespace {

namespace apb = ::thaksa::assessment::v1;

// A framework with the two foundation sets and one role set for technology specialists.
apb::Framework FrameworkOf(const std::string& code, bool provisional) {
  apb::Framework framework;
  framework.set_code(code);
  framework.set_provisional(provisional);
  for (const char* set : {"LITERACY", "GOVERNANCE"}) {
    apb::SkillSet* s = framework.add_skill_sets();
    s->set_code(set);
    s->set_kind(apb::SKILL_SET_KIND_FOUNDATION);
  }
  apb::SkillSet* technology = framework.add_skill_sets();
  technology->set_code("TECHNOLOGY");
  technology->set_kind(apb::SKILL_SET_KIND_ROLE);
  for (int level = 0; level <= 4; ++level) framework.add_levels()->set_level(level);
  for (const char* set : {"LITERACY", "GOVERNANCE", "TECHNOLOGY"}) {
    for (auto [period, level] : {std::pair{common::v1::PERIOD_EARLY, 1},
                                 std::pair{common::v1::PERIOD_DEVELOPING, 2},
                                 std::pair{common::v1::PERIOD_MATURING, 3}}) {
      apb::Target* target = framework.add_targets();
      target->set_personnel_group(common::v1::PERSONNEL_GROUP_TECHNOLOGY);
      target->set_skill_set_code(set);
      target->set_period(period);
      target->set_level(level);
    }
  }
  return framework;
}

}  // namespace

ReadinessFixture::ReadinessFixture() : clock_(TestNow()) {
  agencies_.push_back(store_.AddAgency(kMdes, "MDES"));
  agencies_.push_back(store_.AddAgency(kTmd, "TMD", kMdes));
  agencies_.push_back(store_.AddAgency(kTmdIt, "TMD-IT", kTmd));
  agencies_.push_back(store_.AddAgency(kTmdFc, "TMD-FC", kTmd));
  agencies_.push_back(store_.AddAgency(kNso, "NSO", kMdes));
  standings_.AddFramework(FrameworkOf("PROV", true));
  standings_.AddFramework(FrameworkOf("OFFICIAL", false));
}

readiness::ReadinessRow ReadinessFixture::Row(int64_t agency_id, int group,
                                              const std::string& skill_set,
                                              readiness::PersonStanding standing,
                                              const std::string& framework) {
  readiness::ReadinessRow row;
  row.skill_set_code = skill_set;
  row.framework_code = framework;
  row.agency_id = agency_id;
  row.personnel_group = group;
  row.standing = standing;
  return row;
}

Principal ReadinessFixture::Admin() {
  Principal principal;
  principal.role = Role::kAdmin;
  return principal;
}

Principal ReadinessFixture::CioOf(int64_t agency_id, const std::string& code) const {
  Principal principal;
  principal.role = Role::kCioOffice;
  principal.agency_id = agency_id;
  principal.agency_code = code;
  principal.agency_path = agencies_[static_cast<size_t>(agency_id - 1)].path;
  return principal;
}

void ReadinessFixture::PersonAtTmdIt(int64_t person_id) {
  store_.Assign(person_id, kTmdIt, absl::CivilDay(2025, 10, 1));
  standings_.SetAgencyFramework("TMD-IT", "PROV");
  assessment::PersonContext person;
  person.person_id = person_id;
  person.group = kTechnology;
  person.agency_code = "TMD-IT";
  person.agency_path = agencies_[kTmdIt - 1].path;
  person.record_agency_path = person.agency_path;
  person.period = assessment::Period::kDeveloping;
  standings_.SetPerson(person);
}

}  // namespace thaksa::testing
