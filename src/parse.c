/* parse.c -- the built-in parser: tagged tokens to a Treebank-shaped tree.
 *
 * Design.  A deterministic recursive descent over the tag sequence, with
 * one token of lookahead and a few bounded tentative parses (noun
 * coordination is tried and abandoned when the second conjunct turns out
 * to be the subject of a new clause).  It builds a light intermediate
 * tree first, because the shape of a phrase is often known only after its
 * parts ("X and Y" wraps X once "and Y" is seen), then writes it out as an
 * ent_tree in one pass.  Every loop consumes a token or stops, recursion
 * is bounded, and a token the grammar has no place for is attached where
 * it stands, so any input yields a tree in linear time.
 *
 * The shapes follow what the coder reads from Treebank parses: S = NP VP,
 * one VP per auxiliary ("(VP (MD will) (RB not) (VP (VB join) ...))"),
 * NP -> NP PP for attachments, NP coordination as NP -> NP , NP CC NP,
 * possessives as (NP (NP X 's) head), SBAR for complement and relative
 * clauses, "S , NP said ." for reported speech.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 48

typedef struct pn {
    char label[8];
    int32_t tok;                  /* leaf: token index; phrase: -1 */
    int32_t first, last, next;    /* children, sibling; -1 none */
} pn;

/* Word classes the grammar asks about, looked up once per token. */
enum {
    W_SUB = 1 << 0,      /* subordinator: that, after, because, ... */
    W_AUX = 1 << 1,      /* be/have/do forms */
    W_BARE = 1 << 2,     /* verbs of saying and thinking: "said Russia attacked" */
    W_OF = 1 << 3,
    W_THAT = 1 << 4,
    W_ABOUT = 1 << 5,
    W_THE = 1 << 6,
    W_BY = 1 << 7,
    W_DAY = 1 << 8,      /* a day named alone: "Tuesday", "yesterday" */
    W_ADJING = 1 << 9,   /* a participle mostly used as an adjective: "rising prices" */
    W_DASH = 1 << 10,    /* "--", an em or en dash: an aside's bounds */
    W_BLAME = 1 << 11,   /* finite verbs of blame: "rebels it blames for" */
    W_SUBJPRN = 1 << 12, /* subject pronouns: it, they, he, she, we */
    W_WITH = 1 << 13,
    W_LET = 1 << 14,     /* verbs whose object does a bare verb: "let forces use" */
    W_THAN = 1 << 15,
    W_APPROX = 1 << 16   /* "about 30", "nearly 100": an amount's hedge */
};

struct ent_parser {
    pn *n;
    int32_t len, cap;
    ent_strmap classes;       /* lower-case word -> W_ flags */
    uint64_t class_bits[16];  /* class_bit of every word in classes */
    uint64_t *t64;            /* per token: its tag packed in 8 bytes */
    uint32_t *wf;             /* per token: W_ flags */
    int8_t *cs;               /* per token: clause_start memo, -1 unknown */
    int32_t cap_tok;
    /* current sentence */
    const char *const *w;
    const char (*tg)[8];
    int32_t ntok, pos;
    int depth;
    int rel;                  /* relative clauses open around the position */
    ent_tree *t;
    const int32_t *tb, *te;
};

enum np_ctx { NP_SUBJ, NP_OBJ, NP_PP };

/* ---- Intermediate tree -------------------------------------------------- */

static int32_t mk(ent_parser *p, const char *label, int32_t tok) {
    if (p->len == p->cap) {
        int32_t cap = p->cap ? p->cap * 2 : 256;
        pn *m = realloc(p->n, (size_t)cap * sizeof *m);
        if (!m) return -1;
        p->n = m;
        p->cap = cap;
    }
    pn *x = &p->n[p->len];
    size_t k = 0;   /* a tag or a phrase name: short, copied without strlen */
    for (; k < sizeof x->label - 1 && label[k]; k++) x->label[k] = label[k];
    x->label[k] = '\0';
    x->tok = tok;
    x->first = x->last = x->next = -1;
    return p->len++;
}

static void add(ent_parser *p, int32_t parent, int32_t child) {
    if (parent < 0 || child < 0) return;
    p->n[child].next = -1;
    if (p->n[parent].last < 0) p->n[parent].first = child;
    else p->n[p->n[parent].last].next = child;
    p->n[parent].last = child;
}

static int32_t leaf(ent_parser *p) {
    int32_t x = mk(p, p->tg[p->pos], p->pos);
    p->pos++;
    return x;
}

static int32_t wrap(ent_parser *p, const char *label, int32_t child) {
    int32_t x = mk(p, label, -1);
    add(p, x, child);
    return x;
}

/* Put node x in place of the last child of node parent. */
static void replace_last(ent_parser *p, int32_t parent, int32_t x) {
    int32_t c = p->n[parent].first, prev = -1, last = p->n[parent].last;
    while (c >= 0 && c != last) {
        prev = c;
        c = p->n[c].next;
    }
    if (prev >= 0) p->n[prev].next = x;
    else p->n[parent].first = x;
    p->n[parent].last = x;
}

/* ---- Token tests ------------------------------------------------------------ */

static const char *TAG(const ent_parser *p, int32_t i) { return i < p->ntok ? p->tg[i] : ""; }

/* A tag as one integer, so a tag test is one comparison. */
static inline uint64_t pack(const char *tag) {
    uint64_t v = 0;
    memcpy(&v, tag, strnlen(tag, 8));
    return v;
}

/* A literal tag padded with NULs to at least 8 bytes: its packing is one
 * 8-byte copy from a constant, which folds to an immediate operand (a
 * copy of the literal's own length went through a store and a reload). */
static inline __attribute__((always_inline)) uint64_t pack_padded(const char *padded) {
    uint64_t v;
    memcpy(&v, padded, 8);
    return v;
}

static inline __attribute__((always_inline)) int is_packed(const ent_parser *p, int32_t i, uint64_t tag) {
    return i >= 0 && i < p->ntok && p->t64[i] == tag;
}

/* Is token i tagged `tag`, a string literal (the padding joins it only). */
#define is(p, i, tag) is_packed((p), (i), pack_padded(tag "\0\0\0\0\0\0\0"))

static inline int wf(const ent_parser *p, int32_t i, int flag) {
    return i >= 0 && i < p->ntok && (p->wf[i] & flag);
}

static int is_verb(const ent_parser *p, int32_t i) {
    const char *t = TAG(p, i);
    return (t[0] == 'V' && t[1] == 'B') || is(p, i, "MD");
}

static int is_noun(const ent_parser *p, int32_t i) {
    const char *t = TAG(p, i);
    return t[0] == 'N' && t[1] == 'N';
}

