# JUMBE_SANITIZE=address,undefined adds the sanitizers to every target in the tree.
# UBSan is made fatal so that a test run fails on undefined behaviour instead of printing past it.
if(JUMBE_SANITIZE)
  string(REPLACE "," ";" _jumbe_sanitizers "${JUMBE_SANITIZE}")
  foreach(_s IN LISTS _jumbe_sanitizers)
    if(NOT _s MATCHES "^(address|undefined|leak|thread)$")
      message(FATAL_ERROR "JUMBE_SANITIZE: unknown sanitizer '${_s}' (use address, undefined, leak, thread)")
    endif()
  endforeach()
  set(_flags "-fsanitize=${JUMBE_SANITIZE}" -fno-omit-frame-pointer)
  if("undefined" IN_LIST _jumbe_sanitizers)
    list(APPEND _flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${_flags})
  add_link_options(${_flags})
  message(STATUS "jumbe: sanitizers ${JUMBE_SANITIZE}")
endif()

# Fuzz builds instrument every library for coverage (fuzzer-no-link) so libFuzzer sees the
# branches of the code under test, not only of the harness; the harnesses link the fuzzer itself.
# clang 14's -fsanitize=function emits exception tables it cannot assemble for C++20
# coroutines ("Cannot represent a difference across sections"), so that one check is left out.
if(JUMBE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
