// thaksa-server: every Thaksa service in one process.
#include "common/server_main.h"
#include "services/access/access_module.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "services/assessment/assessment_module.h"
#include "services/learning/learning_module.h"
#include "services/personnel/personnel_module.h"
#include "services/readiness/readiness_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::access::MakeAccessService, thaksa::personnel::MakePersonnelService,
                   thaksa::assessment::MakeAssessmentService,
                   thaksa::learning::MakeLearningService,
                   thaksa::readiness::MakeReadinessService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  spec.create_admin_token = thaksa::access::CreateAdminToken;
  spec.default_http_listen = "127.0.0.1:8080";
  return thaksa::ServerMain(argc, argv, spec);
}