static int is_adj(const ent_parser *p, int32_t i) {
    const char *t = TAG(p, i);
    return t[0] == 'J' && t[1] == 'J';
}

/* Does an amount "more than 2,000", "fewer than 50" begin at token i? */
static int amount_than(const ent_parser *p, int32_t i) {
    return i + 2 < p->ntok && (is(p, i, "JJR") || is(p, i, "RBR")) && wf(p, i + 1, W_THAN) && is(p, i + 2, "CD");
}

/* Does an amount "about 30", "nearly 100" begin at token i? */
static int amount_about(const ent_parser *p, int32_t i) {
    return i + 1 < p->ntok && wf(p, i, W_APPROX) && is(p, i + 1, "CD");
}

/* Can token i begin a noun phrase? */
static int np_start(const ent_parser *p, int32_t i) {
    const char *t = TAG(p, i);
    if (!t[0]) return 0;
    if (amount_than(p, i) || amount_about(p, i)) return 1;
    /* "of killing | more than 2,000 civilians": the participle is the
     * verb of the amount after it */
    if (is(p, i, "VBG") && amount_than(p, i + 1)) return 0;
    return is_noun(p, i) || is_adj(p, i) || is(p, i, "DT") || is(p, i, "PDT") ||
           is(p, i, "PRP$") || is(p, i, "PRP") || is(p, i, "CD") || is(p, i, "$") ||
           is(p, i, "WP$") || is(p, i, "EX") ||
           ((is(p, i, "VBN") || is(p, i, "VBG")) && (is_noun(p, i + 1) || is_adj(p, i + 1)) &&
            i + 1 < p->ntok &&
            /* "with military jets | launching air strikes", "killing
             * hundreds and | seizing dozens of hostages": after a plural
             * noun or a conjunction, a participle not mostly an adjective
             * is a verb */
            !(is(p, i, "VBG") && i > 0 &&
              (is(p, i - 1, "NNP") || ((is(p, i - 1, "NNS") || is(p, i - 1, "CC")) && !wf(p, i, W_ADJING)))));
}

/* Can the token after a comma at i begin another item of a list or an
 * apposition?  A participle there begins a clause: "on Friday, prompting
 * Australia to condemn it", "the capital, killing 30 people". */
static int np_after_comma(const ent_parser *p, int32_t i) {
    return np_start(p, i) && !is(p, i, "VBG") && !is(p, i, "VBN");
}

/* Inside a base noun phrase (after its first word). */
static int np_inner(const ent_parser *p, int32_t i) {
    const char *t = TAG(p, i);
    if (!t[0]) return 0;
    if (is_noun(p, i) || is_adj(p, i) || is(p, i, "CD") || is(p, i, "HYPH") ||
        is(p, i, "$") || is(p, i, "#"))
        return 1;
    /* a participle used as a modifier: "the affected villages"; after a
     * noun it is the verb ("police arrested students") */
    if ((is(p, i, "VBN") || is(p, i, "VBG")) && (is_noun(p, i + 1) || is_adj(p, i + 1)) &&
        !is_noun(p, i - 1))
        return 1;
    return 0;
}

static int subordinator(const ent_parser *p, int32_t i) {
    if (!is(p, i, "IN") && !is(p, i, "WRB") && !is(p, i, "DT") && !is(p, i, "WDT")) return 0;
    return wf(p, i, W_SUB);
}

static int finite_verb(const ent_parser *p, int32_t i) {
    return is(p, i, "VBD") || is(p, i, "VBZ") || is(p, i, "VBP") || is(p, i, "MD");
}

/* ", speaking after talks in Ankara, accused": a participle between
 * commas after a subject, with no finite verb inside and one right after
 * the second comma. */
static int participial_aside(const ent_parser *p, int32_t i) {
    if (!is(p, i, ",") || !(is(p, i + 1, "VBG") || is(p, i + 1, "VBN"))) return 0;
    for (int32_t j = i + 2; j < p->ntok && j < i + 32; j++) {
        if (finite_verb(p, j)) return 0;
        if (is(p, j, ",")) return finite_verb(p, j + 1) || (is(p, j + 1, "RB") && finite_verb(p, j + 2));
    }
    return 0;
}

/* Does a clause (a subject then a verb) start at i?  Looks past one noun
 * phrase cheaply: up to 12 tokens. */
static int clause_start_scan(const ent_parser *p, int32_t i) {
    if (!np_start(p, i)) return 0;
    for (int32_t k = i; k < p->ntok && k < i + 12; k++) {
        if (is_verb(p, k)) return k > i;
        /* "X and discussed": the verb belongs to a coordinated phrase; a
         * comma or a subordinator ends the candidate subject */
        if (is(p, k, "CC") && is_verb(p, k + 1)) return 0;
        if (k > i && subordinator(p, k)) return 0;
        if (!np_start(p, k) && !np_inner(p, k) && !is(p, k, "POS") && !is(p, k, "CC") &&
            !is(p, k, "IN") && !is(p, k, "NNP") && !is(p, k, "RB"))
            return 0;
    }
    return 0;
}

/* The scan looks ahead up to 12 tokens and the grammar asks at many
 * positions, so the answer is kept per token for the sentence. */
static int clause_start(const ent_parser *p, int32_t i) {
    if (i < 0 || i >= p->ntok) return 0;
    if (p->cs[i] < 0) p->cs[i] = (int8_t)clause_start_scan(p, i);
    return p->cs[i];
}

/* ---- Noun phrases ---------------------------------------------------------------- */

static int32_t parse_pp(ent_parser *p, int ctx);
static int32_t parse_vp(ent_parser *p);
static int32_t parse_clause(ent_parser *p);
static int32_t parse_sbar(ent_parser *p);

