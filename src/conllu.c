/* conllu.c -- CoNLL-U dependency blocks into the constituency-shaped tree.
 *
 * The coder reads Penn Treebank shapes (a clause is S = NP VP, objects sit
 * in the VP, prepositional phrases are PP = IN NP), so a dependency parse
 * is converted into the tree a Treebank parser would have produced for the
 * same words.  The work is three passes over the tokens:
 *
 *   1. split and check the lines (columns, IDs, HEADs, cycles, one root);
 *   2. give each token a Penn tag from UPOS, the form and its dependents
 *      (a VERB after a `have` auxiliary is VBN, "'s" as case is POS, ...);
 *   3. project each head into phrases by its category and its relation:
 *      verbs into S / SBAR / VP, nominals into NP or PP, adjectives into
 *      ADJP, adverbs into ADVP.  Dependents are visited in word order, so a
 *      projective tree yields its words in sentence order; a non-projective
 *      one still yields every word exactly once.
 *
 * Simple modifiers (det, amod, compound, nummod, ...) whose subtrees hold
 * only more of the same are flattened into the NP as preterminals, as the
 * Treebank does: (NP (DT the) (JJ joint) (NN transport) (NN committee)).
 *
 * Fields point into the caller's text and per-token state lives in one
 * allocation per sentence; recursion is bounded by a depth check.
 */
#include "conllu.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Phrase projection may stack four nodes per dependency level, so this
 * keeps both the recursion here and the tree walks downstream shallow. */
#define MAX_DEP_DEPTH 120

typedef struct span {
    const char *p;
    size_t n;
} span;

typedef struct tok {
    span form, upos, xpos, feats, rel;
    int head; /* 0 = root */
    long line;
    char tag[8];
    int first_child; /* index into kids[]; children in word order */
    int n_kids;
    int depth;
    unsigned char done; /* already placed in the tree */
    unsigned char flat; /* subtree is simple modifiers only: flatten in NP */
    unsigned char pred; /* predicate of the nominal it hangs from (see find_predicates) */
} tok;

typedef struct conv {
    ent_tree *t;
    ent_diags *d;
    const char *where;
    tok *k; /* 1-based; k[0] unused */
    int n;
    int *kids;
    int quote_open;
} conv;

/* ---- small string helpers ------------------------------------------------ */

static int span_is(span s, const char *w) {
    size_t n = strlen(w);
    return s.n == n && memcmp(s.p, w, n) == 0;
}

static int span_ieq(span s, const char *w) {
    size_t n = strlen(w);
    if (s.n != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s.p[i]) != w[i]) return 0;
    return 1;
}

static int span_in(span s, const char *const *list) {
    for (; *list; list++)
        if (span_ieq(s, *list)) return 1;
    return 0;
}

static int span_in_exact(span s, const char *const *list) {
    for (; *list; list++)
        if (span_is(s, *list)) return 1;
    return 0;
}

static int span_iends(span s, const char *suf) {
    size_t n = strlen(suf);
    if (s.n < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s.p[s.n - n + i]) != suf[i]) return 0;
    return 1;
}

/* Relation without its subtype: "nmod:poss" -> "nmod". */
static int rel_is(const tok *t, const char *base) {
    size_t n = strlen(base);
    return t->rel.n >= n && memcmp(t->rel.p, base, n) == 0 && (t->rel.n == n || t->rel.p[n] == ':');
}

static int feat_has(const tok *t, const char *kv) {
    size_t n = strlen(kv);
    const char *p = t->feats.p, *e = p + t->feats.n;
    while (p < e) {
        const char *q = memchr(p, '|', (size_t)(e - p));
        if (!q) q = e;
        if ((size_t)(q - p) == n && memcmp(p, kv, n) == 0) return 1;
        p = q + 1;
    }
    return 0;
}

/* ---- pass 2: Penn tags --------------------------------------------------- */

static const char *const penn_tags[] = {
    "CC",  "CD",   "DT",    "EX",    "FW",  "IN",   "JJ",   "JJR", "JJS", "LS",  "MD",  "NN", "NNS",
    "NNP", "NNPS", "PDT",   "POS",   "PRP", "PRP$", "RB",   "RBR", "RBS", "RP",  "SYM", "TO", "UH",
    "VB",  "VBD",  "VBG",   "VBN",   "VBP", "VBZ",  "WDT",  "WP",  "WP$", "WRB", ",",   ".",  ":",
    "``",  "''",   "-LRB-", "-RRB-", "$",   "#",    "HYPH", "NFP", "ADD", "AFX", "GW",  "XX", NULL};

static const char *const modals[] = {"will",  "would", "shall", "should", "can",
                                     "could", "may",   "might", "must",   "wo",
                                     "ca",    "'ll",   "'d",    "ought",  NULL};
static const char *const have_forms[] = {"have", "has", "had", "having", "'ve", NULL};
static const char *const be_forms[] = {"be",   "is",    "are", "am",  "was", "were",
                                       "been", "being", "'s",  "'re", "'m",  NULL};
static const char *const do_forms[] = {"do", "does", "did", NULL};
static const char *const past_irregular[] = {
    "said",   "met",    "left",     "took",    "gave",     "made",      "went",   "came",
    "told",   "held",   "sent",     "began",   "fought",   "led",       "won",    "lost",
    "struck", "shot",   "brought",  "thought", "saw",      "found",     "kept",   "paid",
    "rose",   "fell",   "spoke",    "wrote",   "broke",    "chose",     "drove",  "flew",
    "grew",   "knew",   "threw",    "stole",   "sought",   "bought",    "taught", "caught",
    "stood",  "meant",  "felt",     "built",   "spent",    "dealt",     "became", "ran",
    "sat",    "swore",  "tore",     "wore",    "got",      "heard",     "fled",   "hid",
    "bore",   "seized", "withdrew", "forbade", "overtook", "undertook", "shook",  "slew",
    "sank",   "froze",  "woke",     "drew",    NULL};
static const char *const participle_irregular[] = {
    "taken",      "given",  "done",   "gone",      "seen",   "known", "shown",     "spoken",
    "written",    "broken", "chosen", "driven",    "flown",  "grown", "thrown",    "stolen",
    "beaten",     "eaten",  "fallen", "forgotten", "hidden", "risen", "sworn",     "torn",
    "worn",       "born",   "borne",  "been",      "begun",  "drawn", "withdrawn", "overtaken",
    "undertaken", "shaken", "slain",  "sunk",      "frozen", "woken", "forbidden", NULL};

static void set_tag(tok *t, const char *tag) {
    size_t n = strlen(tag);
    if (n >= sizeof t->tag) n = sizeof t->tag - 1;
    memcpy(t->tag, tag, n);
    t->tag[n] = '\0';
}

static int is_verbal_upos(const tok *t) {
    return span_is(t->upos, "VERB") || span_is(t->upos, "AUX");
}

static int is_aux_rel(const tok *t) {
    return rel_is(t, "aux") || rel_is(t, "auxpass") || rel_is(t, "cop");
}

static int is_to_marker(const tok *t) {
    return span_ieq(t->form, "to") && (rel_is(t, "mark") || rel_is(t, "aux")) &&
           !span_is(t->upos, "ADP");
}

/* The auxiliary (or infinitival "to") nearest before token i in its verb
 * group: for a main verb among its own dependents, for an auxiliary among
 * its siblings.  Returns 0 when there is none. */
