// The learning service as hosted by a server binary.
#ifndef THAKSA_SERVICES_LEARNING_LEARNING_MODULE_H_
#define THAKSA_SERVICES_LEARNING_LEARNING_MODULE_H_

#include <memory>

#include "common/server_main.h"

namespace thaksa::learning {

std::unique_ptr<HostedService> MakeLearningService(const ServiceDeps& deps);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_LEARNING_MODULE_H_