/* Base NP with possessives: (NP (NP Gondor 's) main opposition group). */
static int32_t parse_np_base(ent_parser *p) {
    int32_t np = mk(p, "NP", -1);
    if (np < 0) return -1;
    if (is(p, p->pos, "PRP") || is(p, p->pos, "EX")) {
        add(p, np, leaf(p));
        return np;
    }
    add(p, np, leaf(p));
    /* "more than | 2,000 unarmed civilians": the amount is the phrase's */
    if (amount_than(p, p->pos - 1)) add(p, np, leaf(p));
    while (p->pos < p->ntok) {
        if (amount_than(p, p->pos)) {
            add(p, np, leaf(p));
            add(p, np, leaf(p));
            continue;
        }
        if (is(p, p->pos, "POS")) {
            add(p, np, leaf(p));
            int32_t outer = wrap(p, "NP", np);
            np = outer;
            if (!np_inner(p, p->pos) && !is(p, p->pos, "DT")) break;
            continue;
        }
        if (np_inner(p, p->pos)) {
            add(p, np, leaf(p));
            continue;
        }
        /* "the most powerful earthquake", "a more assertive China": a
         * degree adverb before an adjective stays in the noun phrase */
        if ((is(p, p->pos, "RBS") || is(p, p->pos, "RBR")) && is_adj(p, p->pos + 1)) {
            add(p, np, leaf(p));
            continue;
        }
        /* "Radagast the Brown", "Ivan the Terrible": a name with its epithet */
        if (is(p, p->pos, "DT") && is(p, p->pos - 1, "NNP") && is(p, p->pos + 1, "NNP") &&
            wf(p, p->pos, W_THE)) {
            add(p, np, leaf(p));
            continue;
        }
        /* "complete, full diplomatic ties", "awful and evil minister":
         * coordinated adjectives stay inside the noun phrase */
        if ((is(p, p->pos, ",") || is(p, p->pos, "CC")) && is_adj(p, p->pos - 1) &&
            (is_adj(p, p->pos + 1) || (is(p, p->pos + 1, "RB") && is_adj(p, p->pos + 2)))) {
            add(p, np, leaf(p));
            continue;
        }
        break;
    }
    return np;
}

/* Reduced passive relative: "a deal | brokered by China", "troops |
 * backed by tanks stormed ...".  A past form right after a common noun
 * and before "by" and a noun phrase (not an amount: "rose by 5 percent")
 * describes the noun; the verb and its "by" phrase only.  NP np, wrapped
 * with the clause when there is one; ctx is np's context. */
static int32_t reduced_passive(ent_parser *p, int32_t np, int ctx) {
    int32_t i = p->pos;
    /* "militants armed with knives and guns | raided": in a subject, a
     * participle before "with" describes it too */
    int with = ctx == NP_SUBJ && is(p, i, "VBN") && wf(p, i + 1, W_WITH);
    if (!(is(p, i, "VBN") || (is(p, i, "VBD") && (is(p, i - 1, "NN") || is(p, i - 1, "NNS")))) ||
        !(wf(p, i + 1, W_BY) || with) || i + 2 >= p->ntok || !np_start(p, i + 2) || is(p, i + 2, "CD") ||
        is(p, i + 2, "VBG"))
        return np;
    int32_t vp = mk(p, "VP", -1);
    add(p, vp, leaf(p));
    /* in a subject, the agent runs up to the verb: "officials led by
     * Rubio and Lavrov | met" */
    add(p, vp, parse_pp(p, ctx == NP_SUBJ ? NP_SUBJ : NP_PP));
    np = wrap(p, "NP", np);
    add(p, np, vp);
    return np;
}

static int32_t parse_np(ent_parser *p, int ctx);

/* Does a participle at i follow a subject whose own verb is still to come,
 * with no comma or clause between ("police wielding batons | dispersed
 * ...")? */
static int subject_participle(const ent_parser *p, int32_t i) {
    if (!is(p, i, "VBG") || wf(p, i, W_ADJING) || i == 0 || !is_noun(p, i - 1)) return 0;
    for (int32_t j = i + 1; j < p->ntok && j < i + 14; j++) {
        if (finite_verb(p, j)) return !wf(p, j, W_AUX) || is_verb(p, j + 1);
        if (is(p, j, ",") || is(p, j, ":") || subordinator(p, j) || is(p, j, "WDT") || is(p, j, "WP") ||
            is(p, j, "TO") || is(p, j, "VBN"))
            return 0;
    }
    return 0;
}

/* "Colombia's government and the ELN, the country's second-largest
 * guerrilla group, said ...": an apposition after a coordinated subject
 * describes its last member; taken only when a comma and the subject's
 * verb follow it, otherwise nothing is read. */
static void coordination_apposition(ent_parser *p, int32_t coord) {
    if (!is(p, p->pos, ",") || !np_after_comma(p, p->pos + 1) || clause_start(p, p->pos + 1)) return;
    int32_t save_pos = p->pos, save_len = p->len;
    int32_t ap = mk(p, "NP", -1);
    add(p, ap, p->n[coord].last);
    add(p, ap, leaf(p));
    add(p, ap, parse_np(p, NP_PP));
    if (!is(p, p->pos, ",") || !(is_verb(p, p->pos + 1) || (is(p, p->pos + 1, "RB") && is_verb(p, p->pos + 2)))) {
        p->n[p->n[coord].last].next = -1;
        p->pos = save_pos;
        p->len = save_len;
        return;
    }
    add(p, ap, leaf(p));
    replace_last(p, coord, ap);
}

/* A noun phrase with its attachments, apposition, relative clause and
 * coordination. */
