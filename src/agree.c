/* agree.c -- agreement of two codings or two parses; see agree.h.
 *
 * Both measures are there to tell who is wrong, not to be fast: they run
 * once per record of a validation file, so they allocate freely and keep
 * to plain arrays, sorting and merging.
 *
 * Bracket spans are measured in characters rather than tokens because the
 * two parses come from different tokenizers: Stanford's and ours cut
 * "cannot", "U.S." at the end of a sentence or a dash differently, and a
 * token-index span would then disagree on every constituent after the
 * first difference although the trees are the same.  Punctuation is left
 * out before the characters are counted (as EVALB deletes it), so an extra
 * "." token after "U.S." changes nothing.
 */
#include "agree.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- The other coder's events ------------------------------------------ */

static int cmp_event(const void *a, const void *b) {
    const ent_agree_event *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (!c) c = strcmp(x->source, y->source);
    if (!c) c = strcmp(x->target, y->target);
    if (!c) c = strcmp(x->code, y->code);
    return c;
}

enum { COL_ID, COL_SOURCE, COL_TARGET, COL_CODE, N_COLS };

/* Splits line[0..n) at tabs into f (at most cap fields, each its start and
 * length); returns the number of fields. */
static int split_tabs(const char *line, size_t n, const char **f, size_t *len, int cap) {
    int k = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n && k < cap; i++) {
        if (i < n && line[i] != '\t') continue;
        f[k] = line + b;
        len[k] = i - b;
        k++;
        b = i + 1;
    }
    return k;
}

/* Column of each of the n_names wanted names in a header line (a name
 * may have an alternative after '|': "id|doc"); 0 when all were found. */
static int header_columns_of(const char *line, size_t n, const char *const *names, int n_names,
                             int *col) {
    while (n > 0 && (*line == '#' || *line == ' ')) line++, n--;
    const char *f[64];
    size_t len[64];
    int k = split_tabs(line, n, f, len, 64);
    for (int c = 0; c < n_names; c++) col[c] = -1;
    for (int i = 0; i < k; i++) {
        size_t l = len[i];
        while (l > 0 && (f[i][l - 1] == '\r' || f[i][l - 1] == ' ')) l--;
        for (int c = 0; c < n_names; c++) {
            if (col[c] >= 0) continue;
            int hit = 0;
            for (const char *a = names[c]; *a && !hit;) {
                size_t al = strcspn(a, "|");
                hit = al == l && !strncmp(a, f[i], l);
                a += al + (a[al] == '|');
            }
            if (hit) {
                col[c] = i;
                break;
            }
        }
    }
    for (int c = 0; c < n_names; c++)
        if (col[c] < 0) return -1;
    return 0;
}

/* One line of a tab-separated file after its header: its fields (f, fl,
 * k of them) and the column of each wanted name.  Returns 0, 1 when the
 * line was reported and skipped, -1 when out of memory. */
typedef int (*tsv_row)(void *user, const char *const *f, const size_t *fl, const int *col,
                       const char *path, long line, ent_diags *d);

/* Read `path`: blank lines and lines starting with "#" before the header
 * are passed over (the header itself may start with "#"), then each line
 * goes to row(); `what` names the file's contents in messages ("the
 * events"), `one` a line of it ("an event line"), `columns` the wanted
 * names.  0, or -1 (message in d) when the file cannot be read, has no
 * header or memory runs out. */
