/* dict_verbs.c -- the verb-pattern dictionary loader, for both file forms.
 *
 * A verb file is synsets (&NAME, then +MEMBER lines) and verb blocks
 * ("--- NAME [CODE] ---", verb lines, then "- ... * ... [CODE]" pattern
 * lines).  The PETRARCH-1 and PETRARCH-2 forms share that shape; the
 * second adds ( ) and { } brackets inside patterns, which simply become
 * bracket elements, so one parser reads both.
 *
 * Design: the file is read once into one buffer and parsed in place.
 * XML comments are blanked out first (they may span lines), then two passes
 * run over the lines.  The first only registers synset names, so a pattern
 * or a nested member may name a synset that is defined further down, and so
 * a pattern token such as &FIGHT_OF_WORDS can be resolved by the longest
 * known name rather than by guessing where the name ends.  The second pass
 * builds everything through the dict.c builder calls; per-line work uses
 * stack scratch space and the dictionary arena, never malloc.  Nested synset
 * members (+&OTHER) are expanded after the second pass, when every synset's
 * own members are known, in dependency order with cycle detection.
 *
 * Every problem is a message naming file:line; the line is skipped (or,
 * where the intent is plain, read as intended) and loading goes on unless
 * the caller asked to stop at the first message.
 */
#include "dict.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "util.h"

/* Bounds.  Real files stay far below them; beyond them a line is refused
 * with a message rather than truncated. */
#define VL_MAX_ELEMS  256   /* elements in one pattern */
#define VL_MAX_DEPTH  32    /* bracket nesting in one pattern */
#define VL_MAX_WORD   128   /* bytes in one word or synset name */
#define VL_MAX_VWORDS 32    /* words in one verb or synset member */
#define VL_MAX_FORMS  64    /* distinct surface forms of one verb */

typedef struct vl_ref {     /* a nested member: parent includes child */
    int32_t parent, child;
    long line;
} vl_ref;

typedef struct vl_state {
    ent_dict *d;
    ent_diags *diags;
    const char *path;       /* arena copy, kept by records */
    long line;
    int32_t block;          /* current verb block, -1 before the first */
    int block_bad;          /* its header was unusable: skip quietly */
    int32_t attach;         /* block its verbs and patterns join: its own,
                               or an earlier one with the same first verb */
    int block_led;          /* its first verb has been read */
    ent_strmap leads;       /* first verb as written -> block it leads */
    int32_t synset;         /* synset taking members, -1 none, -2 bad one */
    int synset_noplural;    /* its name ended in '_' */
    int brackets;           /* some pattern used ( ) or { } */
    ent_vec refs;           /* vl_ref */
    ent_pelem elems[VL_MAX_ELEMS];
} vl_state;

typedef struct vl_span {
    char *p;
    size_t n;
} vl_span;

/* ---- Messages ------------------------------------------------------------- */

static int say(vl_state *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int say(vl_state *s, const char *fmt, ...) {
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ent_diag(s->diags, s->path, s->line, "%s", text);
}

static int oom(vl_state *s) {
    ent_diag(s->diags, s->path, s->line, "out of memory");
    return -1;
}

/* Messages quote input text; keep the quotes short and on one line. */
#define Q_MAX 48
#define QFMT "%.*s%s"
#define QARG(p, n) (int)((n) > Q_MAX ? Q_MAX : (n)), (p), ((n) > Q_MAX ? "..." : "")

/* ---- Small text helpers --------------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static vl_span trim(char *p, size_t n) {
    while (n && is_blank(*p)) p++, n--;
    while (n && is_blank(p[n - 1])) n--;
    return (vl_span){p, n};
}

/* Cut a line at its comment: the first '#' that is not inside [ ] (codes
 * such as [###] are written with it), or at ';' too for verb lines, whose
 * older form used it for comments. */
static size_t comment_cut(const char *p, size_t n, int semicolon) {
    int in_code = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '[') in_code = 1;
        else if (c == ']') in_code = 0;
        else if (!in_code && (c == '#' || (semicolon && c == ';'))) return i;
    }
    return n;
}

static const char *find_char(const char *p, size_t n, char c) {
    return n ? memchr(p, c, n) : NULL;
}

/* Intern one word, upper-cased.  Returns the wid, -1 on OOM, -2 when the
 * word is too long. */
static ent_wid intern_upper(ent_dict *d, const char *p, size_t n) {
    char buf[VL_MAX_WORD + 1];
    if (n > VL_MAX_WORD) return -2;
    ent_upper(buf, sizeof buf, p, n);
    return ent_dict_intern(d, buf, n);
}

/* Blank out <!-- ... --> regions (they may span lines), keeping newlines so
 * line numbers stay right.  Returns -1 if the caller must stop. */
static int blank_xml_comments(vl_state *s, char *buf, size_t len) {
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *o = memmem(p, (size_t)(end - p), "<!--", 4);
        if (!o) break;
        char *c = memmem(o + 4, (size_t)(end - o - 4), "-->", 3);
        char *stop = c ? c + 3 : end;
        if (!c) {
            long line = 1;
            for (char *q = buf; q < o; q++) line += *q == '\n';
            s->line = line;
            if (say(s, "'<!--' comment is never closed; the rest of the file is ignored") < 0)
                return -1;
        }
        for (char *q = o; q < stop; q++)
            if (*q != '\n') *q = ' ';
        p = stop;
    }
    return 0;
}

/* ---- Codes ---------------------------------------------------------------- */