static int32_t parse_np(ent_parser *p, int ctx) {
    if (p->depth > MAX_DEPTH) return leaf(p);
    p->depth++;
    int32_t np = parse_np_base(p);
    if (np < 0) goto out;

    /* attachments: "of" always; in subject position every preposition up
     * to the verb ("Soldiers from Gondor", "Lawmakers in Fornost") */
    /* ... but a day takes none: "accused Kyiv on Tuesday | of shelling" */
    while (p->pos < p->ntok && (is(p, p->pos, "IN") || is(p, p->pos, "TO")) &&
           !subordinator(p, p->pos) && np_start(p, p->pos + 1) &&
           (wf(p, p->pos, W_OF) || ctx == NP_SUBJ) && !wf(p, p->pos - 1, W_DAY)) {
        int32_t pp = parse_pp(p, ctx);
        if (pp < 0) break;
        np = wrap(p, "NP", np);
        add(p, np, pp);
    }

    np = reduced_passive(p, np, ctx);
    if (ctx == NP_SUBJ && subject_participle(p, p->pos)) {
        /* "riot police | wielding truncheons and stun grenades | broke up
         * a protest": a participle after the subject, its verb still to
         * come, describes the subject */
        int32_t vp = parse_vp(p);
        np = wrap(p, "NP", np);
        add(p, np, vp);
    }

    /* "Hutu rebels | it blames for the genocide", "an envoy | it accused
     * of stirring unrest": a relative clause with no "that", its subject a
     * pronoun and its verb one of blame, whose object is the noun before */
    if (ctx != NP_SUBJ && wf(p, p->pos, W_SUBJPRN) && is(p, p->pos, "PRP") &&
        wf(p, p->pos + 1, W_BLAME) && (is(p, p->pos + 1, "VBD") || is(p, p->pos + 1, "VBZ") ||
                                       is(p, p->pos + 1, "VBP") || is(p, p->pos + 1, "VBN"))) {
        int32_t outer = mk(p, "NP", -1);
        add(p, outer, np);
        int32_t sbar = mk(p, "SBAR", -1);
        add(p, sbar, parse_clause(p));
        add(p, outer, sbar);
        np = outer;
    }

    /* relative clause: "which ...", "who ...", "that" + verb; after a
     * comma, "Iran, which denied any role", up to the comma that closes
     * it before the subject's verb */
    int comma_rel = is(p, p->pos, ",") && (is(p, p->pos + 1, "WDT") || is(p, p->pos + 1, "WP")) &&
                    p->pos + 2 < p->ntok && is_verb(p, p->pos + 2);
    if (comma_rel || ((is(p, p->pos, "WDT") || is(p, p->pos, "WP") ||
                       (wf(p, p->pos, W_THAT) && is_verb(p, p->pos + 1))) &&
                      p->pos + 1 < p->ntok)) {
        int32_t outer = mk(p, "NP", -1);
        add(p, outer, np);
        if (comma_rel) add(p, outer, leaf(p));
        int32_t sbar = mk(p, "SBAR", -1);
        int32_t wh = mk(p, "WHNP", -1);
        add(p, wh, leaf(p));
        add(p, sbar, wh);
        int32_t s = mk(p, "S", -1);
        p->rel++;
        if (is_verb(p, p->pos)) add(p, s, parse_vp(p));
        else add(p, s, parse_clause(p));
        p->rel--;
        add(p, sbar, s);
        add(p, outer, sbar);
        if (comma_rel && ctx == NP_SUBJ && is(p, p->pos, ",") && is_verb(p, p->pos + 1))
            add(p, outer, leaf(p));
        np = outer;
    }

    /* coordination and lists: X , Y and Z / X and Y / X or Y */
    int32_t save_pos = p->pos, save_len = p->len;
    if ((is(p, p->pos, "CC") && np_start(p, p->pos + 1)) ||
        (is(p, p->pos, ",") && np_after_comma(p, p->pos + 1))) {
        int32_t coord = mk(p, "NP", -1);
        add(p, coord, np);
        int ok = 0, items = 1;
        while (p->pos < p->ntok && items < 64) {
            if (is(p, p->pos, ",") && (is(p, p->pos + 1, "CC") && np_start(p, p->pos + 2))) {
                add(p, coord, leaf(p));
                continue;
            }
            if (is(p, p->pos, "CC") && np_start(p, p->pos + 1)) {
                add(p, coord, leaf(p));
                int32_t b = parse_np_base(p);
                add(p, coord, b);
                ok = 1;
                /* "U.S. and British warships and submarines": the list
                 * goes on after a conjunction */
                if (is(p, p->pos, "CC") && np_start(p, p->pos + 1) && items < 63) {
                    items++;
                    continue;
                }
                break;
            }
            if (is(p, p->pos, ",") && np_after_comma(p, p->pos + 1)) {
                add(p, coord, leaf(p));
                int32_t b = parse_np_base(p);
                add(p, coord, b);
                items++;
                continue;
            }
            break;
        }
        if (ok) {
            /* "... and the rebel army | led by Joseph Kony": the last
             * conjunct's reduced passive */
            int32_t conj = p->n[coord].last, red = reduced_passive(p, conj, ctx);
            if (red != conj) replace_last(p, coord, red);
        }
        /* an "and" that starts a new clause, or a list that never closes
         * with a conjunction, is not coordination: undo */
        if (ok && is_verb(p, p->pos) && ctx != NP_SUBJ) ok = 0;
        if (ok && ctx == NP_SUBJ && !wf(p, p->pos, W_OF)) {
            /* "Lawmakers and officials in Fornost and Gondor": in subject
             * position an attachment other than "of" takes the whole
             * coordination */
            np = coord;
            while (p->pos < p->ntok && (is(p, p->pos, "IN") || is(p, p->pos, "TO")) &&
                   !subordinator(p, p->pos) && np_start(p, p->pos + 1)) {
                int32_t pp = parse_pp(p, ctx);
                if (pp < 0) break;
                np = wrap(p, "NP", np);
                add(p, np, pp);
            }
            if (np == coord) coordination_apposition(p, coord);
        } else if (ok) {
            np = coord;
            /* "of" attachments on the last conjunct */
            while (p->pos < p->ntok && wf(p, p->pos, W_OF) && np_start(p, p->pos + 1)) {
                int32_t pp = parse_pp(p, ctx);
                if (pp < 0) break;
                int32_t lastc = p->n[coord].last;
                int32_t w2 = wrap(p, "NP", lastc);
                add(p, w2, pp);
                replace_last(p, coord, w2);
            }
        } else {
            p->pos = save_pos;
            p->len = save_len;
            /* apposition: X , the state's fiercest foe , */
            if (is(p, p->pos, ",") && np_after_comma(p, p->pos + 1) && !clause_start(p, p->pos + 1)) {
                int32_t ap = mk(p, "NP", -1);
                add(p, ap, np);
                add(p, ap, leaf(p));
                add(p, ap, parse_np(p, NP_PP));
                /* the closing comma: before the verb of a subject, or
                 * when no clause follows */
                int verb_next = is_verb(p, p->pos + 1) ||
                                (is(p, p->pos + 1, "RB") && is_verb(p, p->pos + 2));
                if (is(p, p->pos, ",") &&
                    (ctx == NP_SUBJ ? verb_next : !clause_start(p, p->pos + 1) && !verb_next))
                    add(p, ap, leaf(p));
                np = ap;
            }
        }
    }
    /* a subject's aside between dashes: "Saudi Arabia, Bahrain and the
     * UAE -- three of Qatar's closest neighbours -- severed ...", read as
     * an apposition when the verb follows the closing dash */
    if (ctx == NP_SUBJ && wf(p, p->pos, W_DASH)) {
        int32_t close = -1;
        for (int32_t k = p->pos + 1; k < p->ntok && k < p->pos + 40 && close < 0; k++)
            if (wf(p, k, W_DASH)) close = k;
        if (close > p->pos + 1 &&
            (is_verb(p, close + 1) || (is(p, close + 1, "RB") && is_verb(p, close + 2)))) {
            int32_t ap = mk(p, "NP", -1);
            add(p, ap, np);
            add(p, ap, leaf(p));
            if (np_start(p, p->pos)) add(p, ap, parse_np(p, NP_PP));
            while (p->pos < close) add(p, ap, leaf(p));
            add(p, ap, leaf(p));
            np = ap;
        }
    }
out:
    p->depth--;
    return np;
}

