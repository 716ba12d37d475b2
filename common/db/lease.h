// Named leases in table `lease`: one holder at a time, until the lease lapses unless renewed.
// Unlike GET_LOCK, which is local to one node of a Galera cluster, a lease holds across the
// cluster: two nodes' claims of the same row conflict at commit, and only one of them stands.
// Used to serialise migrations and to run each background task in one replica at a time.
#ifndef THAKSA_COMMON_DB_LEASE_H_
#define THAKSA_COMMON_DB_LEASE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sql {
class Connection;
}

namespace thaksa {

// Creates table `lease` if it does not exist (ApplyMigrations does, before anything else).
void CreateLeaseTable(sql::Connection& connection);

// A name for a new holder, unique to this process and call: host, process id, a random number
// drawn once per process and a counter.
std::string NewLeaseHolder();

// Takes lease `name` for `holder` for `duration` if nobody holds it, its holder's time has
// lapsed, or `holder` has it already (then it is renewed). True if `holder` has it now.
bool TakeLease(sql::Connection& connection, absl::string_view name, absl::string_view holder,
               absl::Duration duration);

// Gives lease `name` up if `holder` has it.
void ReleaseLease(sql::Connection& connection, absl::string_view name, absl::string_view holder);

// Who holds lease `name` now; "" if nobody does (or the holder's time has lapsed).
std::string LeaseHolder(sql::Connection& connection, absl::string_view name);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_LEASE_H_
