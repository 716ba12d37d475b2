// Access's published reads of token metadata as stored, on the caller's connection: for the
// access store and for a person's subject-access export (personnel).
#ifndef THAKSA_SERVICES_ACCESS_STORE_TOKEN_QUERIES_H_
#define THAKSA_SERVICES_ACCESS_STORE_TOKEN_QUERIES_H_

#include <cppconn/connection.h>

#include <string>
#include <vector>

#include "common/auth/token_record.h"
#include "common/db/sql.h"

namespace thaksa::access {

// Tokens matching `condition` (SQL over alias t, with `params`), newest first, at most `limit`.
// May throw sql::SQLException.
std::vector<TokenRecord> QueryTokens(sql::Connection& connection, const std::string& condition,
                                     std::vector<SqlValue> params, int limit);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_STORE_TOKEN_QUERIES_H_
