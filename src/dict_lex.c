/* dict_lex.c -- line reading shared by the noun-dictionary loaders; see
 * dict_lex.h.
 *
 * The file is read once and lines are handed out as (pointer, length)
 * views into that buffer: no copy, no per-line allocation, no limit on
 * line length.  Comment handling lives here once so that every loader
 * treats `#`, `<!-- -->` and the odd `<! -- -->` the same way.
 */
#include "dict_lex.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

const char *ent_lex_skip_ws(const char *s, const char *end) {
    while (s < end && is_blank(*s)) s++;
    return s;
}

void ent_lex_trim(const char **s, size_t *n) {
    const char *p = *s, *e = *s + *n;
    while (p < e && is_blank(*p)) p++;
    while (e > p && is_blank(e[-1])) e--;
    *s = p;
    *n = (size_t)(e - p);
}

int ent_lex_open(ent_lex *lx, ent_dict *d, const char *path, ent_diags *diags) {
    memset(lx, 0, sizeof *lx);
    lx->d = d;
    lx->diags = diags;
    lx->path = ent_arena_strdup(&d->arena, path);
    if (!lx->path) {
        ent_diag(diags, path, 0, "out of memory");
        return -1;
    }
    lx->buf = ent_dict_read_file(d, path, &lx->len, diags);
    return lx->buf ? 0 : -1;
}

void ent_lex_close(ent_lex *lx) {
    free(lx->buf);
    free(lx->wids);
    ent_buf_free(&lx->scratch);
    lx->buf = NULL;
    lx->wids = NULL;
}

/* Find "-->" in s[0..n). */
static const char *find_html_end(const char *s, size_t n) {
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') return s + i;
    return NULL;
}

int ent_lex_next(ent_lex *lx, ent_lex_line *line) {
    long html_start = 0;
    while (lx->pos < lx->len) {
        const char *s = lx->buf + lx->pos;
        const char *nl = memchr(s, '\n', lx->len - lx->pos);
        size_t n = nl ? (size_t)(nl - s) : lx->len - lx->pos;
        lx->pos += n + (nl ? 1 : 0);
        lx->line_no++;

        const char *end = s + n;
        const char *p = s;
        int had_html = 0;
        if (html_start) {
            const char *e = find_html_end(s, n);
            if (!e) continue;
            html_start = 0;
            had_html = 1;
            p = e + 3;
        }
        p = ent_lex_skip_ws(p, end);
        /* <!-- ... --> (or <! -- ... -->): skip through the closing
         * marker, which may come lines later; text after it is read. */
        while (end - p >= 2 && p[0] == '<' && p[1] == '!') {
            const char *e = find_html_end(p + 2, (size_t)(end - p - 2));
            if (!e) {
                html_start = lx->line_no;
                break;
            }
            had_html = 1;
            p = ent_lex_skip_ws(e + 3, end);
        }
        if (html_start || (had_html && p == end)) continue;
        /* Cut a `#` comment, but not inside [...] or {...}: codes such as
         * [###] are data. */
        int in_sq = 0, in_br = 0;
        const char *q = p;
        for (; q < end; q++) {
            char c = *q;
            if (c == '[') in_sq = 1;
            else if (c == ']') in_sq = 0;
            else if (c == '{') in_br = 1;
            else if (c == '}') in_br = 0;
            else if (c == '#' && !in_sq && !in_br) break;
        }
        int had_comment = q < end;
        end = q;
        while (end > p && is_blank(end[-1])) end--;
        if (end == p && had_comment) continue; /* comment-only line */
        line->s = p;
        line->n = (size_t)(end - p);
        line->no = lx->line_no;
        line->indented = n > 0 && (s[0] == ' ' || s[0] == '\t');
        return 1;
    }
    if (html_start &&
        ent_diag(lx->diags, lx->path, html_start, "unterminated <!-- comment") < 0)
        return -1;
    return 0;
}

int ent_lex_phrase(ent_lex *lx, const char *s, size_t n) {
    /* Upper bound on the word count: one more than the separators. */
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '_' || s[i] == '\t') words++;
    if (words > (size_t)INT32_MAX / 2) return -1;
    if (words > lx->wcap) {
        size_t cap = lx->wcap ? lx->wcap : 64;
        while (cap < words) cap *= 2;
        ent_wid *w = realloc(lx->wids, cap * sizeof *w);
        if (!w) return -1;
        lx->wids = w;
        lx->wcap = cap;
    }
    return ent_dict_phrase(lx->d, s, n, lx->wids, (int)lx->wcap);
}

int ent_lex_plural(ent_buf *out, const char *w, size_t n) {
    char last = n ? (char)toupper((unsigned char)w[n - 1]) : 0;
    char prev = n > 1 ? (char)toupper((unsigned char)w[n - 2]) : 0;
    if (n >= 3 && toupper((unsigned char)w[n - 3]) == 'M' && prev == 'A' && last == 'N') {
        if (ent_buf_append(out, w, n - 2) < 0) return -1;
        return ent_buf_append(out, "EN", 2);
    }
    if (last == 'Y' && n > 1 && isalpha((unsigned char)prev) && !strchr("AEIOU", prev)) {
        if (ent_buf_append(out, w, n - 1) < 0) return -1;
        return ent_buf_append(out, "IES", 3);
    }
    if (ent_buf_append(out, w, n) < 0) return -1;
    if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S')))
        return ent_buf_append(out, "ES", 2);
    return ent_buf_append(out, "S", 1);
}

int ent_lex_diag(ent_lex *lx, long line, const char *fmt, ...) {
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ent_diag(lx->diags, lx->path, line, "%s", text);
}
