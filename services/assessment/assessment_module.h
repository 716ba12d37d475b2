// The assessment service as hosted by a server binary.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_MODULE_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_MODULE_H_

#include <memory>

#include "common/server_main.h"

namespace thaksa::assessment {

std::unique_ptr<HostedService> MakeAssessmentService(const ServiceDeps& deps);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_MODULE_H_
