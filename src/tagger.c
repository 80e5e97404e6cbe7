/* tagger.c -- Penn Treebank part-of-speech tags by a trigram HMM.
 *
 * Why a hand-written HMM: the pipeline must tag tens of thousands of
 * sentences a second per core with no data file at run time.  A second-order
 * HMM decoded with Viterbi does that in a few microseconds a sentence: the
 * lexicon, the smoothed tag trigrams and the suffix model are const tables
 * generated at build time from festlex-poslex (scripts/gen-tagger-model.c),
 * so there is nothing to load or lock, and each word's candidate tags come
 * from one hash probe, which keeps the trellis narrow (most words allow one
 * to three tags).
 *
 * The model's tags are festival's WSJ classes, which fold a few Penn
 * distinctions (every punctuation mark is "punc", PRP$ is "prp", WP$ is
 * "wp", "of" and "to" have their own classes); the decoder works in those
 * classes and ent_tag maps its path to Penn tags by the word and, for "her",
 * by the next tag.
 *
 * Unknown words: the lexicon is lower-cased, so capitalisation is a feature
 * the tagger adds itself: a capitalised word inside the sentence leans to
 * NNP/NNPS, an unknown one takes its tag distribution from the suffix model
 * built on rare proper nouns; lower-case unknown words use the model built
 * on rare common words; numbers are CD.
 */
#include "tagger.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Most candidates one word may carry into the trellis.  Known words have at
 * most a handful; unknown words keep their best few. */
#define CAND_MAX 8
/* Longest word looked up; longer ones are unknown (suffix model only). */
#define WORD_MAX 64

/* Feature weights (natural-log units), set by hand and checked against the
 * unit-test parses (a small set, not held out: keep them coarse). */
#define CAP_PROPER_BONUS 2.0f     /* capitalised mid-sentence: favour nnp/nnps */
#define LOWER_PROPER_PENALTY 6.0f /* lower-case word: names are almost never
                                     lower-case in news */
#define ADDED_PROPER_LOGP -11.0f  /* P(w|nnp) for a capitalised known word the
                                     lexicon never saw as a name: a hapax's */
#define UNK_BEAM 7.0f             /* unknown-word tags kept within this of best */

struct ent_tagger_state {
    int cap;                       /* positions allocated (words + 2) */
    uint8_t *ncand;
    uint8_t (*cand)[CAND_MAX];
    float (*emit)[CAND_MAX];
    float delta[2][CAND_MAX * CAND_MAX];   /* [i&1][j*CAND_MAX+k]: best path
                                              ending cand[i-1][j], cand[i][k];
                                              two rows are all Viterbi needs */
    uint8_t (*back)[CAND_MAX * CAND_MAX];  /* index of cand[i-2] on that path */
    uint8_t *best;                 /* decoded candidate index per position */
    int64_t cells;                 /* trellis cells the last ent_tag weighed */
};

/* Tag indexes looked up once by name; the generated table fixes the order
 * but naming them here keeps the tagger independent of it. */
static struct {
    int punc, nnp, nnps, prp, wp, of, to, cd, jj, nn, nns, vbg, in;
    int tag_of_punc_word;
    char penn[ENT_TM_MAX_TAGS][8];   /* each tag's name upper-cased, the Penn
                                        tag of all but a few classes */
} T;

static int tag_by_name(const char *name) {
    for (int i = 0; i < ent_tm_ntags; i++)
        if (strcmp(ent_tm_tag_names[i], name) == 0) return i;
    return -1;
}

/* Run once (pthread_once) by ent_tagger_state_new, so every ent_tag call,
 * which needs a state, sees the indexes filled. */
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;

static void init_tags(void) {
    T.punc = tag_by_name("punc");
    T.nnp = tag_by_name("nnp");
    T.nnps = tag_by_name("nnps");
    T.prp = tag_by_name("prp");
    T.wp = tag_by_name("wp");
    T.of = tag_by_name("of");
    T.to = tag_by_name("to");
    T.cd = tag_by_name("cd");
    T.jj = tag_by_name("jj");
    T.nn = tag_by_name("nn");
    T.nns = tag_by_name("nns");
    T.vbg = tag_by_name("vbg");
    T.in = tag_by_name("in");
    for (int t = 0; t < ent_tm_ntags && t < ENT_TM_MAX_TAGS; t++) {
        const char *name = ent_tm_tag_names[t];
        size_t k = 0;
        for (; name[k] && k < 7; k++) T.penn[t][k] = (char)(name[k] >= 'a' && name[k] <= 'z' ? name[k] - 32 : name[k]);
        T.penn[t][k] = '\0';
    }
}