static int read_tsv(const char *path, const char *const *names, int n_names, const char *what,
                    const char *one, const char *columns, tsv_row row, void *user, ent_diags *d) {
    int col[16];
    if (n_names > (int)(sizeof col / sizeof *col)) return -1;
    size_t len;
    char *buf = ent_read_file(path, &len);
    if (!buf) {
        ent_diag(d, path, 0, "cannot read %s: %s", what, ent_strerror(errno));
        return -1;
    }
    int have_header = 0, rc = 0;
    long line = 0;
    for (size_t b = 0; b < len && rc == 0;) {
        const char *s = buf + b;
        const char *nl = memchr(s, '\n', len - b);
        size_t n = nl ? (size_t)(nl - s) : len - b;
        b += n + 1;
        line++;
        if (n > 0 && s[n - 1] == '\r') n--;
        if (!have_header) {
            if (n == 0) continue;
            if (header_columns_of(s, n, names, n_names, col) == 0) {
                have_header = 1;
            } else if (s[0] != '#') {
                ent_diag(d, path, line, "no header line naming the columns %s before the first line",
                         columns);
                rc = -1;
            }
            continue;
        }
        if (n == 0 || s[0] == '#') continue;
        const char *f[64];
        size_t fl[64];
        int k = split_tabs(s, n, f, fl, 64);
        int need = 0;
        for (int c = 0; c < n_names; c++)
            if (col[c] > need) need = col[c];
        if (k <= need) {
            ent_diag(d, path, line, "%s with %d fields, fewer than the header's; skipped", one, k);
            continue;
        }
        if (row(user, f, fl, col, path, line, d) < 0) {
            ent_diag(d, path, line, "out of memory");
            rc = -1;
        }
    }
    if (rc == 0 && !have_header) {
        ent_diag(d, path, line, "no header line naming the columns %s", columns);
        rc = -1;
    }
    free(buf);
    return rc;
}

/* Append the strings f[col[c]] to the arena, into slot[c]. */
static int keep_fields(ent_arena *a, const char *const *f, const size_t *fl, const int *col,
                       const char **const *slot, int n) {
    for (int c = 0; c < n; c++) {
        if (!slot[c]) continue;
        *slot[c] = ent_arena_strndup(a, f[col[c]], fl[col[c]]);
        if (!*slot[c]) return -1;
    }
    return 0;
}

struct events_read {
    ent_agree_events *e;
    ent_vec v;
};

static int event_row(void *user, const char *const *f, const size_t *fl, const int *col,
                     const char *path, long line, ent_diags *d) {
    (void)path;
    (void)d;
    struct events_read *r = user;
    ent_agree_event *x = ent_vec_push(&r->v);
    if (!x) return -1;
    memset(x, 0, sizeof *x);
    x->line = line;
    const char **const slot[N_COLS] = {&x->id, &x->source, &x->target, &x->code};
    return keep_fields(&r->e->arena, f, fl, col, slot, N_COLS);
}

int ent_agree_read_events(ent_agree_events *e, const char *path, ent_diags *d) {
    static const char *const names[N_COLS] = {"id|doc", "source", "target", "code"};
    memset(e, 0, sizeof *e);
    ent_arena_init(&e->arena, 16 * 1024);
    struct events_read r = {.e = e};
    ent_vec_init(&r.v, sizeof(ent_agree_event));
    if (read_tsv(path, names, N_COLS, "the events", "an event line",
                 "id (or doc), source, target and code", event_row, &r, d) < 0) {
        ent_vec_free(&r.v);
        ent_agree_events_free(e);
        return -1;
    }
    e->ev = r.v.items;
    e->n = r.v.len;
    if (e->n > 1) qsort(e->ev, e->n, sizeof *e->ev, cmp_event);
    /* a record's events are a set: drop repeats */
    size_t k = 0;
    for (size_t i = 0; i < e->n; i++)
        if (k == 0 || cmp_event(&e->ev[k - 1], &e->ev[i])) e->ev[k++] = e->ev[i];
    e->n = k;
    return 0;
}

void ent_agree_events_free(ent_agree_events *e) {
    free(e->ev);
    e->ev = NULL;
    e->n = 0;
    ent_arena_free(&e->arena);
}

size_t ent_agree_find(const ent_agree_events *e, const char *id, size_t *first) {
    size_t lo = 0, hi = e->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(e->ev[mid].id, id) < 0) lo = mid + 1;
        else hi = mid;
    }
    *first = lo;
    size_t k = lo;
    while (k < e->n && !strcmp(e->ev[k].id, id)) k++;
    return k - lo;
}

