// thaksa-assessment: the assessment service alone.
#include "common/server_main.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "services/assessment/assessment_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::assessment::MakeAssessmentService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  return thaksa::ServerMain(argc, argv, spec);
}
