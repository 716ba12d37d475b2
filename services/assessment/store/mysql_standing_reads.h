// StandingReads on MySQL/MariaDB, for read models hosted beside (or apart from) the assessment
// service: they get the interface without depending on assessment's store class.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_STANDING_READS_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_STANDING_READS_H_

#include <memory>

#include "common/db/connection_pool.h"
#include "services/assessment/store/standing_reads.h"

namespace thaksa::assessment {

// Reads through `pool`, which must outlive the result.
std::unique_ptr<StandingReads> MakeStandingReads(ConnectionPool& pool);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_STANDING_READS_H_
