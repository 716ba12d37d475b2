// thaksa-personnel: the personnel service alone (tokens are managed by thaksa-server's access
// service over the same database).
#include "common/server_main.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "services/personnel/personnel_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::personnel::MakePersonnelService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  return thaksa::ServerMain(argc, argv, spec);
}
