/* cond.h - reading branch conditions and call results: which value a condition tests, and
 * where a call's result is stored. Shared by every check that treats a call's status
 * (pthread_create, realloc, trylock) differently on its success and failure branches. */
#ifndef FL_COND_H
#define FL_COND_H
#endif
