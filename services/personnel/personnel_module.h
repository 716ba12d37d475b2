// The personnel service as hosted by a server binary: its MySQL store and RPC adapter.
#ifndef THAKSA_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_
#define THAKSA_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_

#include <memory>

#include "common/server_main.h"

namespace thaksa::personnel {

// Makes the personnel service over the deps' database pool.
std::unique_ptr<HostedService> MakePersonnelService(const ServiceDeps& deps);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_