static int32_t parse_pp(ent_parser *p, int ctx) {
    int32_t pp = mk(p, "PP", -1);
    add(p, pp, leaf(p));
    /* "of shelling Armenian border towns", "for arming the rebels": a
     * participle before a determiner, a name, a number or an adjective is
     * a gerund clause; before a bare noun it modifies it ("of rising
     * prices") */
    int gerund = is(p, p->pos, "VBG") &&
                 (is(p, p->pos + 1, "DT") || is(p, p->pos + 1, "PRP$") || is(p, p->pos + 1, "CD") ||
                  is(p, p->pos + 1, "NNP") || is(p, p->pos + 1, "NNPS") || is(p, p->pos + 1, "JJ") ||
                  wf(p, p->pos - 1, W_BY) ||   /* "by launching missiles": a means */
                  /* "of killing civilians", "of detaining hundreds of
                   * protesters": a bare noun is the object unless the
                   * participle is one mostly used as an adjective */
                  ((is(p, p->pos + 1, "NNS") || is(p, p->pos + 1, "NN")) && !wf(p, p->pos, W_ADJING)));
    if (np_start(p, p->pos) && !gerund) add(p, pp, parse_np(p, ctx == NP_SUBJ ? NP_SUBJ : NP_PP));
    else if (is(p, p->pos, "VBG")) {
        int32_t s = mk(p, "S", -1);
        add(p, s, parse_vp(p));
        add(p, pp, s);
    }
    return pp;
}

/* ---- Verb phrases ---------------------------------------------------------------- */

static int takes_bare_clause(const ent_parser *p, int32_t i) { return wf(p, i, W_BARE); }

static int is_aux_word(const ent_parser *p, int32_t i) { return wf(p, i, W_AUX); }

/* Complements of the verb just read, into vp. */
static void parse_complements(ent_parser *p, int32_t vp, int32_t verb) {
    for (int guard = 0; p->pos < p->ntok && guard < 256; guard++) {
        int32_t i = p->pos;
        if (is(p, i, ".") || is(p, i, ":")) return;
        if (is(p, i, ",")) {
            /* ", it seems ,": a parenthetical inside the phrase */
            if ((is(p, i + 1, "PRP") || is(p, i + 1, "NNP")) && is_verb(p, i + 2) &&
                is(p, i + 3, ",")) {
                int32_t prn = mk(p, "PRN", -1);
                for (int k = 0; k < 3; k++) add(p, prn, leaf(p));
                add(p, vp, prn);
                continue;
            }
            /* ", X said ." and ", and" end the phrase; a comma before a
             * participle or a subordinate clause ("..., almost five years
             * after ...") continues it */
            int32_t k = i + 1;
            while (k < p->ntok && k < i + 5 && (is(p, k, "RB") || is(p, k, "CD") || is_noun(p, k) ||
                                                 is(p, k, "JJ")))
                k++;
            /* ... except in a relative clause: "protesters who had
             * surrounded the legislature, while Lam refused ..." is the
             * sentence's "while", not the relative clause's */
            if ((subordinator(p, k) || is(p, i + 1, "VBG")) && !p->rel) {
                add(p, vp, leaf(p));
                continue;
            }
            return;
        }
        if (is(p, i, "CC")) return;
        if (is(p, i, "RP")) {
            int32_t prt = mk(p, "PRT", -1);
            add(p, prt, leaf(p));
            add(p, vp, prt);
            continue;
        }
        if (subordinator(p, i) && amount_about(p, i + 1) && !clause_start(p, i + 1)) {
            /* "after nearly five hours of talks": an amount, not a clause */
            add(p, vp, parse_pp(p, NP_OBJ));
            continue;
        }
        if (subordinator(p, i) && (clause_start(p, i + 1) || np_start(p, i + 1))) {
            add(p, vp, parse_sbar(p));
            continue;
        }
        if (is(p, i, "TO") && is_verb(p, i + 1)) {
            int32_t s = mk(p, "S", -1);
            add(p, s, parse_vp(p));
            add(p, vp, s);
            continue;
        }
        if ((is(p, i, "IN") || is(p, i, "TO")) && (np_start(p, i + 1) || is(p, i + 1, "VBG"))) {
            add(p, vp, parse_pp(p, NP_OBJ));
            continue;
        }
        if ((is(p, i, "IN") || is(p, i, "RB")) && wf(p, i, W_ABOUT) && is(p, i + 1, "TO")) {
            /* "is about to restore" */
            int32_t inner = mk(p, "VP", -1);
            add(p, inner, leaf(p));
            int32_t s = mk(p, "S", -1);
            add(p, s, parse_vp(p));
            add(p, inner, s);
            add(p, vp, inner);
            continue;
        }
        if (clause_start(p, i) && takes_bare_clause(p, verb)) {
            /* "said Russia attacked ..." : a complement clause without "that" */
            int32_t sbar = mk(p, "SBAR", -1);
            add(p, sbar, parse_clause(p));
            add(p, vp, sbar);
            continue;
        }
        /* "fired at protesters | blocking main roads": a participle right
         * after a plural noun, not one mostly used as an adjective,
         * begins a clause about that noun, not a noun phrase */
        if (is(p, i, "VBG") && is(p, i - 1, "NNS") && !wf(p, i, W_ADJING) &&
            (is(p, i + 1, "DT") || is(p, i + 1, "JJ") || is_noun(p, i + 1) || is(p, i + 1, "PRP$") ||
             is(p, i + 1, "CD"))) {
            int32_t s = mk(p, "S", -1);
            add(p, s, parse_vp(p));
            add(p, vp, s);
            continue;
        }
        if (np_start(p, i) && !(is(p, i - 1, ",") && !np_after_comma(p, i))) {
            add(p, vp, parse_np(p, NP_OBJ));
            continue;
        }
        if (is(p, i, "RB") || is(p, i, "RBR") || is(p, i, "RBS")) {
            int32_t ad = mk(p, "ADVP", -1);
            add(p, ad, leaf(p));
            add(p, vp, ad);
            continue;
        }
        if (is(p, i, "VBG") || is(p, i, "VBN")) {
            int32_t s = mk(p, "S", -1);
            add(p, s, parse_vp(p));
            add(p, vp, s);
            continue;
        }
        if (is(p, i, "WRB") || is(p, i, "WDT") || is(p, i, "WP")) {
            add(p, vp, parse_sbar(p));
            continue;
        }
        if ((is(p, i, "VB") || is(p, i, "VBP")) && wf(p, verb, W_LET) && p->n[vp].last >= 0 &&
            !strcmp(p->n[p->n[vp].last].label, "NP")) {
            /* "let U.S. forces use the airport": the object does the
             * bare verb, inside the phrase of the one that lets it */
            int32_t s = mk(p, "S", -1);
            add(p, s, parse_vp(p));
            add(p, vp, s);
            continue;
        }
        if (is_verb(p, i)) return;   /* a new verb without a conjunction: stop here */
        add(p, vp, leaf(p));
    }
}

/* A verb group and its complements: one VP per auxiliary, negation and
 * adverbs at the level of the auxiliary they follow. */
