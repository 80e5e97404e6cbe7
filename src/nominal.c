/* nominal.c -- events named by nouns: "Israeli strikes on Gaza killed 20
 * people", "talks between Serbia and Kosovo ended", "Russia launched an
 * invasion of Ukraine".  The nouns come from the set's noun dictionary
 * (dict_nouns.c); this file finds their actors in the tree.
 *
 * Design.  A noun is coded only where it reports the happening: as the
 * head of a subject or of a verb's object.  Inside a prepositional phrase
 * ("after the invasion of", "during talks with") or dated to a year ("its
 * 1990 invasion of Kuwait") it is background, unless it is the act an
 * accusation names ("accused Myanmar of genocide"), and so is a noun inside a
 * phrase some verb already coded ("imposed sanctions on", "condemned the
 * strikes on").  The source is, in order: the noun's own modifiers
 * ("Israeli", "Russia's"), a "by" phrase, the subject of a light verb
 * whose object the noun is ("launched an invasion", "held talks"); the
 * target is the phrase after one of the noun's prepositions, and BETWEEN
 * makes its actors act on each other.
 */
#include <string.h>

#include "coder_int.h"

/* Is node n under a prepositional phrase within its clause? */
static int under_pp(const ent_coder *c, int32_t n) {
    for (int32_t a = N(c, n)->parent; a >= 0; a = N(c, a)->parent) {
        int k = N(c, a)->kind;
        if (k == ENT_N_PP) return 1;
        if (k == ENT_N_S || k == ENT_N_SBAR || k == ENT_N_ROOT) return 0;
    }
    return 0;
}

/* A year among tokens [b, e): "its 1990 invasion" is history. */
static int has_year(const ent_coder *c, int32_t b, int32_t e) {
    for (int32_t q = b; q < e; q++) {
        const char *w = T(c, q)->text;
        if (strlen(w) == 4 && (!strncmp(w, "19", 2) || !strncmp(w, "20", 2)) && w[2] >= '0' &&
            w[2] <= '9' && w[3] >= '0' && w[3] <= '9')
            return 1;
    }
    return 0;
}

/* The entities of NP np that lie before token `before`, copied so the
 * list is contiguous. */
static elist entities_before(ent_coder *c, int32_t np, int32_t before) {
    elist all = ent_np_entities(c, np);
    elist out = concat_begin(c);
    for (int32_t k = 0; k < all.n; k++) {
        entity e = *E(c, all.off + k);
        if (e.end < 0 || e.end > before || !entity_has_actor(&e)) continue;
        if (ent_np_push(c, &e) < 0) break;
        out.n++;
    }
    return out;
}

/* Is the verb heading VP vp one that stops, judges or asks about an act
 * rather than doing it ("halt", "condemn", "investigate", "demand")? */
static int stopping_verb(const ent_coder *c, int32_t vp) {
    static const char *const stems[] = {"HALT", "STOP", "END", "CEAS", "SUSPEND", "DEN", "CONDEMN", "CRITICI",
                                        "REJECT", "PROTEST", "INVESTIGAT", "PROBE", "BLAM", "ACCUS", "URG",
                                        "DEMAND", "CALL", "WARN", "FEAR", "AVERT", "PREVENT", "SIMULAT",
                                        "REHEARS", NULL};
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        int32_t t = N(c, ch)->token;
        if (t < 0 || !ent_tree_is_verb_tag(T(c, t)->tag)) continue;
        for (int k = 0; stems[k]; k++)
            if (!strncmp(T(c, t)->upper, stems[k], strlen(stems[k]))) return 1;
        return 0;
    }
    return 0;
}

/* The NP of a PP among the children of node n, after token `after`,
 * whose preposition is one of the noun's (or BY when by != 0); sets
 * *prep to the preposition's word. */
static int32_t pp_object(const ent_coder *c, int32_t n, int32_t after, const ent_noun *nn, int by,
                         ent_wid *prep) {
    for (int32_t ch = N(c, n)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *pp = N(c, ch);
        if (pp->kind != ENT_N_PP || pp->begin <= after || pp->first_child < 0) continue;
        int32_t in = N(c, pp->first_child)->token;
        if (in < 0) continue;
        int ok = by ? TF(c, in, TF_BY) : 0;
        for (int k = 0; !by && k < nn->n_preps; k++) ok |= T(c, in)->word == nn->preps[k];
        if (!ok) continue;
        for (int32_t g = pp->first_child; g >= 0; g = N(c, g)->next_sibling)
            if (N(c, g)->kind == ENT_N_NP) {
                *prep = T(c, in)->word;
                return g;
            }
    }
    return -1;
}

