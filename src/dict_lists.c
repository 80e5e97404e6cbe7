/* dict_lists.c -- the phrase-list dictionaries: discards and issues.
 *
 * Discards: one phrase per line; a leading `+` discards the whole story,
 * otherwise only the sentence.
 *
 * Issues (Phoenix issue coding):
 *   <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
 *   n:teacher [TEACHERS]          n: a noun: singular and plural
 *   pre+n:school [SCHOOLS]        + joins: PRE SCHOOL, PRE-SCHOOL, PRESCHOOL
 *   v:kidnap                      no code: the section's category is the code
 *   ~a head start                 exclusion; ~~ excludes the whole story
 *   </ISSUE>
 * v: and a: mark word classes and stand for the word itself.  Each
 * distinct code becomes one ent_issue carrying its section's category.
 *
 * Design: a line's variants (+ joins times noun plurals) are produced by a
 * small recursion over its tokens that writes each variant into one reused
 * scratch buffer, so the cost is the variants themselves and nothing else.
 */
#include "dict.h"
#include "dict_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Discards ------------------------------------------------------------ */

int ent_load_discards(ent_dict *d, const char *path, ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, path, diags) < 0) return -1;
    ent_lex_line ln;
    int rc = 0, r;
    while (rc >= 0 && (r = ent_lex_next(&lx, &ln)) != 0) {
        if (r < 0) { rc = -1; break; }
        if (ln.n == 0) continue;
        const char *s = ln.s;
        size_t n = ln.n;
        int flags = 0;
        if (*s == '+') {
            flags = ENT_DISCARD_STORY;
            s++;
            n--;
        }
        int w = ent_lex_phrase(&lx, s, n);
        if (w < 0) { rc = -2; break; }
        if (w == 0) {
            rc = ent_lex_diag(&lx, ln.no, "empty discard phrase");
            continue;
        }
        if (ent_phrase_add(d, &d->discard_ix, lx.wids, w, 0, flags) < 0) rc = -2;
    }
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}

/* ---- Issues ------------------------------------------------------------------ */

/* Variants per line beyond which the line is refused: 3 join forms and 2
 * noun forms per token make 6^k; real lines stay far below. */
#define MAX_VARIANTS 1024

typedef struct token {
    const char *s;         /* raw token, e.g. "pre+n:school" */
    size_t n;
    int joined;            /* has a + */
    int noun;              /* has n: */
} token;

typedef struct issues_ctx {
    ent_lex *lx;
    ent_strmap codes;      /* code -> issue index */
    ent_vec toks;          /* token, reused per line */
    int32_t values[16];    /* issue indexes of this line's codes */
    int n_values;
    int32_t flags;
    int variants;
} issues_ctx;

/* Does s[i] start a word-class marker (n:, v:, a:)? */
static int marker_at(const char *s, size_t n, size_t i) {
    if (i + 1 >= n || s[i + 1] != ':') return 0;
    char c = (char)tolower((unsigned char)s[i]);
    return (c == 'n' || c == 'v' || c == 'a') && (i == 0 || s[i - 1] == '+');
}

/* Append a token's text to the scratch: markers dropped, `+` replaced by
 * `sep` (NULL = joined), plural on the last part when `plural`. */
static int emit_token(ent_buf *b, const token *t, const char *sep, int plural) {
    const char *s = t->s;
    size_t n = t->n, i = 0;
    size_t last_start = b->len;
    int first = 1;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '+') j++;
        size_t ps = i;
        if (marker_at(s, n, ps)) ps += 2;
        if (j > ps) {
            if (!first && sep && ent_buf_append(b, sep, strlen(sep)) < 0) return -1;
            last_start = b->len;
            if (ent_buf_append(b, s + ps, j - ps) < 0) return -1;
            first = 0;
        }
        i = j + 1;
    }
    if (plural && b->len > last_start) {
        /* Re-write the last part as its plural: copy it out first since
         * the plural is appended to the same buffer. */
        char small[128];
        size_t ln = b->len - last_start;
        char *w = ln < sizeof small ? small : malloc(ln);
        if (!w) return -1;
        memcpy(w, b->data + last_start, ln);
        b->len = last_start;
        int rc = ent_lex_plural(b, w, ln);
        if (w != small) free(w);
        if (rc < 0) return -1;
    }
    return 0;
}

