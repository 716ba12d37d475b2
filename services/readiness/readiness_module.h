// The readiness service as hosted by a server binary, with its refresher.
#ifndef THAKSA_SERVICES_READINESS_READINESS_MODULE_H_
#define THAKSA_SERVICES_READINESS_READINESS_MODULE_H_

#include <memory>

#include "common/server_main.h"

namespace thaksa::readiness {

std::unique_ptr<HostedService> MakeReadinessService(const ServiceDeps& deps);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_MODULE_H_