ent_tagger_state *ent_tagger_state_new(void) {
    if (pthread_once(&tags_once, init_tags) != 0) return NULL;
    return calloc(1, sizeof(ent_tagger_state));
}

void ent_tagger_state_free(ent_tagger_state *s) {
    if (!s) return;
    free(s->ncand);
    free(s->cand);
    free(s->emit);
    free(s->back);
    free(s->best);
    free(s);
}

static int reserve(ent_tagger_state *s, int n) {
    if (n <= s->cap) return 0;
    int cap = s->cap ? s->cap : 64;
    while (cap < n) {
        if (cap > (1 << 26)) return -1;
        cap *= 2;
    }
    uint8_t *nc = realloc(s->ncand, (size_t)cap * sizeof *s->ncand);
    if (nc) s->ncand = nc;
    void *c = realloc(s->cand, (size_t)cap * sizeof *s->cand);
    if (c) s->cand = c;
    void *e = realloc(s->emit, (size_t)cap * sizeof *s->emit);
    if (e) s->emit = e;
    void *b = realloc(s->back, (size_t)cap * sizeof *s->back);
    if (b) s->back = b;
    uint8_t *bs = realloc(s->best, (size_t)cap * sizeof *s->best);
    if (bs) s->best = bs;
    if (!nc || !c || !e || !b || !bs) return -1;   /* kept blocks stay owned */
    s->cap = cap;
    return 0;
}

/* ---- model lookups -------------------------------------------------------- */

/* Is pool string s exactly w[0..n)?  w holds no NUL, so a shorter s stops
 * at its own NUL; the probes compare a few bytes, cheaper inline than a
 * library call. */
static inline int pool_is(const char *s, const char *w, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (s[k] != w[k]) return 0;
    return s[n] == '\0';
}

static int find_word(const char *w, size_t n) {
    uint32_t mask = ent_tm_word_hash_size - 1;
    uint32_t k = ent_tm_hash(w, n) & mask;
    for (;;) {
        uint32_t v = ent_tm_word_hash[k];
        if (!v) return -1;
        if (pool_is(ent_tm_pool + ent_tm_word_str[v - 1], w, n)) return (int)v - 1;
        k = (k + 1) & mask;
    }
}

static const ent_tm_suffix *find_suffix(const char *key, size_t n) {
    uint32_t mask = ent_tm_suffix_hash_size - 1;
    uint32_t k = ent_tm_hash(key, n) & mask;
    for (;;) {
        uint32_t v = ent_tm_suffix_hash[k];
        if (!v) return NULL;
        if (pool_is(ent_tm_pool + ent_tm_suffixes[v - 1].str, key, n)) return &ent_tm_suffixes[v - 1];
        k = (k + 1) & mask;
    }
}

/* ---- word classes ---------------------------------------------------------- */

/* Penn tag of a punctuation token, or NULL if the word is not one. */
static const char *punct_tag(const char *w) {
    switch (w[0]) {
    case ',': return w[1] ? NULL : ",";
    case '.': case '!': case '?':
        for (const char *p = w; *p; p++)
            if (*p != '.' && *p != '!' && *p != '?') return NULL;
        return w[0] == '.' && w[1] == '.' ? ":" : ".";
    case ':': case ';': return w[1] ? NULL : ":";
    case '-':
        if (strcmp(w, "-LRB-") == 0 || strcmp(w, "-LSB-") == 0 || strcmp(w, "-LCB-") == 0)
            return "-LRB-";
        if (strcmp(w, "-RRB-") == 0 || strcmp(w, "-RSB-") == 0 || strcmp(w, "-RCB-") == 0)
            return "-RRB-";
        for (const char *p = w; *p; p++)
            if (*p != '-') return NULL;
        return ":";
    case '(': case '[': case '{': return w[1] ? NULL : "-LRB-";
    case ')': case ']': case '}': return w[1] ? NULL : "-RRB-";
    case '`': return strcmp(w, "``") == 0 || w[1] == '\0' ? "``" : NULL;
    case '\'': return strcmp(w, "''") == 0 ? "''" : NULL;
    case '"': return w[1] ? NULL : "''";
    case '$': return w[1] ? NULL : "$";
    case '#': return w[1] ? NULL : "#";
    default: return NULL;
    }
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* 1990, 3.5, 1,200, 1/2, 10-12, -3, .25, 2:30: digits with separators. */
static int is_number(const char *w) {
    int digits = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
        if (is_digit(*p)) digits++;
        else if (*p != '.' && *p != ',' && *p != '/' && *p != '-' && *p != ':' && *p != '+')
            return 0;
    }
    return digits > 0;
}