static int prev_aux(const conv *c, int i) {
    const tok *t = &c->k[i];
    int owner = is_aux_rel(t) ? t->head : i;
    if (owner <= 0) return 0;
    const tok *o = &c->k[owner];
    int best = 0;
    for (int j = 0; j < o->n_kids; j++) {
        int d = c->kids[o->first_child + j];
        if (d >= i) break;
        if (is_aux_rel(&c->k[d]) || is_to_marker(&c->k[d])) best = d;
    }
    return best;
}

static const char *verb_tag(const conv *c, int i) {
    const tok *t = &c->k[i];
    span f = t->form;
    if (span_in(f, modals)) return "MD";
    if (t->feats.n > 1) {
        if (feat_has(t, "VerbForm=Inf")) return "VB";
        if (feat_has(t, "VerbForm=Ger")) return "VBG";
        if (feat_has(t, "VerbForm=Part")) return feat_has(t, "Tense=Pres") ? "VBG" : "VBN";
        if (feat_has(t, "Tense=Past")) return "VBD";
        if (feat_has(t, "Tense=Pres"))
            return feat_has(t, "Person=3") && feat_has(t, "Number=Sing") ? "VBZ" : "VBP";
    }
    int a = prev_aux(c, i);
    if (a) {
        span af = c->k[a].form;
        if (span_in(af, modals) || span_in(af, do_forms) || span_ieq(af, "to")) return "VB";
        if (span_in(af, have_forms)) return "VBN";
        if (span_in(af, be_forms)) return span_iends(f, "ing") ? "VBG" : "VBN";
    }
    if (span_ieq(f, "is") || span_ieq(f, "has") || span_ieq(f, "does") || span_ieq(f, "'s"))
        return "VBZ";
    if (span_ieq(f, "are") || span_ieq(f, "am") || span_ieq(f, "have") || span_ieq(f, "do") ||
        span_ieq(f, "'re") || span_ieq(f, "'m") || span_ieq(f, "'ve"))
        return "VBP";
    if (span_ieq(f, "was") || span_ieq(f, "were") || span_ieq(f, "had") || span_ieq(f, "did"))
        return "VBD";
    if (span_ieq(f, "be")) return "VB";
    if (span_ieq(f, "being")) return "VBG";
    if (span_in(f, participle_irregular)) return "VBN";
    if (span_iends(f, "ing") && f.n > 4) return "VBG";
    if (span_iends(f, "ed") || span_in(f, past_irregular))
        return (rel_is(t, "acl") && !t->pred) || rel_is(t, "amod") ? "VBN" : "VBD";
    if (span_iends(f, "s") && !span_iends(f, "ss") && f.n > 2) return "VBZ";
    return "VBP";
}

static int looks_plural(span f) {
    return f.n > 3 && span_iends(f, "s") && !span_iends(f, "ss") && !span_iends(f, "us") &&
           !span_iends(f, "is") && !span_iends(f, "'s");
}

static const char *punct_tag(conv *c, const tok *t) {
    static const char *const colon[] = {
        ":", ";", "-", "--", "...", "\xe2\x80\xa6", "\xe2\x80\x94", "\xe2\x80\x93", NULL};
    span f = t->form;
    if (span_is(f, ",")) return ",";
    if (span_is(f, ".") || span_is(f, "?") || span_is(f, "!")) return ".";
    if (span_in(f, colon)) return ":";
    if (span_is(f, "(") || span_is(f, "[") || span_is(f, "{") || span_is(f, "-LRB-"))
        return "-LRB-";
    if (span_is(f, ")") || span_is(f, "]") || span_is(f, "}") || span_is(f, "-RRB-"))
        return "-RRB-";
    if (span_is(f, "``") || span_is(f, "\xe2\x80\x9c")) return "``";
    if (span_is(f, "''") || span_is(f, "'") || span_is(f, "\xe2\x80\x9d")) return "''";
    if (span_is(f, "\"")) {
        c->quote_open = !c->quote_open;
        return c->quote_open ? "``" : "''";
    }
    if (span_is(f, "$")) return "$";
    if (span_is(f, "#")) return "#";
    return ":";
}

static void assign_tag(conv *c, int i) {
    tok *t = &c->k[i];
    span u = t->upos, f = t->form;
    if (span_in_exact(t->xpos, penn_tags)) {
        set_tag(t, "");
        memcpy(t->tag, t->xpos.p, t->xpos.n < sizeof t->tag ? t->xpos.n : sizeof t->tag - 1);
        if (span_is(u, "PUNCT") && span_is(f, "\"")) c->quote_open = !c->quote_open;
        return;
    }
    static const char *const poss_pron[] = {"my",  "your",  "his", "its",
                                            "our", "their", "thy", NULL};
    static const char *const wh_pron[] = {"who",     "whom",     "what", "which",
                                          "whoever", "whatever", NULL};
    static const char *const wh_adv[] = {"when",     "where",    "why", "how",
                                         "whenever", "wherever", NULL};
    const char *tag;
    if (is_verbal_upos(t)) tag = verb_tag(c, i);
    else if (span_is(u, "NOUN"))
        tag = feat_has(t, "Number=Plur") || (t->feats.n <= 1 && looks_plural(f)) ? "NNS" : "NN";
    else if (span_is(u, "PROPN")) tag = feat_has(t, "Number=Plur") ? "NNPS" : "NNP";
    else if (span_is(u, "PRON")) {
        if (span_in(f, poss_pron) || feat_has(t, "Poss=Yes") ||
            (span_ieq(f, "her") && rel_is(t, "nmod")))
            tag = "PRP$";
        else if (span_ieq(f, "whose")) tag = "WP$";
        else if (span_in(f, wh_pron)) tag = "WP";
        else if (span_ieq(f, "there") && rel_is(t, "expl")) tag = "EX";
        else tag = "PRP";
    } else if (span_is(u, "DET")) {
        if (span_ieq(f, "which") || span_ieq(f, "what") || span_ieq(f, "whatever")) tag = "WDT";
        else if (rel_is(t, "det") && t->rel.n > 4) /* det:predet */ tag = "PDT";
        else tag = "DT";
    } else if (span_is(u, "ADP")) tag = span_ieq(f, "to") ? "TO" : "IN";
    else if (span_is(u, "PART")) {
        if (span_is(f, "'s") || span_is(f, "'") || span_is(f, "\xe2\x80\x99s")) tag = "POS";
        else if (span_ieq(f, "not") || span_ieq(f, "n't")) tag = "RB";
        else if (span_ieq(f, "to")) tag = "TO";
        else tag = "RP";
    } else if (span_is(u, "CCONJ") || span_is(u, "CONJ")) tag = "CC";
    else if (span_is(u, "SCONJ")) tag = "IN";
    else if (span_is(u, "ADJ"))
        tag = feat_has(t, "Degree=Cmp") ? "JJR" : feat_has(t, "Degree=Sup") ? "JJS" : "JJ";
    else if (span_is(u, "ADV")) tag = span_in(f, wh_adv) ? "WRB" : "RB";
    else if (span_is(u, "NUM")) tag = "CD";
    else if (span_is(u, "PUNCT")) tag = punct_tag(c, t);
    else if (span_is(u, "INTJ")) tag = "UH";
    else if (span_is(u, "SYM")) tag = span_is(f, "$") ? "$" : "SYM";
    else tag = "FW";
    set_tag(t, tag);
}

/* ---- pass 3: phrases ----------------------------------------------------- */

enum cat { CAT_OTHER, CAT_VERB, CAT_NOUN, CAT_ADJ, CAT_ADV };

static int kid(const conv *c, int h, int j) { return c->kids[c->k[h].first_child + j]; }