/* "064", "013:012", "---", "174K", ":110" (no first code: read as "---"). */
static int split_code(vl_state *s, const char *p, size_t n, const char **code,
                      const char **code2) {
    vl_span t = trim((char *)p, n);
    const char *colon = find_char(t.p, t.n, ':');
    size_t n1 = colon ? (size_t)(colon - t.p) : t.n;
    vl_span c1 = trim(t.p, n1);
    *code = c1.n ? ent_arena_strndup(&s->d->arena, c1.p, c1.n) : "---";
    *code2 = NULL;
    if (colon) {
        vl_span c2 = trim((char *)colon + 1, t.n - n1 - 1);
        if (c2.n) {
            *code2 = ent_arena_strndup(&s->d->arena, c2.p, c2.n);
            if (!*code2) return -1;
        }
    }
    return *code ? 0 : -1;
}

/* ---- Synsets -------------------------------------------------------------- */

static int is_name_char(char c) {
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Index of synset "&NAME" (name without '&', any case), or -1. */
static int32_t synset_find(const ent_dict *d, const char *name, size_t n) {
    char buf[VL_MAX_WORD + 2];
    if (n > VL_MAX_WORD) return -1;
    buf[0] = '&';
    ent_upper(buf + 1, sizeof buf - 1, name, n);
    return ent_strmap_get(&d->synset_names, buf, n + 1);
}

/* Find or create synset "&NAME"; returns its index, -1 on OOM. */
static int32_t synset_get(ent_dict *d, const char *name, size_t n) {
    int32_t i = synset_find(d, name, n);
    if (i >= 0) return i;
    char *key = ent_arena_alloc(&d->arena, n + 2);
    if (!key) return -1;
    key[0] = '&';
    ent_upper(key + 1, n + 1, name, n);
    ent_synset *sy = ent_vec_push(&d->synsets);
    if (!sy) return -1;
    sy->name = key;
    i = (int32_t)(d->synsets.len - 1);
    if (ent_strmap_put(&d->synset_names, key, n + 1, i) < 0) return -1;
    return i;
}

/* Parse "&NAME_  rest" (t.p[0] == '&').  Sets the name span (without '&'
 * and trailing '_'), whether a '_' was stripped, and the rest of the line.
 * Returns 0, or 1 when the name is unusable. */
static int synset_header(vl_span t, vl_span *name, int *noplural, vl_span *rest) {
    size_t i = 1;
    while (i < t.n && is_name_char(t.p[i])) i++;
    size_t n = i - 1;
    *noplural = 0;
    while (n && t.p[n] == '_') n--, *noplural = 1;
    *name = (vl_span){t.p + 1, n};
    *rest = trim(t.p + i, t.n - i);
    return n == 0 || n > VL_MAX_WORD;
}

/* Regular noun plural of the last word: the members of a synset whose name
 * does not end in '_' also match their plural (PETRARCH's convention; a
 * member ending in '_' opts out).  Words that already look plural (a final
 * S after anything but S) or are not plain words (N'T) get none. */
static size_t make_plural(char *out, size_t cap, const char *w, size_t n) {
    if (n == 0 || n + 3 > cap || !isalpha((unsigned char)w[n - 1])) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)w[i]) && w[i] != '-') return 0;
    char c = (char)toupper((unsigned char)w[n - 1]);
    char b = n > 1 ? (char)toupper((unsigned char)w[n - 2]) : 0;
    if (c == 'S' && b != 'S') return 0;
    memcpy(out, w, n);
    if (c == 'S' || c == 'X' || c == 'Z' || (c == 'H' && (b == 'C' || b == 'S'))) {
        memcpy(out + n, "ES", 2);
        return n + 2;
    }
    if (c == 'Y' && n > 1 && !strchr("AEIOU", b)) {
        memcpy(out + n - 1, "IES", 3);
        return n + 2;
    }
    out[n] = 'S';
    return n + 1;
}

static int count_words(const char *p, size_t n) {
    int k = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sep = p[i] == ' ' || p[i] == '_' || p[i] == '\t';
        if (!sep && !in) k++;
        in = !sep;
    }
    return k;
}

static int member_line(vl_state *s, vl_span t) {
    ent_dict *d = s->d;
    vl_span m = trim(t.p + 1, t.n - 1);
    /* PETRARCH-2 wraps some members in parentheses: +(TO THE END). */
    if (m.n && m.p[0] == '(') {
        if (m.p[m.n - 1] != ')')
            return say(s, "synset member '" QFMT "' has an unclosed '('; skipped", QARG(t.p, t.n));
        m = trim(m.p + 1, m.n - 2);
    }
    if (m.n == 0) return say(s, "empty synset member; skipped");
    if (m.p[0] == '&') {
        vl_span name, rest;
        int np;
        if (synset_header(m, &name, &np, &rest) || rest.n)
            return say(s, "bad synset reference '" QFMT "' in a member; skipped", QARG(m.p, m.n));
        int32_t child = synset_find(d, name.p, name.n);
        if (child < 0)
            return say(s, "unknown synset &%.*s in a member of %s; skipped", (int)name.n,
                       name.p, ENT_VEC_AT(&d->synsets, ent_synset, s->synset).name);
        vl_ref *r = ent_vec_push(&s->refs);
        if (!r) return oom(s);
        *r = (vl_ref){s->synset, child, s->line};
        return 0;
    }
    int noplural = s->synset_noplural;
    while (m.n && m.p[m.n - 1] == '_') m.n--, noplural = 1;
    int k = count_words(m.p, m.n);
    if (k == 0) return say(s, "empty synset member; skipped");
    if (k > VL_MAX_VWORDS)
        return say(s, "synset member has more than %d words; skipped", VL_MAX_VWORDS);
    ent_wid w[VL_MAX_VWORDS];
    int n = ent_dict_phrase(d, m.p, m.n, w, VL_MAX_VWORDS);
    if (n < 0) return oom(s);
    if (ent_phrase_add(d, &d->synset_ix, w, n, s->synset, 0) < 0) return oom(s);
    if (!noplural) {
        const char *last = m.p + m.n;
        while (last > m.p && last[-1] != ' ' && last[-1] != '_' && last[-1] != '\t') last--;
        char pl[VL_MAX_WORD + 4];
        size_t ln = (size_t)(m.p + m.n - last);
        size_t pn = ln <= VL_MAX_WORD ? make_plural(pl, sizeof pl, last, ln) : 0;
        if (pn) {
            ent_wid pw = intern_upper(d, pl, pn);
            if (pw == -1) return oom(s);
            if (pw > 0) {
                w[n - 1] = pw;
                if (ent_phrase_add(d, &d->synset_ix, w, n, s->synset, 0) < 0) return oom(s);
            }
        }
    }
    return 0;
}