static void add_cand(ent_tagger_state *s, int i, int tag, float e) {
    uint8_t n = s->ncand[i];
    for (int k = 0; k < n; k++)
        if (s->cand[i][k] == tag) {
            if (e > s->emit[i][k]) s->emit[i][k] = e;
            return;
        }
    if (n < CAND_MAX) {
        s->cand[i][n] = (uint8_t)tag;
        s->emit[i][n] = e;
        s->ncand[i] = (uint8_t)(n + 1);
        return;
    }
    /* Full: replace the weakest if this one is better. */
    int worst = 0;
    for (int k = 1; k < n; k++)
        if (s->emit[i][k] < s->emit[i][worst]) worst = k;
    if (e > s->emit[i][worst]) {
        s->cand[i][worst] = (uint8_t)tag;
        s->emit[i][worst] = e;
    }
}

/* Candidates from the suffix model: model 'c' (capitalised) or 'l'. */
static void unknown_cands(ent_tagger_state *s, int i, const char *low, size_t n, char model) {
    char key[ENT_TM_SUFFIX_MAX + 2];
    key[0] = model;
    const ent_tm_suffix *sf = NULL;
    size_t max = n < ENT_TM_SUFFIX_MAX ? n : ENT_TM_SUFFIX_MAX;
    for (size_t sl = max + 1; sl-- > 0 && !sf;) {
        memcpy(key + 1, low + n - sl, sl);
        sf = find_suffix(key, sl + 1);
    }
    if (!sf) {   /* the empty suffix is always in the table */
        add_cand(s, i, T.nn, 0);
        return;
    }
    int best = -128;
    for (int u = 0; u < ent_tm_nunk; u++)
        if (sf->logr[u] > best) best = sf->logr[u];
    for (int u = 0; u < ent_tm_nunk; u++)
        if (sf->logr[u] >= best - UNK_BEAM * ENT_TM_LOGR_SCALE)
            add_cand(s, i, ent_tm_unk_tags[u], (float)sf->logr[u] / ENT_TM_LOGR_SCALE);
}

/* Fill position i's candidates and emission scores for word w.  `initial`:
 * no word before it in the sentence (only punctuation), where capitals say
 * nothing about names.  Returns 1 when w is punctuation. */
