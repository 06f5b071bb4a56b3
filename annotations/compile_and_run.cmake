# Compile one annotations test program with one compiler and flag set, then run it.
#   cmake -DCC=<compiler> -DSRC=<file.c> -DOUT=<exe> -DFLAGS="a|b|c" -DINCLUDE=<dir> -P compile_and_run.cmake
# An empty CC means the compiler was not found at configure time: the test reports itself skipped.
if(NOT CC)
  message("SKIPPED: ${WHAT} not found when configuring (install it and re-run cmake)")
  return()
endif()
string(REPLACE "|" ";" flags "${FLAGS}")
execute_process(COMMAND ${CC} ${flags} -I${INCLUDE} ${SRC} -o ${OUT} -pthread
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE ";" " " shown "${flags}")
message("${CC} ${shown} ${SRC}")
if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "compilation failed or was not warning-free (exit ${rc}):\n${out}${err}")
endif()
execute_process(COMMAND ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OUT} exited ${rc}")
endif()