/* Expand nested members: each synset also gets every phrase of the
 * synsets it includes, transitively.  Depth-first in post order, so a
 * child is complete before its parents copy it; a reference that closes a
 * cycle is reported and dropped. */
static int expand_nested(vl_state *s) {
    ent_dict *d = s->d;
    size_t nref = s->refs.len, nsyn = d->synsets.len;
    if (nref == 0) return 0;
    vl_ref *refs = s->refs.items;
    int32_t *first = calloc(nsyn + 1, sizeof *first);   /* refs by parent */
    int32_t *order = malloc(nref * sizeof *order);
    char *color = calloc(nsyn, 1);                      /* 0 new, 1 open, 2 done */
    char *dead = calloc(nref, 1);
    char *is_child = calloc(nsyn, 1);
    int32_t *stk = malloc((nsyn + 1) * sizeof *stk), *pos = malloc((nsyn + 1) * sizeof *pos);
    int rc = 0;
    if (!first || !order || !color || !dead || !is_child || !stk || !pos) {
        rc = oom(s);
        goto out;
    }
    for (size_t i = 0; i < nref; i++) first[refs[i].parent + 1]++;
    for (size_t i = 1; i <= nsyn; i++) first[i] += first[i - 1];
    {
        int32_t *fill = pos; /* borrowed as a cursor array before the walk */
        memset(fill, 0, (nsyn + 1) * sizeof *fill);
        for (size_t i = 0; i < nref; i++)
            order[first[refs[i].parent] + fill[refs[i].parent]++] = (int32_t)i;
    }
    for (size_t root = 0; root < nsyn && rc == 0; root++) {
        if (color[root] || first[root] == first[root + 1]) continue;
        int sp = 0;
        stk[sp] = (int32_t)root, pos[sp] = first[root], sp++;
        color[root] = 1;
        while (sp > 0 && rc == 0) {
            int32_t v = stk[sp - 1];
            if (pos[sp - 1] < first[v + 1]) {
                int32_t ri = order[pos[sp - 1]++];
                int32_t c = refs[ri].child;
                if (color[c] == 1) {
                    s->line = refs[ri].line;
                    dead[ri] = 1;
                    if (say(s, "synset %s includes itself through %s; that member is ignored",
                            ENT_VEC_AT(&d->synsets, ent_synset, v).name,
                            ENT_VEC_AT(&d->synsets, ent_synset, c).name) < 0)
                        rc = -1;
                } else if (color[c] == 0) {
                    color[c] = 1;
                    stk[sp] = c, pos[sp] = first[c], sp++;
                }
                continue;
            }
            /* v is complete below: copy its children's phrases into it. */
            int any = 0;
            for (int32_t k = first[v]; k < first[v + 1]; k++)
                if (!dead[order[k]] && refs[order[k]].child != v) is_child[refs[order[k]].child] = 1, any = 1;
            if (any) {
                size_t n = d->synset_ix.pending.len;
                for (size_t i = 0; i < n; i++) {
                    ent_phrase ph = ENT_VEC_AT(&d->synset_ix.pending, ent_phrase, i);
                    if (ph.value < 0 || (size_t)ph.value >= nsyn || !is_child[ph.value]) continue;
                    if (ent_phrase_add(d, &d->synset_ix, ph.words, ph.n_words, v, ph.flags) < 0) {
                        rc = oom(s);
                        break;
                    }
                }
                for (int32_t k = first[v]; k < first[v + 1]; k++) is_child[refs[order[k]].child] = 0;
            }
            color[v] = 2;
            sp--;
        }
    }
out:
    free(first);
    free(order);
    free(color);
    free(dead);
    free(is_child);
    free(stk);
    free(pos);
    return rc;
}

/* ---- Verb blocks and verbs ------------------------------------------------ */

static int header_line(vl_state *s, vl_span t) {
    ent_dict *d = s->d;
    size_t i = 0;
    while (i < t.n && t.p[i] == '-') i++;
    const char *lb = find_char(t.p + i, t.n - i, '[');
    const char *rb = lb ? find_char(lb, (size_t)(t.p + t.n - lb), ']') : NULL;
    vl_span name;
    if (lb) {
        name = trim(t.p + i, (size_t)(lb - t.p) - i);
    } else {
        size_t e = t.n;
        while (e > i && (t.p[e - 1] == '-' || is_blank(t.p[e - 1]))) e--;
        name = trim(t.p + i, e - i);
    }
    s->synset = -1;
    if (name.n == 0 || (lb && !rb)) {
        s->block = -1;
        s->block_bad = 1;
        return say(s, name.n ? "verb block header has an unterminated '['; block skipped"
                             : "verb block header has no name; block skipped");
    }
    ent_verb_block *b = ent_vec_push(&d->blocks);
    if (!b) return oom(s);
    b->name = ent_arena_strndup(&d->arena, name.p, name.n);
    if (!b->name) return oom(s);
    if (lb) {
        if (split_code(s, lb + 1, (size_t)(rb - lb - 1), &b->code, &b->code2) < 0) return oom(s);
    } else {
        b->code = "---";
    }
    s->block = (int32_t)(d->blocks.len - 1);
    s->block_bad = 0;
    s->attach = s->block;
    s->block_led = 0;
    if (rb && find_char(rb + 1, (size_t)(t.p + t.n - rb - 1), '['))
        return say(s, "verb block %s has a second [code]; only the first is used", b->name);
    return 0;
}