static int word_cands(ent_tagger_state *s, int i, const char *w, int initial) {
    s->ncand[i] = 0;
    if (punct_tag(w)) {
        add_cand(s, i, T.punc, 0);
        return 1;
    }
    char low[WORD_MAX];
    size_t n = strlen(w);
    int upper = 0, lower = 0, digit = 0, hyphen = 0;
    /* one pass counts the classes and lower-cases a word short enough to
     * look up */
    int fits = n < WORD_MAX;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)w[k];
        if (is_upper(c)) {
            upper++;
            if (fits) low[k] = (char)(c + 32);
            continue;
        }
        if (fits) low[k] = (char)c;
        if (is_lower(c)) lower++;
        else if (is_digit(c)) digit++;
        else if (c == '-') hyphen++;
    }
    int cap = n > 0 && is_upper((unsigned char)w[0]);
    int proper_cue = cap && !initial;   /* capitalised where names are */
    if (digit && is_number(w)) {
        add_cand(s, i, T.cd, 0);
        return 0;
    }
    if (n == 0) {
        add_cand(s, i, T.nn, 0);
        return 0;
    }
    if (fits) {
        low[n] = '\0';
        int wi = find_word(low, n);
        if (wi >= 0) {
            int has_proper = 0;
            for (uint32_t e = ent_tm_word_lex[wi]; e < ent_tm_word_lex[wi + 1]; e++) {
                int tag = ent_tm_lex_tag[e];
                float lp = ent_tm_lex_logp[e];
                if (tag == T.nnp || tag == T.nnps) {
                    has_proper = 1;
                    if (proper_cue) lp += CAP_PROPER_BONUS;
                    else if (!cap) lp -= LOWER_PROPER_PENALTY;
                }
                add_cand(s, i, tag, lp);
            }
            if (proper_cue && !has_proper)
                add_cand(s, i, (n > 3 && low[n - 1] == 's' && low[n - 2] != 's') ? T.nnps : T.nnp,
                         ADDED_PROPER_LOGP + CAP_PROPER_BONUS);
            return 0;
        }
    } else {
        /* Too long to look up: keep its tail for the suffix model. */
        const char *tail = w + n - (WORD_MAX - 1);
        for (size_t k = 0; k < WORD_MAX; k++) {
            unsigned char c = (unsigned char)tail[k];
            low[k] = is_upper(c) ? (char)(c + 32) : (char)c;
        }
        n = WORD_MAX - 1;
    }
    /* Unknown word. */
    unknown_cands(s, i, low, n, cap || (upper && !lower) ? 'c' : 'l');
    if (digit) add_cand(s, i, T.cd, -2.0f);
    if (hyphen && !cap) add_cand(s, i, T.jj, 0.5f);
    return 0;
}

/* ---- decoding --------------------------------------------------------------- */

static inline float trans(int a, int b, int c) {
    return ent_tm_trans[((size_t)a * (size_t)ent_tm_ntags + (size_t)b) * (size_t)ent_tm_ntags +
                        (size_t)c];
}

static void penn_tag(const char *w, int tag, int next_tag, char out[8]) {
    const char *p = NULL;
    if (tag == T.punc) {
        p = punct_tag(w);
        if (!p) p = (w[0] == '\'' || w[0] == '`') ? (w[0] == '`' ? "``" : "''") : ":";
    } else if (tag == T.of) {
        p = "IN";
    } else if (tag == T.to) {
        p = "TO";
    } else if (tag == T.prp) {
        char low[8];
        size_t n = strlen(w);
        if (n < sizeof low) {
            for (size_t k = 0; k <= n; k++)
                low[k] = is_upper((unsigned char)w[k]) ? (char)(w[k] + 32) : w[k];
            if (!strcmp(low, "my") || !strcmp(low, "your") || !strcmp(low, "his") ||
                !strcmp(low, "its") || !strcmp(low, "our") || !strcmp(low, "their") ||
                !strcmp(low, "thy"))
                p = "PRP$";
            else if (!strcmp(low, "her")) {
                const char *nt = next_tag >= 0 ? ent_tm_tag_names[next_tag] : "";
                int nominal = nt[0] == 'n' || nt[0] == 'j' || !strcmp(nt, "cd") ||
                              !strcmp(nt, "vbg") || !strcmp(nt, "vbn") || !strcmp(nt, "rbs");
                p = nominal ? "PRP$" : "PRP";
            }
        }
        if (!p) p = "PRP";
    } else if (tag == T.wp) {
        p = (strcmp(w, "whose") == 0 || strcmp(w, "Whose") == 0) ? "WP$" : "WP";
    }
    if (p) {
        size_t n = strlen(p);
        memcpy(out, p, n + 1);
        return;
    }
    memcpy(out, T.penn[tag], strlen(T.penn[tag]) + 1);
}