/* The target of noun `head`: a phrase after one of the noun's
 * prepositions, at any level between the noun's own phrase np and the
 * whole noun phrase top; *by is set to a "by" phrase met on the way. */
static int32_t noun_target(const ent_coder *c, const ent_noun *nn, int32_t np, int32_t top,
                           int32_t head, ent_wid *prep, int32_t *by) {
    int32_t tnp = -1;
    ent_wid byw = 0;
    for (int32_t n = np; tnp < 0; n = N(c, n)->parent) {
        tnp = pp_object(c, n, head, nn, 0, prep);
        if (*by < 0) *by = pp_object(c, n, head, nn, 1, &byw);
        if (n == top) break;
    }
    return tnp;
}

/* "accused Myanmar of ethnic cleansing against its Rohingya minority":
 * the mass violence an accusation names is coded beside it, the accused doing it
 * to whom the noun names, or to its own people when it names no one. */
static int accused_atrocity(ent_coder *c, const ent_noun *nn, int32_t np, int32_t top, int32_t head,
                            int32_t accused) {
    elist srcs = ent_np_entities(c, accused);
    if (!srcs.n) return 0;
    int32_t by = -1;
    ent_wid prep = 0;
    int32_t tnp = noun_target(c, nn, np, top, head, &prep, &by);
    elist tgts = tnp >= 0 ? ent_np_entities(c, tnp) : (elist){0, 0};
    ent_coder_trace(c, "noun '%s' (%s, code %s): the act an accusation names", T(c, head)->text,
                    nn->name, nn->code);
    for (int32_t q = N(c, np)->begin; q <= head; q++) c->claimed[q] = 1;
    /* "genocide against black African villagers in Darfur": people no
     * state places are the accused's own */
    if (tgts.n && ent_np_has_actor(c, tgts)) return ent_coder_emit_pairs(c, srcs, tgts, nn->code, NULL, 0, head, NULL);
    return ent_coder_state_event(c, srcs, nn->code, NULL, "CVL", head, NULL);
}

/* Code the noun at tokens [first, head]; `claimed` says a verb has
 * coded the phrase it stands in, which leaves only the act an accusation
 * names to code. */
static int code_noun(ent_coder *c, const ent_noun *nn, int32_t first, int32_t head, int claimed) {
    int32_t np = ent_np_containing(c, head);
    if (np < 0) return 0;
    int32_t top = np;
    while (N(c, top)->parent >= 0 && N(c, N(c, top)->parent)->kind == ENT_N_NP) top = N(c, top)->parent;
    int32_t up = N(c, top)->parent;
    int32_t accused = up >= 0 ? ent_coder_accused_object(c, up) : -1;
    /* only mass violence: "blamed Syria for the assassination" points
     * back at an act the story has told, or tells apart */
    if (accused >= 0 && c->opt.code_all_clauses && !strncmp(nn->code, "20", 2) &&
        !has_year(c, N(c, np)->begin, head))
        return accused_atrocity(c, nn, np, top, head, accused);
    if (claimed) return 0;
    if (under_pp(c, top) || has_year(c, N(c, np)->begin, head)) {
        ent_coder_trace(c, "noun '%s': background, not coded", T(c, head)->text);
        return 0;
    }
    if (c->opt.code_all_clauses && up >= 0 && N(c, up)->kind == ENT_N_VP) {
        /* "Beijing could one day attempt a full blockade of Taiwan",
         * "stopped short of imposing sanctions": the verb group that
         * takes up the act leaves it undone */
        int32_t vp = up;
        while (N(c, vp)->parent >= 0 && N(c, N(c, vp)->parent)->kind == ENT_N_VP) vp = N(c, vp)->parent;
        for (int32_t q = N(c, vp)->begin; q < first; q++)
            if (TF(c, q, TF_NEG) || TF(c, q, TF_MODAL)) {
                ent_coder_trace(c, "noun '%s': an act the verb leaves undone, not coded", T(c, head)->text);
                return 0;
            }
    }
    ent_coder_trace(c, "noun '%s' (%s, code %s)", T(c, head)->text, nn->name, nn->code);

    int32_t by = -1;
    ent_wid prep = 0;
    int32_t tnp = noun_target(c, nn, np, top, head, &prep, &by);
    if (tnp < 0 && up >= 0 && N(c, up)->kind == ENT_N_VP) {
        /* "began a visit | to France": the phrase hangs from the verb */
        tnp = pp_object(c, up, head, nn, 0, &prep);
        if (by < 0) by = pp_object(c, up, head, nn, 1, &prep);
    }
    elist tgts = tnp >= 0 ? ent_np_entities(c, tnp) : (elist){0, 0};
    const char *between = ent_dict_word_text(c->d, prep);
    if (tgts.n >= 2 && between && !strcmp(between, "BETWEEN")) {
        ent_coder_trace(c, "  between: its actors act on each other");
        return ent_coder_emit_pairs(c, tgts, (elist){0, 0}, nn->code, NULL, 1, head, NULL);
    }

    elist srcs = entities_before(c, np, first);
    /* "Russian drone and missile strikes": a modifier of the whole list */
    if (!srcs.n && top != np) srcs = entities_before(c, top, first);
    if (!srcs.n && by >= 0) srcs = ent_np_entities(c, by);
    if (!srcs.n && up >= 0 && N(c, up)->kind == ENT_N_VP && !stopping_verb(c, up) &&
        !(c->opt.code_all_clauses && ent_coder_no_plan_before(c, N(c, up)->begin) >= 0)) {
        /* "launched an invasion of", "held talks with": the light verb's
         * subject, not that of a verb that would stop or judge the act
         * ("urged Myanmar to halt air strikes on civilians") */
        int32_t subj;
        srcs = ent_coder_subject(c, up, &subj);
    }
    if (srcs.n && !tgts.n && up >= 0 && N(c, up)->kind == ENT_N_S) {
        /* "Ukrainian drone attacks set two refineries inside Russia
         * ablaze": the subject's act reaches what its verb names */
        for (int32_t ch = N(c, up)->first_child; ch >= 0 && !tgts.n; ch = N(c, ch)->next_sibling) {
            if (N(c, ch)->kind != ENT_N_VP || N(c, ch)->begin <= head) continue;
            for (int32_t q = N(c, ch)->begin; q < N(c, ch)->end && !tgts.n; q++) {
                int32_t o = ent_np_starting_at(c, q, N(c, ch)->end);
                if (o >= 0) tgts = ent_np_entities(c, o);
            }
        }
    }
    if (!srcs.n || !tgts.n) {
        ent_coder_trace(c, "  no %s: not coded", srcs.n ? "target" : "source");
        return 0;
    }
    for (int32_t q = N(c, np)->begin; q <= head; q++) c->claimed[q] = 1;
    return ent_coder_emit_pairs(c, srcs, tgts, nn->code, NULL, 0, head, NULL);
}