/* One verb phrase ("+BREAK_DOWN", "KLM_NOP_+RST", "LASH OUT") into words.
 * `head` = the word carrying '+', else word 0.  Returns the word count,
 * 0 when empty, -1 on OOM, -2 too many words, -3 a word too long. */
static int verb_words(ent_dict *d, const char *p, size_t n, ent_wid *w, int *head, int *nplus) {
    int k = 0;
    *head = -1;
    *nplus = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == '_' || p[i] == '\t')) i++;
        if (i >= n) break;
        int plus = 0;
        while (i < n && p[i] == '+') i++, plus = 1;
        size_t st = i;
        while (i < n && p[i] != ' ' && p[i] != '_' && p[i] != '\t') i++;
        if (i == st) continue;   /* a lone '+' */
        if (k >= VL_MAX_VWORDS) return -2;
        ent_wid id = intern_upper(d, p + st, i - st);
        if (id == -2) return -3;
        if (id < 0) return -1;
        if (plus) {
            if (*head < 0) *head = k;
            (*nplus)++;
        }
        w[k++] = id;
    }
    if (*head < 0) *head = 0;
    return k;
}

/* The three regular inflections of an upper-case verb word.  Consonants
 * are never doubled: the irregular list carries those forms. */
static size_t inflect(char *out, size_t cap, const char *w, size_t n, int which) {
    if (n == 0 || n + 4 > cap || !isalpha((unsigned char)w[n - 1])) return 0;
    char c = w[n - 1], b = n > 1 ? w[n - 2] : 0;
    int cons_y = c == 'Y' && n > 1 && !strchr("AEIOU", b);
    memcpy(out, w, n);
    switch (which) {
    case 0: /* 3rd person singular */
        if (c == 'S' || c == 'X' || c == 'Z' || c == 'O' || (c == 'H' && (b == 'C' || b == 'S'))) {
            memcpy(out + n, "ES", 2);
            return n + 2;
        }
        if (cons_y) {
            memcpy(out + n - 1, "IES", 3);
            return n + 2;
        }
        out[n] = 'S';
        return n + 1;
    case 1: /* past */
        if (c == 'E') {
            out[n] = 'D';
            return n + 1;
        }
        if (cons_y) {
            memcpy(out + n - 1, "IED", 3);
            return n + 2;
        }
        memcpy(out + n, "ED", 2);
        return n + 2;
    default: /* gerund */
        if (c == 'E' && b == 'I' && n > 2) { /* DIE -> DYING */
            memcpy(out + n - 2, "YING", 4);
            return n + 2;
        }
        if (c == 'E' && n > 2 && !strchr("EOY", b)) { /* RESTORE -> RESTORING, not SEE/HOE/DYE/BE */
            memcpy(out + n - 1, "ING", 3);
            return n + 2;
        }
        memcpy(out + n, "ING", 3);
        return n + 3;
    }
}

static int add_form(vl_state *s, int32_t verb, int32_t first, const ent_wid *w, int n, int head) {
    ent_dict *d = s->d;
    for (size_t i = (size_t)first; i < d->forms.len; i++) {
        const ent_verb_form *f = ENT_FORM(d, i);
        if (f->n_words == n && f->head == head && !memcmp(f->words, w, (size_t)n * sizeof *w))
            return 0;
    }
    if (d->forms.len - (size_t)first >= VL_MAX_FORMS)
        return say(s, "verb has more than %d forms; the rest are ignored", VL_MAX_FORMS);
    ent_wid *copy = ent_arena_alloc(&d->arena, (size_t)n * sizeof *copy);
    ent_verb_form *f = copy ? ent_vec_push(&d->forms) : NULL;
    if (!f) return oom(s);
    memcpy(copy, w, (size_t)n * sizeof *copy);
    f->words = copy;
    f->n_words = n;
    f->head = head;
    f->verb = verb;
    return 0;
}

static int verb_words_error(vl_state *s, int rc, const char *p, size_t n) {
    if (rc == -1) return oom(s);
    if (rc == -2)
        return say(s, "verb '" QFMT "' has more than %d words; skipped", QARG(p, n), VL_MAX_VWORDS);
    if (rc == -3)
        return say(s, "verb '" QFMT "' has a word longer than %d characters; skipped", QARG(p, n),
                   VL_MAX_WORD);
    return say(s, "empty verb; skipped");
}