static int32_t parse_vp(ent_parser *p) {
    if (p->depth > MAX_DEPTH) return leaf(p);
    p->depth++;
    int32_t vp = mk(p, "VP", -1), head = -1;
    /* leading "to" of an infinitive */
    if (is(p, p->pos, "TO")) add(p, vp, leaf(p));
    while (p->pos < p->ntok && (is(p, p->pos, "RB") || is(p, p->pos, "ADVP"))) add(p, vp, leaf(p));
    if (p->pos < p->ntok && is_verb(p, p->pos)) {
        int32_t v = p->pos;
        head = v;
        add(p, vp, leaf(p));
        /* two content verbs in a row are one verb ("wire tap"); an
         * auxiliary before a verb is handled below */
        if (!is(p, v, "MD") && !is_aux_word(p, v) && p->pos < p->ntok && is_verb(p, p->pos) &&
            !is(p, p->pos, "MD") && !is_aux_word(p, p->pos)) {
            v = p->pos;
            add(p, vp, leaf(p));
        }
        /* an auxiliary followed (perhaps after adverbs) by a verb: nest */
        int32_t k = p->pos;
        while (k < p->ntok && (is(p, k, "RB") || is(p, k, "RBR"))) k++;
        int aux = is(p, v, "MD") || (is_aux_word(p, v) && k < p->ntok && is_verb(p, k) &&
                                     !is(p, k, "MD"));
        if (aux && k < p->ntok && (is_verb(p, k) || is(p, k, "TO"))) {
            while (p->pos < k) add(p, vp, leaf(p));   /* not, never, also */
            add(p, vp, parse_vp(p));
            goto coord;
        }
        parse_complements(p, vp, v);
    }
coord:
    /* coordinated verb phrases: "condemned ... and promised ..."; a past
     * or present verb after a gerund's phrase ("accused Syria of shooting
     * down a jet and said ...") is the clause's, not the gerund's */
    int32_t next = is(p, p->pos + 1, "RB") ? p->pos + 2 : p->pos + 1;
    if (is(p, p->pos, "CC") && is_verb(p, next) &&
        !(head >= 0 && is(p, head, "VBG") && (is(p, next, "VBD") || is(p, next, "VBZ")))) {
        int32_t c = mk(p, "VP", -1);
        add(p, c, vp);
        add(p, c, leaf(p));
        add(p, c, parse_vp(p));
        vp = c;
    }
    p->depth--;
    return vp;
}

/* "that/after/because ..." + clause */
static int32_t parse_sbar(ent_parser *p) {
    int32_t sbar = mk(p, "SBAR", -1);
    if (is(p, p->pos, "WRB") || is(p, p->pos, "WDT") || is(p, p->pos, "WP")) {
        int32_t wh = mk(p, is(p, p->pos, "WRB") ? "WHADVP" : "WHNP", -1);
        add(p, wh, leaf(p));
        add(p, sbar, wh);
    } else {
        add(p, sbar, leaf(p));
    }
    if (p->pos < p->ntok && (np_start(p, p->pos) || is_verb(p, p->pos)))
        add(p, sbar, parse_clause(p));
    return sbar;
}

/* ---- Clauses ---------------------------------------------------------------------- */

/* [fronted PP/ADVP/SBAR ,]* subject VP, or a subjectless VP. */
static int32_t parse_clause(ent_parser *p) {
    if (p->depth > MAX_DEPTH) return leaf(p);
    p->depth++;
    int32_t s = mk(p, "S", -1);
    for (int guard = 0; p->pos < p->ntok && guard < 8; guard++) {
        int32_t i = p->pos;
        if (subordinator(p, i) && !wf(p, i, W_THAT)) {
            add(p, s, parse_sbar(p));
        } else if ((is(p, i, "IN") || is(p, i, "TO")) && np_start(p, i + 1)) {
            add(p, s, parse_pp(p, NP_PP));
        } else if (is(p, i, "RB") && !is_verb(p, i + 1)) {
            int32_t ad = mk(p, "ADVP", -1);
            add(p, ad, leaf(p));
            add(p, s, ad);
        } else if (is(p, i, "CC") && i == 0) {
            add(p, s, leaf(p));
        } else {
            break;
        }
        if (is(p, p->pos, ",")) add(p, s, leaf(p));
    }
    if (np_start(p, p->pos)) {
        int32_t subj = parse_np(p, NP_SUBJ);
        if (participial_aside(p, p->pos)) {
            /* "Lavrov, speaking after talks in Ankara, accused ...": the
             * participle describes the subject; the verb after it is the
             * subject's */
            subj = wrap(p, "NP", subj);
            add(p, subj, leaf(p));
            int32_t ps = mk(p, "S", -1);
            add(p, ps, parse_vp(p));
            add(p, subj, ps);
            if (is(p, p->pos, ",")) add(p, subj, leaf(p));
        }
        add(p, s, subj);
        /* "Arnor on Thursday signed": a time phrase between subject and verb */
        while (is(p, p->pos, "IN") && np_start(p, p->pos + 1) && !subordinator(p, p->pos))
            add(p, s, parse_pp(p, NP_PP));
        if (p->pos < p->ntok && (is_verb(p, p->pos) || is(p, p->pos, "RB")))
            add(p, s, parse_vp(p));
    } else if (p->pos < p->ntok && (is_verb(p, p->pos) || is(p, p->pos, "TO"))) {
        add(p, s, parse_vp(p));
    }
    p->depth--;
    return s;
}

/* The sentence: clauses joined by conjunctions and commas; reported
 * speech tails ", officials said"; the final punctuation. */
static int32_t parse_sentence(ent_parser *p) {
    int32_t root = mk(p, "ROOT", -1);
    int32_t top = mk(p, "S", -1);
    int32_t items = mk(p, "LIST", -1);   /* holder: the sentence's parts in order */
    add(p, root, top);
    int clauses = 0;
    for (int guard = 0; p->pos < p->ntok && guard < 4 * p->ntok + 8; guard++) {
        int32_t i = p->pos, before = p->pos;
        if (is(p, i, ".") && i == p->ntok - 1) break;
        if (is(p, i, ",") || is(p, i, ":") || is(p, i, "CC")) {
            add(p, items, leaf(p));
            continue;
        }
        if (np_start(p, i) || is_verb(p, i) || subordinator(p, i) || is(p, i, "IN") ||
            is(p, i, "RB") || is(p, i, "TO")) {
            add(p, items, parse_clause(p));
            clauses++;
        }
        if (p->pos == before) add(p, items, leaf(p));
    }
    int32_t first = p->n[items].first;
    if (clauses == 1 && first >= 0 && p->n[first].next < 0 && !strcmp(p->n[first].label, "S")) {
        /* one clause: it is the sentence */
        p->n[top].first = p->n[first].first;
        p->n[top].last = p->n[first].last;
    } else {
        /* several parts: children of the top S; a last "NP VP" after a comma
         * is flattened into it, as Treebank writes reported speech:
         * (S (S ...) , (NP officials) (VP said) .) */
        int32_t it = first;
        while (it >= 0) {
            int32_t next = p->n[it].next;
            int32_t a = p->n[it].first, b = a >= 0 ? p->n[a].next : -1;
            if (next < 0 && it != first && !strcmp(p->n[it].label, "S") && a >= 0 &&
                !strcmp(p->n[a].label, "NP") && b >= 0 && !strcmp(p->n[b].label, "VP") &&
                p->n[b].next < 0) {
                add(p, top, a);
                add(p, top, b);
            } else {
                add(p, top, it);
            }
            it = next;
        }
    }
    while (p->pos < p->ntok) add(p, top, leaf(p));
    return root;
}

