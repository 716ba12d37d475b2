// thaksa-access: the access service (tokens, audit trail) alone.
#include "common/server_main.h"
#include "services/access/access_module.h"
#include "services/access/store/mysql_principal_resolver.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::access::MakeAccessService};
  spec.principal_resolver = thaksa::access::MakePrincipalResolver;
  spec.create_admin_token = thaksa::access::CreateAdminToken;
  return thaksa::ServerMain(argc, argv, spec);
}