static int verb_line(vl_state *s, vl_span t) {
    ent_dict *d = s->d;
    t = trim(t.p, comment_cut(t.p, t.n, 1));
    if (t.n == 0) return 0;
    size_t pn = 0;
    while (pn < t.n && t.p[pn] != '{' && t.p[pn] != '[') pn++;
    vl_span phrase = trim(t.p, pn);
    vl_span forms = {NULL, 0}, code = {NULL, 0};
    int have_forms = 0, have_code = 0;
    size_t i = pn;
    while (i < t.n) {
        char c = t.p[i];
        if (is_blank(c)) {
            i++;
            continue;
        }
        char close = c == '{' ? '}' : c == '[' ? ']' : 0;
        if (!close || (c == '{' && have_forms) || (c == '[' && have_code)) {
            if (say(s, "unexpected text '" QFMT "' after verb '" QFMT "'; ignored",
                    QARG(t.p + i, t.n - i), QARG(phrase.p, phrase.n)) < 0)
                return -1;
            break;
        }
        const char *e = find_char(t.p + i + 1, t.n - i - 1, close);
        if (!e)
            return say(s, "verb line has an unterminated '%c'; skipped", c);
        vl_span in = {t.p + i + 1, (size_t)(e - t.p - i - 1)};
        if (c == '{') forms = in, have_forms = 1;
        else code = in, have_code = 1;
        i = (size_t)(e - t.p) + 1;
    }
    ent_wid w[VL_MAX_VWORDS];
    int head, nplus;
    int n = verb_words(d, phrase.p, phrase.n, w, &head, &nplus);
    if (n <= 0) return verb_words_error(s, n, phrase.p, phrase.n);
    if (nplus > 1 && say(s, "verb '" QFMT "' marks more than one head word with '+'; the first is used",
                         QARG(phrase.p, phrase.n)) < 0)
        return -1;

    /* A block is known by its first verb, as PETRARCH files its patterns
     * under that word: a later block led by the same verb ("--- SHOT
     * [---] ---" and further down "--- SHOT [223] ---") adds its verbs
     * and patterns to the earlier one, while its verbs keep this header's
     * code. */
    if (!s->block_led) {
        s->block_led = 1;
        int32_t lead = ent_strmap_intern(&s->leads, phrase.p, phrase.n, s->block);
        if (lead == -2) return oom(s);
        s->attach = lead;
    }
    const ent_verb_block *b = ENT_BLOCK(d, s->block);
    ent_verb *v = ent_vec_push(&d->verbs);
    if (!v) return oom(s);
    int32_t vi = (int32_t)(d->verbs.len - 1);
    char *lemma = ent_arena_alloc(&d->arena, phrase.n + 1);
    if (!lemma) return oom(s);
    size_t ln = 0;
    for (size_t k = 0; k < phrase.n; k++)
        if (phrase.p[k] != '+') lemma[ln++] = phrase.p[k];
    lemma[ln] = '\0';
    v->lemma = lemma;
    v->block = s->attach;
    v->file = s->path;
    v->line = (int32_t)s->line;
    if (have_code && trim(code.p, code.n).n) {
        if (split_code(s, code.p, code.n, &v->code, &v->code2) < 0) return oom(s);
    } else {
        v->code = b->code;
        v->code2 = b->code2;
    }

    int32_t first = (int32_t)d->forms.len;
    if (add_form(s, vi, first, w, n, head) < 0) return -1;
    /* Regular inflections of the head word, other words unchanged. */
    const char *hw = ent_dict_word_text(d, w[head]);
    size_t hn = strlen(hw);
    ent_wid base = w[head];
    for (int which = 0; which < 3; which++) {
        char buf[VL_MAX_WORD + 8];
        size_t fn = inflect(buf, sizeof buf, hw, hn, which);
        if (!fn) continue;
        ent_wid fw = intern_upper(d, buf, fn);
        if (fw == -1) return oom(s);
        if (fw < 0) continue;
        w[head] = fw;
        if (add_form(s, vi, first, w, n, head) < 0) return -1;
    }
    w[head] = base;
    /* Listed (irregular) forms: {BROKE BROKEN}, {+BREAKS_DOWN ...},
     * separated by spaces or commas. */
    size_t k = 0;
    while (have_forms && k < forms.n) {
        while (k < forms.n && (is_blank(forms.p[k]) || forms.p[k] == ',')) k++;
        size_t st = k;
        while (k < forms.n && !is_blank(forms.p[k]) && forms.p[k] != ',') k++;
        if (k == st) break;
        ent_wid fw[VL_MAX_VWORDS];
        int fhead, fplus;
        int fn = verb_words(d, forms.p + st, k - st, fw, &fhead, &fplus);
        if (fn <= 0) {
            if (verb_words_error(s, fn, forms.p + st, k - st) < 0) return -1;
            continue;
        }
        /* A multiword form written without '+' keeps the verb's head. */
        if (fplus == 0 && fn == n) fhead = head;
        if (add_form(s, vi, first, fw, fn, fhead) < 0) return -1;
    }
    return 0;
}

/* ---- Patterns ------------------------------------------------------------- */

/* Words written as alternatives, TO/FOR, become an anonymous synset named
 * "&TO/FOR", shared by every pattern that writes the same alternatives. */
static int is_alternatives(const char *p, size_t n) {
    int parts = 1;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '/') {
            if (!run) return 0;
            parts++, run = 0;
        } else if (!isalpha((unsigned char)p[i])) {
            return 0;
        } else {
            run++;
        }
    }
    return parts > 1 && run > 0;
}

static int32_t alternatives_synset(vl_state *s, const char *p, size_t n) {
    ent_dict *d = s->d;
    int32_t known = synset_find(d, p, n);
    if (known >= 0) return known;
    int32_t sy = synset_get(d, p, n);
    if (sy < 0) return -1;
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != '/') continue;
        ent_wid w = intern_upper(d, p + st, i - st);
        if (w < 0 || ent_phrase_add(d, &d->synset_ix, &w, 1, sy, 0) < 0) return -1;
        st = i + 1;
    }
    return sy;
}

static int is_symbol(char c) { return c == '$' || c == '+' || c == '%' || c == '^' || c == '*'; }
static int is_bracket(char c) { return c == '(' || c == ')' || c == '{' || c == '}'; }
static int ends_token(const char *p, size_t i, size_t n) {
    return i >= n || is_blank(p[i]) || p[i] == '_' || is_bracket(p[i]) || p[i] == '*';
}

/* Parse the pattern text before [code] into s->elems.  Returns the element
 * count with *verb_at set, -1 to stop, -2 when the pattern was refused
 * (its message given). */
