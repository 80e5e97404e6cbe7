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
            int named_prep = k > 0 && p > 0 && x->e[k - 1].kind == ENT_PE_WORD &&
                             x->e[k - 1].id == T(x->c, p - 1)->word;
            int place = el->kind == ENT_PE_TARGET && p > 0 && TF(x->c, p - 1, TF_LOC) && !named_prep;
            /* "into the Pacific kingdom": a state's description after the
             * pattern's own preposition stands for the state named before */
            if (np >= 0 && !place &&
                (ent_np_entities(x->c, np).n ||
                 (el->kind == ENT_PE_TARGET && named_prep && ent_coder_state_description(x->c, np)))) {
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

/* Where the words before the verb at vb may be looked for: the start of
 * the verb's clause when the clause names a subject of its own ("as
 * engineers | battled": not "China and South Korea" before it), else the
 * sentence's start. */
static int32_t clause_begin_of(const ent_coder *c, int32_t vb) {
    int32_t n = N(c, T(c, vb)->node)->parent;
    while (n >= 0 && N(c, n)->kind == ENT_N_VP) n = N(c, n)->parent;
    if (n < 0 || N(c, n)->kind != ENT_N_S) return 0;
    /* a pronoun subject ("they would restore ties") stands for parties
     * named before */
    for (int32_t ch = N(c, n)->first_child; ch >= 0 && N(c, ch)->begin < vb; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP && strcmp(T(c, N(c, ch)->begin)->tag, "PRP")) return N(c, n)->begin;
    return 0;
}

static int32_t clause_begin(ent_coder *c, int32_t vb) {
    if (!c->opt.code_all_clauses) return 0;
    /* every pattern of the verb's block asks: climb the tree once */
    if (c->pre_verb == vb) return c->pre_from;
    c->pre_verb = vb;
    c->pre_from = clause_begin_of(c, vb);
    return c->pre_from;
}

int ent_pattern_matches(ent_coder *c, const ent_pattern *p, int32_t vb, int32_t ve,
                           int32_t end, pmatch *m) {
    *m = (pmatch){.src = -1, .tgt = -1, .compound = 0, .min_pre = vb};
    mctx post = {c, p->post, p->n_post, ve, end, m, MATCH_STEPS};
    if (!match_post(&post, 0, ve)) return 0;
    mctx pre = {c, p->pre, p->n_pre, clause_begin(c, vb), vb, m, MATCH_STEPS};
    return match_pre(&pre, p->n_pre - 1, vb);
}

/* ---- PETRARCH-2 form: patterns over the tree ------------------------------------- */

/* A PETRARCH-2 verb file (CAMEO.2.0.txt) writes patterns over phrases, not
 * words: after '*' a bare word is the head noun of an object of the verb,
 * "{BILL SUPPORT}" a head with words that must stand before it in its
 * phrase, "(OF CHARGES)" a prepositional phrase of the verb or of the
 * object just named, with the head of its noun phrase; before '*' the
 * words are the heads of the subject.  "- * &TREATY" thus matches "ratified
 * a sweeping agreement with the EU" through the head AGREEMENT, and "- *
 * CAMPAIGN" does not match "launched attacks during its campaign".
 *
 * Slots ($ + % ^) are words to PETRARCH-2 that no sentence holds, so its
 * patterns with them never match.  That loses what their authors meant
 * ("- * CLAIM (AGAINST) +"); here a slot matches a noun phrase naming an
 * actor where a noun stands ("^" any noun phrase), as in the first form.
 * A pattern's slots still bind the source and target as there. */

/* The head token of a phrase as PETRARCH-2 takes it: for a noun phrase
 * the last noun among its own words, else the head of its last noun
 * phrase child; for an adverbial phrase its first word.  -1 when none. */
static int32_t tree_head(const ent_coder *c, int32_t node) {
    const ent_node *nd = N(c, node);
    if (nd->kind == ENT_N_ADVP) return nd->begin < nd->end ? nd->begin : -1;
    if (nd->kind != ENT_N_NP) return -1;
    int32_t own = -1, sub = -1;
    for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *k = N(c, ch);
        if (k->kind == ENT_N_LEAF && k->token >= 0 && k->label[0] == 'N') own = k->token;
        else if (k->kind == ENT_N_NP) {
            int32_t h = tree_head(c, ch);
            if (h >= 0) sub = h;
        }
    }
    return own >= 0 ? own : sub;
}

/* Does a member of synset sy end exactly at token `last`, starting no
 * earlier than `floor`? */
