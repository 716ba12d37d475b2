// The access service as hosted by a server binary.
#ifndef THAKSA_SERVICES_ACCESS_ACCESS_MODULE_H_
#define THAKSA_SERVICES_ACCESS_ACCESS_MODULE_H_

#include <memory>
#include <string>

#include "common/server_main.h"

namespace thaksa::access {

std::unique_ptr<HostedService> MakeAccessService(const ServiceDeps& deps);

// Creates a bootstrap ADMIN token in the database of `pool`; for ServerSpec::create_admin_token.
absl::StatusOr<std::string> CreateAdminToken(ConnectionPool& pool, const Clock& clock);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_ACCESS_MODULE_H_