#define REFUSE(...) return say(s, __VA_ARGS__) < 0 ? -1 : -2
static int parse_pattern(vl_state *s, const char *p, size_t len, int *verb_at) {
    ent_dict *d = s->d;
    int n = 0, pending = 0, sp = 0;
    char stack[VL_MAX_DEPTH];
    *verb_at = -1;
    size_t i = 0;
    while (i < len) {
        char c = p[i];
        if (is_blank(c)) {
            i++;
            continue;
        }
        if (c == '_') {
            i++;
            /* A '_' before a space, a closing bracket or the end only says
             * "this exact word"; otherwise it joins two elements. */
            if (i >= len || is_blank(p[i]) || p[i] == ')' || p[i] == '}') continue;
            if (*verb_at < 0) {
                if (n > 0) s->elems[n - 1].adjacent = 1; /* joined to the next, toward the verb */
            } else {
                pending = 1;
            }
            continue;
        }
        if (c == '*') {
            if (*verb_at >= 0) REFUSE("pattern has more than one '*'; skipped");
            if (sp) REFUSE("a bracket is open across the verb '*'; pattern skipped");
            *verb_at = n;
            pending = 0;
            i++;
            if (!ends_token(p, i, len) &&
                say(s, "'*' is joined to the following text without a space or '_'; read as separate") < 0)
                return -1;
            continue;
        }
        if (n >= VL_MAX_ELEMS) REFUSE("pattern has more than %d elements; skipped", VL_MAX_ELEMS);
        ent_pelem *e = &s->elems[n];
        e->adjacent = (uint8_t)(*verb_at >= 0 && pending);
        e->id = 0;
        pending = 0;
        if (is_bracket(c)) {
            if (c == '(' || c == '{') {
                if (sp >= VL_MAX_DEPTH) REFUSE("brackets nested deeper than %d; pattern skipped", VL_MAX_DEPTH);
                stack[sp++] = c;
                e->kind = c == '(' ? ENT_PE_PP_OPEN : ENT_PE_NP_OPEN;
            } else {
                char open = c == ')' ? '(' : '{';
                if (sp == 0 || stack[sp - 1] != open) REFUSE("unbalanced '%c' in pattern; skipped", c);
                sp--;
                e->kind = c == ')' ? ENT_PE_PP_CLOSE : ENT_PE_NP_CLOSE;
            }
            s->brackets = 1;
            i++;
            n++;
            continue;
        }
        if (is_symbol(c)) {
            if (!ends_token(p, i + 1, len) &&
                say(s, "'%c' is joined to the following text without a space or '_'; read as separate", c) < 0)
                return -1;
            e->kind = c == '$' ? ENT_PE_SOURCE : c == '+' ? ENT_PE_TARGET
                    : c == '%' ? ENT_PE_COMPOUND : ENT_PE_SKIP;
            i++;
            n++;
            continue;
        }
        if (c == '&') {
            size_t st = ++i;
            while (i < len && is_name_char(p[i])) i++;
            /* Longest known name: &FIGHT_OF_WORDS is one synset,
             * &NEGATVAUXVRB_WANT is a synset joined to WANT. */
            size_t end = i, nn = 0;
            int32_t sy = -1;
            while (end > st) {
                nn = end - st;
                while (nn && p[st + nn - 1] == '_') nn--;
                if (nn && (sy = synset_find(d, p + st, nn)) >= 0) break;
                while (end > st && p[end - 1] != '_') end--;
                while (end > st && p[end - 1] == '_') end--;
            }
            if (sy < 0) {
                nn = i - st;
                while (nn && p[st + nn - 1] == '_') nn--;
                REFUSE("unknown synset &" QFMT " in pattern; skipped", QARG(p + st, nn));
            }
            i = st + nn; /* a '_' after the name is read by the loop */
            e->kind = ENT_PE_SYNSET;
            e->id = sy;
            n++;
            continue;
        }
        /* A word: up to a space, '_', a bracket or '*'. */
        size_t st = i;
        while (i < len && !ends_token(p, i, len)) i++;
        if (i - st > VL_MAX_WORD)
            REFUSE("word longer than %d characters in pattern; skipped", VL_MAX_WORD);
        if (is_alternatives(p + st, i - st)) {
            int32_t sy = alternatives_synset(s, p + st, i - st);
            if (sy < 0) return oom(s);
            e->kind = ENT_PE_SYNSET;
            e->id = sy;
        } else {
            ent_wid w = intern_upper(d, p + st, i - st);
            if (w < 0) return oom(s);
            e->kind = ENT_PE_WORD;
            e->id = w;
        }
        n++;
    }
    if (*verb_at < 0) REFUSE("pattern has no '*' marking the verb; skipped");
    if (sp) REFUSE("'%c' not closed in pattern; skipped", stack[sp - 1]);
    return n;
}

