/* urlquery.c -- see urlquery.h.
 *
 * Design.  One pass over the string: each pair is cut at '&' (and ';' is
 * not a separator: browsers do not send it, and two separators would be
 * two ways to smuggle a parameter), split at its first '=', and both
 * halves decoded into one block sized for the whole input, so a query is
 * a single allocation whatever its shape.
 */
#include "urlquery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long ent_urlquery_decode(const char *s, size_t len, int plus, char *out) {
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= len) return -1;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0) return -1;
            c = (char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == '\0') return -1;
        out[k++] = c;
    }
    out[k] = '\0';
    /* the handlers compare and print values: they must be text */
    for (size_t i = 0; i < k;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)out + i,
                                              (utf8proc_ssize_t)(k - i), &cp);
        if (n <= 0) return -1;
        i += (size_t)n;
    }
    return (long)k;
}

int ent_urlquery_parse(ent_urlquery *q, const char *s, size_t len, char *err, size_t cap) {
    memset(q, 0, sizeof *q);
    if (len > ENT_URLQUERY_MAX_LEN) {
        snprintf(err, cap, "query string longer than %d bytes", ENT_URLQUERY_MAX_LEN);
        return -1;
    }
    /* every decoded string is no longer than its source, plus a NUL each */
    q->mem = malloc(len + 2 * ENT_URLQUERY_MAX + 2);
    if (!q->mem) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    char *w = q->mem;
    size_t at = 0;
    while (at < len) {
        const char *amp = memchr(s + at, '&', len - at);
        size_t end = amp ? (size_t)(amp - s) : len;
        if (end == at) {   /* "a=1&&b=2", a trailing '&': nothing to read */
            at = end + 1;
            continue;
        }
        if (q->n == ENT_URLQUERY_MAX) {
            snprintf(err, cap, "more than %d query parameters", ENT_URLQUERY_MAX);
            return -1;
        }
        const char *eq = memchr(s + at, '=', end - at);
        size_t klen = eq ? (size_t)(eq - (s + at)) : end - at;
        long kn = ent_urlquery_decode(s + at, klen, 1, w);
        if (kn <= 0) {
            snprintf(err, cap, kn == 0 ? "empty parameter name"
                                       : "malformed %%-escape or bytes that are not UTF-8 in a parameter name");
            return -1;
        }
        const char *key = w;
        w += kn + 1;
        long vn = 0;
        if (eq) vn = ent_urlquery_decode(eq + 1, (size_t)(s + end - (eq + 1)), 1, w);
        else *w = '\0';
        if (vn < 0) {
            snprintf(err, cap, "parameter %.64s: malformed %%-escape or bytes that are not UTF-8", key);
            return -1;
        }
        if (ent_urlquery_get(q, key)) {
            snprintf(err, cap, "parameter %.64s given twice", key);
            return -1;
        }
        q->key[q->n] = key;
        q->val[q->n++] = w;
        w += vn + 1;
        at = end + 1;
    }
    return 0;
}

const char *ent_urlquery_get(const ent_urlquery *q, const char *key) {
    for (int i = 0; i < q->n; i++)
        if (!strcmp(q->key[i], key)) return q->val[i];
    return NULL;
}

void ent_urlquery_free(ent_urlquery *q) {
    free(q->mem);
    q->mem = NULL;
    q->n = 0;
}