static int synset_ends_at(const ent_coder *c, int32_t sy, int32_t floor, int32_t last) {
    const ent_phrase_index *ix = &c->d->synset_ix;
    for (int32_t k = last; k >= floor; k--) {
        ent_wid w = T(c, k)->word;
        if (w <= 0 || !ix->start || w >= c->d->n_words) continue;
        for (int32_t i = ix->start[w]; i < ix->start[w + 1]; i++) {
            const ent_phrase *p = &ix->phrases[i];
            if (p->value != sy || p->n_words != last - k + 1) continue;
            int ok = 1;
            for (int j = 1; j < p->n_words && ok; j++) ok = T(c, k + j)->word == p->words[j];
            if (ok) return 1;
        }
    }
    return 0;
}

/* Does word or synset element el stand at token `last` (ending there),
 * within [floor, last]? */
static int tree_word_at(const ent_coder *c, const ent_pelem *el, int32_t floor, int32_t last) {
    if (last < 0) return 0;
    if (el->kind == ENT_PE_WORD) return T(c, last)->word == el->id;
    if (el->kind == ENT_PE_SYNSET) return synset_ends_at(c, el->id, floor, last);
    return 0;
}

/* The noun of a pattern, elements [b, e): one element, or the inside of
 * { } whose last element is the head and the others modifiers.  Does it
 * match phrase np?  Slots bind into m. */
static int tree_noun(ent_coder *c, const ent_pelem *el, int b, int e, int32_t np, int after_verb,
                     pmatch *m) {
    const ent_pelem *h = &el[e - 1];
    if (is_slot(h->kind)) {
        if (N(c, np)->kind != ENT_N_NP) return 0;
        if (h->kind != ENT_PE_SKIP && !ent_np_entities(c, np).n) return 0;
        bind_slot(m, h->kind, np, after_verb);
        return 1;
    }
    int32_t head = tree_head(c, np);
    if (head < 0) return 0;
    /* the head's own phrase holds the modifiers */
    int32_t hp = N(c, N(c, T(c, head)->node)->parent)->begin;
    if (!tree_word_at(c, h, hp, head)) return 0;
    for (int k = b; k < e - 1; k++) {
        int found = 0;
        for (int32_t q = hp; q < head && !found; q++) found = tree_word_at(c, &el[k], hp, q);
        if (!found) return 0;
    }
    return 1;
}

/* Noun phrases and adverbial phrases among the children of `parent` that
 * start at or after `from` and end by `end`, into out; returns how many. */
static int tree_phrases(const ent_coder *c, int32_t parent, int kind, int32_t from, int32_t end,
                        int32_t *out, int max) {
    int n = 0;
    for (int32_t ch = N(c, parent)->first_child; ch >= 0 && n < max; ch = N(c, ch)->next_sibling) {
        const ent_node *nd = N(c, ch);
        if (nd->begin < from || nd->end > end) continue;
        if (kind == ENT_N_PP ? nd->kind == ENT_N_PP : nd->kind == ENT_N_NP || nd->kind == ENT_N_ADVP)
            out[n++] = ch;
    }
    return n;
}

/* The noun starting at element j of a side that ends at n: one element,
 * or the inside of { } ([*b, *e)).  Returns the element after it. */
static int noun_extent(const ent_pelem *el, int j, int n, int *b, int *e) {
    if (el[j].kind != ENT_PE_NP_OPEN) {
        *b = j;
        *e = j + 1;
        return j + 1;
    }
    *b = *e = j + 1;
    while (*e < n && el[*e].kind != ENT_PE_NP_CLOSE) (*e)++;
    return *e + 1;
}

/* The noun [b, e) as the head of noun phrase np or of a noun phrase
 * directly inside it (the object of a preposition: "(OF CHARGES)"). */
static int tree_noun_within(ent_coder *c, const ent_pelem *el, int b, int e, int32_t np, pmatch *m) {
    if (tree_noun(c, el, b, e, np, 1, m)) return 1;
    for (int32_t ch = N(c, np)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP && tree_noun(c, el, b, e, ch, 1, m)) return 1;
    return 0;
}

/* Does prepositional phrase pp match the group of elements (i, close):
 * its preposition, then the nouns of its object? */
static int tree_prep(ent_coder *c, const ent_pelem *el, int i, int close, int32_t pp, pmatch *m) {
    if (T(c, N(c, pp)->begin)->word != el[i + 1].id) return 0;
    int32_t obj = -1;
    for (int32_t ch = N(c, pp)->first_child; ch >= 0 && obj < 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP) obj = ch;
    for (int j = i + 2; j < close;) {
        int b, e;
        j = noun_extent(el, j, close, &b, &e);
        if (obj < 0 || e == b || !tree_noun_within(c, el, b, e, obj, m)) return 0;
    }
    return 1;
}

/* Match one side of a pattern, elements [0, n), against the phrases of
 * `owner` (the verb phrase after the verb, or the clause before it) that
 * lie in [from, end).  A prepositional group is looked for in the noun
 * phrase matched just before it, then among owner's phrases.  *first gets
 * the first token used. */
