// Learning's published reads of its catalogue (institutes) for the other services' MySQL
// stores: on the caller's connection, so that they are part of its transaction. Use-case code
// reads through catalogue.h instead.
#ifndef THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_SQL_H_
#define THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_SQL_H_

#include <cppconn/connection.h>

#include <optional>
#include <string>

namespace thaksa::learning {

// True if an institute with `code` is registered. May throw sql::SQLException.
bool InstituteExists(sql::Connection& c, const std::string& code);

// The max_assessed_level of the institute with `code`; nullopt if none is registered. May throw
// sql::SQLException.
std::optional<int> InstituteMaxAssessedLevel(sql::Connection& c, const std::string& code);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_SQL_H_
