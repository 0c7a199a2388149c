# Helpers for tests/: one call per test executable.
#
# jumbe_add_gtest(NAME SOURCES a.cpp b.cpp LINK jumbe::pdu ...)
#   builds a GoogleTest executable and registers each TEST as its own ctest, labelled "unit".
#   Discovery runs at test time (PRE_TEST), so cross and sanitizer builds never run tests while
#   building.
function(jumbe_add_gtest name)
  cmake_parse_arguments(arg "" "LABEL" "SOURCES;LINK" ${ARGN})
  if(NOT arg_LABEL)
    set(arg_LABEL unit)
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LINK} GTest::gtest GTest::gmock GTest::gtest_main
                                        jumbe::warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS ${arg_LABEL}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()

# jumbe_add_command_test(NAME EXIT CODE [STDOUT regex] COMMAND cmd args...)
#   runs a command and checks its exit code (and optionally that stdout matches a regex).
function(jumbe_add_command_test name)
  cmake_parse_arguments(arg "" "EXIT;STDOUT;LABEL" "COMMAND" ${ARGN})
  if(NOT arg_LABEL)
    set(arg_LABEL cli)
  endif()
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${arg_EXIT} "-DEXPECT_STDOUT=${arg_STDOUT}"
            "-DCOMMAND=${arg_COMMAND}" -P ${PROJECT_SOURCE_DIR}/cmake/RunCommandTest.cmake)
  set_tests_properties(${name} PROPERTIES LABELS ${arg_LABEL})
endfunction()

# jumbe_add_fuzzer(NAME SOURCES fuzz_x.cpp LINK jumbe::pdu)
#   a libFuzzer target (JUMBE_FUZZ=ON, clang). Its seed corpus is tests/fuzz/corpus/NAME/.
#   tests/fuzz/run.sh builds every fuzzer and runs each for a bounded time.
function(jumbe_add_fuzzer name)
  cmake_parse_arguments(arg "" "" "SOURCES;LINK" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE ${arg_LINK})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  add_dependencies(jumbe_fuzzers ${name})
endfunction()

# jumbe_add_benchmark(NAME SOURCES b.cpp LINK jumbe::pdu)
#   a Google Benchmark executable (JUMBE_BENCH=ON) in build/bench/; tests/bench/run.sh runs them all.
function(jumbe_add_benchmark name)
  cmake_parse_arguments(arg "" "" "SOURCES;LINK" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LINK} benchmark::benchmark jumbe::warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  add_dependencies(jumbe_benchmarks ${name})
endfunction()
