/* pattern.c -- verb patterns over the words around a verb: the coder's
 * step 3 (see coder.h).
 *
 * Design.  TABARI/PETRARCH patterns are written over word sequences ("-
 * INDICATED WOULD * NOW" spans clauses), so they are matched over the
 * sentence's words, not over the tree: elements after the verb left to
 * right, elements before it right to left, with backtracking over where
 * each element lands.  Only the slots ($ + % ^) consult the tree, to bind
 * whole noun phrases.
 */
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"

/* ---- Pattern matching ------------------------------------------------------------ */

typedef struct mctx {
    ent_coder *c;
    const ent_pelem *e;
    int n;
    int32_t begin, end;           /* token window */
    pmatch *m;
    long steps;                   /* left of MATCH_STEPS */
} mctx;

/* Backtracking over non-adjacent elements is O(n^k) in the worst case (a
 * long sentence repeating a pattern's words); a budget per pattern and
 * side bounds it.  Real sentences use a few hundred steps at most, so a
 * pattern that runs out is one that does not match. */
#define MATCH_STEPS 100000

/* Tokens matched by a word or synset element at p (0 = no match). */
static int elem_len_at(const mctx *x, const ent_pelem *el, int32_t p, int32_t end) {
    if (p < 0 || p >= end) return 0;
    if (el->kind == ENT_PE_WORD) return T(x->c, p)->word == el->id ? 1 : 0;
    if (el->kind == ENT_PE_SYNSET) {
        const ent_phrase *ph = phrase_at_range(x->c, &x->c->d->synset_ix, p, end, el->id);
        return ph ? ph->n_words : 0;
    }
    return 0;
}

static int is_slot(int kind) {
    return kind == ENT_PE_SOURCE || kind == ENT_PE_TARGET || kind == ENT_PE_COMPOUND ||
           kind == ENT_PE_SKIP;
}

static int is_bracket(int kind) {
    return kind == ENT_PE_PP_OPEN || kind == ENT_PE_PP_CLOSE || kind == ENT_PE_NP_OPEN ||
           kind == ENT_PE_NP_CLOSE;
}

/* % before the verb: the compound subject acts on itself ("Gondor and
 * Osgiliath agree"); after it, the compound is the target ("agrees with
 * Gondor and Osgiliath"). */
static void bind_slot(pmatch *m, int kind, int32_t np, int after_verb) {
    if (kind == ENT_PE_SOURCE) m->src = np;
    else if (kind == ENT_PE_TARGET) m->tgt = np;
    else if (kind == ENT_PE_COMPOUND && after_verb) m->tgt = np;
    else if (kind == ENT_PE_COMPOUND) { m->src = np; m->compound = 1; }
}

/* Elements after the verb, left to right from `pos`.  An element marked
 * adjacent must start exactly at pos (joined to the verb or the element
 * before it). */
static int match_post(mctx *x, int k, int32_t pos) {
    if (k == x->n) return 1;
    if (--x->steps < 0) return 0;
    const ent_pelem *el = &x->e[k];
    if (is_bracket(el->kind)) return match_post(x, k + 1, pos);
    int adj = el->adjacent;
    if (el->kind == ENT_PE_SKIP) {
        /* ^ skips one noun phrase: the rest of the one we are inside
         * ("their ^" skips "populations"), else the next one */
        if (pos >= x->end) return 0;
        int32_t np = ent_np_containing(x->c, pos);
        if (np < 0 || N(x->c, np)->begin >= pos) {
            np = -1;
            for (int32_t p = pos; p < x->end && np < 0; p++) np = ent_np_smallest_at(x->c, p, x->end);
        }
        if (np < 0 || N(x->c, np)->end > x->end) return 0;
        return match_post(x, k + 1, N(x->c, np)->end);
    }
    for (int32_t p = pos; p < x->end; p++) {
        if (is_slot(el->kind)) {
            int32_t np = ent_np_starting_at(x->c, p, x->end);
            /* "held negotiations in Jakarta": a place after "in/at/near" is
             * where, not whom, unless the pattern itself names the
             * preposition ("- * (IN +)") */
            int place = el->kind == ENT_PE_TARGET && p > 0 && TF(x->c, p - 1, TF_LOC) &&
                        !(k > 0 && x->e[k - 1].kind == ENT_PE_WORD &&
                          x->e[k - 1].id == T(x->c, p - 1)->word);
            if (np >= 0 && !place && ent_np_entities(x->c, np).n) {
                pmatch save = *x->m;
                bind_slot(x->m, el->kind, np, 1);
                if (match_post(x, k + 1, N(x->c, np)->end)) return 1;
                *x->m = save;
            }
        } else {
            int len = elem_len_at(x, el, p, x->end);
            if (len && match_post(x, k + 1, p + len)) return 1;
        }
        if (adj) break;
    }
    return 0;
}

/* Elements before the verb, right to left: element k must end before
 * `pos`, exactly at pos when it is marked adjacent (joined to the element
 * after it, or to the verb). */
static int match_pre(mctx *x, int k, int32_t pos) {
    if (k < 0) return 1;
    if (--x->steps < 0) return 0;
    const ent_pelem *el = &x->e[k];
    if (is_bracket(el->kind)) return match_pre(x, k - 1, pos);
    int adj = el->adjacent;
    for (int32_t q = pos - 1; q >= x->begin; q--) {
        int32_t endq = -1;
        if (is_slot(el->kind)) {
            int32_t np = ent_np_ending_at(x->c, q, x->begin);
            if (np >= 0 && (el->kind == ENT_PE_SKIP || ent_np_entities(x->c, np).n)) {
                endq = N(x->c, np)->end;
                if (!adj || endq == pos) {
                    pmatch save = *x->m;
                    int32_t start = N(x->c, np)->begin;
                    bind_slot(x->m, el->kind, np, 0);
                    if (start < x->m->min_pre) x->m->min_pre = start;
                    if (match_pre(x, k - 1, start)) return 1;
                    *x->m = save;
                }
            }
        } else {
            int len = elem_len_at(x, el, q, pos);
            if (len && (!adj || q + len == pos)) {
                int32_t save_min = x->m->min_pre;
                if (q < x->m->min_pre) x->m->min_pre = q;
                if (match_pre(x, k - 1, q)) return 1;
                x->m->min_pre = save_min;
            }
        }
        if (adj && (endq == pos || q + 8 < pos)) break;  /* adjacent: only the nearest */
    }
    return 0;
}

int ent_pattern_matches(ent_coder *c, const ent_pattern *p, int32_t vb, int32_t ve,
                           int32_t end, pmatch *m) {
    *m = (pmatch){.src = -1, .tgt = -1, .compound = 0, .min_pre = vb};
    mctx post = {c, p->post, p->n_post, ve, end, m, MATCH_STEPS};
    if (!match_post(&post, 0, ve)) return 0;
    mctx pre = {c, p->pre, p->n_pre, 0, vb, m, MATCH_STEPS};
    return match_pre(&pre, p->n_pre - 1, vb);
}
