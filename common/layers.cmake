# Keeps the layers honest: a domain library (pure types and rules) may link thaksa_base but never
# gRPC, Connector/C++ or the layers built on them. Declare one with thaksa_domain_library(); the
# check runs once every target exists and fails the configure step, so the build cannot go on.

# Adds static library `name` of the given sources as a domain library linking `LINKS`.
function(thaksa_domain_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${THAKSA_WARNINGS})
  target_link_libraries(${name} PUBLIC thaksa_base ${ARG_LINKS})
  set_property(GLOBAL APPEND PROPERTY THAKSA_DOMAIN_LIBRARIES ${name})
endfunction()

# Every library `target` links, directly or through others, into `out`.
function(thaksa_link_closure target out)
  set(seen "")
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    # Private links of a static library appear here as $<LINK_ONLY:name>; the library's own
    # LINK_LIBRARIES holds them too.
    foreach(property INTERFACE_LINK_LIBRARIES LINK_LIBRARIES)
      get_target_property(links ${current} ${property})
      if(links)
        string(REGEX REPLACE "\\$<LINK_ONLY:([^>]+)>" "\\1" links "${links}")
        list(APPEND pending ${links})
      endif()
    endforeach()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(thaksa_check_domain_layers)
  set(forbidden_in_domain
    gRPC::grpc++ gRPC::grpc gRPC::grpc++_reflection mysqlcppconn::mysqlcppconn
    thaksa_db thaksa_rpc thaksa_proto)
  get_property(domains GLOBAL PROPERTY THAKSA_DOMAIN_LIBRARIES)
  foreach(domain ${domains})
    thaksa_link_closure(${domain} closure)
    foreach(forbidden ${forbidden_in_domain})
      if(forbidden IN_LIST closure)
        message(FATAL_ERROR "domain library ${domain} links ${forbidden}: domain code stays "
                            "free of gRPC and SQL (see docs/ARCHITECTURE.md)")
      endif()
    endforeach()
  endforeach()
endfunction()
