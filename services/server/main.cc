// thaksa-server: every Thaksa service in one process.
#include "common/server_main.h"
#include "services/personnel/personnel_module.h"

int main(int argc, char** argv) {
  return thaksa::ServerMain(argc, argv, {thaksa::personnel::MakePersonnelService});
}