int ent_nominal_act_agents(ent_coder *c, int32_t end, elist *agents) {
    if (!c->d->noun_ix.n_phrases) return 0;
    /* back from the clause to the verb that governs the phrase: the
     * nearest act named on the way is what the clause tells about */
    for (int32_t i = end - 1; i >= 0 && i >= end - 16; i--) {
        const char *tag = T(c, i)->tag;
        if (tag[0] == 'V' && strcmp(tag, "VBN") && strcmp(tag, "VBG")) return 0;
        if (tag[0] == 'M' && tag[1] == 'D') return 0;
        if (!TF(c, i, TF_NOUN)) continue;
        for (int32_t b = i; b >= 0 && b >= i - 3; b--) {
            const ent_phrase *p = phrase_at_range(c, &c->d->noun_ix, b, i + 1, -1);
            if (!p || b + p->n_words - 1 != i) continue;
            int32_t np = ent_np_containing(c, i);
            if (np < 0) return 0;
            int32_t top = np;
            for (int32_t a = N(c, np)->parent; a >= 0; a = N(c, a)->parent) {
                if (N(c, a)->kind == ENT_N_NP) top = a;
                else if (N(c, a)->kind != ENT_N_PP) break;
            }
            *agents = entities_before(c, top, b);
            if (!agents->n) {
                int32_t by = -1;
                ent_wid prep = 0;
                (void)noun_target(c, ENT_NOUN(c->d, p->value), np, top, i, &prep, &by);
                if (by >= 0) *agents = ent_np_entities(c, by);
            }
            ent_coder_trace(c, "  the clause tells what the %s did: its agent is the act's", T(c, i)->text);
            return 1;
        }
    }
    return 0;
}

int ent_nominal_code(ent_coder *c) {
    const ent_dict *d = c->d;
    if (!c->opt.code_nominal || !d->noun_ix.n_phrases) return 0;
    for (int32_t i = 0; i < c->t->n_tokens; i++) {
        const ent_phrase *p = phrase_at_range(c, &d->noun_ix, i, c->t->n_tokens, -1);
        if (!p) continue;
        int32_t first = i, head = i + p->n_words - 1;
        i = head;
        if (!TF(c, head, TF_NOUN)) continue;
        int claimed = c->claimed[first] || c->claimed[head];
        if (code_noun(c, ENT_NOUN(d, p->value), first, head, claimed) < 0) return -1;
    }
    return 0;
}
