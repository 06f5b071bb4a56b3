# Writes OUT: the man page fearless(1), generated from GUIDE (docs/guide.md) so that it never
# drifts from the guide: its first paragraph, the options table of "Command-line options", the
# checks table, the exit codes table. VERSION goes in the header.
#   cmake -DGUIDE=docs/guide.md -DOUT=fearless.1 -DVERSION=0.1.0 -P cmake/make_manpage.cmake

file(READ ${GUIDE} guide)
string(REPLACE ";" "@SEMI@" guide "${guide}")   # keep CMake from splitting on `;`; restored in to_roff
string(REPLACE "\n" ";" lines "${guide}")

# Markdown of one table cell or paragraph to roff.
function(to_roff text out)
  string(REPLACE "\\|" "|" text "${text}")
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "\\[([^]]*)\\]\\([^)]*\\)" "\\1" text "${text}")     # [text](link) -> text
  string(REGEX REPLACE "`([^`]*)`" "\\\\fB\\1\\\\fR" text "${text}")         # `code` -> bold
  string(REGEX REPLACE "\\*\\*([^*]*)\\*\\*" "\\\\fB\\1\\\\fR" text "${text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
  string(REPLACE "@SEMI@" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The rows of the first table after the heading line `heading` as roff .TP entries.
function(table_after heading out)
  set(in_section FALSE)
  set(in_table FALSE)
  set(header TRUE)
  set(roff "")
  foreach(line IN LISTS lines)
    if(line STREQUAL heading)
      set(in_section TRUE)
      continue()
    endif()
    if(NOT in_section)
      continue()
    endif()
    if(line MATCHES "^\\|")
      set(in_table TRUE)
      if(line MATCHES "^\\|[- |]*\\|$" OR header)
        set(header FALSE)
        continue()    # the header and separator rows
      endif()
      string(REPLACE "\\|" "@PIPE@" cells "${line}")
      string(REGEX REPLACE "^\\| *" "" cells "${cells}")
      string(REGEX REPLACE " *\\|$" "" cells "${cells}")
      string(REGEX REPLACE " *\\| *" ";" cells "${cells}")
      list(LENGTH cells n)
      list(GET cells 0 first)
      math(EXPR last "${n} - 1")
      list(GET cells ${last} rest)
      if(n GREATER 2)
        list(GET cells 1 middle)
        set(rest "${middle}: ${rest}")
      endif()
      string(REPLACE "@PIPE@" "|" first "${first}")
      string(REPLACE "@PIPE@" "|" rest "${rest}")
      to_roff("${first}" first)
      to_roff("${rest}" rest)
      string(APPEND roff ".TP\n${first}\n${rest}\n")
    elseif(in_table)
      break()
    endif()
  endforeach()
  set(${out} "${roff}" PARENT_SCOPE)
endfunction()

# The first paragraph after the title.
set(description "")
set(started FALSE)
foreach(line IN LISTS lines)
  if(line MATCHES "^# ")
    set(started TRUE)
    continue()
  endif()
  if(started AND line STREQUAL "" AND NOT description STREQUAL "")
    break()
  endif()
  if(started AND NOT line STREQUAL "")
    string(APPEND description "${line} ")
  endif()
endforeach()
to_roff("${description}" description)

table_after("## Command-line options" options)
table_after("## Exit codes" exit_codes)
# The checks table sits in the introduction, before the first `## `.
set(checks "")
foreach(line IN LISTS lines)
  if(line MATCHES "^## ")
    break()
  endif()
  if(line MATCHES "^\\| \\[")
    string(REGEX REPLACE "^\\| *\\[([^]]*)\\][^|]*\\| *([^ |]*) *\\| *(.*) \\|$" "\\1;\\2;\\3" cells "${line}")
    list(GET cells 0 name)
    list(GET cells 1 code)
    list(GET cells 2 what)
    to_roff("${what}" what)
    string(REPLACE "-" "\\-" name "${name}")
    string(APPEND checks ".TP\n\\fB${name}\\fR (${code})\n${what}\n")
  endif()
endforeach()

if(options STREQUAL "" OR checks STREQUAL "" OR exit_codes STREQUAL "")
  message(FATAL_ERROR "make_manpage: the options, checks or exit codes table was not found in ${GUIDE}")
endif()

file(WRITE ${OUT}.tmp ".\\\" Generated from docs/guide.md by cmake/make_manpage.cmake: edit the guide.
.TH FEARLESS 1 \"\" \"fearless ${VERSION}\" \"User Commands\"
.SH NAME
fearless \\- Rust's thread-safety rules for C programs using pthreads or C11 threads
.SH SYNOPSIS
.B fearless
[\\fIoptions\\fR] \\fIfile\\fR... [\\fB\\-\\-\\fR \\fIcompiler arguments\\fR]
.br
.B fearless
[\\fIoptions\\fR] \\fB\\-p\\fR \\fIbuild dir\\fR [\\fIfile\\fR...]
.SH DESCRIPTION
${description}
.PP
Each file is parsed with libclang using its entry in the compile_commands.json of
\\fB\\-p\\fR, else the compiler arguments after \\fB\\-\\-\\fR, else an entry of a
compile_commands.json in the file's folder or a parent. Every long option may be written with
one or two dashes, and its value as \\fB=\\fIvalue\\fR or as the next argument.
.SH OPTIONS
${options}.SH CHECKS
\\fBfearless \\-\\-explain\\fR \\fIcheck\\fR prints the page of each.
${checks}.SH EXIT STATUS
${exit_codes}.SH FILES
.TP
.B .fearless
Check levels and selection for the files of its folder and below (the nearest one wins).
.TP
.B .clang-tidy
Its \\fBChecks\\fR and \\fBWarningsAsErrors\\fR keys, where they name fearless checks.
.TP
.B compile_commands.json
The compilation database that gives each file its flags.
.SH ENVIRONMENT
.TP
.B NO_COLOR
When set and not empty, \\fB\\-\\-color=auto\\fR means no color.
.SH SEE ALSO
.BR clang-tidy (1),
the fearless user guide (docs/guide.md), and \\fBfearless \\-\\-explain\\fR \\fIcheck\\fR.
")
file(RENAME ${OUT}.tmp ${OUT})
