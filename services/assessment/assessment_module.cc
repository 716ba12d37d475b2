#include "services/assessment/assessment_module.h"

#include "services/assessment/assessment_service.h"
#include "services/assessment/store/mysql_assessment_store.h"
#include "services/assessment/units/mysql_unit_catalogue.h"
#include "services/learning/catalogue/mysql_catalogue.h"
#include "services/learning/store/mysql_goal_activity_reads.h"
#include "services/personnel/directory/mysql_directory.h"

namespace thaksa::assessment {
namespace {

class AssessmentModule final : public HostedService {
 public:
  explicit AssessmentModule(const ServiceDeps& deps)
      : store_(deps.pool),
        directory_(deps.pool),
        catalogue_(deps.pool),
        units_(deps.pool),
        activities_(deps.pool),
        service_(store_, directory_, catalogue_, units_, activities_, deps.clock, deps.guard) {}
  grpc::Service& service() override { return service_; }

 private:
  MySqlAssessmentStore store_;
  personnel::MySqlDirectory directory_;
  // Learning's published read of institutes' trust (max_assessed_level).
  learning::MySqlCatalogue catalogue_;
  MySqlUnitCatalogue units_;
  // Learning's published read of people's development activities linked to the annex's goals.
  learning::MySqlGoalActivityReads activities_;
  AssessmentService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeAssessmentService(const ServiceDeps& deps) {
  return std::make_unique<AssessmentModule>(deps);
}

}  // namespace thaksa::assessment