static int tree_side(ent_coder *c, const ent_pelem *el, int n, int32_t owner, int32_t from,
                     int32_t end, int after_verb, pmatch *m, int32_t *first) {
    int32_t last_np = -1;
    for (int i = 0; i < n;) {
        int32_t cand[32];
        int nc = 0, ok = 0;
        if (el[i].kind == ENT_PE_PP_CLOSE || el[i].kind == ENT_PE_NP_CLOSE) {
            i++;
            continue;
        }
        if (el[i].kind == ENT_PE_PP_OPEN) {
            int close = i + 1;
            while (close < n && el[close].kind != ENT_PE_PP_CLOSE) close++;
            if (close == i + 1 || el[i + 1].kind != ENT_PE_WORD) return 0;
            if (last_np >= 0) nc = tree_phrases(c, last_np, ENT_N_PP, from, end, cand, 32);
            nc += tree_phrases(c, owner, ENT_N_PP, from, end, cand + nc, 32 - nc);
            for (int k = 0; k < nc && !ok; k++) {
                pmatch save = *m;
                ok = tree_prep(c, el, i, close, cand[k], m);
                if (!ok) *m = save;
                else if (N(c, cand[k])->begin < *first) *first = N(c, cand[k])->begin;
            }
            i = close + 1;
        } else {
            int b, e;
            i = noun_extent(el, i, n, &b, &e);
            if (e == b) return 0;
            nc = tree_phrases(c, owner, ENT_N_NP, from, end, cand, 32);
            for (int k = 0; k < nc && !ok; k++) {
                pmatch save = *m;
                ok = tree_noun(c, el, b, e, cand[k], after_verb, m);
                if (!ok) {
                    *m = save;
                    continue;
                }
                last_np = cand[k];
                if (N(c, cand[k])->begin < *first) *first = N(c, cand[k])->begin;
            }
        }
        if (!ok) return 0;
    }
    return 1;
}

void ent_pattern_tree_verb(ent_coder *c, int32_t vb, ptree_verb *v) {
    *v = (ptree_verb){.vp = N(c, T(c, vb)->node)->parent, .top = -1, .s = -1};
    if (v->vp < 0) return;
    /* the subject: the clause above the verb's phrases, past clauses that
     * are only "to" and a verb ("wants to help": the one who wants) */
    int32_t top = v->vp, s = N(c, v->vp)->parent;
    while (s >= 0 && (N(c, s)->kind == ENT_N_VP ||
                      (N(c, s)->kind == ENT_N_S && N(c, top)->begin == N(c, s)->begin &&
                       TF(c, N(c, top)->begin, TF_TO)))) {
        top = s;
        s = N(c, s)->parent;
    }
    if (s >= 0 && N(c, s)->kind != ENT_N_S) s = -1;
    v->top = top;
    v->s = s;
    /* a passive turns the pattern round, as PETRARCH-2 reads it: what
     * follows '*' is the subject ("evidence ... was presented"), what
     * precedes it the agent in a "by" or "from" phrase */
    v->passive = s >= 0 && ent_coder_passive(c, vb);
}

int ent_pattern_matches_tree(ent_coder *c, const ptree_verb *v, const ent_pattern *p, int32_t vb,
                             int32_t ve, int32_t end, pmatch *m) {
    *m = (pmatch){.src = -1, .tgt = -1, .compound = 0, .min_pre = vb};
    int32_t vp = v->vp, top = v->top, s = v->s;
    if (vp < 0) return 0;
    int passive = v->passive;
    int32_t first = ve;
    if (p->n_post) {
        int ok = passive ? tree_side(c, p->post, p->n_post, s, N(c, s)->begin, N(c, top)->begin, 1, m, &first)
                         : tree_side(c, p->post, p->n_post, vp, ve, end, 1, m, &first);
        if (!ok) return 0;
    }
    if (!p->n_pre) return 1;
    int32_t pre_first = vb;
    if (passive) {
        for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
            const ent_node *pp = N(c, ch);
            if (pp->kind != ENT_N_PP || ch <= T(c, vb)->node) continue;
            const char *prep = T(c, pp->begin)->upper;
            if (strcmp(prep, "BY") && strcmp(prep, "FROM")) continue;
            pmatch save = *m;
            if (tree_side(c, p->pre, p->n_pre, ch, pp->begin, pp->end, 0, m, &pre_first)) return 1;
            *m = save;
        }
        return 0;
    }
    if (s < 0) return 0;
    if (!tree_side(c, p->pre, p->n_pre, s, N(c, s)->begin, N(c, top)->begin, 0, m, &pre_first)) return 0;
    m->min_pre = pre_first;
    return 1;
}
