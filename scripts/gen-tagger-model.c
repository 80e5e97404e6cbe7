/* gen-tagger-model.c -- compile festival's WSJ part-of-speech model into C.
 *
 *   gen-tagger-model POSLEXR NGRAMBIN OUT.c
 *
 * Reads Debian festlex-poslex's lexicon (wsj.wp39.poslexR: per word, its
 * tags with log P(word|tag)) and tag trigram counts (wsj.wp39.tri.ngrambin)
 * and writes the tables declared in src/tagger.h: the lexicon as a string
 * pool with a hash index, smoothed trigram log probabilities, and a suffix
 * model for unknown words estimated from the lexicon's rare words.  The
 * data are read at build time, never committed; the output is plain const
 * arrays, so the library needs no data file and no start-up work.
 *
 * Runs once per build, so clarity wins over speed here; every malformed
 * input is a hard error (an empty or partial model must never be built).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

static const char *prog = "gen-tagger-model";

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = calloc(1, n ? n : 1);
    if (!p) die("out of memory (%zu bytes)", n);
    return p;
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) die("out of memory (%zu bytes)", n);
    return q;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s: %s (the festlex-poslex package provides it: run scripts/setup.sh)",
            path, strerror(errno));
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) { cap *= 2; buf = xrealloc(buf, cap + 1); }
    }
    if (ferror(f)) die("cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- tag trigram counts ------------------------------------------------ */

static int ntags;
static char tagname[ENT_TM_MAX_TAGS][8];
static double *c3;                 /* [a][b][c] counts */

static int tag_index(const char *name) {
    for (int i = 0; i < ntags; i++)
        if (strcmp(tagname[i], name) == 0) return i;
    return -1;
}

/* Split one header line into tag names; returns how many. */
static int read_tag_line(const char *line, size_t len, char names[][8], int max) {
    int n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && line[i] == ' ') i++;
        size_t b = i;
        while (i < len && line[i] != ' ') i++;
        if (i == b) break;
        if (n == max) die("trigram file: more than %d tags", max);
        if (i - b >= 8) die("trigram file: tag name too long");
        memcpy(names[n], line + b, i - b);
        names[n][i - b] = '\0';
        n++;
    }
    return n;
}

