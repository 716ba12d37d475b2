// thaksa-readiness: the readiness service alone, with its refresher.
#include "common/server_main.h"
#include "services/readiness/readiness_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::readiness::MakeReadinessService};
  return thaksa::ServerMain(argc, argv, spec);
}
