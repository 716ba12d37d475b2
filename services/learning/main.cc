// thaksa-learning: the learning service alone (give --peer_address of the assessment service).
#include "common/server_main.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "services/learning/learning_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::learning::MakeLearningService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  return thaksa::ServerMain(argc, argv, spec);
}
