/* cfg_dump.c - the stable text form of a CFG (--dump-cfg, unit tests).
 *
 * Format (two-space indent inside a block; nothing else varies):
 *
 *   cfg <function name>
 *   B0 (entry)
 *     succs: B2
 *   B2
 *     1: ref x                   elements, numbered from 1 in each block
 *     2: literal 1
 *     3: binary =
 *     4: decl y                  CFG_DECL
 *     5: scope-end y             CFG_SCOPE_END
 *     term: if                   the terminating statement/operator, when there is one
 *     cond: ref x                the branch condition, when there is one
 *     succs: B3 B4               omitted when the block has no successors (exit, dead ends)
 *   B5 (unreachable)             not reachable from the entry
 *   B1 (exit)
 *
 * Blocks come in id order, except that the exit comes last. A node is written as its kind
 * name followed by what distinguishes it: the name of a ref/call/var/goto/label ("ref x",
 * "call f", "goto out"), the spelling of a literal or operator ("literal 1", "binary &&",
 * "unary &"), the field of a member ("member .f", "member ->f"), "cond ?:" for GNU's a ?: b.
 */
#include "cfg.h"

#include <stdlib.h>

#include "../base/xalloc.h"

static void put_node(const ast_node *n, FILE *out)
{
    if (!n) {
        fputs("(null)", out);
        return;
    }
    fputs(ast_kind_name((ast_kind)n->kind), out);
    switch (n->kind) {
    case AST_REF:
    case AST_VAR:
        if (n->var && n->var->name)
            fprintf(out, " %s", n->var->name);
        else if (n->name)
            fprintf(out, " %s", n->name);
        break;
    case AST_BINARY:
        fprintf(out, " %s", ast_binop_spelling((ast_binop)n->op));
        break;
    case AST_UNARY:
        fprintf(out, " %s", ast_unop_spelling((ast_unop)n->op));
        break;
    case AST_MEMBER:
        fprintf(out, " %s%s", (n->flags & AST_F_ARROW) ? "->" : ".", n->name ? n->name : "?");
        break;
    case AST_COND:
        if (n->flags & AST_F_BINARY_COND)
            fputs(" ?:", out);
        break;
    default:
        if (n->name)
            fprintf(out, " %s", n->name);
        break;
    }
}

void cfg_dump(const cfg *g, FILE *out)
{
    uint8_t *reach = fl_xcalloc(g->nblocks ? g->nblocks : 1, 1);
    for (uint32_t i = 0; i < g->nrpo; i++)
        reach[g->rpo[i]] = 1;
    fprintf(out, "cfg %s\n", g->fn && g->fn->name ? g->fn->name : "?");
    for (uint32_t k = 0; k < g->nblocks; k++) {
        /* id order with the exit moved to the end */
        uint32_t i = k == 0 ? 0 : k + 1 < g->nblocks ? k + 1 : 1;
        const cfg_block *b = &g->blocks[i];
        fprintf(out, "B%u", i);
        if (i == g->entry)
            fputs(" (entry)", out);
        else if (i == g->exit)
            fputs(reach[i] ? " (exit)" : " (exit, unreachable)", out);
        else if (!reach[i])
            fputs(" (unreachable)", out);
        fputc('\n', out);
        for (uint32_t e = 0; e < b->nelems; e++) {
            const cfg_elem *el = &b->elems[e];
            fprintf(out, "  %u: ", e + 1);
            if (el->kind == CFG_EXPR)
                put_node(el->node, out);
            else
                fprintf(out, "%s %s", el->kind == CFG_DECL ? "decl" : "scope-end",
                        el->var && el->var->name ? el->var->name : "?");
            fputc('\n', out);
        }
        if (b->term) {
            fputs("  term: ", out);
            put_node(b->term, out);
            fputc('\n', out);
        }
        if (b->cond) {
            fputs("  cond: ", out);
            put_node(b->cond, out);
            fputc('\n', out);
        }
        if (b->nsuccs) {
            fputs("  succs:", out);
            for (uint32_t s = 0; s < b->nsuccs; s++)
                fprintf(out, " B%u", b->succs[s]);
            fputc('\n', out);
        }
    }
    free(reach);
}
