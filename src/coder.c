/* coder.c -- the event coder; the steps are described in coder.h.  This
 * file holds verbs, slots and events; noun phrases are in np.c and verb
 * patterns in pattern.c (their common ground is coder_int.h).
 *
 * Design.  The coder works on the tree, not on a flattened word list:
 * subjects, objects, coordination and attachment come from the phrase
 * structure, which is what makes compound actors and agents resolvable
 * without the special cases a shallow matcher needs.  Pattern matching,
 * on the other hand, is over the word sequence around the verb, because
 * that is how TABARI/PETRARCH dictionaries are written ("INDICATED WOULD *
 * NOW" spans clauses).  Noun-phrase resolution is memoised per node, so a
 * sentence costs O(nodes) resolutions however many verbs and patterns
 * look at the same phrase.
 */
#include "coder.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cameo.h"
#include "coder_int.h"

void ent_coder_trace(ent_coder *c, const char *fmt, ...) {
    if (!c->trace) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ent_buf_puts(c->trace, line);
    ent_buf_putc(c->trace, '\n');
}

void ent_tree_span_text(const ent_tree *t, int32_t b, int32_t e, char *out, size_t cap) {
    size_t n = 0;
    if (cap) out[0] = '\0';
    for (int32_t i = b; i < e && i < t->n_tokens && i >= 0; i++) {
        const char *w = t->tokens[i].text;
        size_t k = strlen(w);
        if (n + k + 2 >= cap) break;
        if (n) out[n++] = ' ';
        memcpy(out + n, w, k);
        n += k;
        out[n] = '\0';
    }
}

static void wmask_add(wmask *m, ent_wid w) {
    uint32_t h = (uint32_t)w * 2654435761u;
    m->b[(h >> 31) & 1] |= (uint64_t)1 << ((h >> 25) & 63);
}

/* Token classes from the tag and the word.  Called for every token of
 * every sentence, so it dispatches on the first character instead of
 * comparing against every candidate. */
static int eq(const char *a, const char *b) { return a[0] == b[0] && !strcmp(a, b); }

static uint16_t token_flags(const ent_token *k) {
    const char *t = k->tag, *u = k->upper;
    uint16_t f = 0;
    switch (t[0]) {
    case 'N':
        if (t[1] == 'N') f |= TF_NOUN | (t[2] == 'P' ? TF_PROPER : 0);
        break;
    case 'C':
        if (t[1] == 'C' && !t[2]) f |= TF_CC;
        break;
    case ',':
        f |= TF_COMMA | TF_PUNCT;
        break;
    case 'P':
        if (eq(t, "POS")) f |= TF_POS;
        else if (eq(t, "PRP")) f |= TF_PRONOUN;
        break;
    case 'D':
        if (t[1] == 'T' && !t[2]) f |= TF_DT | TF_PRONOUN;
        break;
    case 'W':
        if (eq(t, "WDT") || eq(t, "WP")) f |= TF_PRONOUN;
        break;
    case 'E':
        if (t[1] == 'X' && !t[2]) f |= TF_PRONOUN;
        break;
    default:
        if (is_punct_tag(t)) f |= TF_PUNCT;
    }
    switch (u[0]) {
    case 'N':
        if (eq(u, "NOT") || eq(u, "N'T") || eq(u, "NEVER")) f |= TF_NEG;
        else if (eq(u, "NEAR")) f |= TF_LOC;
        break;
    case 'B':
        if (eq(u, "BY")) f |= TF_BY;
        break;
    case 'T':
        if (eq(u, "TO")) f |= TF_TO;
        break;
    case 'I':
        if (eq(u, "IN") || eq(u, "INSIDE")) f |= TF_LOC;
        break;
    case 'A':
        if (eq(u, "AT") || eq(u, "ACROSS")) f |= TF_LOC;
        break;
    case 'F':
        if (eq(u, "FORMER")) f |= TF_FORMER;
        break;
    case 'O':
        /* "ousted President Manuel Zelaya": out of office, as "former" */
        if (eq(u, "OUSTED") || eq(u, "OVERTHROWN")) f |= TF_FORMER;
        break;
    case 'D':
        if (eq(u, "DEPOSED")) f |= TF_FORMER;
        break;
    case 'E':
        if (eq(u, "EX")) f |= TF_FORMER;
        break;
    }
    /* "might strike", "could impose": a possibility, not an act ("will"
     * and "would" report intent and stay) */
    if (eq(t, "MD") && (eq(u, "MIGHT") || eq(u, "MAY") || eq(u, "COULD") || eq(u, "SHOULD")))
        f |= TF_MODAL;
    if (t[0] == 'V' && t[1] == 'B') {
        static const char *be[] = {"BE", "IS", "ARE", "WAS", "WERE", "BEEN", "BEING", "'S", "'RE", NULL};
        for (int i = 0; be[i]; i++)
            if (eq(u, be[i])) f |= TF_BE;
    }
    return f;
}

/* ---- Verbs ---------------------------------------------------------------------- */

/* The longest verb form at token v; sets [*fb, *fe) to its tokens. */
static const ent_verb_form *verb_form_at(const ent_coder *c, int32_t v, int32_t *fb, int32_t *fe) {
    const ent_dict *d = c->d;
    ent_wid w = T(c, v)->word;
    if (w <= 0 || !d->form_start || w >= d->n_words) return NULL;
    const ent_verb_form *best = NULL;
    for (int32_t i = d->form_start[w]; i < d->form_start[w + 1]; i++) {
        const ent_verb_form *f = ENT_FORM(d, d->form_order[i]);
        int32_t b = v - f->head, e = b + f->n_words;
        if (b < 0 || e > c->t->n_tokens) continue;
        int ok = 1;
        for (int j = 0; j < f->n_words && ok; j++) ok = T(c, b + j)->word == f->words[j];
        if (ok && (!best || f->n_words > best->n_words)) {
            best = f;
            *fb = b;
            *fe = e;
        }
    }
    return best;
}

static int32_t verb_leaf_of(const ent_coder *c, int32_t vp) {
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *n = N(c, ch);
        if (n->token >= 0 && ent_tree_is_verb_tag(T(c, n->token)->tag)) return n->token;
    }
    return -1;
}

static int has_child_flag(const ent_coder *c, int32_t node, int flag) {
    for (int32_t ch = N(c, node)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->token >= 0 && TF(c, N(c, ch)->token, flag)) return 1;
    return 0;
}

static int has_subject(const ent_coder *c, int32_t s) {
    for (int32_t ch = N(c, s)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (N(c, ch)->kind == ENT_N_NP) return 1;
        if (N(c, ch)->kind == ENT_N_VP) return 0;
    }
    return 0;
}

/* The first token of node n that is not punctuation, or -1. */
static int32_t first_word(const ent_coder *c, int32_t n) {
    for (int32_t q = N(c, n)->begin; q < N(c, n)->end; q++)
        if (!TF(c, q, TF_PUNCT)) return q;
    return -1;
}

/* "accused Israel | of carrying out a drone attack", "blamed Rwanda | for
 * arming the rebels": the gerund clause of an accusation is an act of the
 * accusation's object, coded beside the accusation.  The object NP, or
 * -1 when S node s is no such clause. */
static int each_other(const ent_coder *c, int32_t vp);
static int32_t accused_act(const ent_coder *c, int32_t s) {
    if (!c->opt.code_all_clauses || N(c, s)->kind != ENT_N_S || has_subject(c, s)) return -1;
    int32_t w = first_word(c, s), pp = N(c, s)->parent;
    if (w < 0 || strcmp(T(c, w)->tag, "VBG") || pp < 0 || N(c, pp)->kind != ENT_N_PP) return -1;
    return ent_coder_accused_object(c, pp);
}

int32_t ent_coder_accused_object(const ent_coder *c, int32_t pp) {
    static const char *stems[] = {"ACCUS", "BLAM", "CHARG", "SUSPECT", "CONDEMN", "CRITICI",
                                  "DENOUNC", "INDICT", "CONVICT", NULL};
    if (pp < 0 || N(c, pp)->kind != ENT_N_PP) return -1;
    int32_t in = N(c, pp)->first_child >= 0 ? N(c, N(c, pp)->first_child)->token : -1;
    if (in < 0 || (strcmp(T(c, in)->upper, "OF") && strcmp(T(c, in)->upper, "FOR"))) return -1;
    int32_t vp = N(c, pp)->parent, obj = -1;
    if (vp >= 0 && N(c, vp)->kind == ENT_N_NP) {
        /* "(VP accused (NP (NP Azerbaijani forces) (PP of (S shelling ...))))" */
        for (int32_t ch = N(c, vp)->first_child; ch >= 0 && ch != pp; ch = N(c, ch)->next_sibling)
            if (N(c, ch)->kind == ENT_N_NP) obj = ch;
        vp = N(c, vp)->parent;
        if (obj < 0) return -1;
    }
    if (vp < 0 || N(c, vp)->kind != ENT_N_VP) return -1;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0 && ch != pp && obj < 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP) obj = ch;
    int32_t v = verb_leaf_of(c, vp);
    if (obj < 0 || v < 0) return -1;
    for (int k = 0; stems[k]; k++)
        if (!strncmp(T(c, v)->upper, stems[k], strlen(stems[k]))) return obj;
    return -1;
}

/* "arrested 20 people | protesting against the government", "fired at
 * thousands | demanding his resignation": a participle right after a noun
 * phrase that names a party, with no comma between, describes that party
 * (a reduced relative clause), whatever the parser hung it on.  The
 * party's NP, or -1 when S node s is no such clause.  "issued a statement
 * | condemning the attack" names no party and stays the verb's own. */
static int32_t reduced_relative(ent_coder *c, int32_t s) {
    if (!c->opt.code_all_clauses || N(c, s)->kind != ENT_N_S || has_subject(c, s)) return -1;
    int32_t w = first_word(c, s), vp = N(c, s)->parent;
    if (w < 0 || w != N(c, s)->begin || strcmp(T(c, w)->tag, "VBG") || vp < 0 ||
        N(c, vp)->kind != ENT_N_VP)
        return -1;
    int32_t prev = -1;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling) prev = ch;
    if (prev < 0 || N(c, prev)->end != w) return -1;
    int with = 0;   /* "..., with Prime Minister Albanese | promising": its subject */
    if (N(c, prev)->kind == ENT_N_PP) {
        int32_t last = -1, in = N(c, N(c, prev)->first_child)->token;
        with = in >= 0 && !strcmp(T(c, in)->upper, "WITH");
        for (int32_t g = N(c, prev)->first_child; g >= 0; g = N(c, g)->next_sibling) last = g;
        prev = last;
    }
    if (prev < 0 || N(c, prev)->kind != ENT_N_NP || strstr(N(c, prev)->label, "-TMP")) return -1;
    /* the party is a plural of people ("protesters", "thousands of
     * people"), not a place or a document that names one ("marched
     * through Belgrade | demanding", "a Security Council resolution |
     * calling for"); "including" and "excluding" are prepositions */
    if ((!with && strcmp(T(c, N(c, prev)->end - 1)->tag, "NNS")) || !strcmp(T(c, w)->upper, "INCLUDING") ||
        !strcmp(T(c, w)->upper, "EXCLUDING"))
        return -1;
    return ent_np_entities(c, prev).n ? prev : -1;
}

/* "a deal | brokered by China", "troops | backed by tanks": a past
 * participle with a "by" phrase that modifies a noun is a passive clause
 * of its own, the noun its subject. */
static int passive_relative(const ent_coder *c, int32_t vp) {
    if (!c->opt.code_all_clauses || N(c, vp)->kind != ENT_N_VP || N(c, vp)->parent < 0 ||
        N(c, N(c, vp)->parent)->kind != ENT_N_NP)
        return 0;
    int32_t v = N(c, vp)->first_child, pp = v >= 0 ? N(c, v)->next_sibling : -1;
    if (v < 0 || N(c, v)->token < 0 || pp < 0 || N(c, pp)->kind != ENT_N_PP) return 0;
    const char *tag = T(c, N(c, v)->token)->tag;
    int32_t in = N(c, pp)->first_child >= 0 ? N(c, N(c, pp)->first_child)->token : -1;
    return (!strcmp(tag, "VBN") || !strcmp(tag, "VBD")) && in >= 0 && !strcmp(T(c, in)->upper, "BY");
}

/* "telephoned Afghan President Ashraf Ghani | to offer condolences",
 * "met Xi | to discuss trade": a to-clause of purpose after the object of
 * a call, meeting or visit is the caller's second act, toward the one
 * called on.  That object NP, or -1. */
static int32_t purpose_object(ent_coder *c, int32_t s) {
    static const char *const calls[] = {"TELEPHON", "PHONE", "CALLED", "MET", "MEET", "VISIT", "HOSTED",
                                        "RECEIVED", NULL};
    static const char *const journeys[] = {"FLEW", "FLIES", "TRAVEL", "ARRIV", NULL};
    if (!c->opt.code_all_clauses || N(c, s)->kind != ENT_N_S || has_subject(c, s)) return -1;
    int32_t vp = N(c, s)->parent, w = first_word(c, s);
    if (vp < 0 || N(c, vp)->kind != ENT_N_VP || w < 0 || !TF(c, w, TF_TO)) return -1;
    int32_t v = N(c, vp)->first_child >= 0 ? N(c, N(c, vp)->first_child)->token : -1;
    if (v < 0 || !ent_tree_is_verb_tag(T(c, v)->tag)) return -1;
    int call = 0;
    for (int k = 0; calls[k] && !call; k++) call = !strncmp(T(c, v)->upper, calls[k], strlen(calls[k]));
    /* a journey told as done ("flew to Ankara"), not one in prospect or
     * in passing ("would travel", "a jet flying to Vilnius") */
    for (int k = 0; journeys[k] && !call; k++)
        call = !strncmp(T(c, v)->upper, journeys[k], strlen(journeys[k])) &&
               (!strcmp(T(c, v)->tag, "VBD") || !strcmp(T(c, v)->tag, "VBZ"));
    if (!call) return -1;
    int32_t obj = -1;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling) {
        if (N(c, ch)->kind == ENT_N_NP && obj < 0) obj = ch;
        /* "flew to Kathmandu | to offer aid": the place gone to */
        int32_t in = N(c, ch)->kind == ENT_N_PP && N(c, ch)->first_child >= 0 ? N(c, N(c, ch)->first_child)->token : -1;
        if (obj < 0 && in >= 0 && (!strcmp(T(c, in)->upper, "TO") || !strcmp(T(c, in)->upper, "IN")))
            for (int32_t g = N(c, ch)->first_child; g >= 0 && obj < 0; g = N(c, g)->next_sibling)
                if (N(c, g)->kind == ENT_N_NP) obj = g;
    }
    return obj >= 0 && ent_np_entities(c, obj).n ? obj : -1;
}

/* purpose_object for the to-clause VP `vp` stands in, through the
 * conjuncts around it ("to attack Kestria and arrested ..."). */
static int32_t purpose_of(ent_coder *c, int32_t vp) {
    int32_t w = first_word(c, vp);
    if (w < 0 || !TF(c, w, TF_TO)) return -1;   /* "... and arrested protesters" is done */
    int32_t s = N(c, vp)->parent;
    while (s >= 0 && N(c, s)->kind == ENT_N_VP) s = N(c, s)->parent;
    return s >= 0 ? purpose_object(c, s) : -1;
}

/* A clause inside a verb's phrase that reports an act of its own, not the
 * verb's detail: a participial adjunct after a comma ("..., killing 30
 * people"), a relative clause ("..., which seized a tanker"), or a clause
 * of time or manner ("after crowds burned down its embassy", "as rebels
 * shelled the city").  Complements ("demanded that Russia withdraw",
 * "urged Iran to stop") stay the verb's own.  1 for such a clause, 2 for
 * an accused act (accused_act), 0 otherwise. */
static int own_clause(ent_coder *c, int32_t n) {
    if (!c->opt.code_all_clauses) return 0;
    const ent_node *nd = N(c, n);
    int32_t w = first_word(c, n);
    if (w < 0) return 0;
    if (accused_act(c, n) >= 0) return 2;
    if (purpose_object(c, n) >= 0) return 1;
    const char *tag = T(c, w)->tag, *u = T(c, w)->upper;
    if (passive_relative(c, n)) return 1;
    if (nd->kind == ENT_N_SBAR)
        return tag[0] == 'W' || !strcmp(u, "AFTER") ||
               /* "an attack | it blamed on ...": a relative with no "that" */
               (!strcmp(tag, "PRP") && nd->parent >= 0 && N(c, nd->parent)->kind == ENT_N_NP) || !strcmp(u, "BEFORE") ||
               !strcmp(u, "AS") || !strcmp(u, "WHILE") || !strcmp(u, "WHEN") ||
               !strcmp(u, "SINCE");
    if (nd->kind == ENT_N_VP && !strcmp(tag, "VBD") && nd->parent >= 0 && N(c, nd->parent)->kind == ENT_N_VP) {
        /* "used water cannon to break up the protest and detained 237
         * people": a past verb cannot share a "to" with the conjunct
         * before it, so it is the subject's act beside the main verb */
        int cc = 0, to = 0;
        for (int32_t ch = N(c, nd->parent)->first_child; ch >= 0 && ch != n; ch = N(c, ch)->next_sibling) {
            if (N(c, ch)->token >= 0 && TF(c, N(c, ch)->token, TF_CC)) cc = 1;
            if (N(c, ch)->kind == ENT_N_VP && first_word(c, ch) >= 0 && TF(c, first_word(c, ch), TF_TO)) to = 1;
        }
        return cc && to;
    }
    if (nd->kind == ENT_N_S && !has_subject(c, n) && !strcmp(tag, "VBG")) {
        if (reduced_relative(c, n) >= 0) return 1;
        /* the participle must follow a comma: "began releasing" is a chain */
        int32_t prev = -1;
        for (int32_t ch = N(c, nd->parent)->first_child; ch >= 0 && ch != n; ch = N(c, ch)->next_sibling)
            prev = ch;
        return prev >= 0 && N(c, prev)->token >= 0 && TF(c, N(c, prev)->token, TF_COMMA);
    }
    return 0;
}

/* The object NP before S node s in its verb's phrase when s is a
 * subjectless to-clause ("wants Putin | to attack"), else -1. */
static int32_t complement_object(const ent_coder *c, int32_t s) {
    if (!c->opt.code_all_clauses || N(c, s)->kind != ENT_N_S || has_subject(c, s)) return -1;
    int32_t p = N(c, s)->parent;
    if (p < 0 || N(c, p)->kind != ENT_N_VP) return -1;
    int32_t w = first_word(c, s);
    /* "to" before the complement's verb, or a bare verb ("let forces use") */
    if (w < 0 || !(TF(c, w, TF_TO) || !strcmp(T(c, w)->tag, "VB") || !strcmp(T(c, w)->tag, "VBP"))) return -1;
    int32_t obj = -1;
    for (int32_t ch = N(c, p)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP) obj = ch;
    return obj;
}

/* Is the verb S node s complements "became" or "become"? */
static int became(const ent_coder *c, int32_t s) {
    for (int32_t ch = N(c, N(c, s)->parent)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->token >= 0 && (!strncmp(T(c, N(c, ch)->token)->upper, "BECAM", 5) ||
                                     !strncmp(T(c, N(c, ch)->token)->upper, "BECOM", 5)))
            return 1;
    return 0;
}

/* "prompting Australia | to condemn", "forced Russia | to withdraw": the
 * object does the act.  Verbs of causing, by their stem, and "became"
 * ("became the first Ethiopian leader | to visit Eritrea": the one who
 * became it did it). */