static int has_kid_rel(const conv *c, int h, const char *rel) {
    for (int j = 0; j < c->k[h].n_kids; j++)
        if (rel_is(&c->k[kid(c, h, j)], rel)) return kid(c, h, j);
    return 0;
}

static int is_subject(const tok *t) {
    return rel_is(t, "nsubj") || rel_is(t, "nsubjpass") || rel_is(t, "csubj") ||
           rel_is(t, "csubjpass") || rel_is(t, "expl");
}

static int category(const conv *c, int h) {
    const tok *t = &c->k[h];
    span u = t->upos;
    if (has_kid_rel(c, h, "cop")) return CAT_VERB;
    if (is_verbal_upos(t)) return CAT_VERB;
    if (span_is(u, "NOUN") || span_is(u, "PROPN") || span_is(u, "PRON") || span_is(u, "NUM") ||
        span_is(u, "X") || span_is(u, "SYM"))
        return CAT_NOUN;
    /* An adjective as a subject is used as a noun ("the rich"), or is a
     * name the tagger took for an adjective; the Treebank writes an NP. */
    if (span_is(u, "ADJ")) return rel_is(t, "nsubj") ? CAT_NOUN : CAT_ADJ;
    if (span_is(u, "ADV")) return CAT_ADV;
    if (span_is(u, "DET") && c->k[h].n_kids > 0) return CAT_NOUN;
    return CAT_OTHER;
}

/* `list` between nouns: parsers use it for a run of nouns they could not
 * analyse ("White House security officials" as House -list-> officials);
 * a noun run is one Treebank NP.  Only a noun whose subtree starts right
 * after its head qualifies (see np_internal), so real lists such as
 * "Tel 555 , Fax 556" keep their parts apart. */
static int noun_list(const tok *t) {
    return rel_is(t, "list") && (span_is(t->upos, "NOUN") || span_is(t->upos, "PROPN"));
}

/* Relations whose single-word or all-simple subtrees the Treebank writes
 * flat inside the noun phrase. */
static int flat_rel(const tok *t) {
    return rel_is(t, "det") || rel_is(t, "amod") || rel_is(t, "compound") || rel_is(t, "nummod") ||
           noun_list(t) ||
           rel_is(t, "name") || rel_is(t, "flat") || rel_is(t, "mwe") || rel_is(t, "fixed") ||
           rel_is(t, "goeswith") || rel_is(t, "neg") ||
           (rel_is(t, "advmod") && !is_verbal_upos(t)) ||
           (rel_is(t, "nmod") && t->rel.n == 9 && !memcmp(t->rel.p + 5, "poss", 4) &&
            span_is(t->upos, "PRON"));
}

static int node(conv *c, const char *label, int32_t parent) {
    int32_t r = ent_tree_add_node(c->t, label, strlen(label), parent);
    if (r < 0) ent_diag(c->d, c->where, c->k[1].line, "out of memory");
    return r;
}

/* Producers that cannot write a space inside a FORM join the words of a
 * multiword name with underscores ("Dol_Amroth", "New_York").  The
 * Treebank, and the dictionaries matched word by word, see the words, so
 * a form made only of capitalised parts joined by '_' is written as one
 * preterminal per part, all with the word's tag.  Identifiers such as
 * "snake_case" or "@user_name" do not qualify and stay whole. */
static int name_parts(span f) {
    int parts = 1;
    size_t start = 0;
    for (size_t i = 0; i <= f.n; i++) {
        if (i < f.n && f.p[i] != '_') {
            unsigned char ch = (unsigned char)f.p[i];
            if (!isalnum(ch) && ch != '-' && ch != '\'') return 0;
            continue;
        }
        if (i == start || !isupper((unsigned char)f.p[start])) return 0;
        if (i < f.n) parts++;
        start = i + 1;
    }
    return parts >= 2 ? parts : 0;
}

static int leaf(conv *c, int i, int32_t parent) {
    tok *t = &c->k[i];
    t->done = 1;
    if (name_parts(t->form)) {
        const char *p = t->form.p, *e = p + t->form.n;
        while (p < e) {
            const char *q = memchr(p, '_', (size_t)(e - p));
            if (!q) q = e;
            if (ent_tree_add_token(c->t, t->tag, strlen(t->tag), p, (size_t)(q - p), parent, -1,
                                   -1) < 0) {
                ent_diag(c->d, c->where, t->line, "out of memory");
                return -1;
            }
            p = q + 1;
        }
        return 0;
    }
    if (ent_tree_add_token(c->t, t->tag, strlen(t->tag), t->form.p, t->form.n, parent, -1, -1) <
        0) {
        ent_diag(c->d, c->where, t->line, "out of memory");
        return -1;
    }
    return 0;
}

/* Every token of h's subtree as a preterminal, in word order. */
static int flatten(conv *c, int h, int32_t parent) {
    const tok *t = &c->k[h];
    int j = 0;
    for (; j < t->n_kids && kid(c, h, j) < h; j++)
        if (!c->k[kid(c, h, j)].done && flatten(c, kid(c, h, j), parent) < 0) return -1;
    if (leaf(c, h, parent) < 0) return -1;
    for (; j < t->n_kids; j++)
        if (!c->k[kid(c, h, j)].done && flatten(c, kid(c, h, j), parent) < 0) return -1;
    return 0;
}

static int project(conv *c, int h, int32_t parent);

/* A dependent placed into a phrase: single simple words as preterminals,
 * everything else as its own projection. */
static int place(conv *c, int d, int32_t parent, int in_np) {
    tok *t = &c->k[d];
    if (t->done) return 0;
    if (t->n_kids == 0) {
        if (rel_is(t, "punct") || rel_is(t, "cc") || is_aux_rel(t) || rel_is(t, "neg") ||
            rel_is(t, "mark") || rel_is(t, "case") || rel_is(t, "det") || (in_np && flat_rel(t)) ||
            category(c, d) == CAT_OTHER)
            return leaf(c, d, parent);
        if (rel_is(t, "compound") && t->rel.n > 8) { /* compound:prt */
            int32_t prt = node(c, "PRT", parent);
            return prt < 0 ? -1 : leaf(c, d, prt);
        }
    }
    if (in_np && t->flat) return flatten(c, d, parent);
    return project(c, d, parent);
}

/* Children of h from index j while position < stop (0: no stop), placed in
 * `parent`; the head itself is placed when reached if `with_head`. */
static int place_range(conv *c, int h, int32_t parent, int lo, int hi, int with_head, int in_np) {
    const tok *t = &c->k[h];
    int head_done = !with_head;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d < lo || d > hi) continue;
        if (!head_done && d > h) {
            if (leaf(c, h, parent) < 0) return -1;
            head_done = 1;
        }
        if (place(c, d, parent, in_np) < 0) return -1;
    }
    if (!head_done && h >= lo && h <= hi && leaf(c, h, parent) < 0) return -1;
    return 0;
}

static int project_nominal(conv *c, int h, int32_t parent, const char *label);