static int add_issue_phrase(issues_ctx *cx) {
    ent_lex *lx = cx->lx;
    if (++cx->variants > MAX_VARIANTS) return -3;
    int n = ent_lex_phrase(lx, lx->scratch.data, lx->scratch.len);
    if (n < 0) return -2;
    if (n == 0) return 0;
    if (cx->flags & ENT_ISSUE_EXCLUDE)
        return ent_phrase_add(lx->d, &lx->d->issue_ix, lx->wids, n, -1, cx->flags) < 0 ? -2 : 0;
    for (int i = 0; i < cx->n_values; i++)
        if (ent_phrase_add(lx->d, &lx->d->issue_ix, lx->wids, n, cx->values[i], 0) < 0) return -2;
    return 0;
}

/* Every combination of the tokens from k on.  0, -2 OOM, -3 too many. */
static int variants(issues_ctx *cx, size_t k) {
    ent_buf *b = &cx->lx->scratch;
    if (k == cx->toks.len) return add_issue_phrase(cx);
    const token *t = &ENT_VEC_AT(&cx->toks, token, k);
    static const char *const seps[] = {" ", "-", NULL};
    size_t keep = b->len;
    for (int j = 0; j < (t->joined ? 3 : 1); j++) {
        for (int pl = 0; pl <= t->noun; pl++) {
            b->len = keep;
            if (k > 0 && ent_buf_append(b, " ", 1) < 0) return -2;
            if (emit_token(b, t, seps[j], pl) < 0) return -2;
            int rc = variants(cx, k + 1);
            if (rc < 0) return rc;
        }
    }
    b->len = keep;
    return 0;
}

/* Issue index for a code, creating it in `category`.  -1 on OOM. */
static int32_t issue_for(issues_ctx *cx, const char *code, size_t n, const char *category) {
    ent_dict *d = cx->lx->d;
    int32_t ix = ent_strmap_get(&cx->codes, code, n);
    if (ix >= 0) return ix;
    ent_issue *is = ent_vec_push(&d->issues);
    char *c = ent_arena_strndup(&d->arena, code, n);
    if (!is || !c) return -1;
    is->code = c;
    is->category = category;
    ix = (int32_t)(d->issues.len - 1);
    if (ent_strmap_put(&cx->codes, code, n, ix) < 0) return -1;
    return ix;
}

/* Value of attribute `name` in an <ISSUE ...> tag, as a span. */
static int tag_attr(const char *s, size_t n, const char *name, const char **v, size_t *vn) {
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++) {
        if (strncasecmp(s + i, name, k) != 0 || s[i + k] != '=' || s[i + k + 1] != '"') continue;
        const char *start = s + i + k + 2;
        const char *q = memchr(start, '"', (size_t)(s + n - start));
        if (!q) return -1;
        *v = start;
        *vn = (size_t)(q - start);
        return 0;
    }
    return -1;
}