/* ---- Judgements of the disagreements ---------------------------------- */

enum { JCOL_ID, JCOL_SIDE, JCOL_EVENT, JCOL_VERDICT, JCOL_REASON, N_JCOLS };

static int cmp_judgement(const void *a, const void *b) {
    const ent_agree_judgement *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (!c) c = y->entente_side - x->entente_side;
    if (!c) c = strcmp(x->event, y->event);
    return c;
}

/* Whether s[0..n) ends with suffix (and has something before it). */
static int ends_with(const char *s, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n > k && !strncmp(s + n - k, suffix, k);
}

#define IS_WORD(s, n, w) ((n) == strlen(w) && !strncmp((s), (w), (n)))

struct judgements_read {
    ent_agree_judgements *j;
    ent_vec v;
};

static int judgement_row(void *user, const char *const *f, const size_t *fl, const int *col,
                         const char *path, long line, ent_diags *d) {
    struct judgements_read *r = user;
    const char *side = f[col[JCOL_SIDE]], *verdict = f[col[JCOL_VERDICT]];
    size_t sl = fl[col[JCOL_SIDE]], vl = fl[col[JCOL_VERDICT]];
    if (!ends_with(side, sl, "-only")) {
        ent_diag(d, path, line, "side '%.*s' is neither entente-only nor OTHER-only; skipped",
                 (int)sl, side);
        return 1;
    }
    if (!ends_with(verdict, vl, "-right") && !IS_WORD(verdict, vl, "both-wrong") &&
        !IS_WORD(verdict, vl, "open")) {
        ent_diag(d, path, line,
                 "verdict '%.*s' is none of entente-right, OTHER-right, both-wrong, open; skipped",
                 (int)vl, verdict);
        return 1;
    }
    ent_agree_judgement *x = ent_vec_push(&r->v);
    if (!x) return -1;
    memset(x, 0, sizeof *x);
    x->entente_side = IS_WORD(side, sl, "entente-only");
    x->line = line;
    ent_agree_judgements *j = r->j;
    if (!x->entente_side && !j->other[0] && sl - 5 < sizeof j->other)
        memcpy(j->other, side, sl - 5);   /* the name before "-only" */
    const char **const slot[N_JCOLS] = {&x->id, NULL, &x->event, &x->verdict, &x->reason};
    return keep_fields(&j->arena, f, fl, col, slot, N_JCOLS);
}

int ent_agree_read_judgements(ent_agree_judgements *j, const char *path, ent_diags *d) {
    static const char *const names[N_JCOLS] = {"id", "side", "event", "verdict", "reason"};
    memset(j, 0, sizeof *j);
    ent_arena_init(&j->arena, 16 * 1024);
    struct judgements_read r = {.j = j};
    ent_vec_init(&r.v, sizeof(ent_agree_judgement));
    if (read_tsv(path, names, N_JCOLS, "the judgements", "a judgement line",
                 "id, side, event, verdict and reason", judgement_row, &r, d) < 0) {
        ent_vec_free(&r.v);
        ent_agree_judgements_free(j);
        return -1;
    }
    if (!j->other[0]) strcpy(j->other, "other");
    j->j = r.v.items;
    j->n = r.v.len;
    if (j->n > 1) qsort(j->j, j->n, sizeof *j->j, cmp_judgement);
    return 0;
}

void ent_agree_judgements_free(ent_agree_judgements *j) {
    free(j->j);
    j->j = NULL;
    j->n = 0;
    ent_arena_free(&j->arena);
}

ent_agree_judgement *ent_agree_judged(ent_agree_judgements *j, const char *id, int entente_side,
                                      const char *event) {
    ent_agree_judgement key = {.id = id, .entente_side = entente_side, .event = event};
    ent_agree_judgement *x =
        j->n ? bsearch(&key, j->j, j->n, sizeof *j->j, cmp_judgement) : NULL;
    if (x) x->used = 1;
    return x;
}