/* Coordination of nominals: NP -> NP , NP CC NP, every conjunct its own NP. */
static int nominal_coordination(conv *c, int h, int32_t parent, const char *label) {
    const tok *t = &c->k[h];
    int first_conj = 0;
    for (int j = 0; j < t->n_kids && !first_conj; j++)
        if (kid(c, h, j) > h && rel_is(&c->k[kid(c, h, j)], "conj")) first_conj = kid(c, h, j);
    /* The first conjunct ends before the punctuation / CC that opens the
     * coordination. */
    int cut = first_conj;
    for (int j = t->n_kids - 1; j >= 0; j--) {
        int d = kid(c, h, j);
        if (d >= cut || d < h) continue;
        if (d == cut - 1 && (rel_is(&c->k[d], "cc") || rel_is(&c->k[d], "punct"))) cut = d;
    }
    int32_t outer = node(c, label, parent);
    if (outer < 0) return -1;
    int32_t first = node(c, "NP", outer);
    if (first < 0) return -1;
    /* Everything of h before the cut forms the first conjunct. */
    if (place_range(c, h, first, 0, cut - 1, 1, 1) < 0) return -1;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d < cut || c->k[d].done) continue;
        tok *dt = &c->k[d];
        if (rel_is(dt, "conj")) {
            /* Hoist a conjunct's own leading CC / comma (UD v2 style). */
            for (int m = 0; m < dt->n_kids; m++) {
                int e = kid(c, d, m);
                if (e > d) break;
                tok *et = &c->k[e];
                if ((rel_is(et, "cc") || rel_is(et, "punct")) && et->n_kids == 0 &&
                    leaf(c, e, outer) < 0)
                    return -1;
            }
            if (category(c, d) == CAT_NOUN) {
                if (project_nominal(c, d, outer, "NP") < 0) return -1;
            } else if (place(c, d, outer, 0) < 0) {
                return -1;
            }
        } else if (place(c, d, outer, 0) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Is this dependent written inside the base noun phrase? */
static int np_internal(const conv *c, int h, int d) {
    const tok *t = &c->k[d];
    if (d < h) return 1;
    if (noun_list(t)) {
        /* adjacent noun runs only: the list noun's subtree must begin
         * right after the head */
        int lm = d;
        while (c->k[lm].n_kids > 0 && kid(c, lm, 0) < lm) lm = kid(c, lm, 0);
        return t->flat && lm == h + 1;
    }
    if (rel_is(t, "case") && strcmp(t->tag, "POS") == 0) return 1;
    if (t->n_kids == 0 && (flat_rel(t) || rel_is(t, "det"))) return 1;
    if (t->flat && (rel_is(t, "compound") || rel_is(t, "name") || rel_is(t, "flat") ||
                    rel_is(t, "nummod") || rel_is(t, "amod")))
        return 1;
    return 0;
}

static int project_nominal(conv *c, int h, int32_t parent, const char *label) {
    const tok *t = &c->k[h];
    /* A left `case` (not the possessive) turns the phrase into a PP. */
    int last_case = 0;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > h) break;
        if (!c->k[d].done && rel_is(&c->k[d], "case") && strcmp(c->k[d].tag, "POS") != 0)
            last_case = d;
    }
    if (last_case) {
        int32_t pp = node(c, "PP", parent);
        if (pp < 0) return -1;
        if (place_range(c, h, pp, 0, last_case, 0, 0) < 0) return -1;
        parent = pp;
    }
    if (has_kid_rel(c, h, "conj")) {
        int cj = has_kid_rel(c, h, "conj");
        if (cj > h && !c->k[cj].done) return nominal_coordination(c, h, parent, label);
    }
    int phrasal = 0;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (!c->k[d].done && !np_internal(c, h, d)) phrasal = 1;
    }
    if (!phrasal) {
        int32_t np = node(c, label, parent);
        if (np < 0) return -1;
        return place_range(c, h, np, 0, c->n, 1, 1);
    }
    /* (NP (NP base) (PP ...) (SBAR ...)): the head with its inner modifiers,
     * then the phrasal post-modifiers as siblings. */
    int32_t outer = node(c, label, parent);
    if (outer < 0) return -1;
    int32_t base = node(c, "NP", outer);
    if (base < 0) return -1;
    int j = 0;
    for (; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > h) break;
        if (place(c, d, base, 1) < 0) return -1;
    }
    if (leaf(c, h, base) < 0) return -1;
    int32_t cur = base;
    for (; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (c->k[d].done) continue;
        if (cur == base && np_internal(c, h, d)) {
            if (place(c, d, base, 1) < 0) return -1;
            continue;
        }
        cur = outer;
        if (place(c, d, outer, 0) < 0) return -1;
    }
    return 0;
}

/* Leading case words turn any phrase into PP = IN + phrase. */
static int32_t pp_wrap(conv *c, int h, int32_t parent) {
    const tok *t = &c->k[h];
    int last_case = 0;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > h) break;
        if (!c->k[d].done && rel_is(&c->k[d], "case") && strcmp(c->k[d].tag, "POS") != 0)
            last_case = d;
    }
    if (!last_case) return parent;
    int32_t pp = node(c, "PP", parent);
    if (pp < 0) return -1;
    if (place_range(c, h, pp, 0, last_case, 0, 0) < 0) return -1;
    return pp;
}

static int project_simple(conv *c, int h, int32_t parent, const char *label) {
    parent = pp_wrap(c, h, parent);
    if (parent < 0) return -1;
    int32_t p = node(c, label, parent);
    if (p < 0) return -1;
    return place_range(c, h, p, 0, c->n, 1, 0);
}

/* The non-clausal phrase of a head: the predicate of a copula, or any
 * nominal, adjective or adverb. */
static int project_plain(conv *c, int h, int32_t parent) {
    const tok *t = &c->k[h];
    span u = t->upos;
    if (span_is(u, "ADJ")) return project_simple(c, h, parent, "ADJP");
    if (span_is(u, "ADV")) return project_simple(c, h, parent, "ADVP");
    if (span_is(u, "ADP")) return project_simple(c, h, parent, "PP");
    return project_nominal(c, h, parent, "NP");
}

static int is_clausal_conj(const conv *c, int d) {
    const tok *t = &c->k[d];
    return rel_is(t, "conj") && category(c, d) == CAT_VERB &&
           (has_kid_rel(c, d, "nsubj") || has_kid_rel(c, d, "nsubjpass") ||
            has_kid_rel(c, d, "csubj"));
}

static int is_vp_conj(const conv *c, int d) {
    const tok *t = &c->k[d];
    return rel_is(t, "conj") && category(c, d) == CAT_VERB && !is_clausal_conj(c, d);
}

static int project_clause(conv *c, int h, int32_t parent, int vp_only);

/* The verb group and what follows it, as one VP; verb conjuncts without a
 * subject of their own make VP -> VP CC VP. */