static double get_be_double(const unsigned char *p) {
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u = (u << 8) | p[i];
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Festival's NgramBin_2 format: "NgramBin_2 ORDER\n", the context vocabulary
 * line, the predicted vocabulary line, then one big-endian double per
 * (context, predicted) cell in row-major order, run-length coded: a negative
 * value -k after a value v says v occurs k times in all. */
static void read_ngram(const char *path) {
    size_t len;
    char *buf = slurp(path, &len);
    const char *hdr = "NgramBin_2 3\n";
    if (len < strlen(hdr) || memcmp(buf, hdr, strlen(hdr)) != 0)
        die("%s: not a festival trigram file (header \"NgramBin_2 3\")", path);
    char *p = buf + strlen(hdr);
    char *nl = memchr(p, '\n', len - (size_t)(p - buf));
    if (!nl) die("%s: truncated vocabulary", path);
    ntags = read_tag_line(p, (size_t)(nl - p), tagname, ENT_TM_MAX_TAGS);
    p = nl + 1;
    nl = memchr(p, '\n', len - (size_t)(p - buf));
    if (!nl) die("%s: truncated predicted vocabulary", path);
    char pred[ENT_TM_MAX_TAGS][8];
    int npred = read_tag_line(p, (size_t)(nl - p), pred, ENT_TM_MAX_TAGS);
    if (npred != ntags || ntags < 10) die("%s: vocabularies differ", path);
    for (int i = 0; i < ntags; i++)
        if (strcmp(pred[i], tagname[i]) != 0) die("%s: vocabularies differ", path);
    p = nl + 1;
    const unsigned char *q = (const unsigned char *)p, *end = (const unsigned char *)buf + len;
    size_t want = (size_t)ntags * ntags * ntags, n = 0;
    c3 = xmalloc(want * sizeof *c3);
    double last = 0;
    while (q + 8 <= end) {
        double v = get_be_double(q);
        q += 8;
        if (v < 0) {
            if (n == 0) die("%s: run length before any value", path);
            double k = -v;
            if (k != floor(k) || k < 2 || n + (size_t)k - 1 > want)
                die("%s: bad run length %g", path, v);
            for (size_t i = 1; i < (size_t)k; i++) c3[n++] = last;
        } else {
            if (n == want) die("%s: more counts than %zu", path, want);
            c3[n++] = last = v;
        }
    }
    if (q != end || n != want)
        die("%s: %zu counts for %d tags (want %zu)", path, n, ntags, want);
    free(buf);
}

/* ---- lexicon ------------------------------------------------------------ */

typedef struct lexent {
    uint8_t tag;
    float logp;
} lexent;

typedef struct word {
    char *s;
    int nlex;
    lexent lex[ENT_TM_MAX_TAGS];
} word;

static word *words;
static int nwords;

static int cmp_word(const void *a, const void *b) {
    return strcmp(((const word *)a)->s, ((const word *)b)->s);
}

/* Lines: ("word" ((tag logprob) (tag logprob) ...) () ) */
static void read_lexicon(const char *path) {
    size_t len;
    char *buf = slurp(path, &len);
    int cap = 0;
    long lineno = 0;
    char *line = buf;
    while (line < buf + len) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        lineno++;
        char *next = nl ? nl + 1 : buf + len;
        if (strncmp(line, "(\"", 2) != 0) {   /* the MNCL header, blank lines */
            line = next;
            continue;
        }
        char *w = line + 2;
        char *close = strstr(w, "\" ((");
        if (!close || close == w) die("%s:%ld: malformed entry", path, lineno);
        *close = '\0';
        if (nwords == cap) {
            cap = cap ? cap * 2 : 4096;
            words = xrealloc(words, (size_t)cap * sizeof *words);
        }
        word *wd = &words[nwords];
        memset(wd, 0, sizeof *wd);
        char *r = close + 3;   /* at "(" of the first pair */
        for (;;) {
            while (*r == ' ') r++;
            if (*r == ')') break;
            if (*r != '(') die("%s:%ld: malformed tag list", path, lineno);
            char tname[16];
            double lp;
            int used = 0;
            if (sscanf(r, "(%15[^ )] %lf)%n", tname, &lp, &used) != 2 || used == 0)
                die("%s:%ld: malformed tag pair", path, lineno);
            r += used;
            int t = tag_index(tname);
            if (t < 0) die("%s:%ld: tag \"%s\" not in the trigram model", path, lineno, tname);
            /* "1" and "2" are stray classes in this model, not Penn tags;
             * they are never proposed. */
            if (strcmp(tname, "1") == 0 || strcmp(tname, "2") == 0) continue;
            if (wd->nlex == ENT_TM_MAX_TAGS) die("%s:%ld: too many tags", path, lineno);
            wd->lex[wd->nlex].tag = (uint8_t)t;
            wd->lex[wd->nlex].logp = (float)lp;
            wd->nlex++;
        }
        if (wd->nlex > 0) {
            size_t wl = strlen(w);
            wd->s = xmalloc(wl + 1);
            memcpy(wd->s, w, wl + 1);
            nwords++;
        }
        line = next;
    }
    if (nwords < 10000) die("%s: only %d words: not the festival WSJ lexicon?", path, nwords);
    qsort(words, (size_t)nwords, sizeof *words, cmp_word);
    for (int i = 1; i < nwords; i++)
        if (strcmp(words[i - 1].s, words[i].s) == 0) die("%s: duplicate word %s", path, words[i].s);
    free(buf);
}

/* ---- output ------------------------------------------------------------- */

static FILE *out;

static char *pool;
static size_t pool_len, pool_cap;

static uint32_t pool_add(const char *s, size_t n) {
    if (pool_len + n + 1 > pool_cap) {
        pool_cap = (pool_len + n + 1) * 2;
        pool = xrealloc(pool, pool_cap);
    }
    uint32_t off = (uint32_t)pool_len;
    memcpy(pool + pool_len, s, n);
    pool[pool_len + n] = '\0';
    pool_len += n + 1;
    return off;
}

static void emit_float(double v) {
    if (v < -60) v = -60;
    fprintf(out, "%.5ff", v);
}

/* Open addressing, linear probing; slots hold index + 1 (16 bits). */
static uint32_t *build_hash(uint32_t size, int n, const uint32_t *str) {
    if (n >= 65535) die("%d entries: too many for 16-bit hash slots", n);
    uint32_t *h = xmalloc(size * sizeof *h);
    for (int i = 0; i < n; i++) {
        const char *s = pool + str[i];
        uint32_t k = ent_tm_hash(s, strlen(s)) & (size - 1);
        while (h[k]) k = (k + 1) & (size - 1);
        h[k] = (uint32_t)i + 1;
    }
    return h;
}

static void emit_array(const char *type, const char *name, const uint32_t *a, size_t n) {
    fprintf(out, "const %s %s[] = {", type, name);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s%u,", i % 12 ? "" : "\n", a[i]);
    fprintf(out, "\n};\n");
}

