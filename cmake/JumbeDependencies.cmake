# Finds every third-party library once, as imported targets that modules link by name.
# tools/install-deps.sh installs all of them; a missing one stops configure with the package name.
find_package(PkgConfig REQUIRED)

find_package(Boost 1.74 EXACT REQUIRED)            # Asio + Beast, header-only here
find_package(SQLite3 REQUIRED)                     # libsqlite3-dev
find_package(yaml-cpp REQUIRED)                    # libyaml-cpp-dev
find_package(spdlog REQUIRED)                      # libspdlog-dev
find_package(nlohmann_json 3.11 REQUIRED)          # nlohmann-json3-dev
find_package(CLI11 REQUIRED)                       # libcli11-dev
find_package(tl-expected REQUIRED)                 # libexpected-dev
pkg_check_modules(libserialport REQUIRED IMPORTED_TARGET libserialport)   # libserialport-dev
pkg_check_modules(libsystemd REQUIRED IMPORTED_TARGET libsystemd)         # libsystemd-dev
find_package(Threads REQUIRED)

# libphonenumber-dev ships no CMake or pkg-config file.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h)
find_library(PHONENUMBER_LIBRARY phonenumber)
if(NOT PHONENUMBER_INCLUDE_DIR OR NOT PHONENUMBER_LIBRARY)
  message(FATAL_ERROR "libphonenumber not found: run tools/install-deps.sh (package libphonenumber-dev)")
endif()
add_library(jumbe_phonenumber INTERFACE)
add_library(jumbe::phonenumber ALIAS jumbe_phonenumber)
target_include_directories(jumbe_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(jumbe_phonenumber INTERFACE ${PHONENUMBER_LIBRARY})

# Asio as used everywhere in jumbe: standalone io_context, C++20 coroutines, no deprecated API.
add_library(jumbe_asio INTERFACE)
add_library(jumbe::asio ALIAS jumbe_asio)
target_link_libraries(jumbe_asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(jumbe_asio INTERFACE
  BOOST_ASIO_NO_DEPRECATED BOOST_ASIO_DISABLE_BOOST_REGEX BOOST_BEAST_USE_STD_STRING_VIEW)
# Boost 1.74 only enables co_await for clang with libc++'s <experimental/coroutine>; clang >= 14
# with libstdc++'s C++20 <coroutine> works too (the fuzz build), so say so.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 14)
  target_compile_definitions(jumbe_asio INTERFACE BOOST_ASIO_HAS_CO_AWAIT=1)
endif()

if(JUMBE_TESTS OR JUMBE_BENCH)
  find_package(GTest REQUIRED)                     # libgtest-dev, libgmock-dev
  include(GoogleTest)
endif()
if(JUMBE_BENCH)
  find_package(benchmark REQUIRED)                 # libbenchmark-dev
endif()
