// clang-tidy's NOLINT comments silence fearless findings: bare, with fearless check names (or
// `fearless-` prefixed ones, or globs), on the next line, and between NOLINTBEGIN/NOLINTEND.
// Lists naming only other tools' checks, and NOLINT inside a string, silence nothing.
#include <stdlib.h>

int bare(int *p) { free(p); return *p; } // NOLINT
int named(int *p) { free(p); return *p; } // NOLINT(use-after-move)
int prefixed(int *p) { free(p); return *p; } // NOLINT(bugprone-foo, fearless-use-after-move)
int glob(int *p) { free(p); return *p; } // NOLINT(use-after-*)
int other_tool(int *p) { free(p); return *p; } // NOLINT(bugprone-use-after-move) //~ ERROR use-after-move
int other_check(int *p) { free(p); return *p; } // NOLINT(data-race) //~ ERROR use-after-move

// NOLINTNEXTLINE(use-after-move)
int next_line(int *p) { free(p); return *p; }
int not_next(int *p) { free(p); return *p; } //~ ERROR use-after-move

/* NOLINTBEGIN(use-after-move) */
int region_a(int *p) { free(p); return *p; }
int region_b(int *p) { free(p); return *p; }
/* NOLINTEND(use-after-move) */
int after_region(int *p) { free(p); return *p; } //~ ERROR use-after-move

int in_string(int *p) { const char *s = "// NOLINT"; free(p); return *p + !s; } //~ ERROR use-after-move