static int build_vp(conv *c, int h, int32_t parent, int vp_start) {
    const tok *t = &c->k[h];
    int32_t vp = node(c, "VP", parent);
    if (vp < 0) return -1;
    int first_conj = 0;
    for (int j = 0; j < t->n_kids && !first_conj; j++) {
        int d = kid(c, h, j);
        if (d > h && !c->k[d].done && is_vp_conj(c, d)) first_conj = d;
    }
    int32_t inner = vp;
    int cut = c->n;
    if (first_conj) {
        inner = node(c, "VP", vp);
        if (inner < 0) return -1;
        cut = first_conj - 1;
        for (int j = t->n_kids - 1; j >= 0; j--) {
            int d = kid(c, h, j);
            if (d == cut && d > h && (rel_is(&c->k[d], "cc") || rel_is(&c->k[d], "punct")))
                cut = d - 1;
        }
    }
    /* The Treebank nests a verb group one VP per auxiliary: "was opposed"
     * is (VP (VBD was) (VP (VBN opposed) ...)), "will not join" is
     * (VP (MD will) (RB not) (VP (VB join))), "to restore" is
     * (VP (TO to) (VP (VB restore))).  The coder reads voice and the verb
     * chain from that nesting.  `pending` says an auxiliary was placed and
     * the next verb word opens the inner VP; adverbs and negation between
     * them stay with the auxiliary, as the Treebank writes them. */
    int32_t cur = inner;
    int pending = 0;
    int cop = has_kid_rel(c, h, "cop");
    if (cop) {
        /* The verb group, then the predicate phrase with the head's own
         * modifiers. */
        for (int j = 0; j < t->n_kids; j++) {
            int d = kid(c, h, j);
            if (d < vp_start || d > h) continue;
            tok *dt = &c->k[d];
            int verbal = (is_aux_rel(dt) || is_to_marker(dt)) && dt->n_kids == 0;
            int group = verbal || rel_is(dt, "neg") || (d < cop && dt->n_kids == 0);
            if (!group || dt->done) continue;
            if (verbal && pending && (cur = node(c, "VP", cur)) < 0) return -1;
            if (place(c, d, cur, 0) < 0) return -1;
            /* the copula's predicate is its sibling, not a deeper VP */
            if (verbal) pending = !rel_is(dt, "cop");
        }
        /* Keep the coordination tail out of the predicate. */
        if (first_conj)
            for (int j = 0; j < t->n_kids; j++) {
                int d = kid(c, h, j);
                if (d > cut && !c->k[d].done) c->k[d].done = 3;
            }
        if (project_plain(c, h, cur) < 0) return -1;
        for (int j = 0; j < t->n_kids; j++)
            if (c->k[kid(c, h, j)].done == 3) c->k[kid(c, h, j)].done = 0;
    } else {
        for (int j = 0; j < t->n_kids; j++) {
            int d = kid(c, h, j);
            if (d < vp_start || d > cut) continue;
            const tok *dt = &c->k[d];
            if (d > h && !c->k[h].done) {
                if (pending && (cur = node(c, "VP", cur)) < 0) return -1;
                pending = 0;
                if (leaf(c, h, cur) < 0) return -1;
            }
            if (d < h && !dt->done && dt->n_kids == 0 && (is_aux_rel(dt) || is_to_marker(dt))) {
                if (pending && (cur = node(c, "VP", cur)) < 0) return -1;
                pending = 1;
            }
            if (place(c, d, cur, 0) < 0) return -1;
        }
        if (!c->k[h].done) {
            if (pending && (cur = node(c, "VP", cur)) < 0) return -1;
            if (leaf(c, h, cur) < 0) return -1;
        }
    }
    if (!first_conj) return 0;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d <= cut || c->k[d].done) continue;
        if (is_vp_conj(c, d)) {
            /* A conjunct's own leading CC / comma belongs between the VPs. */
            const tok *dt = &c->k[d];
            for (int m = 0; m < dt->n_kids; m++) {
                int e = kid(c, d, m);
                if (e > d) break;
                const tok *et = &c->k[e];
                if ((rel_is(et, "cc") || rel_is(et, "punct")) && et->n_kids == 0 && !et->done &&
                    leaf(c, e, vp) < 0)
                    return -1;
            }
            if (project_clause(c, d, vp, 1) < 0) return -1;
        } else if (place(c, d, vp, 0) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A verb (or copular predicate) and its dependents:
 *   [SBAR mark] S -> pre-subject modifiers, subject NP, VP, trailing punct.
 * A conjunct clause with its own subject makes S -> S CC S. */
static int project_clause(conv *c, int h, int32_t parent, int vp_only) {
    tok *t = &c->k[h];
    if (vp_only) return build_vp(c, h, parent, 0);

    int subj_left = 0, subj_right = 0, mark = 0, relcl = 0;
    relcl = rel_is(t, "acl") && t->rel.n > 3; /* acl:relcl */
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        const tok *dt = &c->k[d];
        if (dt->done) continue;
        if (is_subject(dt)) {
            if (d < h) subj_left = d;
            else if (!subj_right) subj_right = d;
        }
        if (d < h && rel_is(dt, "mark") && !is_to_marker(dt) && !subj_left) mark = d;
    }
    if (rel_is(t, "acl") && !relcl && !subj_left && !subj_right && !mark)
        return build_vp(c, h, parent, 0); /* reduced relative: "troops stationed in" */

    int vp_start = h;
    if (subj_left) {
        vp_start = subj_left + 1;
    } else {
        for (int j = 0; j < t->n_kids; j++) {
            int d = kid(c, h, j);
            const tok *dt = &c->k[d];
            if (d < h && !dt->done && d > mark &&
                (is_aux_rel(dt) || rel_is(dt, "neg") || is_to_marker(dt))) {
                vp_start = d;
                break;
            }
        }
    }

    /* Reserve what sits after the VP: a right-hand subject and what follows,
     * a coordinated clause, and the closing punctuation. */
    int tail = c->n + 1;
    if (subj_right) tail = subj_right;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > h && d < tail && !c->k[d].done && is_clausal_conj(c, d)) {
            tail = d;
            for (int m = j - 1; m >= 0; m--) {
                int e = kid(c, h, m);
                if (e == tail - 1 && e > h && (rel_is(&c->k[e], "cc") || rel_is(&c->k[e], "punct")))
                    tail = e;
            }
            break;
        }
    }
    int clause_coord = 0;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d >= tail && !subj_right && is_clausal_conj(c, d)) clause_coord = 1;
    }
    for (int j = t->n_kids - 1; j >= 0; j--) {
        int d = kid(c, h, j);
        if (d < h || d >= tail || c->k[d].done) continue;
        if (!rel_is(&c->k[d], "punct") || c->k[d].n_kids) break;
        tail = d;
    }
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d >= tail && !c->k[d].done) c->k[d].done = 2;
    }

    int32_t cur = parent;
    if (mark || relcl) {
        cur = node(c, "SBAR", parent);
        if (cur < 0) return -1;
        for (int j = 0; j < t->n_kids; j++) {
            int d = kid(c, h, j);
            if (d <= mark && place(c, d, cur, 0) < 0) return -1;
        }
        if (relcl) {
            int first = 0;
            for (int j = 0; j < t->n_kids && !first; j++)
                if (!c->k[kid(c, h, j)].done) first = kid(c, h, j);
            if (first && first < h && c->k[first].tag[0] == 'W') {
                int32_t wh = node(c, "WHNP", cur);
                if (wh < 0) return -1;
                if (c->k[first].n_kids == 0 ? leaf(c, first, wh) : flatten(c, first, wh)) return -1;
                if (first == subj_left) {
                    subj_left = 0;
                    if (vp_start == first + 1) vp_start = h;
                    for (int j = 0; j < t->n_kids; j++) {
                        int d = kid(c, h, j);
                        const tok *dt = &c->k[d];
                        if (d < h && !dt->done &&
                            (is_aux_rel(dt) || rel_is(dt, "neg") || is_to_marker(dt))) {
                            vp_start = d;
                            break;
                        }
                    }
                }
            }
        }
    }
    int32_t outer = -1;
    if (clause_coord) {
        outer = node(c, "S", cur);
        if (outer < 0) return -1;
        cur = outer;
    }
    int32_t s = node(c, subj_right && !subj_left ? "SINV" : "S", cur);
    if (s < 0) return -1;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d < vp_start && place(c, d, s, 0) < 0) return -1;
    }
    if (build_vp(c, h, s, vp_start) < 0) return -1;
    int32_t after = clause_coord ? outer : s;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (c->k[d].done != 2) continue;
        c->k[d].done = 0;
        /* A right-hand subject and what follows it stay in the SINV; the
         * coordinated clauses and final punctuation join the outer S. */
        if (place(c, d, subj_right ? s : after, 0) < 0) return -1;
    }
    return 0;
}