/* ---- Output --------------------------------------------------------------------- */

/* Length of a tag or a node label: at most 7 bytes before its NUL. */
static inline size_t label_len(const char *s) {
    size_t k = 0;
    while (k < 7 && s[k]) k++;
    return k;
}

static int emit(ent_parser *p, int32_t x, int32_t parent, int depth) {
    const pn *n = &p->n[x];
    if (n->tok >= 0) {
        int32_t i = n->tok;
        return ent_tree_add_token(p->t, p->tg[i], label_len(p->tg[i]), p->w[i], strlen(p->w[i]), parent,
                                  p->tb ? p->tb[i] : -1, p->te ? p->te[i] : -1) < 0
                   ? -1
                   : 0;
    }
    if (n->first < 0) return 0;   /* empty phrase: left out */
    int32_t me = parent;
    if (depth < 400) {
        me = ent_tree_add_node(p->t, n->label, label_len(n->label), parent);
        if (me < 0) return -1;
    }
    for (int32_t c = n->first; c >= 0; c = p->n[c].next)
        if (emit(p, c, me, depth + 1) < 0) return -1;
    return 0;
}

static const struct {
    const char *word;
    uint32_t flags;
} word_classes[] = {
    {"that", W_SUB | W_THAT}, {"whether", W_SUB}, {"if", W_SUB}, {"because", W_SUB},
    {"after", W_SUB}, {"before", W_SUB}, {"while", W_SUB}, {"when", W_SUB},
    {"although", W_SUB}, {"though", W_SUB}, {"since", W_SUB}, {"until", W_SUB},
    {"unless", W_SUB}, {"as", W_SUB}, {"once", W_SUB}, {"where", W_SUB},
    {"of", W_OF}, {"about", W_ABOUT | W_APPROX}, {"around", W_APPROX}, {"nearly", W_APPROX},
    {"almost", W_APPROX}, {"roughly", W_APPROX}, {"approximately", W_APPROX}, {"some", W_APPROX}, {"the", W_THE}, {"by", W_BY}, {"with", W_WITH}, {"than", W_THAN},
    {"be", W_AUX}, {"is", W_AUX}, {"are", W_AUX}, {"was", W_AUX}, {"were", W_AUX},
    {"been", W_AUX}, {"being", W_AUX}, {"am", W_AUX}, {"'s", W_AUX}, {"'re", W_AUX},
    {"'m", W_AUX}, {"have", W_AUX}, {"has", W_AUX}, {"had", W_AUX}, {"having", W_AUX},
    {"'ve", W_AUX}, {"'d", W_AUX}, {"do", W_AUX}, {"does", W_AUX}, {"did", W_AUX},
    {"get", W_AUX}, {"got", W_AUX},
    {"let", W_LET}, {"lets", W_LET}, {"letting", W_LET}, {"make", W_LET}, {"makes", W_LET},
    {"made", W_LET}, {"making", W_LET},
    {"say", W_BARE}, {"says", W_BARE}, {"said", W_BARE}, {"saying", W_BARE},
    {"believe", W_BARE}, {"believes", W_BARE}, {"believed", W_BARE}, {"think", W_BARE},
    {"thinks", W_BARE}, {"thought", W_BARE}, {"claim", W_BARE}, {"claims", W_BARE},
    {"claimed", W_BARE}, {"warn", W_BARE}, {"warns", W_BARE}, {"warned", W_BARE},
    {"deny", W_BARE}, {"denies", W_BARE}, {"denied", W_BARE}, {"insist", W_BARE},
    {"insists", W_BARE}, {"insisted", W_BARE}, {"report", W_BARE}, {"reports", W_BARE},
    {"reported", W_BARE}, {"add", W_BARE}, {"adds", W_BARE}, {"added", W_BARE},
    {"state", W_BARE}, {"states", W_BARE}, {"stated", W_BARE}, {"argue", W_BARE},
    {"argues", W_BARE}, {"argued", W_BARE}, {"confirm", W_BARE}, {"confirms", W_BARE},
    {"confirmed", W_BARE}, {"fear", W_BARE}, {"fears", W_BARE}, {"feared", W_BARE},
    {"hope", W_BARE}, {"hopes", W_BARE}, {"hoped", W_BARE}, {"note", W_BARE},
    {"notes", W_BARE}, {"noted", W_BARE}, {"acknowledge", W_BARE}, {"acknowledged", W_BARE},
    {"admit", W_BARE}, {"admits", W_BARE}, {"admitted", W_BARE}, {"allege", W_BARE},
    {"alleged", W_BARE}, {"announce", W_BARE}, {"announced", W_BARE}, {"announces", W_BARE},
    {"tell", W_BARE}, {"tells", W_BARE}, {"told", W_BARE}, {"know", W_BARE}, {"knew", W_BARE},
    {"suggest", W_BARE}, {"suggested", W_BARE}, {"expect", W_BARE}, {"expects", W_BARE},
    {"expected", W_BARE}, {"--", W_DASH}, {"\xe2\x80\x94", W_DASH}, {"\xe2\x80\x93", W_DASH},
    {"monday", W_DAY}, {"tuesday", W_DAY}, {"wednesday", W_DAY}, {"thursday", W_DAY},
    {"friday", W_DAY}, {"saturday", W_DAY}, {"sunday", W_DAY}, {"yesterday", W_DAY},
    {"today", W_DAY}, {"tonight", W_DAY}, {"overnight", W_DAY}, {"rising", W_ADJING},
    {"growing", W_ADJING}, {"falling", W_ADJING}, {"increasing", W_ADJING}, {"mounting", W_ADJING},
    {"ongoing", W_ADJING}, {"continuing", W_ADJING}, {"existing", W_ADJING},
    {"remaining", W_ADJING}, {"leading", W_ADJING}, {"emerging", W_ADJING},
    {"developing", W_ADJING}, {"declining", W_ADJING}, {"worsening", W_ADJING},
    {"deepening", W_ADJING}, {"widening", W_ADJING}, {"escalating", W_ADJING},
    {"lingering", W_ADJING}, {"outstanding", W_ADJING}, {"neighbouring", W_ADJING},
    {"neighboring", W_ADJING}, {"surrounding", W_ADJING}, {"ruling", W_ADJING},
    {"governing", W_ADJING}, {"opposing", W_ADJING}, {"warring", W_ADJING}, {"competing", W_ADJING},
    {"conflicting", W_ADJING}, {"striking", W_ADJING}, {"protesting", W_ADJING},
    {"fleeing", W_ADJING}, {"missing", W_ADJING}, {"visiting", W_ADJING}, {"outgoing", W_ADJING},
    {"incoming", W_ADJING}, {"upcoming", W_ADJING}, {"coming", W_ADJING}, {"following", W_ADJING},
    {"pending", W_ADJING}, {"underlying", W_ADJING}, {"soaring", W_ADJING}, {"sweeping", W_ADJING},
    {"booming", W_ADJING}, {"failing", W_ADJING}, {"dying", W_ADJING}, {"living", W_ADJING},
    {"working", W_ADJING}, {"founding", W_ADJING}, {"participating", W_ADJING},
    {"dwindling", W_ADJING}, {"shrinking", W_ADJING}, {"spiralling", W_ADJING},
    {"spiraling", W_ADJING}, {"crippling", W_ADJING}, {"devastating", W_ADJING},
    {"lasting", W_ADJING}, {"humiliating", W_ADJING}, {"damning", W_ADJING}, {"alarming", W_ADJING},
    {"disturbing", W_ADJING}, {"encouraging", W_ADJING}, {"promising", W_ADJING},
    {"staggering", W_ADJING}, {"sprawling", W_ADJING}, {"bustling", W_ADJING},
    {"thriving", W_ADJING}, {"fledgling", W_ADJING}, {"ailing", W_ADJING}, {"aging", W_ADJING},
    {"ageing", W_ADJING}, {"evolving", W_ADJING}, {"prevailing", W_ADJING}, {"presiding", W_ADJING},
    {"reigning", W_ADJING}, {"sitting", W_ADJING}, {"serving", W_ADJING}, {"retiring", W_ADJING},
    {"departing", W_ADJING}, {"dissenting", W_ADJING},
    {"blames", W_BLAME}, {"blamed", W_BLAME}, {"blame", W_BLAME}, {"accuses", W_BLAME},
    {"accused", W_BLAME}, {"accuse", W_BLAME}, {"suspects", W_BLAME}, {"suspected", W_BLAME},
    {"condemned", W_BLAME}, {"denounced", W_BLAME}, {"branded", W_BLAME},
    {"it", W_SUBJPRN}, {"they", W_SUBJPRN}, {"he", W_SUBJPRN}, {"she", W_SUBJPRN},
    {"we", W_SUBJPRN},
};