static int causative(const ent_coder *c, int32_t s) {
    static const char *stems[] = {"PROMPT", "FORC", "LED", "LEAD", "CAUS", "COMPEL", "SPUR", "TRIGGER",
                                  "BECAM", "BECOM", "LET", "MAKE", "MADE", "MAKING", NULL};
    int32_t v = -1;
    for (int32_t ch = N(c, N(c, s)->parent)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->token >= 0 && ent_tree_is_verb_tag(T(c, N(c, ch)->token)->tag)) v = N(c, ch)->token;
    if (v < 0) return 0;
    for (int k = 0; stems[k]; k++)
        if (!strncmp(T(c, v)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* Is S node s the complement of an object, "wants Putin | to attack",
 * "asked Iran | to release"?  Its act is wanted of the object, not done:
 * with code_all_clauses it is neither chained to the verb above nor coded
 * as an event of its own (the verb above codes the asking, if anything).
 * But a purpose after an object that names no party ("set up a
 * commission | to investigate", "sent a mission | to monitor") is the
 * subject's own, unless the object denies it ("has no plans | to send
 * troops"). */
static int object_complement(ent_coder *c, int32_t s) {
    int32_t obj = complement_object(c, s);
    return obj >= 0 && (ent_np_entities(c, obj).n > 0 || !strcmp(T(c, N(c, obj)->begin)->upper, "NO"));
}

/* Is the verb at v one of gathering forces ("massing troops along the
 * border", "mobilising reserves")?  An accused show of force so told is
 * news; "sending troops to support the insurgents" is help. */
static int massing(const ent_coder *c, int32_t v) {
    static const char *const stems[] = {"MASS", "AMASS", "MOBILI", "STAG", "BUILD", NULL};
    for (int k = 0; stems[k]; k++)
        if (!strncmp(T(c, v)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* Is the verb at v, heading VP vp, a participle after a comma that counts
 * the dead or hurt ("..., killing at least 30 people", "wounding 12")? */
static int toll_participle(ent_coder *c, int32_t vp, int32_t v) {
    static const char *stems[] = {"KILLING", "WOUNDING", "INJURING", "LEAVING", NULL};
    int32_t s = N(c, vp)->parent;
    /* "..., killing hundreds and seizing dozens of hostages": the toll is
     * one conjunct of the participles */
    while (s >= 0 && N(c, s)->kind == ENT_N_VP) s = N(c, s)->parent;
    if (s < 0 || N(c, s)->kind != ENT_N_S || own_clause(c, s) != 1 || strcmp(T(c, v)->tag, "VBG"))
        return 0;
    int toll = 0;
    for (int k = 0; stems[k] && !toll; k++) toll = !strcmp(T(c, v)->upper, stems[k]);
    if (!toll || !c->events.len) return toll;
    /* the dead are not the toll of taking ground: "overran a district
     * headquarters, killing 30 police" is a second act */
    const char *last = ENT_VEC_AT(&c->events, ent_event, c->events.len - 1).code;
    return strncmp(last, "191", 3) && strncmp(last, "192", 3);
}

/* Does the object at tokens [from, end) name one person by office and
 * name ("Iranian Major-General Qassem Soleimani", "Hamas founder Sheikh
 * Ahmed Yassin", "the U.S. ambassador to Libya")? */
static int titled_person(const ent_coder *c, int32_t from, int32_t end) {
    static const char *const titles[] = {"PRESIDENT", "PREMIER", "MINISTER", "LEADER", "FOUNDER", "COMMANDER",
                                         "AMBASSADOR", "MAJOR-GENERAL", "GENERAL", "CHIEF", "MAYOR",
                                         "GOVERNOR", "CLERIC", "SHEIKH", "JUDGE", "PROSECUTOR", "SENATOR",
                                         "LAWMAKER", "POLITICIAN", "KING", "PRINCE", NULL};
    int title = 0;
    for (int32_t q = from; q < end && q < from + 12; q++) {
        const ent_token *k = T(c, q);
        if (TF(c, q, TF_PUNCT) || TF(c, q, TF_CC) || ent_tree_is_verb_tag(k->tag) ||
            (!strcmp(k->tag, "IN") && strcmp(k->upper, "OF")))
            break;
        for (int t = 0; titles[t] && !title; t++) title = !strcmp(k->upper, titles[t]);
        /* the title and a name after it, or "the ambassador to Libya" */
        if (title && (!strcmp(k->tag, "NNP") || !strcmp(k->upper, "TO")) && q > from) return 1;
    }
    return 0;
}

/* "killed Iranian Major-General Qassem Soleimani", "fired missiles at
 * Hamas founder Sheikh Ahmed Yassin ..., killing him": a killing of one
 * person of office is an assassination (186).  `obj` is where the act's
 * object begins (the "at" phrase's noun for an attack). */
static int assassination(const ent_coder *c, int32_t vt, int32_t obj, int32_t end) {
    static const char *const kill[] = {"KILL", "ASSASSINAT", "MURDER", "GUNNED", NULL};
    int killing = 0;
    for (int k = 0; kill[k] && !killing; k++) killing = !strncmp(T(c, vt)->upper, kill[k], strlen(kill[k]));
    if (!killing) {
        /* an attack on the person followed by "..., killing him" */
        for (int32_t q = vt + 1; q + 2 < end && !killing; q++)
            killing = !strcmp(T(c, q)->upper, ",") && !strcmp(T(c, q + 1)->upper, "KILLING") &&
                      (!strcmp(T(c, q + 2)->upper, "HIM") || !strcmp(T(c, q + 2)->upper, "HER"));
        if (!killing) return 0;
    }
    return obj >= 0 && titled_person(c, obj, end);
}

/* Is the verb at v, heading VP vp, "ending" after a comma ("..., ending
 * 27 years of civil war", "formally ending a decade-long insurgency")? */
static int ending_participle(ent_coder *c, int32_t vp, int32_t v) {
    int32_t s = N(c, vp)->parent;
    return s >= 0 && N(c, s)->kind == ENT_N_S && own_clause(c, s) == 1 && !strcmp(T(c, v)->tag, "VBG") &&
           !strcmp(T(c, v)->upper, "ENDING");
}

/* "called the raid an act of war", "branded the election a farce",
 * "described the move as a historic step": a verb of naming (the verb at
 * vt) followed, before `end`, by a word of blame gives criticism (111),
 * by a word of praise approval (051); NULL otherwise. */
static const char *judgement(const ent_coder *c, int32_t vt, int32_t end) {
    static const char *const naming[] = {"CALL", "BRAND", "DESCRIB", "LABEL", "TERM", "DUB", NULL};
    static const char *const blame[] = {"STAB", "UNACCEPTABLE", "ILLEGAL", "ILLEGITIMATE", "PROVOCATION",
                                        "PROVOCATIVE", "TERRORISM", "TERRORIST", "COUP", "AGGRESSION",
                                        "CRIME", "BETRAYAL", "FARCE", "SHAM", "TRAVESTY", "OUTRAGEOUS",
                                        "VIOLATION", "BLACKMAIL", "DANGEROUS", "UNJUSTIFIED", "ABSURD",
                                        "HOSTILE", "INHUMAN", "BARBARIC", "RECKLESS", "IRRESPONSIBLE",
                                        "NULL", "UNFRIENDLY", "WITCH", "GENOCIDE", "MASSACRE", "FASCIST",
                                        "DICTATOR", "THREAT", "INSULT", "HUMILIATION", "INTERFERENCE", "WAR",
                                        "MURDER", "PIRACY", "BLASPHEM", "LIE", "SETBACK", "UNCONSTITUTIONAL",
                                        "UNDEMOCRATIC", "MISTAKE", "DISGRACE", "SHAMEFUL", "DEPLORABLE",
                                        "REGRETTABLE", "INTOLERABLE", "UNWARRANTED", NULL};
    static const char *const praise[] = {"HISTORIC", "BREAKTHROUGH", "VICTORY", "SUCCESS", "MILESTONE",
                                         "POSITIVE", "LANDMARK", NULL};
    int verb = 0;
    for (int k = 0; naming[k] && !verb; k++) verb = !strncmp(T(c, vt)->upper, naming[k], strlen(naming[k]));
    if (!verb || strncmp(T(c, vt)->tag, "VB", 2)) return NULL;
    /* "struck what it called terrorist camps": the speaker's name for
     * its own target, no judgement of another */
    for (int32_t q = vt - 1; q >= 0 && q >= vt - 4; q--)
        if (!strcmp(T(c, q)->upper, "WHAT")) return NULL;
    /* "called for", "called on": a demand, not a name */
    if (vt + 1 < end && (!strcmp(T(c, vt + 1)->upper, "FOR") || !strcmp(T(c, vt + 1)->upper, "ON") ||
                         !strcmp(T(c, vt + 1)->upper, "OFF")))
        return NULL;
    for (int32_t q = vt + 1; q < end && q < vt + 14; q++) {
        const char *u = T(c, q)->upper;
        for (int k = 0; blame[k]; k++)
            if (!strncmp(u, blame[k], strlen(blame[k]))) return "111";
        for (int k = 0; praise[k]; k++)
            if (!strncmp(u, praise[k], strlen(praise[k]))) return "051";
    }
    return NULL;
}

/* "killed as many as 2,000 people", "massacred hundreds of civilians",
 * "executed about 300 men": a verb of killing whose object counts a
 * hundred or more is mass killing (202), whatever the verb's own code. */
static int mass_killing(const ent_coder *c, int32_t vt, int32_t from, int32_t end) {
    static const char *stems[] = {"KILL", "MASSACR", "EXECUT", "SLAUGHTER", "SLAY", "SLEW", "MURDER", NULL};
    int verb = 0;
    for (int k = 0; stems[k] && !verb; k++) verb = !strncmp(T(c, vt)->upper, stems[k], strlen(stems[k]));
    if (!verb) return 0;
    /* a massacre or slaughter is mass killing whatever its count */
    if (!strncmp(T(c, vt)->upper, "MASSACR", 7) || !strncmp(T(c, vt)->upper, "SLAUGHTER", 9)) return 1;
    /* the count before the object's first noun: "more than 1,000
     * people", "as many as 2,000 villagers", "hundreds of civilians" */
    for (int32_t q = from; q < end && q < from + 8; q++) {
        const char *u = T(c, q)->upper;
        if (!strcmp(u, "HUNDREDS") || !strcmp(u, "THOUSANDS")) return 1;
        if (TF(c, q, TF_NOUN) || TF(c, q, TF_PUNCT)) return 0;
        if (strcmp(T(c, q)->tag, "CD")) continue;
        long n = 0;
        for (const char *d = u; *d; d++)
            if (*d >= '0' && *d <= '9') n = n * 10 + (*d - '0');
            else if (*d != ',') { n = 0; break; }
        if (n >= 100 && n < 1900) return 1;   /* a count, not a year */
        if (n >= 2000 && n < 100000 && !(n < 2100 && strchr(u, ',') == NULL)) return 1;
    }
    return 0;
}

/* "retaliated | by launching missiles", "responded | by expelling":
 * the VP of a "by" gerund in VP node vp, which says what the verb's act
 * was; -1 when there is none. */
static int32_t by_gerund(const ent_coder *c, int32_t vp) {
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (N(c, ch)->kind != ENT_N_PP) continue;
        int32_t in = N(c, ch)->first_child, s = in >= 0 ? N(c, in)->next_sibling : -1;
        if (N(c, in)->token < 0 || !TF(c, N(c, in)->token, TF_BY) || s < 0 || N(c, s)->kind != ENT_N_S)
            continue;
        int32_t w = first_word(c, s);
        if (w < 0 || strcmp(T(c, w)->tag, "VBG")) continue;
        for (int32_t g = N(c, s)->first_child; g >= 0; g = N(c, g)->next_sibling)
            if (N(c, g)->kind == ENT_N_VP) return g;
    }
    return -1;
}

/* The verb chain below VP `vp`: auxiliaries and catenative verbs whose
 * complement has no subject of its own ("is about to restore", "was seen
 * to break").  Coordinated VPs end the chain: each conjunct is coded on
 * its own.  Writes verb tokens top-down; returns the count. */
static int verb_chain(ent_coder *c, int32_t vp, int32_t v, int32_t *out, int max) {
    int n = 0;
    out[n++] = v;
    /* a flat verb group, "(VP (VBD was) (VBN opposed) ...)", is a chain too */
    for (int32_t ch = N(c, T(c, v)->node)->next_sibling; ch >= 0 && n < max; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->token >= 0 && ent_tree_is_verb_tag(T(c, N(c, ch)->token)->tag))
            out[n++] = N(c, ch)->token;
    int32_t cur = vp;
    for (int guard = 0; guard < 64 && n < max; guard++) {
        int32_t next = -1;
        for (int32_t ch = N(c, cur)->first_child; ch >= 0 && next < 0; ch = N(c, ch)->next_sibling) {
            const ent_node *nd = N(c, ch);
            if (nd->kind == ENT_N_VP && !has_child_flag(c, ch, TF_CC)) next = ch;
            else if (nd->kind == ENT_N_S && !has_subject(c, ch) && !own_clause(c, ch) &&
                     !object_complement(c, ch)) {
                for (int32_t g = nd->first_child; g >= 0; g = N(c, g)->next_sibling)
                    if (N(c, g)->kind == ENT_N_VP) { next = g; break; }
            }
        }
        if (next < 0 && c->opt.code_all_clauses) next = by_gerund(c, cur);
        if (next < 0) break;
        int32_t leaf = verb_leaf_of(c, next);
        if (leaf >= 0) out[n++] = leaf;
        cur = next;
    }
    return n;
}

/* Negation leaves the act undone, and so, with code_all_clauses, do the
 * modals of possibility. */
static int is_negation(const ent_coder *c, int32_t tok) {
    return TF(c, tok, TF_NEG) || (c->opt.code_all_clauses && TF(c, tok, TF_MODAL));
}

static int is_be(const ent_coder *c, int32_t tok) { return TF(c, tok, TF_BE); }

int32_t ent_coder_no_plan_before(const ent_coder *c, int32_t v) {
    static const char *nouns[] = {"PLAN", "PLANS", "INTENTION", "INTENTIONS", "DESIRE", "WISH",
                                  "INTEREST", "NEED", "REASON", NULL};
    int32_t q = v - 1;
    if (q >= 0 && (!strcmp(T(c, q)->upper, "TO") || !strcmp(T(c, q)->upper, "OF"))) q--;
    if (q < 1) return -1;
    /* "stopped short of imposing" */
    if (!strcmp(T(c, q)->upper, "SHORT") && !strcmp(T(c, q + 1)->upper, "OF")) return q;
    for (int k = 0; nouns[k]; k++)
        if (!strcmp(T(c, q)->upper, nouns[k])) {
            int32_t d = q - 1;
            while (d > 0 && T(c, d)->tag[0] == 'J') d--;
            return !strcmp(T(c, d)->upper, "NO") ? d : -1;
        }
    return -1;
}

static int is_pronoun_np(const ent_coder *c, int32_t np) {
    for (int32_t i = N(c, np)->begin; i < N(c, np)->end; i++)
        if (!TF(c, i, TF_PRONOUN)) return 0;
    return 1;
}

/* Is token q inside node n (n may be -1)? */
static int in_node(const ent_coder *c, int32_t q, int32_t n) {
    return n >= 0 && q >= N(c, n)->begin && q < N(c, n)->end;
}

/* Defined with the entities and states below. */
static void entity_country(ent_coder *c, const entity *e, char out[4]);
static int country_code(const char *code);

static int mention_is_person(ent_coder *c, const struct mention *m);

/* With code_all_clauses, "the two countries", "the two leaders", "the
 * two", "both sides" with no state named in them: the last two states
 * named before, none in skip_np (the source, for an object). */
static elist pair_antecedents(ent_coder *c, int32_t np, int32_t skip_np) {
    elist out = concat_begin(c);
    if (!c->opt.code_all_clauses) return out;
    int32_t b = N(c, np)->begin, e = N(c, np)->end;
    /* "the two", "the two leaders", "the two Nordic countries" */
    int two = e - b >= 2 && TF(c, b, TF_DT) && !strcmp(T(c, b + 1)->upper, "TWO") &&
              (e - b == 2 || TF(c, e - 1, TF_NOUN));
    for (int32_t q = b + 2; two && q < e - 1; q++)
        two = T(c, q)->tag[0] == 'J' || T(c, q)->tag[0] == 'N';
    int both = e - b == 2 && !strcmp(T(c, b)->upper, "BOTH") && TF(c, e - 1, TF_NOUN);
    int three = e - b >= 2 && TF(c, b, TF_DT) && !strcmp(T(c, b + 1)->upper, "THREE") &&
                (e - b == 2 || TF(c, e - 1, TF_NOUN));
    if (three && c->last_src.n == 3 && E(c, c->last_src.off + 2)->end <= b) {
        /* "the U.S., Britain and France struck Syria ..., and Russia
         * warned the three countries": the three that acted last */
        ent_coder_trace(c, "  '%s %s' stands for the three that acted last", T(c, b)->text, T(c, e - 1)->text);
        return c->last_src;
    }
    if (three) {
        /* "the three leaders": the last three states named before */
        const struct mention *got[3];
        int n = 0;
        for (int k = c->n_mentions - 1; k >= 0 && n < 3; k--) {
            const struct mention *m = &c->mentions[k];
            if (m->tok >= b || in_node(c, m->tok, skip_np)) continue;
            int seen = 0;
            for (int j = 0; j < n; j++) seen |= !strncmp(got[j]->cc, m->cc, 3);
            if (!seen) got[n++] = m;
        }
        if (n < 3) return out;
        for (int j = 2; j >= 0; j--) {
            entity en = {.actor = got[j]->actor, .newactor = -1, .begin = b, .end = e};
            if (ent_np_push(c, &en) >= 0) out.n++;
        }
        ent_coder_trace(c, "  '%s %s' stands for the last three states named", T(c, b)->text, T(c, e - 1)->text);
        return out;
    }
    if (!two && !both) return out;
    if (c->last_src.n == 2 && E(c, c->last_src.off + 1)->end <= b && !in_node(c, E(c, c->last_src.off)->begin, skip_np)) {
        /* "Russia and China vetoed ..., and Rice denounced the two
         * countries": the pair that acted last */
        char p0[4], p1[4];
        entity_country(c, E(c, c->last_src.off), p0);
        entity_country(c, E(c, c->last_src.off + 1), p1);
        if (country_code(p0) && country_code(p1) && strcmp(p0, p1)) {
            ent_coder_trace(c, "  '%s %s' stands for the pair that acted last", T(c, b)->text, T(c, e - 1)->text);
            return c->last_src;
        }
    }
    if (c->last_tgt.n == 2 && E(c, c->last_tgt.off + 1)->end <= b) {
        /* "China hosted U.S. and North Korean envoys ..., and urged both
         * sides": the pair the last act was aimed at */
        char p0[4], p1[4];
        entity_country(c, E(c, c->last_tgt.off), p0);
        entity_country(c, E(c, c->last_tgt.off + 1), p1);
        if (country_code(p0) && country_code(p1) && strcmp(p0, p1)) {
            ent_coder_trace(c, "  '%s %s' stands for the pair acted on last", T(c, b)->text, T(c, e - 1)->text);
            return c->last_tgt;
        }
    }
    const struct mention *first = NULL, *second = NULL;
    /* "the two leaders", "the two men": people, not the states named
     * between them */
    static const char *people[] = {"LEADERS", "PRESIDENTS", "MEN", "MINISTERS", "PREMIERS", "COUNTERPARTS", NULL};
    int persons = 0;
    for (int k = 0; people[k]; k++) persons |= !strcmp(T(c, e - 1)->upper, people[k]);
    for (int pass = persons ? 0 : 1; pass < 2 && !second; pass++) {
        first = second = NULL;
        for (int k = c->n_mentions - 1; k >= 0 && !second; k--) {
            const struct mention *m = &c->mentions[k];
            if (m->tok >= b || in_node(c, m->tok, skip_np)) continue;
            if (pass == 0 && !mention_is_person(c, m)) continue;
            if (!first) first = m;
            else if (strncmp(m->cc, first->cc, 3)) second = m;
        }
    }
    /* "Sudan's army and the Rapid Support Forces ... both sides": two
     * parties of one state */
    for (int k = c->n_mentions - 1; k >= 0 && first && !second; k--) {
        const struct mention *m = &c->mentions[k];
        if (m->tok < b && !in_node(c, m->tok, skip_np) && m->actor != first->actor) second = m;
    }
    if (!second) return out;
    entity x = {.actor = second->actor, .newactor = -1, .begin = b, .end = e};
    entity y = {.actor = first->actor, .newactor = -1, .begin = b, .end = e};
    if (ent_np_push(c, &x) >= 0) out.n++;
    if (ent_np_push(c, &y) >= 0) out.n++;
    ent_coder_trace(c, "  '%s %s' stands for %s and %s", T(c, b)->text, T(c, e - 1)->text, second->cc,
                    first->cc);
    return out;
}

static void entity_country(ent_coder *c, const entity *e, char out[4]);
static int mention_is_person(ent_coder *c, const struct mention *m);

/* "he and President Moon signed": a subject that joins a pronoun to one
 * named party takes the person named before it as the other one.  l is
 * the phrase's one entity; returns l, or a new list of both. */
static elist with_pronoun_partner(ent_coder *c, int32_t np, elist l) {
    int32_t pron = -1;
    for (int32_t q = N(c, np)->begin; q < N(c, np)->end && pron < 0; q++)
        if (!strcmp(T(c, q)->upper, "HE") || !strcmp(T(c, q)->upper, "SHE")) pron = q;
    if (pron < 0 || !TF(c, pron, TF_PRONOUN) || !has_child_flag(c, np, TF_CC)) return l;
    char own[4];
    entity_country(c, E(c, l.off), own);
    for (int pass = 0; pass < 2; pass++)   /* "he": a person first, then any party */
        for (int k = c->n_mentions - 1; k >= 0; k--) {
            const struct mention *m = &c->mentions[k];
            if (m->tok >= N(c, np)->begin || !strncmp(m->cc, own, 3)) continue;
            if (pass == 0 && !mention_is_person(c, m)) continue;
            elist out = concat_begin(c);
            entity e = {.actor = m->actor, .newactor = -1, .begin = pron, .end = pron + 1};
            entity first = *E(c, l.off);
            if (ent_np_push(c, &e) < 0 || ent_np_push(c, &first) < 0) return l;
            out.n = 2;
            ent_coder_trace(c, "  '%s' stands for %s", T(c, pron)->text, m->cc);
            return out;
        }
    return l;
}

/* Descriptions and pronouns, defined with the target search below. */
static int group_description(const ent_coder *c, int32_t np);
static elist pronoun_antecedent(ent_coder *c, int32_t np, const char *src_country, int32_t src_np);

/* "..., with Prime Minister Albanese promising A$200 million": in S
 * node s, the NP of a "with" phrase right before VP node vp is its
 * subject.  The NP, or -1. */
static int32_t with_subject(const ent_coder *c, int32_t s, int32_t vp) {
    int32_t prev = -1;
    for (int32_t ch = N(c, s)->first_child; ch >= 0 && ch != vp; ch = N(c, ch)->next_sibling) prev = ch;
    if (prev < 0 || N(c, prev)->kind != ENT_N_PP || N(c, prev)->end != N(c, vp)->begin) return -1;
    int32_t in = N(c, N(c, prev)->first_child)->token;
    if (in < 0 || strcmp(T(c, in)->upper, "WITH")) return -1;
    for (int32_t g = N(c, prev)->first_child; g >= 0; g = N(c, g)->next_sibling)
        if (N(c, g)->kind == ENT_N_NP) return g;
    return -1;
}

/* Does node n hold a hazard word outside its prepositional phrases and
 * clauses? */
/* Does node n hold a word that begins with one of `stems` (NULL-ended)?
 * Only the phrase's own words are read: not its prepositional phrases,
 * clauses or verb phrases. */
static int np_has_stem(const ent_coder *c, int32_t n, const char *const *stems) {
    const ent_node *nd = N(c, n);
    if (nd->token >= 0) {
        const char *u = T(c, nd->token)->upper;
        for (int k = 0; stems[k]; k++)
            if (u[0] == stems[k][0] && !strncmp(u, stems[k], strlen(stems[k]))) return 1;
        return 0;
    }
    if (nd->kind == ENT_N_PP || nd->kind == ENT_N_SBAR || nd->kind == ENT_N_S || nd->kind == ENT_N_VP) return 0;
    for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (np_has_stem(c, ch, stems)) return 1;
    return 0;
}

/* Is NP np a natural hazard ("flash floods in eastern Spain", "Cyclone
 * Winston", "a powerful earthquake", "France's scorching heat wave")?
 * Its words are read, not those of its attachments. */
static int natural_hazard(const ent_coder *c, int32_t np) {
    static const char *const stems[] = {"FLOOD", "EARTHQUAKE", "QUAKE", "TSUNAMI", "CYCLONE", "HURRICANE",
                                        "TYPHOON", "STORM", "TORNADO", "LANDSLIDE", "MUDSLIDE", "AVALANCHE",
                                        "DROUGHT", "WILDFIRE", "HEATWAVE", "ERUPTION", "LOCUST", "MONSOON",
                                        "BLIZZARD", "HEAT", NULL};
    return np_has_stem(c, np, stems);
}

/* Is the act done from the air: by an aircraft, drone or missile named in
 * NP np ("Israeli warplanes pounded ...", "a U.S. drone strike killed
 * ...", "was struck by Russian missiles"), or is verb vt a shooting down
 * ("shot down a Russian warplane")?  Violence so done is aerial (195),
 * whatever the verb's generic code. */
static int aerial_act(const ent_coder *c, int32_t np, int32_t vt) {
    static const char *const stems[] = {"WARPLANE", "AIRCRAFT", "AIRSTRIKE", "AIRPLANE", "HELICOPTER",
                                        "GUNSHIP", "DRONE", "MISSILE", "JETS", "F-16", "F-15", "F-35",
                                        "MIG-", NULL};
    static const char *const words[] = {"AIR", "JET", "PLANE", "PLANES", "BOMBERS", NULL};
    if (vt + 1 < c->t->n_tokens && !strcmp(T(c, vt + 1)->upper, "DOWN") &&
        !strncmp(T(c, vt)->upper, "SH", 2))
        return 1;
    if (!strcmp(T(c, vt)->upper, "DOWNED")) return 1;
    if (np < 0) return 0;
    if (np_has_stem(c, np, stems)) return 1;
    for (int32_t p = N(c, np)->begin; p < N(c, np)->end; p++)
        for (int k = 0; words[k]; k++)
            if (!strcmp(T(c, p)->upper, words[k]) && !(p > 0 && !strcmp(T(c, p - 1)->upper, "SUICIDE")))
                return 1;
    return 0;
}

/* Is the attack done with artillery, tanks or mortars, named by its
 * subject ("Ethiopian tanks and artillery pounded ...") or in its phrase
 * ("pounded the town with artillery", "shelled")? */
static int artillery_act(const ent_coder *c, int32_t np, int32_t vp) {
    static const char *const stems[] = {"ARTILLERY", "TANK", "MORTAR", "HOWITZER", "SHELL", NULL};
    if (np >= 0 && np_has_stem(c, np, stems)) return 1;
    for (int32_t q = N(c, vp)->begin; q < N(c, vp)->end && q < N(c, vp)->begin + 12; q++)
        for (int k = 0; stems[k]; k++)
            if (!strncmp(T(c, q)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* "a car bomb planted by Basque separatists | killed ...", "drones
 * launched by the RSF | hit ...": a subject that names no actor but is
 * described by a passive with an agent acts through that agent. */
static elist instrument_agent(ent_coder *c, int32_t np) {
    if (!c->opt.code_all_clauses) return (elist){0, 0};
    for (int32_t ch = N(c, np)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (!passive_relative(c, ch)) continue;
        int32_t pp = N(c, N(c, ch)->first_child)->next_sibling;
        for (int32_t g = N(c, pp)->first_child; g >= 0; g = N(c, g)->next_sibling)
            if (N(c, g)->kind == ENT_N_NP) return ent_np_entities(c, g);
    }
    return (elist){0, 0};
}

/* When NP np is the object of a preposition of place ("attacks across
 * Paris", "the shootings at two mosques"), the noun phrase the place
 * phrase follows; else -1. */
static int32_t located_act(const ent_coder *c, int32_t np) {
    static const char *preps[] = {"IN", "AT", "ACROSS", "NEAR", "OUTSIDE", "INSIDE", "AROUND",
                                  "THROUGHOUT", NULL};
    int32_t pp = N(c, np)->parent;
    while (pp >= 0 && N(c, pp)->kind == ENT_N_NP && N(c, pp)->first_child == np) {
        np = pp;
        pp = N(c, pp)->parent;
    }
    if (pp < 0 || N(c, pp)->kind != ENT_N_PP || N(c, pp)->first_child < 0) return -1;
    int32_t in = N(c, N(c, pp)->first_child)->token, k = 0;
    if (in < 0) return -1;
    while (preps[k] && strcmp(T(c, in)->upper, preps[k])) k++;
    if (!preps[k]) return -1;
    int32_t prev = -1;
    for (int32_t ch = N(c, N(c, pp)->parent)->first_child; ch >= 0 && ch != pp; ch = N(c, ch)->next_sibling)
        prev = ch;
    if (prev < 0) return -1;
    if (N(c, prev)->kind == ENT_N_PP)
        for (int32_t ch = N(c, prev)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
            if (N(c, ch)->kind == ENT_N_NP) return ch;
    return N(c, prev)->kind == ENT_N_NP && N(c, prev)->end == N(c, pp)->begin ? prev : -1;
}

/* Does SBAR sbar open with "that", or "which" with no comma before it:
 * a clause that picks out its noun rather than one that adds to a name
 * ("in Nigeria, which granted him asylum")? */
static int restrictive_relative(const ent_coder *c, int32_t sbar) {
    int32_t b = N(c, sbar)->begin;
    if (!strcmp(T(c, b)->upper, "THAT")) return 1;
    return !strcmp(T(c, b)->upper, "WHICH") && b > 0 && strcmp(T(c, b - 1)->text, ",");
}

/* Is VP vp a participle of speech or accusation after a comma with no
 * subject of its own (", accusing ...", ", saying ...")? */
static int speech_participle(const ent_coder *c, int32_t vp) {
    static const char *stems[] = {"ACCUS", "SAY", "CALL", "URG", "DEMAND", "WARN", "BLAM", "INSIST",
                                  "CIT", "DESCRIB", "CLAIM", "VOW", "THREATEN", "CHARG", "DENOUNC",
                                  "CONDEMN", "CRITICI", NULL};
    if (!c->opt.code_all_clauses) return 0;
    int32_t v = verb_leaf_of(c, vp), s = N(c, vp)->parent;
    if (v < 0 || strcmp(T(c, v)->tag, "VBG") || s < 0 || N(c, s)->kind != ENT_N_S || N(c, s)->begin < 1 ||
        strcmp(T(c, N(c, s)->begin - 1)->text, ",") || has_subject(c, s))
        return 0;
    for (int k = 0; stems[k]; k++)
        if (!strncmp(T(c, v)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* The entities of the subject of the clause that VP `vp` belongs to.
 * Pronoun or missing subjects defer to the governing clause; a relative
 * clause takes the noun it modifies. */
static int group_actor(ent_coder *c, const entity *e);

elist ent_coder_subject(ent_coder *c, int32_t vp, int32_t *subj_np) {
    int32_t node = vp;
    *subj_np = -1;
    int speaker = -1;   /* speech_participle(c, vp), asked only when it matters */
    for (int guard = 0; guard < 64; guard++) {
        while (N(c, node)->parent >= 0 && N(c, N(c, node)->parent)->kind == ENT_N_VP)
            node = N(c, node)->parent;
        int32_t s = N(c, node)->parent;
        if (s < 0) break;
        int32_t np = -1;
        for (int32_t ch = N(c, s)->first_child; ch >= 0 && ch != node; ch = N(c, ch)->next_sibling)
            if (N(c, ch)->kind == ENT_N_NP) np = ch;
        if (np >= 0 && node != vp && N(c, s)->parent >= 0 && N(c, N(c, s)->parent)->kind == ENT_N_SBAR &&
            N(c, N(c, s)->parent)->parent >= 0 && N(c, N(c, N(c, s)->parent)->parent)->kind == ENT_N_VP &&
            (speaker < 0 ? (speaker = speech_participle(c, vp)) : speaker)) {
            /* "demanded that the mission leave, accusing the force of
             * ...": the accusation is the demander's, not the subject of
             * the clause it was hung on */
            node = N(c, N(c, s)->parent)->parent;
            continue;
        }
        if (np < 0 && c->opt.code_all_clauses) np = with_subject(c, s, node);
        if (np >= 0 && natural_hazard(c, np)) {
            /* "flash floods in eastern Spain killed 158 people": no one
             * acts, whatever place the phrase names */
            ent_coder_trace(c, "  the subject is a natural hazard: no source");
            *subj_np = np;
            return (elist){0, 0};
        }
        if (np >= 0 && N(c, np)->end - N(c, np)->begin == 1 && !strcmp(T(c, N(c, np)->begin)->upper, "EACH") &&
            c->opt.code_all_clauses && N(c, np)->begin > 0) {
            /* "Russia and Ukraine each signed deals with Turkey": "each"
             * floats after the subject it distributes */
            int32_t before = ent_np_ending_at(c, N(c, np)->begin - 1, 0);
            elist l = before >= 0 ? ent_np_entities(c, before) : (elist){0, 0};
            if (l.n >= 2 && ent_np_has_actor(c, l)) {
                *subj_np = before;
                return l;
            }
        }
        if (np >= 0 && N(c, np)->end - N(c, np)->begin == 1 && !strcmp(T(c, N(c, np)->begin)->upper, "EACH") &&
            c->last_src.n >= 2 && c->opt.code_all_clauses) {
            /* "..., each accusing the other of ...": each of the parties
             * of the act before */
            *subj_np = np;
            return c->last_src;
        }
        if (np >= 0) {
            elist l = ent_np_entities(c, np);
            if (!l.n) l = instrument_agent(c, np);
            if (!l.n || !ent_np_has_actor(c, l)) {
                /* "the two leaders": an agent with no state of its own */
                elist pa = pair_antecedents(c, np, -1);
                if (pa.n) l = pa;
            }
            if (l.n == 1 && c->opt.code_all_clauses) l = with_pronoun_partner(c, np, l);
            if ((!l.n || !ent_np_has_actor(c, l)) && group_description(c, np)) {
                /* "the group claimed responsibility": the group named before */
                elist a = pronoun_antecedent(c, np, "", -1);
                if (a.n) l = a;
            }
            if ((!l.n || !ent_np_has_actor(c, l)) && c->opt.code_all_clauses &&
                !strcmp(T(c, N(c, np)->begin)->tag, "PRP$")) {
                /* "as their columns were shelled", "Islamic State said its
                 * fighters had carried out ...": the owner is the subject
                 * of the governing clause, else the nearest party named
                 * before */
                elist owner = {0, 0};
                int32_t gov = N(c, s)->parent, own;
                while (gov >= 0 && N(c, gov)->kind != ENT_N_VP) gov = N(c, gov)->parent;
                if (gov >= 0) {
                    elist g = ent_coder_subject(c, gov, &own);
                    if (ent_np_has_actor(c, g)) owner = g;
                }
                for (int32_t q = N(c, np)->begin - 1; q >= 0 && !owner.n; q--) {
                    int32_t o = ent_np_starting_at(c, q, N(c, np)->begin);
                    if (o >= 0 && ent_np_has_actor(c, ent_np_entities(c, o))) owner = ent_np_entities(c, o);
                }
                /* an agent of its own stays one ("his supporters", "its
                 * police"), but an armed group's fighters are the group */
                if (owner.n && (!l.n || group_actor(c, E(c, owner.off)))) l = owner;
            }
            if (l.n || !is_pronoun_np(c, np)) {
                *subj_np = np;
                return l;
            }
        }
        int32_t obj = np < 0 ? complement_object(c, s) : -1;
        if (obj >= 0 && causative(c, s)) {
            /* "prompting Australia to condemn": the object acts; "Sudan
             * became the first country to recognise ...": the object is
             * the subject again, which names the actor when it does not */
            elist l = ent_np_entities(c, obj);
            if (ent_np_has_actor(c, l) || !became(c, s)) {
                *subj_np = obj;
                return l;
            }
        }
        obj = np < 0 ? reduced_relative(c, s) : -1;
        if (obj >= 0) {
            /* "people | protesting against ...": the party described */
            *subj_np = obj;
            return ent_np_entities(c, obj);
        }
        obj = np < 0 ? accused_act(c, s) : -1;
        if (obj >= 0) {
            /* "accused Israel of carrying out ...": the accused acts;
             * "accused each other of shelling": each accuser does, to
             * the other */
            *subj_np = obj;
            int32_t up = N(c, obj)->parent, own;
            while (up >= 0 && N(c, up)->kind != ENT_N_VP) up = N(c, up)->parent;
            if (up >= 0 && each_other(c, obj)) return ent_coder_subject(c, up, &own);
            return ent_np_entities(c, obj);
        }
        /* climb: relative clause -> the modified noun, unless the clause
         * has a pronoun of its own for subject ("an attack it blamed on
         * ...": the governing clause's); else the clause above */
        int32_t p = N(c, s)->parent;
        if (np < 0 && p >= 0 && N(c, p)->kind == ENT_N_SBAR && N(c, p)->parent >= 0 &&
            N(c, N(c, p)->parent)->kind == ENT_N_NP) {
            *subj_np = N(c, p)->parent;
            int32_t act = c->opt.code_all_clauses && restrictive_relative(c, p) ? located_act(c, *subj_np) : -1;
            if (act >= 0) {
                /* "attacks across Paris that killed 129 people": the
                 * clause tells of the act, not of the place */
                ent_coder_trace(c, "  a relative clause on a place: its subject is the act before the place");
                *subj_np = act;
            }
            elist agents;
            if (c->opt.code_all_clauses && restrictive_relative(c, p) &&
                ent_nominal_act_agents(c, N(c, p)->begin, &agents))
                return agents;
            return ent_np_entities(c, *subj_np);
        }
        if (np < 0 && p >= 0 && N(c, p)->kind == ENT_N_S && c->opt.code_all_clauses) {
            /* "X met Y ..., and signed a statement": a conjunct clause
             * with no subject shares the one before it */
            int32_t prev = -1;
            for (int32_t ch = N(c, p)->first_child; ch >= 0 && ch != s; ch = N(c, ch)->next_sibling)
                if (N(c, ch)->kind == ENT_N_S) prev = ch;
            int32_t pnp = -1;
            for (int32_t ch = prev >= 0 ? N(c, prev)->first_child : -1; ch >= 0; ch = N(c, ch)->next_sibling)
                if (N(c, ch)->kind == ENT_N_NP) { pnp = ch; break; }
                else if (N(c, ch)->kind == ENT_N_VP) break;
            if (pnp >= 0 && ent_np_entities(c, pnp).n) {
                *subj_np = pnp;
                return ent_np_entities(c, pnp);
            }
        }
        while (p >= 0 && N(c, p)->kind != ENT_N_VP) p = N(c, p)->parent;
        if (p < 0) {
            if (np >= 0) return (elist){0, 0};   /* a pronoun with no antecedent here */
            break;
        }
        node = p;
    }
    /* no subject anywhere: the nearest actor before the outermost verb
     * phrase reached, unless a natural hazard comes first ("Cyclone
     * Winston, the strongest storm ever recorded, tore through Fiji,
     * killing 10 people") */
    elist none = {0, 0};
    int32_t from = N(c, node)->begin < N(c, vp)->begin ? N(c, node)->begin : N(c, vp)->begin;
    for (int32_t q = from - 1; q >= 0; q--) {
        int32_t np = ent_np_starting_at(c, q, from);
        if (np < 0) continue;
        if (c->opt.code_all_clauses && natural_hazard(c, np)) {
            *subj_np = np;
            return none;
        }
        elist l = ent_np_entities(c, np);
        if (l.n) {
            *subj_np = np;
            return l;
        }
    }
    return none;
}

/* The relative clause of a noun phrase that holds token p and starts at
 * or after `from`, or -1.  PETRARCH-2 reads a noun phrase without its
 * relative clauses, so the states such a clause names ("the group that
 * has seized parts of Iraq and Syria") are no target of the verb before
 * it. */
static int32_t relative_clause_at(const ent_coder *c, int32_t p, int32_t from) {
    for (int32_t n = T(c, p)->node; n >= 0 && N(c, n)->begin >= from; n = N(c, n)->parent) {
        int32_t up = N(c, n)->parent;
        if (N(c, n)->kind == ENT_N_SBAR && up >= 0 && N(c, up)->kind == ENT_N_NP) return n;
    }
    return -1;
}

/* The first three letters of the code an entity's actor has on the
 * sentence's date, into out[4]; "" for an entity without an actor. */
static void entity_country(ent_coder *c, const entity *e, char out[4]) {
    char codes[MAX_CODES][72];
    out[0] = '\0';
    if (e->actor < 0) return;
    entity bare = *e;
    bare.n_agents = 0;
    bare.former = 0;
    if (ent_np_entity_codes(c, &bare, codes, MAX_CODES) < 1 || !strncmp(codes[0], "---", 3)) return;
    memcpy(out, codes[0], 3);
    out[3] = '\0';
}

/* Is NP np inside a phrase of circumstance ("during a summit of the BRICS
 * group", "amid protests in Iran", "despite pressure from Washington")?
 * Those name the setting of an act, not its target. */
static int circumstance(const ent_coder *c, int32_t np) {
    static const char *preps[] = {"DURING", "AMID", "AMIDST", "DESPITE", "THROUGHOUT", NULL};
    if (!c->opt.code_all_clauses) return 0;
    for (int32_t a = N(c, np)->parent; a >= 0 && N(c, a)->kind != ENT_N_VP && N(c, a)->kind != ENT_N_S;
         a = N(c, a)->parent) {
        if (N(c, a)->kind != ENT_N_PP || N(c, a)->first_child < 0) continue;
        int32_t in = N(c, N(c, a)->first_child)->token;
        if (in < 0) continue;
        for (int k = 0; preps[k]; k++)
            if (!strcmp(T(c, in)->upper, preps[k])) return 1;
        if (strcmp(T(c, in)->upper, "BY") && strcmp(T(c, in)->upper, "OF")) continue;
        /* "during a visit | by a U.S. official": a phrase hung after the
         * circumstance's own, whatever the parser attached it to */
        int32_t prev = -1, up = N(c, a)->parent;
        for (int32_t ch = up >= 0 ? N(c, up)->first_child : -1; ch >= 0 && ch != a; ch = N(c, ch)->next_sibling)
            prev = ch;
        int32_t pin = prev >= 0 && N(c, prev)->kind == ENT_N_PP && N(c, prev)->first_child >= 0
                          ? N(c, N(c, prev)->first_child)->token
                          : -1;
        for (int k = 0; preps[k] && pin >= 0; k++)
            if (!strcmp(T(c, pin)->upper, preps[k])) return 1;
    }
    return 0;
}

/* Does mention m name a person?  People carry an agent in their code on
 * the date (PHLGOV for a president), states do not (PHL). */
static int mention_is_person(ent_coder *c, const struct mention *m) {
    char codes[MAX_CODES][72];
    entity e = {.actor = m->actor, .newactor = -1};
    return ent_np_entity_codes(c, &e, codes, MAX_CODES) > 0 && strlen(codes[0]) > 3;
}

/* The phrase that heads NP np: its first NP child when np is a noun
 * with a clause attached ("(NP (NP its neighbour) (PP of (S sponsoring
 * ...)))", "the group that ..."); "a state of emergency" stays whole. */
static int32_t head_np(const ent_coder *c, int32_t np) {
    for (int guard = 0; guard < 8; guard++) {
        int32_t f = N(c, np)->first_child;
        if (f < 0 || N(c, f)->kind != ENT_N_NP || N(c, f)->next_sibling < 0) break;
        int32_t g = N(c, f)->next_sibling, clause = N(c, g)->kind == ENT_N_SBAR;
        if (N(c, g)->kind == ENT_N_PP)
            for (int32_t k = N(c, g)->first_child; k >= 0; k = N(c, k)->next_sibling)
                clause |= N(c, k)->kind == ENT_N_S;
        if (!clause) break;
        np = f;
    }
    return np;
}

/* Is NP np a description by one of heads ("the tiny nation", "its
 * neighbour", "the militant group"): a determiner or possessive, then
 * only adjectives and nouns up to the head?  The head phrase of a noun
 * with a clause attached counts (head_np), and so does the owner of a
 * possessive ("the group's positions"). */
static int description(const ent_coder *c, int32_t np, const char *const *heads) {
    np = head_np(c, np);
    int32_t b = N(c, np)->begin, e = N(c, np)->end, f = N(c, np)->first_child;
    if (f >= 0 && N(c, f)->kind == ENT_N_NP && N(c, f)->end > N(c, f)->begin &&
        !strcmp(T(c, N(c, f)->end - 1)->tag, "POS")) {
        b = N(c, f)->begin;
        e = N(c, f)->end - 1;
    }
    if (e - b < 2 || (!TF(c, b, TF_DT) && strcmp(T(c, b)->tag, "PRP$"))) return 0;
    for (int32_t q = b + 1; q < e - 1; q++)
        if (T(c, q)->tag[0] != 'J' && T(c, q)->tag[0] != 'N') return 0;
    for (int k = 0; heads[k]; k++)
        if (!strcmp(T(c, e - 1)->upper, heads[k])) return 1;
    return 0;
}

/* "the tiny nation", "its neighbour", "the Gulf state": a description of
 * a state by a noun of statehood after a determiner, adjectives between. */
static int state_description(const ent_coder *c, int32_t np) {
    static const char *heads[] = {"NATION", "COUNTRY", "STATE", "KINGDOM", "REPUBLIC", "NEIGHBOUR",
                                  "NEIGHBOR", "ISLAND", "EMIRATE", "ARCHIPELAGO", "TERRITORY", "ENCLAVE",
                                  "COLONY", NULL};
    return description(c, np, heads);
}

int ent_coder_state_description(const ent_coder *c, int32_t np) {
    return c->opt.code_all_clauses && state_description(c, np);
}

/* Is entity e an organisation or an armed group (IGO..., IMG..., NGO...,
 * or a state's code with REB, INS or SEP)? */
static int group_actor(ent_coder *c, const entity *e) {
    char codes[MAX_CODES][72];
    if (ent_np_entity_codes(c, e, codes, MAX_CODES) < 1) return 0;
    const char *k = codes[0];
    return !strncmp(k, "IGO", 3) || !strncmp(k, "IMG", 3) || !strncmp(k, "NGO", 3) ||
           (strlen(k) >= 6 && (!strncmp(k + 3, "REB", 3) || !strncmp(k + 3, "INS", 3) ||
                               !strncmp(k + 3, "SEP", 3)));
}

/* "the group", "the militant group", "the alliance", "the militants": a
 * description of an organisation or armed group. */
static int group_description(const ent_coder *c, int32_t np) {
    static const char *heads[] = {"GROUP", "MOVEMENT", "ALLIANCE", "BLOC", "ORGANISATION",
                                  "ORGANIZATION", "MILITIA", "COURT", "COUNCIL", "AGENCY", "BODY",
                                  "WATCHDOG", "TRIBUNAL", "MILITANTS", "JIHADISTS", "INSURGENTS",
                                  "GUERRILLAS", "ISLAMISTS", "FORCE", "MISSION", NULL};
    return description(c, np, heads);
}

/* With code_all_clauses, an object pronoun ("welcomed him", "fired at
 * them") or a state's description ("rushed troops to the tiny nation")
 * stands for the nearest state or person named before it other than the
 * source's own: in one sentence of wire copy that is nearly always the
 * other party.  A group's description ("the militant group") stands for
 * the nearest group named before it. */
static elist pronoun_antecedent(ent_coder *c, int32_t np, const char *src_country, int32_t src_np) {
    elist out = concat_begin(c);
    if (!c->opt.code_all_clauses) return out;
    if (group_description(c, np)) {
        /* the nearest organisation or armed group named before it */
        for (int k = c->n_groups - 1; k >= 0; k--) {
            const struct mention *g = &c->groups[k];
            if (g->tok >= N(c, np)->begin) continue;
            if (src_np >= 0 && g->tok >= N(c, src_np)->begin && g->tok < N(c, src_np)->end) continue;
            entity e = {.actor = g->actor, .newactor = -1, .begin = N(c, np)->begin, .end = N(c, np)->end};
            if (ent_np_push(c, &e) >= 0) out.n = 1;
            ent_coder_trace(c, "  '%s' stands for the group named before it", T(c, N(c, np)->end - 1)->text);
            return out;
        }
    }
    const char *u = T(c, N(c, np)->begin)->upper;
    int32_t after = N(c, np)->begin + 1;
    /* a pronoun alone, or with its attachment ("(NP (NP it) (PP of ...))");
     * "it" only where it is plainly a party: "accusing it of", "blamed
     * it for", "denouncing it as" */
    int alone = N(c, np)->end == after ||
                (after < c->t->n_tokens && !strcmp(T(c, N(c, np)->begin)->tag, "PRP") &&
                 !strcmp(T(c, after)->tag, "IN"));
    int it = !strcmp(u, "IT") && after < c->t->n_tokens &&
             (!strcmp(T(c, after)->upper, "OF") || !strcmp(T(c, after)->upper, "FOR") ||
              !strcmp(T(c, after)->upper, "AS"));
    int pronoun = alone && (!strcmp(u, "HIM") || !strcmp(u, "HER") || !strcmp(u, "THEM") || it);
    if (!pronoun) {
        elist two = pair_antecedents(c, np, src_np);   /* "congratulated both countries" */
        if (two.n) return two;
    }
    if (!pronoun && !state_description(c, np)) return out;
    if (pronoun && c->last_tgt.n && c->last_src.n && src_country[0]) {
        /* "seized 15 British sailors, accusing them of ...": the same
         * source's last target */
        char lc[4];
        entity_country(c, E(c, c->last_src.off), lc);
        if (!strncmp(lc, src_country, 3)) {
            ent_coder_trace(c, "  '%s' stands for the last act's target", T(c, N(c, np)->begin)->text);
            return c->last_tgt;
        }
    }
    /* "him" and "her" are people: a person named before comes first */
    int person = pronoun && strcmp(u, "THEM");
    for (int k = c->n_mentions - 1; pronoun && !person && k >= 0; k--) {
        /* "after the United States, Britain and France recognised
         * Kosovo, ... accused them of": "them" is the nearest list of
         * parties named together */
        const struct mention *m = &c->mentions[k];
        if (m->tok >= N(c, np)->begin || (src_country[0] && !strncmp(m->cc, src_country, 3))) continue;
        if (src_np >= 0 && m->tok >= N(c, src_np)->begin && m->tok < N(c, src_np)->end) continue;
        int32_t list = ent_np_containing(c, m->tok);
        while (list >= 0 && N(c, list)->parent >= 0 && N(c, N(c, list)->parent)->kind == ENT_N_NP)
            list = N(c, list)->parent;
        elist l = list >= 0 ? ent_np_entities(c, list) : (elist){0, 0};
        if (l.n < 2 || !ent_np_has_actor(c, l)) continue;
        /* the list acted before ("recognised Kosovo"), as a party that
         * "them" is blamed or urged for has */
        char first[4];
        entity_country(c, E(c, l.off), first);
        int acted = 0;
        for (size_t e = 0; e < c->events.len && !acted; e++)
            acted = first[0] && !strncmp(ENT_VEC_AT(&c->events, ent_event, e).source, first, 3);
        if (!acted) break;
        ent_coder_trace(c, "  'them' stands for the %d parties named together before it", (int)l.n);
        return l;
    }
    for (int pass = person ? 0 : 1; pass < 2 && !out.n; pass++)
        for (int k = c->n_mentions - 1; k >= 0; k--) {
            const struct mention *m = &c->mentions[k];
            if (m->tok >= N(c, np)->begin || (src_country[0] && !strncmp(m->cc, src_country, 3))) continue;
            /* every member of a compound source is the source */
            if (src_np >= 0 && m->tok >= N(c, src_np)->begin && m->tok < N(c, src_np)->end) continue;
            if (pass == 0 && !mention_is_person(c, m)) continue;
            if (it && mention_is_person(c, m)) continue;   /* "it" is a state or a body */
            entity e = {.actor = m->actor, .newactor = -1, .begin = N(c, np)->begin, .end = N(c, np)->end};
            if (ent_np_push(c, &e) >= 0) out.n = 1;
            ent_coder_trace(c, "  '%s' stands for %s", T(c, N(c, np)->end - 1)->text, m->cc);
            break;
        }
    return out;
}

/* The upper-case preposition whose object NP np is (through any NPs
 * above it), or NULL. */
static const char *preposition_of(const ent_coder *c, int32_t np) {
    int32_t pp = N(c, np)->parent;
    while (pp >= 0 && N(c, pp)->kind == ENT_N_NP) pp = N(c, pp)->parent;
    if (pp < 0 || N(c, pp)->kind != ENT_N_PP || N(c, pp)->first_child < 0) return NULL;
    int32_t in = N(c, N(c, pp)->first_child)->token;
    return in < 0 ? NULL : T(c, in)->upper;
}

/* Is NP np where a mutual act took place rather than a party to it: the
 * object of any preposition but with, to, between and among ("met at a
 * hotel on Singapore's Sentosa island", "swapped prisoners on the tarmac
 * of Vienna's airport")? */
static int place_phrase(const ent_coder *c, int32_t np) {
    const char *u = preposition_of(c, np);
    return u && strcmp(u, "WITH") && strcmp(u, "TO") && strcmp(u, "BETWEEN") && strcmp(u, "AMONG");
}

/* Is NP np the object of a preposition of place ("at Tehran
 * University", "in central Beirut", "outside parliament")? */
static int where_named(const ent_coder *c, int32_t np) {
    const char *u = preposition_of(c, np);
    return u && (!strcmp(u, "AT") || !strcmp(u, "IN") || !strcmp(u, "OUTSIDE") || !strcmp(u, "NEAR") ||
                 !strcmp(u, "THROUGH") || !strcmp(u, "ACROSS"));
}

/* With code_all_clauses, the next conjunct of VP vp when vp has no object
 * of its own ("(VP (VP beat) and (VP detained dozens))"), else -1. */
static int32_t shared_object_vp(const ent_coder *c, int32_t vp) {
    if (!c->opt.code_all_clauses) return -1;
    int32_t p = N(c, vp)->parent;
    if (p < 0 || N(c, p)->kind != ENT_N_VP || !has_child_flag(c, p, TF_CC)) return -1;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP || N(c, ch)->kind == ENT_N_PP) return -1;
    for (int32_t ch = N(c, vp)->next_sibling; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_VP) return ch;
    return -1;
}

/* Is the head of NP np an accusation ("a charge", "the allegations")? */
static int allegation(const ent_coder *c, int32_t np) {
    static const char *const heads[] = {"CHARGE", "CHARGES", "ACCUSATION", "ACCUSATIONS", "ALLEGATION",
                                        "ALLEGATIONS", "CLAIM", "CLAIMS", NULL};
    const char *u = T(c, N(c, np)->end - 1)->upper;
    for (int k = 0; heads[k]; k++)
        if (!strcmp(u, heads[k])) return 1;
    return 0;
}

/* "al Shabaab militants | whom Nairobi blames for ...", "Hutu rebels | it
 * blames for ...": when VP vp is the verb of a relative clause with a
 * subject of its own, the clause's object is the noun it modifies.  That
 * noun's NP, or -1. */
static int32_t gap_relative_head(const ent_coder *c, int32_t vp) {
    int32_t s = N(c, vp)->parent;
    while (s >= 0 && N(c, s)->kind == ENT_N_VP) s = N(c, s)->parent;
    if (s < 0 || N(c, s)->kind != ENT_N_S || !has_subject(c, s)) return -1;
    while (N(c, s)->parent >= 0 && N(c, N(c, s)->parent)->kind == ENT_N_S) s = N(c, s)->parent;
    int32_t sbar = N(c, s)->parent;
    if (sbar < 0 || N(c, sbar)->kind != ENT_N_SBAR) return -1;
    int32_t np = N(c, sbar)->parent;
    if (np < 0 || N(c, np)->kind != ENT_N_NP) return -1;
    int32_t head = N(c, np)->first_child;
    return head >= 0 && head != sbar && N(c, head)->kind == ENT_N_NP ? head : -1;
}

/* Does VP vp have "each other" or "one another" for its object ("accused
 * each other", "fought with one another")? */
static int each_other(const ent_coder *c, int32_t vp) {
    for (int32_t q = N(c, vp)->begin; q + 1 < N(c, vp)->end; q++) {
        const char *u = T(c, q)->upper, *v = T(c, q + 1)->upper;
        if ((!strcmp(u, "EACH") && !strcmp(v, "OTHER")) || (!strcmp(u, "ONE") && !strcmp(v, "ANOTHER")))
            return 1;
        /* "each accusing the other" */
        if (!strcmp(u, "THE") && !strcmp(v, "OTHER") && N(c, vp)->begin > 0 &&
            !strcmp(T(c, N(c, vp)->begin - 1)->upper, "EACH"))
            return 1;
    }
    return 0;
}

/* Is NP np an act named by a noun with no actor in it ("the strike",
 * "the move", "a decision")? */
static int act_noun(ent_coder *c, int32_t np) {
    static const char *acts[] = {"MOVE", "DECISION", "SENTENCE", "SENTENCES", "VERDICT", "LAW", "STEP",
                                 "ACTION", "ACTIONS", "KILLING", "KILLINGS", "EXECUTION", "EXECUTIONS",
                                 "DEAL", "ACCORD", "AGREEMENT", "BAN", "COUP", "VIOLENCE", "OFFER",
                                 "GESTURE", "SPEECH", "ANNOUNCEMENT", NULL};
    if (ent_np_has_actor(c, ent_np_entities(c, np))) return 0;
    int32_t h = N(c, np)->end - 1;
    for (int32_t ch = N(c, np)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP) { h = N(c, ch)->end - 1; break; }
    if (phrase_at_range(c, &c->d->noun_ix, h, h + 1, -1)) return 1;
    for (int k = 0; acts[k]; k++)
        if (!strcmp(T(c, h)->upper, acts[k])) return 1;
    return 0;
}

/* Is the first object of the verb at vt, in VP vp, an act named by a noun
 * with no actor in it ("condemned the strike", "denounced the move")? */
static int act_object(ent_coder *c, int32_t vp, int32_t vt) {
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (N(c, ch)->begin <= vt || N(c, ch)->kind != ENT_N_NP) continue;
        return act_noun(c, ch);
    }
    return 0;
}

/* Demand, denial, criticism, accusation, rejection, threat and a show
 * of force (016, roots 10, 11, 12, 13 and 15): reactions to an act, aimed
 * at its author when the words name no one ("demanded their release",
 * "..., a charge Islamabad flatly denied", "Islamabad warned it would
 * retaliate", "... as Chinese warships surrounded the island, Taiwan put
 * its forces on alert"). */
static int reaction_code(const char *code) {
    return (code[0] == '1' && code[1] >= '0' && code[1] <= '5' && code[1] != '4') ||
           !strncmp(code, "016", 3);
}

/* Does the verb at `verb` say its act is done jointly ("pledged to work
 * together", "vowed to keep a bilateral ceasefire")? */
static int joint_act(const ent_coder *c, int32_t verb) {
    int32_t vp = N(c, T(c, verb)->node)->parent;
    if (vp < 0 || N(c, vp)->kind != ENT_N_VP) return 0;
    for (int32_t q = verb + 1; q < N(c, vp)->end; q++) {
        const char *u = T(c, q)->upper;
        if (!strcmp(u, "TOGETHER") || !strcmp(u, "JOINTLY") || !strcmp(u, "BILATERAL") ||
            !strcmp(u, "MUTUAL") || !strcmp(u, "RECIPROCAL"))
            return 1;
    }
    return 0;
}

/* "Leyva and his Venezuelan counterpart met ... and pledged to restore
 * relations": is the verb at v a conjunct after one of meeting or
 * signing, so that what the pair pledges there they pledge each other? */
static int met_before(const ent_coder *c, int32_t v) {
    int32_t vp = N(c, T(c, v)->node)->parent;
    int32_t up = vp >= 0 ? N(c, vp)->parent : -1;
    if (up < 0 || N(c, up)->kind != ENT_N_VP) return 0;
    for (int32_t ch = N(c, up)->first_child; ch >= 0 && ch != vp; ch = N(c, ch)->next_sibling) {
        int32_t w = N(c, ch)->kind == ENT_N_VP ? first_word(c, ch) : -1;
        if (w >= 0 && (!strcmp(T(c, w)->upper, "MET") || !strncmp(T(c, w)->upper, "SIGN", 4) ||
                       !strncmp(T(c, w)->upper, "HELD", 4)))
            return 1;
    }
    return 0;
}

/* "X and Y met", "... signed a treaty", "... clashed": acts that a
 * compound subject does to one another when nothing else is their
 * target (intent, consultation, cooperation, aid, fighting).  Is `code`,
 * from the verb at `verb`, such an act? */
static int reciprocal_code(const ent_coder *c, const char *code, int32_t verb) {
    if (code[0] == '0' && code[1] >= '4' && code[1] <= '6') return 1;
    /* intent is mutual when it is agreed or met over ("X and Y agreed to
     * ..."), not when it is pledged or offered side by side */
    if (code[0] == '0' && code[1] == '3')
        return !strncmp(T(c, verb)->upper, "AGRE", 4) || !strncmp(T(c, verb)->upper, "MEET", 4) ||
               !strcmp(T(c, verb)->upper, "MET") || !strcmp(code, "036") || joint_act(c, verb) ||
               met_before(c, verb);
    /* "swapped prisoners", "exchanged fire": whatever the code, the act of
     * a swap is mutual */
    if (!strncmp(T(c, verb)->upper, "SWAP", 4) || !strncmp(T(c, verb)->upper, "EXCHANG", 7)) return 1;
    /* "the two neighbours downgraded diplomatic ties": ties are cut
     * between the parties (an ambassador is recalled from a third) */
    static const char *ties[] = {"DOWNGRAD", "SEVER", "BROKE", "BREAK", "CUT", NULL};
    for (int k = 0; code[0] == '1' && code[1] == '6' && ties[k]; k++)
        if (!strncmp(T(c, verb)->upper, ties[k], strlen(ties[k]))) return 1;
    if (code[0] != '1' || code[1] != '9') return 0;
    /* fighting is mutual only for the verbs of a fight: "U.S. and British
     * warships struck targets" are allies, "Indian and Chinese troops
     * clashed" are not */
    static const char *stems[] = {"CLASH", "FIGHT", "FOUGHT", "BATTL", "SKIRMISH", "EXCHANG", NULL};
    for (int k = 0; stems[k]; k++)
        if (!strncmp(T(c, verb)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* "Moscow" after "the Russian defence minister said": a bare name of the
 * source's own country is the speaker's state, not the other party. */
static int same_country_only(ent_coder *c, elist l, const char *src_country) {
    if (!src_country[0]) return 0;
    for (int32_t i = 0; i < l.n; i++) {
        const entity *e = E(c, l.off + i);
        char cc[4];
        entity_country(c, e, cc);
        if (e->n_agents || strcmp(cc, src_country)) return 0;
        /* a person or body of that state ("Augusto Pinochet": CHLELI) is
         * a party, not the state's bare name */
        char codes[MAX_CODES][72];
        entity bare = *e;
        bare.former = 0;
        if (ent_np_entity_codes(c, &bare, codes, MAX_CODES) > 0 && strlen(codes[0]) > 3) return 0;
    }
    return l.n > 0;
}

/* "of torpedoing one of its warships": ships owned by "its" or "their"
 * belong to the state named nearest before them that is not the
 * source's; l (the agents) unchanged when there is none. */
static elist possessed(ent_coder *c, int32_t np, elist l, const char *src_country) {
    int32_t q = N(c, np)->begin, end = N(c, np)->end;
    while (q < end && strcmp(T(c, q)->tag, "PRP$")) q++;
    if (q >= end || l.n != 1 || (strcmp(T(c, q)->upper, "ITS") && strcmp(T(c, q)->upper, "THEIR"))) return l;
    /* a ship struck is another's, and so is a government blamed ("accusing
     * its government of conspiring"); "recalled their ambassadors",
     * "closed its embassy" are the subject's own */
    static const char *const organs[] = {"GOVERNMENT", "AUTHORITIES", "LEADER", "LEADERS", "PRESIDENT",
                                         "MILITARY", "ARMY", "FORCES", "TROOPS", NULL};
    const char *head = T(c, end - 1)->upper;
    int organ = 0;
    const char *code = c->target_code;
    int blame = code && code[0] == '1' && code[1] >= '0' && code[1] <= '3';
    for (int k = 0; organs[k] && blame; k++) organ |= !strcmp(head, organs[k]);
    /* "protesters stormed its embassy in Tehran": a mission a crowd
     * attacks is another state's than the one it stands in ("closed its
     * embassy" is the subject's own) */
    /* so is one a state's own people storm ("Iranian protesters stormed
     * and set fire to its embassy in Tehran") */
    int assault = code && ((code[0] == '1' && (code[1] == '4' || code[1] >= '8')) || code[0] == '2');
    int mission = (!src_country[0] || assault) && (!strncmp(head, "EMBASS", 6) || !strncmp(head, "CONSULATE", 9));
    const char *host = "";
    if (mission && end + 1 < c->t->n_tokens && !strcmp(T(c, end)->upper, "IN"))
        for (int k = 0; k < c->n_mentions && !host[0]; k++)
            if (c->mentions[k].tok > end && c->mentions[k].tok <= end + 4) host = c->mentions[k].cc;
    if (strncmp(head, "WARSHIP", 7) && strncmp(head, "VESSEL", 6) && strncmp(head, "SHIP", 4) && !organ && !mission)
        return l;
    const struct mention *owner = NULL;
    for (int k = 0; k < c->n_mentions; k++) {
        const struct mention *m = &c->mentions[k];
        if (m->tok < N(c, np)->begin && (!src_country[0] || strncmp(m->cc, src_country, 3)) &&
            (!host[0] || strncmp(m->cc, host, 3)))
            owner = m;
    }
    if (!owner) return l;
    entity e = *E(c, l.off);
    e.actor = owner->actor;
    e.newactor = -1;
    elist out = concat_begin(c);
    if (ent_np_push(c, &e) >= 0) out.n = 1;
    ent_coder_trace(c, "  '%s' is %s's", T(c, q)->text, owner->cc);
    return out;
}

/* The first noun phrase with entities in tokens [from, end), skipping the
 * source phrase, any excluded span, and bare names of the source's own
 * country.  A phrase naming an actor is preferred to one naming only an
 * agent ("extradited the drug lord to the United States"). */
static elist first_np_entities(ent_coder *c, int32_t from, int32_t end, int32_t skip_np,
                               const char *src_country, int32_t *found) {
    *found = -1;
    for (int pass = 0; pass < 2; pass++)
        for (int32_t p = from; p < end; p++) {
            if (p >= c->excl_begin && p < c->excl_end) continue;
            int32_t rel = c->d->combine_verbs ? relative_clause_at(c, p, from) : -1;
            if (rel >= 0) {
                p = N(c, rel)->end - 1;
                continue;
            }
            int32_t np = ent_np_starting_at(c, p, end);
            if (np < 0 || np == skip_np || circumstance(c, np)) continue;
            elist l = ent_np_entities(c, np);
            if (!l.n || (!ent_np_has_actor(c, l) && group_description(c, np))) {
                elist a = pronoun_antecedent(c, np, src_country, skip_np);
                if (a.n) l = a;
            } else if (!ent_np_has_actor(c, l) && c->opt.code_all_clauses) {
                /* "praised both leaders": the pair named before */
                elist two = pair_antecedents(c, np, skip_np);
                if (two.n) l = two;
                else l = possessed(c, np, l, src_country);
            }
            /* "genocide against black African villagers in Darfur": those
             * an act is against are its target, named by an actor or not */
            int victims = c->opt.code_all_clauses && p > 0 && !strcmp(T(c, p - 1)->upper, "AGAINST");
            /* "massacred at least 79 villagers in a raid near the border
             * with Niger": the people force is turned on are its target */
            const char *code = c->target_code;
            victims |= c->opt.code_all_clauses && p == from && code &&
                       (code[0] == '2' || (code[0] == '1' && (code[1] == '8' || code[1] == '9')));
            if (!l.n || (pass == 0 && !ent_np_has_actor(c, l) && !victims) || same_country_only(c, l, src_country))
                continue;
            *found = np;
            return l;
        }
    return (elist){0, 0};
}

/* PETRARCH-2's target of a verb that matched no pattern (a pattern's
 * words are no target's): the actors the noun phrases of the verb's own
 * phrase name, or with none those of its prepositional phrases; the
 * agents likewise; mixed as one run of words ("meet with exiled
 * dissidents from military-ruled Myanmar": MMROPP).  Empty when the
 * phrase names neither. */

static elist p2_lower(ent_coder *c, int32_t vp) {
    ent_np_bag np = {.n_actors = 0}, pp = {.n_actors = 0};
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (N(c, ch)->kind == ENT_N_NP) {
            ent_np_bag_add(c, &np, ch);
        } else if (N(c, ch)->kind == ENT_N_PP) {
            for (int32_t g = N(c, ch)->first_child; g >= 0; g = N(c, g)->next_sibling)
                if (N(c, g)->kind == ENT_N_NP) {
                    ent_np_bag_add(c, &pp, g);
                    break;
                }
        }
    }
    if (!np.n_actors) {
        memcpy(np.actors, pp.actors, sizeof pp.actors);
        np.n_actors = pp.n_actors;
    }
    if (!np.n_agents) {
        memcpy(np.agents, pp.agents, sizeof pp.agents);
        np.n_agents = pp.n_agents;
    }
    return ent_np_bag_push(c, &np, N(c, vp)->begin, N(c, vp)->end);
}

/* The NP of a "by" phrase directly in the verb's VP, for passives. */
static int32_t by_phrase(ent_coder *c, int32_t vp, int wide) {
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *pp = N(c, ch);
        if (pp->kind == ENT_N_ADVP) {   /* "opposed earlier by Osgiliath" */
            int32_t in = by_phrase(c, ch, wide);
            if (in >= 0) return in;
            continue;
        }
        if (pp->kind != ENT_N_PP || pp->first_child < 0) continue;
        const ent_node *in = N(c, pp->first_child);
        if (in->token < 0) continue;
        /* wide (PETRARCH-2 sets): also "fired from Gaza" and "killed in
         * Israeli shelling", as PETRARCH-2 takes them; but "killed in
         * Ukraine" names where, not who (PETRARCH-2 codes Ukraine the
         * killer, which is wrong), so an "in" phrase counts only when its
         * head is a common noun */
        int from = wide && !strcmp(T(c, in->token)->upper, "FROM");
        int at = wide && !strcmp(T(c, in->token)->upper, "IN");
        if (!TF(c, in->token, TF_BY) && !from && !at) continue;
        for (int32_t g = pp->first_child; g >= 0; g = N(c, g)->next_sibling) {
            if (N(c, g)->kind != ENT_N_NP) continue;
            if (!wide) return g;
            int32_t h = N(c, g)->end - 1;
            if (at && !(T(c, h)->tag[0] == 'N' && T(c, h)->tag[1] == 'N' && T(c, h)->tag[2] != 'P')) break;
            if (ent_np_entities(c, g).n) return g;
            break;
        }
    }
    return -1;
}

/* PETRARCH-2's passive: a verb in -ed form whose phrase modifies a noun
 * ("civilians imprisoned for ...") or stands within two phrases under a
 * form of "be". */
int ent_coder_passive(const ent_coder *c, int32_t vt) {
    if (strcmp(T(c, vt)->tag, "VBN") && strcmp(T(c, vt)->tag, "VBD")) return 0;
    int32_t vp = N(c, T(c, vt)->node)->parent;
    if (vp < 0) return 0;
    int32_t level = N(c, vp)->parent;
    if (level >= 0 && N(c, level)->kind == ENT_N_NP) return 1;
    for (int k = 0; k < 2 && level >= 0; k++, level = N(c, level)->parent) {
        int32_t first = N(c, level)->first_child;
        if (N(c, level)->kind == ENT_N_VP && first >= 0 && N(c, first)->token >= 0 &&
            TF(c, N(c, first)->token, TF_BE))
            return 1;
    }
    return 0;
}

/* Is NP np the one a statement is made to: the verb's object ("told
 * Moscow") or a "to" phrase ("said to reporters")?  A plain statement is
 * an event only toward its addressee; the nouns it mentions ("said the
 * plan had support from Paris") are its topic, not its target. */
static int addressee(const ent_coder *c, int32_t vp, int32_t np) {
    if (np < 0) return 0;
    int32_t p = N(c, np)->parent;
    if (p == vp) return 1;
    if (p >= 0 && N(c, p)->kind == ENT_N_PP && N(c, p)->parent == vp && N(c, p)->first_child >= 0) {
        int32_t in = N(c, N(c, p)->first_child)->token;
        return in >= 0 && TF(c, in, TF_TO);
    }
    return 0;
}

/* ---- Events ---------------------------------------------------------------------- */

/* Does a word of the sentence begin with one of stems? */
static int words_named(const ent_coder *c, const char *const *stems) {
    for (int32_t q = 0; q < c->t->n_tokens; q++)
        for (int k = 0; stems[k]; k++)
            if (!strncmp(T(c, q)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* Is the three-letter sector s a state's people, not its organs: its
 * opposition, civilians, workers, students, farmers, doctors, journalists
 * or refugees? */
/* Is s (an agent code) an organ of a state: government, legislature,
 * police, army, courts? */
static int state_sector(const char *s) {
    static const char *const sectors[] = {"GOV", "LEG", "COP", "MIL", "JUD", "ELI", NULL};
    for (int x = 0; sectors[x]; x++)
        if (!strncmp(s, sectors[x], 3)) return 1;
    return 0;
}

static int popular_sector(const char *s) {
    static const char *const sectors[] = {"OPP", "CVL", "LAB", "EDU", "AGR", "HLH", "MED", "REF", NULL};
    for (int x = 0; sectors[x]; x++)
        if (!strncmp(s, sectors[x], 3)) return 1;
    return 0;
}

/* Does the phrase of the verb at `verb` name a strike with no weapon
 * before it ("strikes", "a general strike", not "air strikes")? */
static int labor_strike(const ent_coder *c, int32_t verb) {
    static const char *arms[] = {"AIR", "MISSILE", "DRONE", "ROCKET", "MILITARY", "ARTILLERY", "NAVAL",
                                 "SURGICAL", "PREEMPTIVE", "PRE-EMPTIVE", NULL};
    int32_t vp = verb >= 0 ? N(c, T(c, verb)->node)->parent : -1;
    for (int32_t q = vp >= 0 ? verb + 1 : 0; vp >= 0 && q < N(c, vp)->end; q++) {
        if (strcmp(T(c, q)->upper, "STRIKE") && strcmp(T(c, q)->upper, "STRIKES")) continue;
        if (T(c, q)->tag[0] != 'N') continue;
        int armed = 0;
        for (int k = 0; arms[k] && q > 0; k++) armed |= !strcmp(T(c, q - 1)->upper, arms[k]);
        return !armed;
    }
    return 0;
}

/* With code_all_clauses, force takes its code from who uses it on whom:
 * a state's police or army against its own people represses (175), force
 * against civilians is an assault (180), a crowd's fighting is a protest
 * (145, or 144 for a blockade or occupation). */
static int country_code(const char *code);

static const char *place_state(const ent_coder *c, int32_t pos, const char *not, int32_t end);

/* Does the sentence tell of a demand that a leader go: "demanding his
 * resignation", "calling for the ouster of", "to step down"? */
static int leadership_demanded(const ent_coder *c) {
    for (int32_t q = 0; q < c->t->n_tokens; q++) {
        const char *u = T(c, q)->upper;
        if (!strncmp(u, "RESIGN", 6) || !strncmp(u, "OUSTER", 6) || !strncmp(u, "OUSTING", 7) ||
            (!strcmp(u, "STEP") && q + 1 < c->t->n_tokens && !strcmp(T(c, q + 1)->upper, "DOWN")))
            for (int32_t d = q - 1; d >= 0 && d >= q - 8; d--)
                if (!strncmp(T(c, d)->upper, "DEMAND", 6) || !strncmp(T(c, d)->upper, "CALL", 4) ||
                    !strncmp(T(c, d)->upper, "URG", 3))
                    return 1;
    }
    return 0;
}

/* Does the threat at verb v name force: strikes, war, retaliation, "fire
 * and fury", blood, no mercy? */
static int force_threatened(const ent_coder *c, int32_t v) {
    static const char *const stems[] = {"STRIK", "ATTACK", "WAR", "RETALIAT", "REVENGE", "AVENGE", "FURY", "BLOOD",
                                        "MERCY", "FORCE", "MILITARY", "MISSILE", "FIRE", "DESTROY", "CRUSH",
                                        "INVADE", "BOMB", NULL};
    for (int32_t q = v + 1; q < c->t->n_tokens && q < v + 16; q++) {
        const char *u = T(c, q)->upper;
        /* "warned its neighbour against attacking": the force warned of
         * is the other's */
        if (!strcmp(u, ";") || !strcmp(u, "AGAINST")) break;
        for (int k = 0; stems[k]; k++)
            if (!strncmp(u, stems[k], strlen(stems[k]))) return 1;
    }
    return 0;
}

/* Does a word of `stems` come among the n words after verb v? */
static int words_near(const ent_coder *c, int32_t v, int32_t n, const char *const *stems) {
    for (int32_t q = v + 1; q < c->t->n_tokens && q <= v + n; q++)
        for (int k = 0; stems[k]; k++)
            if (!strncmp(T(c, q)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* Is the act at verb v done with chemical weapons: "with poison gas",
 * "rockets loaded with chemical agents", "using sarin" (not strikes on
 * chemical weapons facilities)? */
static int chemical_means(const ent_coder *c, int32_t v) {
    static const char *const chemical[] = {"SARIN", "CHLORINE", "NOVICHOK", "NERVE", "CHEMICAL", "POISON", NULL};
    for (int32_t q = v + 1; q < c->t->n_tokens && q <= v + 12; q++) {
        const char *u = T(c, q)->upper;
        if (strcmp(u, "WITH") && strcmp(u, "USING")) continue;
        for (int32_t w = q + 1; w < c->t->n_tokens && w <= q + 2; w++)
            for (int k = 0; chemical[k]; k++)
                if (!strncmp(T(c, w)->upper, chemical[k], strlen(chemical[k]))) return 1;
    }
    return 0;
}

static const char *by_parties(ent_coder *c, const char *src, const char *tgt, const char *code,
                              int32_t verb) {
    int slen = (int)strlen(src), tlen = (int)strlen(tgt);
    static const char *const mission[] = {"PEACEKEEP", "MISSION", "REQUEST", "RESTORE", NULL};
    static const char *const defend[] = {"DEFEND", "PROTECT", "SHORE", "PROP", "HELP", "ASSIST", "FIGHT",
                                         "RESTORE", "STABILI", "BOLSTER", "HALT", "COLLECT", NULL};
    static const char *const relief[] = {"FOOD", "WATER", "MEDICINE", "RELIEF", "SUPPLIES", "TENTS", NULL};
    int arrive = code[0] == '0' && code[1] == '4' && slen == 6 &&
                 (!strcmp(src + 3, "MIL") || !strcmp(src + 3, "COP"));
    int send = !strcmp(code, "154") && tlen >= 3 && verb >= 0;
    if (send) {
        /* the purpose must be the sending's own: "sending troops to Libya
         * to defend the government", not "..., and warned it could
         * intervene to protect Russian speakers" */
        int32_t vp = N(c, T(c, verb)->node)->parent;
        send = 0;
        for (int32_t q = vp >= 0 ? N(c, vp)->begin : 0; vp >= 0 && q < N(c, vp)->end && !send; q++)
            for (int k = 0; defend[k] && !send; k++)
                send = !strncmp(T(c, q)->upper, defend[k], strlen(defend[k]));
        send = send || words_named(c, mission);
    }
    if ((!strcmp(code, "154") || !strcmp(code, "150")) && tlen >= 3 && strncmp(src, tgt, 3) && verb >= 0) {
        /* "dispatched navy ships loaded with food, water and medicine to
         * Sri Lanka": forces sent with relief are aid (073) */
        int32_t vp = N(c, T(c, verb)->node)->parent;
        int aid = 0;
        for (int32_t q = vp >= 0 ? N(c, vp)->begin : 0; vp >= 0 && q < N(c, vp)->end && !aid; q++)
            for (int k = 0; relief[k] && !aid; k++)
                aid = !strcmp(T(c, q)->upper, relief[k]);
        if (aid) {
            ent_coder_trace(c, "  forces sent with relief: humanitarian aid");
            return "073";
        }
    }
    if ((arrive || send) && tlen >= 3 && strncmp(src, tgt, 3) && (arrive ? words_named(c, mission) : 1)) {
        /* "Russian paratroopers arrived in Kazakhstan as part of a
         * peacekeeping force", "Kenyan police landed in Haiti to lead a
         * U.N.-backed mission", "began sending troops to Libya to defend
         * the government in Tripoli": troops sent on a mission are
         * peacekeeping (074), not a visit or a show of force */
        ent_coder_trace(c, "  troops arriving: a force sent, not a visit");
        return "074";
    }
    if (code[0] == '1' && code[1] == '7' && slen == 6 && popular_sector(src + 3)) {
        /* "protesters seized government buildings", "rioters torched
         * shops": a crowd's seizure or destruction is a violent protest */
        ent_coder_trace(c, "  a crowd's seizure or destruction: a violent protest");
        return "145";
    }
    if (!strcmp(code, "051") && slen == 6 && !strcmp(src + 3, "MIL") && verb >= 0 &&
        !strncmp(T(c, verb)->upper, "BACK", 4) && strncmp(src, tgt, 3)) {
        /* "M23 rebels backed by Rwandan troops": another state's troops
         * at one's side are military cooperation (062), not praise */
        ent_coder_trace(c, "  backed by another state's troops: military cooperation");
        return "062";
    }
    if (code[0] == '1' && code[1] == '4' && code[2] >= '1' && code[2] <= '5' && !code[3] && leadership_demanded(c)) {
        /* "protesters demanding Rajapaksa's resignation stormed ...": a
         * protest for a change of leader (14x1) */
        static const char *const for_leader[] = {"1411", "1421", "1431", "1441", "1451"};
        return for_leader[code[2] - '1'];
    }
    if ((code[0] == '2' || (code[0] == '1' && (code[1] == '8' || code[1] == '9'))) && verb >= 0 &&
        chemical_means(c, verb)) {
        /* "killing hundreds of people with poison gas", "a sarin attack":
         * chemical weapons (2041) */
        return "2041";
    }
    if (!strcmp(code, "0331") && verb >= 0 && words_near(c, verb, 12, relief)) {
        /* "pledged emergency aid to earthquake survivors": humanitarian
         * aid (0333) */
        return "0333";
    }
    if (!strcmp(code, "130") && verb >= 0 && force_threatened(c, verb)) {
        /* "warned that it would face fire and fury", "vowed revenge",
         * "threatened to fire missiles at Guam": a threat of force (138) */
        return "138";
    }
    if (!strcmp(code, "040") && verb >= 0 && tlen >= 3 && country_code(src) && country_code(tgt)) {
        /* "Trump met al-Sharaa in Riyadh", "SINGAPORE - Xi and Ma met":
         * a meeting in a third state (044) */
        const char *at = place_state(c, verb, src, c->t->n_tokens);
        if (!at && country_code(c->t->home)) at = c->t->home;
        if (at && strncmp(at, src, 3) && strncmp(at, tgt, 3)) {
            ent_coder_trace(c, "  a meeting in a third state");
            return "044";
        }
    }
    if (!strcmp(code, "090") && slen == 6 && (!strcmp(src + 3, "JUD") || !strcmp(src + 3, "COP"))) {
        /* "prosecutors opened an investigation into ...": police and
         * prosecutors investigate crime (091) */
        return "091";
    }
    if (!strcmp(code, "084") && tlen >= 6) {
        /* "freed 222 political prisoners", "released the three
         * journalists": people returned or released (0841) */
        return "0841";
    }
    if (!strcmp(code, "0874") && (!strncmp(tgt, "IGO", 3) || !strncmp(tgt + (tlen >= 6 ? 3 : 0), "JUD", 3))) {
        /* "completed their withdrawal from the ECOWAS bloc", "Burundi's
         * withdrawal from the court": leaving a body cuts relations */
        ent_coder_trace(c, "  a withdrawal from a body: relations cut");
        return "160";
    }
    if (!strcmp(code, "166") && slen >= 6 && !strncmp(src + 3, "MIL", 3) && tlen == 3 &&
        country_code(tgt) && strncmp(src, tgt, 3)) {
        /* "Israeli troops pulled out of their last positions in southern
         * Lebanon": an army leaving another state retreats (0874) */
        ent_coder_trace(c, "  troops leaving another state: a military withdrawal");
        return "0874";
    }
    if (!strcmp(code, "181") && slen == 6 &&
        (!strcmp(src + 3, "COP") || !strcmp(src + 3, "SPY") || !strcmp(src + 3, "JUD"))) {
        /* "Venezuelan security forces captured two Americans": a state's
         * police or security service that seizes people arrests them
         * (173); abduction is others' */
        ent_coder_trace(c, "  a seizure of people by police: an arrest");
        return "173";
    }
    if (!strcmp(code, "1722") && slen >= 3 && tlen >= 3 && country_code(src) && country_code(tgt) &&
        strncmp(src, tgt, 3)) {
        /* "India banned TikTok and 58 other Chinese-owned apps", "Japan
         * banned a North Korean ferry from its ports": a ban on another
         * state's people or goods is an embargo (163), not repression */
        ent_coder_trace(c, "  a ban on another state's people or goods: an embargo");
        return "163";
    }
    int popular = 0;
    for (const char *q = src + 3; slen >= 6 && strlen(q) >= 3 && !popular; q += 3) popular = popular_sector(q);
    if (!strcmp(code, "145") && verb >= 0 && !strncmp(T(c, verb)->upper, "STORM", 5) && !popular) {
        /* "armed men stormed parliament", "commandos stormed the mosque",
         * "riot police stormed the university": storming by armed men or
         * a state's forces is an attack, not a protest */
        ent_coder_trace(c, "  stormed by armed men or forces: an attack");
        code = "190";
    }
    if (code[0] != '1' || (code[1] != '8' && code[1] != '9')) return code;
    if (slen == 6 && tlen >= 6 && !strncmp(src, tgt, 3) &&
        (!strcmp(src + 3, "COP") || !strcmp(src + 3, "MIL")) &&
        (!strncmp(tgt + 3, "OPP", 3) || !strncmp(tgt + 3, "CVL", 3) || !strncmp(tgt + 3, "LAB", 3)) &&
        (code[1] == '9' || !strcmp(code, "180") || !strcmp(code, "1823"))) {
        /* "police shot dead 19 protesters", "soldiers fired on the
         * crowd": a state's force against its own people is violent
         * repression (175); abduction, torture or rape keep their codes */
        ent_coder_trace(c, "  force against the state's own people: repression");
        return "175";
    }
    if (code[1] != '9') return code;
    if (slen == 6 && popular_sector(src + 3)) {
        /* "protesters clashed with police", "students battled riot
         * officers": the fighting of a crowd is a violent protest (145);
         * its blockade or occupation ("blockaded government buildings",
         * "occupied the airport") obstructs (144); its "strikes" are
         * strikes ("launched a week of mass marches and strikes": 143) */
        if (labor_strike(c, verb)) {
            ent_coder_trace(c, "  a crowd's strike: a strike or boycott");
            return "143";
        }
        ent_coder_trace(c, "  a crowd's fighting: a protest");
        return code[2] == '1' || code[2] == '2' ? "144" : "145";
    }
    if (tlen >= 6 && !strcmp(tgt + tlen - 3, "CVL")) {
        /* fighting is between armed forces; force against civilians is
         * an assault (180) */
        ent_coder_trace(c, "  force against civilians: an assault, not fighting");
        return "180";
    }
    return code;
}

static int protest_named(const ent_coder *c);

/* An event's code, and what CAMEO says of it: root, quad class, Goldstein. */
static void set_event_code(ent_event *ev, const char *code) {
    copy(ev->code, sizeof ev->code, code);
    ent_cameo_root(code, ev->root);
    ev->quad = ent_cameo_quad(code);
    const ent_cameo *cm = ent_cameo_find(code);
    ev->goldstein = cm ? cm->goldstein : 0.0;
}
static int armed_sector(const char *sector);

/* Does target entity e, coded tgt, name people ("200 peacekeepers", "the
 * prime minister"), not a thing a body owns ("a navy ship", "the
 * ministry", "parliament")? */
static int seized_people(const ent_coder *c, const entity *e, const char *tgt) {
    static const char *const things[] = {"SHIP", "VESSEL", "TANKER", "BOAT", "PLANE", "AIRCRAFT", "JET",
                                         "AIRLINER", "DRONE", "BUILDING", "BASE", "MINIST", "EMBASS",
                                         "PARLIAMENT", "OFFICE", "HEADQUARTER", "PALACE", "STATION",
                                         "COMPOUND", "CAMP", "PORT", "AIRPORT", "FIELD", "ASSET",
                                         "PROPERT", "WEAPON", "ARMS", "CARGO", "TOWN", "CITY", "BROADCAST",
                                         "FOOD", "AID", "SUPPLIES", NULL};
    /* only a party with a role: people of a sector, an office, a force */
    if (strlen(tgt) < 6 || e->end <= e->begin) return 0;
    const char *head = T(c, e->end - 1)->upper;
    for (int k = 0; things[k]; k++)
        if (!strncmp(head, things[k], strlen(things[k]))) return 0;
    return 1;
}

/* Does entity e's span count people by the hundred or more ("tens of
 * thousands of Yemenis")? */
static int counted_crowd(const ent_coder *c, const entity *e) {
    /* the count may precede the entity's own words: "tens of thousands
     * of | Yemenis" */
    for (int32_t q = e->begin >= 4 ? e->begin - 4 : 0; q >= 0 && q < e->end; q++) {
        const char *u = T(c, q)->upper;
        if (!strcmp(u, "THOUSANDS") || !strcmp(u, "HUNDREDS") || !strcmp(u, "MILLIONS") ||
            !strcmp(u, "MILLION") || !strcmp(u, "DOZENS"))
            return 1;
    }
    return 0;
}

static int emit(ent_coder *c, const char *src, const char *tgt, const char *code,
                const entity *se, const entity *te, int32_t verb, const ent_pattern *p) {
    if (!code || !code[0] || (!strcmp(code, "---") && !c->allow_null_code)) return 0;
    /* no self-events, but a state's emergency rule or curfew over itself
     * ("Ethiopia declared a state of emergency": ETH>ETH) */
    if (!strcmp(src, tgt) && strcmp(src, "---") && !(strlen(src) == 3 && !strncmp(code, "172", 3)))
        return 0;
    if (c->opt.code_all_clauses && !c->opt.null_actors && !c->allow_null_code &&
        (!strncmp(src, "---", 3) || !strncmp(tgt, "---", 3))) {
        /* a party no state or organisation places ("---", "---CVL") tells
         * an analyst nothing about who did what to whom */
        ent_coder_trace(c, "  %s -> %s %s: a party with no state, not coded", src, tgt, code);
        return 0;
    }
    if (c->opt.code_all_clauses) code = by_parties(c, src, tgt, code, verb);
    if (c->opt.code_all_clauses && !strcmp(code, "171") && te && strlen(src) >= 6 && armed_sector(src + 3) &&
        seized_people(c, te, tgt)) {
        /* "rebels seized another 200 U.N. peacekeepers", "gunmen seized
         * Prime Minister Ali Zeidan from a hotel": people an armed group
         * seizes are abducted (181); a state's forces that do it arrest
         * (173) */
        ent_coder_trace(c, "  people seized by an armed group: an abduction");
        code = "181";
    } else if (c->opt.code_all_clauses && !strcmp(code, "171") && te && strlen(src) == 6 &&
               !strcmp(src + 3, "MIL") && seized_people(c, te, tgt)) {
        ent_coder_trace(c, "  people seized by a state's forces: an arrest");
        code = "173";
    }
    char crowd_of[8];
    if (c->opt.code_all_clauses && strlen(src) == 3 && code[0] == '1' && (code[1] == '4' || code[1] == '0') &&
        se && counted_crowd(c, se)) {
        /* "tens of thousands of Yemenis rallied": a state's people in the
         * street are its opposition, not the state */
        snprintf(crowd_of, sizeof crowd_of, "%sOPP", src);
        src = crowd_of;
    }
    char aimed[8];
    if (c->opt.code_all_clauses && code[0] == '1' && code[1] == '5' && !strncmp(src, tgt, 3) &&
        strlen(tgt) >= 6 && (!strncmp(tgt + 3, "MIL", 3) || !strncmp(tgt + 3, "COP", 3))) {
        /* "deployed riot police ahead of the opposition's protests",
         * "put his frontline troops on a war footing": a state's own forces
         * are the means of its show of force, aimed at the protest the
         * sentence speaks of, else at another state it names */
        const char *other = NULL;
        for (int k = 0; k < c->n_mentions && !other; k++)
            if (strncmp(c->mentions[k].cc, src, 3)) other = c->mentions[k].cc;
        if (protest_named(c)) snprintf(aimed, sizeof aimed, "%.3sOPP", src);
        else if (other) snprintf(aimed, sizeof aimed, "%.3s", other);
        else return 0;
        ent_coder_trace(c, "  %s -> %s %s: the state's own forces, aimed at %s", src, tgt, code, aimed);
        tgt = aimed;
    }
    for (size_t i = 0; i < c->events.len; i++) {
        ent_event *e = &ENT_VEC_AT(&c->events, ent_event, i);
        if (!strcmp(e->source, src) && !strcmp(e->target, tgt) && !strcmp(e->code, code))
            return 0;
        /* "Ethiopian tanks and artillery pounded ...": one verb's act on
         * one party by a state and by its forces is one act, the forces' */
        if (e->verb_tok != verb || strcmp(e->code, code) || strcmp(e->target, tgt)) continue;
        const char *state = strlen(src) == 3 ? src : strlen(e->source) == 3 ? e->source : NULL;
        const char *forces = state == src ? e->source : src;
        if (state && !strncmp(state, forces, 3) &&
            (!strcmp(forces + 3, "MIL") || !strcmp(forces + 3, "COP"))) {
            if (forces == src) copy(e->source, sizeof e->source, src);
            return 0;
        }
    }
    ent_event *ev = ent_vec_push(&c->events);
    if (!ev) return -1;
    copy(ev->source, sizeof ev->source, src);
    copy(ev->target, sizeof ev->target, tgt);
    set_event_code(ev, code);
    ev->src_begin = se ? se->begin : -1;
    ev->src_end = se ? se->end : -1;
    ev->tgt_begin = te ? te->begin : -1;
    ev->tgt_end = te ? te->end : -1;
    ev->verb_tok = verb;
    ev->pattern = p;
    ev->issue = NULL;
    ent_coder_trace(c, "  event %s -> %s %s%s%s", src, tgt, code, p ? " via pattern " : "",
          p ? p->text : "");
    return 0;
}

/* A state's code, not an organisation's or a group's: the kind of code an
 * agent without an actor can borrow a country from. */
static int country_code(const char *code) {
    return code[0] && strncmp(code, "---", 3) && strncmp(code, "IGO", 3) &&
           strncmp(code, "NGO", 3) && strncmp(code, "IMG", 3) && strncmp(code, "MNC", 3) &&
           code[0] != '"';
}

/* Forward: defined with the events below. */
static int emit(ent_coder *c, const char *src, const char *tgt, const char *code, const entity *se,
                const entity *te, int32_t verb, const ent_pattern *p);

/* One event from each source to a state: `state`, or with NULL the
 * source's own (the first three letters of its code), then `sector`.
 * Administrative measures with no target named (own state, sector ""), a
 * leader yielding to its opposition ("OPP"), a protest against the
 * government ("GOV"), a show of force aimed at the other state named. */
int ent_coder_state_event(ent_coder *c, elist srcs, const char *code, const char *state,
                          const char *sector, int32_t verb, const ent_pattern *p) {
    char sc[MAX_CODES][72];
    for (int32_t i = 0; i < srcs.n; i++) {
        const entity *a = E(c, srcs.off + i);
        int na = ent_np_entity_codes(c, a, sc, MAX_CODES);
        for (int x = 0; x < na; x++) {
            if (!strncmp(sc[x], "---", 3) && c->opt.infer_agent_country && c->home[0]) {
                /* "police" under a dateline; a crowd where the story is
                 * datelined ("BEIRUT - ... anti-Syrian demonstrators") */
                int crowd_agent = strlen(sc[x]) >= 6 && popular_sector(sc[x] + 3);
                memcpy(sc[x], crowd_agent && country_code(c->t->home) ? c->t->home : c->home, 3);
            }
            /* an organisation acts on a state named (the UN's inquiry into
             * Burundi), never over a state of its own */
            if (!strncmp(sc[x], "---", 3) || (!country_code(sc[x]) && !state)) continue;
            /* a state's measure over itself needs an organ to take it;
             * its people can act on their government, and it on them */
            if (!state && !sector[0] && strlen(sc[x]) <= 3) continue;
            char to[72];
            snprintf(to, sizeof to, "%.3s%s", state ? state : sc[x], sector);
            ent_coder_trace(c, "  aimed at %s", to);
            if (emit(c, sc[x], to, code, a, NULL, verb, p) < 0) return -1;
        }
    }
    return 0;
}


/* Does the sentence speak of protest or of demands?  A leader who steps
 * down then yields to them (0831); without them a resignation is no
 * event between parties. */
static int demands_named(const ent_coder *c) {
    static const char *const stems[] = {"PROTEST", "DEMONSTRAT", "DEMAND", "RIOT", "UPRISING", "UNREST",
                                        "PRESSURE", "URG", NULL};
    return words_named(c, stems);
}

/* Does the sentence speak of protest (demonstrators, riots, unrest)? */
static int protest_named(const ent_coder *c) {
    static const char *const stems[] = {"PROTEST", "DEMONSTRAT", "RIOT", "UNREST", "UPRISING", "MARCH",
                                        "RALL", NULL};
    return words_named(c, stems);
}

/* Is the first of srcs the people of a state, not its organs: a bare
 * state ("thousands of Cubans"), its opposition, civilians, workers,
 * students, farmers, doctors, journalists or refugees? */
static int popular_party(ent_coder *c, elist srcs) {
    char codes[MAX_CODES][72];
    if (ent_np_entity_codes(c, E(c, srcs.off), codes, MAX_CODES) < 1) return 0;
    const char *k = codes[0];
    return strlen(k) == 3 ? country_code(k) : popular_sector(k + 3);
}

/* Is the journey the verb at vt tells (coded 042) no visit: one made
 * by others ("was flown back to Lima", "flew him to Costa Rica") or by
 * refugees ("as refugees arriving in Bangladesh passed 300,000")? */
static int not_a_visit(ent_coder *c, int32_t vt, int passive, elist srcs) {
    if (passive || (vt + 1 < c->t->n_tokens && !strcmp(T(c, vt + 1)->tag, "PRP"))) return 1;
    char codes[MAX_CODES][72];
    return srcs.n && ent_np_entity_codes(c, E(c, srcs.off), codes, MAX_CODES) > 0 &&
           strstr(codes[0] + 3, "REF") != NULL;
}

/* Is entity e a place named by itself right after "in", close after the
 * verb at vt ("declared a state of emergency in New Caledonia")? */
static int named_territory(const ent_coder *c, int32_t vt, const entity *e) {
    if (e->begin < 1 || e->begin - vt > 8 || strcmp(T(c, e->begin - 1)->upper, "IN")) return 0;
    for (int32_t q = e->begin; q < e->end; q++)
        if (strcmp(T(c, q)->tag, "NNP")) return 0;
    return 1;
}

/* The first state the sentence names other than the state of the first
 * of srcs, or "". */
static const char *other_state(ent_coder *c, elist srcs) {
    char own[4];
    entity_country(c, E(c, srcs.off), own);
    if (!own[0]) return "";
    for (int k = 0; k < c->n_mentions; k++)
        if (strncmp(c->mentions[k].cc, own, 3)) return c->mentions[k].cc;
    return "";
}

/* The first state named in tokens [from, end), as a place or a party,
 * other than the state of srcs; "" when none. */
static const char *state_named_in(ent_coder *c, elist srcs, int32_t from, int32_t end) {
    char own[4] = "";
    if (srcs.n) entity_country(c, E(c, srcs.off), own);
    for (int k = 0; k < c->n_mentions; k++) {
        const struct mention *m = &c->mentions[k];
        if (m->tok >= from && m->tok < end && country_code(m->cc) && strncmp(m->cc, own, 3)) return m->cc;
    }
    return "";
}

/* The entities of the first noun phrase after a "to" between token v and
 * `end` that names an actor, else an empty list. */
static elist recipient_after(ent_coder *c, int32_t v, int32_t end) {
    for (int32_t q = v + 1; q + 1 < end; q++) {
        if (strcmp(T(c, q)->upper, "TO")) continue;
        int32_t np = ent_np_starting_at(c, q + 1, end);
        if (np < 0) continue;
        elist l = ent_np_entities(c, np);
        if (l.n && ent_np_has_actor(c, l)) return l;
    }
    return (elist){0, 0};
}

/* Does VP vp call its act a show of force or of strength? */
static int show_of_force(const ent_coder *c, int32_t vp) {
    for (int32_t q = N(c, vp)->begin; q + 2 < N(c, vp)->end; q++)
        if (!strcmp(T(c, q)->upper, "SHOW") && !strcmp(T(c, q + 1)->upper, "OF") &&
            (!strcmp(T(c, q + 2)->upper, "FORCE") || !strcmp(T(c, q + 2)->upper, "STRENGTH")))
            return 1;
    return 0;
}

/* Does NP np count its people by the thousand or more ("more than 1,000
 * Colombians", "hundreds of thousands of Afghans", "half a million")? */
static int multitude(const ent_coder *c, int32_t np) {
    for (int32_t q = N(c, np)->begin; q < N(c, np)->end; q++) {
        const char *u = T(c, q)->upper;
        if (!strncmp(u, "THOUSAND", 8) || !strncmp(u, "MILLION", 7)) return 1;
        if (strcmp(T(c, q)->tag, "CD")) continue;
        long v = 0;
        for (const char *d = T(c, q)->text; *d; d++) {
            if (*d == ',') continue;
            if (*d < '0' || *d > '9') { v = 0; break; }
            if (v < 100000000) v = v * 10 + (*d - '0');
        }
        if (v >= 1000) return 1;
    }
    return 0;
}

/* Does VP vp speak of help: aid, help, assistance, troops to send? */
static int help_named(const ent_coder *c, int32_t vp) {
    static const char *const stems[] = {"AID", "HELP", "ASSIST", "TROOPS", "SOLDIERS", "PEACEKEEP", "RELIEF",
                                        NULL};
    for (int32_t q = N(c, vp)->begin; q < N(c, vp)->end; q++)
        for (int k = 0; stems[k]; k++)
            if (!strncmp(T(c, q)->upper, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* The state aid that names no recipient goes to: the other party of the
 * act coded before it, else the dateline's state ("PORT-AU-PRINCE, Haiti
 * - U.S. helicopters ferried food to earthquake survivors"), else the
 * first other state the sentence names; "" when none is another's than
 * the giver's.  Only the first three letters of the result count. */
static const char *aided_state(ent_coder *c, elist srcs) {
    char own[4];
    entity_country(c, E(c, srcs.off), own);
    if (!own[0]) return "";
    if (c->events.len) {
        /* "India flew rescue teams into Nepal ..., and China pledged
         * emergency aid", "Trump and Kim met ..., and Trump promised
         * security guarantees": the other party of the act before */
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, c->events.len - 1);
        if (country_code(e->target) && strncmp(e->target, own, 3)) return e->target;
        if (country_code(e->source) && strncmp(e->source, own, 3)) return e->source;
    }
    const char *dl = c->t->home;
    if (dl[0] && strncmp(dl, own, 3) && country_code(dl)) return dl;
    for (int k = 0; k < c->n_mentions; k++)
        if (strncmp(c->mentions[k].cc, own, 3) && country_code(c->mentions[k].cc)) return c->mentions[k].cc;
    return "";
}

/* "Australian troops and police landed in the Solomon Islands": are the
 * members of srcs all one state's armed forces or police? */
static int one_force(ent_coder *c, elist srcs) {
    char first[4] = "", codes[MAX_CODES][72];
    if (srcs.n < 2) return 0;
    for (int32_t i = 0; i < srcs.n; i++) {
        int n = ent_np_entity_codes(c, E(c, srcs.off + i), codes, MAX_CODES);
        if (n != 1 || strlen(codes[0]) != 6 || !country_code(codes[0]) ||
            (strcmp(codes[0] + 3, "MIL") && strcmp(codes[0] + 3, "COP")))
            return 0;
        if (!first[0]) memcpy(first, codes[0], 3);
        else if (strncmp(first, codes[0], 3)) return 0;
    }
    return 1;
}

/* Does no entity of l have a state or organisation: agents alone, or
 * names the dictionaries mark "---" ("the Korean War")? */
static int stateless(ent_coder *c, elist l) {
    char codes[MAX_CODES][72];
    for (int32_t i = 0; i < l.n; i++) {
        int n = ent_np_entity_codes(c, E(c, l.off + i), codes, MAX_CODES);
        for (int k = 0; k < n; k++)
            if (strncmp(codes[k], "---", 3)) return 0;
    }
    return 1;
}

/* Does every entity of l stand for no party at all: a name the
 * dictionaries mark "---" with no agent ("a Soviet war memorial")? */
static int no_party(ent_coder *c, elist l) {
    char codes[MAX_CODES][72];
    for (int32_t i = 0; i < l.n; i++) {
        int n = ent_np_entity_codes(c, E(c, l.off + i), codes, MAX_CODES);
        for (int k = 0; k < n; k++)
            if (strcmp(codes[k], "---")) return 0;
    }
    return l.n > 0;
}

/* Does "joint" come among tokens [from, end) (a verb's own phrase)? */
static int joint_in(const ent_coder *c, int32_t from, int32_t end) {
    for (int32_t q = from; q < end && q < c->t->n_tokens; q++)
        if (!strcmp(T(c, q)->upper, "JOINT")) return 1;
    return 0;
}

/* Is every state that place names a state other than those of the
 * members of srcs? */
static int third_state(ent_coder *c, elist srcs, elist place) {
    char pc[4], sc[4];
    int any = 0;
    for (int32_t i = 0; i < place.n; i++) {
        entity_country(c, E(c, place.off + i), pc);
        if (!country_code(pc)) return 0;
        for (int32_t j = 0; j < srcs.n; j++) {
            entity_country(c, E(c, srcs.off + j), sc);
            if (!strncmp(pc, sc, 3)) return 0;
        }
        any = 1;
    }
    return any;
}

/* The state the last aid (root 07) coded went to, or "". */
static const char *last_aided(ent_coder *c) {
    for (size_t k = c->events.len; k-- > 0;) {
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        if (!strncmp(e->code, "07", 2) && country_code(e->target)) return e->target;
    }
    return "";
}

/* Is the subject NP subj (or, for a passive, its "by" phrase) an
 * assailant no dictionary places: a noun phrase that is neither a
 * pronoun, nor a natural hazard, nor a name the dictionaries know ("a
 * gunman", "hitmen", "one of his bodyguards", "a massive bomb")? */
static int unknown_assailant(ent_coder *c, int32_t subj, int32_t by) {
    /* ... unless the sentence goes on to say whose act it was */
    static const char *const blame[] = {"ACCUS", "BLAM", "CLAIM", "RESPONSIB", NULL};
    if (subj < 0 || words_named(c, blame)) return 0;
    if (by >= 0) return !ent_np_entities(c, by).n;   /* "was shot dead by one of his bodyguards" */
    return !is_pronoun_np(c, subj) && !natural_hazard(c, subj) && !ent_np_entities(c, subj).n;
}

/* Acts a state's organs or armed groups do at home when they name no
 * one: investigation (09), a verdict (116), destroying property (1712),
 * sealing off a place (191). */
static int home_act(const char *code) {
    return !strncmp(code, "09", 2) || !strcmp(code, "116") || !strcmp(code, "1712") || !strcmp(code, "191");
}

/* Is the first of srcs an organ of a state: its government, army,
 * police, courts, security service or legislature? */
static int state_organ(ent_coder *c, elist srcs) {
    static const char *const organs[] = {"GOV", "MIL", "COP", "JUD", "SPY", "LEG", NULL};
    char codes[MAX_CODES][72];
    if (ent_np_entity_codes(c, E(c, srcs.off), codes, MAX_CODES) < 1) return 0;
    if (strlen(codes[0]) < 6 || !country_code(codes[0])) return 0;
    for (int k = 0; organs[k]; k++)
        if (!strncmp(codes[0] + 3, organs[k], 3)) return 1;
    return 0;
}

/* Is the first of srcs a rebel, separatist, insurgent or radical group
 * of a state (a code "XXXREB...", "XXXSEP...", "XXXINS...", "XXXRAD...")? */
static int armed_group(ent_coder *c, elist srcs) {
    char codes[MAX_CODES][72];
    int n = ent_np_entity_codes(c, E(c, srcs.off), codes, MAX_CODES);
    for (int x = 0; x < n; x++) {
        if (strlen(codes[x]) < 6 || !country_code(codes[x])) continue;
        for (const char *q = codes[x] + 3; strlen(q) >= 3; q += 3)
            if (!strncmp(q, "REB", 3) || !strncmp(q, "SEP", 3) || !strncmp(q, "INS", 3) ||
                !strncmp(q, "RAD", 3))
                return 1;
    }
    return 0;
}

/* Was entity e's state the target of the last event coded, by another
 * state, and was that event force, or, for an accused act, the
 * accusation ("accused Armenian troops of violating the ceasefire")? */
static int struck_last(ent_coder *c, const entity *e, int accused) {
    if (!c->events.len) return 0;
    const ent_event *last = &ENT_VEC_AT(&c->events, ent_event, c->events.len - 1);
    char cc[4];
    entity_country(c, e, cc);
    int force = last->code[0] == '1' ? last->code[1] >= '5' : last->code[0] == '2';
    int accusation = !strncmp(last->code, "11", 2) || !strncmp(last->code, "12", 2);
    return country_code(cc) && !strncmp(last->target, cc, 3) && strncmp(last->source, cc, 3) &&
           (force || (accused && accusation));
}

/* The target of a reaction by srcs that names none: the source of the
 * last act (last) when it is another state's, else the source of the act
 * before it (prev: "X accused Y of killing ..., and Y denied it"), else
 * none. */
static elist reaction_target(ent_coder *c, elist srcs, elist last, elist prev) {
    char a[4], b[4], p[4] = "";
    entity_country(c, E(c, srcs.off), a);
    entity_country(c, E(c, last.off), b);
    if (prev.n) entity_country(c, E(c, prev.off), p);
    if (strcmp(a, b)) {
        ent_coder_trace(c, "  a reaction with no target: aimed at the last act's source");
        return last;
    }
    if (p[0] && strcmp(a, p)) {
        ent_coder_trace(c, "  a reaction to its own side's act: aimed at the source before");
        return prev;
    }
    return (elist){0, 0};
}

/* Were the last two events coded one act between two parties, each way
 * ("Thailand and Cambodia accused each other ..., as Malaysia offered to
 * host talks": the offer is to both)? */
static int last_mutual(const ent_coder *c) {
    if (c->events.len < 2) return 0;
    const ent_event *a = &ENT_VEC_AT(&c->events, ent_event, c->events.len - 1);
    const ent_event *b = &ENT_VEC_AT(&c->events, ent_event, c->events.len - 2);
    return !strcmp(a->code, b->code) && !strncmp(a->source, b->target, 3) && !strncmp(a->target, b->source, 3);
}

/* Was the last event coded an accord: intent, meeting, cooperation or
 * yielding (roots 03 to 08)? */
static int last_accord(const ent_coder *c) {
    if (!c->events.len) return 0;
    const char *code = ENT_VEC_AT(&c->events, ent_event, c->events.len - 1).code;
    return code[0] == '0' && code[1] >= '3' && code[1] <= '8';
}

/* infer_agent_country: "---OPP" takes the country of the other side of
 * the event ("protesters stormed Kenya's parliament": KENOPP), else the
 * first country the sentence names. */
static void fill_country(ent_coder *c, char *code, const char *other) {
    if (!c->opt.infer_agent_country || strncmp(code, "---", 3) || !code[3]) return;
    const char *from = country_code(other) ? other : c->home[0] ? c->home : NULL;
    if (from) memcpy(code, from, 3);
}

/* The state named nearest token `pos` among tokens [lo, hi), other than
 * `not` (a code, or ""); NULL when there is none. */
static const char *nearest_state(const ent_coder *c, int32_t pos, const char *not, int32_t lo,
                                 int32_t hi) {
    const struct mention *best = NULL;
    int32_t best_d = INT32_MAX;
    for (int k = 0; k < c->n_mentions && pos >= 0; k++) {
        const struct mention *m = &c->mentions[k];
        if (country_code(not) && !strncmp(m->cc, not, 3)) continue;
        if (m->tok < lo || m->tok >= hi) continue;
        if (m->tok >= c->srcs_begin && m->tok < c->srcs_end) continue;
        /* a state named before comes first, the nearest of them: the
         * story has told it ("Myanmar troops fired ..., and security
         * forces arrested monks, ... Washington"); then the nearest after */
        int32_t d = m->tok < pos ? pos - m->tok : (1 << 20) + (m->tok - pos);
        if (d < best_d) {
            best = m;
            best_d = d;
        }
    }
    return best ? best->cc : NULL;
}

/* The first state after token pos, before `end`, named as a place ("in
 * Idlib province", "across the border into Syria"), other than `not`;
 * NULL when there is none.  "of shooting down a Malaysian airliner"
 * names a victim, not a place. */
static const char *place_state(const ent_coder *c, int32_t pos, const char *not, int32_t end) {
    for (int k = 0; k < c->n_mentions; k++) {
        const struct mention *m = &c->mentions[k];
        if (m->tok <= pos || m->tok >= end || (country_code(not) && !strncmp(m->cc, not, 3))) continue;
        int32_t q = m->tok - 1;
        while (q > pos && (TF(c, q, TF_DT) || T(c, q)->tag[0] == 'J' || !strcmp(T(c, q)->tag, "NNP") ||
                           !strcmp(T(c, q)->tag, "POS")))
            q--;
        const char *u = T(c, q)->upper;
        if (!strcmp(u, "IN") || !strcmp(u, "INTO") || !strcmp(u, "ACROSS") || !strcmp(u, "NEAR") ||
            !strcmp(u, "INSIDE") || !strcmp(u, "OF") || !strcmp(u, "FROM"))
            return m->cc;
    }
    return NULL;
}

/* The actors named by an "including" list right after NP np, or an
 * empty list. */
static elist included(ent_coder *c, int32_t np) {
    int32_t q = N(c, np)->end, n = c->t->n_tokens;
    if (q < n && !strcmp(T(c, q)->upper, ",")) q++;
    if (q + 1 >= n || strcmp(T(c, q)->upper, "INCLUDING")) return (elist){0, 0};
    int32_t list = ent_np_starting_at(c, q + 1, n);
    if (list < 0) return (elist){0, 0};
    elist l = ent_np_entities(c, list);
    return ent_np_has_actor(c, l) ? l : (elist){0, 0};
}

/* Is NP np the object of "with" ("signed a deal with Israel")? */
static int with_party(const ent_coder *c, int32_t np) {
    int32_t b = N(c, np)->begin;
    return b > 0 && !strcmp(T(c, b - 1)->upper, "WITH");
}

/* Are the members of srcs of at least two different states? */
static int states_apart(ent_coder *c, elist srcs) {
    char first[4] = "";
    for (int32_t i = 0; i < srcs.n; i++) {
        char cc[4];
        entity_country(c, E(c, srcs.off + i), cc);
        if (!country_code(cc)) continue;
        if (!first[0]) memcpy(first, cc, 4);
        else if (strcmp(first, cc)) return 1;
    }
    return 0;
}

/* Do tokens [from, end) speak of drills or exercises? */
static int drills_named(const ent_coder *c, int32_t from, int32_t end) {
    for (int32_t q = from; q < end; q++)
        if (!strncmp(T(c, q)->upper, "DRILL", 5) || !strncmp(T(c, q)->upper, "EXERCISE", 8) ||
            !strncmp(T(c, q)->upper, "MANOEUVRE", 9) || !strncmp(T(c, q)->upper, "MANEUVER", 8))
            return 1;
    return 0;
}

/* Does the noun phrase starting at token `from` (before `end`) name only
 * places of the first source's own state ("Kandahar and Herat")? */
static int own_place_object(ent_coder *c, elist srcs, int32_t from, int32_t end) {
    char own[4];
    entity_country(c, E(c, srcs.off), own);
    int32_t np = from < end ? ent_np_starting_at(c, from, end) : -1;
    if (!country_code(own) || np < 0) return 0;
    elist l = ent_np_entities(c, np);
    char codes[MAX_CODES][72];
    for (int32_t i = 0; i < l.n; i++) {
        int n = ent_np_entity_codes(c, E(c, l.off + i), codes, MAX_CODES);
        for (int k = 0; k < n; k++)
            if (strlen(codes[k]) != 3 || strncmp(codes[k], own, 3)) return 0;
        if (!n) return 0;
    }
    return l.n > 0;
}

/* Is NP np parties no state is named for: "all parties", "both
 * sides", "the warring factions", "member states"? */
static int unnamed_parties(const ent_coder *c, int32_t np) {
    static const char *heads[] = {"PARTIES", "SIDES", "COUNTRIES", "NATIONS", "STATES", "GOVERNMENTS",
                                  "MEMBERS", "LEADERS", "FACTIONS", "COMBATANTS", "ACTORS", NULL};
    const char *h = T(c, N(c, np)->end - 1)->upper;
    for (int k = 0; heads[k]; k++)
        if (!strcmp(h, heads[k])) return 1;
    return 0;
}

/* Does the noun phrase starting at token `from` name a place by a
 * common noun ("the town of Houla", "rebel-held districts"), not by the
 * state's name alone? */
static int common_place(const ent_coder *c, int32_t from, int32_t end) {
    int32_t np = from < end ? ent_np_starting_at(c, from, end) : -1;
    for (int32_t q = np >= 0 ? N(c, np)->begin : end; q < (np >= 0 ? N(c, np)->end : end); q++)
        if (!strcmp(T(c, q)->tag, "NN") || !strcmp(T(c, q)->tag, "NNS")) return 1;
    return 0;
}

/* Is `code` force turned on a place of the source's own state named by
 * a common noun at token `from` ("shelled the town of Houla")?  Such a
 * force is on that state, and the toll a clause after it counts ("...,
 * killing 100 people") is not its target. */
static int force_on_own_place(ent_coder *c, elist srcs, const char *code, int32_t from, int32_t end) {
    return c->opt.code_all_clauses && srcs.n &&
           (code[0] == '2' || (code[0] == '1' && (code[1] == '8' || code[1] == '9'))) &&
           own_place_object(c, srcs, from, end) && common_place(c, from, end);
}

/* Is the first source of another state than the one the story is
 * datelined in? */
static int visitor_abroad(ent_coder *c, elist srcs) {
    char own[4];
    entity_country(c, E(c, srcs.off), own);
    return country_code(c->t->home) && country_code(own) && strncmp(own, c->t->home, 3);
}

/* Do tokens (pos, end) name a state's post abroad (an embassy, a
 * consulate)?  The token that does, or 0. */
static int32_t foreign_post(const ent_coder *c, int32_t pos, int32_t end) {
    for (int32_t q = pos + 1; q < end; q++)
        if (!strncmp(T(c, q)->upper, "EMBASS", 6) || !strncmp(T(c, q)->upper, "CONSULAT", 8)) return q;
    return 0;
}

/* Does the noun phrase starting at token `from` (before `end`) name
 * ground: a field, an island, a zone, a town, sites, a region? */
static int ground_object(ent_coder *c, int32_t from, int32_t end) {
    static const char *const ground[] = {"FIELD", "FIELDS", "ISLET", "ISLAND", "ISLANDS", "SITES", "ZONE",
                                         "NORTH", "SOUTH", "EAST", "WEST", "REGION", "AREA", "AREAS",
                                         "TERRITORY", "PROVINCE", "DISTRICT", "DISTRICTS", "AIRPORT",
                                         "CROSSING", "VILLAGE", "VILLAGES", "TOWN", "TOWNS", "CITY",
                                         "CITIES", "CAPITAL", "PORT", "BASE", "BASES", "HILLS", "HILL",
                                         "POSITIONS", "PENINSULA", "OUTPOST", "OUTPOSTS", "STRONGHOLD",
                                         "BORDER", "POST", NULL};
    int32_t np = from < end ? ent_np_starting_at(c, from, end) : -1;
    if (np < 0) return 0;
    /* the head of the phrase before any attachment */
    int32_t h = np;
    while (N(c, h)->first_child >= 0 && N(c, N(c, h)->first_child)->kind == ENT_N_NP) h = N(c, h)->first_child;
    const char *head = T(c, N(c, h)->end - 1)->upper;
    for (int k = 0; ground[k]; k++)
        if (!strcmp(head, ground[k])) return 1;
    return 0;
}

/* Does the noun phrase starting at token `from` name people by their
 * state ("three Americans and 17 Filipinos"): plural capitalised heads
 * that stand for bare states? */
static int demonym_object(ent_coder *c, int32_t from, int32_t end) {
    int32_t np = from < end ? ent_np_starting_at(c, from, end) : -1;
    if (np < 0) return 0;
    elist l = ent_np_entities(c, np);
    char codes[MAX_CODES][72];
    for (int32_t i = 0; i < l.n; i++) {
        const entity *e = E(c, l.off + i);
        if (e->end <= e->begin) return 0;
        const ent_token *head = T(c, e->end - 1);
        size_t n = strlen(head->upper);
        if (head->text[0] < 'A' || head->text[0] > 'Z' || n < 3 || head->upper[n - 1] != 'S') return 0;
        if (ent_np_entity_codes(c, e, codes, MAX_CODES) < 1 || strlen(codes[0]) != 3) return 0;
        /* counted, as people are ("three Americans", "dozens of
         * Britons"); a city ("Damascus") is not */
        int counted = 0;
        for (int32_t q = e->end - 2; q >= from && q >= e->end - 4 && !counted; q--)
            counted = !strcmp(T(c, q)->tag, "CD") || !strcmp(T(c, q)->upper, "DOZENS") ||
                      !strcmp(T(c, q)->upper, "SCORES") || !strcmp(T(c, q)->upper, "HUNDREDS") ||
                      !strcmp(T(c, q)->upper, "SEVERAL");
        if (!counted) return 0;
    }
    return l.n > 0;
}

/* The state one upper-case word names on its own ("SYRIAN", "JAPAN"),
 * into out[4]; "" when it names none. */
static void word_state(const ent_dict *d, const char *u, char out[4]) {
    out[0] = '\0';
    ent_wid w = ent_dict_word(d, u, strlen(u));
    const ent_phrase_index *ix = &d->actor_ix;
    if (w <= 0 || !ix->start || w >= d->n_words) return;
    for (int32_t j = ix->start[w]; j < ix->start[w + 1]; j++) {
        const ent_phrase *p = &ix->phrases[j];
        if (p->n_words != 1) continue;
        const char *code = ent_actor_code_on(ENT_ACTOR(d, p->value), 0, 0);
        if (code && strlen(code) == 3 && country_code(code)) {
            memcpy(out, code, 4);
            return;
        }
    }
}

/* "anti-Syrian demonstrators", "anti-Japan protesters": the state a
 * crowd's "anti-" word names, into out[4] ("" when none). */
static void anti_state(ent_coder *c, elist srcs, char out[4]) {
    out[0] = '\0';
    const entity *e = E(c, srcs.off);
    for (int32_t q = e->begin >= 4 ? e->begin - 4 : 0; q >= 0 && q < e->end && !out[0]; q++)
        if (!strncmp(T(c, q)->upper, "ANTI-", 5) && T(c, q)->upper[5]) word_state(c->d, T(c, q)->upper + 5, out);
}

/* The state named nearest before token v that is no source's own, or "". */
static const char *earlier_state(ent_coder *c, elist srcs, int32_t v) {
    const struct mention *best = NULL;
    for (int k = 0; k < c->n_mentions; k++) {
        const struct mention *m = &c->mentions[k];
        if (m->tok >= v || (m->tok >= c->srcs_begin && m->tok < c->srcs_end)) continue;
        int own = 0;
        for (int32_t i = 0; i < srcs.n && !own; i++) {
            char cc[4];
            entity_country(c, E(c, srcs.off + i), cc);
            own = !cc[0] || !strncmp(cc, m->cc, 3);
        }
        if (!own && (!best || m->tok > best->tok)) best = m;
    }
    return best ? best->cc : "";
}

/* A source agent at token `pos`: civilians, protesters, workers, unnamed
 * rebels and the like belong to their target's state; others to the state named nearest
 * them other than the target's ("rival militias massacred hundreds of
 * civilians in Congo", "Islamist gunmen stormed the U.S. consulate in the
 * Libyan city of Benghazi"), else the target's. */
static void fill_source_country(ent_coder *c, char *code, const char *tgt, int32_t pos, const char *event) {
    if (!c->opt.infer_agent_country || strncmp(code, "---", 3) || !code[3]) return;
    static const char *civil[] = {"OPP", "CVL", "LAB", "EDU", "AGR", "MED", "REL", "HLH", "REB", "INS", "SEP", NULL};
    /* the civil sector among the agent's ("---MOSREB": religious rebels) */
    const char *sector = NULL;
    for (const char *q = code + 3; !sector && strlen(q) >= 3; q += 3)
        for (int k = 0; civil[k] && !sector; k++)
            if (!strncmp(q, civil[k], 3)) sector = civil[k];
    int words = event[0] == '1' && event[1] >= '0' && event[1] <= '3';
    if (sector && !country_code(tgt) && strlen(tgt) >= 6 && state_sector(tgt + 3) && country_code(c->t->home)) {
        /* "protesters stormed parliament" under a dateline: both are the
         * dateline state's */
        memcpy(code, c->t->home, 3);
        return;
    }
    if (sector && country_code(tgt)) {
        const char *own = country_code(c->t->home) && strncmp(c->t->home, tgt, 3) ? c->t->home : c->home;
        if (words && own[0] && strncmp(own, tgt, 3) && strlen(tgt) == 3) {
            /* "opposition leaders blamed Syria", "student leaders
             * demanded that Beijing ...": words aimed at another state
             * come from the people of the state the story is datelined
             * in, else of the sentence's own state */
            memcpy(code, own, 3);
            return;
        }
        /* protesters, strikers, students and unnamed rebels act at home:
         * "protesters stormed government headquarters in Yerevan",
         * "armed rebels seized Haiti's second city" are that state's,
         * whatever other state the sentence names; where the target is
         * another state's post, home is the place named ("ransacked the
         * Saudi embassy in Tehran"), and armed groups acting on another
         * state's people are of the dateline's state */
        int32_t near = pos + 16 < c->t->n_tokens ? pos + 16 : c->t->n_tokens;
        int32_t post = strlen(tgt) > 3 ? foreign_post(c, pos, near) : 0;
        /* the place is named after the posts and their owners ("the
         * embassies of Rwanda, France and Belgium | in Kinshasa") */
        int32_t posts = post > 0 ? ent_np_containing(c, post) : -1;
        while (posts >= 0 && N(c, posts)->parent >= 0 && N(c, N(c, posts)->parent)->kind == ENT_N_NP)
            posts = N(c, posts)->parent;
        int32_t after = posts >= 0 ? N(c, posts)->end - 1 : pos;
        if (after + 16 > near) near = after + 16 < c->t->n_tokens ? after + 16 : c->t->n_tokens;
        const char *at = post > 0 ? place_state(c, after, tgt, near) : NULL;
        if (!at && (!strcmp(sector, "REB") || !strcmp(sector, "INS") || !strcmp(sector, "SEP")) &&
            country_code(c->t->home) && strncmp(c->t->home, tgt, 3))
            at = c->t->home;   /* "MANILA - Muslim rebels seized three Americans" */
        memcpy(code, at ? at : tgt, 3);
        return;
    }
    if (country_code(tgt) && ((strlen(tgt) >= 6 && popular_sector(tgt + 3)) || (strlen(tgt) == 3 && !strcmp(event, "175"))) &&
        (!strncmp(code + 3, "COP", 3) || !strncmp(code + 3, "JUD", 3) || !strncmp(code + 3, "SPY", 3)) &&
        event[0] == '1' && event[1] == '7') {
        /* "riot police used tear gas against protesters in Tehran": a
         * police force coerces at home: where the crowds it represses are
         * placed ("in Tehran"), else the dateline's state where there
         * is one ("ISLAMABAD - police rounded up Afghan refugees"), else
         * the first state the sentence names ("Hungary sealed its border
         * and police began detaining Syrian migrants") */
        memcpy(code, strlen(tgt) == 3 ? tgt : country_code(c->t->home) ? c->t->home : country_code(c->home) ? c->home : tgt, 3);
        return;
    }
    int force = ((event[0] == '1' && event[1] >= '7') || event[0] == '2') && strstr(code + 3, "UAF");
    if (country_code(tgt) && strlen(tgt) >= 6 && (state_sector(tgt + 3) || force) && !strncmp(c->t->home, tgt, 3)) {
        /* "SUVA - Gunmen stormed Fiji's parliament ..., and Australia
         * condemned ...": armed men who strike a state's organs, or use
         * force on its people, in the state the story is datelined in
         * are of that state */
        memcpy(code, tgt, 3);
        return;
    }
    if ((!strncmp(code + 3, "COP", 3) || !strncmp(code + 3, "JUD", 3)) && !country_code(tgt) &&
        country_code(c->t->home)) {
        /* "ISLAMABAD - ..., police rounded up hundreds of opposition
         * activists, and Washington called ...": police or prosecutors no
         * state places, acting on people no state places, are of the
         * state the story is datelined in */
        memcpy(code, c->t->home, 3);
        return;
    }
    const char *cc = nearest_state(c, pos, tgt, 0, INT32_MAX);
    if (cc) memcpy(code, cc, 3);
    else fill_country(c, code, tgt);
}

/* Is `code` an armed group without a state ("---REB", "---INS") that a
 * state's forces or government (`src`) act on with force or coercion? */
static int insurgent_of(const char *code, const char *src, const char *event) {
    static const char *const armed[] = {"REB", "INS", "SEP", NULL};
    int force = event[0] == '1' && event[1] >= '7';
    if (!force || !country_code(src) || !code[3]) return 0;
    if (src[3] && strncmp(src + 3, "MIL", 3) && strncmp(src + 3, "GOV", 3) && strncmp(src + 3, "COP", 3))
        return 0;
    for (int k = 0; armed[k]; k++)
        if (!strncmp(code + 3, armed[k], 3)) return 1;
    return 0;
}

/* Does the speaker stand against its state (rebels, the opposition)?
 * "M23 rebels said they had captured Goma after Kinshasa severed ties":
 * the state such a speaker names is its adversary, not itself. */
static int opposed_speaker(ent_coder *c, elist speaker) {
    char codes[MAX_CODES][72];
    if (!speaker.n || ent_np_entity_codes(c, E(c, speaker.off), codes, MAX_CODES) < 1) return 0;
    return strlen(codes[0]) >= 6 && (armed_sector(codes[0] + 3) || !strncmp(codes[0] + 3, "OPP", 3));
}

/* Is `sector` (the agent part of a code) an armed group outside the
 * state: insurgents, rebels, separatists, radicals, criminals? */
static int armed_sector(const char *sector) {
    static const char *armed[] = {"INS", "REB", "SEP", "UAF", "CRM", "RAD", NULL};
    for (int k = 0; armed[k]; k++)
        if (!strncmp(sector, armed[k], 3)) return 1;
    return 0;
}

/* The same for a target agent at token `pos` of the verb at `verb`: the
 * people an actor acts on are mostly another state's ("shelled Kharkiv,
 * killing four civilians", "struck Lebanon and killed its commander"), so
 * a state other than the source's comes first: named in the target's own
 * phrase, else the one the same source last acted on, else the nearest
 * before it, else after it in the verb's phrase (a state named later
 * belongs to the next clause, as a rule); the source's own when there is
 * none ("Kenyan police arrested 30 protesters"). */
static void fill_target_country(ent_coder *c, char *code, const char *src, int32_t pos,
                                int32_t verb, const char *event) {
    if (!c->opt.infer_agent_country || strncmp(code, "---", 3) || !code[3]) return;
    /* police, courts and security services charge, investigate and
     * coerce at home, and a state coerces its own opposition ("arrested prominent activist Leyla Yunus
     * on charges of spying for Armenia") */
    int coerce = !strncmp(event, "17", 2) || !strncmp(event, "18", 2) || !strncmp(event, "11", 2) ||
                 !strncmp(event, "09", 2);
    int home = country_code(src) &&
               ((coerce && (!strncmp(src + 3, "COP", 3) || !strncmp(src + 3, "JUD", 3) ||
                            !strncmp(src + 3, "SPY", 3) || (!strncmp(code + 3, "OPP", 3) && !strncmp(event, "17", 2)))) ||
                /* "Nicaragua freed 222 political prisoners and put them on a
                 * flight to the United States": a state frees its own */
                (!strncmp(code + 3, "OPP", 3) && !strncmp(event, "084", 3)));
    /* first a state the target's own phrase names ("civilians displaced
     * by the war in Sudan"), then one named before it */
    int32_t np = pos >= 0 ? ent_np_containing(c, pos) : -1;
    while (np >= 0 && N(c, np)->parent >= 0 && N(c, N(c, np)->parent)->kind == ENT_N_NP)
        np = N(c, np)->parent;
    /* at home, the source's own state named in the phrase counts too
     * ("protesters who surrounded Hong Kong's legislature to block a bill
     * allowing extraditions to mainland China") */
    const char *cc = np >= 0 ? nearest_state(c, pos, home ? "" : src, N(c, np)->begin, N(c, np)->end) : NULL;
    /* "protesters demanding the prime minister's resignation": a state's
     * people act on their own state's organs */
    if (!home && country_code(src) && strlen(src) >= 6 && popular_sector(src + 3) && state_sector(code + 3))
        home = 1;
    char back[4] = "";
    for (size_t k = c->events.len; !cc && k-- > 0;) {
        /* "insurgents bombed a U.S. convoy, and American troops raided
         * villages and detained insurgents": the party that acted on the
         * source before keeps the state it was given then */
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        if (strlen(e->source) < 6 || strcmp(e->source + 3, code + 3) || !country_code(e->source) ||
            strncmp(e->target, src, 3) || !armed_sector(code + 3))
            continue;
        memcpy(back, e->source, 3);
        cc = back;
    }
    if (!cc && home) {
        memcpy(code, src, 3);
        return;
    }
    int32_t vp = verb >= 0 ? N(c, T(c, verb)->node)->parent : -1;
    while (vp >= 0 && N(c, vp)->parent >= 0 && N(c, N(c, vp)->parent)->kind == ENT_N_VP)
        vp = N(c, vp)->parent;
    if (!cc && vp >= 0 && N(c, vp)->parent >= 0 && accused_act(c, N(c, vp)->parent) >= 0) {
        /* "accused government forces of killing hundreds of civilians":
         * an accused atrocity is most often done at home, unless its own
         * phrase names a place ("in Idlib province"); arming is done
         * abroad */
        cc = place_state(c, pos, src, N(c, vp)->end);
        char accuser[4] = "";
        if (!cc && !strncmp(event, "07", 2)) {
            /* "accused Eritrea of arming the insurgents": the insurgents
             * fight the accuser's state, the source of the accusation
             * coded just before */
            if (c->last_src.n) entity_country(c, E(c, c->last_src.off), accuser);
            cc = country_code(accuser) && strncmp(accuser, src, 3) ? accuser : nearest_state(c, pos, src, 0, pos);
        }
        if (cc) memcpy(code, cc, 3);
        else if (country_code(src)) memcpy(code, src, 3);
        else fill_country(c, code, src);
        return;
    }
    char last[4] = "";
    if (!cc && c->last_src.n && (!strncmp(event, "051", 3) || !strncmp(event, "11", 2)) &&
        strncmp(code + 3, "GOV", 3) && strncmp(code + 3, "LEG", 3)) {
        /* "U.S. troops captured Saddam Hussein ..., and Blair praised the
         * soldiers who carried out the raid": judged people no state
         * places are the last act's authors */
        entity_country(c, E(c, c->last_src.off), last);
        if (country_code(last) && strncmp(last, src, 3)) cc = last;
    }
    if (!cc && insurgent_of(code, src, event)) {
        /* "Georgian troops launched an offensive against separatist
         * forces", "the army shelled rebel positions": a state fights its
         * own insurgents, unless the verb's phrase places them ("struck
         * militant camps in eastern Libya"), it already struck
         * another state in this sentence, or the story is datelined in
         * another state */
        if (vp >= 0) cc = nearest_state(c, pos, "", pos, N(c, vp)->end);
        for (size_t k = c->events.len; !cc && k-- > 0;) {
            const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
            if (strncmp(e->source, src, 3) || !country_code(e->target) || !strncmp(e->target, src, 3)) continue;
            memcpy(last, e->target, 3);
            cc = last;
        }
        if (!cc) cc = country_code(c->t->home) ? c->t->home : src;
        memcpy(code, cc, 3);
        return;
    }
    for (size_t k = c->events.len; !cc && k-- > 0;) {
        /* then the state the same source last acted on ("shelled Kharkiv,
         * killing four civilians", "struck Lebanon and killed its
         * commander") */
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        if (strncmp(e->source, src, 3) || !country_code(e->target) || !strncmp(e->target, src, 3)) continue;
        memcpy(last, e->target, 3);
        cc = last;
    }
    if (!cc) cc = nearest_state(c, pos, src, 0, pos);
    /* then one after it in the verb's own phrase ("extradited the drug
     * lord to the United States"), not in the next clause */
    if (!cc && vp >= 0) cc = nearest_state(c, pos, src, pos, N(c, vp)->end);
    if (cc) memcpy(code, cc, 3);
    else fill_country(c, code, src);
}

/* One event per source code x target code; a two-code verb or pattern
 * ([032:033]) adds the reverse event with the second code. */
int ent_coder_emit_pairs(ent_coder *c, elist srcs, elist tgts, const char *code, const char *code2,
                      int compound, int32_t verb, const ent_pattern *p) {
    char sc[MAX_CODES][72], tc[MAX_CODES][72];
    const entity none = {.actor = -1, .newactor = -1, .begin = -1, .end = -1};
    if (compound) {
        /* a compound source acts on itself: every ordered pair of members */
        for (int32_t i = 0; i < srcs.n; i++)
            for (int32_t j = 0; j < srcs.n; j++) {
                if (i == j) continue;
                const entity *a = E(c, srcs.off + i), *b = E(c, srcs.off + j);
                int na = ent_np_entity_codes(c, a, sc, MAX_CODES), nb = ent_np_entity_codes(c, b, tc, MAX_CODES);
                /* "Kenyan President Uhuru Kenyatta and opposition leader Raila
                 * Odinga": a member no state places is of the other's state */
                for (int x = 0; x < na && nb; x++) fill_country(c, sc[x], tc[0]);
                for (int y = 0; y < nb && na; y++) fill_country(c, tc[y], sc[0]);
                for (int x = 0; x < na; x++)
                    for (int y = 0; y < nb; y++)
                        if (emit(c, sc[x], tc[y], i < j ? code : (code2 ? code2 : code), a, b,
                                 verb, p) < 0)
                            return -1;
            }
        return 0;
    }
    int32_t ns = srcs.n ? srcs.n : 1, nt = tgts.n ? tgts.n : 1;
    c->srcs_begin = c->srcs_end = -1;
    if (srcs.n >= 2 && c->opt.code_all_clauses) {
        c->srcs_begin = E(c, srcs.off)->begin;
        c->srcs_end = E(c, srcs.off + srcs.n - 1)->end;
    }
    for (int32_t i = 0; i < ns; i++)
        for (int32_t j = 0; j < nt; j++) {
            const entity *a = srcs.n ? E(c, srcs.off + i) : &none;
            const entity *b = tgts.n ? E(c, tgts.off + j) : &none;
            int na = ent_np_entity_codes(c, a, sc, MAX_CODES), nb = ent_np_entity_codes(c, b, tc, MAX_CODES);
            for (int x = 0; x < na; x++)
                for (int y = 0; y < nb; y++) {
                    fill_source_country(c, sc[x], tc[y], a->begin, code);
                    fill_target_country(c, tc[y], sc[x], b->begin, verb, code);
                    if (emit(c, sc[x], tc[y], code, a, b, verb, p) < 0) return -1;
                    if (code2 && emit(c, tc[y], sc[x], code2, b, a, verb, p) < 0) return -1;
                }
        }
    c->srcs_begin = c->srcs_end = -1;
    return 0;
}

static void elist_trace(ent_coder *c, const char *what, elist l) {
    if (!c->trace) return;
    char codes[MAX_CODES][72];
    ent_buf b = {0};
    for (int32_t i = 0; i < l.n; i++) {
        int n = ent_np_entity_codes(c, E(c, l.off + i), codes, MAX_CODES);
        for (int k = 0; k < n; k++) ent_buf_printf(&b, "%s%s", b.len ? ", " : "", codes[k]);
    }
    ent_coder_trace(c, "  %s: %s", what, b.len ? b.data : "(none)");
    ent_buf_free(&b);
}

/* null_actors: a phrase the dictionaries do not know, as an actor coded
 * "---" that keeps its words. */
static elist unknown_actor(ent_coder *c, int32_t np) {
    elist out = concat_begin(c);
    entity e = {.actor = -1, .newactor = -1, .begin = N(c, np)->begin, .end = N(c, np)->end};
    if (ent_np_push(c, &e) >= 0) out.n = 1;
    return out;
}

/* null_verbs: a chain with no verb the dictionary knows, between known
 * actors, is reported with code "---" and its verb. */
static int null_verb_event(ent_coder *c, int32_t top_vp, int32_t v) {
    int32_t subj = -1, tnp = -1;
    elist srcs = ent_coder_subject(c, top_vp, &subj);
    elist tgts = first_np_entities(c, v + 1, N(c, top_vp)->end, subj, "", &tnp);
    if (!srcs.n || !tgts.n) return 0;
    ent_coder_trace(c, "verb '%s' is in no verb block: null verb event", T(c, v)->text);
    c->allow_null_code = 1;
    int rc = ent_coder_emit_pairs(c, srcs, tgts, "---", NULL, 0, v, NULL);
    c->allow_null_code = 0;
    return rc;
}

static int code_chain(ent_coder *c, int32_t v);

/* Where the words of the verb at token v end for its patterns and its
 * target: before the first clause of its phrase that reports an act of
 * its own ("signed a deal | after Qatar mediated talks between them").
 * That clause is coded by itself; lending it its nouns makes false
 * targets. */
static int32_t own_clause_start(ent_coder *c, int32_t n, int32_t v, int32_t end) {
    for (int32_t ch = N(c, n)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *nd = N(c, ch);
        if (nd->begin >= end) break;
        if (nd->end <= v || nd->token >= 0) continue;
        /* the patterns of an accusation read its accused act ("accused
         * Israel of carrying out an attack": 1123) */
        if (nd->begin > v && own_clause(c, ch) == 1) return nd->begin;
        end = own_clause_start(c, ch, v, end);
    }
    return end;
}

/* Mark the tokens of node n as coded, except the clauses inside it that
 * report acts of their own (own_clause). */
static void claim_span(ent_coder *c, int32_t n) {
    if (N(c, n)->token >= 0) {
        c->claimed[N(c, n)->token] = 1;
        return;
    }
    for (int32_t ch = N(c, n)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        if (own_clause(c, ch)) continue;
        claim_span(c, ch);
    }
}

/* A verb that found its code speaks for its whole phrase, as in PETRARCH:
 * clauses inside it ("... after crowds burned down its embassy", "demanded
 * that Russia withdraw ...") are its detail and are not coded again.  (With
 * code_nested_clauses, statements are the exception: "X said Y attacked Z"
 * is coded from its clause; see the pending statements.) */
static void claim_clause(ent_coder *c, int32_t vp) {
    claim_span(c, vp);
}

/* Are patterns a and b written with the same elements? */
static int same_elements(const ent_pattern *a, const ent_pattern *b) {
    if (!a || a->n_pre != b->n_pre || a->n_post != b->n_post) return 0;
    for (int k = 0; k < a->n_pre; k++)
        if (a->pre[k].kind != b->pre[k].kind || a->pre[k].id != b->pre[k].id) return 0;
    for (int k = 0; k < a->n_post; k++)
        if (a->post[k].kind != b->post[k].kind || a->post[k].id != b->post[k].id) return 0;
    return 1;
}

/* The best pattern of block blk for the verb at [fb, fe) within the
 * phrase ending at `end`: the most elements, then the earliest in the
 * file.  NULL when none matches; *bm gets the match's slots. */
static const ent_pattern *best_pattern(ent_coder *c, const ent_verb_block *blk, int32_t fb,
                                       int32_t fe, int32_t end, pmatch *bm) {
    const ent_pattern *best = NULL;
    pmatch m;
    int best_score = -1;
    ptree_verb tv;
    int have_tv = 0;              /* tv is found at the first pattern tried */
    *bm = (pmatch){.src = -1, .tgt = -1, .min_pre = fb};
    for (int32_t k = 0; k < blk->n_patterns; k++) {
        const ent_pattern *p = ENT_PATTERN(c->d, blk->first_pattern + k);
        int score = p->n_pre + p->n_post;
        /* PETRARCH-2 keeps the last of patterns written alike in a block
         * (- * &TREATY [031:031] then [057]); PETRARCH-1 and entente's
         * own set the first */
        if (score < best_score || (score == best_score && !(c->d->combine_verbs && same_elements(best, p))))
            continue;
        /* the word mask first: it rejects most patterns in two ANDs */
        const wmask *need = &c->pattern_need[blk->first_pattern + k];
        if ((need->b[0] & ~c->present.b[0]) | (need->b[1] & ~c->present.b[1])) continue;
        /* "+++" and "###" mark patterns kept for reference, not codes */
        if (c->pattern_ref[blk->first_pattern + k]) continue;
        /* a PETRARCH-2 set (known by its transformations) writes its
         * patterns over phrases; entente's own set brackets phrases too
         * but means word sequences */
        if (c->d->combine_verbs && !have_tv) {
            ent_pattern_tree_verb(c, fb, &tv);
            have_tv = 1;
        }
        if (c->d->combine_verbs ? ent_pattern_matches_tree(c, &tv, p, fb, fe, end, &m)
                             : ent_pattern_matches(c, p, fb, fe, end, &m)) {
            best = p;
            *bm = m;
            best_score = score;
        }
    }
    return best;
}

/* combine_verbs: where the words of the verb at token vt end for its
 * patterns: before the first verb phrase or clause its phrase holds after
 * it.  In PETRARCH-2 a verb's pattern sees its own objects and
 * prepositional phrases, not the verb it governs or a clause, so "agreed
 * (to lift the sanctions)" is no match for AGREE's "* (TO SANCTIONS)",
 * nor "wants (Putin to attack ...)" for WANT's "* ATTACK". */
static int32_t verb_window(const ent_coder *c, int32_t vt, int32_t end) {
    int32_t vp = N(c, T(c, vt)->node)->parent;
    if (vp < 0) return end;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *nd = N(c, ch);
        if (nd->begin <= vt) continue;
        if (nd->kind == ENT_N_VP || nd->kind == ENT_N_S || nd->kind == ENT_N_SBAR)
            return nd->begin < end ? nd->begin : end;
    }
    return end;
}

/* Does VP vp have an object or prepositional phrase naming an actor? */
static int has_actor_object(ent_coder *c, int32_t vp) {
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *nd = N(c, ch);
        if (nd->kind == ENT_N_NP && ent_np_entities(c, ch).n) return 1;
        if (nd->kind == ENT_N_PP)
            for (int32_t g = nd->first_child; g >= 0; g = N(c, g)->next_sibling)
                if (N(c, g)->kind == ENT_N_NP && ent_np_entities(c, g).n) return 1;
    }
    return 0;
}

/* combine_verbs: how many verbs of the chain combine.  A verb governs
 * the next through a clause ("agreed (to lift ...)", "held talks with
 * Suleiman, (offering support)") only when it names no actor of its own:
 * PETRARCH-2 looks into such a clause only when the verb's phrase gave it
 * no event. */
static int combining_verbs(ent_coder *c, const int32_t *chain, int n) {
    for (int i = 0; i + 1 < n; i++) {
        int32_t vp = N(c, T(c, chain[i])->node)->parent;
        int32_t node = T(c, chain[i + 1])->node;
        while (N(c, node)->parent >= 0 && N(c, node)->parent != vp) node = N(c, node)->parent;
        if (N(c, node)->parent == vp && N(c, node)->kind == ENT_N_S && has_actor_object(c, vp))
            return i + 1;
    }
    return n;
}

/* combine_verbs: the code value of every verb of the chain, combined from
 * the lowest one with a code up through the verbs that govern it ("has
 * agreed to lift sanctions": lift [085] under agree [050] is 085; "wants
 * to help": help [070] under want [030] is 033).  Returns the index of
 * that lowest verb, with *combined its value under the ones above and
 * *abest, *abm its best pattern and match (code_chain codes it with them
 * rather than matching its patterns again); -1 when no verb of the chain
 * has a code. */
static int combine_chain(ent_coder *c, const int32_t *chain, int n, int32_t end, int32_t *combined,
                         const ent_pattern **abest, pmatch *abm) {
    int32_t value[32];
    int anchor = -1;
    n = combining_verbs(c, chain, n);
    for (int i = 0; i < n && i < 32; i++) {
        int32_t fb = chain[i], fe = chain[i] + 1;
        const ent_verb_form *f = verb_form_at(c, chain[i], &fb, &fe);
        value[i] = 0;
        if (!f) continue;
        const ent_verb *verb = ENT_VERB(c->d, f->verb);
        pmatch bm;
        const ent_pattern *best = best_pattern(c, ENT_BLOCK(c->d, verb->block), fb, fe,
                                               verb_window(c, chain[i], end), &bm);
        value[i] = best ? best->value : verb->value;
        if (value[i]) {
            anchor = i;
            *abest = best;
            *abm = bm;
        }
    }
    if (anchor < 0) return -1;
    *combined = value[anchor];
    for (int i = anchor - 1; i >= 0; i--)
        if (value[i]) *combined = ent_combine_codes(value[i], *combined);
    ent_coder_trace(c, "chain of %d verbs: '%s' makes the event, combined value %#x", n,
                    T(c, chain[anchor])->text, (unsigned)*combined);
    return anchor;
}

/* combine_verbs: the clause a verb governs that has a subject of its own
 * ("said (that) Iraq attacked", "wants Putin to attack"), when the verb
 * has no object naming an actor: PETRARCH-2 then codes the clause and
 * puts its events under the verb (code_nested).  -1 when there is none. */
static int32_t complement_clause(ent_coder *c, int32_t vp) {
    if (has_actor_object(c, vp)) return -1;
    for (int32_t ch = N(c, vp)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *nd = N(c, ch);
        if (nd->kind == ENT_N_SBAR || (nd->kind == ENT_N_S && has_subject(c, ch))) return ch;
    }
    return -1;
}

/* combine_verbs: code the clause `clause` governed by the verb at vt (of
 * value `outer`, subject srcs) and replace its events by what the set's
 * transformations, or PETRARCH-2's rule for nested events, make of them
 * ("the US claimed that they had attacked Iraq": USA -> IRQ 015 by "~ a (a
 * b ATTACK) CLAIM = a b 015").  A nested event that nothing takes is not
 * coded, as in PETRARCH-2.  Returns -1 on OOM. */
static int code_nested(ent_coder *c, int32_t top_vp, int32_t vt, int32_t clause, elist srcs,
                       int32_t outer) {
    ent_coder_trace(c, "  a clause with a subject of its own: coded under the verb");
    size_t first = c->events.len;
    c->depth++;
    int rc = 0;
    for (int32_t v = N(c, clause)->begin; v < N(c, clause)->end && rc == 0; v++)
        if (!c->claimed[v] && ent_tree_is_verb_tag(T(c, v)->tag)) rc = code_chain(c, v);
    c->depth--;
    claim_clause(c, top_vp);
    size_t ninner = c->events.len - first;
    if (rc < 0 || ninner == 0) {
        c->events.len = first;
        return rc;
    }
    ent_event *inner = malloc(ninner * sizeof *inner);
    if (!inner) return -1;
    memcpy(inner, &ENT_VEC_AT(&c->events, ent_event, first), ninner * sizeof *inner);
    c->events.len = first;
    /* the outer source's codes, all of them: an inner source among them is
     * the outer source itself ("Obama and Putin said they will attack
     * Iraq"), as PETRARCH-2 compares the two lists */
    char sc[MAX_CODES][72];
    const entity *se_of[MAX_CODES];
    int ns = 0;
    for (int32_t i = 0; i < srcs.n && ns < MAX_CODES; i++) {
        char one[MAX_CODES][72];
        int na = ent_np_entity_codes(c, E(c, srcs.off + i), one, MAX_CODES);
        for (int x = 0; x < na && ns < MAX_CODES; x++) {
            memcpy(sc[ns], one[x], sizeof sc[ns]);
            se_of[ns++] = E(c, srcs.off + i);
        }
    }
    for (size_t k = 0; k < ninner && rc == 0; k++) {
        const ent_event *ev = &inner[k];
        int same = 0;
        for (int x = 0; x < ns; x++) same |= !strcmp(sc[x], ev->source);
        for (int x = 0; x < ns && rc == 0; x++) {
            ent_nested nn = {sc[x], same ? sc[x] : ev->source, ev->target, ent_combine_value(ev->code),
                             outer};
            const char *s = NULL, *t = NULL;
            const ent_transform *rule;
            int32_t value;
            if (!ent_combine_nested(c->d, &nn, &s, &t, &value, &rule)) {
                ent_coder_trace(c, "  nested %s -> %s %s: no transformation takes it", ev->source,
                                ev->target, ev->code);
                continue;
            }
            const char *code = ent_combine_cameo(value);
            if (!code) continue;
            ent_coder_trace(c, "  nested %s -> %s %s under %s becomes %s -> %s %s by %s", ev->source,
                            ev->target, ev->code, sc[x], s, t, code,
                            rule ? rule->text : "the rule for nested acts");
            /* the target's words: the side of the inner event it came from */
            entity te = {.actor = -1, .newactor = -1, .begin = -1, .end = -1};
            if (t == nn.in_src) te.begin = ev->src_begin, te.end = ev->src_end;
            else if (t == nn.in_tgt) te.begin = ev->tgt_begin, te.end = ev->tgt_end;
            const entity *se = s == nn.src ? se_of[x] : NULL;
            rc = emit(c, s, t, code, se, &te, vt, NULL);
        }
    }
    free(inner);
    return rc;
}

/* combine_verbs: is the first noun phrase beside the phrase of the verb
 * at vt one that names an actor (PETRARCH-2's subject of that phrase)? */
static int beside_subject(ent_coder *c, int32_t vt) {
    int32_t vp = N(c, T(c, vt)->node)->parent;
    int32_t up = vp >= 0 ? N(c, vp)->parent : -1;
    if (up < 0) return 0;
    for (int32_t ch = N(c, up)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
        if (N(c, ch)->kind == ENT_N_NP) return ent_np_entities(c, ch).n > 0;
    return 0;
}

/* Is "will", "would", "shall" or "'ll" in the verb group of the verb at
 * vt, up through the VPs that hold it ("would pull its troops out",
 * "will send a delegation")? */
static int future_group(const ent_coder *c, int32_t top_vp, int32_t vt) {
    static const char *const words[] = {"WILL", "WOULD", "SHALL", "'LL", "WO", NULL};
    for (int32_t a = top_vp; a >= 0 && N(c, a)->kind == ENT_N_VP; a = N(c, a)->parent)
        for (int32_t ch = N(c, a)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
            int32_t q = N(c, ch)->token;
            if (q < 0 || q >= vt || strcmp(T(c, q)->tag, "MD")) continue;
            for (int k = 0; words[k]; k++)
                if (!strcmp(T(c, q)->upper, words[k])) return 1;
        }
    return 0;
}

/* The code of an act announced for the future: cooperation becomes the
 * intent to cooperate in that way (03x), force a threat of it (13x);
 * other codes stay. */
static const char *intent_code(const char *code) {
    if (code[0] == '0')
        switch (code[1]) {
        case '4': return "036";
        case '5': return "032";
        case '6': return "031";
        case '7': return "033";
        case '8': return "035";
        default: return code;
        }
    if (code[0] == '1')
        switch (code[1]) {
        case '6': return "131";
        case '7': return "137";
        case '8': case '9': return "138";
        default: return code;
        }
    if (code[0] == '2' && code[1] == '0') return "138";
    return code;
}

/* PETRARCH-2 finds events by descending from the sentence's top through
 * clauses and verb phrases only: a verb inside a noun phrase (a relative
 * clause, "the group that has seized parts of Iraq"), a prepositional
 * phrase or a parenthetical is never asked for an event.  Is VP node vp
 * reached that way? */
static int p2_reached(const ent_coder *c, int32_t vp) {
    for (int32_t n = vp, up = N(c, n)->parent; up >= 0; n = up, up = N(c, n)->parent) {
        const char *l = N(c, n)->label;
        if (N(c, up)->kind == ENT_N_ROOT) return !strcmp(l, "S") || !strcmp(l, "VP");
        if (strcmp(l, "S") && strcmp(l, "SBAR") && strcmp(l, "VP")) return 0;
    }
    return 1;
}

/* Does a noun phrase other than a time ("said today", Treebank's NP-TMP)
 * lie in [from, end)?  Without require_dyad, PETRARCH keeps an event no
 * actor is the target of only when such a phrase after the verb, inside
 * its phrase, can stand as the uncoded target; a verb with nothing after
 * it makes no event. */
static int object_phrase_in(const ent_coder *c, int32_t from, int32_t end) {
    for (int32_t k = 0; k < c->t->n_nodes; k++) {
        const ent_node *n = N(c, k);
        if (n->kind == ENT_N_NP && n->begin >= from && n->end <= end && n->end > n->begin &&
            !strstr(n->label, "-TMP"))
            return 1;
    }
    return 0;
}

/* Is event e an act of force (roots 18 to 20)? */
static int force_event(const ent_event *e) {
    return e->code[0] == '1' ? e->code[1] >= '8' : e->code[0] == '2';
}

/* Event e's target as a state (to) and sector; 0 when no state is its
 * target. */
static int state_target(const ent_event *e, char to[4], char sector[72]) {
    if (strlen(e->target) < 3 || !country_code(e->target)) return 0;
    memcpy(to, e->target, 3);
    to[3] = 0;
    snprintf(sector, 72, "%s", e->target + 3);
    return 1;
}

/* The target of the sentence's last act of force by the state of srcs,
 * into to (country) and sector: "Russia launched a full-scale invasion of
 * Ukraine, hitting cities ... with missiles", "Israel sent troops into
 * southern Lebanon and bombed bridges and roads": a further blow that
 * names only things lands where the blow just before it did.  0 when the
 * sentence's last event is no such blow. */
static int force_target(ent_coder *c, elist srcs, char to[4], char sector[72]) {
    char cc[4];
    entity_country(c, E(c, srcs.off), cc);
    if (!country_code(cc) || !c->events.len) return 0;
    const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, c->events.len - 1);
    return !strncmp(e->source, cc, 3) && force_event(e) && state_target(e, to, sector);
}

/* The target of the sentence's last act of force, into to (country) and
 * sector: what a claim of responsibility claims ("a suicide bomber struck
 * a U.S. patrol ..., and the Taliban claimed responsibility").  0 when no
 * act of force aimed at a state was coded before. */
static int claimed_target(ent_coder *c, char to[4], char sector[72]) {
    for (size_t k = c->events.len; k-- > 0;) {
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        if (force_event(e)) return state_target(e, to, sector);
    }
    if (!c->blow_to[0]) return 0;
    /* "Drones struck two Saudi Aramco plants ..., and the Houthis claimed
     * responsibility": the blow no one was named for */
    memcpy(to, c->blow_to, 4);
    snprintf(sector, 72, "%s", c->blow_sector);
    return 1;
}

/* Is the act of force `code` by srcs, an accused act when `accused`, one
 * that a blow told before in the sentence on a third state explains
 * ("Drones struck Saudi Aramco plants ..., and Pompeo accused Iran of
 * launching the attack")? */
static int accused_blow(ent_coder *c, elist srcs, const char *code, int accused) {
    char to[4], sector[72], cc[4];
    if (!c->opt.code_all_clauses || !accused || !srcs.n || (code[0] != '2' && !(code[0] == '1' && code[1] >= '8')))
        return 0;
    entity_country(c, E(c, srcs.off), cc);
    return claimed_target(c, to, sector) && strncmp(to, cc, 3);
}

/* A blow no one is named for (code, targets tgts): remembered as where the
 * sentence's force landed, for a claim of responsibility after it. */
static void unowned_blow(ent_coder *c, const char *code, elist tgts) {
    char tc[MAX_CODES][72];
    if (!c->opt.code_all_clauses || !tgts.n || (code[0] != '2' && !(code[0] == '1' && code[1] >= '8')))
        return;
    if (ent_np_entity_codes(c, E(c, tgts.off), tc, MAX_CODES) < 1 || !country_code(tc[0])) return;
    memcpy(c->blow_to, tc[0], 3);
    c->blow_to[3] = '\0';
    snprintf(c->blow_code, sizeof c->blow_code, "%.7s", code);
    snprintf(c->blow_sector, sizeof c->blow_sector, "%.68s", tc[0] + 3);
}

/* "Ukraine accused pro-Russian separatists of ...", "the government
 * blamed Basque separatists for ...": the object of a verb of blame named
 * by an agent alone (its NP, or -1), placed in the state its phrase names,
 * else the accuser's own, else the dateline's: into to and sector. */
static int32_t blamed_agent(ent_coder *c, elist srcs, int32_t fe, int32_t end, char to[4], char sector[72]) {
    int32_t np = fe < end ? ent_np_starting_at(c, fe, end) : -1;
    if (np < 0 || group_description(c, np) || is_pronoun_np(c, np)) return -1;
    elist l = ent_np_entities(c, np);
    if (l.n != 1 || ent_np_has_actor(c, l)) return -1;
    char codes[MAX_CODES][72];
    /* a state's organ so named ("accused the junta") is another state's
     * as often as not: only groups outside the state are placed so */
    if (ent_np_entity_codes(c, E(c, l.off), codes, MAX_CODES) < 1 || strncmp(codes[0], "---", 3) || !codes[0][3] ||
        state_sector(codes[0] + 3))
        return -1;
    const char *cc = "";
    for (int k = 0; k < c->n_mentions && !cc[0]; k++)
        if (c->mentions[k].tok >= N(c, np)->begin && c->mentions[k].tok < N(c, np)->end) cc = c->mentions[k].cc;
    char own[4] = "";
    if (!cc[0] && srcs.n) entity_country(c, E(c, srcs.off), own);
    if (!cc[0]) cc = country_code(own) ? own : c->t->home;
    if (!country_code(cc)) return -1;
    memcpy(to, cc, 3);
    to[3] = 0;
    snprintf(sector, 72, "%.68s", codes[0] + 3);
    return np;
}

/* Code the verb chain starting at verb token v.  Returns -1 on OOM. */
static int code_chain(ent_coder *c, int32_t v) {
    int32_t top_vp = N(c, T(c, v)->node)->parent;
    if (top_vp < 0 || N(c, top_vp)->kind != ENT_N_VP) return 0;
    if (c->d->combine_verbs && !p2_reached(c, top_vp)) {
        ent_coder_trace(c, "verb '%s': not in a clause of the sentence's own: not coded", T(c, v)->text);
        return 0;
    }
    int32_t chain[32];
    int n = verb_chain(c, top_vp, v, chain, 32);
    for (int i = 0; i < n; i++) c->claimed[chain[i]] = 1;
    for (int32_t a = N(c, top_vp)->parent; a >= 0 && N(c, a)->kind != ENT_N_SBAR; a = N(c, a)->parent) {
        if (N(c, a)->kind == ENT_N_VP) continue;
        if (object_complement(c, a) && !causative(c, a) && own_clause(c, top_vp) != 1 && purpose_object(c, a) < 0) {
            ent_coder_trace(c, "verb '%s': an act wanted of another, not done", T(c, v)->text);
            return 0;
        }
        break;
    }
    int32_t end = own_clause_start(c, top_vp, v, N(c, top_vp)->end);
    int accused = N(c, top_vp)->parent >= 0 && accused_act(c, N(c, top_vp)->parent) >= 0;
    if (c->opt.code_all_clauses && c->events.len && ending_participle(c, top_vp, v)) {
        /* "signed a ceasefire ..., ending 27 years of civil war": the
         * outcome of the act before, not an act of its own */
        ent_coder_trace(c, "verb '%s': the outcome of the act before it, not coded", T(c, v)->text);
        claim_clause(c, top_vp);
        return 0;
    }
    if (c->opt.code_all_clauses && c->last_src.n && toll_participle(c, top_vp, v)) {
        /* "opened fire on demonstrators, killing at least 16 people": the
         * toll of an act already coded, not an act of its own */
        ent_coder_trace(c, "verb '%s': the toll of the act before it, not coded", T(c, v)->text);
        claim_clause(c, top_vp);
        return 0;
    }
    int known = 0;

    /* combine_verbs: the lowest verb of the chain with a code makes the
     * event, under the codes of the verbs that govern it */
    int32_t combined = 0;
    const ent_pattern *abest = NULL;
    pmatch abm = {.src = -1, .tgt = -1};
    int anchor = c->d->combine_verbs ? combine_chain(c, chain, n, end, &combined, &abest, &abm) : -1;
    for (int i = 0; i < n; i++) {
        if (anchor >= 0 && i != anchor) continue;
        int32_t vt = chain[i], fb = vt, fe = vt + 1;
        const ent_verb_form *f = verb_form_at(c, vt, &fb, &fe);
        if (!f) continue;
        known = 1;
        const ent_verb *verb = ENT_VERB(c->d, f->verb);
        const ent_verb_block *blk = ENT_BLOCK(c->d, verb->block);
        ent_coder_trace(c, "verb '%s' (block %s, code %s)", T(c, vt)->text, blk->name,
              verb->code ? verb->code : "-");

        pmatch bm = abm;
        const ent_pattern *best = anchor >= 0 ? abest : best_pattern(c, blk, fb, fe, end, &bm);
        int32_t shared = anchor < 0 && !best ? shared_object_vp(c, top_vp) : -1;
        int32_t sobj = -1;
        for (int32_t ch = shared >= 0 ? N(c, shared)->first_child : -1; ch >= 0 && sobj < 0;
             ch = N(c, ch)->next_sibling)
            if (N(c, ch)->kind == ENT_N_NP) sobj = ch;
        if (sobj >= 0) {
            /* "clubbed and detained hundreds of protesters": the patterns
             * of a verb with no object read the object it shares, and
             * nothing after it */
            best = best_pattern(c, blk, fb, fe, N(c, sobj)->end, &bm);
            if (best) ent_coder_trace(c, "  the object shared with the next verb matched a pattern");
        }
        if (best && passive_relative(c, top_vp)) {
            /* "crimes committed by Russian forces": the words after a
             * reduced passive are its agent, never the object a pattern
             * looks for ("commit troops") */
            best = NULL;
            bm = (pmatch){.src = -1, .tgt = -1};
        }
        const char *code = best ? best->code : verb->code;
        const char *code2 = best ? best->code2 : verb->code2;
        if (best) ent_coder_trace(c, "  pattern matched: %s [%s] (line %d)", best->text, best->code, best->line);
        else ent_coder_trace(c, "  no pattern matched; verb code %s", code ? code : "-");
        if (anchor >= 0) {
            /* PETRARCH-2 writes every code through its table of values;
             * the code after ':' gives the event back from the target
             * only where the verb's own phrase stands beside its subject
             * ("Petraeus held talks with Suleiman"), not under an
             * auxiliary or another verb ("prepared to attend the
             * Olympics [042:043]": one visit) */
            code = ent_combine_cameo(combined);
            code2 = code2 && beside_subject(c, vt) ? ent_combine_cameo(ent_combine_value(code2)) : NULL;
            if (!code) {
                ent_coder_trace(c, "  the chain's combined value %#x has no CAMEO code: no event",
                                (unsigned)combined);
                claim_clause(c, top_vp);
                return 0;
            }
            ent_coder_trace(c, "  code of the chain: %s", code);
        }
        const ent_event *followed = NULL;
        char against[4] = "";
        if (c->opt.code_all_clauses && !best && (!code || !strcmp(code, "---")) && c->events.len &&
            !strncmp(T(c, vt)->upper, "FOLLOW", 6) && vt + 1 < c->t->n_tokens &&
            !strcmp(T(c, vt + 1)->upper, "SUIT")) {
            /* "Saudi Arabia cut ties with Iran after protesters stormed its
             * embassy, and Bahrain followed suit": the sentence's first
             * act, by a new source on the same target */
            followed = &ENT_VEC_AT(&c->events, ent_event, 0);
            code = followed->code;
            ent_coder_trace(c, "  following suit: %s on %s", code, followed->target);
        }
        if (c->opt.code_all_clauses && !best && (!code || !strcmp(code, "---"))) {
            /* "Putin called it a stab in the back", "branded the vote
             * illegal": naming an act by a word of blame criticises it */
            const char *judged = judgement(c, vt, end);
            if (judged) {
                ent_coder_trace(c, "  an act named by a word of %s", judged[0] == '1' ? "blame" : "praise");
                code = judged;
            }
        }
        if (!code || !strcmp(code, "---")) {
            ent_coder_trace(c, "  null code: trying the next verb of the chain");
            continue;
        }
        if (c->opt.code_all_clauses && !strcmp(code, "150") && joint_in(c, fe, end)) {
            /* "began joint amphibious exercises near ...": drills held
             * together are military cooperation (062), not a show of force */
            ent_coder_trace(c, "  joint drills: military cooperation");
            code = "062";
            code2 = NULL;
        }
        if (c->opt.code_all_clauses && mass_killing(c, vt, fe, c->t->n_tokens)) {
            ent_coder_trace(c, "  killing by the hundreds: mass killing (202)");
            code = "202";
            code2 = NULL;
        }
        if ((code[0] == '1' || code[0] == '2' || !strncmp(code, "09", 2)) && purpose_of(c, top_vp) >= 0) {
            /* "met Morvania to attack Kestria": what a meeting is for
             * beyond words and help is not yet done */
            ent_coder_trace(c, "  the purpose of a meeting, not yet done: not coded");
            return 0;
        }
        if (accused && !(code[0] == '1' && code[1] >= '8') && code[0] != '2' && strncmp(code, "07", 2) &&
            strcmp(code, "175") && !(!strncmp(code, "15", 2) && massing(c, vt))) {
            /* an accused act is news when it is violence ("of shelling
             * border towns", "of waging a campaign of violence against the
             * opposition") or arming ("of arming the rebels"); "of
             * violating its sovereignty", "of trying to intimidate" are
             * the accusation's content */
            ent_coder_trace(c, "  an accused act short of violence: not coded");
            claim_clause(c, top_vp);
            return 0;
        }

        /* negation that no pattern accounts for cancels the event: "not"
         * anywhere in the verb group, up through the VPs that hold it
         * ("will not join", "did not ever attack") */
        int32_t neg = -1;
        for (int32_t q = N(c, top_vp)->begin; q < vt && neg < 0; q++)
            if (is_negation(c, q)) neg = q;
        for (int32_t a = N(c, top_vp)->parent; neg < 0 && a >= 0 && N(c, a)->kind == ENT_N_VP;
             a = N(c, a)->parent)
            for (int32_t ch = N(c, a)->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
                if (N(c, ch)->token >= 0 && N(c, ch)->token < vt && is_negation(c, N(c, ch)->token))
                    neg = N(c, ch)->token;
        if (neg < 0 && c->opt.code_all_clauses) neg = ent_coder_no_plan_before(c, N(c, top_vp)->begin);
        if (neg >= 0 && !(best && bm.min_pre <= neg)) {
            ent_coder_trace(c, "  negated by '%s': no event", T(c, neg)->text);
            claim_clause(c, top_vp);
            return 0;
        }

        if (c->opt.code_all_clauses && future_group(c, top_vp, vt)) {
            const char *intent = intent_code(code);
            if (intent != code) {
                ent_coder_trace(c, "  a future act: intent or threat, %s", intent);
                code = intent;
                code2 = NULL;
            }
        }

        int32_t vp = N(c, T(c, vt)->node)->parent, subj = -1, tnp = -1;
        elist srcs, tgts, subj_target = {0, 0};
        c->excl_begin = c->excl_end = -1;
        if (bm.src < 0 && c->opt.code_nested && !best && code[0] == '0' && code[1] == '1' &&
            c->n_says < (int)(sizeof c->says / sizeof c->says[0])) {
            /* "X said (that) Y ...": the clause is the news; the statement
             * itself is coded only if the clause codes nothing */
            int32_t clause = -1;
            for (int32_t ch = N(c, vp)->first_child; ch >= 0 && clause < 0; ch = N(c, ch)->next_sibling)
                if (N(c, ch)->kind == ENT_N_SBAR || N(c, ch)->kind == ENT_N_S) clause = ch;
            if (clause >= 0) {
                struct pending_say *ps = &c->says[c->n_says++];
                ps->speaker = ent_coder_subject(c, vp, &ps->subj);
                ps->verb = vt;
                ps->vp = vp;
                ps->cb = N(c, clause)->begin;
                ps->ce = N(c, clause)->end;
                ps->code = code;
                ps->code2 = code2;
                ps->last_src = c->last_src;
                ps->prev_src = c->prev_src;
                /* "Trump said he would not rule out ..., and Caracas
                 * denounced the remarks": a speaker is the party a
                 * reaction to the words is aimed at */
                if (ps->speaker.n && c->opt.code_all_clauses) c->last_actor = ps->speaker;
                ent_coder_trace(c, "  a statement with a clause: coded from the clause when it has an event");
                return 0;
            }
        }
        if (bm.src >= 0) {
            srcs = ent_np_entities(c, bm.src);
            if (srcs.n == 1 && c->opt.code_all_clauses) srcs = with_pronoun_partner(c, bm.src, srcs);
            if (c->opt.code_all_clauses && (!srcs.n || !ent_np_has_actor(c, srcs))) {
                /* "the two leaders agreed to ...": the pair named before */
                elist pa = pair_antecedents(c, bm.src, -1);
                if (pa.n) srcs = pa;
            }
            subj = bm.src;
            int32_t own = -1;
            elist l = c->opt.code_all_clauses ? ent_coder_subject(c, vp, &own) : (elist){0, 0};
            if (own >= 0 && l.n && N(c, own)->begin >= N(c, bm.src)->end) {
                /* "X met Y ..., and the two agreed": the pattern's source
                 * slot reached past the clause's own subject */
                ent_coder_trace(c, "  the clause's own subject, not an actor before it, is the source");
                srcs = l;
                subj = own;
            } else if (own >= 0 && !l.n && natural_hazard(c, own) && N(c, bm.src)->end <= vt) {
                /* "one of the worst storms to hit the country": the
                 * pattern's slot reached past a hazard to an earlier phrase */
                ent_coder_trace(c, "  the clause's subject is a natural hazard: no source");
                srcs = l;
                subj = own;
            } else if (own >= 0 && l.n && bm.tgt < 0 && N(c, bm.src)->begin > vt && N(c, own)->end <= vt) {
                /* "came under fire from $", "a call from $": the act comes
                 * from the phrase after the verb to the clause's subject */
                subj_target = l;
            }
        } else {
            srcs = ent_coder_subject(c, vp, &subj);
            if (bm.tgt >= 0 && subj == bm.tgt) {
                /* the pattern made the clause's subject its target ("NOTED +
                 * *": X noted that Y regretted): the source is the subject
                 * of the clause that governs this one */
                srcs = (elist){0, 0};
                subj = -1;
                int32_t up = N(c, vp)->parent;
                while (up >= 0 && N(c, up)->kind == ENT_N_VP) up = N(c, up)->parent;
                while (up >= 0 && N(c, up)->kind != ENT_N_VP) up = N(c, up)->parent;
                if (up >= 0) srcs = ent_coder_subject(c, up, &subj);
            }
        }
        if (anchor >= 0 && bm.tgt < 0 && bm.src < 0 && c->depth < 4) {
            int32_t clause = complement_clause(c, vp);
            if (clause >= 0) return code_nested(c, top_vp, vt, clause, srcs, combined);
        }
        if (bm.compound && srcs.n < 2) {
            /* "- % *" met by one actor: the pattern's verb, with a target */
            ent_coder_trace(c, "  compound pattern with one actor: coded toward a target");
            bm.compound = 0;
        }
        /* passive with a "by" agent: the agent acts on the subject, also
         * when a pattern's target slot took the agent ("was attacked by
         * Russia" against "- * +") */
        int passive = 0, agentless = 0;
        if (c->d->combine_verbs) passive = bm.src < 0 && ent_coder_passive(c, vt);
        else if (passive_relative(c, vp) && bm.src < 0)
            passive = 1;
        else if (!strcmp(T(c, vt)->tag, "VBN") && bm.src < 0) {
            for (int k = 0; k < i; k++) passive |= is_be(c, chain[k]);
            /* "..., a move swiftly criticised by India": a participle
             * with no auxiliary and its own "by" phrase */
            if (!passive && i == 0 && c->opt.code_all_clauses && by_phrase(c, vp, 0) >= 0) passive = 1;
        }
        int32_t by = passive ? by_phrase(c, vp, c->d->combine_verbs) : -1;
        if (by >= 0 && bm.tgt >= 0 &&
            !(N(c, bm.tgt)->begin >= N(c, by)->begin && N(c, bm.tgt)->end <= N(c, by)->end))
            by = -1;
        if (subj_target.n) {
            ent_coder_trace(c, "  the pattern's source follows the verb: the subject is the target");
            tgts = subj_target;
        } else if (bm.tgt >= 0 && by < 0 && circumstance(c, bm.tgt)) {
            ent_coder_trace(c, "  the pattern's target names the setting, not the target");
            tgts = (elist){0, 0};
        } else if (bm.tgt >= 0 && by < 0) {
            tgts = ent_np_entities(c, bm.tgt);
            if (!tgts.n && ent_coder_state_description(c, bm.tgt)) {
                /* "flew troops into the Pacific kingdom": the state named before */
                char scc[4] = "";
                if (srcs.n) entity_country(c, E(c, srcs.off), scc);
                tgts = pronoun_antecedent(c, bm.tgt, scc, subj);
            }
            if (c->opt.code_all_clauses && !ent_np_has_actor(c, tgts) && group_description(c, bm.tgt)) {
                /* "handed him over to the court": the court named before */
                elist a = pronoun_antecedent(c, bm.tgt, "", -1);
                if (a.n) tgts = a;
            }
        } else {
            if (by >= 0 && passive_relative(c, vp) && code[0] == '0' && code[1] == '5' &&
                !ent_np_has_actor(c, ent_np_entities(c, by))) {
                /* "Israeli troops backed by tanks": the arms or units
                 * that back a force are its own, no party to it */
                ent_coder_trace(c, "  a force backed by its own arms or units: no event");
                tgts = srcs = (elist){0, 0};
            } else if (by >= 0 && ent_np_entities(c, by).n) {
                ent_coder_trace(c, "  passive: source from the 'by' phrase");
                tgts = srcs;
                srcs = ent_np_entities(c, by);
                c->excl_begin = N(c, by)->begin;
                c->excl_end = N(c, by)->end;
            } else if (passive && (c->d->combine_verbs || (c->opt.code_all_clauses && !best))) {
                /* PETRARCH-2, and code_all_clauses: a passive's source comes
                 * only from such a phrase; without one the subject is the
                 * target of no one named ("soldiers killed in Ukraine") */
                ent_coder_trace(c, "  passive with no agent named: the subject is the target");
                tgts = srcs;
                srcs = (elist){0, 0};
                agentless = 1;
            } else {
                char scc[4] = "";
                if (srcs.n) entity_country(c, E(c, srcs.off), scc);
                c->target_code = code;
                tgts = first_np_entities(c, fe, end, subj, scc, &tnp);
                int32_t asked = c->opt.code_all_clauses && code[0] == '0' && code[1] == '2' && fe < end
                                    ? ent_np_starting_at(c, fe, end)
                                    : -1;
                if (asked >= 0 && tnp >= 0 && asked != tnp && N(c, asked)->end <= N(c, tnp)->begin &&
                    !ent_np_entities(c, asked).n && unnamed_parties(c, asked)) {
                    /* "called on all parties to protect civilians": the
                     * appeal is to its addressee, who names no party, not
                     * to those the appeal is about */
                    ent_coder_trace(c, "  an appeal to an addressee no party names: no target");
                    tgts = (elist){0, 0};
                    tnp = -1;
                }
                if (c->d->combine_verbs && tgts.n && !best) {
                    elist low = p2_lower(c, vp);
                    if (low.n) tgts = low;
                }
                if (!tgts.n && end < N(c, top_vp)->end &&
                    !(srcs.n >= 2 && c->opt.code_all_clauses && reciprocal_code(c, code, vt)) &&
                    !force_on_own_place(c, srcs, code, fe, end)) {
                    /* nothing before the clause of its own: the clause may
                     * still name whom the act touched ("lifted the state of
                     * emergency, restoring the right of opposition groups") */
                    tgts = first_np_entities(c, fe, N(c, top_vp)->end, subj, scc, &tnp);
                }
                int32_t next = tgts.n ? -1 : shared_object_vp(c, top_vp);
                if (next >= 0) {
                    /* "beat and detained dozens of protesters": the object
                     * of the next conjunct is this verb's too */
                    int32_t nv = verb_leaf_of(c, next);
                    tgts = first_np_entities(c, nv >= 0 ? nv + 1 : N(c, next)->begin, N(c, next)->end,
                                             subj, scc, &tnp);
                }
                c->target_code = NULL;
                int32_t called = tgts.n ? -1 : purpose_of(c, top_vp);
                if (called >= 0) {
                    ent_coder_trace(c, "  a purpose after a call or meeting: toward the one called on");
                    tgts = ent_np_entities(c, called);
                    tnp = called;
                }
                int32_t gap = tgts.n || !c->opt.code_all_clauses ? -1 : gap_relative_head(c, top_vp);
                if (gap >= 0) {
                    ent_coder_trace(c, "  a relative clause's object: the noun it modifies");
                    tgts = ent_np_entities(c, gap);
                    tnp = gap;
                    if (code[0] == '1' && code[1] == '2' && allegation(c, gap)) {
                        /* "..., a charge Paris flatly rejected": denying
                         * what one is accused of (016) */
                        code = "016";
                        code2 = NULL;
                    }
                }
                if (c->opt.code_nested && !best && !strcmp(code, "010") && !addressee(c, vp, tnp)) {
                    ent_coder_trace(c, "  a statement is coded only toward its addressee");
                    tgts = (elist){0, 0};
                }
            }
        }
        if (c->opt.code_all_clauses &&
            (!strcmp(code, "190") || !strcmp(code, "193") || !strcmp(code, "171") || !strcmp(code, "1712") ||
             !strcmp(code, "183")) &&
            aerial_act(c, by >= 0 ? by : subj, vt)) {
            ent_coder_trace(c, "  done from the air: aerial weapons (195)");
            code = "195";
            code2 = NULL;
        } else if (c->opt.code_all_clauses && !strcmp(code, "190") && artillery_act(c, by >= 0 ? by : subj, top_vp)) {
            ent_coder_trace(c, "  done with artillery or tanks (194)");
            code = "194";
            code2 = NULL;
        }
        if (c->opt.null_actors) {
            if (!srcs.n && subj >= 0 && !is_pronoun_np(c, subj)) srcs = unknown_actor(c, subj);
            if (!tgts.n && bm.tgt < 0) {
                for (int32_t p = fe; p < end && !tgts.n; p++) {
                    int32_t np = ent_np_starting_at(c, p, end);
                    if (np >= 0 && np != subj && !is_pronoun_np(c, np)) tgts = unknown_actor(c, np);
                }
            }
        }
        /* inside a reported clause, the speaker's own state ("Moscow was
         * ready to ...") and pronouns stand for the speaker */
        for (int k = 0; k < c->n_says; k++) {
            const struct pending_say *ps = &c->says[k];
            if (vt < ps->cb || vt >= ps->ce || !ps->speaker.n || bm.src >= 0 || agentless) continue;
            char sc[4], pc[4];
            entity_country(c, E(c, ps->speaker.off), pc);
            int replace = !srcs.n || (subj >= 0 && is_pronoun_np(c, subj) && ps->speaker.n >= 2);
            if (!replace) {
                /* "they would open talks" after "the government and the
                 * ELN said": a plural pronoun is the speakers, whatever
                 * noun it could also stand for */
                entity_country(c, E(c, srcs.off), sc);
                replace = !E(c, srcs.off)->n_agents && pc[0] && !strcmp(sc, pc) && !opposed_speaker(c, ps->speaker);
            }
            if (replace) {
                ent_coder_trace(c, "  the speaker of the reported clause is its source");
                srcs = ps->speaker;
            }
        }
        if (c->opt.code_all_clauses && !c->opt.null_actors && tgts.n && no_party(c, tgts) && !bm.compound &&
            !(srcs.n >= 2 && reciprocal_code(c, code, vt))) {
            /* "protesting against the removal of a Soviet war memorial":
             * a target no state places is none, and the rules for acts
             * that name no one apply */
            ent_coder_trace(c, "  the target names no state: as if none were named");
            tgts = (elist){0, 0};
        }
        int reciprocal = c->opt.code_all_clauses && !bm.compound && srcs.n >= 2 &&
                         (each_other(c, vp) || (subj >= 0 && each_other(c, subj)));
        if (reciprocal) {
            ent_coder_trace(c, "  'each other': the subject's members act on each other");
            tgts = (elist){0, 0};
            bm.compound = 1;
        }
        /* "..., and Australia welcomed the move": praise of an act is a
         * reaction to it as much as criticism is */
        int praise = c->opt.code_all_clauses && !strncmp(code, "051", 3) &&
                     (act_object(c, vp, vt) || (passive && by >= 0 && subj >= 0 && act_noun(c, subj)));
        if (c->opt.code_all_clauses && !bm.compound && tgts.n && srcs.n && (c->last_src.n || c->last_actor.n) &&
            ((reaction_code(code) && strncmp(code, "13", 2)) || praise) && act_object(c, vp, vt)) {
            /* "Russia condemned the strike as an act of aggression against a
             * sovereign state": the object is an act, so the target is its
             * author, not a phrase further on */
            tgts = (elist){0, 0};
        }
        elist last = c->last_src.n ? c->last_src : c->last_actor;
        int retold = 0;   /* an accused blow the sentence told before */
        if (c->opt.code_all_clauses && !bm.compound && !tgts.n && srcs.n && last.n &&
            (reaction_code(code) || praise || !strncmp(T(c, chain[0])->upper, "RETALIAT", 8) ||
             !strncmp(T(c, chain[0])->upper, "RESPOND", 7) ||
             (!strcmp(code, "045") && passive_relative(c, vp) && last_accord(c)) ||
             ((!strncmp(code, "03", 2) || !strncmp(code, "04", 2)) && last_mutual(c)) ||
             (!strncmp(code, "19", 2) && struck_last(c, E(c, srcs.off), accused) &&
              !force_on_own_place(c, srcs, code, fe, end) &&
              !(retold = accused_blow(c, srcs, code, accused))))) {
            /* "X struck Y, and Z condemned the offensive": a criticism or
             * rejection with no one named is aimed at the last act's
             * author; so is whatever a retaliation or response does
             * ("Beijing retaliated with duties on American goods"), and fighting by
             * the one just struck ("..., and South Korea returned fire");
             * the broker of a deal mediates between its parties ("agreed
             * ... under a deal brokered by China") */
            tgts = reaction_target(c, srcs, last, c->prev_src);
        }
        /* PETRARCH-2 sets: members of a compound subject with no target
         * act on each other for intent, consultation, cooperation and aid
         * (roots 03-06), as PETRARCH-2 codes them */
        int members = c->opt.code_all_clauses ? reciprocal_code(c, code, vt)
                      : c->d->combine_verbs && code[0] == '0' && code[1] >= '3' && code[1] <= '6';
        if (members && c->opt.code_all_clauses && one_force(c, srcs)) {
            ent_coder_trace(c, "  one state's troops and police act together, not on each other");
            members = 0;
        }
        char giver[4] = "", blow_to[4], blow_sector[72];
        if (srcs.n) entity_country(c, E(c, srcs.off), giver);
        int own_people = tgts.n && giver[0];
        for (int32_t k = 0; own_people && k < tgts.n; k++) {
            char tc[4];
            entity_country(c, E(c, tgts.off + k), tc);
            own_people = !tc[0] || !strcmp(tc, giver);   /* or people no state places */
        }
        if (c->opt.code_all_clauses && !strncmp(code, "063", 3) && own_people) {
            /* "extradited Joaquin Guzman, the head of the Sinaloa cartel
             * who ..., to the United States": handed to the state the
             * person goes to, not to the person */
            elist to = recipient_after(c, vt, c->t->n_tokens);
            if (to.n) {
                ent_coder_trace(c, "  handed over: to the state the person goes to");
                tgts = to;
            }
        }
        int32_t tq = bm.tgt >= 0 ? bm.tgt : tnp;
        if (c->opt.code_all_clauses && strncmp(code, "15", 2) && strncmp(code, "13", 2) &&
            show_of_force(c, top_vp)) {
            /* "a carrier strike group steamed toward the Korean peninsula
             * in a show of force": what the words call a show of force
             * is one (150) */
            ent_coder_trace(c, "  called a show of force: a show of force");
            code = "150";
            code2 = NULL;
        }
        if (c->opt.code_all_clauses && (code[0] == '1' && code[1] >= '8') &&
            assassination(c, vt, tq >= 0 ? N(c, tq)->begin : -1, c->t->n_tokens)) {
            ent_coder_trace(c, "  a person of office killed: assassination (186)");
            code = "186";
            code2 = NULL;
        }
        if (c->opt.code_all_clauses && !strcmp(code, "171") && !best &&
            (!strncmp(T(c, vt)->upper, "SEIZ", 4) || !strncmp(T(c, vt)->upper, "CAPTUR", 6)) &&
            ground_object(c, fe, end)) {
            /* "seized the disputed Heglig oil field", "seized key sites
             * across Crimea", "seized a buffer zone inside Syria": ground
             * taken is occupation (192), not property seized */
            ent_coder_trace(c, "  ground seized: occupation (192)");
            code = "192";
            code2 = NULL;
        }
        if (c->opt.code_all_clauses && !strcmp(code, "150") && srcs.n >= 2 && states_apart(c, srcs) &&
            drills_named(c, fe, end)) {
            /* "the United States and South Korea launched large-scale
             * naval drills": drills two states hold together are military
             * cooperation between them (062) */
            ent_coder_trace(c, "  drills held by two states together: military cooperation");
            code = "062";
            code2 = NULL;
            members = 1;
        }
        if (c->opt.code_all_clauses && (!strncmp(code, "171", 3) || !strcmp(code, "192")) &&
            (!strncmp(T(c, vt)->upper, "SEIZ", 4) || !strncmp(T(c, vt)->upper, "CAPTUR", 6) ||
             !strncmp(T(c, vt)->upper, "GRAB", 4)) &&
            demonym_object(c, fe, end)) {
            /* "seized three Americans and 17 Filipinos": people taken are
             * abducted (181), not ground or goods */
            ent_coder_trace(c, "  people seized: abduction (181)");
            code = "181";
            code2 = NULL;
        }
        if (c->opt.code_all_clauses && !strcmp(code, "174") && tq >= 0 && multitude(c, tq)) {
            /* "deported more than 1,000 Colombians": expelling people by
             * the thousand is a mass expulsion (201) */
            ent_coder_trace(c, "  people expelled by the thousand: a mass expulsion");
            code = "201";
            code2 = NULL;
        }
        if (members && c->opt.code_all_clauses && !bm.compound && srcs.n >= 2 && tgts.n &&
            ((tq >= 0 && place_phrase(c, tq)) || !ent_np_has_actor(c, tgts) || stateless(c, tgts))) {
            /* "Xi and Ma met in Singapore", "... for talks between leaders":
             * the place of a meeting of the subject's members, or people no
             * state is named for, are not its target */
            ent_coder_trace(c, "  the target is the place of the compound subject's act");
            if (!strcmp(code, "040") && tq >= 0 && place_phrase(c, tq) && third_state(c, srcs, tgts)) {
                /* "Xi and Ma held talks in Singapore": a meeting in a third
                 * state (044) */
                ent_coder_trace(c, "  a meeting in a third state");
                code = "044";
            }
            tgts = (elist){0, 0};
        }
        if (c->opt.code_all_clauses && srcs.n == 1 && tgts.n && tq >= 0 && !strcmp(code, "040") &&
            (!strcmp(T(c, vt)->upper, "MET") || !strncmp(T(c, vt)->upper, "MEET", 4) ||
             !strncmp(T(c, vt)->upper, "GATHER", 6)) &&
            place_phrase(c, tq) && !with_party(c, tq)) {
            /* "European leaders met in London": where a meeting was held
             * is not who was met */
            ent_coder_trace(c, "  the place of a meeting, not its party");
            tgts = (elist){0, 0};
        }
        if (members && c->opt.code_all_clauses && !bm.compound && srcs.n >= 2 && tgts.n && tq >= 0 &&
            !strncmp(code, "057", 3) && states_apart(c, srcs) && !with_party(c, tq)) {
            /* "South Korea and Japan signed a pact covering North Korea's
             * programmes": what two states' accord is about is not its
             * party; it binds them to each other */
            ent_coder_trace(c, "  an accord of the compound subject's members: not with what it covers");
            tgts = (elist){0, 0};
        }
        if (members && !bm.compound && !tgts.n && srcs.n >= 2) {
            ent_coder_trace(c, "  a compound subject with no other target: coded both ways");
            bm.compound = 1;
        }
        int yields = c->opt.code_all_clauses && code[0] == '0' && code[1] == '8' && code[2] >= '0' &&
                     code[2] <= '3';
        if (yields && srcs.n && tgts.n) {
            /* "resigned and fled to India": a leader steps down before its
             * own state's people, not before a state named nearby; "bowing
             * to days of protests in which police killed 25": before the
             * protesters, not the state's own organs */
            char a[4], b[4];
            entity_country(c, E(c, srcs.off), a);
            entity_country(c, E(c, tgts.off), b);
            char tc[MAX_CODES][72];
            int own_organ = a[0] && (!b[0] || !strcmp(a, b)) && demands_named(c) &&
                            ent_np_entity_codes(c, E(c, tgts.off), tc, MAX_CODES) > 0 &&
                            strlen(tc[0]) >= 6 && !popular_sector(tc[0] + 3);
            if ((!strncmp(code, "0831", 4) && a[0] && b[0] && strcmp(a, b)) || own_organ) {
                ent_coder_trace(c, "  yielding: to the state's own people, not %s", b);
                tgts = (elist){0, 0};
            }
        }
        if (c->opt.code_all_clauses && tq >= 0 && tgts.n) {
            /* "diplomats from seven Latin American countries including
             * Argentina, Chile and Peru": the states named */
            elist named = included(c, tq);
            if (named.n) {
                ent_coder_trace(c, "  the target's members named after 'including'");
                tgts = named;
            }
        }
        char home_of[4] = "";
        if (srcs.n) entity_country(c, E(c, srcs.off), home_of);
        if (c->opt.code_all_clauses && tgts.n && country_code(home_of) && !bm.compound &&
            (!strncmp(code, "1723", 4) || !strncmp(code, "1724", 4)) &&
            !named_territory(c, vt, E(c, tgts.off))) {
            /* "approved martial law in regions bordering Russia": a
             * curfew or a state of emergency is imposed at home, whatever
             * place the sentence names, unless it names the territory
             * itself ("in New Caledonia") */
            ent_coder_trace(c, "  a curfew or emergency rule: over the source's own state");
            if (ent_coder_state_event(c, srcs, code, home_of, "", vt, best) < 0) return -1;
            claim_clause(c, top_vp);
            return 0;
        }
        if (c->opt.code_all_clauses && !strcmp(code, "042") && !bm.compound && not_a_visit(c, vt, passive, srcs)) {
            ent_coder_trace(c, "  a journey that is no visit: not coded");
            claim_clause(c, top_vp);
            return 0;
        }
        elist_trace(c, "source", srcs);
        elist_trace(c, bm.compound ? "compound" : "target", tgts);
        int32_t blamed = srcs.n && c->opt.code_all_clauses && !bm.compound && bm.tgt < 0 && !passive &&
                                 code[0] == '1' && code[1] == '1' && !strncmp(code, "112", 3)
                             ? blamed_agent(c, srcs, fe, end, blow_to, blow_sector)
                             : -1;
        if (blamed >= 0 && blamed != tnp) {
            ent_coder_trace(c, "  the one blamed is the object, named by its agent alone");
            if (ent_coder_state_event(c, srcs, code, blow_to, blow_sector, vt, best) < 0) return -1;
            c->prev_src = c->last_src;
            c->last_src = srcs;
        } else if (retold && !tgts.n && claimed_target(c, blow_to, blow_sector)) {
            ent_coder_trace(c, "  an accused act with no target: aimed where the blow told before struck");
            if (ent_coder_state_event(c, srcs, code, blow_to, blow_sector, vt, best) < 0) return -1;
        } else if (srcs.n && c->opt.code_all_clauses && !bm.compound && !strcmp(code, "015") &&
            claimed_target(c, blow_to, blow_sector)) {
            ent_coder_trace(c, "  a claim of responsibility: aimed where the act claimed struck");
            if (ent_coder_state_event(c, srcs, code, blow_to, blow_sector, vt, best) < 0) return -1;
            int unowned = c->blow_code[0] != '\0';
            for (size_t k = 0; k < c->events.len && unowned; k++)
                unowned = !force_event(&ENT_VEC_AT(&c->events, ent_event, k));
            if (unowned) {
                /* "A bomb attack killed Syria's defence minister ..., and
                 * the rebels claimed responsibility": the blow is theirs */
                ent_coder_trace(c, "  the blow no one was named for is the claimant's");
                if (ent_coder_state_event(c, srcs, c->blow_code, blow_to, blow_sector, vt, best) < 0) return -1;
            }
        } else if (bm.compound) {
            if (c->opt.code_all_clauses && !strcmp(code, "040") && tgts.n && third_state(c, srcs, tgts)) {
                ent_coder_trace(c, "  a meeting in a third state");
                code = "044";
                code2 = NULL;
            }
            if (c->opt.code_all_clauses && srcs.n >= 2 && tgts.n && ent_np_has_actor(c, tgts) && tq >= 0 &&
                with_party(c, tq)) {
                /* "Australia and New Zealand restored full diplomatic ties
                 * with Fiji": each member with the party named, both ways,
                 * not the members with each other */
                ent_coder_trace(c, "  a compound source with a party: each member with it");
                if (ent_coder_emit_pairs(c, srcs, tgts, code, NULL, 0, vt, best) < 0 ||
                    ent_coder_emit_pairs(c, tgts, srcs, code2 ? code2 : code, NULL, 0, vt, best) < 0)
                    return -1;
            } else if (ent_coder_emit_pairs(c, srcs, tgts, code, code2, 1, vt, best) < 0) {
                return -1;
            }
            if (srcs.n) {
                c->prev_src = c->last_src;
                c->last_src = srcs;
            }
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && !strncmp(code, "07", 2) &&
                   last_aided(c)[0]) {
            /* "U.S. helicopters ferried food to Japan's survivors, while
             * China sent rescue teams to the devastated coast": aid sent
             * to a place goes where the aid before it went */
            ent_coder_trace(c, "  aid with no target: to the state aided before");
            if (ent_coder_state_event(c, srcs, code, last_aided(c), "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   (!strcmp(code, "070") || !strcmp(code, "073") || !strncmp(code, "033", 3) ||
                    (!strncmp(code, "03", 2) && help_named(c, vp))) &&
                   aided_state(c, srcs)[0]) {
            /* "U.S. helicopters ferried food to earthquake survivors",
             * "China pledged emergency aid", "offered further help": aid,
             * or a pledge of it, that names no recipient goes to the state
             * the news is from */
            ent_coder_trace(c, "  aid with no target: to the state the news is from");
            if (ent_coder_state_event(c, srcs, code, aided_state(c, srcs), "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   (!strncmp(code, "15", 2) || !strncmp(code, "162", 3)) && other_state(c, srcs)[0]) {
            /* "put his frontline troops on a war footing, a day after the
             * two Koreas traded fire": a show of force is aimed at the
             * other state the sentence names; so is a cut in aid ("..., and
             * the United States suspended $700 million in economic aid") */
            ent_coder_trace(c, "  a show of force or a cut with no target: aimed at the other state named");
            if (ent_coder_state_event(c, srcs, code, other_state(c, srcs), "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   (!strncmp(code, "172", 3) || !strncmp(code, "15", 2) || !strncmp(code, "0813", 4) ||
                    !strncmp(code, "0814", 4))) {
            /* "declared a state of emergency", "imposed a curfew", "put
             * police on alert": measures a government takes over its own
             * state, named or not, when they answer no act before them */
            if (ent_coder_state_event(c, srcs, code, NULL, "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   ((code[0] == '1' && code[1] == '4') || (code[0] == '1' && code[1] == '0')) &&
                   popular_party(c, srcs)) {
            /* "protesters rallied in Independence Square", "rioted
             * against the removal of a memorial", "..., demanding a rerun
             * of the election": a protest or demand that names no one is
             * against the protesters' own government */
            if (ent_coder_state_event(c, srcs, code, NULL, "GOV", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   (!strncmp(code, "192", 3) || (!strcmp(code, "171") && !best)) &&
                   own_place_object(c, srcs, fe, end)) {
            /* "Taliban insurgents captured Kandahar and Herat": a place of
             * the source's own state taken is ground taken (192) */
            ent_coder_trace(c, "  a place of the source's own state taken: occupation (192)");
            if (ent_coder_state_event(c, srcs, "192", NULL, "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && !strcmp(code, "042") &&
                   common_place(c, fe, end) && visitor_abroad(c, srcs)) {
            /* "CARTAGENA, Colombia - President Clinton visited this
             * Caribbean port city": a place described, not named, is in
             * the state the story is datelined in */
            ent_coder_trace(c, "  a visit to a place described: in the dateline's state");
            if (ent_coder_state_event(c, srcs, code, c->t->home, "", vt, best) < 0) return -1;
            c->prev_src = c->last_src;
            c->last_src = srcs;
        } else if (srcs.n && !tgts.n && force_on_own_place(c, srcs, code, fe, end)) {
            /* "Syrian government forces shelled the town of Houla": force
             * turned on a place of the source's own state is on that state */
            ent_coder_trace(c, "  force on a place of the source's own state");
            if (ent_coder_state_event(c, srcs, code, NULL, "", vt, best) < 0)
                return -1;
            c->prev_src = c->last_src;
            c->last_src = srcs;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && !strncmp(code, "192", 3) &&
                   armed_group(c, srcs)) {
            /* "M23 rebels captured the city of Goma": ground an armed
             * group of a state takes, named or not, is its state's */
            if (ent_coder_state_event(c, srcs, code, NULL, "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   ((home_act(code) && (state_organ(c, srcs) || armed_group(c, srcs))) ||
                    (!strcmp(code, "173") && state_organ(c, srcs) && !other_state(c, srcs)[0]))) {
            /* "investigators opened an inquiry", "a court sentenced three
             * members of a band", "police bulldozed thousands of shacks",
             * "Boko Haram burned 3,700 homes", "police sealed off roads",
             * and where no other state is named "police arrested Corsican
             * nationalist Yvan Colonna": done at home, to the organ's own
             * state */
            ent_coder_trace(c, "  an act at home with no one named: over the source's own state");
            if (ent_coder_state_event(c, srcs, code, NULL, "", vt, best) < 0) return -1;
            c->prev_src = c->last_src;
            c->last_src = srcs;
        } else if (srcs.n && c->opt.code_all_clauses && code[0] == '1' && code[1] == '4' &&
                   (anti_state(c, srcs, against), against[0]) &&
                   (!tgts.n || (tq >= 0 && where_named(c, tq)))) {
            /* "anti-Syrian demonstrators rallied in central Beirut": a
             * crowd against a state protests against it */
            ent_coder_trace(c, "  a crowd against %s", against);
            if (ent_coder_state_event(c, srcs, code, against, "GOV", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && followed) {
            char to[8] = {0};
            memcpy(to, followed->target, 3);
            if (ent_coder_state_event(c, srcs, code, to, followed->target + 3, vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && reaction_code(code) &&
                   strncmp(code, "13", 2) && act_object(c, vp, vt) && earlier_state(c, srcs, vt)[0]) {
            /* "exchanged information on North Korea's launch of a missile,
             * and Abe denounced the launch": an act coded nowhere before
             * is the state named before it that is not the critic's */
            ent_coder_trace(c, "  a reaction to an act no event coded: aimed at the state named before");
            if (ent_coder_state_event(c, srcs, code, earlier_state(c, srcs, vt), "", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses &&
                   (yields || !strcmp(code, "175")) && demands_named(c)) {
            /* "resigned after weeks of protests", "bowed to the demands of
             * protesters and stepped down": yielding office to those who
             * demanded it, the state's opposition; "police responded with
             * tear gas" where the sentence speaks of protest: repressing
             * them */
            if (ent_coder_state_event(c, srcs, code, NULL, "OPP", vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && !passive && !accused &&
                   (code[0] == '2' || (code[0] == '1' && code[1] >= '8')) &&
                   object_phrase_in(c, fe, N(c, vp)->end < end ? N(c, vp)->end : end) &&
                   force_target(c, srcs, blow_to, blow_sector)) {
            ent_coder_trace(c, "  a blow at things no state places: where the source's blow before it landed");
            if (ent_coder_state_event(c, srcs, code, blow_to, blow_sector, vt, best) < 0) return -1;
        } else if (srcs.n && !tgts.n && c->opt.code_all_clauses && code[0] == '0' && code[1] == '9' &&
                   state_named_in(c, srcs, fe, N(c, top_vp)->end)[0]) {
            /* "opened a preliminary examination into killings ... in
             * Burundi": an inquiry is into the state where its matter lies */
            ent_coder_trace(c, "  an inquiry with no party named: into the state its matter is placed in");
            if (ent_coder_state_event(c, srcs, code, state_named_in(c, srcs, fe, N(c, top_vp)->end), "", vt,
                                      best) < 0)
                return -1;
            c->prev_src = c->last_src;
            c->last_src = srcs;
        } else if (srcs.n && !tgts.n && !c->opt.require_dyad && !c->opt.null_actors &&
                   !object_phrase_in(c, fe, N(c, vp)->end < end ? N(c, vp)->end : end)) {
            ent_coder_trace(c, "  no target and no noun phrase after the verb to stand for one: no event");
            claim_clause(c, top_vp);
            return 0;
        } else if (!srcs.n && tgts.n && c->opt.code_all_clauses && code[0] == '1' && code[1] == '8' &&
                   (passive ? by >= 0 : 1) && unknown_assailant(c, subj, by)) {
            /* "a 41-year-old local man shot dead former Prime Minister
             * Shinzo Abe", "Kabila was shot dead by one of his bodyguards":
             * an assailant no state or group places is of the victim's
             * own state */
            ent_coder_trace(c, "  an assailant no one places: of the victim's own state");
            char tc[MAX_CODES][72], own[4];
            for (int32_t k = 0; k < tgts.n; k++) {
                const entity *te = E(c, tgts.off + k);
                int nt = ent_np_entity_codes(c, te, tc, MAX_CODES);
                for (int x = 0; x < nt; x++) {
                    if (strlen(tc[x]) <= 3 || !country_code(tc[x])) continue;
                    memcpy(own, tc[x], 3);
                    own[3] = 0;
                    if (emit(c, own, tc[x], code, NULL, te, vt, best) < 0) return -1;
                }
            }
        } else if ((!srcs.n || !tgts.n) && c->opt.require_dyad) {
            ent_coder_trace(c, "  no %s: dropped (require_dyad)", srcs.n ? "target" : "source");
            if (srcs.n && !reaction_code(code)) c->last_actor = srcs;
            if (!srcs.n) unowned_blow(c, code, tgts);
            claim_clause(c, top_vp);
            return 0;
        } else if (ent_coder_emit_pairs(c, srcs, tgts, code, code2, 0, vt, best) < 0) {
            return -1;
        } else if (srcs.n && !(c->last_src.n && relative_clause_at(c, vt, 0) >= 0)) {
            /* an act told in a relative clause ("militias that have killed
             * thousands") is background: a reaction after it answers the
             * act of the clause that holds it */
            c->prev_src = c->last_src;
            c->last_src = srcs;
            c->last_tgt = tgts;
        }
        claim_clause(c, top_vp);
        return 0;
    }
    if (!known && c->opt.null_verbs) return null_verb_event(c, top_vp, v);
    return 0;
}

/* Is the verb at token v one whose default code is an act: not nothing
 * ("---") nor a statement (root 01), a denial (016) excepted? */
static int act_verb(const ent_coder *c, int32_t v) {
    int32_t fb = v, fe = v + 1;
    const ent_verb_form *f = verb_form_at(c, v, &fb, &fe);
    const char *code = f ? ENT_VERB(c->d, f->verb)->code : NULL;
    if (!code || !code[0] || !strcmp(code, "---")) return 0;
    return !(code[0] == '0' && code[1] == '1') || !strncmp(code, "016", 3);
}

/* Is the verb at token v one of saying: its default code a statement
 * (root 01), a denial (016) excepted? */
static int saying_verb(const ent_coder *c, int32_t v) {
    int32_t fb = v, fe = v + 1;
    const ent_verb_form *f = verb_form_at(c, v, &fb, &fe);
    const char *code = f ? ENT_VERB(c->d, f->verb)->code : NULL;
    return code && code[0] == '0' && code[1] == '1' && strncmp(code, "016", 3);
}

/* Comma-delimited clauses (PETRARCH's comma_* options): a stretch between
 * commas, or from the last comma to the end, or from the start to the
 * first comma, whose length in words is within the option's bounds and
 * that holds a verb, is an aside ("..., it seems, ...", "..., a senior
 * official said on Saturday.") and its verbs are not coded.  Stretches
 * without a verb are noun lists and appositions, which the tree handles. */
static void mask_comma_clauses(ent_coder *c) {
    const ent_tree *t = c->t;
    /* PETRARCH-2 reads the comma options but its tree coder never sets a
     * clause aside: "..., the U.S. Central Command said on Monday night,
     * expanding its campaign ..." is coded with "said" over "expanding" */
    if (c->d->combine_verbs) return;
    /* the main clause's verb phrase is never an aside */
    int32_t s = t->root, main_vp = -1;
    while (s >= 0 && N(c, s)->kind == ENT_N_ROOT) s = N(c, s)->first_child;
    for (int guard = 0; s >= 0 && N(c, s)->kind == ENT_N_S && main_vp < 0 && guard < 16; guard++) {
        int32_t inner = -1;
        for (int32_t ch = N(c, s)->first_child; ch >= 0 && inner < 0; ch = N(c, ch)->next_sibling) {
            /* "(S (S Arnor is ...) , (NP ...) (VP said))": the reported clause */
            if (N(c, ch)->kind == ENT_N_S) inner = ch;
            else if (N(c, ch)->kind == ENT_N_VP) { main_vp = N(c, ch)->begin; break; }
        }
        s = inner;
    }
    int32_t start = 0;
    int first = 1;
    for (int32_t i = 0; i <= t->n_tokens; i++) {
        int is_comma = i < t->n_tokens && TF(c, i, TF_COMMA);
        if (!is_comma && i < t->n_tokens) continue;
        int last = i == t->n_tokens;
        int words = 0, verb = 0, act = 0, saying = !c->opt.code_all_clauses;
        for (int32_t k = start; k < i; k++) {
            if (TF(c, k, TF_PUNCT)) continue;
            words++;
            if (!ent_tree_is_verb_tag(T(c, k)->tag)) continue;
            verb = 1;
            act |= c->opt.code_all_clauses && act_verb(c, k);
            saying |= saying_verb(c, k);
        }
        int lo, hi;
        if (first && last) { lo = 1; hi = 0; }   /* no commas: nothing to drop */
        else if (first) { lo = c->opt.comma_bmin; hi = c->opt.comma_bmax; }
        else if (last) { lo = c->opt.comma_emin; hi = c->opt.comma_emax; }
        else { lo = c->opt.comma_min; hi = c->opt.comma_max; }
        int holds_main = main_vp >= start && main_vp < i;
        /* "..., killing 30 people": a participle after the comma is an act
         * of the clause's subject, and "..., and Tehran retaliated" a
         * clause of its own, not an aside */
        int32_t w0 = start;
        while (w0 < i && TF(c, w0, TF_PUNCT)) w0++;
        int participle = c->opt.code_all_clauses && !first && w0 < i &&
                         (!strcmp(T(c, w0)->tag, "VBG") || TF(c, w0, TF_CC));
        /* "..., a charge Islamabad flatly denied": with code_all_clauses
         * only a stretch whose verb is one of saying is an aside */
        if (verb && saying && !act && !holds_main && !participle && hi > 0 && words >= lo && words <= hi) {
            ent_coder_trace(c, "comma clause of %d words set aside: tokens %d-%d", words, start, i - 1);
            for (int32_t k = start; k < i; k++) c->claimed[k] = 1;
        }
        first = 0;
        start = i + 1;
    }
}

/* "Israeli-linked", "Chinese-owned", "Panama-flagged", "Pakistani-
 * administered Kashmir": a word that ties a thing to its owner by a
 * suffix is read as the owner's word when the set knows it (an
 * "Israeli-linked ship" is Israel's), else 0.  Suffixes of leadership,
 * backing or holding ("-led", "-backed", "-held") are left alone: a
 * "U.N.-backed court" is not the U.N.'s, "rebel-held" ground not the
 * rebels' state. */
static ent_wid tie_word(const ent_dict *d, const char *u) {
    static const char *const ties[] = {"-LINKED", "-OWNED", "-FLAGGED", "-REGISTERED", "-ADMINISTERED",
                                       "-CONTROLLED", NULL};
    size_t n = strlen(u);
    for (int k = 0; ties[k]; k++) {
        size_t m = strlen(ties[k]);
        if (n > m + 1 && !strcmp(u + n - m, ties[k])) return ent_dict_word(d, u, n - m);
    }
    return 0;
}

/* ---- Public ------------------------------------------------------------------- */

ent_coder *ent_coder_new(const ent_dict *d, const ent_options *opt) {
    ent_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = d;
    if (opt) c->opt = *opt;
    else ent_options_default(&c->opt);
    ent_vec_init(&c->ents, sizeof(entity));
    ent_vec_init(&c->events, sizeof(ent_event));
    c->pattern_need = calloc(d->patterns.len + 1, sizeof *c->pattern_need);
    c->pattern_ref = calloc(d->patterns.len + 1, 1);
    if (!c->pattern_need || !c->pattern_ref) {
        free(c->pattern_need);
        free(c->pattern_ref);
        free(c);
        return NULL;
    }
    for (size_t i = 0; i < d->patterns.len; i++) {
        const ent_pattern *p = ENT_PATTERN(d, i);
        c->pattern_ref[i] = !strcmp(p->code, "+++") || !strcmp(p->code, "###");
        for (int k = 0; k < p->n_pre; k++)
            if (p->pre[k].kind == ENT_PE_WORD) wmask_add(&c->pattern_need[i], p->pre[k].id);
        for (int k = 0; k < p->n_post; k++)
            if (p->post[k].kind == ENT_PE_WORD) wmask_add(&c->pattern_need[i], p->post[k].id);
    }
    return c;
}

void ent_coder_free(ent_coder *c) {
    if (!c) return;
    ent_vec_free(&c->ents);
    ent_vec_free(&c->events);
    free(c->memo);
    free(c->memo_done);
    free(c->claimed);
    free(c->tflags);
    free(c->lex);
    free(c->pattern_need);
    free(c->pattern_ref);
    free(c);
}

void ent_coder_set_options(ent_coder *c, const ent_options *opt) { c->opt = *opt; }

void ent_coder_set_trace(ent_coder *c, ent_buf *tr) { c->trace = tr; }

void ent_coder_dateline_country(const ent_dict *d, const char *text, size_t n, char out[4]) {
    ent_wid w[24];
    int nw = 0;
    out[0] = '\0';
    /* the place comes before the agency: "(Reuters)" names no state */
    const char *paren = memchr(text, '(', n);
    if (paren) n = (size_t)(paren - text);
    for (size_t i = 0; i < n && nw < 24;) {
        char word[64];
        size_t k = 0;
        while (i < n && (text[i] == ' ' || text[i] == ',' || text[i] == '(' || text[i] == ')' ||
                         text[i] == ':' || text[i] == '-' || text[i] == '\t' || text[i] == '\n'))
            i++;
        while (i < n && !(text[i] == ' ' || text[i] == ',' || text[i] == '(' || text[i] == ')' ||
                          text[i] == ':' || text[i] == '\t' || text[i] == '\n')) {
            if (k + 1 < sizeof word) word[k++] = (char)toupper((unsigned char)text[i]);
            i++;
        }
        if (k) w[nw++] = ent_dict_word(d, word, k);
    }
    const ent_phrase_index *ix = &d->actor_ix;
    for (int i = 0; i < nw; i++) {
        if (w[i] <= 0 || !ix->start || w[i] >= d->n_words) continue;
        for (int32_t j = ix->start[w[i]]; j < ix->start[w[i] + 1]; j++) {
            const ent_phrase *p = &ix->phrases[j];
            if (p->n_words > nw - i) continue;
            int ok = 1;
            for (int q = 1; q < p->n_words && ok; q++) ok = w[i + q] == p->words[q];
            if (!ok) continue;
            const char *code = ent_actor_code_on(ENT_ACTOR(d, p->value), 0, 0);
            if (code && strlen(code) >= 3 && country_code(code)) {
                /* the last place named wins: "TRIPOLI, Lebanon" is in
                 * Lebanon whatever other Tripoli the city's name could be */
                memcpy(out, code, 3);
                out[3] = '\0';
                i += p->n_words - 1;
                break;
            }
        }
    }
}

/* PETRARCH-2 looks for discard phrases in the sentence's text cut at
 * blanks, not in its tokens: punctuation written against a word is part of
 * the word, so "three years ago, a ..." does not hold "YEARS AGO".  The
 * tokens are put back together where the text had no blank between them
 * (known from their offsets, else from the tags of what is written against
 * a word: closing punctuation, clitics, opening quotes and brackets). */
static int glued_to_next(const ent_token *a, const ent_token *b) {
    if (a->end >= 0 && b->start >= 0) return a->end == b->start;
    if (!strcmp(a->tag, "``") || !strcmp(a->tag, "-LRB-") || !strcmp(a->tag, "$") ||
        !strcmp(a->tag, "#"))
        return 1;
    return !strcmp(b->tag, ",") || !strcmp(b->tag, ".") || !strcmp(b->tag, ":") ||
           !strcmp(b->tag, "''") || !strcmp(b->tag, "-RRB-") || !strcmp(b->tag, "POS") ||
           b->text[0] == '\'' || !strcmp(b->upper, "N'T");
}

/* The word id of the blank-delimited word that starts at token *i (0 when
 * the lexicon has no such word); moves *i past its tokens. */
static ent_wid blank_word(const ent_coder *c, int32_t *i) {
    char buf[256];
    size_t len = 0;
    int fits = 1;
    int32_t k = *i;
    /* most words are one token, whose word ent_coder_code has looked up */
    if (k + 1 >= c->t->n_tokens || !glued_to_next(T(c, k), T(c, k + 1))) {
        *i = k + 1;
        return c->lex[k];
    }
    do {
        const char *u = T(c, k)->upper;
        size_t n = strlen(u);
        if (len + n < sizeof buf) {
            memcpy(buf + len, u, n);
            len += n;
        } else {
            fits = 0;
        }
        k++;
    } while (k < c->t->n_tokens && glued_to_next(T(c, k - 1), T(c, k)));
    *i = k;
    return fits ? ent_dict_word(c->d, buf, len) : 0;
}

/* How the words w[0..m) stand to the discard phrases: -1 when no phrase
 * starts with them; else ENT_DISCARD_STORY | 0x100 when a story phrase is
 * exactly them, 0x100 when a sentence phrase is, 0 when they only begin
 * one. */
#define WHOLE_DISCARD 0x100
static int discard_prefix(const ent_dict *d, const ent_wid *w, int m) {
    const ent_phrase_index *ix = &d->discard_ix;
    if (w[0] <= 0 || !ix->start || w[0] >= d->n_words) return -1;
    int st = -1;
    for (int32_t i = ix->start[w[0]]; i < ix->start[w[0] + 1]; i++) {
        const ent_phrase *p = &ix->phrases[i];
        if (p->n_words < m || memcmp(p->words, w, (size_t)m * sizeof *w)) continue;
        if (st < 0) st = 0;
        if (p->n_words == m) st |= WHOLE_DISCARD | (p->flags & ENT_DISCARD_STORY);
    }
    return st;
}

/* The discard status of a sentence as PETRARCH-2 finds it: it walks the
 * blank-delimited words with the words matched so far; a phrase counts
 * only when a word follows it (the check is made on reaching the next
 * word), and a word that breaks a partial match is not tried as the start
 * of another.  Story phrases win over sentence phrases. */
static int p2_discard(const ent_coder *c) {
    ent_wid w[16];
    int m = 0;
    for (int32_t i = 0; i < c->t->n_tokens;) {
        ent_wid x = blank_word(c, &i);
        if (m > 0) {
            int st = discard_prefix(c->d, w, m);
            if (st > 0 && (st & ENT_DISCARD_STORY)) return ENT_DISCARD_STORY_HIT;
            if (st > 0 && (st & WHOLE_DISCARD)) return ENT_DISCARD_SENTENCE;
        }
        if (x > 0 && m < (int)(sizeof w / sizeof *w)) {
            w[m] = x;
            if (discard_prefix(c->d, w, m + 1) >= 0) {
                m++;
                continue;
            }
        }
        m = 0;
    }
    return ENT_CODED;
}

static int coder_reserve(ent_coder *c, const ent_tree *t) {
    if (t->n_nodes > c->cap_nodes) {
        int32_t cap = t->n_nodes + 64;
        elist *m = realloc(c->memo, (size_t)cap * sizeof *m);
        if (!m) return -1;
        c->memo = m;
        uint8_t *md = realloc(c->memo_done, (size_t)cap);
        if (!md) return -1;
        c->memo_done = md;
        c->cap_nodes = cap;
    }
    if (t->n_tokens > c->cap_tokens) {
        int32_t cap = t->n_tokens + 64;
        uint8_t *cl = realloc(c->claimed, (size_t)cap);
        if (!cl) return -1;
        c->claimed = cl;
        uint16_t *tf = realloc(c->tflags, (size_t)cap * sizeof *tf);
        if (!tf) return -1;
        c->tflags = tf;
        ent_wid *lx = realloc(c->lex, (size_t)cap * sizeof *lx);
        if (!lx) return -1;
        c->lex = lx;
        c->cap_tokens = cap;
    }
    memset(c->memo_done, 0, (size_t)t->n_nodes);
    memset(c->claimed, 0, (size_t)t->n_tokens);
    return 0;
}

/* ---- Places -------------------------------------------------------------------- */

/* The sentence's locative phrases (place.h), an ambiguous name read with
 * the countries of the sentence's actors: "Lebanese troops ... in
 * Tripoli" is Lebanon's Tripoli.  Those read before coding stand when
 * no name among them is ambiguous. */
/* Did an actor of words [b, e) take state cc only from a place's name
 * ("killed a gunman in Georgia": the gunman is placed, GEO, by the
 * phrase)?  Then cc says nothing of which Georgia that is.  True when the
 * sentence names cc, outside those words, only within locative phrases. */
static int state_from_place(const ent_coder *c, const char *cc, int32_t b, int32_t e) {
    int named = 0;
    for (int k = 0; k < c->n_mentions; k++) {
        const struct mention *m = &c->mentions[k];
        if (strncmp(m->cc, cc, 3)) continue;
        if (m->tok >= b && m->tok < e) return 0;
        int placed = 0;
        for (int w = 0; w < c->n_where && !placed; w++)
            placed = m->tok >= c->where[w].name_begin && m->tok < c->where[w].name_end;
        if (!placed) return 0;
        named = 1;
    }
    return named;
}

static int event_places(ent_coder *c, ent_place_expr *out) {
    int ambiguous = !c->opt.code_all_clauses;
    for (int k = 0; k < c->n_where; k++) ambiguous |= c->where[k].ambiguous;
    if (!ambiguous) {
        memcpy(out, c->where, (size_t)c->n_where * sizeof *out);
        return c->n_where;
    }
    ent_place_hint hints[8];
    int n = 0;
    for (size_t k = 0; k < c->events.len && n + 2 <= 8; k++) {
        const ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        const char *side[2] = {e->source, e->target};
        const int32_t b[2] = {e->src_begin, e->tgt_begin}, end[2] = {e->src_end, e->tgt_end};
        for (int i = 0; i < 2; i++) {
            if (!country_code(side[i]) || state_from_place(c, side[i], b[i], end[i])) continue;
            memcpy(hints[n].country, side[i], 3);
            hints[n].country[3] = '\0';
            hints[n].begin = b[i], hints[n].end = end[i];
            n++;
        }
    }
    return ent_place_find(c->t, hints, n, out, ENT_PLACE_MAX);
}

/* Do tokens (from, to) hold "of" or "for" and no verb of a clause of
 * their own: is the verb at `to` inside the accusation made at `from`? */
static int inside_accusation(const ent_coder *c, int32_t from, int32_t to) {
    int of = 0;
    for (int32_t q = from + 1; q < to; q++) {
        const char *tag = T(c, q)->tag;
        if (!strcmp(tag, "VBD") || !strcmp(tag, "VBZ") || !strcmp(tag, "VBP") || !strcmp(tag, "MD")) return 0;
        of |= !strcmp(T(c, q)->upper, "OF") || !strcmp(T(c, q)->upper, "FOR");
    }
    return of;
}

/* The CAMEO sub-code the words of an accusation at verb v name ("of
 * rigging the election": crime or corruption, 1121; "of torturing
 * detainees": rights abuses, 1122; "of aggression": 1123; "of war
 * crimes", "of genocide": 1124), or NULL. */
static const char *accused_words(const ent_coder *c, int32_t v) {
    /* stems, except the short words that must be whole ("rig" is not
     * "right") */
    static const struct { const char *word, *code; int whole; } words[] = {
        {"RIG", "1121", 1}, {"RIGGING", "1121", 1}, {"RIGGED", "1121", 1}, {"SPY", "1121", 1},
        {"SPYING", "1121", 1}, {"FRAUD", "1121", 0}, {"CORRUPT", "1121", 0}, {"BRIB", "1121", 0},
        {"EMBEZZL", "1121", 0}, {"ESPIONAGE", "1121", 0}, {"TREASON", "1121", 0}, {"LAUNDER", "1121", 0},
        {"SMUGGL", "1121", 0}, {"TORTUR", "1122", 0}, {"ABUSE", "1122", 0},
        {"REPRESS", "1122", 0}, {"PERSECUT", "1122", 0}, {"AGGRESSION", "1123", 0}, {"INVA", "1123", 0},
        {"GENOCIDE", "1124", 0}, {"ATROCIT", "1124", 0}, {"MASSACR", "1124", 0}, {NULL, NULL, 0}};
    int of = 0;
    for (int32_t q = v + 1; q < c->t->n_tokens && q < v + 14; q++) {
        const char *u = T(c, q)->upper, *tag = T(c, q)->tag;
        if (!strcmp(tag, "VBD") || !strcmp(tag, "VBZ") || !strcmp(tag, "MD")) break;
        if (!strcmp(u, "OF") || !strcmp(u, "FOR")) of = 1;
        if (!of) continue;
        if (!strcmp(u, "WAR") && q + 1 < c->t->n_tokens && !strncmp(T(c, q + 1)->upper, "CRIME", 5)) return "1124";
        for (int k = 0; words[k].word; k++)
            if (words[k].whole ? !strcmp(u, words[k].word)
                               : !strncmp(u, words[k].word, strlen(words[k].word)))
                return words[k].code;
    }
    return NULL;
}

/* A plain accusation (112) whose accused act was coded is named by that
 * act, as CAMEO's sub-codes do: of war crimes (1124) for mass violence,
 * for assault on people or for force on the accused's own people, of
 * aggression (1123) for force on another state, of human rights abuses
 * (1122) for repression ("accused Russian soldiers of summarily executing
 * at least 60 civilians": 1124). */
static void name_accusations(ent_coder *c) {
    for (size_t i = 0; i < c->events.len; i++) {
        ent_event *a = &ENT_VEC_AT(&c->events, ent_event, i);
        if (strcmp(a->code, "112") || a->verb_tok < 0) continue;
        for (size_t j = i + 1; j < c->events.len; j++) {
            const ent_event *b = &ENT_VEC_AT(&c->events, ent_event, j);
            if (b->verb_tok <= a->verb_tok || strncmp(b->source, a->target, 3) ||
                !inside_accusation(c, a->verb_tok, b->verb_tok))
                continue;
            const char *named = NULL;
            if (b->code[0] == '2' || (b->code[0] == '1' && b->code[1] == '8') ||
                (b->code[0] == '1' && b->code[1] == '9' && !strncmp(b->target, b->source, 3)))
                named = "1124";
            else if (b->code[0] == '1' && b->code[1] == '9')
                named = "1123";
            else if (!strcmp(b->code, "175") || !strncmp(b->code, "173", 3) || !strncmp(b->code, "1822", 4))
                named = "1122";
            if (!named) break;
            ent_coder_trace(c, "  the accusation named by the act it accuses: %s", named);
            set_event_code(a, named);
            break;
        }
        if (!strcmp(a->code, "112")) {
            const char *named = accused_words(c, a->verb_tok);
            if (named) {
                ent_coder_trace(c, "  the accusation named by its words: %s", named);
                set_event_code(a, named);
            }
        }
    }
}

int ent_coder_code(ent_coder *c, ent_tree *t, int32_t date, const ent_event **events, int *n) {
    c->t = t;
    c->date = date;
    c->ents.len = 0;
    c->events.len = 0;
    c->n_where = 0;
    c->pre_verb = -1;
    *events = NULL;
    *n = 0;
    if (t->n_tokens == 0 || t->root < 0) return ENT_CODED;
    if (coder_reserve(c, t) < 0) return -1;
    c->n_where = c->opt.code_all_clauses ? ent_place_find(t, NULL, 0, c->where, ENT_PLACE_MAX) : 0;
    c->present = (wmask){{0, 0}};
    /* "US" written in capitals is the United States ("us" is a pronoun,
     * which is why dictionaries leave it out); it reads as "USA" when the
     * set knows that word */
    ent_wid usa = ent_dict_word(c->d, "USA", 3);
    for (int32_t i = 0; i < t->n_tokens; i++) {
        const char *u = t->tokens[i].upper;
        size_t ulen = strlen(u);
        t->tokens[i].word = c->lex[i] = ent_dict_word(c->d, u, ulen);
        if (t->tokens[i].word <= 0 && c->opt.code_all_clauses) t->tokens[i].word = c->lex[i] = tie_word(c->d, u);
        /* only a token written "us" in some case is asked about its tag
         * and text below: the test is made for every token */
        int us_text = ulen == 2 && u[0] == 'U' && u[1] == 'S';
        /* PETRARCH-2 reads only the nouns, adjectives and determiners of a
         * noun phrase as names: "US" the parse calls a pronoun names no one
         * (the Phoenix set has "US" as an actor) */
        if (us_text && c->d->combine_verbs && !strcmp(t->tokens[i].tag, "PRP")) {
            t->tokens[i].word = 0;
            c->tflags[i] = token_flags(&t->tokens[i]);
            continue;
        }
        if (us_text && usa > 0 && !strcmp(t->tokens[i].text, "US")) t->tokens[i].word = usa;
        if (t->tokens[i].word > 0) wmask_add(&c->present, t->tokens[i].word);
        c->tflags[i] = token_flags(&t->tokens[i]);
    }
    /* ...except where the set names an actor that starts with "US" ("US
     * Secretary of State" is USAGOV, not USA with no agent); PETRARCH-2
     * matches those words as written */
    ent_wid us = c->d->combine_verbs ? ent_dict_word(c->d, "US", 2) : 0;
    for (int32_t i = 0; us > 0 && i < t->n_tokens; i++) {
        if (t->tokens[i].word != usa || strcmp(t->tokens[i].text, "US")) continue;
        t->tokens[i].word = us;
        const ent_phrase *p = phrase_at_range(c, &c->d->actor_ix, i, t->n_tokens, -1);
        if (!p || p->n_words < 2) t->tokens[i].word = usa;
        else wmask_add(&c->present, us);
    }

    /* a dateline left at the head of a sentence ("CEBU CITY: -- ...") means
     * the copy was not split from its header; PETRARCH refuses it too */
    {
        int32_t k = 0;
        while (k < t->n_tokens && k < 6) {
            const char *w = T(c, k)->text;
            int caps = w[0] != '\0' && w[1] != '\0';
            for (const char *q = w; *q && caps; q++) caps = (*q >= 'A' && *q <= 'Z') || *q == '.';
            if (!caps) break;
            k++;
        }
        if (k > 0 && k < t->n_tokens &&
            (!strcmp(T(c, k)->text, ":") || !strcmp(T(c, k)->text, "--"))) {
            ent_coder_trace(c, "dateline at the head of the sentence: not coded");
            return ENT_DATELINE;
        }
    }
    /* discards: a story-level phrase discards the story, otherwise the
     * sentence */
    if (c->d->combine_verbs) {
        int st = p2_discard(c);
        if (st != ENT_CODED) {
            ent_coder_trace(c, "discard phrase in the text's words");
            return st;
        }
    }
    for (int32_t i = 0; i < t->n_tokens && !c->d->combine_verbs; i++) {
        const ent_phrase *p = phrase_at_range(c, &c->d->discard_ix, i, t->n_tokens, -1);
        if (!p) continue;
        ent_coder_trace(c, "discard phrase at '%s'", T(c, i)->text);
        return (p->flags & ENT_DISCARD_STORY) ? ENT_DISCARD_STORY_HIT : ENT_DISCARD_SENTENCE;
    }

    if (c->trace) {
        /* every noun phrase that names actors, outermost first */
        ent_coder_trace(c, "actors:");
        for (int32_t i = 0; i < t->n_nodes; i++) {
            if (t->nodes[i].kind != ENT_N_NP) continue;
            int32_t p = t->nodes[i].parent;
            if (p >= 0 && t->nodes[p].kind == ENT_N_NP && ent_np_entities(c, p).n) continue;
            elist l = ent_np_entities(c, i);
            if (!l.n) continue;
            char text[256], what[300];
            ent_tree_span_text(t, t->nodes[i].begin, t->nodes[i].end, text, sizeof text);
            snprintf(what, sizeof what, "'%s'", text);
            elist_trace(c, what, l);
        }
    }
    c->home[0] = '\0';
    c->n_mentions = 0;
    c->n_groups = 0;
    c->last_src = c->prev_src = c->last_tgt = c->last_actor = (elist){0, 0};
    c->blow_to[0] = c->blow_sector[0] = c->blow_code[0] = '\0';
    c->srcs_begin = c->srcs_end = -1;
    if (c->opt.infer_agent_country || c->opt.code_all_clauses)
        for (int32_t i = 0; i < t->n_tokens && c->n_mentions < 32; i++) {
            const ent_phrase *p = phrase_at_range(c, &c->d->actor_ix, i, t->n_tokens, -1);
            if (!p) continue;
            if (c->opt.code_all_clauses && i > 0 && !strcmp(T(c, i - 1)->upper, "ETHNIC")) {
                i += p->n_words - 1;   /* "ethnic Russian": a people, not a state (np.c) */
                continue;
            }
            entity probe = {.actor = p->value, .newactor = -1};
            struct mention *m = &c->mentions[c->n_mentions];
            entity_country(c, &probe, m->cc);
            if (c->opt.code_all_clauses && c->n_groups < 16 && group_actor(c, &probe)) {
                struct mention *g = &c->groups[c->n_groups++];
                g->tok = i;
                g->actor = p->value;
                memcpy(g->cc, m->cc[0] ? m->cc : "---", 4);
            }
            if (m->cc[0] && country_code(m->cc)) {
                m->tok = i;
                m->actor = p->value;
                c->n_mentions++;
                if (!c->home[0]) memcpy(c->home, m->cc, 4);
            }
            i += p->n_words - 1;
        }
    /* no state named in the sentence: the dateline's */
    if (!c->home[0] && t->home[0]) memcpy(c->home, t->home, 4);
    mask_comma_clauses(c);
    c->n_says = 0;
    for (int32_t v = 0; v < t->n_tokens; v++) {
        if (c->claimed[v] || !ent_tree_is_verb_tag(T(c, v)->tag)) continue;
        if (code_chain(c, v) < 0) return -1;
    }
    if (ent_nominal_code(c) < 0) return -1;
    /* statements whose clause coded nothing are coded themselves */
    for (int k = 0; k < c->n_says; k++) {
        const struct pending_say *ps = &c->says[k];
        int inner = 0;
        for (size_t e = 0; e < c->events.len && !inner; e++) {
            int32_t vt = ENT_VEC_AT(&c->events, ent_event, e).verb_tok;
            inner = vt >= ps->cb && vt < ps->ce;
        }
        if (inner) continue;
        char pc[4] = "";
        if (ps->speaker.n) entity_country(c, E(c, ps->speaker.off), pc);
        int32_t tnp;
        elist tgts = first_np_entities(c, ps->verb + 1, N(c, ps->vp)->end, ps->subj, pc, &tnp);
        if (!strcmp(ps->code, "010") && !addressee(c, ps->vp, tnp)) tgts = (elist){0, 0};
        if (!tgts.n && ps->speaker.n && ps->last_src.n && c->opt.code_all_clauses && reaction_code(ps->code))
            tgts = reaction_target(c, ps->speaker, ps->last_src, ps->prev_src);   /* "... denied that" */
        if ((!ps->speaker.n || !tgts.n) && c->opt.require_dyad) continue;
        if (ent_coder_emit_pairs(c, ps->speaker, tgts, ps->code, ps->code2, 0, ps->verb, NULL) < 0) return -1;
    }

    /* issues: the first issue phrase not covered by an exclusion */
    if (c->opt.code_issues && c->events.len && c->d->issue_ix.n_phrases) {
        const char *issue = NULL;
        for (int32_t i = 0; i < t->n_tokens && !issue; i++) {
            const ent_phrase *p = phrase_at_range(c, &c->d->issue_ix, i, t->n_tokens, -1);
            if (!p) continue;
            if (p->flags & 1) {
                i += p->n_words - 1;
                continue;
            }
            issue = ENT_VEC_AT(&c->d->issues, ent_issue, p->value).code;
        }
        for (size_t k = 0; k < c->events.len; k++)
            ENT_VEC_AT(&c->events, ent_event, k).issue = issue;
    }
    if (c->opt.code_all_clauses) name_accusations(c);
    ent_evdate_expr when[ENT_EVDATE_MAX];
    int n_when = c->events.len ? ent_evdate_find(t, when, ENT_EVDATE_MAX) : 0;
    for (size_t k = 0; k < c->events.len; k++) {
        ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        e->when = ent_evdate_pick(t, when, n_when, e->verb_tok, date);
    }
    ent_place_expr where[ENT_PLACE_MAX];
    int n_where = c->events.len ? event_places(c, where) : 0;
    for (size_t k = 0; k < c->events.len; k++) {
        ent_event *e = &ENT_VEC_AT(&c->events, ent_event, k);
        e->where = ent_place_pick(t, where, n_where, e->verb_tok);
    }
    *events = (const ent_event *)c->events.items;
    *n = (int)c->events.len;
    return ENT_CODED;
}