/* One phrase line inside a section.  0, -1 stop, -2 OOM. */
static int issue_line(issues_ctx *cx, const ent_lex_line *ln, const char *category) {
    ent_lex *lx = cx->lx;
    const char *s = ln->s, *end = ln->s + ln->n;
    cx->flags = 0;
    if (*s == '~') {
        cx->flags = ENT_ISSUE_EXCLUDE;
        s++;
        if (s < end && *s == '~') {
            cx->flags |= ENT_ISSUE_EXCLUDE_STORY;
            s++;
        }
    }
    const char *sq = memchr(s, '[', (size_t)(end - s));
    const char *pend = sq ? sq : end;
    /* Tokens of the phrase. */
    cx->toks.len = 0;
    for (const char *q = ent_lex_skip_ws(s, pend); q < pend; q = ent_lex_skip_ws(q, pend)) {
        const char *t = q;
        while (q < pend && *q != ' ' && *q != '\t') q++;
        token *tk = ent_vec_push(&cx->toks);
        if (!tk) return -2;
        tk->s = t;
        tk->n = (size_t)(q - t);
        tk->joined = memchr(t, '+', tk->n) != NULL;
        tk->noun = 0;
        for (size_t i = 0; i < tk->n; i++)
            if (marker_at(t, tk->n, i) && tolower((unsigned char)t[i]) == 'n') tk->noun = 1;
    }
    if (cx->toks.len == 0) return ent_lex_diag(lx, ln->no, "issue line has no phrase");
    /* Refuse an explosion before anything of the line is added. */
    size_t count = 1;
    for (size_t i = 0; i < cx->toks.len && count <= MAX_VARIANTS; i++) {
        const token *tk = &ENT_VEC_AT(&cx->toks, token, i);
        count *= (size_t)(tk->joined ? 3 : 1) * (size_t)(tk->noun ? 2 : 1);
    }
    if (count > MAX_VARIANTS)
        return ent_lex_diag(lx, ln->no, "more than %d variants: %.*s", MAX_VARIANTS,
                            ENT_LEX_SHOW(ln->s, ln->n));
    /* Codes: one or more [CODE]; none means the category itself.  All are
     * checked before any issue is created, so a bad line leaves nothing. */
    const char *cs[16];
    size_t cl[16];
    int nc = 0;
    const char *p = sq;
    while (p && (p = ent_lex_skip_ws(p, end)) < end) {
        const char *close = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : NULL;
        if (!close) {
            int rc = ent_lex_diag(lx, ln->no, "%s: %.*s",
                                  *p == '[' ? "unterminated [" : "text after the code",
                                  ENT_LEX_SHOW(p, (size_t)(end - p)));
            if (rc < 0 || *p == '[') return rc;
            break; /* keep what came before the junk */
        }
        const char *c = p + 1;
        size_t cn = (size_t)(close - p - 1);
        ent_lex_trim(&c, &cn);
        if (cn == 0) return ent_lex_diag(lx, ln->no, "empty issue code");
        if (nc == 16) return ent_lex_diag(lx, ln->no, "more than 16 codes");
        cs[nc] = c;
        cl[nc++] = cn;
        p = close + 1;
    }
    cx->n_values = 0;
    if (!(cx->flags & ENT_ISSUE_EXCLUDE) && nc == 0) {
        cs[0] = category;
        cl[0] = strlen(category);
        nc = 1;
    }
    for (int k = 0; k < nc && !(cx->flags & ENT_ISSUE_EXCLUDE); k++) {
        int32_t v = issue_for(cx, cs[k], cl[k], category);
        if (v < 0) return -2;
        int dup = 0;
        for (int i = 0; i < cx->n_values; i++) dup |= cx->values[i] == v;
        if (!dup) cx->values[cx->n_values++] = v;
    }
    cx->variants = 0;
    cx->lx->scratch.len = 0;
    int rc = variants(cx, 0);
    if (rc == -3)
        return ent_lex_diag(lx, ln->no, "more than %d variants: %.*s", MAX_VARIANTS,
                            ENT_LEX_SHOW(ln->s, ln->n));
    return rc;
}

int ent_load_issues(ent_dict *d, const char *path, ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, path, diags) < 0) return -1;
    issues_ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.lx = &lx;
    ent_vec_init(&cx.toks, sizeof(token));
    int rc = ent_strmap_init(&cx.codes, 256) < 0 ? -2 : 0;
    /* Codes already loaded (an earlier issues file) keep their issue. */
    for (size_t i = 0; rc == 0 && i < d->issues.len; i++) {
        const ent_issue *is = &ENT_VEC_AT(&d->issues, ent_issue, i);
        if (ent_strmap_put(&cx.codes, is->code, strlen(is->code), (int32_t)i) < 0) rc = -2;
    }
    const char *category = NULL;
    ent_lex_line ln;
    int r;
    while (rc >= 0 && (r = ent_lex_next(&lx, &ln)) != 0) {
        if (r < 0) { rc = -1; break; }
        if (ln.n == 0) continue;
        if (ln.s[0] == '<') {
            if (ln.n >= 8 && strncasecmp(ln.s, "</ISSUE>", 8) == 0) {
                if (!category) rc = ent_lex_diag(&lx, ln.no, "</ISSUE> without <ISSUE>");
                category = NULL;
            } else if (ln.n >= 6 && strncasecmp(ln.s, "<ISSUE", 6) == 0) {
                const char *v;
                size_t vn;
                if (category) {
                    rc = ent_lex_diag(&lx, ln.no, "<ISSUE> inside another <ISSUE>");
                    if (rc < 0) break;
                }
                if (tag_attr(ln.s, ln.n, "CATEGORY", &v, &vn) < 0 || vn == 0) {
                    category = NULL;
                    rc = ent_lex_diag(&lx, ln.no, "<ISSUE> without CATEGORY=\"...\"");
                } else if (!(category = ent_arena_strndup(&d->arena, v, vn))) {
                    rc = -2;
                }
            } else {
                rc = ent_lex_diag(&lx, ln.no, "unknown tag: %.*s", ENT_LEX_SHOW(ln.s, ln.n));
            }
            continue;
        }
        if (!category) {
            rc = ent_lex_diag(&lx, ln.no, "issue outside an <ISSUE> section: %.*s",
                              ENT_LEX_SHOW(ln.s, ln.n));
            continue;
        }
        rc = issue_line(&cx, &ln, category);
    }
    if (rc >= 0 && category)
        rc = ent_lex_diag(&lx, lx.line_no, "missing </ISSUE> at end of file");
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_strmap_free(&cx.codes);
    ent_vec_free(&cx.toks);
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}