/* ---- Brackets ----------------------------------------------------------- */

/* The characters a token stands for: Treebank escapes read back, letters
 * folded to lower case; into out (cap > 1), NUL-terminated. */
static void token_chars(const char *tok, char *out, size_t cap) {
    static const char *const esc[][2] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["},
                                         {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
                                         {"``", "\""},   {"''", "\""}};
    for (size_t i = 0; i < sizeof esc / sizeof esc[0]; i++)
        if (!strcasecmp(tok, esc[i][0])) {
            snprintf(out, cap, "%s", esc[i][1]);
            return;
        }
    size_t k = 0;
    for (const char *p = tok; *p && k + 1 < cap; p++) {
        if (*p == '\\' && (p[1] == '/' || p[1] == '*')) continue;   /* "\/" is "/" */
        char c = *p == '`' ? '\'' : *p;
        out[k++] = (char)tolower((unsigned char)c);
    }
    out[k] = '\0';
}

/* Punctuation as EVALB deletes it (commas, stops, colons, quotes, dashes),
 * told by the characters, not the tag, since the two tags may differ. */
static int is_punct(const char *chars) {
    if (!*chars) return 1;
    for (const char *p = chars; *p; p++)
        if (!strchr(",.:;!?'\"-", *p)) return 0;
    return 1;
}

typedef struct bracket {
    char label[12];
    int32_t b, e;   /* characters */
} bracket;

static int cmp_bracket(const void *a, const void *b) {
    const bracket *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    if (!c) c = x->b < y->b ? -1 : x->b > y->b;
    if (!c) c = x->e < y->e ? -1 : x->e > y->e;
    return c;
}

/* One tree seen as characters: the words (punctuation left out) written
 * one after another, each token's character span, its normalised form,
 * and its brackets. */
typedef struct tview {
    ent_buf chars;
    int32_t *cb, *ce;        /* per token; punctuation: empty, at its place */
    char (*norm)[32];
    bracket *br;
    int n_br;
} tview;

static void tview_free(tview *v) {
    ent_buf_free(&v->chars);
    free(v->cb);
    free(v->ce);
    free(v->norm);
    free(v->br);
}

/* A constituent label without function tags or indices; PRT is counted as
 * ADVP, as EVALB's usual parameters do, since parsers disagree on it
 * without meaning anything different. */
static void base_label(const char *label, char *out, size_t cap) {
    size_t n = 0;
    while (label[n] && n + 1 < cap && (n == 0 || (label[n] != '-' && label[n] != '='))) n++;
    snprintf(out, cap, "%.*s", (int)n, label);
    if (!strcmp(out, "PRT")) snprintf(out, cap, "ADVP");
}

static int tview_build(tview *v, const ent_tree *t) {
    memset(v, 0, sizeof *v);
    size_t nt = t->n_tokens > 0 ? (size_t)t->n_tokens : 1;
    size_t nn = t->n_nodes > 0 ? (size_t)t->n_nodes : 1;
    v->cb = malloc(nt * sizeof *v->cb);
    v->ce = malloc(nt * sizeof *v->ce);
    v->norm = malloc(nt * sizeof *v->norm);
    v->br = malloc(nn * sizeof *v->br);
    if (!v->cb || !v->ce || !v->norm || !v->br) return -1;
    for (int32_t i = 0; i < t->n_tokens; i++) {
        token_chars(t->tokens[i].text ? t->tokens[i].text : "", v->norm[i], sizeof v->norm[i]);
        v->cb[i] = (int32_t)v->chars.len;
        if (!is_punct(v->norm[i]) && ent_buf_puts(&v->chars, v->norm[i]) < 0) return -1;
        v->ce[i] = (int32_t)v->chars.len;
    }
    for (int32_t i = 0; i < t->n_nodes; i++) {
        const ent_node *nd = &t->nodes[i];
        if (nd->kind == ENT_N_LEAF) continue;
        /* the outer bracket (ROOT, TOP or unlabelled) says nothing */
        if (nd->parent < 0 && (!nd->label[0] || !strcmp(nd->label, "ROOT") ||
                               !strcmp(nd->label, "TOP")))
            continue;
        int32_t first = -1, last = -1;
        for (int32_t k = nd->begin; k < nd->end && k < t->n_tokens; k++) {
            if (v->cb[k] == v->ce[k]) continue;
            if (first < 0) first = k;
            last = k;
        }
        if (first < 0) continue;   /* only punctuation, or empty */
        bracket *b = &v->br[v->n_br++];
        base_label(nd->label, b->label, sizeof b->label);
        b->b = v->cb[first];
        b->e = v->ce[last];
    }
    if (v->n_br > 1) qsort(v->br, (size_t)v->n_br, sizeof *v->br, cmp_bracket);
    return 0;
}

int ent_parseval_add(ent_parseval *sum, ent_parseval *one, const ent_tree *gold,
                     const ent_tree *test) {
    ent_parseval me = {0};
    tview g, t;
    int rc = tview_build(&g, gold);
    int rc2 = rc == 0 ? tview_build(&t, test) : (memset(&t, 0, sizeof t), -1);
    if (rc < 0 || rc2 < 0) {
        tview_free(&g);
        tview_free(&t);
        return -1;
    }
    if (g.chars.len != t.chars.len ||
        (g.chars.len && memcmp(g.chars.data, t.chars.data, g.chars.len))) {
        me.skipped = 1;
        rc = 1;
        size_t k = 0;
        while (k < g.chars.len && k < t.chars.len && g.chars.data[k] == t.chars.data[k]) k++;
        size_t from = k > 8 ? k - 8 : 0;
        snprintf(me.differ, sizeof me.differ, "at character %zu: '%.30s' against '%.30s'", k,
                 g.chars.len > from ? g.chars.data + from : "",
                 t.chars.len > from ? t.chars.data + from : "");
    } else {
        me.scored = 1;
        me.gold = g.n_br;
        me.test = t.n_br;
        /* multiset intersection of two sorted lists */
        for (int i = 0, j = 0; i < g.n_br && j < t.n_br;) {
            int c = cmp_bracket(&g.br[i], &t.br[j]);
            if (c == 0) me.matched++, i++, j++;
            else if (c < 0) i++;
            else j++;
        }
        int same = gold->n_tokens == test->n_tokens;
        for (int32_t i = 0; same && i < gold->n_tokens; i++)
            same = !strcmp(g.norm[i], t.norm[i]);
        if (same) {
            me.tags = gold->n_tokens;
            for (int32_t i = 0; i < gold->n_tokens; i++)
                me.tags_right += !strcmp(gold->tokens[i].tag, test->tokens[i].tag);
        } else {
            me.tok_differ = 1;
        }
    }
    tview_free(&g);
    tview_free(&t);
    sum->matched += me.matched;
    sum->test += me.test;
    sum->gold += me.gold;
    sum->tags_right += me.tags_right;
    sum->tags += me.tags;
    sum->scored += me.scored;
    sum->skipped += me.skipped;
    sum->tok_differ += me.tok_differ;
    if (one) *one = me;
    return rc;
}

double ent_parseval_precision(const ent_parseval *p) {
    return p->test ? (double)p->matched / (double)p->test : 0.0;
}

double ent_parseval_recall(const ent_parseval *p) {
    return p->gold ? (double)p->matched / (double)p->gold : 0.0;
}

double ent_agree_f1(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

double ent_parseval_f1(const ent_parseval *p) {
    return ent_agree_f1(ent_parseval_precision(p), ent_parseval_recall(p));
}

double ent_parseval_tag_accuracy(const ent_parseval *p) {
    return p->tags ? (double)p->tags_right / (double)p->tags : 0.0;
}
