/* fuzz_urlquery.c -- libFuzzer entry for the HTTP server's query-string
 * parser (urlquery.c): any bytes are read or refused with a message, and
 * what is read keeps the parser's promises: at most ENT_URLQUERY_MAX
 * pairs, keys non-empty and unique, every string UTF-8 without a NUL and
 * no longer than the input, each value found again by its key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "urlquery.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t size) {
    size_t n = strlen(s);
    if (n > size) abort();
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) abort();
        i += (size_t)k;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ent_urlquery q;
    char err[256];
    err[0] = '\0';
    int rc = ent_urlquery_parse(&q, (const char *)data, size, err, sizeof err);
    if (rc < 0) {
        if (!err[0]) abort();   /* a refusal always says why */
    } else {
        if (rc != 0 || q.n < 0 || q.n > ENT_URLQUERY_MAX) abort();
        for (int i = 0; i < q.n; i++) {
            if (!q.key[i][0]) abort();
            check_text(q.key[i], size);
            check_text(q.val[i], size);
            if (ent_urlquery_get(&q, q.key[i]) != q.val[i]) abort();
            for (int j = 0; j < i; j++)
                if (!strcmp(q.key[i], q.key[j])) abort();
        }
    }
    ent_urlquery_free(&q);
    /* one component alone, as the parser decodes it */
    char *out = malloc(size + 1);
    if (!out) return 0;
    long n = ent_urlquery_decode((const char *)data, size, 1, out);
    if (n > (long)size) abort();
    if (n >= 0) check_text(out, size);
    free(out);
    return 0;
}