/* ---- suffix model for unknown words ----------------------------------- */

/* Open-class tags an unknown word may take. */
static const char *unk_names[] = {"nn", "nns", "nnp", "nnps", "jj", "jjr", "jjs", "rb",
                                  "vb", "vbd", "vbg", "vbn", "vbp", "vbz", "cd", "fw"};
#define NUNK ((int)(sizeof unk_names / sizeof unk_names[0]))

typedef struct sfx {
    char key[ENT_TM_SUFFIX_MAX + 2];   /* model letter + suffix */
    double cnt[NUNK];
    double total;
} sfx;

static sfx *sfxs;
static int nsfx, sfx_cap;
static uint32_t *sfx_index;   /* scratch hash over sfxs while counting */
static uint32_t sfx_index_size;

static sfx *sfx_get(const char *key) {
    size_t kl = strlen(key);
    uint32_t k = ent_tm_hash(key, kl) & (sfx_index_size - 1);
    while (sfx_index[k]) {
        sfx *s = &sfxs[sfx_index[k] - 1];
        if (strcmp(s->key, key) == 0) return s;
        k = (k + 1) & (sfx_index_size - 1);
    }
    if (nsfx == sfx_cap) {
        sfx_cap = sfx_cap ? sfx_cap * 2 : 4096;
        sfxs = xrealloc(sfxs, (size_t)sfx_cap * sizeof *sfxs);
    }
    if ((uint32_t)nsfx * 2 >= sfx_index_size) die("suffix table full");
    sfx *s = &sfxs[nsfx];
    memset(s, 0, sizeof *s);
    memcpy(s->key, key, kl + 1);
    sfx_index[k] = (uint32_t)++nsfx;
    return s;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s POSLEXR NGRAMBIN OUT.c\n", prog);
        return 2;
    }
    read_ngram(argv[2]);
    read_lexicon(argv[1]);

    int T = ntags;
    /* Marginals: history counts h2(a,b) = sum_c c3, bigrams c2(b,c) =
     * sum_a c3, their history h1(b), unigrams c1(c), total n. */
    double *h2 = xmalloc((size_t)T * T * sizeof *h2), *c2 = xmalloc((size_t)T * T * sizeof *c2);
    double *h1 = xmalloc((size_t)T * sizeof *h1), *c1 = xmalloc((size_t)T * sizeof *c1), n = 0;
    for (int a = 0; a < T; a++)
        for (int b = 0; b < T; b++)
            for (int c = 0; c < T; c++) {
                double v = c3[((size_t)a * T + b) * T + c];
                h2[a * T + b] += v;
                c2[b * T + c] += v;
                h1[b] += v;
                c1[c] += v;
                n += v;
            }
    if (n <= 0) die("trigram counts are all zero");

    /* Interpolation weights by deleted interpolation (Brants, TnT): each
     * trigram votes, with its count, for the estimate that predicts it best
     * when that one occurrence is held out. */
    double l1 = 0, l2 = 0, l3 = 0;
    for (int a = 0; a < T; a++)
        for (int b = 0; b < T; b++)
            for (int c = 0; c < T; c++) {
                double v = c3[((size_t)a * T + b) * T + c];
                if (v < 1) continue;
                double e3 = h2[a * T + b] > 1 ? (v - 1) / (h2[a * T + b] - 1) : 0;
                double e2 = h1[b] > 1 ? (c2[b * T + c] - 1) / (h1[b] - 1) : 0;
                double e1 = (c1[c] - 1) / (n - 1);
                if (e3 >= e2 && e3 >= e1) l3 += v;
                else if (e2 >= e1) l2 += v;
                else l1 += v;
            }
    double ls = l1 + l2 + l3;
    l1 /= ls; l2 /= ls; l3 /= ls;
    /* Keep every estimate in play, so no trigram has probability zero. */
    if (l1 < 0.01) { l1 = 0.01; }
    ls = l1 + l2 + l3;
    l1 /= ls; l2 /= ls; l3 /= ls;

    out = fopen(argv[3], "w");
    if (!out) die("cannot write %s: %s", argv[3], strerror(errno));
    fprintf(out, "/* Generated by scripts/gen-tagger-model.c from festlex-poslex's\n"
                 " * wsj.wp39.poslexR and wsj.wp39.tri.ngrambin: do not edit.\n"
                 " * Trigram weights: unigram %.4f, bigram %.4f, trigram %.4f. */\n",
            l1, l2, l3);
    fprintf(out, "#include \"tagger.h\"\n\n");
    fprintf(out, "const int ent_tm_ntags = %d;\n", T);
    fprintf(out, "const char ent_tm_tag_names[][8] = {");
    for (int i = 0; i < T; i++) fprintf(out, "\"%s\",", tagname[i]);
    fprintf(out, "};\n\n");

    fprintf(out, "const float ent_tm_trans[] = {");
    for (int a = 0; a < T; a++)
        for (int b = 0; b < T; b++)
            for (int c = 0; c < T; c++) {
                double p = l1 * c1[c] / n;
                if (h1[b] > 0) p += l2 * c2[b * T + c] / h1[b];
                if (h2[a * T + b] > 0) p += l3 * c3[((size_t)a * T + b) * T + c] / h2[a * T + b];
                else if (h1[b] > 0) p += l3 * c2[b * T + c] / h1[b];
                else p += l3 * c1[c] / n;
                if (!(p > 0)) die("zero trigram probability");
                fprintf(out, "%s", c % 8 ? "" : "\n");
                emit_float(log(p));
                fputc(',', out);
            }
    fprintf(out, "\n};\n\n");

    /* Lexicon. */
    uint32_t *wstr = xmalloc((size_t)nwords * sizeof *wstr);
    uint32_t *wlex = xmalloc(((size_t)nwords + 1) * sizeof *wlex);
    uint32_t nl = 0;
    for (int i = 0; i < nwords; i++) {
        wstr[i] = pool_add(words[i].s, strlen(words[i].s));
        wlex[i] = nl;
        nl += (uint32_t)words[i].nlex;
    }
    wlex[nwords] = nl;
    fprintf(out, "const int ent_tm_nwords = %d;\n", nwords);
    emit_array("uint32_t", "ent_tm_word_str", wstr, (size_t)nwords);
    emit_array("uint32_t", "ent_tm_word_lex", wlex, (size_t)nwords + 1);
    fprintf(out, "const uint8_t ent_tm_lex_tag[] = {");
    for (int i = 0, k = 0; i < nwords; i++)
        for (int j = 0; j < words[i].nlex; j++, k++)
            fprintf(out, "%s%d,", k % 20 ? "" : "\n", words[i].lex[j].tag);
    fprintf(out, "\n};\nconst float ent_tm_lex_logp[] = {");
    for (int i = 0, k = 0; i < nwords; i++)
        for (int j = 0; j < words[i].nlex; j++, k++) {
            fputs(k % 8 ? "" : "\n", out);
            emit_float(words[i].lex[j].logp);
            fputc(',', out);
        }
    fprintf(out, "\n};\n");
    uint32_t wh = 1;
    while (wh < (uint32_t)nwords * 2) wh <<= 1;
    uint32_t *whash = build_hash(wh, nwords, wstr);
    fprintf(out, "const uint32_t ent_tm_word_hash_size = %u;\n", wh);
    emit_array("uint16_t", "ent_tm_word_hash", whash, wh);

    /* Suffix model.  Rare words stand in for unknown ones (their tag mix is
     * what an unseen word's is likely to be).  Counts are recovered from
     * P(word|tag) * count(tag).  Model 'l': the word as a common word (its
     * proper-noun uses left out); model 'c': words seen as proper nouns,
     * with all their uses, for capitalised unknown words. */
    int unk[NUNK];
    for (int u = 0; u < NUNK; u++)
        if ((unk[u] = tag_index(unk_names[u])) < 0) die("tag %s missing from the model", unk_names[u]);
    int t_nnp = tag_index("nnp"), t_nnps = tag_index("nnps");
    sfx_index_size = 1 << 20;
    sfx_index = xmalloc(sfx_index_size * sizeof *sfx_index);
    for (int i = 0; i < nwords; i++) {
        const word *w = &words[i];
        double cnt[ENT_TM_MAX_TAGS] = {0}, tot = 0;
        int proper = 0;
        for (int j = 0; j < w->nlex; j++) {
            cnt[w->lex[j].tag] = exp(w->lex[j].logp) * c1[w->lex[j].tag];
            tot += cnt[w->lex[j].tag];
            if (w->lex[j].tag == t_nnp || w->lex[j].tag == t_nnps) proper = 1;
        }
        if (tot > 10) continue;
        size_t wl = strlen(w->s);
        for (int m = 0; m < 2; m++) {
            if (m == 1 && !proper) continue;
            char key[ENT_TM_SUFFIX_MAX + 2];
            key[0] = m ? 'c' : 'l';
            for (size_t sl = 0; sl <= ENT_TM_SUFFIX_MAX && sl <= wl; sl++) {
                memcpy(key + 1, w->s + wl - sl, sl);
                key[1 + sl] = '\0';
                sfx *s = sfx_get(key);
                for (int u = 0; u < NUNK; u++) {
                    int t = unk[u];
                    if (m == 0 && (t == t_nnp || t == t_nnps)) continue;
                    s->cnt[u] += cnt[t];
                    s->total += cnt[t];
                }
            }
        }
    }
    /* TnT's recursive smoothing: P(t|s_i) = (P^(t|s_i) + theta P(t|s_{i-1}))
     * / (1 + theta), theta the standard deviation of the tag probabilities. */
    double pu[NUNK], pu_tot = 0;
    for (int u = 0; u < NUNK; u++) pu_tot += c1[unk[u]];
    double mean = 1.0 / NUNK, var = 0;
    for (int u = 0; u < NUNK; u++) {
        pu[u] = c1[unk[u]] / pu_tot;
        var += (pu[u] - mean) * (pu[u] - mean);
    }
    double theta = sqrt(var / (NUNK - 1));
    /* Keep suffixes seen often enough to say something; the tagger backs
     * off to the longest suffix kept. */
    typedef struct { double p[NUNK]; } dist;
    dist *sm = xmalloc((size_t)nsfx * sizeof *sm);
    int *keep = xmalloc((size_t)nsfx * sizeof *keep);
    uint32_t *sstr = xmalloc((size_t)nsfx * sizeof *sstr);
    int nkeep = 0;
    for (size_t sl = 0; sl <= ENT_TM_SUFFIX_MAX; sl++)
        for (int i = 0; i < nsfx; i++) {
            sfx *s = &sfxs[i];
            if (strlen(s->key) != sl + 1) continue;
            const double *parent = pu;
            if (sl > 0) {
                char pk[ENT_TM_SUFFIX_MAX + 2];
                pk[0] = s->key[0];
                memcpy(pk + 1, s->key + 2, sl);   /* drop the first suffix byte */
                const sfx *ps = sfx_get(pk);
                parent = sm[ps - sfxs].p;
            }
            for (int u = 0; u < NUNK; u++) {
                double ph = s->total > 0 ? s->cnt[u] / s->total : 0;
                sm[i].p[u] = sl == 0 && s->total > 0 ? ph : (ph + theta * parent[u]) / (1 + theta);
                if (sl == 0 && s->total <= 0) sm[i].p[u] = parent[u];
            }
            keep[i] = sl == 0 || s->total >= 2.0;
            if (keep[i]) nkeep++;
        }
    fprintf(out, "const int ent_tm_nunk = %d;\nconst uint8_t ent_tm_unk_tags[] = {", NUNK);
    for (int u = 0; u < NUNK; u++) fprintf(out, "%d,", unk[u]);
    fprintf(out, "};\n");
    fprintf(out, "const int ent_tm_nsuffixes = %d;\nconst ent_tm_suffix ent_tm_suffixes[] = {\n", nkeep);
    int k = 0;
    for (int i = 0; i < nsfx; i++) {
        if (!keep[i]) continue;
        sstr[k++] = pool_add(sfxs[i].key, strlen(sfxs[i].key));
        fprintf(out, "{%u,{", sstr[k - 1]);
        for (int u = 0; u < NUNK; u++) {
            double p = sm[i].p[u];
            double q = p > 0 ? (log(p) - log(pu[u])) * ENT_TM_LOGR_SCALE : -1000;
            q = q < -127 ? -127 : q > 127 ? 127 : q;
            fprintf(out, "%d,", (int)lround(q));
        }
        fprintf(out, "}},\n");
    }
    fprintf(out, "};\n");
    uint32_t sh = 1;
    while (sh < (uint32_t)nkeep * 2) sh <<= 1;
    uint32_t *shash = build_hash(sh, nkeep, sstr);
    fprintf(out, "const uint32_t ent_tm_suffix_hash_size = %u;\n", sh);
    emit_array("uint16_t", "ent_tm_suffix_hash", shash, sh);

    /* The pool last: every string is in it now. */
    fprintf(out, "const char ent_tm_pool[] =");
    for (size_t i = 0; i < pool_len; i++) {
        if (i % 64 == 0) fprintf(out, "\n\"");
        unsigned char ch = (unsigned char)pool[i];
        if (ch == '"' || ch == '\\') fprintf(out, "\\%c", ch);
        else if (ch >= 32 && ch < 127 && ch != '?') fputc(ch, out);
        else fprintf(out, "\\%03o", ch);
        if (i % 64 == 63 || i + 1 == pool_len) fputc('"', out);
    }
    fprintf(out, ";\n");
    if (fclose(out) != 0) die("cannot write %s", argv[3]);
    return 0;
}
