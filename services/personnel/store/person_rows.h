// Reading people from MySQL rows: shared by the lookups and the bulk upsert.
#ifndef THAKSA_SERVICES_PERSONNEL_STORE_PERSON_ROWS_H_
#define THAKSA_SERVICES_PERSONNEL_STORE_PERSON_ROWS_H_

#include <cppconn/connection.h>
#include <cppconn/resultset.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/db/prepared_statements.h"
#include "services/personnel/domain/person.h"

namespace thaksa::personnel {

// Columns of person (alias p) with its agency of record (ra) and supervisor (s), for ReadPerson.
extern const char kPersonColumns[];
// FROM clause joining those tables.
extern const char kPersonFrom[];

// The person in the current row of a query selecting kPersonColumns.
Person ReadPerson(sql::ResultSet& row);

// Columns of an assignment (alias pa) with its agency (a), for ReadAssignment.
extern const char kAssignmentColumns[];

// The assignment in the current row of a query selecting kAssignmentColumns.
Assignment ReadAssignment(sql::ResultSet& row);

// Columns of a secondary group (alias g), for ReadSecondaryGroup.
extern const char kSecondaryGroupColumns[];

// The secondary group in the current row of a query selecting kSecondaryGroupColumns.
SecondaryGroup ReadSecondaryGroup(sql::ResultSet& row);

// Fills the secondary groups and assignments (all, or only those in force on `*on`) of
// `people`, which are keyed by id.
void LoadPersonDetails(PreparedStatements& statements,
                       absl::flat_hash_map<int64_t, Person*>& people, const absl::CivilDay* on);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_STORE_PERSON_ROWS_H_
