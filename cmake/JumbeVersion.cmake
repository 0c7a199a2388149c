# Bakes `git describe` into jumbe::version at build time (not configure time), so a binary's
# --version always names the commit it was built from. The generated file is rewritten only
# when the text changes, so an unchanged tree does not relink.
set(JUMBE_VERSION_CPP ${CMAKE_BINARY_DIR}/generated/jumbe_version.cpp)
add_custom_target(jumbe_version_stamp
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
    -DOUTPUT=${JUMBE_VERSION_CPP}
    -DPROJECT_VERSION=${PROJECT_VERSION}
    -P ${CMAKE_SOURCE_DIR}/cmake/GenerateVersion.cmake
  BYPRODUCTS ${JUMBE_VERSION_CPP}
  COMMENT "Stamping version from git describe"
  VERBATIM)
add_library(jumbe_version STATIC ${JUMBE_VERSION_CPP})
add_library(jumbe::version ALIAS jumbe_version)
add_dependencies(jumbe_version jumbe_version_stamp)
target_include_directories(jumbe_version PUBLIC ${CMAKE_SOURCE_DIR}/cmake/include)