/* A nominal and the verb find_predicates marked as its predicate, as the
 * clause S -> NP VP: the nominal with its dependents before the verb is the
 * subject, the verb projects the VP, and what the nominal has after the
 * verb (final punctuation) closes the clause. */
static int project_nominal_clause(conv *c, int h, int v, int32_t parent) {
    const tok *t = &c->k[h];
    int32_t s = node(c, "S", parent);
    if (s < 0) return -1;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d >= v && !c->k[d].done) c->k[d].done = 4;
    }
    if (project_nominal(c, h, s, "NP") < 0) return -1;
    for (int j = 0; j < t->n_kids; j++)
        if (c->k[kid(c, h, j)].done == 4) c->k[kid(c, h, j)].done = 0;
    if (build_vp(c, v, s, 0) < 0) return -1;
    for (int j = 0; j < t->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > v && place(c, d, s, 0) < 0) return -1;
    }
    return 0;
}

static int project(conv *c, int h, int32_t parent) {
    if (c->k[h].pred) {
        const tok *t = &c->k[h];
        for (int j = 0; j < t->n_kids; j++) {
            int v = kid(c, h, j);
            if (v > h && c->k[v].pred && !c->k[v].done)
                return project_nominal_clause(c, h, v, parent);
        }
    }
    switch (category(c, h)) {
    case CAT_VERB: return project_clause(c, h, parent, 0);
    case CAT_NOUN: return project_nominal(c, h, parent, "NP");
    case CAT_ADJ: return project_simple(c, h, parent, "ADJP");
    case CAT_ADV: return project_simple(c, h, parent, "ADVP");
    default:
        if (c->k[h].n_kids == 0) return leaf(c, h, parent);
        return project_simple(c, h, parent, span_is(c->k[h].upos, "ADP") ? "PP" : "FRAG");
    }
}

/* Dependency parsers often take the subject for the root of a sentence and
 * hang the real predicate from it: "Officials are about to act" parsed as
 * root=officials, are=acl (or dep, parataxis, list).  A sentence has a
 * predicate, so a nominal root whose later verb dependent has no subject,
 * no subordinator and no "to" of its own is read as the clause
 * S -> NP VP, as a Treebank parse of the sentence is.  Gerunds stay
 * reduced relatives ("men carrying arms"), which a nominal headline may
 * well be.  Marks the root and the verb with `pred`; linear. */
static void find_predicates(conv *c, int n_roots) {
    for (int r = 0; r < n_roots; r++) {
        int h = c->kids[r];
        if (category(c, h) != CAT_NOUN) continue;
        const tok *t = &c->k[h];
        for (int j = 0; j < t->n_kids; j++) {
            int v = kid(c, h, j);
            tok *vt = &c->k[v];
            if (v < h || !is_verbal_upos(vt) || category(c, v) != CAT_VERB) continue;
            if (!(rel_is(vt, "acl") && vt->rel.n == 3) && !rel_is(vt, "dep") &&
                !rel_is(vt, "parataxis") && !rel_is(vt, "list"))
                continue;
            if (span_iends(vt->form, "ing") || feat_has(vt, "VerbForm=Ger") ||
                feat_has(vt, "VerbForm=Inf"))
                continue;
            int own = 0;
            for (int m = 0; m < vt->n_kids && !own; m++) {
                const tok *e = &c->k[kid(c, v, m)];
                own = is_subject(e) || rel_is(e, "mark");
            }
            if (own) continue;
            vt->pred = 1;
            c->k[h].pred = 1;
            break;
        }
    }
}

/* ---- pass 1: lines ------------------------------------------------------- */

/* Parses a non-negative decimal of at most 9 digits; -1 otherwise. */
static long parse_num(span s) {
    if (s.n == 0 || s.n > 9) return -1;
    long v = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9') return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    return v;
}

static int read_lines(conv *c, const char *s, size_t n, long line0) {
    size_t i = 0;
    long line = line0;
    char ex[40];
    while (i < n) {
        const char *b = s + i;
        const char *e = memchr(b, '\n', n - i);
        size_t len = e ? (size_t)(e - b) : n - i;
        i += len + (e ? 1 : 0);
        long ln = line++;
        while (len > 0 && (b[len - 1] == '\r' || b[len - 1] == ' ')) len--;
        while (len > 0 && *b == ' ') b++, len--;
        if (len == 0 || *b == '#') continue;

        span f[10];
        int nf = 0;
        const char *p = b, *end = b + len;
        while (nf < 10) {
            const char *q = memchr(p, '\t', (size_t)(end - p));
            f[nf].p = p;
            f[nf].n = q ? (size_t)(q - p) : (size_t)(end - p);
            nf++;
            if (!q) break;
            p = q + 1;
        }
        if (nf < 8) {
            ent_diag(c->d, c->where, ln, "CoNLL-U line has %d columns, needs at least 8", nf);
            return -1;
        }
        /* Multiword ranges (3-4) and empty nodes (3.1) carry no tree. */
        size_t dig = 0;
        while (dig < f[0].n && f[0].p[dig] >= '0' && f[0].p[dig] <= '9') dig++;
        if (dig > 0 && dig < f[0].n && (f[0].p[dig] == '-' || f[0].p[dig] == '.')) continue;
        long id = parse_num(f[0]);
        if (id < 1) {
            ent_diag_excerpt(ex, sizeof ex, f[0].p, f[0].n);
            ent_diag(c->d, c->where, ln, "ID '%s' is not a word number", ex);
            return -1;
        }
        if (id <= c->n) {
            ent_diag(c->d, c->where, ln, "duplicate ID %ld (first on line %ld)", id, c->k[id].line);
            return -1;
        }
        if (id != c->n + 1) {
            ent_diag(c->d, c->where, ln, "ID %ld out of sequence, expected %d", id, c->n + 1);
            return -1;
        }
        long head = parse_num(f[6]);
        if (head < 0) {
            ent_diag_excerpt(ex, sizeof ex, f[6].p, f[6].n);
            ent_diag(c->d, c->where, ln, "HEAD '%s' is not a number", ex);
            return -1;
        }
        if (f[1].n == 0) {
            ent_diag(c->d, c->where, ln, "empty FORM");
            return -1;
        }
        tok *t = &c->k[++c->n];
        memset(t, 0, sizeof *t);
        t->form = f[1];
        t->upos = f[3];
        t->xpos = f[4];
        t->feats = f[5];
        t->rel = f[7];
        t->head = head > 1000000 ? 1000000 : (int)head;
        t->line = ln;
    }
    return 0;
}

/* Children lists, reachability from the root (which finds cycles), depth
 * limits and the flattening flags, all linear. */