/* t starts at '-' (or '*' for the dashless lines some files carry). */
static int pattern_line(vl_state *s, vl_span t, int dashless) {
    ent_dict *d = s->d;
    size_t cut = comment_cut(t.p, t.n, 0);
    vl_span line = trim(t.p, cut);
    if (s->block < 0) {
        if (s->block_bad) return 0;
        return say(s, "pattern outside a verb block; skipped");
    }
    if (dashless && say(s, "pattern line does not start with '-'; read as a pattern") < 0) return -1;
    const char *body = line.p + (dashless ? 0 : 1);
    const char *lb = find_char(body, (size_t)(line.p + line.n - body), '[');
    if (!lb) return say(s, "pattern has no [code]; skipped");
    const char *rb = find_char(lb, (size_t)(line.p + line.n - lb), ']');
    if (!rb) return say(s, "pattern has an unterminated '[' code; skipped");
    if (!trim((char *)lb + 1, (size_t)(rb - lb - 1)).n) return say(s, "pattern has an empty [] code; skipped");
    int verb_at;
    int n = parse_pattern(s, body, (size_t)(lb - body), &verb_at);
    if (n == -2) return 0;
    if (n < 0) return -1;
    vl_span after = trim((char *)rb + 1, (size_t)(line.p + line.n - rb - 1));
    if (after.n && say(s, "text '" QFMT "' after the pattern's [code] ignored", QARG(after.p, after.n)) < 0)
        return -1;

    ent_pelem *els = ent_arena_alloc(&d->arena, (size_t)(n ? n : 1) * sizeof *els);
    ent_pattern *pt = els ? ent_vec_push(&d->patterns) : NULL;
    if (!pt) return oom(s);
    memcpy(els, s->elems, (size_t)n * sizeof *els);
    pt->pre = els;
    pt->n_pre = verb_at;
    pt->post = els + verb_at;
    pt->n_post = n - verb_at;
    if (split_code(s, lb + 1, (size_t)(rb - lb - 1), &pt->code, &pt->code2) < 0) return oom(s);
    /* kept with its runs of blanks folded to one space: it is shown in
     * every event the pattern codes */
    size_t tlen = (size_t)(rb + 1 - line.p), k = 0;
    char *text = ent_arena_alloc(&d->arena, tlen + 1);
    if (!text) return oom(s);
    for (size_t i = 0; i < tlen; i++) {
        char ch = line.p[i] == '\t' ? ' ' : line.p[i];
        if (ch == ' ' && k > 0 && text[k - 1] == ' ') continue;
        text[k++] = ch;
    }
    text[k] = '\0';
    pt->text = text;
    pt->file = s->path;
    pt->line = (int32_t)s->line;
    pt->block = s->attach;
    return 0;
}

/* ---- Transformations ------------------------------------------------------ */

/* The words of a transformation line: brackets and '=' are words of their
 * own, whatever the spacing ("(b . ATTACK )", "WANT=a"). */
#define VL_MAX_TWORDS 16
static int transform_words(vl_span t, vl_span *w, int cap) {
    int n = 0;
    size_t i = 0;
    while (i < t.n) {
        if (is_blank(t.p[i])) {
            i++;
            continue;
        }
        if (n == cap) return -1;
        size_t st = i;
        if (t.p[i] == '(' || t.p[i] == ')' || t.p[i] == '=') i++;
        else
            while (i < t.n && !is_blank(t.p[i]) && t.p[i] != '(' && t.p[i] != ')' && t.p[i] != '=') i++;
        w[n++] = (vl_span){t.p + st, i - st};
    }
    return n;
}

static int is_var(vl_span w) { return w.n == 1 && w.p[0] >= 'a' && w.p[0] <= 'z'; }
static int is_word(vl_span w, const char *lit) { return w.n == strlen(lit) && !memcmp(w.p, lit, w.n); }

/* A verb word of a transformation: letters, digits, '-' and '_'. */
static int is_verb_name(vl_span w) {
    if (!w.n || is_var(w)) return 0;
    for (size_t i = 0; i < w.n; i++)
        if (!is_name_char(w.p[i])) return 0;
    return 1;
}

/* "~ a (b . ATTACK) SAY = a b 112": the line is kept in d->transforms with
 * its verb words as written; resolve_transforms() gives them their codes. */
static int transform_line(vl_state *s, vl_span t) {
    ent_dict *d = s->d;
    vl_span line = trim(t.p, comment_cut(t.p, t.n, 0));
    vl_span body = trim(line.p + 1, line.n - 1);
    vl_span w[VL_MAX_TWORDS];
    int n = transform_words(body, w, VL_MAX_TWORDS);
    /* a ( b c VERB ) VERB = r s CODE */
    int ok = n == 11 && is_var(w[0]) && is_word(w[1], "(") &&
             (is_var(w[2]) || is_word(w[2], "_")) && (is_var(w[3]) || is_word(w[3], ".")) &&
             is_verb_name(w[4]) && is_word(w[5], ")") && is_verb_name(w[6]) && is_word(w[7], "=") &&
             is_var(w[8]) && is_var(w[9]) && w[10].n > 0;
    if (!ok)
        return say(s, "transformation '" QFMT "' is not of the form '~ a (b c VERB) VERB = a b CODE'; skipped",
                   QARG(line.p, line.n));
    char bound[4] = {w[0].p[0], w[2].p[0], w[3].p[0], 0};
    for (int k = 8; k <= 9; k++)
        if (!strchr(bound, w[k].p[0]) || w[k].p[0] == '_' || w[k].p[0] == '.')
            return say(s, "transformation result names '%c', which the pattern does not bind; skipped",
                       w[k].p[0]);
    if (is_word(w[6], "Q"))
        return say(s, "transformation has Q as its outer verb; Q stands only for the inner verb; skipped");
    int res_q = is_word(w[10], "Q");
    if (res_q && !is_word(w[4], "Q"))
        return say(s, "transformation result Q names no code: its inner verb is not Q; skipped");
    ent_arena *a = &d->arena;
    ent_transform *tr = ent_vec_push(&d->transforms);
    if (!tr) return oom(s);
    memset(tr, 0, sizeof *tr);
    tr->outer_src = w[0].p[0];
    tr->inner_src = w[2].p[0];
    tr->inner_tgt = w[3].p[0];
    tr->res_src = w[8].p[0];
    tr->res_tgt = w[9].p[0];
    tr->inner_verb = ent_arena_strndup(a, w[4].p, w[4].n);
    tr->outer_verb = ent_arena_strndup(a, w[6].p, w[6].n);
    tr->res_code = res_q ? NULL : ent_arena_strndup(a, w[10].p, w[10].n);
    tr->text = ent_arena_strndup(a, line.p, line.n);
    tr->file = s->path;
    tr->line = (int32_t)s->line;
    if (!tr->inner_verb || !tr->outer_verb || (!res_q && !tr->res_code) || !tr->text) return oom(s);
    return 0;
}

/* The code a verb word stands for in a transformation: the first verb of
 * that lemma in the file (a later one of the same lemma adds forms, not a
 * new meaning), its own code or its block's.  NULL when the file has no
 * such verb. */