/* A word's length and first, second and last bytes hashed to one of 1,024
 * bits.  A word whose bit is clear has no class, so most words are turned
 * away without the map's hash and probe. */
static inline unsigned class_bit(const char *w, size_t n) {
    uint32_t h = (uint32_t)n * 0x9E3779B1u;
    h = (h ^ (unsigned char)w[0]) * 0x85EBCA77u;
    h = (h ^ (unsigned char)w[n > 1]) * 0xC2B2AE3Du;
    h = (h ^ (unsigned char)w[n - 1]) * 0x27D4EB2Fu;
    return h >> 22;
}

ent_parser *ent_parser_new(void) {
    ent_parser *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    if (ent_strmap_init(&p->classes, 256) < 0) {
        free(p);
        return NULL;
    }
    for (size_t i = 0; i < sizeof word_classes / sizeof word_classes[0]; i++) {
        const char *w = word_classes[i].word;
        unsigned bit = class_bit(w, strlen(w));
        p->class_bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
        int32_t old = ent_strmap_get(&p->classes, w, strlen(w));
        if (ent_strmap_put(&p->classes, w, strlen(w), (old < 0 ? 0 : old) | word_classes[i].flags) < 0) {
            ent_parser_free(p);
            return NULL;
        }
    }
    return p;
}

void ent_parser_free(ent_parser *p) {
    if (!p) return;
    free(p->n);
    free(p->t64);
    free(p->wf);
    free(p->cs);
    ent_strmap_free(&p->classes);
    free(p);
}

/* Tag integers and word classes of the sentence's tokens. */
static int classify(ent_parser *p, const char *const *words, const char (*tags)[8], int n) {
    if (n > p->cap_tok) {
        int32_t cap = n + 64;
        uint64_t *t = realloc(p->t64, (size_t)cap * sizeof *t);
        if (!t) return -1;
        p->t64 = t;
        uint32_t *f = realloc(p->wf, (size_t)cap * sizeof *f);
        if (!f) return -1;
        p->wf = f;
        int8_t *c = realloc(p->cs, (size_t)cap);
        if (!c) return -1;
        p->cs = c;
        p->cap_tok = cap;
    }
    memset(p->cs, -1, (size_t)n);
    for (int i = 0; i < n; i++) {
        p->t64[i] = pack(tags[i]);
        char low[16];
        size_t k = 0;
        const char *w = words[i] ? words[i] : "";
        for (; w[k] && k < sizeof low; k++) low[k] = (char)((w[k] >= 'A' && w[k] <= 'Z') ? w[k] + 32 : w[k]);
        unsigned bit = k ? class_bit(low, k) : 0;
        int32_t f = k && k < sizeof low && (p->class_bits[bit >> 6] >> (bit & 63) & 1)
                        ? ent_strmap_get(&p->classes, low, k)
                        : -1;
        p->wf[i] = (uint32_t)(f < 0 ? 0 : f);
    }
    return 0;
}

int ent_parse(ent_parser *p, ent_tree *t, const char *const *words, const char (*tags)[8],
              const int32_t *begin, const int32_t *end, int n) {
    ent_tree_reset(t);
    p->len = 0;
    p->w = words;
    p->tg = tags;
    p->ntok = n;
    p->pos = 0;
    p->depth = 0;
    p->rel = 0;
    p->t = t;
    p->tb = begin;
    p->te = end;
    if (n <= 0) return 0;
    if (classify(p, words, tags, n) < 0) return -1;
    int32_t root = parse_sentence(p);
    if (root < 0 || p->len == 0) return -1;
    if (emit(p, root, -1, 0) < 0) return -1;
    ent_tree_finish(t);
    return 0;
}
