# Compile each of SRCS (;-separated, relative to the working directory) with CC as strict C11;
# fail on any diagnostic. Objects go to OUT (a directory).
#   cmake -DCC=<compiler> -DSRCS="a.c;b.c" -DOUT=<dir> -P compile_warning_free.cmake
file(MAKE_DIRECTORY ${OUT})
foreach(src ${SRCS})
  get_filename_component(name ${src} NAME_WE)
  set(cmd ${CC} -std=c11 -Wall -Wextra -pedantic -Werror -pthread -c ${src} -o ${OUT}/${name}.o)
  string(REPLACE ";" " " shown "${cmd}")
  message("${shown}")
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
    message(FATAL_ERROR "${src}: compilation failed or was not warning-free (exit ${rc}):\n${out}${err}")
  endif()
endforeach()
