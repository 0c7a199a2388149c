# Script mode: runs COMMAND (a ;-list), fails unless its exit code is EXPECT_EXIT and, when
# EXPECT_STDOUT is set, its stdout matches that regex. Prints what it got on failure.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match '${EXPECT_STDOUT}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
