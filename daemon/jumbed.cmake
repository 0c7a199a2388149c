# jumbed: the gateway daemon (issue 7). Wires config, store, router, modems and logging; lands in
# build/bin next to the jumbe CLI.
add_executable(jumbed ${CMAKE_CURRENT_SOURCE_DIR}/main.cpp)
target_link_libraries(jumbed PRIVATE jumbe::api jumbe::webhooks jumbe::gateway jumbe::config jumbe::store jumbe::log
                                     jumbe::version CLI11::CLI11 PkgConfig::libsystemd
                                     jumbe::warnings)
set_target_properties(jumbed PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
install(TARGETS jumbed RUNTIME DESTINATION sbin)
