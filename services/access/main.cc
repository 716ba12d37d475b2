// thaksa-access: the access service (tokens, audit trail) alone.
#include "common/server_main.h"
#include "services/access/access_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::access::MakeAccessService};
  spec.create_admin_token = thaksa::access::CreateAdminToken;
  return thaksa::ServerMain(argc, argv, spec);
}