static int link(conv *c, int *order) {
    int n = c->n;
    int *count = c->kids + n + 1; /* n + 2 counters, scratch */
    for (int i = 1; i <= n; i++) c->k[i].depth = 0;
    memset(count, 0, (size_t)(n + 2) * sizeof *count);
    for (int i = 1; i <= n; i++) {
        if (c->k[i].head > n) {
            ent_diag(c->d, c->where, c->k[i].line,
                     "HEAD %d out of range (the sentence has %d words)", c->k[i].head, n);
            return -1;
        }
        if (c->k[i].head == i) {
            ent_diag(c->d, c->where, c->k[i].line, "word %d is its own HEAD", i);
            return -1;
        }
        count[c->k[i].head]++;
    }
    if (count[0] == 0) {
        ent_diag(c->d, c->where, c->k[1].line, "no root: no word has HEAD 0");
        return -1;
    }
    /* Children of the virtual root 0 first, then of 1..n, each in order. */
    int off = 0;
    int *start = order; /* reuse as offsets before the BFS */
    for (int h = 0; h <= n; h++) {
        start[h] = off;
        off += count[h];
    }
    for (int h = 1; h <= n; h++) {
        c->k[h].first_child = start[h];
        c->k[h].n_kids = count[h];
    }
    int n_roots = count[0], roots_at = start[0];
    memset(count, 0, (size_t)(n + 2) * sizeof *count);
    for (int i = 1; i <= n; i++) {
        int h = c->k[i].head;
        int pos = (h == 0 ? roots_at : c->k[h].first_child) + count[h]++;
        c->kids[pos] = i;
    }
    /* Breadth-first from the roots; `order` now holds the visit order. */
    int qn = 0;
    for (int r = 0; r < n_roots; r++) {
        int w = c->kids[roots_at + r];
        c->k[w].depth = 1;
        order[qn++] = w;
    }
    for (int q = 0; q < qn; q++) {
        const tok *t = &c->k[order[q]];
        if (t->depth > MAX_DEP_DEPTH) {
            ent_diag(c->d, c->where, t->line, "dependency tree deeper than %d levels",
                     MAX_DEP_DEPTH);
            return -1;
        }
        for (int j = 0; j < t->n_kids; j++) {
            int d = c->kids[t->first_child + j];
            c->k[d].depth = t->depth + 1;
            order[qn++] = d;
        }
    }
    if (qn < n) {
        for (int i = 1; i <= n; i++)
            if (c->k[i].depth == 0) {
                ent_diag(c->d, c->where, c->k[i].line, "HEAD cycle: word %d never reaches the root",
                         i);
                return -1;
            }
    }
    for (int q = qn - 1; q >= 0; q--) {
        tok *t = &c->k[order[q]];
        int ok = flat_rel(t);
        for (int j = 0; j < t->n_kids && ok; j++) ok = c->k[c->kids[t->first_child + j]].flat;
        t->flat = (unsigned char)ok;
    }
    return n_roots;
}

/* Is word x inside the subtree of h? Walks up at most the depth limit. */
static int dominated(const conv *c, int h, int x) {
    while (x > 0 && c->k[x].depth > c->k[h].depth) x = c->k[x].head;
    return x == h;
}

/* Lifts non-projective arcs (a dependent attached across words its head
 * does not dominate) to the head's head until none remain, so every phrase
 * covers a contiguous stretch and the words come out in sentence order.
 * Returns the number of roots, or -1.  Long sentences keep their crossing
 * arcs: every word is still placed, just not all in order. */
static int projectivize(conv *c, int *order, int n_roots) {
    if (c->n > 250) return n_roots;
    for (int pass = 0; pass < 2 * MAX_DEP_DEPTH; pass++) {
        int lifted = 0;
        for (int d = 1; d <= c->n; d++) {
            int h = c->k[d].head;
            if (h == 0 || c->k[h].head == 0) continue;
            int lo = h < d ? h : d, hi = h < d ? d : h;
            for (int x = lo + 1; x < hi; x++)
                if (!dominated(c, h, x)) {
                    c->k[d].head = c->k[h].head;
                    lifted = 1;
                    break;
                }
        }
        if (!lifted) break;
        n_roots = link(c, order);
        if (n_roots < 0) return -1;
    }
    return n_roots;
}

/* Rightmost / leftmost word of h's subtree (contiguous once projective). */
static int right_edge(const conv *c, int h) {
    while (c->k[h].n_kids > 0 && kid(c, h, c->k[h].n_kids - 1) > h)
        h = kid(c, h, c->k[h].n_kids - 1);
    return h;
}

static int left_edge(const conv *c, int h) {
    while (c->k[h].n_kids > 0 && kid(c, h, 0) < h) h = kid(c, h, 0);
    return h;
}

static void set_rel(tok *t, int head, const char *rel) {
    t->head = head;
    t->rel.p = rel;
    t->rel.n = strlen(rel);
}

/* The conjunction that opens the stretch ending just before word `at`:
 * "Mordor , Fornost and [good Gondor]" -> "and".  0 when there is none. */
static int cc_before(const conv *c, int at) {
    int w = at - 1;
    return w > 0 && rel_is(&c->k[w], "cc") && c->k[w].n_kids == 0 ? w : 0;
}

/* A verb that can stand as a clause's predicate: no subordinator or
 * infinitival "to", not a gerund. */
static int finite_like(const conv *c, int v) {
    const tok *t = &c->k[v];
    if (!is_verbal_upos(t) || span_iends(t->form, "ing") || feat_has(t, "VerbForm=Ger") ||
        feat_has(t, "VerbForm=Inf"))
        return 0;
    for (int m = 0; m < t->n_kids; m++)
        if (rel_is(&c->k[kid(c, v, m)], "mark")) return 0;
    return 1;
}

/* Makes verb v the predicate of nominal h: v takes h's place under h's old
 * head, h becomes v's subject, and v's own subject (when the parser gave
 * it one) joins h's coordination as its last conjunct.  Dependents of h
 * after v (the closing punctuation of a root) move to v. */
static void make_predicate(conv *c, int h, int v, const char *rel, int own_subj) {
    tok *ht = &c->k[h];
    for (int j = 0; j < ht->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > v) c->k[d].head = v;
    }
    set_rel(&c->k[v], ht->head, rel);
    set_rel(ht, v, "nsubj");
    if (own_subj) {
        int cc = cc_before(c, left_edge(c, own_subj));
        set_rel(&c->k[own_subj], h, "conj");
        if (cc) c->k[cc].head = own_subj;
    }
}

/* "..., the official news agency WFNA said": parsers often take the common
 * noun for an apposition (or the head of a relative clause "said") and its
 * name, the next word, alone for the subject.  The Treebank writes one
 * subject NP, "(NP the official news agency WFNA)", and a reporting clause
 * beside the main one, so the noun becomes a compound of its name and a
 * "said" hung from the noun takes the root's place, the old root clause
 * becoming its parataxis.  p is the name; returns 1 when repaired. */
static int join_named_subject(conv *c, int p) {
    int h = p - 1, v = c->k[p].head;
    tok *ht = &c->k[h];
    if (!span_is(c->k[p].upos, "PROPN") || !rel_is(&c->k[p], "nsubj") || v <= p ||
        !span_is(ht->upos, "NOUN") || ht->head == p || !finite_like(c, v))
        return 0;
    int relcl = c->k[v].head == h;
    if (!relcl && (!rel_is(ht, "appos") || dominated(c, h, v))) return 0;
    for (int j = 0; j < ht->n_kids; j++) {
        int d = kid(c, h, j);
        if (d > h && d != v) return 0; /* the noun has words of its own after it */
    }
    int g = ht->head;
    if (relcl) {
        while (g > 0 && category(c, g) != CAT_VERB) g = c->k[g].head;
        if (g <= 0 || c->k[g].head != 0 || g > h) return 0;
        for (int j = 0; j < c->k[g].n_kids; j++) {
            int d = kid(c, g, j);
            if (d > v) c->k[d].head = v;
        }
        set_rel(&c->k[v], 0, "root");
        set_rel(&c->k[g], v, "parataxis");
    }
    set_rel(ht, p, "compound");
    return 1;
}

