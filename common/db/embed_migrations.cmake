# Writes OUTPUT, a C++ file defining thaksa::BundledMigrations() from the NNN_*.sql files of
# SQL_DIR. Run at configure time; editing a migration re-runs configure.
file(GLOB migration_files CONFIGURE_DEPENDS "${SQL_DIR}/[0-9][0-9][0-9]_*.sql")
list(SORT migration_files)
set(body "")
foreach(path IN LISTS migration_files)
  get_filename_component(name "${path}" NAME)
  string(SUBSTRING "${name}" 0 3 number)
  math(EXPR version "${number}")
  file(READ "${path}" sql)
  string(APPEND body "      {${version}, \"${name}\", R\"thaksa_sql(${sql})thaksa_sql\"},\n")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${path}")
endforeach()
file(CONFIGURE OUTPUT "${OUTPUT}" CONTENT "// Generated from deploy/sql by embed_migrations.cmake.
#include \"common/db/migrations.h\"

namespace thaksa {

const std::vector<Migration>& BundledMigrations() {
  static const auto* migrations = new std::vector<Migration>{
${body}  };
  return *migrations;
}

}  // namespace thaksa
")