static const char *verb_code_named(const ent_dict *d, const char *name) {
    for (size_t i = 0; i < d->verbs.len; i++) {
        const ent_verb *v = ENT_VERB(d, i);
        if (!strcasecmp(v->lemma, name)) return v->code ? v->code : "---";
    }
    return NULL;
}

/* Give every transformation its verbs' codes; one naming a verb the file
 * does not have is reported at its line and dropped. */
static int resolve_transforms(vl_state *s) {
    ent_dict *d = s->d;
    size_t keep = 0;
    for (size_t i = 0; i < d->transforms.len; i++) {
        ent_transform tr = ENT_VEC_AT(&d->transforms, ent_transform, i);
        if (strcmp(tr.file, s->path)) {   /* another file's, resolved already */
            ENT_VEC_AT(&d->transforms, ent_transform, keep++) = tr;
            continue;
        }
        s->line = tr.line;
        tr.inner_code = strcmp(tr.inner_verb, "Q") ? verb_code_named(d, tr.inner_verb) : NULL;
        tr.outer_code = verb_code_named(d, tr.outer_verb);
        const char *missing = !tr.outer_code ? tr.outer_verb
                            : (!tr.inner_code && strcmp(tr.inner_verb, "Q")) ? tr.inner_verb : NULL;
        if (missing) {
            if (say(s, "transformation names %s, which is no verb of this file; skipped", missing) < 0)
                return -1;
            continue;
        }
        ENT_VEC_AT(&d->transforms, ent_transform, keep++) = tr;
    }
    d->transforms.len = keep;
    return 0;
}

/* ---- Lines ---------------------------------------------------------------- */

static int synset_line(vl_state *s, vl_span t) {
    t = trim(t.p, comment_cut(t.p, t.n, 0));
    vl_span name, rest;
    int np;
    if (synset_header(t, &name, &np, &rest)) {
        s->synset = -2;
        return say(s, "bad synset name '" QFMT "'; its members are skipped", QARG(t.p, t.n));
    }
    s->synset = synset_find(s->d, name.p, name.n); /* registered by the first pass */
    s->synset_noplural = np;
    if (s->synset < 0) return oom(s);
    if (rest.n)
        return say(s, "text '" QFMT "' after synset name ignored", QARG(rest.p, rest.n));
    return 0;
}

static int do_line(vl_state *s, vl_span t) {
    if (t.n == 0) return 0;
    char c = t.p[0];
    if (c == '#') return 0;
    if (c == '~') {
        s->d->combine_verbs = 1;
        return transform_line(s, t);
    }
    if (c == '&') return synset_line(s, t);
    if (c == '+' && s->synset != -1) {
        if (s->synset == -2) return 0;
        vl_span m = trim(t.p, comment_cut(t.p, t.n, 0));
        return m.n ? member_line(s, m) : 0;
    }
    s->synset = -1;
    if (c == '-' && t.n >= 3 && t.p[1] == '-' && t.p[2] == '-') {
        vl_span h = trim(t.p, comment_cut(t.p, t.n, 0));
        return header_line(s, h);
    }
    if (c == '-') return pattern_line(s, t, 0);
    if (c == '*') return pattern_line(s, t, 1);
    if (c == '+' || isalnum((unsigned char)c)) {
        if (s->block < 0) {
            if (s->block_bad) return 0;
            return say(s, "verb '" QFMT "' outside a verb block; skipped",
                       QARG(t.p, comment_cut(t.p, t.n, 1)));
        }
        return verb_line(s, t);
    }
    return say(s, "cannot place a line starting with '%c'; skipped", c);
}

/* First pass: register every synset name, in file order. */
static int register_synsets(vl_state *s, char *buf, size_t len) {
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        vl_span t = trim(p, (size_t)(le - p));
        if (t.n && t.p[0] == '&') {
            vl_span name, rest;
            int np;
            if (!synset_header(t, &name, &np, &rest) && synset_get(s->d, name.p, name.n) < 0)
                return oom(s);
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int ent_load_verbs(ent_dict *d, const char *path, ent_diags *diags) {
    vl_state *s = calloc(1, sizeof *s);
    if (!s) return ent_diag(diags, path, 0, "out of memory"), -1;
    s->d = d;
    s->diags = diags;
    s->block = -1;
    s->synset = -1;
    ent_vec_init(&s->refs, sizeof(vl_ref));
    if (ent_strmap_init(&s->leads, 256) < 0) {
        ent_vec_free(&s->refs);
        free(s);
        return ent_diag(diags, path, 0, "out of memory"), -1;
    }
    int rc = 0;
    size_t len = 0;
    char *buf = NULL;
    if (d->frozen) {
        ent_diag(diags, path, 0, "cannot load verbs into a frozen dictionary");
        rc = -1;
        goto out;
    }
    s->path = ent_arena_strdup(&d->arena, path);
    if (!s->path) {
        s->path = path;
        rc = oom(s);
        goto out;
    }
    buf = ent_dict_read_file(d, path, &len, diags);
    if (!buf) {
        rc = -1;
        goto out;
    }
    if (blank_xml_comments(s, buf, len) < 0 || register_synsets(s, buf, len) < 0) {
        rc = -1;
        goto out;
    }
    s->line = 0;
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        s->line++;
        if (do_line(s, trim(p, (size_t)(le - p))) < 0) {
            rc = -1;
            goto out;
        }
        p = nl ? nl + 1 : end;
    }
    s->line = 0;
    if (expand_nested(s) < 0 || resolve_transforms(s) < 0) rc = -1;
    if (s->brackets) d->verb_form2 = 1;
out:
    free(buf);
    ent_vec_free(&s->refs);
    ent_strmap_free(&s->leads);
    free(s);
    return rc;
}
