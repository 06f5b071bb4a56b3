/* checksel.h - which checks --checks enables, and what to say when it enables none. */
#ifndef FL_CHECKSEL_H
#define FL_CHECKSEL_H

#include "../checks/registry.h"

/* The checks the glob list enables (NULL: all), in registry order, into enabled[0..max); their
   number, and in *needs the facts they read. */
unsigned checksel_enabled(const char *globs, const check_info **enabled, unsigned max, unsigned *needs);

/* The message of the usage error for a glob list that enables no check: it quotes the list and,
   when one of its patterns is a near miss of a check's name (an edit or two away, ignoring
   case) or is a check's code, names that check ("did you mean 'thread-borrow'?"). Heap string. */
char *checksel_none_message(const char *globs);
/* For a check's code used where a name is wanted (`E0277`): "; did you mean 'not-send' or
   'not-sync'? (--checks takes names; E0277 is their code)", heap-owned; NULL for anything else. */
char *checksel_code_hint(const char *name);

#endif
