/* link.h - the units of a whole-program run, linked by name: which unit defines each function
 * with external linkage, and what each unit imports from the others.
 *
 * Every unit's summary (facts/unitsum.h) is registered here as soon as its facts are built; a
 * unit's importer (facts/unit.h) then finds, for a name it calls but does not define, the
 * summary that another unit gives for it. When several units define one name (two programs
 * of one compilation database, each with its own `usage()`), the definition whose object file
 * (or, without one, source file) shares the longest path prefix with the importer's is taken:
 * automake names objects `prog-file.o`, CMake puts them in `CMakeFiles/prog.dir/`, so units
 * built for the same program sort together. Ties go to the unit registered first.
 */
#ifndef FL_LINK_H
#define FL_LINK_H

#include <stdint.h>

#include "unit.h"
#include "unitsum.h"

typedef struct fx_link fx_link;

fx_link *link_new(void);
void link_free(fx_link *l);

/* Register a unit (file: display path of its main file; output: its object file, or NULL);
   returns its slot, 0, 1, 2... in call order. The strings are copied. */
uint32_t link_add_unit(fx_link *l, const char *file, const char *output);
/* Give (or replace) the summary of a slot; the link takes ownership. */
void link_set_summary(fx_link *l, uint32_t slot, us_unit *s);
/* The summary of a slot, or NULL. */
const us_unit *link_summary(const fx_link *l, uint32_t slot);
/* The importer for the unit in `slot`: lookups see every other unit's current summary. Valid
   while the link lives. */
const fx_importer *link_importer(fx_link *l, uint32_t slot);
uint32_t link_units(const fx_link *l);

/* The order in which to bring units up to date: every unit after the units it imports from
   (a post-order of the import graph; cycles are cut), so that one pass settles all but the
   cycles. `imports(ctx, slot, visit)` must call visit(vctx, name) for each name the slot
   imports. Fills order[0..nslots). */
void link_order(fx_link *l, uint32_t nslots, void (*imports)(void *ctx, uint32_t slot, void (*visit)(void *vctx, const char *name), void *vctx),
                void *ctx, uint32_t *order);

#endif
