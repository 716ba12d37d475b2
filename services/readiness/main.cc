// thaksa-readiness: the readiness service alone, with its refresher.
#include "common/server_main.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "services/readiness/readiness_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::readiness::MakeReadinessService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  return thaksa::ServerMain(argc, argv, spec);
}