/* Repairs of misattached predicates, on the arcs before any phrase is
 * built; each looks at a handful of words per clause.  Returns the number
 * of roots after relinking, or -1.
 *
 *  1. A nominal (root or subject) coordinated with a clause that has its
 *     own subject, the conjunction directly before that subject:
 *     "Ithilen and [the government of Gondor warned]" is the coordinated
 *     subject "Ithilen and the government of Gondor" of "warned".
 *  2. A verb with two subjects before it: "Fornost and Gondor welcomed
 *     the talks , the agency WFNA said" parsed with both Fornost and WFNA
 *     as subjects of "said" and "welcomed" hung inside the first.  The
 *     first subject is then really a clause; its predicate is the
 *     rightmost finite verb of its phrase that has no subject, or whose
 *     subject follows a conjunction (the last conjunct).
 *  3. A common noun cut from its name, the subject of a reporting clause
 *     (join_named_subject). */
static int repair_predicates(conv *c, int *order, int n_roots) {
    int changed = 0;
    for (int h = 1; h <= c->n; h++) {
        tok *ht = &c->k[h];
        if (!(ht->head == 0 || rel_is(ht, "nsubj")) || is_verbal_upos(ht) ||
            has_kid_rel(c, h, "cop"))
            continue;
        for (int j = 0; j < ht->n_kids; j++) {
            int v = kid(c, h, j);
            if (v < h || !rel_is(&c->k[v], "conj") || !finite_like(c, v)) continue;
            int s = 0;
            for (int m = 0; m < c->k[v].n_kids; m++) {
                int e = kid(c, v, m);
                if (e < v && rel_is(&c->k[e], "nsubj")) s = e;
            }
            if (!s || !cc_before(c, left_edge(c, s))) break;
            /* nothing of h's own between the conjunction and the clause */
            int ok = 1;
            for (int m = 0; m < ht->n_kids; m++) {
                int e = kid(c, h, m);
                if (e != v && e > cc_before(c, left_edge(c, s)) && e < v) ok = 0;
            }
            if (ok) {
                make_predicate(c, h, v, ht->head == 0 ? "root" : "ccomp", s);
                changed = 1;
            }
            break;
        }
    }
    if (changed) {
        n_roots = link(c, order);
        if (n_roots < 0) return -1;
        changed = 0;
    }
    for (int g = 1; g <= c->n; g++) {
        const tok *gt = &c->k[g];
        int s1 = 0, s2 = 0;
        for (int j = 0; j < gt->n_kids; j++) {
            int d = kid(c, g, j);
            if (d > g || !rel_is(&c->k[d], "nsubj")) continue;
            if (!s1) s1 = d;
            else if (!s2) s2 = d;
        }
        if (!s2 || is_verbal_upos(&c->k[s1])) continue;
        int lo = left_edge(c, s1), hi = right_edge(c, s1);
        for (int v = lo; v <= hi; v++) {
            const tok *vt = &c->k[v];
            if (v == s1 || right_edge(c, v) != hi || !finite_like(c, v)) continue;
            if (!(rel_is(vt, "acl") && vt->rel.n == 3) && !rel_is(vt, "parataxis") &&
                !rel_is(vt, "dep") && !rel_is(vt, "list") && !rel_is(vt, "appos") &&
                !rel_is(vt, "conj"))
                continue;
            int s = 0;
            for (int m = 0; m < vt->n_kids; m++) {
                int e = kid(c, v, m);
                if (is_subject(&c->k[e])) s = e;
            }
            if (s && (s > v || !cc_before(c, left_edge(c, s)))) break;
            make_predicate(c, s1, v, "ccomp", s);
            changed = 1;
            break;
        }
    }
    if (changed) {
        n_roots = link(c, order);
        if (n_roots < 0) return -1;
        changed = 0;
    }
    /* one a pass: the child lists are stale until relinked */
    for (int p = 2; p <= c->n && !changed; p++) changed = join_named_subject(c, p);
    if (changed) n_roots = link(c, order);
    return n_roots;
}

int ent_conllu_read(ent_tree *t, const char *s, size_t n, ent_diags *d, const char *where,
                    long line) {
    ent_tree_reset(t);
    if (line <= 0) line = 1;
    if (!s) n = 0;
    size_t lines = 1;
    for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
    if (lines > 1000000) {
        ent_diag(d, where, line, "CoNLL-U block too long");
        return -1;
    }
    /* One allocation per sentence: tokens, children (+ counters), order. */
    size_t nt = lines + 1;
    tok *k = malloc(nt * sizeof *k);
    int *ints = malloc((3 * nt + 4) * sizeof *ints);
    if (!k || !ints) {
        free(k);
        free(ints);
        ent_diag(d, where, line, "out of memory");
        return -1;
    }
    conv c = {.t = t, .d = d, .where = where, .k = k, .n = 0, .kids = ints};
    int *order = ints + 2 * nt + 2;
    int rc = -1;
    if (read_lines(&c, n ? s : "", n, line) < 0) goto out;
    if (c.n == 0) {
        ent_diag(d, where, line, "CoNLL-U block has no words");
        goto out;
    }
    int n_roots = link(&c, order);
    if (n_roots < 0) goto out;
    n_roots = projectivize(&c, order, n_roots);
    if (n_roots < 0) goto out;
    n_roots = repair_predicates(&c, order, n_roots);
    if (n_roots < 0) goto out;
    find_predicates(&c, n_roots);
    for (int i = 1; i <= c.n; i++) assign_tag(&c, i);

    int32_t root = node(&c, "ROOT", -1);
    if (root < 0) goto out;
    for (int r = 0; r < n_roots; r++) {
        int w = c.kids[r];
        if (!c.k[w].done && project(&c, w, root) < 0) goto out;
    }
    /* Never lose a word, whatever shape the dependencies had. */
    for (int i = 1; i <= c.n; i++)
        if (!c.k[i].done && leaf(&c, i, root) < 0) goto out;
    ent_tree_finish(t);
    rc = 0;
out:
    if (rc < 0) ent_tree_reset(t);
    free(k);
    free(ints);
    return rc;
}

/* ---- Blocks of a file ---------------------------------------------------------- */

/* `key` starts the line l[0..n) and the value follows: its place and length. */
static int comment_value(const char *l, size_t n, const char *key, const char **v, size_t *vn) {
    size_t k = strlen(key);
    if (n < k || strncmp(l, key, k)) return 0;
    *v = l + k;
    *vn = n - k;
    return 1;
}

int ent_conllu_next_block(const char *buf, size_t len, size_t *pos, long *line,
                          ent_conllu_block *b) {
    while (*pos < len) {
        memset(b, 0, sizeof *b);
        b->body = (size_t)-1;
        b->line = *line;
        size_t p = *pos;
        while (p < len) {
            size_t e = p;
            while (e < len && buf[e] != '\n') e++;
            size_t le = e;   /* trailing blanks and CR cut, so a bare key is shorter than it */
            while (le > p && (buf[le - 1] == '\r' || buf[le - 1] == ' ' || buf[le - 1] == '\t')) le--;
            ++*line;
            const char *l = buf + p;
            size_t n = le - p;
            p = e + 1;
            if (n == 0) {
                if (b->body != (size_t)-1) break;
                b->line = *line;
                continue;
            }
            if (*l == '#') {
                if (!comment_value(l, n, "# sent_id = ", &b->sent_id, &b->sent_id_len) &&
                    !comment_value(l, n, "# text = ", &b->text, &b->text_len))
                    comment_value(l, n, "# date = ", &b->date, &b->date_len);
            } else if (b->body == (size_t)-1) {
                b->body = (size_t)(l - buf);
                b->body_line = *line - 1;
            }
        }
        *pos = p > len ? len : p;
        b->end = *pos;
        if (b->body != (size_t)-1) return 1;
    }
    return 0;
}
