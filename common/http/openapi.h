// The OpenAPI 3 document of the REST/JSON door, made from the routes and the messages of the
// protos: a path per route, parameters from the path and query, request and answer schemas.
#ifndef THAKSA_COMMON_HTTP_OPENAPI_H_
#define THAKSA_COMMON_HTTP_OPENAPI_H_

#include <string>

#include "common/http/routes.h"

namespace thaksa::http {

std::string OpenApiDocument(const RouteTable& routes);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_OPENAPI_H_