int ent_tag(ent_tagger_state *s, const char *const *words, int n, char (*tags)[8]) {
    s->cells = 0;
    if (n <= 0) return 0;
    /* Positions 0 and 1 are sentence-boundary context (punc); word i is at
     * position i + 2. */
    if (n > (1 << 26) || reserve(s, n + 2) < 0) return -1;
    for (int p = 0; p < 2; p++) {
        s->ncand[p] = 1;
        s->cand[p][0] = (uint8_t)T.punc;
        s->emit[p][0] = 0;
    }
    int initial = 1;
    for (int i = 0; i < n; i++) {
        const char *w = words[i] ? words[i] : "";
        if (!word_cands(s, i + 2, w, initial) && w[0]) initial = 0;
        /* "about to" (is about to restore): the Treebank tags this "about"
         * IN, but the trigram model, which cannot see that the next word is
         * "to" rather than any TO, prefers RB. */
        if (i + 1 < n && words[i + 1] && strcmp(words[i + 1], "to") == 0 &&
            (strcmp(w, "about") == 0 || strcmp(w, "About") == 0)) {
            s->ncand[i + 2] = 1;
            s->cand[i + 2][0] = (uint8_t)T.in;
            s->emit[i + 2][0] = 0;
        }
    }
    /* delta[1][0*K+0] = 0: both boundary positions have one candidate. */
    s->delta[1][0] = 0;   /* position 1 is row 1 */
    const size_t nt = (size_t)ent_tm_ntags;
    for (int p = 2; p < n + 2; p++) {
        int nh = s->ncand[p - 2], nj = s->ncand[p - 1], nk = s->ncand[p];
        s->cells += (int64_t)nh * nj * nk;
        /* Operands fetched once per position into locals: the byte stores
         * to back[] may alias anything, so reading them through s would be
         * repeated in the innermost loop.  The sums are the same. */
        const uint8_t *cj = s->cand[p - 1], *ck = s->cand[p];
        const float *prev = s->delta[(p - 1) & 1], *em = s->emit[p];
        float *cur = s->delta[p & 1];
        uint8_t *bk = s->back[p];
        size_t hrow[CAND_MAX];   /* offset of trans[cand[p-2][h]][0][0] */
        for (int h = 0; h < nh; h++) hrow[h] = (size_t)s->cand[p - 2][h] * nt * nt;
        for (int j = 0; j < nj; j++) {
            const float *tj = ent_tm_trans + (size_t)cj[j] * nt;
            float col[CAND_MAX];   /* delta of each h ending in j */
            for (int h = 0; h < nh; h++) col[h] = prev[h * CAND_MAX + j];
            for (int k = 0; k < nk; k++) {
                const float *tr = tj + ck[k];
                float best = -INFINITY;
                int arg = 0;
                for (int h = 0; h < nh; h++) {
                    float v = col[h] + tr[hrow[h]];
                    if (v > best) { best = v; arg = h; }
                }
                cur[j * CAND_MAX + k] = best + em[k];
                bk[j * CAND_MAX + k] = (uint8_t)arg;
            }
        }
        /* Every 32 words, shift scores back near zero: floats summed over
         * thousands of words would lose the fractions that separate paths. */
        if ((p & 31) == 0) {
            float top = -INFINITY;
            for (int j = 0; j < nj; j++)
                for (int k = 0; k < nk; k++)
                    if (s->delta[p & 1][j * CAND_MAX + k] > top) top = s->delta[p & 1][j * CAND_MAX + k];
            for (int j = 0; j < nj; j++)
                for (int k = 0; k < nk; k++) s->delta[p & 1][j * CAND_MAX + k] -= top;
        }
    }
    /* Close with the transition into a boundary, then trace back. */
    int last = n + 1;
    float best = -INFINITY;
    int bj = 0, bk = 0;
    for (int j = 0; j < s->ncand[last - 1]; j++)
        for (int k = 0; k < s->ncand[last]; k++) {
            float v = s->delta[last & 1][j * CAND_MAX + k] +
                      trans(s->cand[last - 1][j], s->cand[last][k], T.punc);
            if (v > best) { best = v; bj = j; bk = k; }
        }
    s->best[last] = (uint8_t)bk;
    s->best[last - 1] = (uint8_t)bj;
    for (int p = last; p >= 3; p--)
        s->best[p - 2] = s->back[p][s->best[p - 1] * CAND_MAX + s->best[p]];
    for (int i = 0; i < n; i++) {
        int tag = s->cand[i + 2][s->best[i + 2]];
        int next = i + 1 < n ? s->cand[i + 3][s->best[i + 3]] : -1;
        penn_tag(words[i] ? words[i] : "", tag, next, tags[i]);
    }
    return 0;
}

int64_t ent_tag_cells(const ent_tagger_state *s) { return s->cells; }
